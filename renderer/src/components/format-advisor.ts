/**
 * How the advisor's numbers are written for a person: ranges, GiB, tokens, bytes per token. Only
 * formatting — every number comes from shared/engine.
 */
import type { Range } from '@shared/engine/speed';

/** MiB → `21.8` (GiB, one decimal). */
export const gib = (mib: number): string => (mib / 1024).toFixed(1);

/** `11.7–19.5 tok/s (expected 15.6)`, or `unknown`. */
export function formatRange(r: Range | null, unit = 'tok/s'): string {
  if (!r) return 'unknown';
  const digits = r.high >= 100 ? 0 : 1;
  return `${r.low.toFixed(digits)}–${r.high.toFixed(digits)} ${unit} (expected ${r.expected.toFixed(digits)})`;
}

/** `11.7–19.5`, or `—`. */
export const shortRange = (r: Range | null): string => {
  if (!r) return '—';
  const digits = r.high >= 100 ? 0 : 1;
  return `${r.low.toFixed(digits)}–${r.high.toFixed(digits)}`;
};

/** Billions of parameters as people write them: `30.5B`, `8.03B`, `671B`. */
export function formatParamsB(b: number): string {
  const digits = b >= 100 ? 0 : b >= 10 ? 1 : 2;
  return `${Number(b.toFixed(digits))}B`;
}

/** `18,944` tokens. */
export const tokens = (n: number): string => n.toLocaleString('en');

/** Bytes → `16 KB`, `1.3 MB` (decimal units, as link speeds are quoted). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(bytes < 1e4 ? 1 : 0)} KB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}
