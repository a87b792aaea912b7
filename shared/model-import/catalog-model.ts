/**
 * Estimated weights for a catalogued model at a quantization: parameter counts per tensor group
 * (catalog/model-params) × bits per weight of that group.
 *
 * GGUF: llama.cpp's recipe keeps some tensors at other types (ggml-org/llama.cpp
 * src/llama-quant.cpp@007dbbf3fd17eefe9b47fee45f48f7ba5e62b714 `llama_tensor_get_type_impl`):
 * - output.weight → Q6_K unless the base type is Q8_0 (then Q8_0); Q5_K for IQ2_XXS/IQ2_XS/IQ3_XXS/IQ1_S/
 *   IQ2_S/IQ2_M/IQ1_M; Q8_0 for MXFP4_MOE; F16/BF16/F32 files are not quantized at all;
 * - token_embd.weight → the base type (Q4_K_M → Q4_K 4.5 bpw, IQ4_XS 4.25, Q8_0 8.5), except Q2_K for
 *   IQ2_XXS/IQ2_XS/IQ1_S/IQ1_M, IQ3_S for IQ2_S/IQ2_M/IQ3_XXS, Q8_0 for MXFP4_MOE; a tied embedding
 *   (no output.weight) is quantized like the output;
 * - MXFP4_MOE: expert tensors MXFP4, every other tensor Q8_0.
 * Layers sit at the base type; for mixed recipes (`bitsPerWeightBasis: 'file-average'`) their bytes are
 * scaled up so the file totals text params × bitsPerWeight / 8 (never below the base type).
 * vLLM (awq, gptq, fp8, …): embeddings and lm_head stay 16-bit (vLLM/AutoAWQ leave them unquantized);
 * layers at the quant's bits (mxfp4: only the experts, as gpt-oss ships). EXL2: embeddings 16-bit, head at
 * exllamav2's default head_bits 6 (convert.py `-hb`), layers at the chosen bpw.
 * A vision tower shipped with the checkpoint is not counted (GGUF keeps it in a separate mmproj file).
 */
import { paramBreakdown } from '../catalog/model-params';
import type { ModelSpec, QuantSpec } from '../catalog/types';
import type { EngineModel, LayerWeights, ModelWeights } from './model-weights';

/** Bits per weight of each tensor group. */
export interface GroupBits {
  /** Token embedding table. */
  readonly embedding: number;
  /** Output head (ignored when tied: the head is the embedding). */
  readonly output: number;
  /** Attention, routers, dense MLPs and shared experts. */
  readonly dense: number;
  /** Routed experts. */
  readonly expert: number;
}

/** Parameters of each layer: dense part and routed-expert part. */
export function layerParams(spec: ModelSpec): { readonly dense: number; readonly expert: number }[] {
  const b = paramBreakdown(spec);
  const shared = spec.experts?.shared ?? 0;
  const routed = spec.experts?.total ?? 0;
  return Array.from({ length: spec.layers }, (_, i) =>
    i < b.denseLayers
      ? { dense: b.attentionPerLayer + b.denseMlpPerLayer, expert: 0 }
      : {
          dense: b.attentionPerLayer + b.routerPerLayer + shared * b.perExpert,
          expert: routed * b.perExpert,
        },
  );
}

/** Weights from parameter counts at the given bits; layer bytes are multiplied by `layerScale`. */
export function weightsFromParams(
  spec: ModelSpec,
  bits: GroupBits,
  origin: ModelWeights['origin'],
  layerScale = 1,
): ModelWeights {
  const b = paramBreakdown(spec);
  const embd = (b.embedding * bits.embedding) / 8;
  const layers: LayerWeights[] = layerParams(spec).map((l) => ({
    denseBytes: (l.dense * bits.dense * layerScale) / 8,
    expertBytes: (l.expert * bits.expert * layerScale) / 8,
  }));
  return {
    tokenEmbdBytes: embd,
    outputBytes: spec.tieEmbeddings ? embd : (b.outputHead * bits.output) / 8,
    tiedOutput: spec.tieEmbeddings,
    layers,
    origin,
  };
}

