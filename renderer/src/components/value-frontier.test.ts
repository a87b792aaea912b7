import { describe, expect, it } from 'vitest';
import { valueFrontier } from './value-frontier';

describe('valueFrontier', () => {
  it('keeps the points nothing beats on both price and speed, cheapest first', () => {
    const p = (label: string, priceUsd: number, tokPerSec: number) => ({ label, priceUsd, tokPerSec });
    const points = [
      p('a', 700, 20),
      p('b', 300, 8),
      p('c', 800, 18),
      p('d', 1600, 34),
      p('e', 300, 5),
      p('f', 2000, 34),
    ];
    expect(valueFrontier(points).map((x) => x.label)).toEqual(['b', 'a', 'd']);
    expect(valueFrontier([])).toEqual([]);
  });
});
