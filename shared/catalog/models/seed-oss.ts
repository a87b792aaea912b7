/**
 * Seed-OSS-36B (ByteDance Seed, Aug 2025): dense, GQA with 80 Q / 8 KV heads of head_dim 128 (so heads ×
 * head_dim ≠ hidden 5120), trained natively to 512K context (max_position_embeddings 524288, rope_theta 1e7).
 *
 * `published`: `gguf` marks a repository of llama.cpp GGUF files (several quant types).
 */
import type { ModelSpec } from '../types';
import { LLAMA_CPP_ARCH_NAMES, hfConfig, indexed, repoFile } from './sources';

export const SEED_OSS_MODELS: readonly ModelSpec[] = [
  {
    id: 'seed-oss-36b',
    name: 'Seed-OSS-36B',
    repo: 'ByteDance-Seed/Seed-OSS-36B-Instruct',
    arch: 'seed_oss',
    layers: 64,
    hiddenSize: 5120,
    attentionHeads: 80,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 155136,
    intermediateSize: 27648,
    paramsB: 36,
    activeParamsB: 36,
    experts: null,
    maxContext: 524288,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['ByteDance-Seed/Seed-OSS-36B-Base', 'seed-oss:36b'],
    published: [{ quant: 'gguf', repo: 'unsloth/Seed-OSS-36B-Instruct-GGUF' }],
    sources: [
      hfConfig(
        'ByteDance-Seed/Seed-OSS-36B-Instruct',
        'model_type seed_oss: hidden_size 5120, num_hidden_layers 64, intermediate_size 27648, num_attention_heads 80, num_key_value_heads 8, head_dim 128, vocab_size 155136, rope_theta 10000000, max_position_embeddings 524288, tie_word_embeddings false',
      ),
      indexed('55089675296', 'Seed-OSS configJSON fixture with exactly the values above'),
      repoFile(
        'ByteDance-Seed/seed-oss',
        'README.md',
        '02d7aaaa998a311582b2a74e2b02bd1b68c92461',
        'Seed-OSS-36B: 36B parameters, GQA, SwiGLU, 64 layers, QKV heads 80 / 8 / 8, head size 128, hidden size 5120, vocabulary 155K, context length 512K, RoPE base 1e7',
      ),
      repoFile(
        'huggingface/transformers',
        'src/transformers/models/seed_oss/configuration_seed_oss.py',
        '008e574391258935f3ecc3035c882e73bbcac419',
        'SeedOssConfig (checkpoint ByteDance-Seed/Seed-OSS-36B-Instruct) defaults: vocab_size 155136, intermediate_size 27648, 64 layers, 80 heads, 8 KV heads, max_position_embeddings 524288, tie_word_embeddings False, head_dim 128 (hidden_size default 4096 differs from the checkpoint)',
      ),
      LLAMA_CPP_ARCH_NAMES,
    ],
  },
];
