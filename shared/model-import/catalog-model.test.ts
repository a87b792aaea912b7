import { describe, expect, it } from 'vitest';
import { findModel } from '../catalog/model-lookup';
import { findQuant } from '../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../catalog/types';
import { totalWeightBytes } from './model-weights';
import { ggufGroupBits, modelFromCatalog } from './catalog-model';

const GiB = 2 ** 30;
const spec = (id: string): ModelSpec => {
  const s = findModel(id);
  if (!s) throw new Error(`no catalog model ${id}`);
  return s;
};
const quant = (id: string, format?: QuantSpec['format']): QuantSpec => {
  const q = findQuant(id, format);
  if (!q) throw new Error(`no quant ${id}`);
  return q;
};
const totalGiB = (model: string, q: QuantSpec): number =>
  totalWeightBytes(modelFromCatalog(spec(model), q).weights) / GiB;

describe('modelFromCatalog: GGUF file sizes', () => {
  it.each([
    // tools/quantize/README.md table and quantize.cpp help text ("4.58G … @ Llama-3-8B"), in GiB
    ['Llama-3-8B Q4_K_M ≈ 4.58 GiB (llama.cpp published size)', 'llama-3-8b', 'Q4_K_M', 4.58, 0.03],
    [
      'Llama-3-8B Q4_0 ≈ 4.34 GiB: layers at Q4_0, output Q6_K, no file-average scaling',
      'llama-3-8b',
      'Q4_0',
      4.34,
      0.03,
    ],
    ['Llama-3-8B Q5_K_M ≈ 5.33 GiB', 'llama-3-8b', 'Q5_K_M', 5.33, 0.03],
    // calibration/memory-logs.csv lcpp-qwen3-30b-a3b-4090-5090: model_size_gib 17.28
    ['Qwen3-30B-A3B Q4_K_M ≈ 17.28 GiB (memory-logs.csv)', 'qwen3-30b-a3b', 'Q4_K_M', 17.28, 0.05],
  ])('%s', (_why, model, q, gib, tolerance) => {
    const got = totalGiB(model, quant(q, 'gguf'));
    expect(Math.abs(got - gib) / gib).toBeLessThan(tolerance);
  });

  it('keeps output.weight at Q6_K and token_embd at the base type (Q4_K_M → Q4_K)', () => {
    const s = spec('llama-3-8b');
    const w = modelFromCatalog(s, quant('Q4_K_M', 'gguf')).weights;
    const table = s.vocabSize * s.hiddenSize;
    expect(w.tokenEmbdBytes).toBeCloseTo((table * 4.5) / 8, 0);
    expect(w.outputBytes).toBeCloseTo((table * 6.5625) / 8, 0);
    expect(w.tiedOutput).toBe(false);
    expect(w.layers).toHaveLength(32);
    expect(w.layers.every((l) => l.expertBytes === 0)).toBe(true);
  });

  it.each([
    ['IQ4_XS embeds at 4.25, output Q6_K', 'IQ4_XS', { embedding: 4.25, output: 6.5625, dense: 4.25 }],
    ['Q8_0 keeps everything at Q8_0', 'Q8_0', { embedding: 8.5, output: 8.5, dense: 8.5 }],
    ['IQ2_XXS: output Q5_K, embedding Q2_K', 'IQ2_XXS', { embedding: 2.625, output: 5.5, dense: 2.0625 }],
    ['IQ2_M: embedding IQ3_S', 'IQ2_M', { embedding: 3.4375, output: 5.5 }],
    ['F16 is not quantized anywhere', 'F16', { embedding: 16, output: 16, dense: 16 }],
    [
      'MXFP4_MOE: experts MXFP4, everything else Q8_0',
      'MXFP4',
      { embedding: 8.5, output: 8.5, dense: 8.5, expert: 4.25 },
    ],
  ])('llama-quant.cpp recipe: %s', (_why, q, expected) => {
    expect(ggufGroupBits(quant(q, 'gguf'), false)).toMatchObject(expected);
  });

  it('a tied embedding is quantized like the output and counted once', () => {
    const s = spec('gemma-3-4b');
    expect(s.tieEmbeddings).toBe(true);
    const w = modelFromCatalog(s, quant('Q4_K_M', 'gguf')).weights;
    expect(w.tiedOutput).toBe(true);
    expect(w.outputBytes).toBe(w.tokenEmbdBytes);
    expect(w.tokenEmbdBytes).toBeCloseTo((s.vocabSize * s.hiddenSize * 6.5625) / 8, 0);
  });

  it('MoE: routed experts are expert bytes; DeepSeek dense leading layers have none', () => {
    const w = modelFromCatalog(spec('deepseek-v3'), quant('Q4_K_M', 'gguf')).weights;
    expect(w.layers.slice(0, 3).every((l) => l.expertBytes === 0)).toBe(true);
    expect(w.layers.slice(3).every((l) => l.expertBytes > l.denseBytes)).toBe(true);
  });
});

describe('modelFromCatalog: vLLM and EXL2 checkpoints', () => {
  it('bf16 Llama-3.1-8B ≈ 14.96 GiB (vLLM "model weights take 14.96GiB")', () => {
    expect(Math.abs(totalGiB('llama-3.1-8b', quant('bf16', 'vllm')) - 14.96) / 14.96).toBeLessThan(0.02);
  });

  it('AWQ leaves embeddings and lm_head at 16 bits, layers at 4.156 bpw', () => {
    const s = spec('llama-3.1-8b');
    const m = modelFromCatalog(s, quant('awq', 'vllm'));
    const table = s.vocabSize * s.hiddenSize;
    expect(m.weights.tokenEmbdBytes).toBe(table * 2);
    expect(m.weights.outputBytes).toBe(table * 2);
    expect(m.quantLabel).toBe('awq');
    expect(m.weights.origin).toBe('catalog');
  });

  it('mxfp4 (gpt-oss): only the routed experts are 4.25 bpw, attention and router stay bf16', () => {
    const s = spec('gpt-oss-20b');
    const w = modelFromCatalog(s, quant('mxfp4', 'vllm')).weights;
    const perExpert = 3 * 2880 * 2880;
    expect(w.layers[0]?.expertBytes).toBeCloseTo((32 * perExpert * 4.25) / 8, 0);
    const attention = 2 * 2880 * 64 * 64 + 2 * 2880 * 8 * 64;
    expect(w.layers[0]?.denseBytes).toBeCloseTo((attention + 2880 * 32) * 2, 0);
  });

  it('EXL2 head at the default 6 bits, embeddings 16-bit', () => {
    const s = spec('llama-3.1-8b');
    const w = modelFromCatalog(s, quant('4.0bpw')).weights;
    const table = s.vocabSize * s.hiddenSize;
    expect(w.outputBytes).toBe((table * 6) / 8);
    expect(w.tokenEmbdBytes).toBe(table * 2);
  });
});
