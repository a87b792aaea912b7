/**
 * Gemma 3 (Google; 4B/12B/27B are image+text checkpoints with a SigLIP vision tower) and Phi-4 (Microsoft).
 * Gemma 3 interleaves 5 local (1024-token sliding window) layers with 1 global layer
 * (`sliding_window_pattern` 6): with L layers, floor(L/6) are global and the rest sliding.
 */
import type { ModelSpec } from '../types';
import { hfCard, hfConfig, page } from './sources';

const GEMMA3_COMMON = {
  arch: 'gemma3',
  vocabSize: 262208,
  experts: null,
  maxContext: 131072,
  mla: null,
  tieEmbeddings: true,
  releasedDtype: 'bf16',
  // 417M SigLIP vision encoder: Gemma 3 Technical Report Table 1 (see GEMMA3_PARAMS).
  visionParamsB: 0.417,
} as const;

const GEMMA3_REPORT = page(
  'https://aisharenet.com/en/gemma-3-jishubaogao',
  'Gemma 3 technical report summary: 5:1 local/global attention interleaving, local layers span 1024 tokens; 262k-entry vocabulary; 128K context (32K for 1B)',
);
// Tied: the report counts one vocab × hidden table (262208 × 2560 = 671M ≈ "675M embeddings" for 4B).
// unverified via search: the transformers default itself was not read.
const GEMMA3_TIE = page(
  'https://huggingface.co/docs/transformers/model_doc/gemma3',
  'Gemma3TextConfig: tie_word_embeddings defaults to True and the released configs do not override it',
);
const GEMMA3_PARAMS = page(
  'https://huggingface.co/spaces/AC2513/gemma-demo/commit/e6d40312c3e9d653e4909765139e1fbe4da01e1a',
  'table from the Gemma 3 Technical Report (arXiv 2503.19786): 4B = 3.2B language + 675M embeddings + 417M vision = 4.3B; 12B = 10.8B + 1B + 417M = 12.2B; 27B = 25.6B + 1.4B + 417M = 27.4B; 128K context',
);

