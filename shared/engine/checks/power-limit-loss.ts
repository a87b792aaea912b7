/**
 * What a power limit costs in decode speed. Decode is memory-bound, so a moderate limit costs little
 * and a deep one collapses it (CHECK.powerLimitLoss, a llama.cpp sweep on RTX 3090s).
 */
import { CHECK } from './check-thresholds';

/** Estimated share of decode tokens/s lost at `fraction` of the default power limit (linear between sweep points). */
export function decodeLossAt(fraction: number): number {
  const pts = CHECK.powerLimitLoss;
  for (let i = 1; i < pts.length; i += 1) {
    const [hiF, hiL] = pts[i - 1] ?? [1, 0];
    const [loF, loL] = pts[i] ?? [0, 1];
    if (fraction >= loF) return fraction >= hiF ? hiL : loL + ((hiL - loL) * (fraction - loF)) / (hiF - loF);
  }
  return pts.at(-1)?.[1] ?? 1;
}
