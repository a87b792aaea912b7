/**
 * vLLM and SGLang per-GPU memory, as vLLM accounts for it (vllm/v1/worker/gpu_worker.py
 * determine_available_memory, vllm/utils/mem_utils.py, jsboige/vllm fork of main @ffd91ee17, Aug 2026):
 * the KV pool is `--gpu-memory-utilization` × the card's memory less what the profiling run left in use
 * — the weights (split by tensor parallel and pipeline stage), non-torch memory (CUDA/NCCL buffers) —
 * and less the profiling run's transient activation peak. That peak is a forward pass over
 * `max_num_batched_tokens` tokens plus a dummy sampler run over `max_num_seqs` full-vocabulary rows,
 * both defaults that `vllm serve` picks by card (vllmServeDefaults). CUDA graphs are captured after
 * the pool is sized (their estimate is only deducted with VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS=1)
 * and come out of the margin above the utilization.
 */
import type { EngineModel } from '../model-import/model-weights';
import { kvBytesPerTokenAllLayers } from './kv-cache';

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
  /** `--max-num-batched-tokens` and `--max-num-seqs`; absent = `vllm serve`'s defaults for the card. */
  readonly maxNumBatchedTokens?: number;
  readonly maxNumSeqs?: number;
  /** The cards' names, by rank (the A100 gets smaller defaults than other 80 GB cards). */
  readonly gpuNames?: readonly string[];
  /**
   * SGLang: `gpuMemoryUtilization` is its `--mem-fraction-static`, the share for the weights and the
   * KV pool only (activations and graphs live outside it), so no overhead is taken from it.
   */
  readonly staticFraction?: boolean;
  /**
   * The machine's own start-up logs (memory-calibration.ts): bytes to add to each rank's overhead (by
   * rank, stage-major), what the logged KV pools said the model leaves out. Absent: as modelled.
   */
  readonly overheadDeltaBytes?: readonly number[];
}

const GIB = 1024 * 1024 * 1024;

/**
 * `vllm serve`'s defaults by card (vllm/engine/arg_utils.py, the OPENAI_API_SERVER column @ffd91ee17):
 * 16384 batched tokens and 1024 sequences on cards of ≥ 160 GiB; 8192 and 1024 on ≥ 70 GiB except the
 * A100 (PR #17885: larger batches cost it throughput); 2048 and 256 on everything else.
 */
export function vllmServeDefaults(
  capacityMiB: number,
  gpuName: string,
): { maxNumBatchedTokens: number; maxNumSeqs: number } {
  const bytes = capacityMiB * MIB;
  if (bytes >= 160 * GIB) return { maxNumBatchedTokens: 16384, maxNumSeqs: 1024 };
  if (bytes >= 70 * GIB && !/a100/i.test(gpuName)) return { maxNumBatchedTokens: 8192, maxNumSeqs: 1024 };
  return { maxNumBatchedTokens: 2048, maxNumSeqs: 256 };
}

/**
 * Bytes the dummy sampler run holds per logit: fp32 logits, a sorted copy with int64 indices for
 * top-k/top-p, softmax probabilities, their cumulative sum, the mask and the sampling noise
 * (vllm/v1/worker/gpu_model_runner.py _dummy_sampler_run sets top_p 0.9 and top_k vocab − 1, so the sort
 * runs) ≈ 4 + 4 + 8 + 4 + 4 + 1 + 4 + 4 ≈ 32. The llm-d H100 logs (memory-vllm.csv: activation peaks
 * 4.76–7.38 GiB with 1024 sequences) imply 29–35.
 */
export const SAMPLER_BYTES_PER_LOGIT = 32;

/**
 * The profiling run's transient peak on one rank: per token, the MLP's gate-and-up output, its product
 * and the down input (3 × intermediate ÷ TP, bf16) and a few hidden-size buffers (the residual, the norm
 * output, the attention input and output: 4 × hidden, bf16), for `maxNumBatchedTokens` tokens; MoE
 * layers run the routed experts' MLPs for each token. Plus the sampler's full-vocabulary rows.
 */
export function vllmActivationPeakBytes(
  model: EngineModel,
  tp: number,
  maxNumBatchedTokens: number,
  maxNumSeqs: number,
): number {
  const spec = model.spec;
  const experts = spec.experts;
  const mlpWidth = Math.max(
    experts && (experts.denseLayers ?? 0) === 0 ? 0 : spec.intermediateSize,
    experts ? (experts.active + experts.shared) * experts.expertIntermediateSize : spec.intermediateSize,
  );
  // fused_moe also keeps each routed copy's output at full hidden size (its third intermediate cache)
  // and the router's fp32 logits per expert.
  const moe = experts ? experts.active * spec.hiddenSize * 2 + experts.total * 4 : 0;
  const perToken = (3 * mlpWidth * 2) / tp + 4 * spec.hiddenSize * 2 + moe;
  return maxNumBatchedTokens * perToken + maxNumSeqs * spec.vocabSize * SAMPLER_BYTES_PER_LOGIT;
}