const Q8_0 = 8.5;
const Q6_K = 6.5625;
const Q5_K = 5.5;
const Q2_K = 2.625;
const IQ3_S = 3.4375;
const UNQUANTIZED = new Set(['F32', 'F16', 'BF16']);
const OUTPUT_Q5_K = new Set(['IQ2_XXS', 'IQ2_XS', 'IQ3_XXS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M']);
const EMBD_Q2_K = new Set(['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ1_M']);
const EMBD_IQ3_S = new Set(['IQ2_S', 'IQ2_M', 'IQ3_XXS']);
const isMxfp4 = (q: QuantSpec): boolean => q.id.toUpperCase() === 'MXFP4';

/** Bits of output.weight for a GGUF recipe. */
function ggufOutputBits(q: QuantSpec, base: number): number {
  if (UNQUANTIZED.has(q.id)) return base;
  if (isMxfp4(q)) return Q8_0;
  if (OUTPUT_Q5_K.has(q.id)) return Q5_K;
  return base >= Q8_0 ? base : Q6_K;
}

/** Bits of token_embd.weight for a GGUF recipe (untied). */
function ggufEmbeddingBits(q: QuantSpec, base: number): number {
  if (isMxfp4(q)) return Q8_0;
  if (EMBD_Q2_K.has(q.id)) return Q2_K;
  if (EMBD_IQ3_S.has(q.id)) return IQ3_S;
  return base;
}

/** Group bits of a GGUF recipe, before the file-average scaling. */
export function ggufGroupBits(q: QuantSpec, tied: boolean): GroupBits {
  const base = q.blockBitsPerWeight ?? q.bitsPerWeight;
  const output = ggufOutputBits(q, base);
  const embedding = tied ? output : ggufEmbeddingBits(q, base);
  if (isMxfp4(q)) return { embedding, output, dense: Q8_0, expert: base };
  return { embedding, output, dense: base, expert: base };
}

/** Text parameters (without a shipped vision tower). */
const textParams = (spec: ModelSpec): number => (spec.paramsB - (spec.visionParamsB ?? 0)) * 1e9;

/** Layer scale so a mixed recipe's file totals params × bitsPerWeight / 8; 1 for single-type quants. */
function fileAverageScale(spec: ModelSpec, q: QuantSpec, bits: GroupBits): number {
  if (q.bitsPerWeightBasis !== 'file-average') return 1;
  const w = weightsFromParams(spec, bits, 'catalog');
  const fixed = w.tokenEmbdBytes + (w.tiedOutput ? 0 : w.outputBytes);
  const layers = w.layers.reduce((s, l) => s + l.denseBytes + l.expertBytes, 0);
  const target = (textParams(spec) * q.bitsPerWeight) / 8;
  return layers > 0 ? Math.max(1, (target - fixed) / layers) : 1;
}

/** exllamav2 convert.py `-hb/--head_bits` default. */
const EXL2_HEAD_BITS = 6;

/** Group bits of a vLLM/SGLang or EXL2 checkpoint. */
export function checkpointGroupBits(q: QuantSpec): GroupBits {
  if (isMxfp4(q)) return { embedding: 16, output: 16, dense: 16, expert: q.bitsPerWeight };
  const output = q.format === 'exl2' ? EXL2_HEAD_BITS : 16;
  return { embedding: 16, output, dense: q.bitsPerWeight, expert: q.bitsPerWeight };
}

/** Estimated weights of a catalogued model at a quantization (origin `catalog`). */
export function modelFromCatalog(spec: ModelSpec, quant: QuantSpec): EngineModel {
  let weights: ModelWeights;
  if (quant.format === 'gguf') {
    const bits = ggufGroupBits(quant, spec.tieEmbeddings);
    weights = weightsFromParams(spec, bits, 'catalog', fileAverageScale(spec, quant, bits));
  } else {
    weights = weightsFromParams(spec, checkpointGroupBits(quant), 'catalog');
  }
  return { spec, quant, quantLabel: quant.id, weights };
}

/** The weights part of `modelFromCatalog`. */
export function catalogWeights(spec: ModelSpec, quant: QuantSpec): ModelWeights {
  return modelFromCatalog(spec, quant).weights;
}
