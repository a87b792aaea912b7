/**
 * Gemma 2 (Google, Jun–Jul 2024): 2B / 9B / 27B, text only, llama.cpp `gemma2`. Every other layer is local
 * (4096-token sliding window; litgpt: layers 0, 2, 4, … slide), the rest global; 8192-token context,
 * vocabulary 256000, tied embeddings, GeGLU MLP, logit soft-capping. heads × head_dim ≠ hidden for all three.
 */
import type { ModelSpec } from '../types';
import { MAXTEXT_HF_CONFIGS, hfConfig, indexed, litgpt, maxtext, repoFile } from './sources';

const GEMMA2_COMMON = {
  arch: 'gemma2',
  vocabSize: 256000,
  experts: null,
  maxContext: 8192,
  mla: null,
  tieEmbeddings: true,
  // unverified via search: torch_dtype was not in the copies read.
  releasedDtype: 'bf16',
} as const;

const KERAS_HUB_GEMMA = (says: string) =>
  repoFile(
    'keras-team/keras-hub',
    'keras_hub/src/models/gemma/gemma_presets.py',
    '71453d08f59edc90d276e999319fc51e61cbf82c',
    says,
  );

const TENDRIL_CATALOG = (says: string) =>
  indexed('70791424466', `built-in catalog "Numbers mirror the published config.json files": ${says}`);

const LLAMA_CPP_GEMMA2 = repoFile(
  'ngxson/llama.cpp',
  'src/llama-arch.cpp',
  '3f545beccee69d9975f466ec7e45fd9aacd8ba90',
  'LLM_ARCH_NAMES: LLM_ARCH_GEMMA2 "gemma2"',
);

