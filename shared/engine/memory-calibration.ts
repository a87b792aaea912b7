/**
 * Calibrating a machine's memory on its own load logs. Weights and the KV cache are arithmetic and come
 * out within a few % of every real log (test/calibration/memory-calibration.test.ts); what the model gets
 * least right is the scratch memory: llama.cpp's compute buffer per device and vLLM's non-KV overhead
 * (activation peak, non-torch memory). Each measured buffer becomes a point, per kind of GPU and engine:
 * - llama.cpp: measured ÷ predicted compute buffer of one device, for what sets it there (its ComputeRole).
 *   The ratio rides on the modelled buffer, which already scales with n_ubatch, the context (without flash
 *   attention), the model's width and vocabulary — so another ubatch or context moves the physical way.
 * - vLLM / SGLang: the overhead the logged KV pool implies minus the modelled one, MiB per GPU.
 * A plan's device then takes the points of its own kind, engine and role, weighted by how alike the
 * configurations are (rig-calibration.ts's weights). Points far from it — another model, another
 * backend (a Vulkan log on a card the plans build CUDA for) — may only raise a buffer, never lower it:
 * running out of memory costs more than a few hundred MiB left unused. vLLM's overhead takes near points
 * only (the same model and TP size): vLLM sizes its own pool at start-up, so there is no crash to guard.
 */
import type { EngineModel } from '../model-import/model-weights';
import type { ComputeRole, LlamaCppSettings } from './llama-cpp-memory';
import type { EngineGpu, EngineMachine } from './machine';
import type { Runtime } from './planner/plan-types';
import { distanceWeights, engineOf, gpuKind } from './rig-calibration';

export const MEMORY_BACKENDS = ['CUDA', 'ROCm', 'Vulkan', 'Metal', 'SYCL'] as const;
export type MemoryBackend = (typeof MEMORY_BACKENDS)[number];

/** llama.cpp's compute buffer on one device, or vLLM's / SGLang's overhead outside the KV pool per GPU. */
export type MemoryBuffer = 'compute' | 'overhead';

/** One measured buffer on this machine, as a calibration point. */
export interface MemoryCalibrationPoint {
  readonly runtime: Runtime;
  readonly buffer: MemoryBuffer;
  /** The backend the log ran on (its device names); null when it does not say. */
  readonly backend: MemoryBackend | null;
  /** The kind of GPU that held the buffer (catalog id, else the name). */
  readonly gpu: string;
  /** llama.cpp: what sets the device's buffer; null for the overhead. */
  readonly role: ComputeRole | null;
  readonly model: string;
  /** The model's hidden size: what activations scale with. */
  readonly hiddenSize: number;
  /** Tokens per step: llama.cpp's n_ubatch, vLLM's max_num_batched_tokens. */
  readonly batchTokens: number;
  /** KV cells: llama.cpp's n_ctx over all slots, vLLM's max_model_len. */
  readonly ctx: number;
  readonly flashAttention: boolean;
  /** GPUs the run used (pipeline copies and NCCL buffers grow with them). */
  readonly gpus: number;
  /** The buffer as logged (the overhead as the logged KV pool implies it), MiB. */
  readonly measuredMiB: number;
  /** What the plan predicted for it, uncalibrated, MiB. */
  readonly predictedMiB: number;
  /** Where it came from (`server.log`, `build 5331 (33eff402)`). */
  readonly source: string;
}

/** How a strategy's buffers were calibrated. */
export interface AppliedMemoryCalibration {
  readonly buffer: MemoryBuffer;
  /** Logs the points that applied came from. */
  readonly logs: number;
  /** Each GPU of the strategy whose buffer moved: the figure before and after, MiB. */
  readonly perGpu: readonly {
    readonly index: number;
    readonly uncalibratedMiB: number;
    readonly calibratedMiB: number;
  }[];
  /** Some buffer rests on points far from this configuration: those only ever raise it. */
  readonly widened: boolean;
  /** In words: `memory calibrated on 2 load logs: compute buffer ×1.32`. */
  readonly summary: string;
}

