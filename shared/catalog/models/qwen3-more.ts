/**
 * Qwen3 (Alibaba), beyond the models in qwen3.ts: the small dense 0.6B/1.7B/4B, the July 2025 ("2507")
 * Instruct/Thinking refresh (262,144 native context, rope_theta raised) and Qwen3-Coder. Same attention as
 * Qwen3: `head_dim` 128 set explicitly, GQA, vocab 151936, no sliding window.
 *
 * `published`: `gguf` marks a repository of llama.cpp GGUF files (several quant types), `fp8` an official
 * FP8 checkpoint.
 */
import type { ModelSpec } from '../types';
import { MAXTEXT_HF_CONFIGS, hfConfig, indexed, litgpt, maxtext, repoFile, slimeScript } from './sources';

const QWEN3_BASE = {
  headDim: 128,
  vocabSize: 151936,
  slidingWindow: null,
  mla: null,
  releasedDtype: 'bf16',
} as const;

const QWEN3_SMALL = {
  ...QWEN3_BASE,
  arch: 'qwen3',
  experts: null,
  maxContext: 40960,
  tieEmbeddings: true,
} as const;

const FASTLLM_CODER_COMMIT = 'f8f04c33abb63f6cd4e45f9427a55949a8ebbb44';

export const QWEN3_MORE_MODELS: readonly ModelSpec[] = [
  {
    id: 'qwen3-0.6b',
    name: 'Qwen3 0.6B',
    repo: 'Qwen/Qwen3-0.6B',
    ...QWEN3_SMALL,
    layers: 28,
    hiddenSize: 1024,
    attentionHeads: 16,
    kvHeads: 8,
    intermediateSize: 3072,
    // The size in the model's name; the recomputation from the config gives 0.60B.
    paramsB: 0.6,
    activeParamsB: 0.6,
    aliases: ['qwen3:0.6b'],
    published: [{ quant: 'gguf', repo: 'Qwen/Qwen3-0.6B-GGUF' }],
    sources: [
      hfConfig(
        'Qwen/Qwen3-0.6B',
        'vocab_size 151936, hidden_size 1024, intermediate_size 3072, num_hidden_layers 28, num_attention_heads 16, num_key_value_heads 8, head_dim 128, max_position_embeddings 40960, rope_theta 1000000, tie_word_embeddings true, torch_dtype bfloat16',
      ),
      maxtext(MAXTEXT_HF_CONFIGS, 'qwen3_0_6b_config = Qwen3Config(...) with the values above'),
      litgpt(
        'Qwen3-0.6B: n_layer 28, n_embd 1024, n_head 16, n_query_groups 8, head_size 128, intermediate_size 3072',
      ),
    ],
  },
  {
    id: 'qwen3-1.7b',
    name: 'Qwen3 1.7B',
    repo: 'Qwen/Qwen3-1.7B',
    ...QWEN3_SMALL,
    layers: 28,
    hiddenSize: 2048,
    attentionHeads: 16,
    kvHeads: 8,
    intermediateSize: 6144,
    // The size in the model's name; the recomputation from the config gives 1.72B.
    paramsB: 1.7,
    activeParamsB: 1.7,
    aliases: ['qwen3:1.7b'],
    published: [{ quant: 'gguf', repo: 'Qwen/Qwen3-1.7B-GGUF' }],
    sources: [
      hfConfig(
        'Qwen/Qwen3-1.7B',
        'vocab_size 151936, hidden_size 2048, intermediate_size 6144, num_hidden_layers 28, num_attention_heads 16, num_key_value_heads 8, head_dim 128, max_position_embeddings 40960, tie_word_embeddings true, torch_dtype bfloat16',
      ),
      maxtext(MAXTEXT_HF_CONFIGS, 'qwen3_1_7b_config = Qwen3Config(...) with the values above'),
      litgpt('Qwen3-1.7B: n_layer 28, n_embd 2048, n_head 16, n_query_groups 8, intermediate_size 6144'),
    ],
  },
  {
    id: 'qwen3-4b',
    name: 'Qwen3 4B',
    repo: 'Qwen/Qwen3-4B',
    ...QWEN3_SMALL,
    layers: 36,
    hiddenSize: 2560,
    attentionHeads: 32,
    kvHeads: 8,
    intermediateSize: 9728,
    // The size in the model's name; the recomputation from the config gives 4.02B.
    paramsB: 4,
    activeParamsB: 4,
    aliases: ['qwen3:4b'],
    published: [{ quant: 'gguf', repo: 'Qwen/Qwen3-4B-GGUF' }],
    sources: [
      hfConfig(
        'Qwen/Qwen3-4B',
        'vocab_size 151936, hidden_size 2560, intermediate_size 9728, num_hidden_layers 36, num_attention_heads 32, num_key_value_heads 8, head_dim 128, max_position_embeddings 40960, rope_theta 1000000, tie_word_embeddings true, torch_dtype bfloat16',
      ),
      maxtext(MAXTEXT_HF_CONFIGS, 'qwen3_4b_config = Qwen3Config(...) with the values above'),
      slimeScript(
        'qwen3-4B.sh',
        '--num-layers 36 --hidden-size 2560 --ffn-hidden-size 9728 --num-attention-heads 32 --num-query-groups 8 --kv-channels 128 --vocab-size 151936 --rotary-base 1000000',
      ),
    ],
  },
  {
    id: 'qwen3-4b-2507',
    name: 'Qwen3 4B Instruct 2507',
    repo: 'Qwen/Qwen3-4B-Instruct-2507',
    ...QWEN3_SMALL,
    layers: 36,
    hiddenSize: 2560,
    attentionHeads: 32,
    kvHeads: 8,
    intermediateSize: 9728,
    paramsB: 4,
    activeParamsB: 4,
    maxContext: 262144,
    aliases: ['Qwen/Qwen3-4B-Thinking-2507'],
    published: [{ quant: 'gguf', repo: 'unsloth/Qwen3-4B-Instruct-2507-GGUF' }],
    sources: [
      hfConfig(
        'Qwen/Qwen3-4B-Instruct-2507',
        'same shape as Qwen3-4B (36 layers, hidden 2560, 32 Q / 8 KV heads, head_dim 128, intermediate 9728, tied) with max_position_embeddings 262144 and rope_theta 5000000',
      ),
      litgpt(
        'Qwen3-4B-{Instruct,Thinking}-2507 (from .../Qwen3-4B-Thinking-2507/blob/main/config.json): block_size 262144, padded_vocab_size 151936, n_layer 36, n_head 32, n_embd 2560, n_query_groups 8, intermediate_size 9728, rope_base 5000000, head_size 128',
      ),
      maxtext(
        'src/maxtext/configs/models/qwen3-4b-thinking-2507.yml',
        'base_emb_dim 2560, 32 query heads, 8 KV heads, mlp 9728, 36 layers, head_dim 128, vocab 151936, rope_max_timescale 5000000, logits_via_embedding true (tie_word_embeddings true)',
      ),
      slimeScript('qwen3-4B-Instruct-2507.sh', 'the qwen3-4B arguments with MODEL_ARGS_ROTARY_BASE=5000000'),
    ],
  },
  {
    id: 'qwen3-30b-a3b-2507',
    name: 'Qwen3 30B-A3B Instruct 2507',
    repo: 'Qwen/Qwen3-30B-A3B-Instruct-2507',
    ...QWEN3_BASE,
    arch: 'qwen3moe',
    layers: 48,
    hiddenSize: 2048,
    attentionHeads: 32,
    kvHeads: 4,
    // Config value; unused because every layer is MoE (mlp_only_layers []).
    intermediateSize: 6144,
    paramsB: 30.5,
    activeParamsB: 3.3,
    experts: { total: 128, active: 8, shared: 0, expertIntermediateSize: 768 },
    maxContext: 262144,
    tieEmbeddings: false,
    aliases: ['Qwen/Qwen3-30B-A3B-Thinking-2507'],
    published: [
      { quant: 'fp8', repo: 'Qwen/Qwen3-30B-A3B-Instruct-2507-FP8' },
      { quant: 'gguf', repo: 'unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF' },
    ],
    sources: [
      hfConfig(
        'Qwen/Qwen3-30B-A3B-Instruct-2507',
        '48 layers, hidden_size 2048, 32 Q / 4 KV heads, head_dim 128, intermediate_size 6144, moe_intermediate_size 768, 128 experts, 8 per token, max_position_embeddings 262144, rope_theta 10000000, vocab_size 151936, tie_word_embeddings false',
      ),
      maxtext(
        MAXTEXT_HF_CONFIGS,
        'qwen3_30b_a3b_thinking_2507_config: head_dim 128, hidden_size 2048, intermediate_size 6144, max_position_embeddings 262144, moe_intermediate_size 768, num_attention_heads 32, num_experts 128, num_experts_per_tok 8, num_hidden_layers 48, num_key_value_heads 4, rope_theta 10000000, tie_word_embeddings False, vocab_size 151936, torch_dtype bfloat16',
      ),
      litgpt('Qwen3-30B-A3B-{Instruct,Thinking}-2507: block_size 262144, the values above'),
      indexed(
        '61416238954',
        'Qwen3-30B-A3B entry citing .../Qwen3-30B-A3B-Instruct-2507/blob/main/config.json: 48 layers, kv_heads 4, head_dim 128, hidden 2048, 128 experts top-8, max_ctx 262144',
      ),
      indexed(
        '55710812540',
        'notes "verified against config.json" of Qwen3-30B-A3B-Instruct-2507: 31B total / 3.3B active per token, 48 layers, 4 KV heads x head_dim 128, 256K native context',
      ),
    ],
  },
  {
    id: 'qwen3-235b-a22b-2507',
    name: 'Qwen3 235B-A22B Instruct 2507',
    repo: 'Qwen/Qwen3-235B-A22B-Instruct-2507',
    ...QWEN3_BASE,
    arch: 'qwen3moe',
    layers: 94,
    hiddenSize: 4096,
    attentionHeads: 64,
    kvHeads: 4,
    // Config value; unused because every layer is MoE.
    intermediateSize: 12288,
    // The sizes in the name (235B total, 22B active); recomputed from the config: 235.1B / 21.6B.
    paramsB: 235,
    activeParamsB: 22,
    experts: { total: 128, active: 8, shared: 0, expertIntermediateSize: 1536 },
    maxContext: 262144,
    tieEmbeddings: false,
    aliases: ['Qwen/Qwen3-235B-A22B-Thinking-2507'],
    published: [
      { quant: 'fp8', repo: 'Qwen/Qwen3-235B-A22B-Instruct-2507-FP8' },
      { quant: 'gguf', repo: 'unsloth/Qwen3-235B-A22B-Instruct-2507-GGUF' },
    ],
    sources: [
      hfConfig(
        'Qwen/Qwen3-235B-A22B-Instruct-2507',
        '94 layers, hidden_size 4096, 64 Q / 4 KV heads, head_dim 128, intermediate_size 12288, moe_intermediate_size 1536, 128 experts, 8 per token, max_position_embeddings 262144, rope_theta 5000000, vocab_size 151936, tie_word_embeddings false',
      ),
      maxtext(
        MAXTEXT_HF_CONFIGS,
        'qwen3_235b_a22b_thinking_2507_config: head_dim 128, hidden_size 4096, intermediate_size 12288, max_position_embeddings 262144, moe_intermediate_size 1536, 64 heads, 128 experts, 8 per token, 94 layers, 4 KV heads, rope_theta 5000000, tie_word_embeddings False',
      ),
      litgpt(
        'Qwen3-235B-A22B-{Instruct,Thinking}-2507: block_size 262144, n_layer 94, n_head 64, n_embd 4096, n_query_groups 4, moe_intermediate_size 1536, 128 experts top-8',
      ),
    ],
  },
  {
    id: 'qwen3-coder-30b-a3b',
    name: 'Qwen3-Coder 30B-A3B',
    repo: 'Qwen/Qwen3-Coder-30B-A3B-Instruct',
    ...QWEN3_BASE,
    arch: 'qwen3moe',
    layers: 48,
    hiddenSize: 2048,
    attentionHeads: 32,
    kvHeads: 4,
    // Config value (differs from Qwen3-30B-A3B's 6144); unused because every layer is MoE.
    intermediateSize: 5472,
    paramsB: 30.5,
    activeParamsB: 3.3,
    experts: { total: 128, active: 8, shared: 0, expertIntermediateSize: 768 },
    maxContext: 262144,
    tieEmbeddings: false,
    aliases: ['qwen3-coder:30b'],
    published: [
      { quant: 'fp8', repo: 'Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8' },
      { quant: 'gguf', repo: 'unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF' },
    ],
    sources: [
      hfConfig(
        'Qwen/Qwen3-Coder-30B-A3B-Instruct',
        'Qwen3MoeForCausalLM: head_dim 128, hidden_size 2048, intermediate_size 5472, max_position_embeddings 262144, moe_intermediate_size 768, num_attention_heads 32, num_experts 128, num_experts_per_tok 8, num_hidden_layers 48, num_key_value_heads 4, rope_theta 10000000, tie_word_embeddings false, vocab_size 151936, torch_dtype bfloat16',
      ),
      repoFile(
        'ztxz16/fastllm',
        'Qwen3-Coder-30B-A3B-Instruct/config.json',
        FASTLLM_CODER_COMMIT,
        'copy of the checkpoint config.json with the values above',
      ),
      repoFile(
        'ztxz16/fastllm',
        'Qwen3-Coder-30B-A3B-Instruct/README.md',
        FASTLLM_CODER_COMMIT,
        'copy of the model card: 30.5B in total and 3.3B activated, 48 layers, 32 Q / 4 KV heads, 128 experts, 8 activated, 262,144 natively, up to 1M with YaRN',
      ),
    ],
  },
  {
    id: 'qwen3-coder-480b-a35b',
    name: 'Qwen3-Coder 480B-A35B',
    repo: 'Qwen/Qwen3-Coder-480B-A35B-Instruct',
    ...QWEN3_BASE,
    arch: 'qwen3moe',
    layers: 62,
    hiddenSize: 6144,
    attentionHeads: 96,
    kvHeads: 8,
    // Config value; unused because every layer is MoE.
    intermediateSize: 8192,
    // The sizes in the name (480B total, 35B active); recomputed from the config: 480B / 34.5B.
    paramsB: 480,
    activeParamsB: 35,
    experts: { total: 160, active: 8, shared: 0, expertIntermediateSize: 2560 },
    maxContext: 262144,
    tieEmbeddings: false,
    aliases: ['qwen3-coder:480b'],
    published: [
      { quant: 'fp8', repo: 'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8' },
      { quant: 'gguf', repo: 'unsloth/Qwen3-Coder-480B-A35B-Instruct-GGUF' },
    ],
    sources: [
      hfConfig(
        'Qwen/Qwen3-Coder-480B-A35B-Instruct',
        'head_dim 128, hidden_size 6144, intermediate_size 8192, max_position_embeddings 262144, moe_intermediate_size 2560, num_attention_heads 96, num_experts 160, num_experts_per_tok 8, num_hidden_layers 62, num_key_value_heads 8, rope_theta 10000000, tie_word_embeddings false, vocab_size 151936',
      ),
      maxtext(MAXTEXT_HF_CONFIGS, 'qwen3_coder_480b_a35b_config = Qwen3MoeConfig(...) with the values above'),
      maxtext(
        'src/maxtext/configs/models/qwen3-480b-a35b.yml',
        'base_emb_dim 6144, 96 query heads, 8 KV heads, 62 layers, head_dim 128, vocab 151936, 160 experts top-8, moe mlp 2560, rope 10000000',
      ),
    ],
  },
];
