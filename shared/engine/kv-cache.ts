/**
 * KV cache sizes. Per layer and token a layer stores K and V for its KV heads (GQA), or — with
 * multi-head latent attention — one compressed latent; sliding-window layers keep only the window.
 * Layout follows llama.cpp's `llama_kv_cache` (src/llama-kv-cache.cpp) and vLLM's per-token block math.
 */
import type { ModelSpec } from '../catalog/types';
import { KV_CACHE_BYTES } from './thresholds';

export type CacheType = keyof typeof KV_CACHE_BYTES;
export const CACHE_TYPES = Object.keys(KV_CACHE_BYTES) as CacheType[];

/**
 * First llama.cpp build whose KV cache keeps no V for multi-head latent attention: V is read from the
 * cached latent (ggml-org/llama.cpp d9c6ce46f "kv-cache : support V-less cache", PR #19067, 2026-01-25).
 * Builds before it store a V row of `kv_lora_rank` beside K, flash attention or not (a b5331 load log of
 * DeepSeek-V3 prints 1088 elements per token and layer: memory-llama.csv).
 */
export const LLAMA_VLESS_MLA_BUILD = 7832;

/**
 * K and V elements stored per token in layer `il` (any layer when the model's layers share one shape).
 * Gemma 4's global layers have their own KV heads and head size; their V shares K's weights, but the
 * cache still keeps a V row per token, so both are counted.
 */
export function kvElementsPerToken(
  spec: ModelSpec,
  il = 0,
  llamaBuild: number | null = null,
): { k: number; v: number } {
  if (spec.mla) {
    // llama.cpp caches the latent (kv_lora_rank) plus the rope part as K; older builds a V row as well.
    const k = spec.mla.kvLoraRank + spec.mla.qkRopeHeadDim;
    const oldBuild = llamaBuild !== null && llamaBuild < LLAMA_VLESS_MLA_BUILD;
    return { k, v: oldBuild ? spec.mla.kvLoraRank : 0 };
  }
  const global = spec.slidingWindow?.global;
  const shape = global && !isSlidingLayer(spec, il) ? global : spec;
  return { k: shape.kvHeads * shape.headDim, v: shape.kvHeads * shape.headDim };
}

/** Whether layer `il` uses the sliding window (the global layers are spread evenly, e.g. every 6th in Gemma 3). */
export function isSlidingLayer(spec: ModelSpec, il: number): boolean {
  const sw = spec.slidingWindow;
  if (!sw) return false;
  const globals = spec.layers - sw.layers;
  if (globals <= 0) return true;
  return Math.floor(((il + 1) * globals) / spec.layers) === Math.floor((il * globals) / spec.layers);
}

/**
 * Whether layer `il` keeps a KV cache that grows with the context. In hybrid models only
 * `fullAttentionLayers` do, spread evenly (Qwen3-Next and Qwen3.5: every 4th layer, `full_attention_interval`);
 * the others (Gated DeltaNet, Mamba) keep a fixed recurrent state instead.
 */
export function isFullAttentionLayer(spec: ModelSpec, il: number): boolean {
  const full = spec.fullAttentionLayers;
  if (full === undefined || full >= spec.layers) return true;
  if (full <= 0) return false;
  return Math.floor(((il + 1) * full) / spec.layers) !== Math.floor((il * full) / spec.layers);
}

/** Layers that keep a growing KV cache. */
export const attentionLayerCount = (spec: ModelSpec): number =>
  Math.min(spec.layers, spec.fullAttentionLayers ?? spec.layers);

const pad256 = (n: number): number => Math.ceil(n / 256) * 256;

/**
 * Token cells each layer holds. Full-attention layers hold the whole context of every slot;
 * sliding layers hold window × slots + one micro-batch, padded to 256 (llama.cpp `n_ctx_swa`).
 */
export function kvCellsPerLayer(
  spec: ModelSpec,
  ctxPerSlot: number,
  slots: number,
  ubatch: number,
): number[] {
  const full = ctxPerSlot * slots;
  return Array.from({ length: spec.layers }, (_, il) =>
    !isFullAttentionLayer(spec, il)
      ? 0
      : isSlidingLayer(spec, il) && spec.slidingWindow
        ? Math.min(full, pad256(spec.slidingWindow.window * slots + ubatch))
        : full,
  );
}

/** The fixed recurrent state a hybrid model's other layers keep, per layer, for `slots` sequences (bytes). */
function recurrentBytesPerLayer(spec: ModelSpec, il: number, slots: number): number {
  const recurrent = spec.layers - attentionLayerCount(spec);
  if (!spec.recurrentStateBytes || recurrent <= 0 || isFullAttentionLayer(spec, il)) return 0;
  return (spec.recurrentStateBytes / recurrent) * slots;
}

/** Bytes of KV cache for each layer. */
export function kvBytesPerLayer(
  spec: ModelSpec,
  options: {
    ctxPerSlot: number;
    slots: number;
    ubatch: number;
    typeK: CacheType;
    typeV: CacheType;
    /** The llama.cpp build, when known (older builds keep a V row for MLA); null = a current one. */
    llamaBuild?: number | null;
  },
): number[] {
  const perToken = (il: number) => {
    const { k, v } = kvElementsPerToken(spec, il, options.llamaBuild ?? null);
    return k * (KV_CACHE_BYTES[options.typeK] ?? 2) + v * (KV_CACHE_BYTES[options.typeV] ?? 2);
  };
  return kvCellsPerLayer(spec, options.ctxPerSlot, options.slots, options.ubatch).map(
    (cells, il) => cells * perToken(il) + recurrentBytesPerLayer(spec, il, options.slots),
  );
}

/** KV bytes per token over all layers at 16-bit, the figure vLLM sizes its pool with (per GPU: divide by TP, but never below one KV head). */
export function kvBytesPerTokenAllLayers(
  spec: ModelSpec,
  bytesPerElement: number,
  tensorParallel = 1,
): number {
  const layers = attentionLayerCount(spec);
  if (spec.mla) return layers * (spec.mla.kvLoraRank + spec.mla.qkRopeHeadDim) * bytesPerElement;
  // vLLM replicates KV heads when TP exceeds them (vllm/config/model.py get_num_kv_heads).
  const perLayer = (shape: { kvHeads: number; headDim: number }) =>
    2 * Math.max(1, Math.ceil(shape.kvHeads / tensorParallel)) * shape.headDim * bytesPerElement;
  const global = spec.slidingWindow?.global;
  if (!global) return layers * perLayer(spec);
  let sum = 0;
  for (let il = 0; il < spec.layers; il += 1) sum += perLayer(isSlidingLayer(spec, il) ? spec : global);
  return sum;
}
