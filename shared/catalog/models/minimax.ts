/**
 * MiniMax-M2 (MiniMax, Oct 2025): 230B-total / 10B-active MoE with full softmax attention in every layer
 * (`attn_type_list` all 1), GQA 48 Q / 8 KV heads of head_dim 128 (so heads × head_dim ≠ hidden 3072), partial
 * RoPE (rotary_dim 64), 256 experts top-8 without a shared expert, released as block FP8. M2.1, M2.5 and M2.7
 * keep the same `MiniMaxM2ForCausalLM` shape. The three MTP modules in the checkpoint are not counted.
 *
 * `published`: `gguf` marks a repository of llama.cpp GGUF files (several quant types).
 */
import type { ModelSpec } from '../types';
import { LLAMA_CPP_ARCH_NAMES, hfConfig, indexed, page, slimeScript } from './sources';

export const MINIMAX_MODELS: readonly ModelSpec[] = [
  {
    id: 'minimax-m2',
    name: 'MiniMax-M2',
    repo: 'MiniMaxAI/MiniMax-M2',
    arch: 'minimax-m2',
    layers: 62,
    hiddenSize: 3072,
    attentionHeads: 48,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 200064,
    // Config intermediate_size: the expert size; there are no dense MLP layers.
    intermediateSize: 1536,
    paramsB: 230,
    activeParamsB: 10,
    experts: { total: 256, active: 8, shared: 0, expertIntermediateSize: 1536 },
    maxContext: 196608,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'fp8',
    aliases: ['MiniMaxAI/MiniMax-M2.1', 'MiniMaxAI/MiniMax-M2.5', 'minimax-m2.1', 'minimax-m2.5'],
    published: [{ quant: 'gguf', repo: 'unsloth/MiniMax-M2-GGUF' }],
    sources: [
      hfConfig(
        'MiniMaxAI/MiniMax-M2',
        'MiniMaxM2ForCausalLM: attn_type_list all 1 (62 entries), head_dim 128, hidden_size 3072, intermediate_size 1536, max_position_embeddings 196608, num_attention_heads 48, num_experts_per_tok 8, num_hidden_layers 62, num_key_value_heads 8, num_local_experts 256, num_mtp_modules 3, rope_theta 5000000, rotary_dim 64, shared_intermediate_size 0, tie_word_embeddings false, vocab_size 200064, fp8 quantization_config',
      ),
      indexed(
        '62530921554',
        'copy of the MiniMax-M2 config.json (auto_map configuration_minimax_m2.MiniMaxM2Config): the values above',
      ),
      indexed(
        '58547740354',
        'minimax_m2 fixture: vocab_size 200064, hidden 3072, 62 layers, 48 / 8 heads, head_dim 128, max_position_embeddings 196608, rotary_dim 64, partial_rotary_factor 0.5, 256 local experts, 8 per token, shared_intermediate_size 0',
      ),
      slimeScript(
        'minimax-m2.sh',
        '"MiniMax-M2.5 (229B, 62 layers, 256 experts, top-8)": hidden 3072, ffn 1536, 48 heads, kv-channels 128, 8 query groups, untied, vocab 200064, rotary-percent 0.5, moe-layer-freq [1]*62',
      ),
      page(
        'https://docs.sglang.io/basic_usage/minimax_m2.html',
        'MiniMax-M2.1 and MiniMax-M2: MoE with 230 billion total parameters and 10 billion active parameters',
      ),
      page(
        'https://docs.nvidia.com/nemo/megatron-bridge/nightly/models/minimax/minimax-m2.html',
        'MiniMax-M2.5 and M2.7 share the MiniMaxM2ForCausalLM architecture; 256 experts, top-8; FP8 block-wise checkpoint weights',
      ),
      LLAMA_CPP_ARCH_NAMES,
    ],
  },
];
