/**
 * A catalog model at a quantization, as estimated weights. For GGUF quants llama.cpp keeps
 * `output.weight` at Q6_K in mixes below Q6_K and `token_embd` at the mix's base type
 * (src/llama-quant.cpp, llama_tensor_get_type); the layers take the rest of the file-average size.
 * vLLM-style quants (AWQ, GPTQ, FP8…) leave the embeddings and lm_head at 16 bits.
 */
import type { ModelSpec, QuantSpec } from '../catalog/types';
import { paramBreakdown } from '../catalog/model-params';
import type { EngineModel, ModelWeights } from '../engine/model-weights';

/** Base block type of a GGUF mix, bits per weight (ggml-common.h block sizes). */
const GGUF_BASE_BPW: Readonly<Record<string, number>> = {
  Q2_K: 2.625,
  Q3_K_S: 3.4375,
  Q3_K_M: 3.4375,
  Q3_K_L: 3.4375,
  Q4_K_S: 4.5,
  Q4_K_M: 4.5,
  Q5_K_S: 5.5,
  Q5_K_M: 5.5,
  Q6_K: 6.5625,
};
const Q6_K_BPW = 6.5625;

function edgeBits(quant: QuantSpec): { embd: number; output: number } {
  if (quant.format !== 'gguf')
    return { embd: Math.max(16, quant.bitsPerWeight), output: Math.max(16, quant.bitsPerWeight) };
  const base = GGUF_BASE_BPW[quant.id] ?? quant.blockBitsPerWeight ?? quant.bitsPerWeight;
  return { embd: base, output: quant.bitsPerWeight >= Q6_K_BPW ? quant.bitsPerWeight : Q6_K_BPW };
}

export function catalogWeights(spec: ModelSpec, quant: QuantSpec): ModelWeights {
  const b = paramBreakdown(spec);
  const bits = edgeBits(quant);
  const embd = (b.embedding * bits.embd) / 8;
  const output = ((spec.tieEmbeddings ? b.embedding : b.outputHead) * bits.output) / 8;
  const layerParams = spec.paramsB * 1e9 - b.embedding - b.outputHead - b.vision;
  // Mixed GGUF recipes: the file-average bpw covers every tensor; the layers carry what the edges do not.
  const fileBytes = (spec.paramsB * 1e9 * quant.bitsPerWeight) / 8;
  const layerBytes =
    quant.format === 'gguf'
      ? Math.max(fileBytes - embd - (spec.tieEmbeddings ? 0 : output), 0)
      : (layerParams * quant.bitsPerWeight) / 8;
  const experts = spec.experts ? (spec.experts.total + spec.experts.shared) * b.perExpert : 0;
  const routed = spec.experts ? spec.experts.total * b.perExpert : 0;
  const perLayerParams = b.attentionPerLayer + b.routerPerLayer;
  const totalLayerParams =
    spec.layers * perLayerParams + b.denseLayers * b.denseMlpPerLayer + b.moeLayers * experts;
  const bytesPerParam = layerBytes / Math.max(totalLayerParams, 1);
  const layers = Array.from({ length: spec.layers }, (_, il) => {
    const moe = spec.experts !== null && il >= b.denseLayers;
    const dense = perLayerParams + (moe ? experts - routed : b.denseMlpPerLayer);
    return { denseBytes: dense * bytesPerParam, expertBytes: (moe ? routed : 0) * bytesPerParam };
  });
  return {
    tokenEmbdBytes: embd,
    outputBytes: output,
    tiedOutput: spec.tieEmbeddings,
    origin: 'catalog',
    layers,
  };
}

export function modelFromCatalog(spec: ModelSpec, quant: QuantSpec): EngineModel {
  return { spec, quant, quantLabel: quant.id, weights: catalogWeights(spec, quant) };
}
