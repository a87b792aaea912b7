/**
 * The machine's load and start-up logs applied where a strategy is sized (memory-calibration.ts says
 * how a point weighs): llama.cpp's compute buffer per device through an adjustment llama-cpp-memory.ts
 * calls, vLLM's overhead per rank as bytes vllm-memory.ts adds; then what moved, per GPU and in words,
 * for the plan to show beside the uncalibrated figure.
 */
import type { EngineModel } from '../model-import/model-weights';
import type { ComputeAdjust, ComputeRole, LlamaCppSettings } from './llama-cpp-memory';
import type { EngineGpu, EngineMachine } from './machine';
import {
  adjustmentFor,
  computeTarget,
  memoryOf,
  overheadTarget,
  planBackend,
  type Adjustment,
  type AppliedMemoryCalibration,
  type MemoryBuffer,
} from './memory-calibration';
import type { Runtime } from './planner/plan-types';

const MIB = 1024 * 1024;

/** The machine's compute-buffer calibration for a llama.cpp-family strategy on `gpus`; null when it has none. */
export function computeAdjustFor(
  machine: EngineMachine,
  runtime: Runtime,
  gpus: readonly EngineGpu[],
  model: EngineModel,
): ComputeAdjust | null {
  const points = memoryOf(machine, 'compute', runtime);
  if (points.length === 0) return null;
  return (device, role, bytes, s) => {
    const g = gpus[device];
    const a = g ? adjustmentFor(points, computeTarget(runtime, g, role, model, s, gpus.length)) : null;
    return a ? bytes * a.value : bytes;
  };
}

/** A sized device of a llama.cpp-family strategy: its role and compute buffer before and after, bytes. */
export interface SizedCompute {
  readonly role: ComputeRole | null;
  readonly uncalibratedBytes: number;
  readonly calibratedBytes: number;
}

/** What the compute calibration did to a strategy sized with computeAdjustFor; null when nothing applied. */
export function appliedCompute(
  machine: EngineMachine,
  runtime: Runtime,
  gpus: readonly EngineGpu[],
  model: EngineModel,
  s: LlamaCppSettings,
  devices: readonly SizedCompute[],
): AppliedMemoryCalibration | null {
  const points = memoryOf(machine, 'compute', runtime);
  if (points.length === 0) return null;
  const rows = devices.flatMap((d, i) => {
    const g = gpus[i];
    const adj =
      g && d.role ? adjustmentFor(points, computeTarget(runtime, g, d.role, model, s, gpus.length)) : null;
    return g && adj ? [{ gpu: g, adj, uncal: d.uncalibratedBytes, cal: d.calibratedBytes }] : [];
  });
  return described('compute', runtime, rows);
}

/** Per rank of a vLLM / SGLang strategy, what sizes its overhead. */
export interface OverheadTarget {
  readonly ctx: number;
  /** Tokens per step per rank (max_num_batched_tokens: the card's default unless set). */
  readonly batchTokens: readonly number[];
}

/**
 * The overhead calibration of a vLLM / SGLang strategy on `used` (by rank): bytes to add to each rank's
 * overhead (vllm-memory.ts overheadDeltaBytes), and what it did once sized. Null when no point applies.
 */
export function overheadCalibration(
  machine: EngineMachine,
  runtime: Runtime,
  used: readonly EngineGpu[],
  model: EngineModel,
  t: OverheadTarget,
): {
  readonly deltaBytes: readonly number[];
  readonly applied: (overheadMiB: readonly number[]) => AppliedMemoryCalibration | null;
} | null {
  const points = memoryOf(machine, 'overhead', runtime);
  if (points.length === 0) return null;
  const adjustments = used.map((g, i) =>
    adjustmentFor(
      points,
      overheadTarget(runtime, g, model, {
        ctx: t.ctx,
        batchTokens: t.batchTokens[i] ?? 0,
        gpus: used.length,
      }),
    ),
  );
  if (adjustments.every((a) => a === null)) return null;
  const deltaBytes = adjustments.map((a) => (a?.value ?? 0) * MIB);
  return {
    deltaBytes,
    applied: (overheadMiB) =>
      described(
        'overhead',
        runtime,
        used.flatMap((g, i) => {
          const adj = adjustments[i];
          const cal = (overheadMiB[i] ?? 0) * MIB;
          return adj ? [{ gpu: g, adj, uncal: cal - (deltaBytes[i] ?? 0), cal }] : [];
        }),
      ),
  };
}

const signed = (mib: number) => `${mib < 0 ? '−' : '+'}${Math.abs(Math.round(mib))}`;

function spread(values: readonly string[], join: string): string {
  const unique = [...new Set(values)];
  return unique.length === 1 ? (unique[0] ?? '') : `${unique[0]}${join}${unique[unique.length - 1]}`;
}

/** The calibration of a sized strategy, in numbers and in words. */
function described(
  buffer: MemoryBuffer,
  runtime: Runtime,
  rows: readonly { gpu: EngineGpu; adj: Adjustment; uncal: number; cal: number }[],
): AppliedMemoryCalibration | null {
  if (rows.length === 0) return null;
  const logs = new Set(rows.flatMap((r) => r.adj.sources)).size;
  const noun = buffer === 'compute' ? 'load log' : `${runtime === 'sglang' ? 'SGLang' : 'vLLM'} start-up log`;
  const values = rows.map((r) => r.adj.value).sort((a, b) => a - b);
  const ratios = values.map((v) => v.toFixed(2));
  const figure =
    buffer === 'compute'
      ? `compute buffer ×${spread(ratios, '–')}`
      : `overhead ${spread(values.map(signed), ' to ')} MiB per GPU`;
  const other = rows.find((r) => r.adj.otherBackends.length > 0);
  const widened = rows.some((r) => r.adj.widened);
  const note = other
    ? ` (measured on ${other.adj.otherBackends.join(', ')}, planned for ${planBackend(other.gpu)}: only ever raised)`
    : widened
      ? ' (the nearest log is another model or far from these settings: only ever raised)'
      : '';
  return {
    buffer,
    logs,
    perGpu: rows.map((r) => ({
      index: r.gpu.index,
      uncalibratedMiB: Math.round(r.uncal / MIB),
      calibratedMiB: Math.round(r.cal / MIB),
    })),
    widened,
    summary: `memory calibrated on ${logs} ${noun}${logs === 1 ? '' : 's'}: ${figure}${note}`,
  };
}
