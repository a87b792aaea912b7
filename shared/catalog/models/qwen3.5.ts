/**
 * Qwen3.5 (Feb 2026) and Qwen3-Next (Sep 2025): hybrid attention. Every 4th layer is gated full attention
 * (`full_attention_interval` 4, `layer_types` "linear_attention" ×3 then "full_attention") and keeps a KV cache;
 * the other layers are Gated DeltaNet (linear attention) with a fixed recurrent state per sequence.
 * Full-attention layers use head_dim 256, a partial rotary factor 0.25 and an output gate (the q projection
 * is twice as wide), so heads × head_dim ≠ hidden_size.
 *
 * Recurrent state, as llama.cpp keeps it (f32): per DeltaNet layer a conv state of
 * (linear_conv_kernel_dim − 1) × (2 · linear_num_key_heads · linear_key_head_dim + linear_num_value_heads ·
 * linear_value_head_dim) plus a delta-rule state of linear_num_value_heads · linear_key_head_dim ·
 * linear_value_head_dim elements; `recurrentStateBytes` = linear layers × that × 4.
 *
 * Qwen3.5 checkpoints are image-text models (a 27-layer ViT ships in the checkpoint, not counted here: its
 * size is not stated in a source read) with the text model under `text_config`.
 */
import type { ModelSpec } from '../types';
import { hfCard, hfConfig, page } from './sources';

const QWEN35_YARN_1M = {
  tokens: 1010000,
  method:
    'YaRN factor 4 over 262144 (model card "Processing Ultra-Long Texts": text_config.rope_parameters rope_type yarn, factor 4.0, original_max_position_embeddings 262144, rope_theta 10000000; vLLM --max-model-len 1010000)',
  rope: { type: 'yarn', factor: 4, originalContext: 262144, theta: 10_000_000 },
} as const;

const QWEN35_CARD_YARN = page(
  'public code search index, file id 56408243843',
  'copy of the Qwen3.5-4B model card: "natively supports context lengths of up to 262,144 tokens"; YaRN rope_parameters rope_type yarn, rope_theta 10000000, partial_rotary_factor 0.25, factor 4.0, original_max_position_embeddings 262144, --max-model-len 1010000; the index does not name the repository',
);

const QWEN35_MOE_DEFAULTS = page(
  'huggingface/transformers src/transformers/models/qwen3_5_moe/configuration_qwen3_5_moe.py@008e574391258935f3ecc3035c882e73bbcac419',
  'Qwen3_5MoeTextConfig (checkpoint Qwen/Qwen3.5-35B-A3B) defaults: vocab_size 248320, hidden_size 2048, num_hidden_layers 40, num_attention_heads 16, num_key_value_heads 2, head_dim 256, tie_word_embeddings False, linear_conv_kernel_dim 4, linear_key_head_dim 128, linear_value_head_dim 128, linear_num_key_heads 16, linear_num_value_heads 32, moe_intermediate_size 512, shared_expert_intermediate_size 512, num_experts_per_tok 8, num_experts 256, full_attention_interval 4',
);

const QWEN35_METADATA_TABLE = page(
  'public code search index, file id 57982277923',
  'KNOWN_MODEL_METADATA table of HF config values: Qwen/Qwen3.5-397B-A17B 512 experts, top_k 10, 60 layers, hidden 4096, moe_intermediate_size 1024, shared_expert_intermediate_size 1024, 32 heads, 2 KV heads, head_dim 256, full_attention_interval 4, linear key heads 16, linear value heads 64, key/value head dim 128, conv kernel 4, vocab 248320, tie_word_embeddings False; Qwen/Qwen3.5-35B-A3B 256 experts, top_k 8, 40 layers, hidden 2048, moe/shared 512, 16 heads, 2 KV heads, head_dim 256, linear value heads 32; the index does not name the repository',
);

