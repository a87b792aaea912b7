/**
 * Qwen3.6 (Apr 2026), Qwen3.8 27B (Aug 2026) and Qwen3-Coder-Next (Jan 2026): the Qwen3.5 / Qwen3-Next hybrid
 * layout (every 4th layer gated full attention with a KV cache, the other three Gated DeltaNet with a fixed
 * recurrent state; see qwen3.5.ts for the state formula). Their configs repeat Qwen3.5's numbers, but each
 * is its own checkpoint, so each gets its own entry with its own sources:
 * - Qwen3.6-27B and Qwen3.8-27B have exactly the Qwen3.5-27B text config (`qwen3_5`, llama.cpp `qwen35`);
 *   a copy of the Qwen3.8-27B config.json says every field is identical to Qwen3.6-27B's.
 * - Qwen3.6-35B-A3B has exactly the Qwen3.5-35B-A3B text config (`qwen3_5_moe`, llama.cpp `qwen35moe`).
 * - Qwen3-Coder-Next is a `Qwen3NextForCausalLM` (llama.cpp `qwen3next`) with Qwen3-Next-80B-A3B's shape and
 *   rope_theta 5e6; text only, vocabulary 151936.
 *
 * The Qwen3.6/3.8 checkpoints ship a vision tower (size not stated in a source read; not counted in
 * `paramsB`) and a 1-layer MTP head (`mtp_num_hidden_layers` 1).
 */
import type { ModelSpec } from '../types';
import { hfConfig, indexed, page, repoFile } from './sources';

const CLUB_3090 = 'noonghunna/club-3090';
const CLUB_3090_COMMIT = '4a29ab57d42a1d587de1042fa5dfd9535f94a063';
const club3090 = (path: string, says: string) => repoFile(CLUB_3090, path, CLUB_3090_COMMIT, says);

const LLAMA_CPP_QWEN_ARCHS = repoFile(
  'ngxson/llama.cpp',
  'src/llama-arch.cpp',
  '3f545beccee69d9975f466ec7e45fd9aacd8ba90',
  'LLM_ARCH_NAMES: LLM_ARCH_QWEN3NEXT "qwen3next", LLM_ARCH_QWEN35 "qwen35", LLM_ARCH_QWEN35MOE "qwen35moe"',
);

/** A survey of Qwen3.5/3.6/3.8 and Coder-Next config.json files (the index does not name the repository). */
const QWEN_FAMILY_SURVEY = indexed(
  '67470809042',
  'survey quoting each config.json: common to Qwen3.5/3.6/3.8 text_config: full_attention_interval 4, head_dim 256, attn_output_gate true, partial_rotary_factor 0.25, rope_theta 1e7, linear_conv_kernel_dim 4, linear_key_head_dim 128, linear_num_key_heads 16, linear_value_head_dim 128, mtp_num_hidden_layers 1, vocab_size 248320, max_position_embeddings 262144; Qwen3.5/3.6-35B-A3B: 40 layers (30 linear + 10 full), hidden 2048, 16 heads, 2 KV heads, 256 experts, 8 per token, moe_intermediate_size 512, shared_expert_intermediate_size 512, linear_num_value_heads 32; Qwen3.5/3.6/3.8-27B: 64 layers (48 + 16), hidden 5120, intermediate 17408, 24 heads, 4 KV heads, linear_num_value_heads 48, "Qwen3.8-27B config is byte-identical in shape to 3.6-27B"; Qwen3-Coder-Next: Qwen3NextForCausalLM, 48 layers (36 + 12), hidden 2048, 16 heads, 2 KV heads, head_dim 256, 512 experts top-10, moe_intermediate_size 512, rope_theta 5e6, vocab 151936',
);

