/**
 * What crosses the link between GPUs for each generated token — the numbers the speed model uses
 * (speed.ts) and the split diagram shows. Activations travel as 16-bit values (2 bytes each).
 */

/** Bytes per activation value on the wire (fp16 / bf16). */
export const ACTIVATION_BYTES = 2;

/** Layer split / pipeline stage boundary: one hidden-state vector per token, bytes. */
export function hiddenStateBytesPerToken(hiddenSize: number): number {
  return hiddenSize * ACTIVATION_BYTES;
}

/**
 * One all-reduce of a hidden-state vector over `tp` GPUs, bytes each GPU sends and receives
 * (ring all-reduce: 2 × (tp − 1) / tp of the vector).
 */
export function allReduceBytes(hiddenSize: number, tp: number): number {
  return tp <= 1 ? 0 : (hiddenSize * ACTIVATION_BYTES * 2 * (tp - 1)) / tp;
}

/** Tensor parallel: two all-reduces per layer (after attention and after the MLP), bytes per token per GPU. */
export function allReduceBytesPerToken(hiddenSize: number, layers: number, tp: number): number {
  return 2 * layers * allReduceBytes(hiddenSize, tp);
}
