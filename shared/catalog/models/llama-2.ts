/**
 * Llama 2 and Code Llama (Meta). Architecture facts from each repository's `config.json`
 * (read through mirrors that copy the official file; the mirror is cited beside the canonical URL).
 */
import type { ModelSpec } from '../types';
import { hfCard, hfConfig, page } from './sources';

const LLAMA2_CARD = hfCard(
  'meta-llama/Llama-2-7b-hf',
  'Llama 2 comes in 7B, 13B and 70B; 4k context; 70B uses GQA',
);

export const LLAMA_2_MODELS: readonly ModelSpec[] = [
  {
    id: 'llama-2-7b',
    name: 'Llama 2 7B',
    repo: 'meta-llama/Llama-2-7b-hf',
    arch: 'llama',
    layers: 32,
    hiddenSize: 4096,
    attentionHeads: 32,
    kvHeads: 32,
    headDim: 128,
    vocabSize: 32000,
    intermediateSize: 11008,
    paramsB: 6.74,
    activeParamsB: 6.74,
    experts: null,
    maxContext: 4096,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'fp16',
    aliases: ['llama2', 'llama2:7b', 'Llama-2-7b-chat-hf'],
    sources: [
      hfConfig(
        'meta-llama/Llama-2-7b-hf',
        'hidden_size 4096, intermediate_size 11008, num_hidden_layers 32, num_attention_heads 32, num_key_value_heads 32, max_position_embeddings 4096, vocab_size 32000, tie_word_embeddings false, torch_dtype float16',
      ),
      page(
        'https://huggingface.co/philschmid/Llama-2-7b-hf/blob/7efb34fb74d8cf47c51ed88bf49662c0494049fc/config.json',
        'copy of meta-llama/Llama-2-7b-hf config.json with the values above',
      ),
      page(
        'keras-team/keras-hub keras_hub/src/models/llama/llama_presets.py@7eea6c8155cf375079e5da4c55d670d27f705ce9',
        'llama2_7b_en: "7 billion parameter, 32-layer, base LLaMA 2 model", params 6738415616',
      ),
    ],
  },
  {
    id: 'llama-2-13b',
    name: 'Llama 2 13B',
    repo: 'meta-llama/Llama-2-13b-hf',
    arch: 'llama',
    layers: 40,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 40,
    headDim: 128,
    vocabSize: 32000,
    intermediateSize: 13824,
    // unverified via search: 13.0B safetensors size; the card says "13B".
    paramsB: 13.0,
    activeParamsB: 13.0,
    experts: null,
    maxContext: 4096,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'fp16',
    aliases: ['llama2:13b', 'Llama-2-13b-chat-hf'],
    sources: [
      hfConfig(
        'meta-llama/Llama-2-13b-hf',
        'hidden_size 5120, intermediate_size 13824, num_hidden_layers 40, num_attention_heads 40, num_key_value_heads 40, max_position_embeddings 4096, vocab_size 32000, torch_dtype float16',
      ),
      page(
        'https://huggingface.co/NousResearch/Llama-2-13b-chat-hf/blob/aad3c0b2315a458d54cd9b09ddc51cf06021196f/config.json',
        'mirror of the Llama 2 13B chat config with the values above',
      ),
      LLAMA2_CARD,
    ],
  },
  {
    id: 'llama-2-70b',
    name: 'Llama 2 70B',
    repo: 'meta-llama/Llama-2-70b-hf',
    arch: 'llama',
    layers: 80,
    hiddenSize: 8192,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 32000,
    intermediateSize: 28672,
    // unverified via search: 69.0B safetensors size; the card says "70B".
    paramsB: 69.0,
    activeParamsB: 69.0,
    experts: null,
    maxContext: 4096,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'fp16',
    aliases: ['llama2:70b', 'Llama-2-70b-chat-hf'],
    sources: [
      hfConfig(
        'meta-llama/Llama-2-70b-hf',
        'hidden_size 8192, intermediate_size 28672, num_hidden_layers 80, num_attention_heads 64, num_key_value_heads 8, max_position_embeddings 4096, vocab_size 32000, torch_dtype float16',
      ),
      page(
        'https://huggingface.co/TheBloke/Llama-2-70B-fp16/blob/refs%2Fpr%2F6/config.json',
        '_name_or_path meta-llama/Llama-2-70b-hf; the values above',
      ),
      LLAMA2_CARD,
    ],
  },
  {
    id: 'codellama-34b',
    name: 'Code Llama 34B',
    repo: 'codellama/CodeLlama-34b-hf',
    arch: 'llama',
    layers: 48,
    hiddenSize: 8192,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 32000,
    intermediateSize: 22016,
    // unverified via search: 33.7B safetensors size; the card says "34B".
    paramsB: 33.7,
    activeParamsB: 33.7,
    experts: null,
    maxContext: 16384,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    // unverified via search: mirrors disagree (float16 in NousResearch's copy, bfloat16 in others); fp16 follows the cited mirror.
    releasedDtype: 'fp16',
    aliases: ['codellama:34b', 'CodeLlama-34b-Instruct-hf'],
    sources: [
      hfConfig(
        'codellama/CodeLlama-34b-hf',
        'hidden_size 8192, intermediate_size 22016, num_hidden_layers 48, num_attention_heads 64, num_key_value_heads 8, max_position_embeddings 16384, rope_theta 1000000, vocab_size 32000',
      ),
      page(
        'https://huggingface.co/NousResearch/CodeLlama-34b-hf-flash/blob/main/config.json',
        'copy of the CodeLlama-34b config: the values above, torch_dtype float16',
      ),
      hfCard('codellama/CodeLlama-34b-hf', 'Code Llama 34B; Model size 33.7B params (safetensors)'),
    ],
  },
];
