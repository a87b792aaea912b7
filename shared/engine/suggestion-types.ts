/**
 * A cheap change that flips a verdict, re-planned with its effect: a quantized KV cache that makes a
 * long context fit on the GPUs, the largest quantization that fits fully on them, a shorter context,
 * a power limit, a bigger PSU, another runtime. The engine says what changes (inputs by id, values);
 * each front end words how to make the change (a CLI flag, a field in the app).
 */
import type { CacheType } from './kv-cache';
import type { PowerLimitEntry } from './machine';
import type { FitState, Runtime, SplitMode } from './planner/plan-types';
import type { Range } from './speed';

export type SuggestionKind =
  | 'kv-cache'
  | 'quant'
  | 'context'
  | 'offload'
  | 'concurrency'
  | 'runtime'
  | 'strategy'
  | 'power-limit'
  | 'psu';

/** The inputs a suggestion changes, with their new values (only the ones it changes are present). */
export interface SuggestionChange {
  readonly cacheType?: CacheType;
  /** Quantization id (`Q4_K_M`, `IQ3_XXS`, `awq`). */
  readonly quant?: string;
  readonly ctx?: number;
  readonly runtime?: Runtime;
  /** Split to plan for (`auto` lifts a pinned one). */
  readonly split?: SplitMode | 'auto';
  /** Strategy id to follow. */
  readonly strategy?: string;
  readonly concurrency?: number;
  readonly powerLimits?: readonly PowerLimitEntry[];
  readonly psuWatts?: number;
  /** The PSU is ATX 3.x (tested for 160% excursions for 10 ms). */
  readonly psuAtx3?: boolean;
}

export interface Suggestion {
  readonly kind: SuggestionKind;
  readonly change: SuggestionChange;
  /** The plan with the change made: where the model lives, how fast, how much context fits, which strategy. */
  readonly effect: {
    readonly fit: FitState;
    readonly decodeTokPerSec: Range | null;
    readonly maxContext: number;
    readonly strategy: string | null;
  };
  /** One sentence with the numbers, naming no flag or field. */
  readonly summary: string;
}
