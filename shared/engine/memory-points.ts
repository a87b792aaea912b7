/**
 * Measured buffers as calibration points (memory-calibration.ts): a load log's compute buffer on one
 * device, or the overhead a vLLM / SGLang start-up log's KV pool implies, beside what the uncalibrated
 * plan of the same run predicted for it.
 */
import type { EngineModel } from '../model-import/model-weights';
import type { ComputeRole, LlamaCppSettings } from './llama-cpp-memory';
import type { EngineGpu } from './machine';
import {
  computeTarget,
  overheadTarget,
  type MemoryBackend,
  type MemoryCalibrationPoint,
} from './memory-calibration';
import type { PlanRequest, Runtime, Strategy } from './planner/plan-types';
import { vllmServeDefaults } from './vllm-memory';

/** What a point records of the run beside its measurement. */
interface Measured {
  readonly measuredMiB: number;
  readonly predictedMiB: number;
  readonly backend: MemoryBackend | null;
  readonly source: string;
}

/** A llama.cpp-family device's measured compute buffer as a point (`predictedMiB` uncalibrated). */
export function computePoint(
  runtime: Runtime,
  g: EngineGpu,
  role: ComputeRole,
  model: EngineModel,
  s: LlamaCppSettings,
  gpus: number,
  m: Measured,
): MemoryCalibrationPoint | null {
  if (!(m.measuredMiB > 0) || !(m.predictedMiB > 0)) return null;
  // The log's backend, not the plan's (`m` comes second): that is what the point was measured on.
  return { ...computeTarget(runtime, g, role, model, s, gpus), ...m };
}

/** A vLLM / SGLang rank's overhead, as its logged KV pool implies it, as a point. */
export function overheadPoint(
  runtime: Runtime,
  g: EngineGpu,
  model: EngineModel,
  run: { readonly ctx: number; readonly batchTokens: number; readonly gpus: number },
  m: Measured,
): MemoryCalibrationPoint | null {
  if (!Number.isFinite(m.measuredMiB) || !Number.isFinite(m.predictedMiB)) return null;
  return { ...overheadTarget(runtime, g, model, run), ...m };
}

/**
 * A measured buffer of a planned run as a point: `strategy` is the plan of `request` (the log's own
 * settings), `position` the GPU in its `perGpu`, `run.measuredMiB` the compute buffer the log printed
 * (llama.cpp family) or the overhead its KV pool implies (vLLM, SGLang). Null when the plan has no such
 * buffer there.
 */
export function memoryPoint(
  request: PlanRequest,
  strategy: Strategy,
  position: number,
  run: { readonly measuredMiB: number; readonly backend: MemoryBackend | null; readonly source: string },
): MemoryCalibrationPoint | null {
  const use = strategy.perGpu[position];
  const g = use ? request.machine.gpus[use.index] : undefined;
  if (!use || !g) return null;
  // Always against the modelled figure: a point built on a calibrated plan would calibrate twice.
  const before = strategy.memoryCalibration?.perGpu.find((x) => x.index === use.index)?.uncalibratedMiB;
  const s = strategy.llama;
  const gpus = strategy.gpuIndices.length;
  if (!s) {
    const batchTokens = vllmServeDefaults(g.capacityMiB, g.name).maxNumBatchedTokens;
    const predictedMiB = before ?? use.overheadMiB;
    return overheadPoint(
      strategy.runtime,
      g,
      request.model,
      { ctx: request.ctx, batchTokens, gpus },
      {
        ...run,
        predictedMiB,
      },
    );
  }
  if (!use.computeRole) return null;
  const predictedMiB = before ?? use.computeMiB;
  return computePoint(strategy.runtime, g, use.computeRole, request.model, s, gpus, { ...run, predictedMiB });
}