const QWEN36_27B_CARD = page(
  'https://shilu.ai/articles/qwen-hf/qwen-qwen3.6-27b',
  'copy of the Qwen/Qwen3.6-27B model card: 27B parameters, hidden 5120, token embedding 248320 (padded), 64 layers, 16 × (3 × (Gated DeltaNet → FFN) → 1 × (Gated Attention → FFN)); DeltaNet 48 V / 16 QK heads of dim 128; Gated Attention 24 Q / 4 KV heads of dim 256, rotary dim 64; FFN 17408; LM output 248320; context 262,144 natively, extensible to 1,010,000 with YaRN',
);

const QWEN36_27B_PROFILE = club3090(
  'scripts/lib/profiles/models/qwen3.6-27b.yml',
  'qwen3.6-27b profile: hidden_size 5120, num_hidden_layers 64, num_gdn_layers 48, num_attn_layers 16, num_attn_heads 24, num_kv_heads 4, head_dim_attn 256, linear_num_v_heads 48, linear_num_k_heads 16, linear_v_head_dim 128, linear_k_head_dim 128, linear_conv_kernel_dim 4, max_ctx_supported 262144; weights Qwen/Qwen3.6-27B-FP8, Intel/Qwen3.6-27B-int4-AutoRound, nvidia/Qwen3.6-27B-NVFP4',
);

const QWEN38_CONFIG_COPY = club3090(
  'models/qwen3.8-27b/vllm/compose/dual/fp8/mtp.yml',
  'architecture "read from THIS checkpoint\'s config.json" (Qwen/Qwen3.8-27B-FP8): Qwen3_5ForConditionalGeneration, model_type qwen3_5, 64 layers with full_attention_interval 4 (16 full_attention + 48 linear_attention), no num_experts (dense FFN, intermediate 17408), hidden 5120, 24 attn heads, 4 KV heads, head_dim 256, vocab 248320, max_position 262144, tie_word_embeddings false, linear_num_key_heads 16 / value_heads 48, key+value_head_dim 128, conv_kernel_dim 4, mtp_num_hidden_layers 1; "Every one of those fields is IDENTICAL to qwen3.6-27b-FP8"; quantization fp8 e4m3, weight_block_size [128, 128]',
);

const QWEN36_27B_YARN = {
  tokens: 1010000,
  method:
    'YaRN (Qwen3.6-27B model card: 262,144 natively, extensible to 1,010,000 tokens; the scaling factors were not read for this checkpoint)',
} as const;

