/**
 * Calibrating a machine on its own measurements. Each measured run becomes a point: what was run
 * (runtime, GPUs, split, how many bytes a token reads, depth, streams) and measured ÷ predicted. A plan
 * on that machine then scales its speed by the points that resemble it — a run of the same
 * configuration all but alone, others fading with distance — and its band narrows near a measured
 * configuration and widens when it extrapolates (other model size, other split, weights in RAM).
 * A point only applies to strategies that run on the kinds of GPU it was measured on, and on the same
 * engine: an added card of another kind, or another engine, plans uncalibrated.
 */
import { totalWeightBytes, type EngineModel } from '../model-import/model-weights';
import type { EngineGpu, EngineMachine } from './machine';
import type { MemoryBackend, MemoryCalibrationPoint } from './memory-calibration';
import { decodeDepth } from './planner/defaults';
import type { PlanRequest, Runtime, SplitMode, Strategy } from './planner/plan-types';
import type { Range } from './speed';

export type MeasuredPhase = 'decode' | 'prefill';

/** One measured run on this machine, as a calibration point. */
export interface RigCalibrationPoint {
  readonly runtime: Runtime;
  readonly phase: MeasuredPhase;
  /** The kinds of GPU it ran on (catalog id, else the name), one entry per GPU. */
  readonly gpus: readonly string[];
  readonly split: SplitMode;
  /** Whether weights sat in system RAM (partial `-ngl`, experts on the CPU). */
  readonly ramOffload: boolean;
  readonly model: string;
  readonly quant: string;
  /** The KV cache's types and flash attention (`f16/f16 fa`, `q8_0/q8_0 fa`, `fp8`). */
  readonly kv: string;
  /** Weights read per token (active experts only), GiB: what sets decode speed. */
  readonly activeWeightGiB: number;
  /** Tokens already in the context while it was measured. */
  readonly depth: number;
  readonly concurrency: number;
  readonly measuredTokPerSec: number;
  /** What the planner predicted for the same run when it was imported (expected, uncalibrated). */
  readonly predictedTokPerSec: number;
  /** Where it came from (file name, `llama-bench b6123`). */
  readonly source: string;
  /**
   * The backend it ran on (llama-bench's backend column); null when it does not say, absent in points
   * from before it was kept. A run on another backend than the plan's (Vulkan for a CUDA or ROCm plan)
   * still calibrates it, and the summary says so.
   */
  readonly backend?: MemoryBackend | null;
}

/** A machine's calibration: its measured runs, and the buffers its load and start-up logs measured. */
export interface RigCalibration {
  readonly points: readonly RigCalibrationPoint[];
  /** Measured buffer sizes (memory-calibration.ts); absent in calibrations from before they were kept. */
  readonly memory?: readonly MemoryCalibrationPoint[];
}

/** How one speed figure was calibrated. */
export interface AppliedCalibration {
  /** Measured ÷ predicted, weighted by how alike the runs are. */
  readonly ratio: number;
  /** Runs that applied (same runtime and kinds of GPU). */
  readonly runs: number;
  /** How far the nearest run is from this configuration (0 = the same). */
  readonly distance: number;
  readonly sameConfiguration: boolean;
  /** The band is wider than the uncalibrated one: the nearest run is far from this configuration. */
  readonly widened: boolean;
  /** The uncalibrated figure. */
  readonly uncalibrated: Range;
  /** In words: `calibrated on 3 runs on this machine, ×1.18 (nearest: the same configuration)`. */
  readonly summary: string;
}

/** What the planner knows of a strategy when it calibrates it: a point without its measurement. */
export type CalibrationTarget = Omit<
  RigCalibrationPoint,
  'measuredTokPerSec' | 'predictedTokPerSec' | 'source'
>;

/** Backends of the points other than the plan's, as the summary names them (` (measured on Vulkan, planned for ROCm)`). */
function backendNote(target: CalibrationTarget, points: readonly RigCalibrationPoint[]): string {
  const other = [
    ...new Set(
      points.flatMap((p) => (p.backend && target.backend && p.backend !== target.backend ? [p.backend] : [])),
    ),
  ];
  return other.length ? ` (measured on ${other.join(', ')}, planned for ${target.backend})` : '';
}

/** Most points a machine keeps (a long llama-bench sweep is ~100 rows). */
export const MAX_CALIBRATION_POINTS = 400;

