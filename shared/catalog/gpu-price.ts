/**
 * The price a buyer sees for a card, and which price it is: the user's own entry first, then a dated
 * street price (used or new) with its source, then the catalog's used price, then the launch MSRP —
 * labelled as such, since a card years past launch rarely sells at it. `upgrade` and `compare` rank
 * by this price and print its label.
 */
import type { GpuSpec } from './types';

export type PriceBasis = 'yours' | 'street-used' | 'street-new' | 'used' | 'msrp';

export interface GpuPrice {
  readonly usd: number;
  readonly basis: PriceBasis;
  /** How to read it, e.g. "used street price, 2026-05-16 (source)" or "launch MSRP (2020-09)". */
  readonly label: string;
}

export function gpuPrice(spec: GpuSpec, yours?: number | null): GpuPrice | null {
  if (yours && yours > 0) return { usd: yours, basis: 'yours', label: 'your price' };
  if (spec.street)
    return {
      usd: spec.street.usd,
      basis: spec.street.kind === 'used' ? 'street-used' : 'street-new',
      label: `${spec.street.kind === 'used' ? 'used' : 'new'} street price, ${spec.street.asOf} (${spec.street.source.ref})`,
    };
  if (spec.price?.usedUsd)
    return { usd: spec.price.usedUsd, basis: 'used', label: `used price, ${spec.price.asOf}` };
  if (spec.price?.newUsd)
    return {
      usd: spec.price.newUsd,
      basis: 'msrp',
      label: `launch MSRP${spec.released ? ` (${spec.released})` : ''}: today's price may differ`,
    };
  return null;
}

/** One line naming the prices a set of cards was ranked or summed by ("street prices for 3, MSRP for 1"). */
export function priceBasisSummary(prices: readonly (GpuPrice | null)[]): string {
  const count = (b: PriceBasis[]) => prices.filter((p) => p && b.includes(p.basis)).length;
  const parts = [
    [count(['yours']), 'your prices'],
    [count(['street-used', 'street-new', 'used']), 'street prices'],
    [count(['msrp']), 'launch MSRP (no street price on file)'],
    [prices.filter((p) => !p).length, 'no price'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${what} for ${n}`)
    .join(', ');
}

/** A short tag for tables: "used", "street", "MSRP", "yours". */
export const PRICE_TAG: Readonly<Record<PriceBasis, string>> = {
  yours: 'yours',
  'street-used': 'used',
  'street-new': 'street',
  used: 'used',
  msrp: 'MSRP',
};
