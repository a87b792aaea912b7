/**
 * Older Llama-architecture checkpoints that still appear in benchmark tables: LLaMA (1) 13B and 30B ("33B"
 * in Meta's paper and in most benchmark tables), Code Llama 7B and TinyLlama 1.1B. All convert to the
 * llama.cpp `llama` architecture; vocabulary 32000 (Code Llama 32016), untied embeddings, no sliding window.
 * LLaMA 1 and TinyLlama were trained at 2048 tokens of context.
 */
import type { ModelSpec } from '../types';
import { hfConfig, indexed, litgpt, page, repoFile } from './sources';

const LLAMA_COMMON = {
  arch: 'llama',
  headDim: 128,
  vocabSize: 32000,
  experts: null,
  slidingWindow: null,
  mla: null,
  tieEmbeddings: false,
  // unverified via search: torch_dtype was not in the copies read (float16 in the huggyllama / Code Llama conversions).
  releasedDtype: 'fp16',
} as const;

/** scottlogic-alex/llm-memory-calculator: LLaMA 1 sizes copied from the huggyllama config.json files. */
const LLAMA1_SIZES = (says: string) =>
  repoFile(
    'scottlogic-alex/llm-memory-calculator',
    'packages/lib/src/model-model/llama-models.ts',
    '21358734cdcd21db5fa4af684580e3acf8c44c1c',
    `llama1Models, each linked to https://huggingface.co/huggyllama/llama-*/blob/main/config.json (multi-head attention, head dim 128, vocab 32000): ${says}`,
  );

/** transformers' LlamaConfig docstring on max_position_embeddings. */
const LLAMA1_CONTEXT = indexed(
  '1062111402',
  'copy of transformers LlamaConfig: max_position_embeddings defaults to 2048; "Llama 1 supports up to 2048 tokens, Llama 2 up to 4096, CodeLlama up to 16384"',
);

/** llama.cpp src/llama-model.cpp, LLM_ARCH_LLAMA: model type by layer count. */
const LLAMA_CPP_TYPES = repoFile(
  'ggerganov/llama.cpp',
  'src/llama-model.cpp',
  'c392e5094deaf2d1a7c18683214f007fad3fe42b',
  'LLM_ARCH_LLAMA hparams: n_layer 22 → LLM_TYPE_1B, 32 → 7B (vocab < 40000), 40 → 13B, 60 → 30B',
);

