/**
 * GLM (Zhipu AI / Z.ai). GLM-4.5, 4.6 and 4.7 (355B-A32B) and GLM-4.5-Air (106B-A12B) are `Glm4MoeForCausalLM`:
 * GQA with head_dim 128 (96 Q / 8 KV heads, so heads × head_dim ≠ hidden), partial RoPE 0.5, the first
 * `first_k_dense_replace` layers dense, then 1 shared + 8 of N routed experts. GLM-4.7-Flash (30B-A3B) and
 * GLM-5 (744B-A40B) use MLA instead (GLM-5 adds a DeepSeek-style sparse-attention indexer). Each checkpoint
 * also carries one multi-token-prediction layer (`num_nextn_predict_layers` 1) that is not counted here.
 *
 * `published`: `gguf` marks a repository of llama.cpp GGUF files (several quant types), `fp8` an official
 * FP8 checkpoint.
 */
import type { ModelSpec } from '../types';
import { LLAMA_CPP_ARCH_NAMES, hfConfig, indexed, repoFile, slimeScript } from './sources';

const GLM_README = repoFile(
  'zai-org/GLM-4.5',
  'README.md',
  '170f20b2c10659008fdbc909d478bc2a75bc3627',
  'model table: GLM-4.7, GLM-4.6, GLM-4.5 355B-A32B (BF16, and -FP8 repos), GLM-4.5-Air 106B-A12B (BF16, -FP8), GLM-4.7-Flash 30B-A3B; GLM-4.6 "context window has been expanded from 128K to 200K tokens"',
);

const GLM4_MOE_DEFAULTS = indexed(
  '51787626296',
  'copy of transformers Glm4MoeConfig (@auto_docstring checkpoint "zai-org/GLM-4.5"): vocab_size 151552, max_position_embeddings 131072, tie_word_embeddings False, n_shared_experts 1, num_experts_per_tok 8, partial_rotary_factor 0.5 by default',
);

const GLM_355B = {
  arch: 'glm4moe',
  layers: 92,
  hiddenSize: 5120,
  attentionHeads: 96,
  kvHeads: 8,
  headDim: 128,
  vocabSize: 151552,
  intermediateSize: 12288,
  paramsB: 355,
  activeParamsB: 32,
  experts: { total: 160, active: 8, shared: 1, expertIntermediateSize: 1536, denseLayers: 3 },
  slidingWindow: null,
  mla: null,
  tieEmbeddings: false,
  releasedDtype: 'bf16',
} as const;

const SLIME_355B = slimeScript(
  'glm4.5-355B-A32B.sh',
  'N_DENSE_LAYERS 3 + N_MOE_LAYERS 89, 96 heads, 8 query groups, kv-channels 128, hidden 5120, ffn 12288, rotary-percent 0.5, untied, vocab 151552, moe-ffn 1536, shared expert 1536, top-8 of 160 experts',
);