/** What a point may hold, as the calibration file's schema checks it (no GPU decodes 10⁶ tok/s). */
export const SPEED_POINT_LIMITS = {
  tokPerSec: 1e6,
  activeWeightGiB: 4096,
  depth: 2 ** 24,
  concurrency: 65_536,
} as const;

/** Which figure of a point is beyond what a calibration keeps (a garbled output), or null. */
export function speedOutOfRange(p: RigCalibrationPoint): string | null {
  const L = SPEED_POINT_LIMITS;
  const within = (x: number, lo: number, hi: number) => Number.isFinite(x) && x >= lo && x <= hi;
  if (!within(p.measuredTokPerSec, 0, L.tokPerSec)) return `${p.measuredTokPerSec} tok/s measured`;
  if (!within(p.predictedTokPerSec, 0, L.tokPerSec)) return `${p.predictedTokPerSec} tok/s predicted`;
  if (!within(p.activeWeightGiB, 0, L.activeWeightGiB)) return `${p.activeWeightGiB} GiB read per token`;
  if (!within(p.depth, 0, L.depth)) return `depth ${p.depth}`;
  if (!within(p.concurrency, 1, L.concurrency)) return `${p.concurrency} streams`;
  return null;
}

/**
 * Distance scales, chosen before looking at any score: a factor of 4 in bytes per token (8B → 32B at
 * one quantization), weights moving to RAM, a factor of 16 in depth, and a factor of 8 in streams each
 * count 1; another split ½, another GPU count, another model of that size, another quantization (other
 * kernels) or another KV cache path (types, flash attention) ¼ each, another frontend on the same
 * engine (Ollama over llama.cpp) ½. A point `TAU` away weighs 1/e of one at the same
 * configuration, so one run of the same configuration predicts itself within a few % even beside
 * many others.
 */
const TAU = 0.15;
/** At distance 0 the band keeps this share of its uncalibrated width (run-to-run noise, a later build). */
const SAME_CONFIG_BAND = 0.3;
/** Beyond this distance the band is wider than uncalibrated (the ratio may not carry that far). */
const MAX_BAND = 1.5;

/** The KV cache's types as a point records them. */
export const kvTypeOf = (s: Strategy): string =>
  s.llama
    ? `${s.llama.cacheTypeK}/${s.llama.cacheTypeV}${s.llama.flashAttention ? ' fa' : ''}`
    : s.kvCacheFp8
      ? 'fp8'
      : 'auto';

export const gpuKind = (g: EngineGpu): string => g.spec?.id ?? g.name;

export function activeWeightGiB(model: EngineModel): number {
  const total = totalWeightBytes(model.weights);
  const share = model.spec.paramsB > 0 ? Math.min(1, model.spec.activeParamsB / model.spec.paramsB) : 1;
  return (total * share) / 2 ** 30;
}

const logRatio = (a: number, b: number, scale: number) => Math.abs(Math.log(a / b)) / Math.log(scale);

function distance(t: CalibrationTarget, p: RigCalibrationPoint): number {
  return (
    logRatio(Math.max(t.activeWeightGiB, 0.01), Math.max(p.activeWeightGiB, 0.01), 4) +
    (t.ramOffload !== p.ramOffload ? 1 : 0) +
    logRatio(t.depth + 2048, p.depth + 2048, 16) +
    logRatio(Math.max(1, t.concurrency), Math.max(1, p.concurrency), 8) +
    (t.split !== p.split ? 0.5 : 0) +
    (t.gpus.length !== p.gpus.length ? 0.25 : 0) +
    (t.model !== p.model ? 0.25 : 0) +
    (t.quant !== p.quant ? 0.25 : 0) +
    (t.kv !== p.kv ? 0.25 : 0) +
    (t.runtime !== p.runtime ? 0.5 : 0)
  );
}

/** Ollama runs llama.cpp's engine: a llama-bench run says how fast its kernels are on this machine. */
export const engineOf = (r: Runtime): string => (r === 'ollama' ? 'llama.cpp' : r);

/**
 * Each point's weight by its distance, exp(−d/τ) rescaled to the nearest point so a far-only
 * calibration still averages its points instead of underflowing; and that nearest distance.
 */
export function distanceWeights(distances: readonly number[]): { weights: number[]; nearest: number } {
  const nearest = distances.reduce((m, d) => Math.min(m, d), Infinity);
  return { weights: distances.map((d) => Math.exp(-(d - nearest) / TAU)), nearest };
}

