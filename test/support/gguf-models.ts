/**
 * Small synthetic GGUF models for tests only (key/values + tensor infos in llama.cpp's naming), with
 * their byte sizes worked out by hand in the comments so tests check exact sums.
 */
import { buildTestGguf, type GgufTestFile, type GgufTestTensor, type GgufTestValue } from './gguf-writer';

export interface TestGgufModel {
  readonly kv: Readonly<Record<string, GgufTestValue>>;
  readonly tensors: readonly GgufTestTensor[];
}

const F32 = 0;
const F16 = 1;
const Q8_0 = 8;
const Q4_K = 12;
const Q6_K = 14;

const tokens = (n: number): string[] => Array.from({ length: n }, (_, i) => `tok${i}`);

/**
 * "llama", 2 layers, hidden 256, 4 heads / 2 KV heads, FFN 512, vocab 320, Q4_K_M (ftype 15).
 * token_embd Q4_K 320×144 = 46080 B; output Q6_K 320×210 = 67200 B + output_norm F32 1024 B.
 * Per layer: norms 2×1024, q 256×144 = 36864, k 128×144 = 18432, v Q6_K 128×210 = 26880,
 * o 36864, gate/up 512×144 = 73728 each, down Q6_K 256×2×210 = 107520 → 376064 B.
 * Parameters: 81920 + 256 + 81920 + 2 × 590336 = 1344768.
 */
export function tinyLlama(): TestGgufModel {
  const layer = (i: number): GgufTestTensor[] => [
    { name: `blk.${i}.attn_norm.weight`, shape: [256], ggmlType: F32 },
    { name: `blk.${i}.attn_q.weight`, shape: [256, 256], ggmlType: Q4_K },
    { name: `blk.${i}.attn_k.weight`, shape: [256, 128], ggmlType: Q4_K },
    { name: `blk.${i}.attn_v.weight`, shape: [256, 128], ggmlType: Q6_K },
    { name: `blk.${i}.attn_output.weight`, shape: [256, 256], ggmlType: Q4_K },
    { name: `blk.${i}.ffn_norm.weight`, shape: [256], ggmlType: F32 },
    { name: `blk.${i}.ffn_gate.weight`, shape: [256, 512], ggmlType: Q4_K },
    { name: `blk.${i}.ffn_up.weight`, shape: [256, 512], ggmlType: Q4_K },
    { name: `blk.${i}.ffn_down.weight`, shape: [512, 256], ggmlType: Q6_K },
  ];
  return {
    kv: {
      'general.architecture': 'llama',
      'general.name': 'Tiny Llama',
      'general.file_type': 15,
      'llama.block_count': 2,
      'llama.context_length': 4096,
      'llama.embedding_length': 256,
      'llama.feed_forward_length': 512,
      'llama.attention.head_count': 4,
      'llama.attention.head_count_kv': 2,
      'llama.rope.dimension_count': 64,
      'llama.attention.layer_norm_rms_epsilon': 0.00001,
      'tokenizer.ggml.model': 'gpt2',
      'tokenizer.ggml.tokens': tokens(320),
    },
    tensors: [
      { name: 'token_embd.weight', shape: [256, 320], ggmlType: Q4_K },
      ...layer(0),
      ...layer(1),
      { name: 'output_norm.weight', shape: [256], ggmlType: F32 },
      { name: 'output.weight', shape: [256, 320], ggmlType: Q6_K },
    ],
  };
}

/**
 * "qwen3moe", 2 layers, 8 experts (2 used) of FFN 128, no file_type (the label comes from the dominant
 * type, Q8_0), vocabulary from the token_embd shape (no token list).
 * token_embd Q8_0 320×8×34 = 87040 B; output Q6_K 67200 + norm 1024.
 * Per layer dense: norms 1024×2 + q/k norms 256×2, q 69632, k 34816, v 34816, o 69632,
 * router F32 256×8×4 = 8192 → 219648 B; experts: gate/up Q4_K 1024×144 = 147456 each,
 * down Q8_0 2048×4×34 = 278528 → 573440 B.
 * Parameters 2135552, of which experts 1572864; active = 562688 + 1572864 × 2/8 = 955904.
 */
