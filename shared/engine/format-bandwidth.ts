/**
 * Link bandwidth as a person reads it, wherever the engine prints one: two significant digits below
 * 10 GB/s, whole numbers above. A PCIe x1 riser carries 0.25–0.5 GB/s (half that when transfers bounce
 * through host memory), which `toFixed(0)` printed as "0 GB/s".
 */

/** GB/s → `0.13 GB/s`, `0.5 GB/s`, `3.9 GB/s`, `32 GB/s`; `? GB/s` for a value that is not one. */
export function formatGBs(gbs: number): string {
  if (!Number.isFinite(gbs) || gbs < 0) return '? GB/s';
  const shown = gbs >= 10 ? Math.round(gbs) : Number(gbs.toPrecision(2));
  return `${shown} GB/s`;
}