/**
 * What a point may hold, as the calibration file's schema checks it: a buffer within ±10⁷ MiB (an overhead
 * implied by a KV pool may come out below zero), up to 2²⁴ tokens a step, 2²⁶ cells, 4096 GPUs.
 */
export const MEMORY_POINT_LIMITS = {
  bufferMiB: 1e7,
  batchTokens: 2 ** 24,
  ctx: 2 ** 26,
  hiddenSize: 2 ** 20,
  gpus: 4096,
} as const;

/** Which figure of a point is beyond what a calibration keeps (a garbled log), or null. */
export function outOfRange(p: MemoryCalibrationPoint): string | null {
  const L = MEMORY_POINT_LIMITS;
  const within = (x: number, lo: number, hi: number) => Number.isFinite(x) && x >= lo && x <= hi;
  if (!within(p.measuredMiB, -L.bufferMiB, L.bufferMiB)) return `measured ${p.measuredMiB} MiB`;
  if (!within(p.predictedMiB, -L.bufferMiB, L.bufferMiB)) return `predicted ${p.predictedMiB} MiB`;
  if (!within(p.batchTokens, 1, L.batchTokens)) return `${p.batchTokens} tokens a step`;
  if (!within(p.ctx, 1, L.ctx)) return `${p.ctx} context cells`;
  if (!within(p.hiddenSize, 1, L.hiddenSize)) return `hidden size ${p.hiddenSize}`;
  if (!within(p.gpus, 1, L.gpus)) return `${p.gpus} GPUs`;
  return null;
}

/** What a point says of its run, without the measurement: what a plan's buffer is compared on. */
export type MemoryTarget = Omit<MemoryCalibrationPoint, 'measuredMiB' | 'predictedMiB' | 'source'>;

/**
 * Distance scales, as in rig-calibration.ts (τ = 0.15): a factor of 16 in tokens per step or in context
 * counts 1; another model ½ (other layers, vocabulary, experts) plus a factor of 4 in width 1; flash
 * attention on against off ½ (the scores are materialised); a factor of 4 in GPUs 1; another backend 1.
 * Beyond `FAR` from its nearest point a buffer is only ever raised: another model is far, the same model
 * at twice the context is not.
 */
const FAR = 0.3;
const logRatio = (a: number, b: number, scale: number) =>
  Math.abs(Math.log(Math.max(a, 1) / Math.max(b, 1))) / Math.log(scale);

function distance(t: MemoryTarget, p: MemoryCalibrationPoint): number {
  return (
    (t.model !== p.model ? 0.5 : 0) +
    logRatio(t.hiddenSize, p.hiddenSize, 4) +
    logRatio(t.batchTokens, p.batchTokens, 16) +
    logRatio(t.ctx, p.ctx, 16) +
    (t.flashAttention !== p.flashAttention ? 0.5 : 0) +
    logRatio(t.gpus, p.gpus, 4) +
    (t.backend && p.backend && t.backend !== p.backend ? 1 : 0)
  );
}

/** The point was measured on this kind of GPU, engine and buffer (and, for llama.cpp, device role). */
const applies = (t: MemoryTarget, p: MemoryCalibrationPoint): boolean =>
  p.buffer === t.buffer &&
  engineOf(p.runtime) === engineOf(t.runtime) &&
  p.gpu === t.gpu &&
  p.role === t.role &&
  Number.isFinite(p.measuredMiB) &&
  (p.buffer === 'overhead' || (p.measuredMiB > 0 && p.predictedMiB > 0));

export interface Adjustment {
  /** compute: × the modelled buffer; overhead: MiB added to it. */
  readonly value: number;
  readonly sources: readonly string[];
  readonly widened: boolean;
  /** Backends of the points that applied other than the plan's. */
  readonly otherBackends: readonly MemoryBackend[];
}

