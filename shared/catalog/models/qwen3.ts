/**
 * Qwen3 (Alibaba): dense 8B/14B/32B and MoE 30B-A3B / 235B-A22B. All set `head_dim` 128 explicitly (so
 * heads × head_dim need not equal hidden_size), vocab 151936, max_position_embeddings 40960;
 * the cards document 32,768 native and 131,072 with YaRN.
 */
import type { ModelSpec } from '../types';
import { QWEN_YARN_128K } from './qwen-yarn';
import { calibration, hfConfig, page } from './sources';

const QWEN3_DENSE = {
  arch: 'qwen3',
  headDim: 128,
  vocabSize: 151936,
  experts: null,
  maxContext: 40960,
  slidingWindow: null,
  mla: null,
  tieEmbeddings: false,
  releasedDtype: 'bf16',
  extendedContext: QWEN_YARN_128K,
} as const;

export const QWEN3_MODELS: readonly ModelSpec[] = [
  {
    id: 'qwen3-8b',
    name: 'Qwen3 8B',
    repo: 'Qwen/Qwen3-8B',
    ...QWEN3_DENSE,
    layers: 36,
    hiddenSize: 4096,
    attentionHeads: 32,
    kvHeads: 8,
    intermediateSize: 12288,
    paramsB: 8.2,
    activeParamsB: 8.2,
    aliases: ['qwen3', 'qwen3:8b'],
    sources: [
      hfConfig(
        'Qwen/Qwen3-8B',
        'hidden_size 4096, intermediate_size 12288, num_hidden_layers 36, num_attention_heads 32, num_key_value_heads 8, head_dim 128, max_position_embeddings 40960, vocab_size 151936, tie_word_embeddings false, torch_dtype bfloat16',
      ),
      page(
        'https://huggingface.co/datasets/RadicalNotionAI/community-analyses/viewer/default/train',
        'Qwen/Qwen3-8B config: hidden_size 4096, intermediate_size 12288, vocab_size 151936, max_position_embeddings 40960, num_hidden_layers 36, tie_word_embeddings false',
      ),
      page(
        'https://openrouter.ai/qwen/qwen3-8b/api',
        'dense 8.2B parameters; natively 32K context, 131K with YaRN',
      ),
      page(
        'https://rdit.amanbhandal.com/r/LocalLLaMA/comments/1k9qxbl/qwen3_published_30_seconds_ago_model_weights/mplq7r5/?context=3',
        'quote of the Qwen3-8B card: Number of Parameters 8.2B, Non-Embedding 6.95B, 36 layers, 32 for Q and 8 for KV',
      ),
    ],
  },
  {
    id: 'qwen3-14b',
    name: 'Qwen3 14B',
    repo: 'Qwen/Qwen3-14B',
    ...QWEN3_DENSE,
    layers: 40,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 8,
    intermediateSize: 17408,
    paramsB: 14.8,
    activeParamsB: 14.8,
    aliases: ['qwen3:14b'],
    sources: [
      hfConfig(
        'Qwen/Qwen3-14B',
        'hidden_size 5120, intermediate_size 17408, num_hidden_layers 40, num_attention_heads 40, num_key_value_heads 8, head_dim 128, max_position_embeddings 40960, vocab_size 151936',
      ),
      page(
        'https://huggingface.co/tilman-d/model/blob/main/config.json',
        'Qwen3ForCausalLM config with the values above',
      ),
      page(
        'https://huggingface.co/OpenPipe/Qwen3-14B-Instruct/blob/main/README.md',
        'copy of the Qwen3-14B card: 14.8B parameters (13.2B non-embedding), 40 layers, 40 Q / 8 KV heads, 32,768 natively and 131,072 with YaRN',
      ),
    ],
  },
  {
    id: 'qwen3-32b',
    name: 'Qwen3 32B',
    repo: 'Qwen/Qwen3-32B',
    ...QWEN3_DENSE,
    layers: 64,
    hiddenSize: 5120,
    attentionHeads: 64,
    kvHeads: 8,
    intermediateSize: 25600,
    paramsB: 32.8,
    activeParamsB: 32.8,
    aliases: ['qwen3:32b'],
    sources: [
      hfConfig(
        'Qwen/Qwen3-32B',
        'hidden_size 5120, intermediate_size 25600, num_hidden_layers 64, num_attention_heads 64, num_key_value_heads 8, head_dim 128, max_position_embeddings 40960, vocab_size 151936, tie_word_embeddings false, torch_dtype bfloat16',
      ),
      page(
        'https://huggingface.co/ronnywebdevs1/d-m-1/blob/main/config.json',
        'Qwen3ForCausalLM config with the values above',
      ),
      page(
        'https://huggingface.co/spaces/polats/ZeroGPU-LLM-Inference/commit/b9efb74a083e612babe39017a137cf90ec9871a6',
        'Qwen3-32B: 32.8B total parameters (31.2B non-embedding), 64 layers, 64 Q & 8 KV heads, 32,768 native (131,072 via YaRN)',
      ),
    ],
  },
  {
    id: 'qwen3-30b-a3b',
    name: 'Qwen3 30B-A3B',
    repo: 'Qwen/Qwen3-30B-A3B',
    ...QWEN3_DENSE,
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
    aliases: ['qwen3:30b', 'qwen3:30b-a3b'],
    sources: [
      hfConfig(
        'Qwen/Qwen3-30B-A3B',
        'hidden_size 2048, intermediate_size 6144, moe_intermediate_size 768, num_experts 128, num_experts_per_tok 8, num_hidden_layers 48, num_attention_heads 32, num_key_value_heads 4, head_dim 128, max_position_embeddings 40960, vocab_size 151936, tie_word_embeddings false',
      ),
      page(
        'https://gitcode.com/Ascend/MindSpeed-RL/blob/master/configs/model/qwen3_30b_a3b.yaml',
        '48 layers, hidden 2048, 32 heads, 4 query groups, kv_channels 128, 128 experts top-8, moe_ffn_hidden_size 768, max_position_embeddings 40960, vocab 151936, untied',
      ),
      calibration(
        'lcpp-qwen3-30b-a3b-4090-5090',
        'llama.cpp: n_layer 48, n_embd 2048, n_head 32, n_head_kv 4, n_ctx_train 40960, 30.53B params',
      ),
      page(
        'https://docs.vllm.ai/projects/ascend/en/latest/tutorials/models/Qwen3-30B-A3B/',
        '30.5B total parameters with 3.3B activated per token',
      ),
    ],
  },
  {
    id: 'qwen3-235b-a22b',
    name: 'Qwen3 235B-A22B',
    repo: 'Qwen/Qwen3-235B-A22B',
    ...QWEN3_DENSE,
    arch: 'qwen3moe',
    layers: 94,
    hiddenSize: 4096,
    attentionHeads: 64,
    kvHeads: 4,
    // Config value; unused because every layer is MoE.
    intermediateSize: 12288,
    paramsB: 235,
    activeParamsB: 22,
    experts: { total: 128, active: 8, shared: 0, expertIntermediateSize: 1536 },
    aliases: ['qwen3:235b', 'qwen3:235b-a22b'],
    sources: [
      hfConfig(
        'Qwen/Qwen3-235B-A22B',
        'hidden_size 4096, intermediate_size 12288, moe_intermediate_size 1536, num_experts 128, num_experts_per_tok 8, num_hidden_layers 94, num_attention_heads 64, num_key_value_heads 4, head_dim 128, max_position_embeddings 40960, vocab_size 151936',
      ),
      page(
        'https://gitcode.com/Ascend/MindSpeed-RL/blob/master/configs/model/qwen3_235b_a22b.yaml',
        '94 layers, 128 experts top-8, moe_ffn_hidden_size 1536, hidden 4096, ffn 12288, 64 heads, 4 query groups, kv_channels 128, max_position_embeddings 40960, vocab 151936, untied',
      ),
      page(
        'https://docs.nvidia.com/nemo/megatron-bridge/nightly/models/qwen/qwen3-moe.html',
        'Qwen3-235B-A22B: 235B total, 22B active',
      ),
    ],
  },
];