export const GEMMA_PHI_MODELS: readonly ModelSpec[] = [
  {
    id: 'gemma-3-4b',
    name: 'Gemma 3 4B',
    repo: 'google/gemma-3-4b-it',
    ...GEMMA3_COMMON,
    layers: 34,
    hiddenSize: 2560,
    attentionHeads: 8,
    kvHeads: 4,
    headDim: 256,
    intermediateSize: 10240,
    paramsB: 4.3,
    activeParamsB: 4.3,
    slidingWindow: { window: 1024, layers: 29 },
    aliases: ['gemma3', 'gemma3:4b', 'gemma-3-4b-pt'],
    sources: [
      hfConfig(
        'google/gemma-3-4b-it',
        'text_config: hidden_size 2560, intermediate_size 10240, num_hidden_layers 34, num_attention_heads 8, num_key_value_heads 4, head_dim 256, sliding_window 1024, sliding_window_pattern 6, vocab_size 262208, rope_scaling linear factor 8',
      ),
      page(
        'https://huggingface.co/mlx-community/gemma-3-4b-it-bf16/blob/main/config.json',
        'copy of the gemma-3-4b-it config: text_config hidden_size 2560, intermediate_size 10240, num_hidden_layers 34, sliding_window 1024, rope_scaling linear factor 8; vision_config SigLIP 27 layers; torch_dtype bfloat16',
      ),
      page(
        'public code search index, file id 51830219384',
        'third-party Rust test test_gemma3_4b_config_from_json (gemma3_text): hidden 2560, intermediate 10240, 34 layers, 8 heads, 4 KV heads, head_dim 256, sliding_window 1024, pattern 6, vocab 262208; the index does not name the repository',
      ),
      GEMMA3_REPORT,
      GEMMA3_TIE,
      GEMMA3_PARAMS,
    ],
  },
  {
    id: 'gemma-3-12b',
    name: 'Gemma 3 12B',
    repo: 'google/gemma-3-12b-it',
    ...GEMMA3_COMMON,
    layers: 48,
    hiddenSize: 3840,
    attentionHeads: 16,
    kvHeads: 8,
    headDim: 256,
    intermediateSize: 15360,
    paramsB: 12.2,
    activeParamsB: 12.2,
    slidingWindow: { window: 1024, layers: 40 },
    aliases: ['gemma3:12b', 'gemma-3-12b-pt'],
    sources: [
      hfConfig(
        'google/gemma-3-12b-it',
        'text_config: head_dim 256, hidden_size 3840, intermediate_size 15360, max_position_embeddings 131072, num_attention_heads 16, num_hidden_layers 48, num_key_value_heads 8, query_pre_attn_scalar 256, sliding_window 1024, sliding_window_pattern 6, vocab_size 262208; torch_dtype bfloat16',
      ),
      page(
        'https://huggingface.co/mlx-community/gemma-3-12b-pt-4bit/blob/refs%2Fpr%2F1/config.json',
        'copy of the gemma-3-12b config: text_config hidden_size 3840, intermediate_size 15360, num_attention_heads 16, num_hidden_layers 48, num_key_value_heads 8, sliding_window 1024',
      ),
      page(
        'public code search index, file id 53842405528',
        'third-party LTX-2.3 converter writing the Gemma 3 12B config: the values above; the index does not name the repository',
      ),
      GEMMA3_REPORT,
      GEMMA3_TIE,
      GEMMA3_PARAMS,
    ],
  },
  {
    id: 'gemma-3-27b',
    name: 'Gemma 3 27B',
    repo: 'google/gemma-3-27b-it',
    ...GEMMA3_COMMON,
    layers: 62,
    hiddenSize: 5376,
    attentionHeads: 32,
    kvHeads: 16,
    headDim: 128,
    intermediateSize: 21504,
    paramsB: 27.4,
    activeParamsB: 27.4,
    slidingWindow: { window: 1024, layers: 52 },
    aliases: ['gemma3:27b', 'gemma-3-27b-pt'],
    sources: [
      hfConfig(
        'google/gemma-3-27b-it',
        'text_config: head_dim 128, hidden_size 5376, intermediate_size 21504, num_attention_heads 32, num_hidden_layers 62, num_key_value_heads 16, query_pre_attn_scalar 168, rope_scaling linear factor 8, sliding_window 1024, sliding_window_pattern 6',
      ),
      page(
        'NVIDIA/TensorRT-LLM tests/unittest/_torch/modeling/test_modeling_gemma3.py@fe6fa01d7fcc2e20f55c756ed9281d6aeabaf494',
        'GEMMA3_27B_CONFIG text_config: head_dim 128, hidden_size 5376, intermediate_size 21504, 32 heads, 16 KV heads, query_pre_attn_scalar 168, sliding_window_pattern 6 (layer count and window shrunk for the test)',
      ),
      GEMMA3_REPORT,
      GEMMA3_TIE,
      GEMMA3_PARAMS,
    ],
  },
  {
    id: 'phi-4',
    name: 'Phi-4',
    repo: 'microsoft/phi-4',
    arch: 'phi3',
    layers: 40,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 10,
    headDim: 128,
    vocabSize: 100352,
    intermediateSize: 17920,
    paramsB: 14.7,
    activeParamsB: 14.7,
    experts: null,
    maxContext: 16384,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['phi4', 'phi4:14b'],
    sources: [
      hfConfig(
        'microsoft/phi-4',
        'Phi3ForCausalLM: hidden_size 5120, intermediate_size 17920, num_hidden_layers 40, num_attention_heads 40, num_key_value_heads 10, max_position_embeddings 16384, rope_theta 250000, sliding_window null, tie_word_embeddings false, vocab_size 100352, torch_dtype bfloat16',
      ),
      page(
        'https://huggingface.co/gaianet/phi-4-GGUF/blob/main/config.json',
        '_name_or_path microsoft/phi-4; the values above',
      ),
      page(
        'https://ollama.com/library/phi4:14b-fp16',
        'phi3 architecture, 14.7B parameters, context length 16k tokens',
      ),
      hfCard('microsoft/phi-4', '14B parameters, dense decoder-only Transformer, 16K context'),
    ],
  },
];