export const LLAMA_CLASSIC_MODELS: readonly ModelSpec[] = [
  {
    id: 'llama-13b',
    name: 'LLaMA 13B',
    repo: 'huggyllama/llama-13b',
    ...LLAMA_COMMON,
    layers: 40,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 40,
    intermediateSize: 13824,
    paramsB: 13,
    activeParamsB: 13,
    maxContext: 2048,
    aliases: ['llama-1-13b', 'llama1:13b'],
    sources: [
      hfConfig(
        'huggyllama/llama-13b',
        'LlamaForCausalLM: hidden_size 5120, intermediate_size 13824, num_hidden_layers 40, num_attention_heads 40, vocab_size 32000 (read through the copy below)',
      ),
      LLAMA1_SIZES("'13b': hiddenDim 5120, intermediateSize 13824, hiddenLayers 40, attnHeads 40"),
      LLAMA1_CONTEXT,
      LLAMA_CPP_TYPES,
    ],
  },
  {
    id: 'llama-33b',
    name: 'LLaMA 33B',
    repo: 'huggyllama/llama-30b',
    ...LLAMA_COMMON,
    layers: 60,
    hiddenSize: 6656,
    attentionHeads: 52,
    kvHeads: 52,
    intermediateSize: 17920,
    paramsB: 32.5,
    activeParamsB: 32.5,
    maxContext: 2048,
    aliases: ['llama-1-33b', 'llama-1-30b', 'llama1:33b'],
    sources: [
      hfConfig(
        'huggyllama/llama-30b',
        'LlamaForCausalLM: hidden_size 6656, intermediate_size 17920, num_hidden_layers 60, num_attention_heads 52, vocab_size 32000 (read through the copy below)',
      ),
      LLAMA1_SIZES(
        "'33b' (linked to huggyllama/llama-30b): hiddenDim 6656, intermediateSize 17920, hiddenLayers 60, attnHeads 52",
      ),
      page(
        'https://aiportalx.com/meta-ai/llama-33b',
        'LLaMA-33B: 32.5B parameters (Table 2 of the LLaMA paper), 1.4T training tokens',
      ),
      LLAMA1_CONTEXT,
      LLAMA_CPP_TYPES,
    ],
  },
  {
    id: 'codellama-7b',
    name: 'Code Llama 7B',
    repo: 'codellama/CodeLlama-7b-hf',
    ...LLAMA_COMMON,
    layers: 32,
    hiddenSize: 4096,
    attentionHeads: 32,
    kvHeads: 32,
    vocabSize: 32016,
    intermediateSize: 11008,
    // The named size; the recomputation gives 6.74B.
    paramsB: 7,
    activeParamsB: 7,
    maxContext: 16384,
    aliases: ['codellama:7b', 'CodeLlama-7b-Instruct-hf', 'CodeLlama-7b-Python-hf'],
    sources: [
      hfConfig(
        'codellama/CodeLlama-7b-hf',
        'LlamaForCausalLM: hidden_size 4096, intermediate_size 11008, num_hidden_layers 32, num_attention_heads 32, max_position_embeddings 16384, rope_theta 1000000, vocab_size 32016 (read through the litgpt copy)',
      ),
      litgpt(
        'CodeLlama-7b-hf (https://huggingface.co/codellama/CodeLlama-7b-hf/blob/main/config.json): block_size 16384, vocab_size 32016, n_layer 32, intermediate_size 11008, rope_base 1000000, RMSNorm, LLaMAMLP (n_embd 4096 and n_head 32 are the Config defaults)',
      ),
      LLAMA1_CONTEXT,
    ],
  },
  {
    id: 'tinyllama-1.1b',
    name: 'TinyLlama 1.1B',
    repo: 'TinyLlama/TinyLlama-1.1B-Chat-v1.0',
    ...LLAMA_COMMON,
    layers: 22,
    hiddenSize: 2048,
    attentionHeads: 32,
    kvHeads: 4,
    headDim: 64,
    intermediateSize: 5632,
    paramsB: 1.1,
    activeParamsB: 1.1,
    maxContext: 2048,
    // unverified via search: torch_dtype was not in the copies read.
    releasedDtype: 'bf16',
    aliases: [
      'tinyllama',
      'tinyllama:1.1b',
      'TinyLlama-1.1B-intermediate-step-1431k-3T',
      'jeff31415/TinyLlama-1.1B-1T-OpenOrca',
      'TinyLlama-1.1B-1T-OpenOrca',
    ],
    sources: [
      hfConfig(
        'TinyLlama/TinyLlama-1.1B-Chat-v1.0',
        'LlamaForCausalLM: hidden_size 2048, intermediate_size 5632, num_hidden_layers 22, num_attention_heads 32, num_key_value_heads 4, max_position_embeddings 2048, vocab_size 32000, tie_word_embeddings false (read through the copies cited below)',
      ),
      litgpt(
        'tiny-llama-1.1b{,-chat} (TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T, TinyLlama-1.1B-Chat-v1.0): block_size 2048, vocab_size 32000, n_layer 22, n_head 32, n_embd 2048, n_query_groups 4, intermediate_size 5632, RMSNorm, LLaMAMLP',
      ),
      indexed(
        '70791424466',
        'built-in catalog "Numbers mirror the published config.json files": tinyllama-1.1b = TinyLlama/TinyLlama-1.1B-Chat-v1.0, llama, 22 layers, hidden 2048, intermediate 5632, 32 heads, 4 KV heads, head_dim 64, vocab 32000, untied, max_position_embeddings 2048',
      ),
      page(
        'https://git.lnyan.com/TinyLlama/TinyLlama-1.1B-step-50K-105b/blob/6c6c6420a6bd490a567d11f22e7d4cd8dfbab279/README.md',
        'TinyLlama project card: 1.1B parameters, exactly the Llama 2 architecture and tokenizer; Layers 22, Heads 32, Query Groups 4, Embedding Size 2048, Intermediate Size 5632, Sequence Length 2048',
      ),
      repoFile(
        'ggerganov/llama.cpp',
        'examples/llama.swiftui/llama.swiftui/Models/LlamaState.swift',
        'c392e5094deaf2d1a7c18683214f007fad3fe42b',
        'model list entry "TinyLlama-1.1B (Q4_0, 0.6 GiB)" downloads TheBloke/TinyLlama-1.1B-1T-OpenOrca-GGUF tinyllama-1.1b-1t-openorca.Q4_0.gguf (the 1T-OpenOrca fine-tune is this architecture)',
      ),
      LLAMA_CPP_TYPES,
    ],
  },
];
