/**
 * Kimi K2 (Moonshot AI): a DeepSeek-V3-architecture MoE (`model_type` kimi_k2, converted to llama.cpp's
 * deepseek2) with 1T total / 32B active parameters: 61 layers (the first dense), MLA with 64 heads
 * (kv_lora_rank 512 + rope 64 cached per token and layer), 384 routed + 1 shared expert, top-8.
 * `headDim` is the query/key head (qk_nope 128 + qk_rope 64 = 192). K2-Instruct ships block-FP8 weights and
 * 128K context (YaRN factor 32 over 4096); K2-Thinking ships native INT4 weights (QAT) and 256K context.
 *
 * `published`: `gguf` marks a repository of llama.cpp GGUF files (several quant types), `gptq-int4` a W4A16
 * checkpoint.
 */
import type { ModelSpec } from '../types';
import { LLAMA_CPP_ARCH_NAMES, hfConfig, maxtext, page, repoFile, slimeScript } from './sources';

const K2_SHAPE = {
  arch: 'deepseek2',
  layers: 61,
  hiddenSize: 7168,
  attentionHeads: 64,
  kvHeads: 64,
  headDim: 192,
  vocabSize: 163840,
  intermediateSize: 18432,
  paramsB: 1000,
  activeParamsB: 32,
  experts: { total: 384, active: 8, shared: 1, expertIntermediateSize: 2048, denseLayers: 1 },
  slidingWindow: null,
  mla: { kvLoraRank: 512, qkRopeHeadDim: 64, qLoraRank: 1536, qkNopeHeadDim: 128, vHeadDim: 128 },
  tieEmbeddings: false,
} as const;

const K2_README = repoFile(
  'MoonshotAI/Kimi-K2',
  'README.md',
  'c6157be8531e1c52f5dfd3bb91a1275b089eac50',
  'model summary: MoE, 1T total, 32B activated, 61 layers (1 dense), attention hidden 7168, MoE hidden 2048 per expert, 64 attention heads, 384 experts, 8 selected per token, 1 shared, vocabulary 160K, context 128K, MLA, SwiGLU; "Our model checkpoints are stored in block-fp8 format"',
);

const K2_MAXTEXT = maxtext(
  'src/maxtext/configs/models/kimi-k2-1t.yml',
  'emb 7168, 64 query / 64 KV heads, mlp 18432, moe mlp 2048, 61 layers, first_num_dense_layers 1, vocab_size 163840, 384 experts, 8 per token, 1 shared, MLA q_lora_rank 1536 kv_lora_rank 512 qk_nope 128 qk_rope 64 v 128, rope_theta 50000, max_position_embeddings 131072, original_max_position_embeddings 4096, rope_factor 32',
);

export const KIMI_MODELS: readonly ModelSpec[] = [
  {
    id: 'kimi-k2',
    name: 'Kimi K2 Instruct',
    repo: 'moonshotai/Kimi-K2-Instruct',
    ...K2_SHAPE,
    maxContext: 131072,
    releasedDtype: 'fp8',
    aliases: ['moonshotai/Kimi-K2-Base', 'kimi-k2:1t'],
    published: [
      { quant: 'gguf', repo: 'unsloth/Kimi-K2-Instruct-GGUF' },
      { quant: 'gptq-int4', repo: 'RedHatAI/Kimi-K2-Instruct-quantized.w4a16' },
    ],
    sources: [
      hfConfig(
        'moonshotai/Kimi-K2-Instruct',
        'model_type kimi_k2 (DeepseekV3 layout): num_hidden_layers 61, first_k_dense_replace 1, hidden_size 7168, intermediate_size 18432, moe_intermediate_size 2048, n_routed_experts 384, n_shared_experts 1, num_experts_per_tok 8, num_attention_heads 64, num_key_value_heads 64, q_lora_rank 1536, kv_lora_rank 512, qk_nope_head_dim 128, qk_rope_head_dim 64, v_head_dim 128, vocab_size 163840, max_position_embeddings 131072, rope_scaling yarn factor 32 over 4096, rope_theta 50000, block FP8',
      ),
      K2_README,
      K2_MAXTEXT,
      slimeScript(
        'kimi-k2.sh',
        '61 layers, first 1 dense, hidden 7168, ffn 18432, 64 heads, MLA q-lora 1536 kv-lora 512 qk-head-dim 128 rope 64 v 128, untied, vocab 163840, rotary-scaling-factor 32, rotary-base 50000, 384 experts, moe-ffn 2048, top-8, shared 2048',
      ),
      page(
        'https://huggingface.co/RedHatAI/Kimi-K2-Instruct-quantized.w4a16',
        'INT4 weight quantization (W4A16) of Kimi-K2-Instruct: 32 billion activated parameters, 1 trillion total',
      ),
      LLAMA_CPP_ARCH_NAMES,
    ],
  },
  {
    id: 'kimi-k2-thinking',
    name: 'Kimi K2 Thinking',
    repo: 'moonshotai/Kimi-K2-Thinking',
    ...K2_SHAPE,
    maxContext: 262144,
    releasedDtype: 'int4',
    published: [{ quant: 'gguf', repo: 'unsloth/Kimi-K2-Thinking-GGUF' }],
    sources: [
      hfConfig(
        'moonshotai/Kimi-K2-Thinking',
        'the Kimi-K2 values (61 layers, 384 + 1 experts, top-8, MLA kv_lora_rank 512, qk_rope_head_dim 64, vocab 163840) with YaRN factor 64 over 4096 (262,144 tokens) and native INT4 weights',
      ),
      slimeScript(
        'kimi-k2-thinking.sh',
        'the kimi-k2 arguments (61 layers, 384 experts top-8, MLA 512/64, vocab 163840) with --rotary-scaling-factor 64.0',
      ),
      page(
        'https://huggingface.co/unsloth/Kimi-K2-Thinking-GGUF',
        'copy of the Kimi K2 Thinking card: "K2 Thinking is a native INT4 quantization model with 256k context window"; Quantization-Aware Training in post-training',
      ),
      K2_MAXTEXT,
      K2_README,
    ],
  },
];