export const QWEN36_MODELS: readonly ModelSpec[] = [
  {
    id: 'qwen3.6-27b',
    name: 'Qwen3.6 27B',
    repo: 'Qwen/Qwen3.6-27B',
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
    // 48 × (3 × (2·16·128 + 48·128) + 48·128·128) × 4 B, as for Qwen3.5-27B.
    recurrentStateBytes: 156_893_184,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    extendedContext: QWEN36_27B_YARN,
    aliases: ['qwen3.6:27b'],
    published: [
      { quant: 'fp8', repo: 'Qwen/Qwen3.6-27B-FP8' },
      { quant: 'gguf', repo: 'unsloth/Qwen3.6-27B-GGUF' },
      { quant: 'autoround-int4', repo: 'Intel/Qwen3.6-27B-int4-AutoRound' },
      { quant: 'nvfp4', repo: 'nvidia/Qwen3.6-27B-NVFP4' },
    ],
    sources: [
      hfConfig(
        'Qwen/Qwen3.6-27B',
        'Qwen3_5ForConditionalGeneration (model_type qwen3_5), text_config: hidden_size 5120, intermediate_size 17408, num_hidden_layers 64, layer_types linear_attention ×3 then full_attention (48 + 16), num_attention_heads 24, num_key_value_heads 4, head_dim 256, linear_num_key_heads 16, linear_num_value_heads 48, linear key/value head dim 128, linear_conv_kernel_dim 4, vocab_size 248320, max_position_embeddings 262144, rope_theta 10000000, bfloat16 (read through the copies and the card cited below)',
      ),
      QWEN36_27B_CARD,
      QWEN36_27B_PROFILE,
      // Its field-by-field comparison with Qwen3.6-27B-FP8 also gives tie_word_embeddings false for 3.6.
      QWEN38_CONFIG_COPY,
      QWEN_FAMILY_SURVEY,
      page(
        'http://eadst.com/blog/325',
        'Qwen3.6-27B from its config.json: Qwen3_5ForConditionalGeneration, model_type qwen3_5 (shares the 3.5 implementation), bfloat16, layer_types 48 linear_attention + 16 full_attention, max_position_embeddings 262144, rope_theta 10000000; model.safetensors.index.json total_size 55.56 GB ≈ 27.78B parameters',
      ),
      LLAMA_CPP_QWEN_ARCHS,
    ],
  },
  {
    id: 'qwen3.6-35b-a3b',
    name: 'Qwen3.6 35B-A3B',
    repo: 'Qwen/Qwen3.6-35B-A3B',
    arch: 'qwen35moe',
    layers: 40,
    hiddenSize: 2048,
    attentionHeads: 16,
    kvHeads: 2,
    headDim: 256,
    vocabSize: 248320,
    // No dense layers (the config has no intermediate_size); the shared expert's size.
    intermediateSize: 512,
    paramsB: 35,
    activeParamsB: 3,
    experts: { total: 256, active: 8, shared: 1, expertIntermediateSize: 512 },
    maxContext: 262144,
    fullAttentionLayers: 10,
    // 30 × (3 × (2·16·128 + 32·128) + 32·128·128) × 4 B, as for Qwen3.5-35B-A3B.
    recurrentStateBytes: 65_863_680,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['qwen3.6:35b', 'qwen3.6:35b-a3b'],
    published: [
      { quant: 'gguf', repo: 'unsloth/Qwen3.6-35B-A3B-GGUF' },
      { quant: 'autoround-int4', repo: 'Intel/Qwen3.6-35B-A3B-int4-mixed-AutoRound' },
      { quant: 'nvfp4', repo: 'nvidia/Qwen3.6-35B-A3B-NVFP4' },
    ],
    sources: [
      hfConfig(
        'Qwen/Qwen3.6-35B-A3B',
        'Qwen3_5MoeForConditionalGeneration, text_config (qwen3_5_moe_text): hidden_size 2048, num_hidden_layers 40 (30 linear + 10 full, full_attention_interval 4), num_attention_heads 16, num_key_value_heads 2, head_dim 256, num_experts 256, num_experts_per_tok 8, moe_intermediate_size 512, shared_expert_intermediate_size 512, linear_num_key_heads 16, linear_num_value_heads 32, linear key/value head dim 128, linear_conv_kernel_dim 4, vocab_size 248320, max_position_embeddings 262144 (read through the copies cited below)',
      ),
      indexed(
        '51981054745',
        'inventory of the local HF snapshots of Qwen3.5-35B-A3B and Qwen3.6-35B-A3B (7da1103): same Qwen3_5MoeForConditionalGeneration class, identical linear_key/value_head_dim 128, linear_num_key_heads 16, linear_num_value_heads 32, linear_conv_kernel_dim 4, num_experts 256, num_experts_per_tok 8, moe_intermediate_size 512, shared_expert_intermediate_size 512, num_hidden_layers 40, vocab_size 248320, rope_theta 10000000, mtp_num_hidden_layers 1; "No structural tensor changes between 3.5 and 3.6"',
      ),
      indexed(
        '55053118975',
        'parses_qwen35_moe_gptq_quantization_config: a qwen3_5_moe text_config with hidden 2048, 16 heads, 2 KV heads, head_dim 256, linear heads 16/32 of dim 128, 256 experts top-8, moe/shared 512 and "tie_word_embeddings": false',
      ),
      page(
        'https://mera.a-ai.ru/en/industrial/submits/181',
        'Qwen3.6-35B-A3B card text: 35B in total and 3B activated, hidden 2048, token embedding 248320 (padded), 40 layers, 10 × (3 × (Gated DeltaNet → MoE) → 1 × (Gated Attention → MoE)), DeltaNet 32 V / 16 QK heads of dim 128, attention 16 Q / 2 KV heads of dim 256, 256 experts, 8 routed + 1 shared, expert intermediate 512',
      ),
      club3090(
        'scripts/lib/profiles/models/qwen3.6-35b-a3b.yml',
        'qwen3.6-35b-a3b profile (MoE from config.json text_config): hidden 2048, 40 layers (30 GDN + 10 attention), 16 heads, 2 KV heads, head_dim 256, linear V/K heads 32/16 of dim 128, conv kernel 4, max_ctx 262144, 256 experts, 8 per token, moe_intermediate_size 512, shared_expert_intermediate_size 512, mtp_num_hidden_layers 1',
      ),
      QWEN_FAMILY_SURVEY,
      LLAMA_CPP_QWEN_ARCHS,
    ],
  },
  {
    id: 'qwen3.8-27b',
    name: 'Qwen3.8 27B',
    repo: 'Qwen/Qwen3.8-27B',
    arch: 'qwen35',
    layers: 64,
    hiddenSize: 5120,
    attentionHeads: 24,
    kvHeads: 4,
    headDim: 256,
    vocabSize: 248320,
    intermediateSize: 17408,
    paramsB: 27.8,
    activeParamsB: 27.8,
    experts: null,
    maxContext: 262144,
    fullAttentionLayers: 16,
    // 48 × (3 × (2·16·128 + 48·128) + 48·128·128) × 4 B, as for Qwen3.5/3.6-27B.
    recurrentStateBytes: 156_893_184,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['Qwen/Qwen3.8-27B-FP8', 'qwen3.8:27b'],
    published: [
      { quant: 'fp8', repo: 'Qwen/Qwen3.8-27B-FP8' },
      { quant: 'gguf', repo: 'unsloth/Qwen3.8-27B-GGUF' },
      { quant: 'autoround-int4', repo: 'Frozenlock/Qwen3.8-27B-int4-AutoRound' },
      { quant: 'awq', repo: 'cyankiwi/Qwen3.8-27B-AWQ-INT4' },
    ],
    sources: [
      hfConfig(
        'Qwen/Qwen3.8-27B',
        'Qwen3_5ForConditionalGeneration (model_type qwen3_5, text_config qwen3_5_text): hidden_size 5120, intermediate_size 17408, num_hidden_layers 64, full_attention_interval 4, num_attention_heads 24, num_key_value_heads 4, head_dim 256, linear_num_key_heads 16, linear_num_value_heads 48, linear key/value head dim 128, linear_conv_kernel_dim 4, vocab_size 248320, max_position_embeddings 262144, tie_word_embeddings false, mtp_num_hidden_layers 1 (read through the copies cited below)',
      ),
      QWEN38_CONFIG_COPY,
      club3090(
        'scripts/lib/profiles/models/qwen3.8-27b.yml',
        'qwen3.8-27b profile "filled in 2026-08-14 from the FP8 safetensors repo\'s own config.json": hidden_size 5120, num_hidden_layers 64 (16 attention + 48 GDN), num_attn_heads 24, num_kv_heads 4, head_dim 256, intermediate_size 17408, linear_num_k_heads 16, linear_num_v_heads 48, linear head dims 128, conv kernel 4, max_ctx 262144, no num_experts; unsloth GGUF header: qwen35 arch, block_count 65 (64 + 1 MTP layer)',
      ),
      QWEN_FAMILY_SURVEY,
      repoFile(
        'AlexsJones/llmfit',
        'MODELS.md',
        '3f44fd30a43d2619146f7bc0aa66c90aa54d78e6',
        'Qwen/Qwen3.8-27B: 27.8B, 256k context, multimodal',
      ),
      repoFile(
        'sudoingX/qwen38-mtp',
        'README.md',
        'c7bc415309766b98ce9ecb2c01744ec5223ee483',
        'Qwen3.8-27B released Aug 14 2026; llama.cpp runs it "through the qwen3_5 code path"; MTP (nextn) layers ship in unsloth/Qwen3.8-27B-GGUF; full 262K window',
      ),
      LLAMA_CPP_QWEN_ARCHS,
    ],
  },
  {
    id: 'qwen3-coder-next',
    name: 'Qwen3-Coder-Next 80B-A3B',
    repo: 'Qwen/Qwen3-Coder-Next',
    arch: 'qwen3next',
    layers: 48,
    hiddenSize: 2048,
    attentionHeads: 16,
    kvHeads: 2,
    headDim: 256,
    vocabSize: 151936,
    // Config value; unused because every layer is MoE (decoder_sparse_step 1).
    intermediateSize: 5120,
    paramsB: 80,
    activeParamsB: 3,
    experts: { total: 512, active: 10, shared: 1, expertIntermediateSize: 512 },
    maxContext: 262144,
    fullAttentionLayers: 12,
    // 36 × (3 × (2·16·128 + 32·128) + 32·128·128) × 4 B, as for Qwen3-Next-80B-A3B.
    recurrentStateBytes: 79_036_416,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['qwen3-coder-next:80b'],
    published: [
      { quant: 'gguf', repo: 'Qwen/Qwen3-Coder-Next-GGUF' },
      { quant: 'gguf', repo: 'unsloth/Qwen3-Coder-Next-GGUF' },
    ],
    sources: [
      hfConfig(
        'Qwen/Qwen3-Coder-Next',
        'Qwen3NextForCausalLM (model_type qwen3_next, no text_config): hidden_size 2048, intermediate_size 5120, num_hidden_layers 48, full_attention_interval 4, num_attention_heads 16, num_key_value_heads 2, head_dim 256, num_experts 512, num_experts_per_tok 10, moe_intermediate_size 512, shared_expert_intermediate_size 512, decoder_sparse_step 1, linear_num_key_heads 16, linear_num_value_heads 32, linear key/value head dim 128, linear_conv_kernel_dim 4, vocab_size 151936, rope_theta 5000000, tie_word_embeddings false (read through the copies cited below)',
      ),
      indexed(
        '51981054745',
        'inventory of the local HF snapshot of Qwen3-Coder-Next (a7fbcb5): Qwen3NextForCausalLM, 48 layers, full_attention_interval 4, linear head dims 128, 16 key / 32 value heads, conv kernel 4, num_experts 512, num_experts_per_tok 10, moe_intermediate_size 512, shared_expert_intermediate_size 512, decoder_sparse_step 1, vocab_size 151936, intermediate_size 5120, rope_theta 5000000',
      ),
      indexed(
        '70181782850',
        'test_qwen_coder_next_keeps_hybrid_mixers_and_shared_expert, citing the Qwen3-Coder-Next config.json: hidden 2048, 48 layers, vocab 151936, head_dim 256, 16 heads, 2 KV heads, 512 experts, 10 per token, moe/shared 512, linear heads 16/32 of dim 128, conv kernel 4, full_attention_interval 4, "tie_word_embeddings": False; published total 79,674,391,296 parameters',
      ),
      repoFile(
        'docker/model-runner',
        'ai/qwen3-coder-next-vllm.md',
        '21974987d2ec7e8e1b963c62b0daba5e173d253a',
        'Qwen3-Coder-Next: 80B total with 3B activated, 512 experts, 10 active, 1 shared; hidden 2048; 48 layers as 12 × (3 × (Gated DeltaNet → MoE) + 1 × (Gated Attention → MoE)); 16 Q / 2 KV heads of dim 256; linear attention 32 V / 16 QK heads of dim 128; context 262,144; BF16',
      ),
      LLAMA_CPP_QWEN_ARCHS,
    ],
  },
];