/** The weighted ratio (compute, geometric) or delta (overhead, MiB) of the points that apply, or null. */
export function adjustmentFor(all: readonly MemoryCalibrationPoint[], t: MemoryTarget): Adjustment | null {
  const points = all.filter((p) => applies(t, p));
  if (points.length === 0) return null;
  const { weights, nearest } = distanceWeights(points.map((p) => distance(t, p)));
  const sumW = weights.reduce((a, b) => a + b, 0);
  const mean = (f: (p: MemoryCalibrationPoint) => number) =>
    points.reduce((s, p, i) => s + (weights[i] ?? 0) * f(p), 0) / sumW;
  const widened = nearest > FAR;
  // vLLM sizes its pool itself at start-up, so a wrong overhead misstates tokens, not a crash; and
  // another model's or TP size's overhead is its own (activation peak, NCCL buffers): on llm-d's H100
  // logs it made gpt-oss-120b's pool 16% wrong instead of 0.6% (test/calibration/memory-calibration.test.ts).
  if (widened && t.buffer === 'overhead') return null;
  const raw =
    t.buffer === 'compute'
      ? Math.exp(mean((p) => Math.log(p.measuredMiB / p.predictedMiB)))
      : mean((p) => p.measuredMiB - p.predictedMiB);
  const neutral = t.buffer === 'compute' ? 1 : 0;
  return {
    value: widened ? Math.max(neutral, raw) : raw,
    sources: [...new Set(points.map((p) => p.source))],
    widened,
    otherBackends: [
      ...new Set(
        points.flatMap((p) => (p.backend && t.backend && p.backend !== t.backend ? [p.backend] : [])),
      ),
    ],
  };
}

/** The backend a log's device names print (`Vulkan0` → Vulkan, `MTL0` → Metal); null when unknown. */
export function memoryBackendOf(printed: string | null): MemoryBackend | null {
  if (!printed) return null;
  if (/^mtl$|^metal$/i.test(printed)) return 'Metal';
  return MEMORY_BACKENDS.find((b) => b.toLowerCase() === printed.toLowerCase()) ?? null;
}

/** The backend the plans are for on this GPU: the vendor's own build (the commands' device names). */
export function planBackend(g: EngineGpu): MemoryBackend | null {
  const byVendor = { nvidia: 'CUDA', amd: 'ROCm', intel: 'SYCL', apple: 'Metal', other: null } as const;
  return byVendor[g.vendor];
}

/** The machine's points for one buffer of one engine. */
export const memoryOf = (machine: EngineMachine, buffer: MemoryBuffer, runtime: Runtime) =>
  (machine.calibration?.memory ?? []).filter(
    (p) => p.buffer === buffer && engineOf(p.runtime) === engineOf(runtime),
  );

/** What a llama.cpp-family device's compute buffer is compared on: its GPU, role, model and settings. */
export function computeTarget(
  runtime: Runtime,
  g: EngineGpu,
  role: ComputeRole,
  model: EngineModel,
  s: LlamaCppSettings,
  gpus: number,
): MemoryTarget {
  return {
    runtime,
    buffer: 'compute',
    backend: planBackend(g),
    gpu: gpuKind(g),
    role,
    model: model.spec.name,
    hiddenSize: model.spec.hiddenSize,
    batchTokens: s.ubatch,
    ctx: s.ctx * s.parallel,
    flashAttention: s.flashAttention,
    gpus,
  };
}

/** What a vLLM / SGLang rank's overhead is compared on: its GPU, the model, the context and the ranks. */
export function overheadTarget(
  runtime: Runtime,
  g: EngineGpu,
  model: EngineModel,
  run: { readonly ctx: number; readonly batchTokens: number; readonly gpus: number },
): MemoryTarget {
  return {
    runtime,
    buffer: 'overhead',
    backend: planBackend(g),
    gpu: gpuKind(g),
    role: null,
    model: model.spec.name,
    hiddenSize: model.spec.hiddenSize,
    batchTokens: run.batchTokens,
    ctx: run.ctx,
    // Not a setting of vLLM's overhead: kept equal so it never counts as a difference.
    flashAttention: true,
    gpus: run.gpus,
  };
}
