/**
 * Test support: models as a published load log describes them — the architecture from the catalog (or
 * from the log for a model the catalog lacks), the weights laid out as a GGUF of the logged file size
 * holds them. Used by the memory calibration tests to predict what each logged device held.
 */
import { findModel } from '@shared/catalog/model-lookup';
import { paramBreakdown } from '@shared/catalog/model-params';
import type { ModelSpec } from '@shared/catalog/types';
import type { EngineModel, ModelWeights } from '@shared/model-import/model-weights';

const GIB = 2 ** 30;

/** GLM-Z1-32B-0414 as its load logs print it (not in the catalog). */
export const GLM_Z1_32B: ModelSpec = {
  ...(findModel('qwen3-32b') as ModelSpec),
  id: 'glm-z1-32b-0414',
  name: 'GLM-Z1-32B-0414',
  arch: 'glm4',
  layers: 61,
  hiddenSize: 6144,
  attentionHeads: 48,
  kvHeads: 2,
  headDim: 128,
  vocabSize: 151552,
  intermediateSize: 23040,
  experts: null,
  slidingWindow: null,
  mla: null,
  tieEmbeddings: false,
  sources: [
    {
      ref: '../shared/calibration/memory-logs.csv id=lcpp-glm-z1-32b-3090ti',
      says: 'n_layer 61, n_embd 6144, n_head 48, n_head_kv 2',
    },
  ],
};

/**
 * Weights laid out as a GGUF of `fileGiB` holds them: token_embd at the base type (`embdBpw` bits per
 * weight), output at Q6_K (6.5625 bpw; llama.cpp's llama_tensor_get_type), the rest spread over the
 * layers by parameter count.
 */
export function weightsFromFile(spec: ModelSpec, fileGiB: number, embdBpw: number): ModelWeights {
  const b = paramBreakdown(spec);
  const embd = (b.embedding * embdBpw) / 8;
  const output = (b.embedding * 6.5625) / 8;
  const perLayer = (fileGiB * GIB - embd - output) / spec.layers;
  const expertParams = spec.experts ? spec.experts.total * b.perExpert : 0;
  const expertShare =
    expertParams /
    (expertParams + b.attentionPerLayer + b.routerPerLayer + (spec.experts ? 0 : b.denseMlpPerLayer));
  return {
    tokenEmbdBytes: embd,
    outputBytes: output,
    tiedOutput: false,
    origin: 'gguf',
    layers: Array.from({ length: spec.layers }, () => ({
      denseBytes: perLayer * (1 - expertShare),
      expertBytes: perLayer * expertShare,
    })),
  };
}

export const modelFromFile = (spec: ModelSpec, fileGiB: number, embdBpw: number): EngineModel => ({
  spec,
  quant: null,
  quantLabel: 'log',
  weights: weightsFromFile(spec, fileGiB, embdBpw),
});
