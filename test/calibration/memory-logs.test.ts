/**
 * Per-device buffers llama.cpp and vLLM printed when loading real models (fixtures/calibration/
 * memory-logs, copied from ../shared/calibration) against what the engine reconstructs. The model's
 * file size comes from the same log (as a GGUF header would give it); placement, KV cache and compute
 * buffers are the engine's. ik_llama.cpp is a fork whose compute buffers differ (calibration README):
 * for its rows only weights and KV are compared.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '@shared/catalog/types';
import { findModel } from '@shared/catalog/model-lookup';
import { paramBreakdown } from '@shared/catalog/model-params';
import {
  kvBytesFor,
  llamaCppMemory,
  DEFAULT_LLAMA_SETTINGS,
  type LlamaCppSettings,
} from '@shared/engine/llama-cpp-memory';
import { vllmMemory } from '@shared/engine/vllm-memory';
import type { EngineModel, ModelWeights } from '@shared/model-import/model-weights';

const MIB = 2 ** 20;
const GIB = 2 ** 30;

/** Architectures of the two log models not in the catalog, from their config.json as the logs print them. */
const GLM_Z1_32B: ModelSpec = {
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
      ref: 'fixtures/calibration/memory-logs.csv id=lcpp-glm-z1-32b-3090ti',
      says: 'n_layer 61, n_embd 6144, n_head 48, n_head_kv 2',
    },
  ],
};
const YI_34B: ModelSpec = {
  ...(findModel('qwen3-32b') as ModelSpec),
  id: 'yi-34b',
  name: 'Yi-34B',
  arch: 'llama',
  layers: 60,
  hiddenSize: 7168,
  attentionHeads: 56,
  kvHeads: 8,
  headDim: 128,
  vocabSize: 64000,
  intermediateSize: 20480,
  experts: null,
  slidingWindow: null,
  mla: null,
  tieEmbeddings: false,
  sources: [
    {
      ref: 'https://huggingface.co/01-ai/Yi-34B/blob/main/config.json',
      says: '60 layers, hidden 7168, 56 heads, 8 KV heads, vocab 64000',
    },
  ],
};

/**
 * Weights laid out as a GGUF of `fileGiB` holds them: token_embd at the base type, output at Q6_K
 * (6.5625 bpw; llama.cpp's llama_tensor_get_type), the rest spread over the layers by parameter count.
 */
