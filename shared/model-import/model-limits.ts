/**
 * The range every architecture number read from a GGUF header or a config.json must lie in before it
 * sizes a loop, an array or an estimate. The planner walks the layers and multiplies the sizes, so a
 * header saying 2^64−1 blocks must be refused here, in one line, not reach it (it ran 70 s to 5.9 GB).
 * Each cap sits far above the largest real model — so no real file is refused — and far below where the
 * work or the arithmetic would run away. Largest real values, for scale: 126 layers and hidden 16384
 * (Llama 3.1 405B), 128 heads, head_dim 256 (Gemma) / 576 (DeepSeek MLA latent), FFN 53248 (Llama 405B),
 * vocabulary 262144 (Gemma 3), 384 routed experts (Kimi K2), context 10,485,760 (Llama 4 Scout).
 */
import { ModelImportError } from './model-import-error';

/** An inclusive range, and what a number in it counts (for the message). */
export interface Limit {
  readonly min: number;
  readonly max: number;
  /** Counts must be whole numbers; sizes that may come from a division (head_dim = hidden / heads) need not. */
  readonly whole: boolean;
  /** "layer count", "hidden size", … */
  readonly what: string;
}

const limit = (what: string, min: number, max: number, whole = true): Limit => ({ what, min, max, whole });

/** Most transformer blocks: 8× the deepest real LLM (126); the planner loops over them. */
export const MAX_LAYERS = 1024;
/** Widest hidden size / FFN / LoRA rank: 2^20, 64× the widest real model (16384). */
const MAX_WIDTH = 2 ** 20;
/** Most attention heads: 2^14, 128× the most in a real model (128). */
const MAX_HEADS = 2 ** 14;
/** Most experts: 4096, 10× Kimi K2's 384 routed experts. */
const MAX_EXPERTS = 4096;
/** Longest context or sliding window: 2^24 tokens, 1.6× Llama 4 Scout's 10M. */
const MAX_CONTEXT = 2 ** 24;

export const LIMITS = {
  layers: limit('layer count', 1, MAX_LAYERS),
  hiddenSize: limit('hidden size', 1, MAX_WIDTH),
  heads: limit('attention head count', 1, MAX_HEADS),
  kvHeads: limit('KV head count', 1, MAX_HEADS),
  /** Head width: 2^16, 100× the widest real head (576). */
  headDim: limit('head size', Number.MIN_VALUE, 2 ** 16, false),
  ffn: limit('feed-forward width', 0, MAX_WIDTH),
  /** Vocabulary: 2^22 tokens, 16× Gemma 3's 262144. */
  vocab: limit('vocabulary size', 1, 2 ** 22),
  experts: limit('expert count', 1, MAX_EXPERTS),
  sharedExperts: limit('shared expert count', 0, MAX_EXPERTS, false),
  context: limit('context length', 1, MAX_CONTEXT),
  slidingWindow: limit('sliding window', 1, MAX_CONTEXT),
  /** Period of the sliding/global layer pattern (Gemma 3: 6); a period longer than the layers is all-sliding. */
  slidingPeriod: limit('sliding window period', 0, MAX_LAYERS, false),
  loraRank: limit('low-rank dimension', 1, MAX_WIDTH),
  /** Extra checkpoint layers (multi-token prediction): DeepSeek-V3 has 1. */
  extraLayers: limit('extra layer count', 0, MAX_LAYERS),
  /** Checkpoint bytes (index `total_size`): 2^50 = 1 PiB, 1000× a 1T-parameter model in bf16. */
  checkpointBytes: limit('checkpoint size in bytes', 1, 2 ** 50),
  /** EXL2 bits per weight: exllamav2 converts at 2.0 to 8.0 (findQuant's range). */
  exl2Bits: limit('EXL2 bits per weight', 2, 8, false),
} as const satisfies Record<string, Limit>;

/** The limit with a different range (e.g. active experts ≤ the experts there are). */
export const within = (base: Limit, min: number, max: number): Limit => ({ ...base, min, max });

/** `value` when it lies in `limit`; else a one-line ModelImportError naming `key` (`llama.block_count`). */
export function inRange(value: number, lim: Limit, key: string): number {
  const ok =
    Number.isFinite(value) && value >= lim.min && value <= lim.max && (!lim.whole || Number.isInteger(value));
  if (ok) return value;
  const range = `${lim.whole ? 'a whole number ' : ''}${lim.min === Number.MIN_VALUE ? 'above 0' : `from ${lim.min}`} to ${lim.max}`;
  throw new ModelImportError(
    'out-of-range',
    `${key} is ${value}, not a plausible ${lim.what} (expected ${range})`,
  );
}
