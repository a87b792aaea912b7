/**
 * Qwen2.5 (Alibaba) 7B–72B and Qwen2.5-Coder 32B: dense, GQA, QKV bias, vocab 152064, untied embeddings.
 * Instruct configs set max_position_embeddings 32768; the cards document 131072 with YaRN (factor 4).
 */
import type { ModelSpec } from '../types';
import { QWEN_YARN_128K } from './qwen-yarn';
import { hfCard, hfConfig, page } from './sources';

const QWEN25_LONG = page(
  'https://huggingface.co/pL-Community/Qwen2.5-72B-Instruct-FP8-Dynamic/blob/e9fe140ba90886c9317fdd9450dd128e0c501d74/README.md',
  'copy of the Qwen2.5 card: "Long-context Support up to 128K tokens"',
);

const QWEN25_32B_SHAPE = {
  arch: 'qwen2',
  layers: 64,
  hiddenSize: 5120,
  attentionHeads: 40,
  kvHeads: 8,
  headDim: 128,
  vocabSize: 152064,
  intermediateSize: 27648,
  paramsB: 32.5,
  activeParamsB: 32.5,
  experts: null,
  maxContext: 32768,
  slidingWindow: null,
  mla: null,
  tieEmbeddings: false,
  releasedDtype: 'bf16',
  extendedContext: QWEN_YARN_128K,
} as const;

const QWEN25_32B_PARAMS = page(
  'https://huggingface.co/Qwen/QwQ-32B/commit/7d911991f94da0d7bd736a6fd06bea5f3da87814',
  'QwQ-32B (Qwen2.5-32B architecture) card: Number of Parameters 32.5B, Non-Embedding 31.0B, 64 layers, 40 Q / 8 KV heads',
);

