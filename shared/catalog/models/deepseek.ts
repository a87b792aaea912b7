/**
 * DeepSeek-V3 and DeepSeek-R1 (same architecture: MLA attention, 256 routed + 1 shared expert, top-8,
 * first 3 layers dense, released in FP8) and DeepSeek-R1-Distill-Llama-70B (a Llama-3.3-70B fine-tune).
 * `headDim` is the query/key head (qk_nope 128 + qk_rope 64 = 192); the KV cache is the MLA latent
 * (kv_lora_rank 512 + qk_rope 64 per token per layer), see `mla`.
 */
import type { ModelSpec } from '../types';
import { hfConfig, page } from './sources';

const V3_SHAPE = {
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
  // config max_position_embeddings; the cards document a 128K context.
  maxContext: 163840,
  slidingWindow: null,
  mla: { kvLoraRank: 512, qkRopeHeadDim: 64, qLoraRank: 1536, qkNopeHeadDim: 128, vHeadDim: 128 },
  tieEmbeddings: false,
  releasedDtype: 'fp8',
} as const;

const V3_INFERENCE_CONFIG = page(
  'https://huggingface.co/XelotX/DeepSeek-V3-Base-Original/blob/main/inference/configs/config_671B.json',
  '"Duplicate from deepseek-ai/DeepSeek-V3-Base": vocab_size 129280, dim 7168, inter_dim 18432, moe_inter_dim 2048, n_layers 61, n_dense_layers 3, n_heads 128, n_routed_experts 256, n_shared_experts 1, n_activated_experts 8, q_lora_rank 1536, kv_lora_rank 512, qk_nope_head_dim 128, qk_rope_head_dim 64, v_head_dim 128, dtype fp8',
);
const V3_HF_CONFIG = page(
  'https://huggingface.co/mmnga/DeepSeek-V3-slice-jp64/blame/7da7ee710e40f76b747d3450bc26da96556f6b8f/config.json',
  'DeepseekV3ForCausalLM config layout: first_k_dense_replace 3, max_position_embeddings 163840, num_key_value_heads 128, num_nextn_predict_layers 1 (the MTP module, ~14B, is in the 685B checkpoint but not in the 671B main model)',
);
const V3_VLLM_DEFAULTS = page(
  'https://docs.vllm.ai/en/v0.11.0/api/vllm/transformers_utils/configs/deepseek_v3.html',
  'DeepseekV3Config defaults = DeepSeek-V3: num_key_value_heads 128, n_shared_experts 1, n_routed_experts 256, num_experts_per_tok 8, first_k_dense_replace 3, tie_word_embeddings False',
);
const V3_PARAMS = page(
  'https://aspire.dev/reference/api/csharp/aspire.hosting.foundry/deepseek/fields/',
  'DeepSeek-V3: "671B total parameters with 37B activated for each token"',
);

export const DEEPSEEK_MODELS: readonly ModelSpec[] = [
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3',
    repo: 'deepseek-ai/DeepSeek-V3',
    ...V3_SHAPE,
    aliases: ['deepseek-v3:671b', 'DeepSeek-V3-0324', 'DeepSeek-V3-Base'],
    sources: [
      hfConfig(
        'deepseek-ai/DeepSeek-V3',
        'hidden_size 7168, intermediate_size 18432, moe_intermediate_size 2048, num_hidden_layers 61, first_k_dense_replace 3, num_attention_heads 128, num_key_value_heads 128, n_routed_experts 256, n_shared_experts 1, num_experts_per_tok 8, q_lora_rank 1536, kv_lora_rank 512, qk_nope_head_dim 128, qk_rope_head_dim 64, v_head_dim 128, max_position_embeddings 163840, vocab_size 129280, quantization_config fp8',
      ),
      V3_INFERENCE_CONFIG,
      V3_HF_CONFIG,
      V3_VLLM_DEFAULTS,
      V3_PARAMS,
    ],
  },
  {
    id: 'deepseek-r1',
    name: 'DeepSeek-R1',
    repo: 'deepseek-ai/DeepSeek-R1',
    ...V3_SHAPE,
    aliases: ['deepseek-r1:671b', 'DeepSeek-R1-0528'],
    sources: [
      // unverified via search: R1's own config.json was not read; the card states it is built on DeepSeek-V3-Base.
      hfConfig(
        'deepseek-ai/DeepSeek-R1',
        'same architecture values as deepseek-ai/DeepSeek-V3 (DeepseekV3ForCausalLM, 61 layers, 256+1 experts top-8, kv_lora_rank 512, qk_rope_head_dim 64, fp8)',
      ),
      V3_INFERENCE_CONFIG,
      page(
        'https://apipie.ai/docs/Models/Deepseek',
        'DeepSeek-V3 and DeepSeek-R1 use MoE with 671B total parameters and 37B activated',
      ),
    ],
  },
  {
    id: 'deepseek-r1-distill-llama-70b',
    name: 'DeepSeek-R1-Distill-Llama-70B',
    repo: 'deepseek-ai/DeepSeek-R1-Distill-Llama-70B',
    arch: 'llama',
    layers: 80,
    hiddenSize: 8192,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 128256,
    intermediateSize: 28672,
    paramsB: 70.6,
    activeParamsB: 70.6,
    experts: null,
    maxContext: 131072,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['deepseek-r1:70b'],
    sources: [
      hfConfig(
        'deepseek-ai/DeepSeek-R1-Distill-Llama-70B',
        'head_dim 128, hidden_size 8192, intermediate_size 28672, num_hidden_layers 80, num_attention_heads 64, num_key_value_heads 8, max_position_embeddings 131072, rope_scaling llama3 factor 8, vocab_size 128256, tie_word_embeddings false, torch_dtype bfloat16',
      ),
      page(
        'https://huggingface.co/casperhansen/deepseek-r1-distill-llama-70b-awq/blob/main/config.json',
        '_name_or_path .../models--deepseek-ai--DeepSeek-R1-Distill-Llama-70B/snapshots/07a264a...: the values above',
      ),
      page('https://fitmygpu.com/models/llama-3.1-70b', 'the Llama 3.x 70B shape: 70.6B dense'),
    ],
  },
];
