/**
 * The fit meter beyond the current plan — where the model would live at another quantization, for another
 * catalog model, and the largest quantization / longest context that keep it all on the GPUs. Each answer
 * is the gated planner's own (the strategy the advice would follow), so a picker and the plan cannot
 * disagree.
 */
import { QUANT_CATALOG } from '../../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../../catalog/types';
import type { HardwareProfile } from '../../hardware/profile';
import { modelFromCatalog } from '../../model-import/catalog-model';
import { totalWeightBytes, type EngineModel } from '../../model-import/model-weights';
import type { FitState, PlanRequest, PlanResult } from '../planner/plan-types';
import type { Range } from '../speed';
import { planFor, strategyFor } from './advise';

/** Where the model lives on this machine, as the advice would run it, and how fast. */
export interface FitReading {
  readonly fit: FitState;
  /** Weights and KV cache in system RAM, MiB (0 when all on the GPUs). */
  readonly ramOffloadMiB: number;
  readonly decodeTokPerSec: Range | null;
  /** The model's weights at this quantization, GiB. */
  readonly weightsGiB: number;
  readonly strategyId: string | null;
}

const weightsGiB = (model: EngineModel): number => totalWeightBytes(model.weights) / 2 ** 30;

/** The reading of a plan already made. */
export function readingOf(result: PlanResult, request: PlanRequest): FitReading {
  const s = strategyFor(result, request, null);
  return {
    fit: s?.fit ?? 'none',
    ramOffloadMiB: s?.ramOffloadMiB ?? 0,
    decodeTokPerSec: s?.fits ? s.decodeTokPerSec : null,
    weightsGiB: weightsGiB(request.model),
    strategyId: s?.id ?? null,
  };
}

/** The reading for the same machine and run with another model (or quantization). */
export function readingFor(
  request: PlanRequest,
  profile: HardwareProfile | null,
  model: EngineModel,
): FitReading {
  const next = { ...request, model };
  return readingOf(planFor(next, profile), next);
}

/**
 * The model at another quantization; null when its weights cannot be re-derived (a GGUF file's own
 * tensors, a checkpoint's index) or the quantization is not of the model's kind.
 */
export function atQuant(model: EngineModel, quant: QuantSpec): EngineModel | null {
  if (model.weights.origin === 'gguf' || model.weights.origin === 'safetensors-index') return null;
  return modelFromCatalog(model.spec, quant);
}

/**
 * The quantizations of the current one's format (GGUF, checkpoints, EXL2), largest first, up to 16 bits
 * per weight (nobody runs F32 weights for inference).
 */
export function quantsLike(model: EngineModel): QuantSpec[] {
  const format = model.quant?.format ?? 'gguf';
  return QUANT_CATALOG.filter((q) => q.format === format && q.bitsPerWeight <= 16).sort(
    (a, b) => b.bitsPerWeight - a.bitsPerWeight,
  );
}

/**
 * The largest quantization of the model's format that keeps it all on the GPUs at the asked context, with
 * its reading; null when none does (or the model's weights cannot be re-quantized).
 */
export function largestQuantOnGpus(
  request: PlanRequest,
  profile: HardwareProfile | null,
): { quant: QuantSpec; reading: FitReading } | null {
  // Largest first, so the first that fits is the answer: most plans stop after a few.
  for (const quant of quantsLike(request.model)) {
    const model = atQuant(request.model, quant);
    if (!model) return null;
    const reading = readingFor(request, profile, model);
    if (reading.fit === 'gpu') return { quant, reading };
  }
  return null;
}

/**
 * The longest context per request that keeps the model all on the GPUs with a strategy the checks allow,
 * capped by what the model holds; null when nothing fits on the GPUs at all.
 */
export function longestContextOnGpus(result: PlanResult, request: PlanRequest): number | null {
  const limit = request.model.spec.extendedContext?.tokens ?? request.model.spec.maxContext;
  const onGpus = result.strategies.filter(
    (s) => s.blockers.length === 0 && !s.invalid && s.maxContext > 0 && (s.fit === 'gpu' || s.fit === 'none'),
  );
  const longest = Math.max(0, ...onGpus.map((s) => s.maxContext));
  return longest >= 256 ? Math.min(longest, limit) : null;
}

/** Readings for catalog models at the current quantization (models that cannot take it are left out). */
export function modelReading(
  request: PlanRequest,
  profile: HardwareProfile | null,
  spec: ModelSpec,
): FitReading | null {
  const quant = request.model.quant;
  if (!quant) return null;
  return readingFor(request, profile, modelFromCatalog(spec, quant));
}