export const QWEN25_MODELS: readonly ModelSpec[] = [
  {
    id: 'qwen2.5-7b',
    name: 'Qwen2.5 7B',
    repo: 'Qwen/Qwen2.5-7B-Instruct',
    arch: 'qwen2',
    layers: 28,
    hiddenSize: 3584,
    attentionHeads: 28,
    kvHeads: 4,
    headDim: 128,
    vocabSize: 152064,
    intermediateSize: 18944,
    paramsB: 7.61,
    activeParamsB: 7.61,
    experts: null,
    maxContext: 32768,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    extendedContext: QWEN_YARN_128K,
    aliases: ['qwen2.5', 'qwen2.5:7b', 'Qwen2.5-7B'],
    sources: [
      hfConfig(
        'Qwen/Qwen2.5-7B-Instruct',
        'hidden_size 3584, intermediate_size 18944, num_hidden_layers 28, num_attention_heads 28, num_key_value_heads 4, max_position_embeddings 32768, use_sliding_window false, vocab_size 152064, tie_word_embeddings false, torch_dtype bfloat16',
      ),
      page(
        'https://huggingface.co/CarbonLover/krx_qwen2.5_it_test/blob/16a84c949674f98b43237c01e96cd9895eb1c509/config.json',
        '_name_or_path Qwen/Qwen2.5-7B-Instruct; the values above',
      ),
      page(
        'https://huggingface.co/Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4',
        'Number of Parameters: 7.61B; Non-Embedding 6.53B; 28 layers; 28 for Q and 4 for KV',
      ),
      QWEN25_LONG,
    ],
  },
  {
    id: 'qwen2.5-14b',
    name: 'Qwen2.5 14B',
    repo: 'Qwen/Qwen2.5-14B-Instruct',
    arch: 'qwen2',
    layers: 48,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 152064,
    intermediateSize: 13824,
    // unverified via search: 14.7B is the Qwen2.5-14B card's "Number of Parameters".
    paramsB: 14.7,
    activeParamsB: 14.7,
    experts: null,
    maxContext: 32768,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    extendedContext: QWEN_YARN_128K,
    aliases: ['qwen2.5:14b', 'Qwen2.5-14B'],
    sources: [
      hfConfig(
        'Qwen/Qwen2.5-14B-Instruct',
        'hidden_size 5120, intermediate_size 13824, num_hidden_layers 48, num_attention_heads 40, num_key_value_heads 8, max_position_embeddings 32768, vocab_size 152064, torch_dtype bfloat16',
      ),
      page(
        'https://huggingface.co/jebish7/Qwen2.5-14B-Instruct/blob/main/config.json',
        '"Duplicate from Qwen/Qwen2.5-14B-Instruct": the values above',
      ),
      hfCard('Qwen/Qwen2.5-14B-Instruct', 'Number of Parameters: 14.7B; Context Length: Full 131,072 tokens'),
      QWEN25_LONG,
    ],
  },
  {
    id: 'qwen2.5-32b',
    name: 'Qwen2.5 32B',
    repo: 'Qwen/Qwen2.5-32B-Instruct',
    ...QWEN25_32B_SHAPE,
    aliases: ['qwen2.5:32b', 'Qwen2.5-32B'],
    sources: [
      hfConfig(
        'Qwen/Qwen2.5-32B-Instruct',
        'hidden_size 5120, intermediate_size 27648, num_hidden_layers 64, num_attention_heads 40, num_key_value_heads 8, max_position_embeddings 32768, vocab_size 152064, torch_dtype bfloat16',
      ),
      page(
        'https://huggingface.co/zetasepic/Qwen2.5-32B-Instruct-abliterated-v2-6.5bpw-exl2/blob/main/config.json',
        'Qwen2.5-32B-Instruct derived config: the values above',
      ),
      QWEN25_32B_PARAMS,
      QWEN25_LONG,
    ],
  },
  {
    id: 'qwen2.5-72b',
    name: 'Qwen2.5 72B',
    repo: 'Qwen/Qwen2.5-72B-Instruct',
    arch: 'qwen2',
    layers: 80,
    hiddenSize: 8192,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 152064,
    intermediateSize: 29568,
    // unverified via search: 72.7B is the Qwen2.5-72B card's "Number of Parameters".
    paramsB: 72.7,
    activeParamsB: 72.7,
    experts: null,
    maxContext: 32768,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    extendedContext: QWEN_YARN_128K,
    aliases: ['qwen2.5:72b', 'Qwen2.5-72B'],
    sources: [
      hfConfig(
        'Qwen/Qwen2.5-72B-Instruct',
        'hidden_size 8192, intermediate_size 29568, num_hidden_layers 80, num_attention_heads 64, num_key_value_heads 8, max_position_embeddings 32768, vocab_size 152064, torch_dtype bfloat16',
      ),
      page(
        'https://huggingface.co/m8than/banana-2-b-72b/blob/main/config.json',
        '_name_or_path Qwen/Qwen2.5-72B-Instruct; the values above',
      ),
      page(
        'https://huggingface.co/raphgg/test4-2.5-72B/blob/main/config.json',
        'Qwen2.5-72B-Instruct with the documented YaRN block: rope_scaling yarn factor 4.0, original_max_position_embeddings 32768',
      ),
      hfCard('Qwen/Qwen2.5-72B-Instruct', 'Number of Parameters: 72.7B; Context Length: Full 131,072 tokens'),
    ],
  },
  {
    id: 'qwen2.5-coder-32b',
    name: 'Qwen2.5-Coder 32B',
    repo: 'Qwen/Qwen2.5-Coder-32B-Instruct',
    ...QWEN25_32B_SHAPE,
    aliases: ['qwen2.5-coder:32b', 'Qwen2.5-Coder-32B'],
    sources: [
      hfConfig(
        'Qwen/Qwen2.5-Coder-32B-Instruct',
        'hidden_size 5120, intermediate_size 27648, num_hidden_layers 64, num_attention_heads 40, num_key_value_heads 8, max_position_embeddings 32768, vocab_size 152064, tie_word_embeddings false, torch_dtype bfloat16',
      ),
      page(
        'https://huggingface.co/ai-team-20/qwen3-coder-480b-3/commit/6e6b0cb69a58fc511a4dbfe5ac908e26dbd27580',
        '"Add config.json from Qwen/Qwen2.5-Coder-32B-Instruct": the values above',
      ),
      QWEN25_32B_PARAMS,
    ],
  },
];
