import { describe, expect, it } from 'vitest';
import { GPU_CATALOG, gpuById } from './gpus/index';
import { gpuPrice, priceBasisSummary } from './gpu-price';

const spec = (id: string) => {
  const g = gpuById(id);
  if (!g) throw new Error(id);
  return g;
};

describe('the price a buyer sees', () => {
  it('your price first, then a dated street price with its source, then the launch MSRP labelled as such', () => {
    const p40 = spec('tesla-p40');
    expect(gpuPrice(p40, 120)).toMatchObject({ usd: 120, basis: 'yours' });
    const street = gpuPrice(p40);
    expect(street?.basis).toBe('street-used');
    expect(street?.usd).toBe(p40.street?.usd);
    expect(street?.label).toMatch(/^used street price, \d{4}-\d{2}.*\(.+\)$/);
    const msrpOnly = GPU_CATALOG.find((g) => !g.street && !g.price?.usedUsd && g.price?.newUsd);
    expect(msrpOnly).toBeDefined();
    expect(gpuPrice(msrpOnly!)).toMatchObject({
      basis: 'msrp',
      label: expect.stringMatching(/^launch MSRP/),
    });
  });

  it('sums up which prices a comparison used', () => {
    expect(priceBasisSummary([gpuPrice(spec('tesla-p40')), gpuPrice(spec('tesla-p40'), 100), null])).toBe(
      'your prices for 1, street prices for 1, no price for 1',
    );
  });
});