export const GEMMA2_MODELS: readonly ModelSpec[] = [
  {
    id: 'gemma-2-2b',
    name: 'Gemma 2 2B',
    repo: 'google/gemma-2-2b-it',
    ...GEMMA2_COMMON,
    layers: 26,
    hiddenSize: 2304,
    attentionHeads: 8,
    kvHeads: 4,
    headDim: 256,
    intermediateSize: 9216,
    paramsB: 2.61,
    activeParamsB: 2.61,
    slidingWindow: { window: 4096, layers: 13 },
    aliases: ['gemma2:2b', 'google/gemma-2-2b'],
    sources: [
      hfConfig(
        'google/gemma-2-2b-it',
        'Gemma2ForCausalLM: hidden_size 2304, intermediate_size 9216, num_hidden_layers 26, num_attention_heads 8, num_key_value_heads 4, head_dim 256, sliding_window 4096, max_position_embeddings 8192, vocab_size 256000, tied (read through the copies cited below)',
      ),
      maxtext(
        MAXTEXT_HF_CONFIGS,
        'gemma2_2b_config: num_hidden_layers 26, num_attention_heads 8, num_key_value_heads 4, hidden_size 2304, intermediate_size 9216',
      ),
      litgpt(
        'Gemma-2-2b (google/gemma-2-2b config.json): vocab_size 256000, block_size 8192, sliding_window_size 4096 on layers 0, 2, 4, … of 26, intermediate_size 9216, n_embd 2304, n_layer 26, n_head 8, n_query_groups 4, head_size 256',
      ),
      TENDRIL_CATALOG(
        'gemma-2-2b = google/gemma-2-2b-it, gemma2, 26 layers, hidden 2304, 8 heads, 4 KV heads, head_dim 256, vocab 256000, tied, 8192 positions, window 4096',
      ),
      KERAS_HUB_GEMMA(
        'gemma2_2b_en / gemma2_instruct_2b_en: "2 billion parameter, 26-layer", params 2614341888',
      ),
      LLAMA_CPP_GEMMA2,
    ],
  },
  {
    id: 'gemma-2-9b',
    name: 'Gemma 2 9B',
    repo: 'google/gemma-2-9b-it',
    ...GEMMA2_COMMON,
    layers: 42,
    hiddenSize: 3584,
    attentionHeads: 16,
    kvHeads: 8,
    headDim: 256,
    intermediateSize: 14336,
    paramsB: 9.24,
    activeParamsB: 9.24,
    slidingWindow: { window: 4096, layers: 21 },
    aliases: ['gemma2:9b', 'google/gemma-2-9b'],
    sources: [
      hfConfig(
        'google/gemma-2-9b-it',
        'Gemma2ForCausalLM: hidden_size 3584, intermediate_size 14336, num_hidden_layers 42, num_attention_heads 16, num_key_value_heads 8, head_dim 256, sliding_window 4096, query_pre_attn_scalar 224, max_position_embeddings 8192, vocab_size 256000, tied (read through the copies cited below)',
      ),
      maxtext(
        MAXTEXT_HF_CONFIGS,
        'gemma2_9b_config: num_hidden_layers 42, num_attention_heads 16, num_key_value_heads 8, hidden_size 3584, intermediate_size 14336, head_dim 256, sliding_window 4096, query_pre_attn_scalar 224',
      ),
      litgpt(
        'Gemma-2-9b (google/gemma-2-9b config.json): vocab_size 256000, block_size 8192, sliding_window_size 4096 on layers 0, 2, 4, … of 42, intermediate_size 14336, n_embd 3584, n_layer 42, n_head 16, n_query_groups 8, head_size 256',
      ),
      TENDRIL_CATALOG(
        'gemma-2-9b = google/gemma-2-9b-it, gemma2, 42 layers, hidden 3584, 16 heads, 8 KV heads, head_dim 256, vocab 256000, tied, 8192 positions, window 4096',
      ),
      KERAS_HUB_GEMMA(
        'gemma2_9b_en / gemma2_instruct_9b_en: "9 billion parameter, 42-layer", params 9241705984',
      ),
      LLAMA_CPP_GEMMA2,
    ],
  },
  {
    id: 'gemma-2-27b',
    name: 'Gemma 2 27B',
    repo: 'google/gemma-2-27b-it',
    ...GEMMA2_COMMON,
    layers: 46,
    hiddenSize: 4608,
    attentionHeads: 32,
    kvHeads: 16,
    headDim: 128,
    intermediateSize: 36864,
    paramsB: 27.2,
    activeParamsB: 27.2,
    slidingWindow: { window: 4096, layers: 23 },
    aliases: ['gemma2:27b', 'google/gemma-2-27b'],
    sources: [
      hfConfig(
        'google/gemma-2-27b-it',
        'Gemma2ForCausalLM: hidden_size 4608, intermediate_size 36864, num_hidden_layers 46, num_attention_heads 32, num_key_value_heads 16, head_dim 128, sliding_window 4096, query_pre_attn_scalar 144, max_position_embeddings 8192, vocab_size 256000, tied (read through the copies cited below)',
      ),
      maxtext(
        MAXTEXT_HF_CONFIGS,
        'gemma2_27b_config: num_hidden_layers 46, num_attention_heads 32, num_key_value_heads 16, hidden_size 4608, intermediate_size 36864, head_dim 128, sliding_window 4096, query_pre_attn_scalar 144',
      ),
      litgpt(
        'Gemma-2-27b (google/gemma-2-27b config.json): vocab_size 256000, block_size 8192, sliding_window_size 4096 on layers 0, 2, 4, … of 46, intermediate_size 36864, n_embd 4608, n_layer 46, n_head 32, n_query_groups 16, head_size 128',
      ),
      TENDRIL_CATALOG(
        'gemma-2-27b = google/gemma-2-27b-it, gemma2, 46 layers, hidden 4608, 32 heads, 16 KV heads, head_dim 128, vocab 256000, tied, 8192 positions, window 4096',
      ),
      KERAS_HUB_GEMMA('gemma2_27b_en / gemma2_instruct_27b_en: "27 billion parameter", params 27227128320'),
      LLAMA_CPP_GEMMA2,
    ],
  },
];
