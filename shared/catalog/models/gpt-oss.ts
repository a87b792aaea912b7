/**
 * gpt-oss (OpenAI): MoE with 4 routed experts per token, no shared expert, attention sinks, and attention
 * that alternates a 128-token sliding window with full context (`layer_types` starts with sliding, so half
 * of the layers slide). MoE weights are released in MXFP4, the rest in BF16. head_dim 64 × 64 heads ≠ hidden 2880.
 */
import type { ModelSpec } from '../types';
import { hfConfig, page } from './sources';

const GPT_OSS_SHAPE = {
  arch: 'gpt-oss',
  hiddenSize: 2880,
  attentionHeads: 64,
  kvHeads: 8,
  headDim: 64,
  vocabSize: 201088,
  intermediateSize: 2880,
  maxContext: 131072,
  mla: null,
  tieEmbeddings: false,
  releasedDtype: 'mxfp4',
} as const;

const GPT_OSS_CARD = page(
  'https://aiwartracker.com/papers/gpt-oss-model-card',
  'gpt-oss-120b & gpt-oss-20b model card (OpenAI, arXiv): two MoE models of 116.8B and 20.9B parameters, MXFP4 quantization',
);
const GPT_OSS_BLOG = page(
  'https://huggingface.co/blog/welcome-openai-gpt-oss',
  '(text read through a mirror of the post) 21B and 117B total parameters with 3.6B and 5.1B active; mxfp4 only on the MoE weights; alternating full-context and sliding 128-token window attention; RoPE with 128K context',
);
const GPT_OSS_NEBIUS = page(
  'https://docs.studio.nebius.com/cookbook/models/gpt-oss',
  'GPT-OSS-120B: 36 layers, ~117B total, ~5.1B active, 128 experts with 4 active; GPT-OSS-20B: 24 layers, ~21B total, ~3.6B active, 32 experts with 4 active; MXFP4',
);
const GPT_OSS_LAYOUT = page(
  'https://huggingface.co/GohaDAYN/Affine-A10/blob/main/config.json',
  'GptOssForCausalLM config (120b shape): head_dim 64, hidden_size 2880, intermediate_size 2880, layer_types alternating sliding_attention/full_attention starting with sliding, max_position_embeddings 131072, 36 layers, 128 local experts, 4 per token, 64 heads, 8 KV heads',
);

export const GPT_OSS_MODELS: readonly ModelSpec[] = [
  {
    id: 'gpt-oss-20b',
    name: 'gpt-oss-20b',
    repo: 'openai/gpt-oss-20b',
    ...GPT_OSS_SHAPE,
    layers: 24,
    paramsB: 20.9,
    activeParamsB: 3.6,
    experts: { total: 32, active: 4, shared: 0, expertIntermediateSize: 2880 },
    slidingWindow: { window: 128, layers: 12 },
    aliases: ['gpt-oss', 'gpt-oss:20b'],
    sources: [
      hfConfig(
        'openai/gpt-oss-20b',
        'num_hidden_layers 24, num_local_experts 32, num_experts_per_tok 4, hidden_size 2880, intermediate_size 2880, head_dim 64, num_attention_heads 64, num_key_value_heads 8, sliding_window 128, layer_types alternating sliding/full, max_position_embeddings 131072 (YaRN factor 32 over 4096), vocab_size 201088, tie_word_embeddings false',
      ),
      page(
        'https://huggingface.co/descript/mouse-20b/blob/main/config.json',
        'GptOssForCausalLM (20b shape): 24 layers, 32 local experts, 4 per token, the other values above',
      ),
      GPT_OSS_CARD,
      GPT_OSS_BLOG,
      GPT_OSS_NEBIUS,
    ],
  },
  {
    id: 'gpt-oss-120b',
    name: 'gpt-oss-120b',
    repo: 'openai/gpt-oss-120b',
    ...GPT_OSS_SHAPE,
    layers: 36,
    paramsB: 116.8,
    activeParamsB: 5.1,
    experts: { total: 128, active: 4, shared: 0, expertIntermediateSize: 2880 },
    slidingWindow: { window: 128, layers: 18 },
    aliases: ['gpt-oss:120b'],
    sources: [
      hfConfig(
        'openai/gpt-oss-120b',
        'num_hidden_layers 36, num_local_experts 128, num_experts_per_tok 4, hidden_size 2880, intermediate_size 2880, head_dim 64, num_attention_heads 64, num_key_value_heads 8, sliding_window 128, max_position_embeddings 131072, vocab_size 201088',
      ),
      page(
        'https://huggingface.co/witflag/AlphaMind/blob/main/original/config.json',
        '"Duplicate from openai/gpt-oss-120b" original/config.json: num_hidden_layers 36, num_experts 128, experts_per_token 4, vocab_size 201088, hidden_size 2880, intermediate_size 2880, head_dim 64, num_attention_heads 64, num_key_value_heads 8, sliding_window 128, initial_context_length 4096, rope_scaling_factor 32',
      ),
      GPT_OSS_LAYOUT,
      GPT_OSS_CARD,
      GPT_OSS_NEBIUS,
      page(
        'https://aicompare.guru/models/gpt-oss-120b',
        '116.8B parameters, activates 5.1B per forward pass, native MXFP4',
      ),
    ],
  },
];
