/**
 * Fits the speed model's parameters (engine/speed-params.ts) to measured decode rows, and scores the
 * fit on sources it did not see.
 *
 * - The fit minimises a robust (soft-L1) loss of log(predicted ÷ measured) per row, each source group
 *   weighted by 1/√rows so one big benchmark table cannot outvote twenty small ones, plus a mild pull
 *   of each parameter toward its physical starting value (parameters few rows inform stay near it);
 *   parameters without one (UNPULLED_SPEED_PARAMS) are left to the rows.
 *   Parameters live in log space within their bounds; the optimiser is Adam with the exact gradient of
 *   the term model (a step is the larger of the memory-side and compute sums of products).
 * - Validation is leave-one-source-group-out: every group's rows are predicted by a fit on the others.
 *   Those out-of-fold errors are the figures the README and the tests report; the in-sample errors are
 *   printed beside them and never gate anything.
 */
import {
  SPEED_PARAM_INFO,
  SPEED_PARAM_KEYS,
  UNPULLED_SPEED_PARAMS,
  type SpeedParams,
} from '../engine/speed-params';
import { decodeRate, type StepModel } from '../engine/speed';
import type { SpeedSample } from './speed-samples';

interface CompiledTerm {
  readonly coef: number;
  readonly keys: readonly number[];
}

interface CompiledSample {
  readonly memory: readonly CompiledTerm[];
  readonly compute: readonly CompiledTerm[];
  /** log of measured tokens/s per sequence. */
  readonly target: number;
  readonly weight: number;
}

const KEY_INDEX = new Map(SPEED_PARAM_KEYS.map((k, i) => [k, i]));

function compileTerms(terms: StepModel['memory']): CompiledTerm[] {
  return terms.map((t) => ({ coef: t.coef, keys: t.keys.map((k) => KEY_INDEX.get(k) ?? -1) }));
}

const LOWER = SPEED_PARAM_KEYS.map((k) => {
  const info = SPEED_PARAM_INFO[k];
  // A bound of 0 cannot be reached in log space: a millionth of the upper bound stands for it.
  return Math.log(Math.max(info.min, info.max * 1e-6));
});
const UPPER = SPEED_PARAM_KEYS.map((k) => Math.log(SPEED_PARAM_INFO[k].max));
/** The ridge's weight per parameter: 0 for those without a physical starting value. */
const PULL = SPEED_PARAM_KEYS.map((k) => (UNPULLED_SPEED_PARAMS.has(k) ? 0 : 1));
const PRIOR = SPEED_PARAM_KEYS.map((k, i) =>
  Math.min(UPPER[i] ?? 0, Math.max(LOWER[i] ?? 0, Math.log(Math.max(SPEED_PARAM_INFO[k].initial, 1e-12)))),
);

export interface FitOptions {
  readonly iterations?: number;
  /** Strength of the pull toward the starting values, per parameter, in log units². */
  readonly ridge?: number;
  /** Scale of the soft-L1 loss: errors beyond about this (in log units) count linearly. */
  readonly robustScale?: number;
}

const DEFAULTS: Required<FitOptions> = { iterations: 500, ridge: 0.005, robustScale: 0.15 };

function compile(samples: readonly SpeedSample[]): CompiledSample[] {
  const perGroup = new Map<string, number>();
  for (const s of samples) perGroup.set(s.row.sourceGroup, (perGroup.get(s.row.sourceGroup) ?? 0) + 1);
  return samples.map((s) => ({
    memory: compileTerms(s.model.memory),
    compute: compileTerms(s.model.compute),
    target: Math.log(s.measured * s.model.sequences),
    weight: 1 / Math.sqrt(perGroup.get(s.row.sourceGroup) ?? 1),
  }));
}

function termValue(t: CompiledTerm, p: Float64Array): number {
  let v = t.coef;
  for (const k of t.keys) v *= p[k] ?? 1;
  return v;
}

