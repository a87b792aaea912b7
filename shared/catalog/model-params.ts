/**
 * Parameter counts recomputed from a model's architecture, so catalog typos show up as a mismatch with the
 * published total, and so the engine can size layers (per-layer attention / MLP / experts) for a split.
 *
 * Counted: token embedding, output head (unless tied), per-layer attention projections, gated MLPs
 * (3 matrices: gate, up, down — every catalogued model uses SwiGLU/GeGLU), routed and shared experts,
 * routers, and a vision tower when the checkpoint ships one. Norms, biases and attention sinks are
 * ignored (< 0.1 % of any catalogued model). Multi-token-prediction modules (DeepSeek) are not counted,
 * matching the published 671B.
 */
import type { ModelSpec } from './types';

/** Parameter counts by part (raw parameters, not billions). */
export interface ParamBreakdown {
  /** Input embedding table, vocab × hidden. */
  readonly embedding: number;
  /** Output head, vocab × hidden; 0 when tied to the embedding. */
  readonly outputHead: number;
  /** Attention projections (Q, K, V, O or the MLA low-rank set) of one layer. */
  readonly attentionPerLayer: number;
  /** Dense gated MLP of one dense layer (`intermediateSize`). */
  readonly denseMlpPerLayer: number;
  /** One routed or shared expert (`expertIntermediateSize`). */
  readonly perExpert: number;
  /** Router (gate) of one MoE layer, hidden × experts. */
  readonly routerPerLayer: number;
  /** Layers with a dense MLP: all of them for dense models, `experts.denseLayers` for MoE. */
  readonly denseLayers: number;
  /** Layers with experts. */
  readonly moeLayers: number;
  /** Vision tower shipped in the checkpoint. */
  readonly vision: number;
}

const gatedMlp = (hidden: number, inter: number): number => 3 * hidden * inter;

/** Attention weights of one layer: GQA (Q/O at heads × headDim, K/V at kvHeads × headDim) or MLA. */
export function attentionParamsPerLayer(spec: ModelSpec): number {
  const h = spec.hiddenSize;
  const mla = spec.mla;
  if (!mla) return 2 * h * spec.attentionHeads * spec.headDim + 2 * h * spec.kvHeads * spec.headDim;
  const nope = mla.qkNopeHeadDim ?? spec.headDim - mla.qkRopeHeadDim;
  const v = mla.vHeadDim ?? nope;
  const qHead = nope + mla.qkRopeHeadDim;
  const q = mla.qLoraRank
    ? h * mla.qLoraRank + mla.qLoraRank * spec.attentionHeads * qHead
    : h * spec.attentionHeads * qHead;
  const kvDown = h * (mla.kvLoraRank + mla.qkRopeHeadDim);
  const kvUp = mla.kvLoraRank * spec.attentionHeads * (nope + v);
  return q + kvDown + kvUp + spec.attentionHeads * v * h;
}

export function paramBreakdown(spec: ModelSpec): ParamBreakdown {
  const h = spec.hiddenSize;
  const table = spec.vocabSize * h;
  const e = spec.experts;
  const denseLayers = e ? (e.denseLayers ?? 0) : spec.layers;
  return {
    embedding: table,
    outputHead: spec.tieEmbeddings ? 0 : table,
    attentionPerLayer: attentionParamsPerLayer(spec),
    denseMlpPerLayer: gatedMlp(h, spec.intermediateSize),
    perExpert: e ? gatedMlp(h, e.expertIntermediateSize) : 0,
    routerPerLayer: e ? h * e.total : 0,
    denseLayers,
    moeLayers: spec.layers - denseLayers,
    vision: (spec.visionParamsB ?? 0) * 1e9,
  };
}

/** Total parameters recomputed from the architecture, billions (compare with `paramsB`). */
export function estimateParamsB(spec: ModelSpec): number {
  const b = paramBreakdown(spec);
  const experts = spec.experts ? spec.experts.total + spec.experts.shared : 0;
  const moeLayer = experts * b.perExpert + b.routerPerLayer;
  const layers =
    spec.layers * b.attentionPerLayer + b.denseLayers * b.denseMlpPerLayer + b.moeLayers * moeLayer;
  return (b.embedding + b.outputHead + layers + b.vision) / 1e9;
}

/**
 * Weights read per generated token, billions: all attention, dense MLPs, the active routed experts plus
 * shared experts, routers, and the output head. The input embedding table is left out when it is not
 * tied (only one row of it is read per token); the vision tower is left out. For dense models this is a
 * little below `paramsB`; for MoE it is what bounds decode speed.
 */
export function estimateActiveParamsB(spec: ModelSpec): number {
  const b = paramBreakdown(spec);
  const experts = spec.experts ? spec.experts.active + spec.experts.shared : 0;
  const moeLayer = experts * b.perExpert + b.routerPerLayer;
  const layers =
    spec.layers * b.attentionPerLayer + b.denseLayers * b.denseMlpPerLayer + b.moeLayers * moeLayer;
  const head = spec.tieEmbeddings ? b.embedding : b.outputHead;
  return (head + layers) / 1e9;
}
