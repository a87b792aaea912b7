import { describe, expect, it } from 'vitest';
import { totalWeightBytes } from './model-weights';
import { GGML_TYPES, ftypeLabel, tensorBytes } from './ggml-types';
import { modelFromGguf, type GgufHeader, type GgufTensorInfo } from './gguf-to-model';
import { ModelImportError } from './model-import-error';
import { testTensorBytes } from '../../test/support/gguf-writer';
import {
  testGgufFile,
  tinyGemma3Tied,
  tinyLlama,
  tinyQwen3Moe,
  type TestGgufModel,
} from '../../test/support/gguf-models';

/** The header object a parser would return for a test model (offsets and data size from the writer). */
function headerOf(model: TestGgufModel): GgufHeader {
  const file = testGgufFile(model);
  return {
    metadata: model.kv,
    tensors: model.tensors.map((t, i) => ({
      name: t.name,
      shape: t.shape,
      ggmlType: t.ggmlType,
      offset: file.offsets[i] ?? 0,
    })),
    dataBytes: file.dataBytes,
  };
}

describe('ggml type table', () => {
  it.each([
    ['Q4_K is 4.5 bits per weight', 12, 4.5],
    ['Q6_K is 6.5625 bits per weight', 14, 6.5625],
    ['Q8_0 is 8.5 bits per weight', 8, 8.5],
    ['IQ4_XS is 4.25 bits per weight', 23, 4.25],
    ['MXFP4 is 4.25 bits per weight', 39, 4.25],
    ['IQ1_S is 1.5625 bits per weight', 19, 1.5625],
    ['TQ1_0 is 1.6875 bits per weight', 34, 1.6875],
    ['BF16 is 16 bits per weight', 30, 16],
  ])('%s', (_why, id, bpw) => {
    const type = GGML_TYPES[id];
    expect(type).toBeDefined();
    expect(((type?.typeSize ?? 0) * 8) / (type?.blockSize ?? 1)).toBe(bpw);
  });

  it('agrees with the test writer on every type the writer knows', () => {
    for (const ggmlType of [0, 1, 8, 12, 14, 30, 39]) {
      const t = { name: 'x', shape: [256, 3], ggmlType };
      expect(tensorBytes(t)).toBe(testTensorBytes(t));
    }
  });

  it('rejects a row that is not a whole number of blocks (corrupt header)', () => {
    expect(() => tensorBytes({ name: 'bad', shape: [100, 2], ggmlType: 12 })).toThrow(ModelImportError);
  });

  it('names llama.cpp file types the way the catalog spells quants, ignoring the "guessed" flag', () => {
    expect(ftypeLabel(15)).toBe('Q4_K_M');
    expect(ftypeLabel(38)).toBe('MXFP4_MOE');
    expect(ftypeLabel(1024 + 7)).toBe('Q8_0');
    expect(ftypeLabel(99)).toBeNull();
  });
});