/**
 * SGLang's default `--mem-fraction-static` (python/sglang/srt/server_args.py _handle_gpu_memory_settings
 * and reserve_for_graph_mb, nokiaMS/sglang @30cb848d4 = the v0.5.18 branch point): the share of the card
 * for weights and the KV pool is (memory − reserved) ÷ memory, reserved MiB = 512 + 1.5 × max(chunked
 * prefill, 2048) + TP × PP ÷ 8 × 1024 + 2 × decode graph batch + 8 per prefill graph size, at least
 * 10 GiB on cards over 60 GiB. Chunked prefill and the decode graph batch follow the card's memory
 * (< 20 GiB: 2048 / 8; < 35: 2048 / 24, 80 from TP 4; < 60: 4096 / 32, 160; < 160: 8192 / 256, 512;
 * else 16384 / 512). Activations and graphs live in the rest.
 */
export function sglangMemFractionStatic(capacityMiB: number, tp: number, pp: number): number {
  const big = tp >= 4;
  const [chunk, maxBs] =
    capacityMiB < 20 * 1024
      ? [2048, 8]
      : capacityMiB < 35 * 1024
        ? [2048, big ? 80 : 24]
        : capacityMiB < 60 * 1024
          ? [4096, big ? 160 : 32]
          : capacityMiB < 160 * 1024
            ? [8192, big ? 512 : 256]
            : [16384, 512];
  // _generate_prefill_cuda_graph_batch_sizes: 4…32 by 4, 48…256 by 16, 288…512 by 32, 576…1024 by 64,
  // 1280…4096 by 256, then by 512, up to the chunk.
  const steps: [number, number, number][] = [
    [4, 32, 4],
    [48, 256, 16],
    [288, 512, 32],
    [576, 1024, 64],
    [1280, 4096, 256],
    [4608, chunk, 512],
  ];
  let prefillGraphs = 0;
  for (const [from, to, by] of steps)
    for (let b = from; b <= Math.min(to, chunk); b += by) prefillGraphs += 1;
  let reserved = 512 + 1.5 * Math.max(chunk, 2048) + ((tp * pp) / 8) * 1024 + 2 * maxBs + 8 * prefillGraphs;
  if (capacityMiB > 60 * 1024) reserved = Math.max(reserved, 10 * 1024);
  return Math.round(((capacityMiB - reserved) / capacityMiB) * 1000) / 1000;
}

/**
 * Memory outside PyTorch that the profiling run leaves in use: cuBLAS/CUDA workspaces, and NCCL's
 * buffers when ranks talk. memory-vllm.csv: 0.13–0.14 GiB on one H100, 0.35 GiB on one RTX 3090 (V0),
 * 0.25 GiB per RTX 4090 at TP 2, 0.54–0.55 GiB per H100 at TP 2.
 */
export function vllmNonTorchBytes(ranks: number): number {
  return (ranks > 1 ? 0.5 : 0.2) * GIB;
}

export interface VllmGpuMemory {
  readonly weightsBytes: number;
  /** Activation peak and non-torch memory, plus the calibration's delta when one was given. */
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
      const capacityOf = capacityMiB[stage * tp + rank] ?? 0;
      const capacity = capacityOf * MIB;
      const budget = capacity * s.gpuMemoryUtilization;
      const weights = (layerBytes + edges) / tp;
      const defaults = vllmServeDefaults(capacityOf, s.gpuNames?.[stage * tp + rank] ?? '');
      const modelled = s.staticFraction
        ? 0
        : vllmActivationPeakBytes(
            model,
            tp,
            s.maxNumBatchedTokens ?? defaults.maxNumBatchedTokens,
            s.maxNumSeqs ?? defaults.maxNumSeqs,
          ) + vllmNonTorchBytes(tp * s.pipelineParallel);
      const overhead = modelled + (s.overheadDeltaBytes?.[stage * tp + rank] ?? 0);
      const pool = budget - weights - overhead;
      gpus.push({ weightsBytes: weights, overheadBytes: overhead, kvPoolBytes: pool, budgetBytes: budget });
      kvTokens = Math.min(kvTokens, Math.max(0, Math.floor(pool / (kvPerTokenPerLayer * count))));
    }
  });
  const tokens = Number.isFinite(kvTokens) ? kvTokens : 0;
  return { gpus, kvTokens: tokens, maxConcurrency: Math.floor(tokens / s.ctx), stageLayers };
}
