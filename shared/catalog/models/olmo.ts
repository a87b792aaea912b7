/**
 * OLMo (Allen AI), fully open dense models. OLMo 2 (Nov 2024) 7B and 13B use full multi-head attention (as many
 * KV heads as query heads) and a 4096-token context. OLMo 3 (Nov 2025) interleaves three 4096-token
 * sliding-window layers with one full-attention layer and extends the 8192-token pre-training context to
 * 65,536 with YaRN (factor 8; the released instruct configs set max_position_embeddings 65536). llama.cpp runs
 * both as `olmo2`.
 */
import type { ModelSpec } from '../types';
import { MAXTEXT_HF_CONFIGS, hfConfig, litgpt, maxtext } from './sources';

const OLMO_BASE = {
  arch: 'olmo2',
  headDim: 128,
  experts: null,
  mla: null,
  tieEmbeddings: false,
  releasedDtype: 'bf16',
} as const;

const OLMO3_PATTERN = maxtext(
  'src/maxtext/models/olmo3.py',
  'OLMO3_ATTENTION_PATTERN = (LOCAL_SLIDING, LOCAL_SLIDING, LOCAL_SLIDING, GLOBAL), repeated by layer index',
);

export const OLMO_MODELS: readonly ModelSpec[] = [
  {
    id: 'olmo-2-7b',
    name: 'OLMo 2 7B',
    repo: 'allenai/OLMo-2-1124-7B',
    ...OLMO_BASE,
    layers: 32,
    hiddenSize: 4096,
    attentionHeads: 32,
    kvHeads: 32,
    vocabSize: 100352,
    intermediateSize: 11008,
    // The size in the name; the recomputation from the config gives 7.3B.
    paramsB: 7,
    activeParamsB: 7,
    maxContext: 4096,
    slidingWindow: null,
    aliases: ['allenai/OLMo-2-1124-7B-Instruct', 'olmo2:7b'],
    sources: [
      hfConfig(
        'allenai/OLMo-2-1124-7B',
        'Olmo2ForCausalLM: hidden_size 4096, num_hidden_layers 32, num_attention_heads 32, num_key_value_heads 32, intermediate_size 11008, max_position_embeddings 4096, rope_theta 500000, vocab_size 100352 (embedding rows; 100278 tokens used)',
      ),
      litgpt(
        'OLMo-2-1124-7B (# https://huggingface.co/allenai/OLMo-2-1124-7B/blob/main/config.json): vocab_size 100278, padded_vocab_size 100352, block_size 4096, n_embd 4096, n_layer 32, n_head 32, n_query_groups 32, intermediate_size 11008, rope_base 500000',
      ),
    ],
  },
  {
    id: 'olmo-2-13b',
    name: 'OLMo 2 13B',
    repo: 'allenai/OLMo-2-1124-13B',
    ...OLMO_BASE,
    layers: 40,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 40,
    vocabSize: 100352,
    intermediateSize: 13824,
    // The size in the name; the recomputation from the config gives 13.7B.
    paramsB: 13,
    activeParamsB: 13,
    maxContext: 4096,
    slidingWindow: null,
    aliases: ['allenai/OLMo-2-1124-13B-Instruct', 'olmo2:13b'],
    sources: [
      hfConfig(
        'allenai/OLMo-2-1124-13B',
        'Olmo2ForCausalLM: hidden_size 5120, num_hidden_layers 40, num_attention_heads 40, num_key_value_heads 40, intermediate_size 13824, max_position_embeddings 4096, rope_theta 500000, vocab_size 100352',
      ),
      litgpt(
        'OLMo-2-1124-13B (# https://huggingface.co/allenai/OLMo-2-1124-13B/blob/main/config.json): padded_vocab_size 100352, block_size 4096, n_embd 5120, n_layer 40, n_head 40, n_query_groups 40, intermediate_size 13824',
      ),
    ],
  },
  {
    id: 'olmo-3-7b',
    name: 'OLMo 3 7B',
    repo: 'allenai/Olmo-3-7B-Instruct',
    ...OLMO_BASE,
    layers: 32,
    hiddenSize: 4096,
    attentionHeads: 32,
    kvHeads: 32,
    vocabSize: 100278,
    intermediateSize: 11008,
    paramsB: 7,
    activeParamsB: 7,
    maxContext: 65536,
    slidingWindow: { window: 4096, layers: 24 },
    aliases: ['allenai/Olmo-3-7B-Think', 'olmo-3:7b'],
    sources: [
      hfConfig(
        'allenai/Olmo-3-7B-Instruct',
        'Olmo3ForCausalLM: hidden_size 4096, num_hidden_layers 32, num_attention_heads 32, num_key_value_heads 32, intermediate_size 11008, vocab_size 100278, sliding_window 4096, rope_theta 500000, rope_scaling yarn factor 8 over original_max_position_embeddings 8192, max_position_embeddings 65536, tie_word_embeddings false',
      ),
      maxtext(
        MAXTEXT_HF_CONFIGS,
        'olmo3_7b_dict (shared by olmo3-7b and olmo3-7b-pt, "only rope_scaling/max_position_embeddings differ"): hidden_size 4096, 32 layers, 32 heads, 32 KV heads, intermediate_size 11008, vocab_size 100278, max_position_embeddings 8192, sliding_window 4096, tie_word_embeddings False, bfloat16',
      ),
      maxtext(
        'src/maxtext/configs/models/olmo3-7b.yml',
        'emb 4096, 32 query / 32 KV heads, mlp 11008, 32 layers, head_dim 128, sliding_window_size 4096, rope yarn factor 8, original_max_position_embeddings 8192, max_position_embeddings 65536, vocab 100278',
      ),
      OLMO3_PATTERN,
    ],
  },
  {
    id: 'olmo-3-32b',
    name: 'OLMo 3.1 32B',
    repo: 'allenai/Olmo-3.1-32B-Instruct',
    ...OLMO_BASE,
    layers: 64,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 8,
    vocabSize: 100278,
    intermediateSize: 27648,
    paramsB: 32,
    activeParamsB: 32,
    maxContext: 65536,
    slidingWindow: { window: 4096, layers: 48 },
    aliases: ['allenai/Olmo-3-32B-Think', 'allenai/Olmo-3.1-32B-Think', 'olmo-3.1-32b', 'olmo-3:32b'],
    sources: [
      hfConfig(
        'allenai/Olmo-3.1-32B-Instruct',
        'Olmo3ForCausalLM: hidden_size 5120, num_hidden_layers 64, num_attention_heads 40, num_key_value_heads 8, intermediate_size 27648, vocab_size 100278, sliding_window 4096, rope_theta 500000, tie_word_embeddings false',
      ),
      maxtext(
        MAXTEXT_HF_CONFIGS,
        'olmo3_32b_dict "from https://huggingface.co/allenai/Olmo-3.1-32B-Instruct/blob/main/config.json": the OLMo 3 7B dict with hidden_size 5120, num_hidden_layers 64, num_attention_heads 40, num_key_value_heads 8, intermediate_size 27648',
      ),
      maxtext(
        'src/maxtext/configs/models/olmo3-32b.yml',
        'emb 5120, 40 query / 8 KV heads, mlp 27648, 64 layers, head_dim 128, sliding_window_size 4096, rope yarn factor 8 over 8192, max_position_embeddings 65536, vocab 100278',
      ),
      OLMO3_PATTERN,
    ],
  },
];