/** Fitted parameters for these samples. */
export function fitSpeedParams(samples: readonly SpeedSample[], options: FitOptions = {}): SpeedParams {
  const o = { ...DEFAULTS, ...options };
  const data = compile(samples);
  const n = SPEED_PARAM_KEYS.length;
  const theta = Float64Array.from(PRIOR);
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  const grad = new Float64Array(n);
  const p = new Float64Array(n);
  const totalWeight = data.reduce((s, d) => s + d.weight, 0) || 1;
  const c2 = o.robustScale * o.robustScale;
  const lr = 0.05;
  for (let it = 1; it <= o.iterations; it += 1) {
    for (let k = 0; k < n; k += 1) p[k] = Math.exp(theta[k] ?? 0);
    grad.fill(0);
    for (const d of data) {
      let mem = 0;
      let comp = 0;
      for (const t of d.memory) mem += termValue(t, p);
      for (const t of d.compute) comp += termValue(t, p);
      const useCompute = comp > mem;
      const step = useCompute ? comp : mem;
      if (!(step > 0)) continue;
      // log predicted = log(sequences) − log(step); the residual against log measured.
      const residual = -Math.log(step) - d.target;
      const dLoss = (d.weight * residual) / Math.sqrt(1 + (residual * residual) / c2);
      // d(−log step)/dθ_k = −Σ (terms holding k) / step.
      for (const t of useCompute ? d.compute : d.memory) {
        const share = termValue(t, p) / step;
        for (const k of t.keys) if (k >= 0) grad[k] = (grad[k] ?? 0) - (dLoss * share) / totalWeight;
      }
    }
    for (let k = 0; k < n; k += 1) {
      const g = (grad[k] ?? 0) + o.ridge * (PULL[k] ?? 1) * ((theta[k] ?? 0) - (PRIOR[k] ?? 0));
      m[k] = 0.9 * (m[k] ?? 0) + 0.1 * g;
      v[k] = 0.999 * (v[k] ?? 0) + 0.001 * g * g;
      const mh = (m[k] ?? 0) / (1 - 0.9 ** it);
      const vh = (v[k] ?? 0) / (1 - 0.999 ** it);
      const next = (theta[k] ?? 0) - (lr * mh) / (Math.sqrt(vh) + 1e-9);
      theta[k] = Math.min(UPPER[k] ?? 0, Math.max(LOWER[k] ?? 0, next));
    }
  }
  return Object.fromEntries(SPEED_PARAM_KEYS.map((k, i) => [k, Math.exp(theta[i] ?? 0)])) as SpeedParams;
}

/** Predicted decode tokens/s per sequence of a sample under these parameters. */
export function predictSample(s: SpeedSample, p: SpeedParams): number {
  return decodeRate(s.model, p) / s.model.sequences;
}

export interface Scored {
  readonly sample: SpeedSample;
  readonly predicted: number;
  /** (predicted − measured) ÷ measured, %. */
  readonly errorPct: number;
}

export interface ErrorSummary {
  readonly rows: number;
  readonly groups: number;
  readonly medianAbsPct: number;
  readonly within25Pct: number;
  /** Median signed error, %: positive = predictions too high. */
  readonly biasPct: number;
}

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

export function summarise(scored: readonly Scored[]): ErrorSummary {
  const abs = scored.map((s) => Math.abs(s.errorPct));
  return {
    rows: scored.length,
    groups: new Set(scored.map((s) => s.sample.row.sourceGroup)).size,
    medianAbsPct: median(abs),
    within25Pct: (abs.filter((e) => e <= 25).length / Math.max(1, abs.length)) * 100,
    biasPct: median(scored.map((s) => s.errorPct)),
  };
}

export function score(samples: readonly SpeedSample[], p: SpeedParams): Scored[] {
  return samples.map((sample) => {
    const predicted = predictSample(sample, p);
    return { sample, predicted, errorPct: ((predicted - sample.measured) / sample.measured) * 100 };
  });
}

/**
 * Every sample predicted by a fit that did not see its source group. With `folds`, groups are dealt
 * into that many folds (sorted by name, round-robin) instead of one fold per group, to bound the time.
 */
export function outOfFold(
  samples: readonly SpeedSample[],
  options: FitOptions & { folds?: number } = {},
): Scored[] {
  const groups = [...new Set(samples.map((s) => s.row.sourceGroup))].sort();
  const folds = Math.min(options.folds ?? groups.length, groups.length);
  const foldOf = new Map(groups.map((g, i) => [g, i % folds]));
  const out: Scored[] = [];
  for (let f = 0; f < folds; f += 1) {
    const train = samples.filter((s) => foldOf.get(s.row.sourceGroup) !== f);
    const test = samples.filter((s) => foldOf.get(s.row.sourceGroup) === f);
    if (test.length === 0) continue;
    out.push(...score(test, fitSpeedParams(train, options)));
  }
  return out;
}

/** Errors grouped by a key (family, precision), largest groups first. */
export function byKey(scored: readonly Scored[], key: (s: SpeedSample) => string): [string, ErrorSummary][] {
  const groups = new Map<string, Scored[]>();
  for (const s of scored) {
    const k = key(s.sample);
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  return [...groups.entries()]
    .map(([k, v]) => [k, summarise(v)] as [string, ErrorSummary])
    .sort((a, b) => b[1].rows - a[1].rows);
}

/** Ratio quantiles of measured ÷ predicted out of fold: the band a prediction carries. */
export function bandOf(scored: readonly Scored[], lowQ = 0.1, highQ = 0.9): { low: number; high: number } {
  const ratios = scored.map((s) => s.sample.measured / s.predicted).sort((a, b) => a - b);
  const at = (q: number) =>
    ratios[Math.min(ratios.length - 1, Math.max(0, Math.round(q * (ratios.length - 1))))] ?? 1;
  return { low: at(lowQ), high: at(highQ) };
}
