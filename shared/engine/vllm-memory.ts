/**
 * vLLM and SGLang per-GPU memory: weights split by tensor parallel (and by pipeline stage), a fixed
 * share for activations and non-torch memory, and the rest of `--gpu-memory-utilization` × capacity
 * as the KV pool — which sets how many tokens, and so how many full-context requests, fit at once.
 */
import type { EngineModel } from '../model-import/model-weights';
import { kvBytesPerTokenAllLayers } from './kv-cache';
import { ENGINE } from './thresholds';

const MIB = 1024 * 1024;

export interface VllmSettings {
  readonly tensorParallel: number;
  readonly pipelineParallel: number;
  readonly gpuMemoryUtilization: number;
  /** KV cache element size: 2 for auto (fp16/bf16), 1 for fp8. */
  readonly kvBytesPerElement: number;
  readonly ctx: number;
  /** Layers per pipeline stage (`VLLM_PP_LAYER_PARTITION`); absent = vLLM's even partition. */
  readonly stageLayers?: readonly number[];
}

export interface VllmGpuMemory {
  readonly weightsBytes: number;
  readonly overheadBytes: number;
  /** The KV pool on this GPU (negative when the weights alone do not fit). */
  readonly kvPoolBytes: number;
  readonly budgetBytes: number;
}

export interface VllmMemory {
  /** One entry per GPU, in rank order (stage-major). */
  readonly gpus: readonly VllmGpuMemory[];
  /** Tokens the KV pool holds (the smallest stage limits). */
  readonly kvTokens: number;
  /** Full-context requests served at once. */
  readonly maxConcurrency: number;
  /** Layers per pipeline stage. */
  readonly stageLayers: readonly number[];
}

/** Layers per stage, vLLM's even partition (get_pp_indices: the remainder goes to the last stages). */
export function stageLayerCounts(layers: number, stages: number): number[] {
  const base = Math.floor(layers / stages);
  const extra = layers % stages;
  return Array.from({ length: stages }, (_, i) => base + (i >= stages - extra ? 1 : 0));
}

/**
 * Layers per stage for mixed cards, for `VLLM_PP_LAYER_PARTITION` (vllm/distributed/utils.py
 * get_pp_indices reads it): starting from the even partition, move one layer at a time from the stage
 * whose KV pool runs out first to the one with the most room, while that raises the tokens the
 * smallest stage holds. Null when the even partition is already the best (the same cards, say).
 */
export function balancedStageLayers(
  model: EngineModel,
  s: VllmSettings,
  capacityMiB: readonly number[],
): number[] | null {
  if (s.pipelineParallel < 2) return null;
  const even = stageLayerCounts(model.spec.layers, s.pipelineParallel);
  let best = even;
  let bestRoom = stageRoom(model, s, capacityMiB, even);
  for (let step = 0; step < model.spec.layers; step += 1) {
    const room = bestRoom.perStage;
    const from = room.indexOf(Math.min(...room));
    const to = room.indexOf(Math.max(...room));
    if (from === to || (best[from] ?? 0) <= 1) break;
    const next = best.map((n, i) => (i === from ? n - 1 : i === to ? n + 1 : n));
    const nextRoom = stageRoom(model, s, capacityMiB, next);
    if (nextRoom.min <= bestRoom.min) break;
    best = next;
    bestRoom = nextRoom;
  }
  return best === even ? null : best;
}

/** KV tokens each stage's tightest rank holds per layer it carries (negative when the weights overflow). */
function stageRoom(
  model: EngineModel,
  s: VllmSettings,
  capacityMiB: readonly number[],
  stageLayers: readonly number[],
): { perStage: number[]; min: number } {
  const mem = vllmMemory(model, { ...s, stageLayers }, capacityMiB);
  const perStage = stageLayers.map((count, stage) => {
    const pools = mem.gpus.slice(stage * s.tensorParallel, (stage + 1) * s.tensorParallel);
    return Math.min(...pools.map((g) => g.kvPoolBytes)) / count;
  });
  return { perStage, min: Math.min(...perStage) };
}

export function vllmMemory(model: EngineModel, s: VllmSettings, capacityMiB: readonly number[]): VllmMemory {
  const w = model.weights;
  const tp = s.tensorParallel;
  const stageLayers = s.stageLayers ?? stageLayerCounts(model.spec.layers, s.pipelineParallel);
  const kvPerTokenPerLayer =
    kvBytesPerTokenAllLayers(model.spec, s.kvBytesPerElement, tp) / model.spec.layers;
  const gpus: VllmGpuMemory[] = [];
  let kvTokens = Number.POSITIVE_INFINITY;
  let first = 0;
  stageLayers.forEach((count, stage) => {
    const layerBytes = w.layers
      .slice(first, first + count)
      .reduce((a, l) => a + l.denseBytes + l.expertBytes, 0);
    first += count;
    // Embedding on the first stage, lm_head on the last; both vocabulary-parallel across TP ranks.
    const edges =
      (stage === 0 ? w.tokenEmbdBytes : 0) +
      (stage === stageLayers.length - 1 && !w.tiedOutput ? w.outputBytes : 0);
    for (let rank = 0; rank < tp; rank += 1) {
      const capacity = (capacityMiB[stage * tp + rank] ?? 0) * MIB;
      const budget = capacity * s.gpuMemoryUtilization;
      const weights = (layerBytes + edges) / tp;
      const overhead =
        (ENGINE.vllmActivationMiB +
          ENGINE.vllmNonTorchMiB +
          (tp * s.pipelineParallel > 1 ? ENGINE.vllmNcclMiB : 0)) *
        MIB;
      const pool = budget - weights - overhead;
      gpus.push({ weightsBytes: weights, overheadBytes: overhead, kvPoolBytes: pool, budgetBytes: budget });
      kvTokens = Math.min(kvTokens, Math.max(0, Math.floor(pool / (kvPerTokenPerLayer * count))));
    }
  });
  const tokens = Number.isFinite(kvTokens) ? kvTokens : 0;
  return { gpus, kvTokens: tokens, maxConcurrency: Math.floor(tokens / s.ctx), stageLayers };
}
