/**
 * The best-value frontier of price vs speed: the options no other option beats on both (cheaper and at
 * least as fast, or as cheap and faster). Each point off it has a better buy on it.
 */
export interface PricedPoint {
  readonly label: string;
  readonly priceUsd: number;
  readonly tokPerSec: number;
}

/** The frontier, cheapest first (its speed rises with its price). */
export function valueFrontier<P extends PricedPoint>(points: readonly P[]): P[] {
  const sorted = [...points].sort((a, b) => a.priceUsd - b.priceUsd || b.tokPerSec - a.tokPerSec);
  const frontier: P[] = [];
  for (const p of sorted) {
    const last = frontier[frontier.length - 1];
    if (!last || p.tokPerSec > last.tokPerSec) frontier.push(p);
  }
  return frontier;
}