describe('modelFromGguf', () => {
  it('dense llama: exact byte sums per group and the architecture from the keys', () => {
    const { model, notes } = modelFromGguf(headerOf(tinyLlama()), { path: '/m/tiny.gguf' });
    expect(model.weights).toEqual({
      tokenEmbdBytes: 46080,
      outputBytes: 1024 + 67200,
      tiedOutput: false,
      layers: [
        { denseBytes: 376064, expertBytes: 0 },
        { denseBytes: 376064, expertBytes: 0 },
      ],
      origin: 'gguf',
    });
    expect(totalWeightBytes(model.weights)).toBe(46080 + 68224 + 2 * 376064);
    expect(model.quantLabel).toBe('Q4_K_M');
    expect(model.quant).toBeNull();
    expect(model.path).toBe('/m/tiny.gguf');
    expect(model.spec).toMatchObject({
      arch: 'llama',
      name: 'Tiny Llama',
      layers: 2,
      hiddenSize: 256,
      attentionHeads: 4,
      kvHeads: 2,
      headDim: 64,
      vocabSize: 320,
      intermediateSize: 512,
      experts: null,
      maxContext: 4096,
      slidingWindow: null,
      mla: null,
      tieEmbeddings: false,
      paramsB: 1344768 / 1e9,
      activeParamsB: 1344768 / 1e9,
    });
    expect(notes).toEqual([]);
  });

  it('MoE qwen3moe: _exps tensors are expert bytes, the router stays dense, active params scale by used/total', () => {
    const { model } = modelFromGguf(headerOf(tinyQwen3Moe()));
    expect(model.weights.layers).toEqual([
      { denseBytes: 219648, expertBytes: 573440 },
      { denseBytes: 219648, expertBytes: 573440 },
    ]);
    expect(model.weights.tokenEmbdBytes).toBe(87040);
    expect(model.weights.outputBytes).toBe(68224);
    expect(model.spec.experts).toEqual({
      total: 8,
      active: 2,
      shared: 0,
      expertIntermediateSize: 128,
    });
    expect(model.spec.vocabSize).toBe(320); // from token_embd's shape: no token list in this header
    expect(model.spec.headDim).toBe(64);
    expect(model.spec.paramsB).toBeCloseTo(2135552 / 1e9, 12);
    expect(model.spec.activeParamsB).toBeCloseTo(955904 / 1e9, 12);
    expect(model.quantLabel).toBe('Q8_0'); // no general.file_type: the type holding the most bytes
  });

  it('tied gemma3: output reuses the embedding, sliding layers from the arch period, per-layer KV heads noted', () => {
    const { model, notes } = modelFromGguf(headerOf(tinyGemma3Tied()));
    expect(model.weights.tiedOutput).toBe(true);
    expect(model.weights.outputBytes).toBe(67200 + 1024);
    expect(model.spec.tieEmbeddings).toBe(true);
    expect(model.spec.headDim).toBe(128);
    expect(model.spec.kvHeads).toBe(2);
    expect(model.spec.slidingWindow).toEqual({ window: 512, layers: 6 });
    // the unknown-type tensor (1000 B) is sized from the offsets, padding included
    expect(model.weights.layers[6]).toEqual({ denseBytes: 262144 + 1024, expertBytes: 0 });
    expect(model.quantLabel).toBe('Q6_K');
    expect(notes.join(' ')).toMatch(/head_count_kv differs per layer \(1–2\)/);
  });

  it('split shards: metadata from the first, tensors summed over all', () => {
    const whole = headerOf(tinyLlama());
    const half = Math.floor(whole.tensors.length / 2);
    const shards: GgufHeader[] = [
      { metadata: whole.metadata, tensors: whole.tensors.slice(0, half) },
      { metadata: { 'split.count': 2 }, tensors: whole.tensors.slice(half) },
    ];
    const { model } = modelFromGguf(shards);
    expect(model.weights).toEqual(modelFromGguf(whole).model.weights);
  });

  it('reads a bool-array sliding_window_pattern and MLA keys (deepseek2-style)', () => {
    const { model } = modelFromGguf({
      metadata: {
        'general.architecture': 'deepseek2',
        'deepseek2.block_count': 4,
        'deepseek2.context_length': 163840,
        'deepseek2.embedding_length': 512,
        'deepseek2.attention.head_count': 8,
        'deepseek2.attention.head_count_kv': 1,
        'deepseek2.attention.key_length': 576,
        'deepseek2.attention.value_length': 512,
        'deepseek2.attention.key_length_mla': 192,
        'deepseek2.attention.value_length_mla': 128,
        'deepseek2.attention.kv_lora_rank': 512,
        'deepseek2.attention.q_lora_rank': 1536,
        'deepseek2.rope.dimension_count': 64,
        'deepseek2.attention.sliding_window': 128,
        'deepseek2.attention.sliding_window_pattern': [true, false, true, true],
        'deepseek2.expert_count': 16,
        'deepseek2.expert_used_count': 4,
        'deepseek2.expert_shared_count': 1,
        'deepseek2.leading_dense_block_count': 1,
        'deepseek2.feed_forward_length': 1024,
        'deepseek2.expert_feed_forward_length': 256,
      },
      tensors: [{ name: 'token_embd.weight', shape: [512, 100], ggmlType: 0 }],
    });
    expect(model.spec.mla).toEqual({
      kvLoraRank: 512,
      qkRopeHeadDim: 64,
      qLoraRank: 1536,
      qkNopeHeadDim: 128,
      vHeadDim: 128,
    });
    expect(model.spec.headDim).toBe(192);
    expect(model.spec.kvHeads).toBe(8);
    expect(model.spec.slidingWindow).toEqual({ window: 128, layers: 3 });
    expect(model.spec.experts).toMatchObject({
      total: 16,
      active: 4,
      shared: 1,
      denseLayers: 1,
      expertIntermediateSize: 256,
    });
    expect(model.weights.layers).toHaveLength(4);
  });

  it.each([
    ['no architecture', {}, /general\.architecture/],
    ['no block_count', { 'general.architecture': 'llama' }, /llama\.block_count/],
    [
      'MoE without expert_used_count',
      {
        'general.architecture': 'foo',
        'foo.block_count': 1,
        'foo.embedding_length': 8,
        'foo.attention.head_count': 1,
        'foo.context_length': 16,
        'foo.expert_count': 4,
      },
      /foo\.expert_used_count/,
    ],
  ])('missing required key (%s) → one clear line', (_why, metadata, message) => {
    const run = () =>
      modelFromGguf({ metadata, tensors: [{ name: 'token_embd.weight', shape: [8, 4], ggmlType: 0 }] });
    expect(run).toThrow(ModelImportError);
    expect(run).toThrow(message);
  });

  it('an unknown architecture with the generic keys still imports', () => {
    const { model } = modelFromGguf({
      metadata: {
        'general.architecture': 'brand-new',
        'brand-new.block_count': 1,
        'brand-new.embedding_length': 64,
        'brand-new.attention.head_count': 2,
        'brand-new.context_length': 2048,
      },
      tensors: [
        { name: 'token_embd.weight', shape: [64, 10], ggmlType: 1 },
        { name: 'blk.0.attn_q.weight', shape: [64, 64], ggmlType: 1 },
        { name: 'blk.0.ffn_up.weight', shape: [64, 96], ggmlType: 1 },
      ],
    });
    expect(model.spec).toMatchObject({
      arch: 'brand-new',
      headDim: 32,
      kvHeads: 2,
      vocabSize: 10,
      intermediateSize: 96,
    });
    expect(model.quantLabel).toBe('F16');
  });

  it('an unknown tensor type without offsets is a clear error', () => {
    const run = () =>
      modelFromGguf({
        metadata: tinyLlama().kv,
        tensors: [{ name: 'blk.0.x.weight', shape: [8], ggmlType: 250 }],
      });
    expect(run).toThrow(/blk\.0\.x\.weight has ggml type 250/);
  });
});

