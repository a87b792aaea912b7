/**
 * Small Gemma 3 and Phi-4 variants beside gemma-phi.ts: Gemma 3 1B (text-only `Gemma3ForCausalLM`, 512-token
 * local window, 32K context, one KV head), Phi-4-mini (3.8B, 200K vocabulary tied to the output, partial RoPE
 * 0.75, LongRoPE to 128K) and Phi-4-reasoning (the Phi-4 14B shape with a 32K context).
 *
 * `published`: `gguf` marks a repository of llama.cpp GGUF files (several quant types).
 */
import type { ModelSpec } from '../types';
import { hfConfig, indexed, litgpt, page } from './sources';

export const GEMMA_PHI_MORE_MODELS: readonly ModelSpec[] = [
  {
    id: 'gemma-3-1b',
    name: 'Gemma 3 1B',
    repo: 'google/gemma-3-1b-it',
    arch: 'gemma3',
    layers: 26,
    hiddenSize: 1152,
    attentionHeads: 4,
    kvHeads: 1,
    headDim: 256,
    vocabSize: 262144,
    intermediateSize: 6912,
    paramsB: 1,
    activeParamsB: 1,
    experts: null,
    maxContext: 32768,
    // 5 local layers per global one over 26 layers: 4 global, 22 local.
    slidingWindow: { window: 512, layers: 22 },
    mla: null,
    tieEmbeddings: true,
    releasedDtype: 'bf16',
    aliases: ['gemma3:1b', 'google/gemma-3-1b-pt'],
    published: [{ quant: 'gguf', repo: 'unsloth/gemma-3-1b-it-GGUF' }],
    sources: [
      hfConfig(
        'google/gemma-3-1b-it',
        'Gemma3ForCausalLM: hidden_size 1152, intermediate_size 6912, num_hidden_layers 26, num_attention_heads 4, num_key_value_heads 1, head_dim 256, sliding_window 512, sliding_window_pattern 6, max_position_embeddings 32768, vocab_size 262144, rope_theta 1000000, rope_local_base_freq 10000, torch_dtype bfloat16',
      ),
      indexed(
        '1660997647',
        'gemma3_1b_config "https://huggingface.co/google/gemma-3-1b-it/blob/main/config.json": hidden_size 1152, 4 heads, 1 KV head, head_dim 256, intermediate_size 6912, 26 decoder layers, vocab_size 262144, max_model_len 32*1024, sliding_window 512',
      ),
      indexed(
        '52759100029',
        'Gemma 3 1B (source .../gemma-3-1b-it/blob/main/config.json): hybrid local (sliding 512) + global attention, pattern 6, 26 layers = 4 global + 22 local, 1 KV head, head_dim 256, hidden 1152, max_ctx 32768, 1.0B params',
      ),
      litgpt(
        'Gemma-3-1b-it: vocab_size 262144, sliding_window_size 512, 5 local layers for every global layer over 26 layers, intermediate_size 6912, n_embd 1152, n_head 4, n_query_groups 1, head_size 256',
      ),
      page(
        'https://aisharenet.com/en/gemma-3-jishubaogao',
        'Gemma 3 technical report summary: 5:1 local/global attention interleaving; 262k-entry vocabulary; 128K context (32K for 1B)',
      ),
      page(
        'https://huggingface.co/docs/transformers/model_doc/gemma3',
        'Gemma3TextConfig: tie_word_embeddings defaults to True and the released configs do not override it',
      ),
    ],
  },
  {
    id: 'phi-4-mini',
    name: 'Phi-4-mini',
    repo: 'microsoft/Phi-4-mini-instruct',
    arch: 'phi3',
    layers: 32,
    hiddenSize: 3072,
    attentionHeads: 24,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 200064,
    intermediateSize: 8192,
    paramsB: 3.84,
    activeParamsB: 3.84,
    experts: null,
    maxContext: 131072,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: true,
    releasedDtype: 'bf16',
    aliases: ['microsoft/Phi-4-mini-reasoning', 'phi4-mini', 'phi4-mini:3.8b'],
    published: [{ quant: 'gguf', repo: 'unsloth/Phi-4-mini-instruct-GGUF' }],
    sources: [
      hfConfig(
        'microsoft/Phi-4-mini-instruct',
        'Phi3ForCausalLM: hidden_size 3072, intermediate_size 8192, num_hidden_layers 32, num_attention_heads 24, num_key_value_heads 8, partial_rotary_factor 0.75, max_position_embeddings 131072, vocab_size 200064, tie_word_embeddings true',
      ),
      litgpt(
        'Phi-4-mini-instruct (# https://huggingface.co/microsoft/Phi-4-mini-instruct/blob/main/config.json): vocab_size 200019, padded_vocab_size 200064, block_size 131072, n_embd 3072, n_layer 32, n_head 24, n_query_groups 8, rotary_percentage 0.75, intermediate_size 8192; Phi-4-mini-reasoning the same',
      ),
      indexed(
        '66847459616',
        'Phi-4-mini-instruct bring-up notes from its config.json: 32 Phi3 decoder blocks, hidden 3072, SwiGLU intermediate 8192, 24 query / 8 KV heads, 128 dimensions per head, tied 200064-token embedding/output matrix, partial LongRoPE',
      ),
      indexed(
        '71570896212',
        'KV-size table citing the Phi-4-mini-instruct config.json: 32 layers, hidden 3072, 24/8 heads, head_dim 128, 3.84B parameters',
      ),
    ],
  },
  {
    id: 'phi-4-reasoning',
    name: 'Phi-4-reasoning',
    repo: 'microsoft/Phi-4-reasoning',
    arch: 'phi3',
    layers: 40,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 10,
    headDim: 128,
    vocabSize: 100352,
    intermediateSize: 17920,
    // The phi-4 weights shape (14.7B, see phi-4 in gemma-phi.ts).
    paramsB: 14.7,
    activeParamsB: 14.7,
    experts: null,
    maxContext: 32768,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['microsoft/Phi-4-reasoning-plus', 'phi4-reasoning', 'phi4-reasoning:14b'],
    sources: [
      hfConfig(
        'microsoft/Phi-4-reasoning',
        'Phi3ForCausalLM with the phi-4 shape: hidden_size 5120, num_hidden_layers 40, num_attention_heads 40, num_key_value_heads 10, intermediate_size 17920, vocab_size 100352, max_position_embeddings 32768, rope_theta 500000',
      ),
      litgpt(
        'Phi-4-reasoning and Phi-4-reasoning-plus (each linked to its config.json): vocab_size 100352, block_size 32768, n_embd 5120, n_layer 40, n_head 40, n_query_groups 10, intermediate_size 17920, rope_base 500000 (phi-4: block_size 16384, rope_base 250000)',
      ),
    ],
  },
];