/** The point ran on every kind of GPU the target uses, on its engine, for its phase. */
function applies(t: CalibrationTarget, p: RigCalibrationPoint): boolean {
  return (
    engineOf(p.runtime) === engineOf(t.runtime) &&
    p.phase === t.phase &&
    p.measuredTokPerSec > 0 &&
    p.predictedTokPerSec > 0 &&
    t.gpus.every((g) => p.gpus.includes(g))
  );
}

const times = (x: number) => `×${x.toFixed(2)}`;

/**
 * The calibrated range for one figure, or null when no point applies. The expected value moves by the
 * weighted geometric mean of the points' ratios; each side of the band keeps its uncalibrated width
 * scaled by how near the nearest point is, plus the spread of the points' own ratios.
 */
export function calibrate(
  range: Range,
  target: CalibrationTarget,
  calibration: RigCalibration,
): { readonly range: Range; readonly applied: AppliedCalibration } | null {
  const points = calibration.points.filter((p) => applies(target, p));
  if (points.length === 0 || !(range.expected > 0)) return null;
  const { weights, nearest } = distanceWeights(points.map((p) => distance(target, p)));
  const rel = points.map((p, i) => ({
    l: Math.log(p.measuredTokPerSec / p.predictedTokPerSec),
    w: weights[i] ?? 0,
  }));
  const sumW = rel.reduce((s, x) => s + x.w, 0);
  const meanL = rel.reduce((s, x) => s + x.w * x.l, 0) / sumW;
  const spread = Math.sqrt(rel.reduce((s, x) => s + x.w * (x.l - meanL) ** 2, 0) / sumW);
  const ratio = Math.exp(meanL);
  const scale = Math.min(MAX_BAND, SAME_CONFIG_BAND + nearest);
  const side = (bound: number) => {
    const width = Math.abs(Math.log(bound / range.expected));
    return Math.sqrt((width * scale) ** 2 + spread ** 2);
  };
  const expected = range.expected * ratio;
  const calibrated: Range = {
    expected,
    low: expected * Math.exp(-side(range.low)),
    high: expected * Math.exp(side(range.high)),
  };
  const same = nearest < 0.05;
  const widened = scale > 1;
  const where = same
    ? 'the same configuration was measured'
    : widened
      ? 'nearest measured run is far from this configuration: band widened'
      : 'nearest measured run is a similar configuration';
  return {
    range: calibrated,
    applied: {
      ratio,
      runs: points.length,
      distance: nearest,
      sameConfiguration: same,
      widened,
      uncalibrated: range,
      summary: `calibrated on ${points.length} run${points.length === 1 ? '' : 's'} on this machine, ${times(ratio)} (${where})${backendNote(target, points)}`,
    },
  };
}

/** The machine's GPUs a strategy uses, as calibration kinds. */
export const gpuKindsOf = (machine: EngineMachine, indices: readonly number[]): string[] =>
  indices.flatMap((i) => {
    const g = machine.gpus[i];
    return g ? [gpuKind(g)] : [];
  });

/**
 * A measured figure of a planned run as a point: `strategy` is the uncalibrated plan of `request`
 * (the run's own settings), `measured` what the run did. Null when the plan has no such figure.
 */
export function calibrationPoint(
  request: PlanRequest,
  strategy: Strategy,
  run: {
    readonly phase: MeasuredPhase;
    readonly measured: number;
    readonly source: string;
    readonly backend?: MemoryBackend | null;
  },
): RigCalibrationPoint | null {
  const predicted = run.phase === 'decode' ? strategy.decodeTokPerSec : strategy.prefillTokPerSec;
  if (!predicted || !(predicted.expected > 0) || !(run.measured > 0)) return null;
  return {
    runtime: strategy.runtime,
    phase: run.phase,
    gpus: gpuKindsOf(request.machine, strategy.gpuIndices),
    split: strategy.split,
    ramOffload: strategy.hostWeightsMiB > 0,
    model: request.model.spec.name,
    quant: request.model.quantLabel,
    kv: kvTypeOf(strategy),
    activeWeightGiB: activeWeightGiB(request.model),
    // Whole tokens, as the file keeps them: a tg127 test's average depth is 63.5.
    depth: Math.round(run.phase === 'decode' ? decodeDepth(request) : (request.prompt?.depth ?? 0)),
    concurrency: strategy.decodeModel?.sequences ?? request.concurrency,
    measuredTokPerSec: run.measured,
    predictedTokPerSec: predicted.expected,
    source: run.source,
    ...(run.backend !== undefined ? { backend: run.backend } : {}),
  };
}