const SLIME_COMMIT = '624b824a898ab0ec1fcb4d373004c7f3852bf515';
const slime = (file: string, says: string) =>
  page(`THUDM/slime scripts/models/${file}@${SLIME_COMMIT}`, says);

export const QWEN35_MODELS: readonly ModelSpec[] = [
  {
    id: 'qwen3.5-27b',
    name: 'Qwen3.5 27B',
    repo: 'Qwen/Qwen3.5-27B',
    arch: 'qwen35',
    layers: 64,
    hiddenSize: 5120,
    attentionHeads: 24,
    kvHeads: 4,
    headDim: 256,
    vocabSize: 248320,
    intermediateSize: 17408,
    paramsB: 27,
    activeParamsB: 27,
    experts: null,
    maxContext: 262144,
    fullAttentionLayers: 16,
    recurrentStateBytes: 156_893_184,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    extendedContext: QWEN35_YARN_1M,
    aliases: ['qwen3.5:27b'],
    published: [{ quant: 'gptq-int4', repo: 'TevunahAi/Qwen3.5-27B-TevunahAi-GPTQ' }],
    sources: [
      hfConfig(
        'Qwen/Qwen3.5-27B',
        'text_config: hidden_size 5120, intermediate_size 17408, num_hidden_layers 64, num_attention_heads 24, num_key_value_heads 4, head_dim 256, full_attention_interval 4, linear_num_key_heads 16, linear_num_value_heads 48, linear_key_head_dim 128, linear_value_head_dim 128, linear_conv_kernel_dim 4, max_position_embeddings 262144, vocab_size 248320, tie_word_embeddings false, rope_theta 10000000; recurrent state 48 × (3 × (2·16·128 + 48·128) + 48·128·128) × 4 B = 156,893,184 B',
      ),
      page(
        'public code search index, file id 55568797625',
        'Qwen3_5Config text_config as above (attn_output_gate True, mamba_ssm_dtype float32, mtp_num_hidden_layers 1) with layer_types ["linear_attention" ×3, "full_attention"] × 16; the index does not name the repository',
      ),
      slime(
        'qwen3.5-27B.sh',
        '--num-attention-heads 24 --num-query-groups 4 --kv-channels 256 --num-layers 64 --hidden-size 5120 --ffn-hidden-size 17408 --untie-embeddings-and-output-weights --vocab-size 248320 --rotary-base 10000000',
      ),
      page(
        'https://hugingapi.com/TevunahAi/Qwen3.5-27B-TevunahAi-GPTQ',
        'GPTQ quantization of Qwen/Qwen3.5-27B: 27B dense, 48 Gated DeltaNet + 16 full-attention layers (24 Q / 4 KV heads, head_dim 256), 262K native context, bf16 original',
      ),
      QWEN35_CARD_YARN,
    ],
  },
  {
    id: 'qwen3.5-35b-a3b',
    name: 'Qwen3.5 35B-A3B',
    repo: 'Qwen/Qwen3.5-35B-A3B',
    arch: 'qwen35moe',
    layers: 40,
    hiddenSize: 2048,
    attentionHeads: 16,
    kvHeads: 2,
    headDim: 256,
    vocabSize: 248320,
    // No dense layers; the shared expert's size (the config has no dense intermediate_size).
    intermediateSize: 512,
    paramsB: 35,
    activeParamsB: 3,
    experts: { total: 256, active: 8, shared: 1, expertIntermediateSize: 512 },
    maxContext: 262144,
    fullAttentionLayers: 10,
    recurrentStateBytes: 65_863_680,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    extendedContext: QWEN35_YARN_1M,
    aliases: ['qwen3.5:35b'],
    published: [{ quant: 'fp8', repo: 'lovedheart/Qwen3.5-35B-A3B-FP8' }],
    sources: [
      hfConfig(
        'Qwen/Qwen3.5-35B-A3B',
        'text_config: hidden_size 2048, num_hidden_layers 40, num_attention_heads 16, num_key_value_heads 2, head_dim 256, num_experts 256, num_experts_per_tok 8, moe_intermediate_size 512, shared_expert_intermediate_size 512, linear_num_key_heads 16, linear_num_value_heads 32, linear key/value head dim 128, conv kernel 4, max_position_embeddings 262144, vocab_size 248320, tie_word_embeddings false; recurrent state 30 × (3 × (2·16·128 + 32·128) + 32·128·128) × 4 B = 65,863,680 B',
      ),
      QWEN35_MOE_DEFAULTS,
      QWEN35_METADATA_TABLE,
      slime(
        'qwen3.5-35B-A3B.sh',
        '40 layers, hidden 2048, 16 heads, 2 query groups, kv-channels 256, moe-ffn-hidden-size 512, shared expert 512, top-8 of 256 experts, untied, vocab 248320',
      ),
      page(
        'https://mera.a-ai.ru/en/industrial/submits/181',
        'Qwen3.6-35B-A3B card (same architecture class): 35B in total and 3B activated, hidden 2048, 40 layers, 10 × (3 × DeltaNet → MoE, 1 × Gated Attention → MoE), 256 experts, 8 routed + 1 shared, expert intermediate 512',
      ),
      QWEN35_CARD_YARN,
    ],
  },
  {
    id: 'qwen3.5-122b-a10b',
    name: 'Qwen3.5 122B-A10B',
    repo: 'Qwen/Qwen3.5-122B-A10B',
    arch: 'qwen35moe',
    layers: 48,
    hiddenSize: 3072,
    attentionHeads: 32,
    kvHeads: 2,
    headDim: 256,
    vocabSize: 248320,
    // No dense layers; the shared expert's size.
    intermediateSize: 1024,
    paramsB: 122,
    activeParamsB: 10,
    experts: { total: 256, active: 8, shared: 1, expertIntermediateSize: 1024 },
    maxContext: 262144,
    fullAttentionLayers: 12,
    recurrentStateBytes: 156_303_360,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    extendedContext: QWEN35_YARN_1M,
    aliases: ['qwen3.5:122b'],
    sources: [
      hfConfig(
        'Qwen/Qwen3.5-122B-A10B',
        'text_config: hidden_size 3072, num_hidden_layers 48, num_attention_heads 32, num_key_value_heads 2, head_dim 256, 256 experts, 8 per token, moe_intermediate_size 1024, shared_expert_intermediate_size 1024, linear_num_key_heads 16, linear_num_value_heads 64, linear head dims 128, conv kernel 4, vocab 248320, max_position_embeddings 262144; recurrent state 36 × (3 × (2·16·128 + 64·128) + 64·128·128) × 4 B = 156,303,360 B',
      ),
      page(
        'public code search index, file id 55675911288',
        'run_qwen3_5_moe_122B test config: vocab_size 248320, dim 3072, head_dim 256, moe_inter_dim 1024, shared_expert_inter_dim 1024, n_routed_experts 256, n_shared_experts 1, n_activated_experts 8, n_layers 48, n_heads 32, n_kv_heads 2, full_attention_interval 4, linear_num_key_heads 16, linear_num_value_heads 64, linear key/value head dim 128, conv kernel 4; the index does not name the repository',
      ),
      page(
        'https://awesomeagents.ai/models/qwen-3-5-122b-a10b',
        '122B total / 10B active, 48 layers, hidden 3,072, 256 experts (8 routed + 1 shared), expert FFN 1,024, 32 Q / 2 KV heads, 262,144 native context, vocabulary 248,320',
      ),
      page(
        'https://apxml.com/models/qwen35-122b-a10b',
        'Qwen3.5-122B-A10B: 32 heads, 2 KV heads, head dim 256, rope theta 10,000,000, hidden 3,072, 48 layers, vocab 248,320, 256 experts, expert FFN 1,024, context 262,144',
      ),
      QWEN35_CARD_YARN,
    ],
  },
  {
    id: 'qwen3.5-397b-a17b',
    name: 'Qwen3.5 397B-A17B',
    repo: 'Qwen/Qwen3.5-397B-A17B',
    arch: 'qwen35moe',
    layers: 60,
    hiddenSize: 4096,
    attentionHeads: 32,
    kvHeads: 2,
    headDim: 256,
    vocabSize: 248320,
    // No dense layers; the shared expert's size.
    intermediateSize: 1024,
    paramsB: 397,
    activeParamsB: 17,
    experts: { total: 512, active: 10, shared: 1, expertIntermediateSize: 1024 },
    maxContext: 262144,
    fullAttentionLayers: 15,
    recurrentStateBytes: 195_379_200,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    extendedContext: QWEN35_YARN_1M,
    aliases: ['qwen3.5:397b'],
    sources: [
      hfConfig(
        'Qwen/Qwen3.5-397B-A17B',
        'text_config: hidden_size 4096, num_hidden_layers 60, num_attention_heads 32, num_key_value_heads 2, head_dim 256, num_experts 512, num_experts_per_tok 10, moe_intermediate_size 1024, shared_expert_intermediate_size 1024, linear_num_key_heads 16, linear_num_value_heads 64, linear head dims 128, conv kernel 4, max_position_embeddings 262144, vocab 248320, tie_word_embeddings false; recurrent state 45 × (3 × (2·16·128 + 64·128) + 64·128·128) × 4 B = 195,379,200 B',
      ),
      QWEN35_METADATA_TABLE,
      page(
        'public code search index, file id 52187504714',
        'model_config() for Qwen3.5-397B: hidden 4096, 60 layers, 32 heads, 2 KV heads, head_dim 256, vocab 248320, 512 experts, top 10, moe_intermediate_size 1024, shared_expert_intermediate_size 1024, full_attention_interval 4, linear value heads 64, key heads 16, partial_rotary_factor 0.25, rope_theta 10000000; the index does not name the repository',
      ),
      page(
        'https://sebastianraschka.com/llm-architecture-gallery/',
        'Qwen3.5 397B: 397B total, 17B active, 262,144 context, 15 gated attention + 45 DeltaNet layers (read through a copy in the public code search index, file id 54825102151)',
      ),
      page(
        'https://roboaidigest.com/posts/2026-02-17-qwen3-5-397b-moe',
        'Gated DeltaNet: 64 heads for V, 16 for QK; 512 experts, 10 routed + 1 shared; 60 layers; 397B total, 17B active',
      ),
      QWEN35_CARD_YARN,
    ],
  },
  {
    id: 'qwen3.5-9b',
    name: 'Qwen3.5 9B',
    repo: 'Qwen/Qwen3.5-9B',
    arch: 'qwen35',
    layers: 32,
    hiddenSize: 4096,
    attentionHeads: 16,
    kvHeads: 4,
    headDim: 256,
    vocabSize: 248320,
    intermediateSize: 12288,
    paramsB: 9,
    activeParamsB: 9,
    experts: null,
    maxContext: 262144,
    fullAttentionLayers: 8,
    recurrentStateBytes: 52_690_944,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    extendedContext: QWEN35_YARN_1M,
    aliases: ['qwen3.5:9b'],
    sources: [
      hfConfig(
        'Qwen/Qwen3.5-9B',
        'text_config: hidden_size 4096, intermediate_size 12288, num_hidden_layers 32, num_attention_heads 16, num_key_value_heads 4, head_dim 256, linear_num_key_heads 16, linear_num_value_heads 32, linear head dims 128, vocab 248320, max_position_embeddings 262144, untied; recurrent state 24 × (3 × (2·16·128 + 32·128) + 32·128·128) × 4 B = 52,690,944 B',
      ),
      slime(
        'qwen3.5-9B.sh',
        '--num-attention-heads 16 --num-query-groups 4 --kv-channels 256 --num-layers 32 --hidden-size 4096 --ffn-hidden-size 12288 --untie-embeddings-and-output-weights --vocab-size 248320',
      ),
      page(
        'https://awesomeagents.ai/models/qwen-3-5-9b',
        'Qwen3.5-9B: 9B dense, 32 layers, hidden 4,096, FFN 12,288, 8 × (3 × DeltaNet → FFN, 1 × Gated Attention → FFN), DeltaNet heads 32 for V and 16 for QK (dim 128), attention 16 Q / 4 KV (dim 256), 262,144 native context, vocabulary 248,320',
      ),
      QWEN35_CARD_YARN,
    ],
  },
  {
    id: 'qwen3.5-4b',
    name: 'Qwen3.5 4B',
    repo: 'Qwen/Qwen3.5-4B',
    arch: 'qwen35',
    layers: 32,
    hiddenSize: 2560,
    attentionHeads: 16,
    kvHeads: 4,
    headDim: 256,
    vocabSize: 248320,
    intermediateSize: 9216,
    paramsB: 4,
    activeParamsB: 4,
    experts: null,
    maxContext: 262144,
    fullAttentionLayers: 8,
    recurrentStateBytes: 52_690_944,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: true,
    releasedDtype: 'bf16',
    extendedContext: QWEN35_YARN_1M,
    aliases: ['qwen3.5:4b'],
    sources: [
      hfConfig(
        'Qwen/Qwen3.5-4B',
        'text_config: hidden_size 2560, intermediate_size 9216, num_hidden_layers 32, num_attention_heads 16, num_key_value_heads 4, head_dim 256, linear value heads 32, key heads 16, head dims 128, vocab 248320, max_position_embeddings 262144, tie_word_embeddings true; recurrent state 24 × 548,864 × 4 B = 52,690,944 B',
      ),
      QWEN35_CARD_YARN,
      hfCard(
        'Qwen/Qwen3.5-4B',
        '(read through the copy above) Number of Parameters 4B, Hidden Dimension 2560, Token Embedding 248320, 32 layers, 8 × (3 × Gated DeltaNet → FFN, 1 × Gated Attention → FFN), DeltaNet 32 V / 16 QK heads (dim 128), attention 16 Q / 4 KV heads (dim 256), FFN 9216, LM output tied to token embedding, 262,144 natively, extensible to 1,010,000',
      ),
      slime(
        'qwen3.5-4B.sh',
        '--num-attention-heads 16 --num-query-groups 4 --kv-channels 256 --num-layers 32 --hidden-size 2560 --ffn-hidden-size 9216 --vocab-size 248320 (no --untie-embeddings-and-output-weights)',
      ),
    ],
  },
  {
    id: 'qwen3.5-0.8b',
    name: 'Qwen3.5 0.8B',
    repo: 'Qwen/Qwen3.5-0.8B',
    arch: 'qwen35',
    layers: 24,
    hiddenSize: 1024,
    attentionHeads: 8,
    kvHeads: 2,
    headDim: 256,
    vocabSize: 248320,
    intermediateSize: 3584,
    paramsB: 0.8,
    activeParamsB: 0.8,
    experts: null,
    maxContext: 262144,
    fullAttentionLayers: 6,
    recurrentStateBytes: 20_201_472,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: true,
    releasedDtype: 'bf16',
    aliases: ['qwen3.5:0.8b'],
    sources: [
      hfConfig(
        'Qwen/Qwen3.5-0.8B',
        'text_config: vocab_size 248320, hidden_size 1024, intermediate_size 3584, num_hidden_layers 24, num_attention_heads 8, num_key_value_heads 2, head_dim 256, attn_output_gate true, linear_num_key_heads 16, linear_num_value_heads 16, linear_key_head_dim 128, linear_value_head_dim 128, linear_conv_kernel_dim 4, full_attention_interval 4, max_position_embeddings 262144, tie_word_embeddings true; recurrent state 18 × (3 × (2·16·128 + 16·128) + 16·128·128) × 4 B = 20,201,472 B',
      ),
      page(
        'public code search index, file id 54905607740',
        'Qwen3.5-0.8B-shaped config: tie_word_embeddings true, text_config with exactly the values above and layer_types linear ×3 then full; the index does not name the repository',
      ),
      page(
        'public code search index, file id 54606364174',
        'qwen3_5 config test: text_config hidden 1024, intermediate 3584, 24 layers, 8 heads, 2 KV heads, head_dim 256, vocab 248320, max_position_embeddings 262144, tied, linear key/value heads 16/16 of dim 128, conv kernel 4, rope_theta 10000000, partial_rotary_factor 0.25; the index does not name the repository',
      ),
      slime(
        'qwen3.5-0.8B.sh',
        '--num-attention-heads 8 --num-query-groups 2 --kv-channels 256 --num-layers 24 --hidden-size 1024 --ffn-hidden-size 3584 --vocab-size 248320 (no --untie-embeddings-and-output-weights) --attention-output-gate',
      ),
    ],
  },
  {
    id: 'qwen3-next-80b-a3b',
    name: 'Qwen3-Next 80B-A3B',
    repo: 'Qwen/Qwen3-Next-80B-A3B-Instruct',
    arch: 'qwen3next',
    layers: 48,
    hiddenSize: 2048,
    attentionHeads: 16,
    kvHeads: 2,
    headDim: 256,
    vocabSize: 151936,
    // Config value; unused because every layer is MoE (mlp_only_layers []).
    intermediateSize: 5120,
    paramsB: 80,
    activeParamsB: 3,
    experts: { total: 512, active: 10, shared: 1, expertIntermediateSize: 512 },
    maxContext: 262144,
    fullAttentionLayers: 12,
    recurrentStateBytes: 79_036_416,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['Qwen3-Next-80B-A3B-Thinking', 'qwen3-next', 'qwen3-next:80b'],
    sources: [
      hfConfig(
        'Qwen/Qwen3-Next-80B-A3B-Instruct',
        'hidden_size 2048, intermediate_size 5120, num_hidden_layers 48, num_attention_heads 16, num_key_value_heads 2, head_dim 256, num_experts 512, num_experts_per_tok 10, moe_intermediate_size 512, shared_expert_intermediate_size 512, full_attention_interval 4, linear_num_key_heads 16, linear_num_value_heads 32, linear head dims 128, conv kernel 4, max_position_embeddings 262144, vocab_size 151936, tie_word_embeddings false; recurrent state 36 × (3 × (2·16·128 + 32·128) + 32·128·128) × 4 B = 79,036,416 B',
      ),
      page(
        'huggingface/transformers src/transformers/models/qwen3_next/configuration_qwen3_next.py@008e574391258935f3ecc3035c882e73bbcac419',
        'Qwen3NextConfig (checkpoint Qwen/Qwen3-Next-80B-A3B-Instruct) defaults: vocab 151936, hidden 2048, 48 layers, 16 heads, 2 KV heads, head_dim 256, linear key heads 16, value heads 32, head dims 128, conv kernel 4, moe_intermediate_size 512, shared_expert_intermediate_size 512, 10 of 512 experts, tie_word_embeddings False, full_attention_interval 4',
      ),
      slime(
        'qwen3-next-80B-A3B.sh',
        '48 layers, hidden 2048, ffn-hidden-size 5120, 16 heads, 2 query groups, kv-channels 256, moe-ffn-hidden-size 512, shared expert 512, top-10 of 512 experts, untied, vocab 151936',
      ),
      page(
        'https://sebastianraschka.com/llm-architecture-gallery/',
        'Qwen3 Next 80B-A3B: 80B total, 3B active, 262,144 context, 12 gated attention + 36 DeltaNet layers (read through a copy in the public code search index, file id 54825102151)',
      ),
    ],
  },
];