function weightsFromFile(spec: ModelSpec, fileGiB: number, embdBpw: number): ModelWeights {
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

const model = (spec: ModelSpec, fileGiB: number, embdBpw: number): EngineModel => ({
  spec,
  quant: null,
  quantLabel: 'log',
  weights: weightsFromFile(spec, fileGiB, embdBpw),
});
const settings = (over: Partial<LlamaCppSettings>): LlamaCppSettings => ({
  ...DEFAULT_LLAMA_SETTINGS,
  ctx: 4096,
  ...over,
});
const within = (actual: number, expected: number, pct = 5) =>
  Math.abs(actual - expected) / expected <= pct / 100;

describe('llama.cpp per-device buffers against real load logs (±5%)', () => {
  it('GLM-Z1-32B IQ4_XS on one RTX 3090 Ti, 32k ctx, FA: weights 16303.48, KV 1952, compute 353 MiB; host 471.75', () => {
    const mem = llamaCppMemory(model(GLM_Z1_32B, 16.38, 4.25), settings({ ctx: 32768 }), [24000]);
    const d = mem.devices[0]!;
    expect(within(d.modelBytes / MIB, 16303.48)).toBe(true);
    expect(d.kvBytes / MIB).toBeCloseTo(1952, 0);
    expect(within(d.computeBytes / MIB, 353)).toBe(true);
    expect(within(mem.host.modelBytes / MIB, 471.75)).toBe(true);
  });

  it('Yi-34B IQ4_XS, -ts 1,1 -ngl 61 on 3090 + 3060: 31 layers vs 29 + output (8796.98 / 8588.34 MiB)', () => {
    const mem = llamaCppMemory(
      model(YI_34B, (8796.98 + 8588.34 + 232.42) / 1024, 4.25),
      settings({ ctx: 2048, tensorSplit: [1, 1], ngl: 61 }),
      [24000, 12000],
    );
    expect(mem.devices.map((d) => d.layers.length)).toEqual([31, 29]);
    expect(within(mem.devices[0]!.modelBytes / MIB, 8796.98)).toBe(true);
    expect(within(mem.devices[1]!.modelBytes / MIB, 8588.34)).toBe(true);
  });

  it('Qwen3-30B-A3B Q4_K_M, experts on CPU, 4090 (9862 MiB free) + 5090 (31518 free), 16k ctx, FA off: KV 384 / 1152, compute 1080 both', () => {
    const spec = findModel('qwen3-30b-a3b') as ModelSpec;
    const mem = llamaCppMemory(
      model(spec, 17.28, 4.5),
      settings({ ctx: 16384, flashAttention: false, nCpuMoe: 48 }),
      [9862, 31518],
    );
    expect(mem.devices.map((d) => d.kvBytes / MIB)).toEqual([384, 1152]);
    for (const d of mem.devices) expect(within(d.computeBytes / MIB, 1080)).toBe(true);
    // Attention, norms and router stay on the GPUs (135.76 / 648.66 MiB with the output head).
    expect(within(mem.devices[1]!.modelBytes / MIB, 648.66, 10)).toBe(true);
  });

  it('ik_llama.cpp Qwen3-30B-A3B on 2× T4, 32k ctx: 25 / 23 layers by free memory → KV 1600 / 1472 MiB', () => {
    const spec = findModel('qwen3-30b-a3b') as ModelSpec;
    // Two identical cards with the same free memory: layer il goes to GPU 0 while il / 49 < 0.5.
    const mem = llamaCppMemory(model(spec, 16.493, 4.5), settings({ ctx: 32768 }), [14910, 14910]);
    expect(mem.devices.map((d) => d.kvBytes / MIB)).toEqual([1600, 1472]);
    expect(within(mem.devices[0]!.modelBytes / MIB, 8509.23)).toBe(true);
    expect(within(mem.devices[1]!.modelBytes / MIB, 8213.14)).toBe(true);
  });
});

describe("llama.cpp's first GPU runs the prompt's matmuls on weights left in RAM (op offload), ±15%", () => {
  // memory-llama.csv: Qwen3-235B-A22B Q6_K (179.75 GiB), 16k ctx, q8_0 KV, FA, ubatch 512, b5269 (ik_llama.cpp
  // discussion #357); Q8_0 (232.77 GiB) on an A6000, 32k ctx, f16 KV. The buffer holds one expert matrix copy.
  const spec = findModel('qwen3-235b-a22b') as ModelSpec;
  const q6k = model(spec, 179.75, 6.5625);
  const at16k = (over: Partial<LlamaCppSettings>) =>
    settings({ ctx: 16384, cacheTypeK: 'q8_0', cacheTypeV: 'q8_0', ...over });

  it('experts in RAM on 2× RTX 3090: CUDA0 774 MiB (one expert matrix copied in), CUDA1 304.75 MiB', () => {
    const mem = llamaCppMemory(q6k, at16k({ nCpuMoe: 80 }), [23871, 23871]);
    expect(within(mem.devices[0]!.computeBytes / MIB, 774, 15)).toBe(true);
    expect(within(mem.devices[1]!.computeBytes / MIB, 304.75, 15)).toBe(true);
  });

  it('Q8_0 experts in RAM on one RTX A6000, 32k ctx: 1024 MiB (a bigger matrix to copy)', () => {
    const mem = llamaCppMemory(model(spec, 232.77, 8.5), settings({ ctx: 32768, nCpuMoe: 81 }), [48267]);
    expect(within(mem.devices[0]!.computeBytes / MIB, 1024, 15)).toBe(true);
  });

  it('-ngl 0: no layer on a GPU, yet CUDA0 keeps a 742 MiB compute buffer for the prompt; CUDA1 none', () => {
    const mem = llamaCppMemory(q6k, at16k({ ngl: 0 }), [23871, 23871]);
    expect(mem.devices.map((d) => d.modelBytes)).toEqual([0, 0]);
    expect(within(mem.devices[0]!.computeBytes / MIB, 742, 15)).toBe(true);
    expect(mem.devices[1]!.computeBytes).toBe(0);
  });

  it('batches under 32 tokens stay on the CPU: no copy, no extra buffer', () => {
    const mem = llamaCppMemory(q6k, at16k({ ngl: 0, ubatch: 16 }), [23871, 23871]);
    expect(mem.devices[0]!.computeBytes).toBe(0);
  });
});

describe("DeepSeek's MLA KV cache follows the llama.cpp build", () => {
  // memory-llama.csv lcpp-dsv3-0324-…: b5331, 16k ctx, f16 KV, FA on, 61 layers over four GPUs: KV 510 + 408 + 408
  // + 748 = 2074 MiB, i.e. 1088 elements (576 K + 512 V) per token and layer.
  const spec = findModel('deepseek-v3') as ModelSpec;
  const kvMiB = (llamaBuild: number | null) =>
    kvBytesFor(model(spec, 200, 4.5), settings({ ctx: 16384, llamaBuild })).reduce((a, b) => a + b, 0) / MIB;

  it('b5331 keeps a V row beside the latent: 2074 MiB as logged', () => {
    expect(within(kvMiB(5331), 2074, 1)).toBe(true);
  });

  it('from b7832 (PR #19067, V-less cache) only the 576-element latent: 576/1088 of that', () => {
    expect(within(kvMiB(null), (2074 * 576) / 1088, 1)).toBe(true);
    expect(kvMiB(7832)).toBe(kvMiB(null));
  });
});

describe('vLLM pool against real profiling logs', () => {
  const llama8b = findModel('llama-3-8b') as ModelSpec;
  const bf16 = model(llama8b, 14.96, 16);
  const weights: ModelWeights = { ...bf16.weights, outputBytes: bf16.weights.tokenEmbdBytes };
  it('Llama-3-8B bf16 TP 1 on H100 (79.22 GiB, util 0.9): weights 14.96 GiB, KV pool 53.29 GiB (±5%)', () => {
    const mem = vllmMemory(
      { ...bf16, weights },
      { tensorParallel: 1, pipelineParallel: 1, gpuMemoryUtilization: 0.9, kvBytesPerElement: 2, ctx: 8192 },
      [79.22 * 1024],
    );
    expect(within(mem.gpus[0]!.weightsBytes / GIB, 14.96)).toBe(true);
    expect(within(mem.gpus[0]!.kvPoolBytes / GIB, 53.29)).toBe(true);
  });
  it('TP 2 halves the weights per GPU (7.48 GiB logged)', () => {
    const mem = vllmMemory(
      { ...bf16, weights },
      { tensorParallel: 2, pipelineParallel: 1, gpuMemoryUtilization: 0.9, kvBytesPerElement: 2, ctx: 8192 },
      [79.22 * 1024, 79.22 * 1024],
    );
    expect(within(mem.gpus[0]!.weightsBytes / GIB, 7.48)).toBe(true);
  });
});