describe('modelFromGguf on hostile headers: every count is bounded before anything loops or allocates', () => {
  /** tinyLlama's header with some keys replaced. */
  const withKeys = (kv: Record<string, unknown>): GgufHeader => {
    const h = headerOf(tinyLlama());
    return { ...h, metadata: { ...h.metadata, ...kv } };
  };
  const refusal = (header: GgufHeader): ModelImportError => {
    try {
      modelFromGguf(header);
    } catch (err) {
      expect(err).toBeInstanceOf(ModelImportError);
      expect((err as Error).message).not.toMatch(/\n/);
      return err as ModelImportError;
    }
    throw new Error('the header was accepted');
  };

  it.each([
    [
      'block_count 2^64−1 (the audit: 70 s and 5.9 GB before V8 gave up)',
      { 'llama.block_count': 2n ** 64n - 1n },
      /llama\.block_count is 18446744073709552000/,
    ],
    ['a negative block_count (INT32 −1)', { 'llama.block_count': -1 }, /llama\.block_count is -1/],
    ['block_count 0', { 'llama.block_count': 0 }, /llama\.block_count is 0/],
    ['a fractional block_count (FLOAT32)', { 'llama.block_count': 2.5 }, /llama\.block_count is 2\.5/],
    ['block_count NaN', { 'llama.block_count': Number.NaN }, /llama\.block_count is NaN/],
    ['embedding_length 2^21', { 'llama.embedding_length': 2 ** 21 }, /llama\.embedding_length is 2097152/],
    ['head_count 0', { 'llama.attention.head_count': 0 }, /llama\.attention\.head_count is 0/],
    ['head_count_kv 0', { 'llama.attention.head_count_kv': 0 }, /llama\.attention\.head_count_kv is 0/],
    ['context_length 2^30', { 'llama.context_length': 2 ** 30 }, /llama\.context_length is 1073741824/],
    ['feed_forward_length 2^40', { 'llama.feed_forward_length': 2 ** 40 }, /llama\.feed_forward_length/],
    [
      'vocab from a 2^40 vocab_size',
      { 'tokenizer.ggml.tokens': [], 'llama.vocab_size': 2 ** 40 },
      /llama\.vocab_size/,
    ],
    [
      'expert_count 100000',
      { 'llama.expert_count': 100000, 'llama.expert_used_count': 2 },
      /llama\.expert_count is 100000/,
    ],
    [
      'more experts used than exist',
      { 'llama.expert_count': 8, 'llama.expert_used_count': 9 },
      /llama\.expert_used_count is 9/,
    ],
    [
      'more leading dense blocks than blocks',
      { 'llama.expert_count': 8, 'llama.expert_used_count': 2, 'llama.leading_dense_block_count': 5 },
      /llama\.leading_dense_block_count is 5/,
    ],
    [
      'a sliding window of 2^40 tokens',
      { 'llama.attention.sliding_window': 2 ** 40 },
      /llama\.attention\.sliding_window/,
    ],
    [
      'an MLA rope dimension wider than the head',
      { 'llama.attention.kv_lora_rank': 512, 'llama.rope.dimension_count': 1000 },
      /llama\.rope\.dimension_count is 1000/,
    ],
  ])('%s → out-of-range, naming the key', (_why, kv, message) => {
    const e = refusal(withKeys(kv));
    expect(e.code).toBe('out-of-range');
    expect(e.message).toMatch(message);
  });

  it('a head size derived from embedding_length / head_count is checked too (found by the fuzz test)', () => {
    const e = refusal(withKeys({ 'llama.embedding_length': 1_000_000 }));
    expect(e.code).toBe('out-of-range');
    expect(e.message).toMatch(/llama\.embedding_length \/ llama\.attention\.head_count is 250000/);
  });

  it('a tensor name listed twice is refused, as llama.cpp does (found by the fuzz test: a shifted header)', () => {
    const h = headerOf(tinyLlama());
    const e = refusal({ ...h, tensors: [...h.tensors, { ...(h.tensors[0] as GgufTensorInfo) }] });
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(/lists tensor "token_embd\.weight" twice/);
  });

  it('a header without tensors (a vocabulary-only file) is not a model', () => {
    const e = refusal({ ...headerOf(tinyLlama()), tensors: [] });
    expect(e.code).toBe('unsupported');
  });

  it('a per-layer array of a million values is read with a loop (no spread into Math.max)', () => {
    const perLayer = Array.from({ length: 1_000_000 }, (_, i) => (i % 2) + 1);
    const { model, notes } = modelFromGguf(withKeys({ 'llama.attention.head_count_kv': perLayer }));
    expect(model.spec.kvHeads).toBe(2);
    expect(notes.join(' ')).toMatch(/head_count_kv differs per layer \(1–2\)/);
  });

  it('a tensor of block 100000 is refused, not padded with 100000 empty layers', () => {
    const h = headerOf(tinyLlama());
    const e = refusal({
      ...h,
      tensors: [...h.tensors, { name: 'blk.100000.attn_q.weight', shape: [32], ggmlType: 0 }],
    });
    expect(e.code).toBe('out-of-range');
    expect(e.message).toMatch(/blk\.100000\.attn_q\.weight/);
  });

  it('ggml type 9999 is refused by name, not counted as the bytes up to the next offset', () => {
    const h = headerOf(tinyLlama());
    const tensors = h.tensors.map((t, i) => (i === 1 ? { ...t, ggmlType: 9999 } : t));
    const e = refusal({ ...h, tensors });
    expect(e.code).toBe('unknown-tensor-type');
    expect(e.message).toMatch(/blk\.0\.attn_norm\.weight has ggml type 9999/);
  });

  it('an unknown type whose offsets leave it 0 bytes is refused, not counted as 0', () => {
    const h = headerOf(tinyLlama());
    const last = h.tensors.length - 1;
    // the last tensor, of an unknown type, starts exactly where the data ends
    const tensors = h.tensors.map((t, i) => (i === last ? { ...t, ggmlType: 200, offset: h.dataBytes } : t));
    const e = refusal({ ...h, tensors });
    expect(e.code).toBe('unknown-tensor-type');
    expect(e.message).toMatch(/output\.weight has ggml type 200/);
  });

  it('an unknown type sized from the offsets is named in a note', () => {
    const { notes } = modelFromGguf(headerOf(tinyGemma3Tied()));
    expect(notes.join(' ')).toMatch(
      /blk\.6\.ffn_down\.weight has ggml type 200, which this version does not know; its 1024 bytes are taken from the offsets/,
    );
  });
});