export const GLM_MODELS: readonly ModelSpec[] = [
  {
    id: 'glm-4.5',
    name: 'GLM-4.5',
    repo: 'zai-org/GLM-4.5',
    ...GLM_355B,
    maxContext: 131072,
    aliases: ['zai-org/GLM-4.5-FP8', 'zai-org/GLM-4.5-Base'],
    published: [{ quant: 'fp8', repo: 'zai-org/GLM-4.5-FP8' }],
    sources: [
      hfConfig(
        'zai-org/GLM-4.5',
        'Glm4MoeForCausalLM: num_hidden_layers 92, hidden_size 5120, intermediate_size 12288, moe_intermediate_size 1536, n_routed_experts 160, n_shared_experts 1, num_experts_per_tok 8, first_k_dense_replace 3, num_attention_heads 96, num_key_value_heads 8, head_dim 128, partial_rotary_factor 0.5, max_position_embeddings 131072, vocab_size 151552, tie_word_embeddings false',
      ),
      SLIME_355B,
      GLM_README,
      GLM4_MOE_DEFAULTS,
    ],
  },
  {
    id: 'glm-4.5-air',
    name: 'GLM-4.5-Air',
    repo: 'zai-org/GLM-4.5-Air',
    arch: 'glm4moe',
    layers: 46,
    hiddenSize: 4096,
    attentionHeads: 96,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 151552,
    intermediateSize: 10944,
    paramsB: 106,
    activeParamsB: 12,
    experts: { total: 128, active: 8, shared: 1, expertIntermediateSize: 1408, denseLayers: 1 },
    maxContext: 131072,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['zai-org/GLM-4.5-Air-FP8', 'glm-4.5-air:106b'],
    published: [
      { quant: 'fp8', repo: 'zai-org/GLM-4.5-Air-FP8' },
      { quant: 'gguf', repo: 'unsloth/GLM-4.5-Air-GGUF' },
    ],
    sources: [
      hfConfig(
        'zai-org/GLM-4.5-Air',
        'head_dim 128, hidden_size 4096, intermediate_size 10944, max_position_embeddings 131072, moe_intermediate_size 1408, num_attention_heads 96, n_routed_experts 128, n_shared_experts 1, num_experts_per_tok 8, first_k_dense_replace 1, num_hidden_layers 46, num_key_value_heads 8, partial_rotary_factor 0.5, tie_word_embeddings false, vocab_size 151552, torch_dtype bfloat16',
      ),
      indexed(
        '54377337437',
        'GLM-4-MoE checkpoint converter writing config.json for Glm4MoeForCausalLM with exactly the values above',
      ),
      slimeScript(
        'glm4.5-106B-A12B.sh',
        'N_DENSE_LAYERS 1 + N_MOE_LAYERS 45, 96 heads, 8 query groups, kv-channels 128, hidden 4096, ffn 10944, moe-ffn 1408, shared expert 1408, top-8 of 128 experts, vocab 151552, untied',
      ),
      GLM_README,
    ],
  },
  {
    id: 'glm-4.6',
    name: 'GLM-4.6',
    repo: 'zai-org/GLM-4.6',
    ...GLM_355B,
    maxContext: 202752,
    aliases: ['zai-org/GLM-4.6-FP8'],
    published: [
      { quant: 'fp8', repo: 'zai-org/GLM-4.6-FP8' },
      { quant: 'gguf', repo: 'unsloth/GLM-4.6-GGUF' },
    ],
    sources: [
      hfConfig(
        'zai-org/GLM-4.6',
        'Glm4MoeForCausalLM: head_dim 128, hidden_size 5120, partial_rotary_factor 0.5, intermediate_size 12288, max_position_embeddings 202752, moe_intermediate_size 1536, num_attention_heads 96, n_routed_experts 160, n_shared_experts 1, num_experts_per_tok 8, first_k_dense_replace 3, num_hidden_layers 92, num_key_value_heads 8, vocab_size 151552, tie_word_embeddings false',
      ),
      indexed(
        '61106028606',
        'FULL_CFG (official-layout GLM-4.6-shaped fixture) with exactly the values above',
      ),
      indexed(
        '2748342403',
        'GLM-4.6 configuration manifest (_name_or_path zai-org/GLM-4.6): 92 layers, hidden 5120, 96 Q / 8 KV heads, head_dim 128, 160 routed + 1 shared, top-8, expert 1536, dense layers 0-2, max_position_embeddings 202752, torch_dtype bfloat16',
      ),
      SLIME_355B,
      GLM_README,
    ],
  },
  {
    id: 'glm-4.7',
    name: 'GLM-4.7',
    repo: 'zai-org/GLM-4.7',
    ...GLM_355B,
    maxContext: 202752,
    aliases: ['zai-org/GLM-4.7-FP8'],
    published: [
      { quant: 'fp8', repo: 'zai-org/GLM-4.7-FP8' },
      { quant: 'gguf', repo: 'unsloth/GLM-4.7-GGUF' },
    ],
    sources: [
      hfConfig(
        'zai-org/GLM-4.7',
        'glm4_moe: hidden_size 5120, intermediate_size 12288, num_hidden_layers 92, num_attention_heads 96, num_key_value_heads 8, head_dim 128, vocab_size 151552, n_routed_experts 160, num_experts_per_tok 8, n_shared_experts 1, moe_intermediate_size 1536, first_k_dense_replace 3, num_nextn_predict_layers 1, max_position_embeddings 202752, tie_word_embeddings false, bfloat16',
      ),
      indexed('4289690615', 'GLM_47_CONFIG with the values above (max_position_embeddings not listed)'),
      indexed(
        '65933949810',
        'GLM-4.7 fixture ("the real GLM-4.7 checkpoint carries the new transformers key only"): the values above with max_position_embeddings 202752',
      ),
      GLM_README,
      {
        ref: 'https://docs.nvidia.com/nemo/megatron-bridge/nightly/models/glm/glm47.html',
        says: 'GLM-4.7: full MoE model, about 358B total parameters and 32B active, glm4_moe architecture',
      },
    ],
  },
  {
    id: 'glm-4.7-flash',
    name: 'GLM-4.7-Flash',
    repo: 'zai-org/GLM-4.7-Flash',
    // llama.cpp converts Glm4MoeLiteForCausalLM as DEEPSEEK2 (see sources).
    arch: 'deepseek2',
    layers: 47,
    hiddenSize: 2048,
    attentionHeads: 20,
    kvHeads: 20,
    // MLA query/key head: qk_nope 192 + qk_rope 64.
    headDim: 256,
    vocabSize: 154880,
    intermediateSize: 10240,
    paramsB: 30,
    // "~3B active" as published; the recomputation including the 0.32B output head gives 3.6B.
    activeParamsB: 3,
    experts: { total: 64, active: 4, shared: 1, expertIntermediateSize: 1536, denseLayers: 1 },
    maxContext: 202752,
    slidingWindow: null,
    mla: { kvLoraRank: 512, qkRopeHeadDim: 64, qLoraRank: 768, qkNopeHeadDim: 192, vHeadDim: 256 },
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['glm-4.7-flash:30b'],
    published: [{ quant: 'gguf', repo: 'unsloth/GLM-4.7-Flash-GGUF' }],
    sources: [
      hfConfig(
        'zai-org/GLM-4.7-Flash',
        'Glm4MoeLiteForCausalLM: hidden_size 2048, intermediate_size 10240, max_position_embeddings 202752, moe_intermediate_size 1536, num_attention_heads 20, num_key_value_heads 20, n_routed_experts 64, n_shared_experts 1, num_experts_per_tok 4, first_k_dense_replace 1, num_hidden_layers 47, q_lora_rank 768, kv_lora_rank 512, qk_nope_head_dim 192, qk_rope_head_dim 64, v_head_dim 256, vocab_size 154880, tie_word_embeddings false, dtype bfloat16',
      ),
      indexed(
        '67229713926',
        'make_glm_4_7_flash_bf16_config(): the exact GLM-4.7-Flash BF16 config.json with the values above',
      ),
      slimeScript(
        'glm4.7-30B-A3B.sh',
        '64 routed experts, top-4, 1 shared, hidden 2048, moe-ffn 1536, ffn 10240, 1 dense + 46 MoE layers, 20 heads, MLA q-lora 768, kv-lora 512, qk-head-dim 192, qk-pos-emb-head-dim 64, v-head-dim 256, vocab 154880, untied',
      ),
      {
        ref: 'https://docs.nvidia.com/nemo/megatron-bridge/nightly/models/glm/glm47.html',
        says: 'GLM-4.7-Flash: glm4_moe_lite, Multi-Latent Attention + MoE, about 30B total parameters and 3B active',
      },
      indexed(
        '69775001354',
        'copy of llama.cpp convert_hf_to_gguf.py: @ModelBase.register("Glm4MoeLiteForCausalLM") class Glm4MoeLiteModel(DeepseekV2Model): model_arch = gguf.MODEL_ARCH.DEEPSEEK2',
      ),
    ],
  },
  {
    id: 'glm-5',
    name: 'GLM-5',
    repo: 'zai-org/GLM-5',
    arch: 'glm-dsa',
    layers: 78,
    hiddenSize: 6144,
    attentionHeads: 64,
    kvHeads: 64,
    // MLA query/key head: qk_nope 192 + qk_rope 64.
    headDim: 256,
    vocabSize: 154880,
    intermediateSize: 12288,
    paramsB: 744,
    activeParamsB: 40,
    experts: { total: 256, active: 8, shared: 1, expertIntermediateSize: 2048, denseLayers: 3 },
    maxContext: 202752,
    slidingWindow: null,
    // Plus a sparse-attention indexer (32 heads × 128, top-2048) whose small key cache is not modelled.
    mla: { kvLoraRank: 512, qkRopeHeadDim: 64, qLoraRank: 2048, qkNopeHeadDim: 192, vHeadDim: 256 },
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['zai-org/GLM-5-FP8'],
    published: [
      { quant: 'fp8', repo: 'zai-org/GLM-5-FP8' },
      { quant: 'gguf', repo: 'unsloth/GLM-5-GGUF' },
    ],
    sources: [
      hfConfig(
        'zai-org/GLM-5',
        'GlmMoeDsaForCausalLM: vocab_size 154880, hidden_size 6144, intermediate_size 12288, moe_intermediate_size 2048, num_hidden_layers 78, first_k_dense_replace 3, num_attention_heads 64, num_key_value_heads 64, n_routed_experts 256, n_shared_experts 1, num_experts_per_tok 8, q_lora_rank 2048, kv_lora_rank 512, qk_nope_head_dim 192, qk_rope_head_dim 64, v_head_dim 256, index_n_heads 32, index_head_dim 128, index_topk 2048, max_position_embeddings 202752',
      ),
      indexed(
        '57961611127',
        '_validate_official_fullparam_config expected values: vocab_size 154880, hidden_size 6144, intermediate_size 12288, moe_intermediate_size 2048, num_hidden_layers 78, num_attention_heads 64, n_shared_experts 1, n_routed_experts 256, q_lora_rank 2048, kv_lora_rank 512, qk_rope_head_dim 64, qk_nope_head_dim 192, v_head_dim 256',
      ),
      indexed(
        '52354742033',
        'GLM-5 model constants: 8 experts per token, DSA index_n_heads 32, index_head_dim 128, index_topk 2048, 78 layers = 3 dense + 75 MoE, vocab 154880, max_position_embeddings 202752',
      ),
      slimeScript(
        'glm5-744B-A40B.sh',
        '256 routed experts, top-8, 1 shared, hidden 6144, moe-ffn 2048, ffn 12288, 3 dense + 75 MoE layers, 64 heads, MLA q-lora 2048 kv-lora 512, qk-head-dim 192, rope 64, v 256, vocab 154880, untied',
      ),
      indexed(
        '66504138143',
        'test quoting the GLM-5 README: "GLM-5 scales from 355B parameters (32B active) to 744B parameters (40B active)"',
      ),
      LLAMA_CPP_ARCH_NAMES,
    ],
  },
];
