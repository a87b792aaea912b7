/**
 * DeepSeek-V3.1 (Aug 2025, hybrid thinking) and DeepSeek-V3.2 (Dec 2025, DeepSeek Sparse Attention): the
 * DeepSeek-V3 shape (61 layers, MLA with kv_lora_rank 512 + rope 64, 256 routed + 1 shared expert, top-8,
 * first 3 layers dense, released in FP8). V3.2 adds a per-layer "lightning indexer" (64 heads × 128, top-2048
 * token selection) whose small key cache is not modelled here; its main MLA cache is V3's.
 * `headDim` is the query/key head (qk_nope 128 + qk_rope 64 = 192).
 *
 * `published`: `gguf` marks a repository of llama.cpp GGUF files (several quant types).
 */
import type { ModelSpec } from '../types';
import { MAXTEXT_HF_CONFIGS, hfConfig, indexed, maxtext, page } from './sources';

const V3X_SHAPE = {
  // llama.cpp runs both as deepseek2 (V3.2 without its sparse indexer); see the file comment.
  arch: 'deepseek2',
  layers: 61,
  hiddenSize: 7168,
  attentionHeads: 128,
  kvHeads: 128,
  headDim: 192,
  vocabSize: 129280,
  intermediateSize: 18432,
  paramsB: 671,
  activeParamsB: 37,
  experts: { total: 256, active: 8, shared: 1, expertIntermediateSize: 2048, denseLayers: 3 },
  maxContext: 163840,
  slidingWindow: null,
  mla: { kvLoraRank: 512, qkRopeHeadDim: 64, qLoraRank: 1536, qkNopeHeadDim: 128, vHeadDim: 128 },
  tieEmbeddings: false,
  releasedDtype: 'fp8',
} as const;

const MLA_COMPARISON = indexed(
  '69308580305',
  'MLA comparison table built from the official config.json files of DeepSeek-R1, -V3.1 and -V3.2: all 61 layers, hidden_size 7168, 128 Q heads, num_key_value_heads 128, q_lora_rank 1536, kv_lora_rank 512, qk_nope_head_dim 128, qk_rope_head_dim 64, v_head_dim 128, max_position_embeddings 163840; V3.1 full causal MLA; V3.2 adds the DSA indexer (index_n_heads 64, index_head_dim 128, index_topk 2048)',
);

export const DEEPSEEK_V3X_MODELS: readonly ModelSpec[] = [
  {
    id: 'deepseek-v3.1',
    name: 'DeepSeek-V3.1',
    repo: 'deepseek-ai/DeepSeek-V3.1',
    ...V3X_SHAPE,
    aliases: ['deepseek-ai/DeepSeek-V3.1-Base', 'deepseek-ai/DeepSeek-V3.1-Terminus', 'deepseek-v3.1:671b'],
    published: [{ quant: 'gguf', repo: 'unsloth/DeepSeek-V3.1-GGUF' }],
    sources: [
      hfConfig(
        'deepseek-ai/DeepSeek-V3.1',
        'DeepseekV3ForCausalLM with the DeepSeek-V3 values: 61 layers, hidden_size 7168, intermediate_size 18432, moe_intermediate_size 2048, 256 routed + 1 shared experts, 8 per token, first_k_dense_replace 3, 128 heads, q_lora_rank 1536, kv_lora_rank 512, qk_nope_head_dim 128, qk_rope_head_dim 64, v_head_dim 128, max_position_embeddings 163840, vocab_size 129280, FP8 (UE8M0 scales) quantization_config',
      ),
      MLA_COMPARISON,
      page(
        'https://briefly.co/anchor/Artificial_intelligence/story/deepseek-releases-v31-model-with-hybrid-reasoning-architecture',
        'DeepSeek-V3.1 builds on the DeepSeek-V3-Base checkpoint (two-phase extension to 128K); trained with FP8 UE8M0 for weights and activations; 671B total parameters, about 37B activated per token',
      ),
      maxtext(
        MAXTEXT_HF_CONFIGS,
        'deepseek3_671b_dict "from https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json": the MoE values above (n_routed_experts 256, n_shared_experts 1, num_experts_per_tok 8, moe_intermediate_size 2048, first_k_dense_replace 3, vocab_size 129280)',
      ),
    ],
  },
  {
    id: 'deepseek-v3.2',
    name: 'DeepSeek-V3.2',
    repo: 'deepseek-ai/DeepSeek-V3.2',
    ...V3X_SHAPE,
    aliases: ['deepseek-ai/DeepSeek-V3.2-Exp', 'deepseek-v3.2-exp', 'deepseek-v3.2:671b'],
    published: [{ quant: 'gguf', repo: 'unsloth/DeepSeek-V3.2-GGUF' }],
    sources: [
      hfConfig(
        'deepseek-ai/DeepSeek-V3.2',
        'DeepseekV32ForCausalLM: first_k_dense_replace 3, hidden_size 7168, index_head_dim 128, index_n_heads 64, index_topk 2048, intermediate_size 18432, kv_lora_rank 512, max_position_embeddings 163840, moe_intermediate_size 2048, n_routed_experts 256, n_shared_experts 1, num_attention_heads 128, num_experts_per_tok 8, num_hidden_layers 61, num_key_value_heads 128, q_lora_rank 1536, qk_nope_head_dim 128, qk_rope_head_dim 64, v_head_dim 128, vocab_size 129280, tie_word_embeddings false, fp8 quantization_config',
      ),
      maxtext(
        MAXTEXT_HF_CONFIGS,
        'deepseek32_671b_dict "from https://huggingface.co/deepseek-ai/DeepSeek-V3.2/blob/main/config.json" ("remove fp8 quantization_config, since we are using bf16"): the values above',
      ),
      maxtext(
        'src/maxtext/configs/models/deepseek3.2-671b.yml',
        'emb 7168, 128 heads, mlp 18432, moe mlp 2048, 61 layers, 3 dense, 256 experts top-8, 1 shared, MLA q_lora 1536 kv_lora 512 nope 128 rope 64 v 128, max_position_embeddings 163840, use_indexer true, indexer 64 heads x 128, topk 2048',
      ),
      MLA_COMPARISON,
    ],
  },
];
