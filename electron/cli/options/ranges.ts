/**
 * The range of every number the CLI takes, and the one helper that reads them. A value outside its
 * range is bad input — one line naming the flag, the range and what was given, exit 2 — never a plan
 * for a 10^12-token context. Where the app's settings schema holds the same input, the range is the
 * schema's (shared/settings), so a value one front end takes the other takes too.
 */
import { CliUsageError } from '../cli-error';

export interface NumberRange {
  readonly min: number;
  readonly max: number;
  /** Whole numbers only. */
  readonly integer?: boolean;
  /** Said after the range: `from 1 to 10000 W`. */
  readonly unit?: string;
}

const TOKENS_MAX = 2 ** 24;

/** Every numeric flag's range, with where its numbers come from. */
export const FLAG_RANGES = {
  // 256: the smallest context the planner sizes; 2^24 tokens is 16× the longest context models ship.
  '--ctx': { min: 256, max: TOKENS_MAX, integer: true, unit: 'tokens' },
  '--depth': { min: 0, max: TOKENS_MAX, integer: true, unit: 'tokens' },
  // app-state.ts `concurrency`: 1–4096 parallel requests.
  '--concurrency': { min: 1, max: 4096, integer: true },
  '--parallel': { min: 1, max: 4096, integer: true },
  // llama.cpp's -ub: a power of two up to 64 Ki is the most anyone batches.
  '--ubatch': { min: 1, max: 65536, integer: true },
  // Layers: the largest models have a few hundred; 999 and 9999 are the usual "all of them".
  '--ngl': { min: 0, max: 9999, integer: true },
  '--n-cpu-moe': { min: 0, max: 9999, integer: true },
  // vLLM takes (0, 1]; under 5% of a card leaves no room for any model's weights.
  '--gpu-memory-utilization': { min: 0.05, max: 1 },
  // settings-schema.ts psuNotesSchema and caseNotesSchema.
  '--psu-watts': { min: 1, max: 10_000, integer: true, unit: 'W' },
  '--psu-pcie8': { min: 0, max: 32, integer: true },
  '--psu-12vhpwr': { min: 0, max: 16, integer: true },
  '--case-slots': { min: 1, max: 20, integer: true },
  // 64 TiB: more than any single machine holds; bandwidth capped as custom-gpu.ts caps a card's.
  '--ram-gib': { min: 1, max: 65536, unit: 'GiB' },
  '--ram-gbps': { min: 1, max: 20_000, unit: 'GB/s' },
  // slot-placements-schema.ts powerLimitsSchema: 30 W (the smallest cards' minimum) to 2000 W.
  '--power-limit': { min: 30, max: 2000, integer: true, unit: 'W' },
  // A GPU's price: under a dollar is no price; a million dollars is far beyond any single card.
  '--price': { min: 1, max: 1_000_000, unit: 'USD' },
  // A scan that takes an hour has hung; timers beyond 2^31 ms fire at once.
  '--deadline-ms': { min: 100, max: 3_600_000, integer: true, unit: 'ms' },
} as const satisfies Record<string, NumberRange>;

export type RangedFlag = keyof typeof FLAG_RANGES;

// Plain decimals (an exponent is read, then held to the range); not hex, binary, `Infinity` or blank,
// which Number() would also turn into numbers.
const DECIMAL = /^\+?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** `a whole number from 1 to 10000 W`. */
export function rangeWords({ min, max, integer, unit }: NumberRange): string {
  return `${integer ? 'a whole number' : 'a number'} from ${min} to ${max}${unit ? ` ${unit}` : ''}`;
}

/** `raw` as a number within `range`, null when the flag was not given; else a CliUsageError naming `flag`. */
export function numberIn(raw: string, flag: string, range: NumberRange): number;
export function numberIn(raw: string | undefined, flag: string, range: NumberRange): number | null;
export function numberIn(raw: string | undefined, flag: string, range: NumberRange): number | null {
  if (raw === undefined) return null;
  const text = raw.trim();
  const n = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!(n >= range.min && n <= range.max) || (range.integer && !Number.isInteger(n)))
    throw new CliUsageError(`${flag} must be ${rangeWords(range)} (got "${raw}")`);
  return n;
}

/** The value of a flag in FLAG_RANGES, checked against its range. */
export const flagNumber = (raw: string | undefined, flag: RangedFlag): number | null =>
  numberIn(raw, flag, FLAG_RANGES[flag]);
