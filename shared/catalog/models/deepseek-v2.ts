/**
 * DeepSeek-V2-Lite (May 2024): the small DeepSeek-V2 (llama.cpp `deepseek2`, labelled "deepseek2 16B"):
 * MLA without a query low-rank (q_lora_rank null), kv_lora_rank 512, qk_nope 128 + qk_rope 64 = 192 query/key
 * head, 64 routed experts (6 active) + 2 shared, first layer dense (first_k_dense_replace 1).
 */
import type { ModelSpec } from '../types';
import { MAXTEXT_HF_CONFIGS, hfConfig, maxtext, page } from './sources';

export const DEEPSEEK_V2_MODELS: readonly ModelSpec[] = [
  {
    id: 'deepseek-v2-lite',
    name: 'DeepSeek-V2-Lite',
    repo: 'deepseek-ai/DeepSeek-V2-Lite',
    arch: 'deepseek2',
    layers: 27,
    hiddenSize: 2048,
    attentionHeads: 16,
    kvHeads: 16,
    headDim: 192,
    vocabSize: 102400,
    intermediateSize: 10944,
    paramsB: 15.7,
    activeParamsB: 2.4,
    experts: { total: 64, active: 6, shared: 2, expertIntermediateSize: 1408, denseLayers: 1 },
    // The card's 32k; config max_position_embeddings is 163840 (YaRN factor 40 over 4096).
    maxContext: 32768,
    slidingWindow: null,
    mla: { kvLoraRank: 512, qkRopeHeadDim: 64, qLoraRank: null, qkNopeHeadDim: 128, vHeadDim: 128 },
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['deepseek-ai/DeepSeek-V2-Lite-Chat', 'deepseek-v2-lite-chat'],
    sources: [
      hfConfig(
        'deepseek-ai/DeepSeek-V2-Lite',
        'DeepseekV2ForCausalLM: hidden_size 2048, intermediate_size 10944, moe_intermediate_size 1408, num_hidden_layers 27, first_k_dense_replace 1, num_attention_heads 16, num_key_value_heads 16, n_routed_experts 64, n_shared_experts 2, num_experts_per_tok 6, q_lora_rank null, kv_lora_rank 512, qk_nope_head_dim 128, qk_rope_head_dim 64, v_head_dim 128, max_position_embeddings 163840, rope_scaling yarn factor 40 over 4096, vocab_size 102400, tie_word_embeddings false, torch_dtype bfloat16 (read through the maxtext copy)',
      ),
      maxtext(
        MAXTEXT_HF_CONFIGS,
        'deepseek2_16b_dict "from https://huggingface.co/deepseek-ai/DeepSeek-V2-Lite/blob/main/config.json" with exactly the values above',
      ),
      page(
        'https://promptlayer.com/models/deepseek-v2-lite-fa0e',
        'DeepSeek-V2-Lite: Total Parameters 15.7B, Active Parameters 2.4B, Context Length 32k tokens; 27 layers, hidden 2048, 16 heads, KV compression dimension 512, 2 shared + 64 routed experts, 6 activated per token',
      ),
      page(
        'https://drose.io/aitools/tools/deepseek-v2-lite',
        'DeepSeek-V2-Lite card summary: 15.7B total, ~2.4B activated; 27 layers, hidden 2048, 16 heads (head dim 128), KV compression 512; all FFN layers except the first are MoE with 2 shared + 64 routed experts (intermediate 1408), 6 activated; 32k context, BF16',
      ),
    ],
  },
];