export function tinyQwen3Moe(): TestGgufModel {
  const layer = (i: number): GgufTestTensor[] => [
    { name: `blk.${i}.attn_norm.weight`, shape: [256], ggmlType: F32 },
    { name: `blk.${i}.attn_q.weight`, shape: [256, 256], ggmlType: Q8_0 },
    { name: `blk.${i}.attn_k.weight`, shape: [256, 128], ggmlType: Q8_0 },
    { name: `blk.${i}.attn_v.weight`, shape: [256, 128], ggmlType: Q8_0 },
    { name: `blk.${i}.attn_output.weight`, shape: [256, 256], ggmlType: Q8_0 },
    { name: `blk.${i}.attn_q_norm.weight`, shape: [64], ggmlType: F32 },
    { name: `blk.${i}.attn_k_norm.weight`, shape: [64], ggmlType: F32 },
    { name: `blk.${i}.ffn_norm.weight`, shape: [256], ggmlType: F32 },
    { name: `blk.${i}.ffn_gate_inp.weight`, shape: [256, 8], ggmlType: F32 },
    { name: `blk.${i}.ffn_gate_exps.weight`, shape: [256, 128, 8], ggmlType: Q4_K },
    { name: `blk.${i}.ffn_up_exps.weight`, shape: [256, 128, 8], ggmlType: Q4_K },
    { name: `blk.${i}.ffn_down_exps.weight`, shape: [128, 256, 8], ggmlType: Q8_0 },
  ];
  return {
    kv: {
      'general.architecture': 'qwen3moe',
      'general.name': 'Tiny Qwen3 MoE',
      'qwen3moe.block_count': 2,
      'qwen3moe.context_length': 40960,
      'qwen3moe.embedding_length': 256,
      'qwen3moe.feed_forward_length': 768,
      'qwen3moe.attention.head_count': 4,
      'qwen3moe.attention.head_count_kv': 2,
      'qwen3moe.attention.key_length': 64,
      'qwen3moe.attention.value_length': 64,
      'qwen3moe.expert_count': 8,
      'qwen3moe.expert_used_count': 2,
      'qwen3moe.expert_feed_forward_length': 128,
    },
    tensors: [
      { name: 'token_embd.weight', shape: [256, 320], ggmlType: Q8_0 },
      ...layer(0),
      ...layer(1),
      { name: 'output_norm.weight', shape: [256], ggmlType: F32 },
      { name: 'output.weight', shape: [256, 320], ggmlType: Q6_K },
    ],
  };
}

/**
 * "gemma3", 7 layers, tied embeddings (no output.weight), head_dim 128 ≠ 256/4, sliding window 512 with
 * the gemma3 default period 6 (layers 0–4 and 6 slide), head_count_kv per layer [1,1,1,1,1,2,1], and one
 * tensor of an unknown ggml type (200) that can only be sized from the offsets (1000 B, padded to 1024).
 * token_embd Q6_K 320×210 = 67200 B; each layer attn_q F16 256×512×2 = 262144 B.
 */
export function tinyGemma3Tied(): TestGgufModel {
  const layers = Array.from({ length: 7 }, (_, i): GgufTestTensor => ({
    name: `blk.${i}.attn_q.weight`,
    shape: [256, 512],
    ggmlType: F16,
  }));
  return {
    kv: {
      'general.architecture': 'gemma3',
      'general.name': 'Tiny Gemma 3',
      'general.file_type': 18,
      'gemma3.block_count': 7,
      'gemma3.context_length': 131072,
      'gemma3.embedding_length': 256,
      'gemma3.feed_forward_length': 512,
      'gemma3.attention.head_count': 4,
      'gemma3.attention.head_count_kv': [1, 1, 1, 1, 1, 2, 1],
      'gemma3.attention.key_length': 128,
      'gemma3.attention.value_length': 128,
      'gemma3.attention.sliding_window': 512,
      'tokenizer.ggml.tokens': tokens(320),
    },
    tensors: [
      { name: 'token_embd.weight', shape: [256, 320], ggmlType: Q6_K },
      ...layers,
      { name: 'blk.6.ffn_down.weight', shape: [500], ggmlType: 200, bytes: 1000 },
      { name: 'output_norm.weight', shape: [256], ggmlType: F32 },
    ],
  };
}

/** The model's header bytes and layout. */
export function testGgufFile(model: TestGgufModel): GgufTestFile {
  return buildTestGguf(model.kv, model.tensors);
}
