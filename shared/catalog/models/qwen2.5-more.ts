/**
 * More Qwen2.5-architecture checkpoints (`Qwen2ForCausalLM`, llama.cpp `qwen2`: GQA, QKV bias, untied
 * vocabulary 152064): QwQ-32B (reasoning, Qwen2.5-32B shape), DeepSeek-R1-Distill-Qwen 7B / 14B (R1 distilled
 * into Qwen2.5 bases), Qwen2.5-Coder-14B and Qwen2.5-7B-Instruct-1M (the 7B shape with a 1M-token config).
 */
import type { ModelSpec } from '../types';
import { hfConfig, indexed, litgpt, page, repoFile } from './sources';

/** Third-party Rust catalog whose entries "mirror the published config.json files" (the index does not name it). */
const TENDRIL_CATALOG = (says: string) =>
  indexed('70791424466', `built-in catalog "Numbers mirror the published config.json files": ${says}`);

const QWEN2_COMMON = {
  arch: 'qwen2',
  headDim: 128,
  vocabSize: 152064,
  experts: null,
  slidingWindow: null,
  mla: null,
  tieEmbeddings: false,
  releasedDtype: 'bf16',
} as const;

export const QWEN25_MORE_MODELS: readonly ModelSpec[] = [
  {
    id: 'qwq-32b',
    name: 'QwQ 32B',
    repo: 'Qwen/QwQ-32B',
    ...QWEN2_COMMON,
    layers: 64,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 8,
    intermediateSize: 27648,
    paramsB: 32.5,
    activeParamsB: 32.5,
    // max_position_embeddings 40960 (the GGUF context); the card documents 131,072 with YaRN.
    maxContext: 40960,
    extendedContext: {
      tokens: 131072,
      method: 'YaRN (QwQ-32B card: "Context Length: Full 131,072 tokens"; litgpt block_size 131072)',
    },
    aliases: ['qwq', 'qwq:32b'],
    sources: [
      hfConfig(
        'Qwen/QwQ-32B',
        'Qwen2ForCausalLM: hidden_size 5120, intermediate_size 27648, num_hidden_layers 64, num_attention_heads 40, num_key_value_heads 8, vocab_size 152064, max_position_embeddings 40960, rope_theta 1000000, tie_word_embeddings false (read through the copies cited below)',
      ),
      litgpt(
        'QwQ-32B (hf_config Qwen/QwQ-32B): block_size 131072, padded_vocab_size 152064, n_layer 64, n_head 40, n_embd 5120, n_query_groups 8, attn_bias True, intermediate_size 27648, rope_base 1000000',
      ),
      repoFile(
        'akash-network/awesome-akash',
        'QwQ-32B/README.md',
        'ab2cd01d62f5a07740e5bbd003b7d7b81296f747',
        'copy of the QwQ-32B card: Number of Parameters 32.5B, Non-Embedding 31.0B, 64 layers, 40 Q / 8 KV heads, Context Length: Full 131,072 tokens; architecture with RoPE, SwiGLU, RMSNorm and QKV bias',
      ),
      repoFile(
        'docker/model-runner',
        'ai/qwq.md',
        '17d98ac055b1abd80dde79b64ae319d118c52877',
        'ai/qwq GGUF variants: architecture qwen2, 32B, context window 41K tokens; F16 file 61.03 GB',
      ),
    ],
  },
  {
    id: 'deepseek-r1-distill-qwen-7b',
    name: 'DeepSeek-R1-Distill-Qwen 7B',
    repo: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B',
    ...QWEN2_COMMON,
    layers: 28,
    hiddenSize: 3584,
    attentionHeads: 28,
    kvHeads: 4,
    intermediateSize: 18944,
    paramsB: 7.6,
    activeParamsB: 7.6,
    maxContext: 131072,
    aliases: ['deepseek-r1:7b'],
    sources: [
      hfConfig(
        'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B',
        'Qwen2ForCausalLM: num_hidden_layers 28, hidden_size 3584, intermediate_size 18944, num_attention_heads 28, num_key_value_heads 4, vocab_size 152064, tie_word_embeddings false, rope_theta 10000, max_position_embeddings 131072 (read through the copies cited below)',
      ),
      indexed(
        '71021079613',
        'training notes for deepseek-ai/DeepSeek-R1-Distill-Qwen-7B: "28 layers, hidden size 3584, intermediate size 18944, 28 attention heads, four KV heads, vocabulary 152064, untied embeddings and RoPE theta 10000 match the official configuration"',
      ),
      indexed(
        '52622417091',
        'DeepSeek-R1-Distill-Qwen-7B entry citing its config.json: dense, 28 layers, based on Qwen2.5, params 7.6, kv_heads 4, head_dim 128, hidden_size 3584, max_ctx 131072, Ollama tag deepseek-r1:7b',
      ),
      TENDRIL_CATALOG(
        'deepseek-r1-distill-qwen-7b = qwen2, 28 layers, hidden 3584, intermediate 18944, 28 heads, 4 KV heads, head_dim 128, vocab 152064, untied, max_position_embeddings 131072',
      ),
    ],
  },
  {
    id: 'deepseek-r1-distill-qwen-14b',
    name: 'DeepSeek-R1-Distill-Qwen 14B',
    repo: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B',
    ...QWEN2_COMMON,
    layers: 48,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 8,
    intermediateSize: 13824,
    paramsB: 14.7,
    activeParamsB: 14.7,
    maxContext: 131072,
    aliases: ['deepseek-r1:14b'],
    sources: [
      hfConfig(
        'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B',
        'Qwen2ForCausalLM (model_type qwen2): num_hidden_layers 48, hidden_size 5120, intermediate_size 13824, num_attention_heads 40, num_key_value_heads 8, vocab_size 152064, tie_word_embeddings false, max_position_embeddings 131072, bfloat16 (read through the copies cited below)',
      ),
      TENDRIL_CATALOG(
        'deepseek-r1-distill-qwen-14b = qwen2, 48 layers, hidden 5120, intermediate 13824, 40 heads, 8 KV heads, head_dim 128, vocab 152064, untied, max_position_embeddings 131072',
      ),
      indexed(
        '52767214600',
        'DeepSeek-R1-Distill-Qwen-14B entry citing its config.json: dense, 48 layers, based on Qwen2.5-14B, params 14.7, kv_heads 8, head_dim 128, hidden_size 5120, max_ctx 131072, Ollama tag "ollama pull deepseek-r1:14b"',
      ),
      indexed(
        '60176308618',
        'model dossier: config.json identifies Qwen2ForCausalLM / qwen2, dtype bfloat16, max_position_embeddings 131072; distilled from Qwen2.5-14B',
      ),
    ],
  },
  {
    id: 'qwen2.5-coder-14b',
    name: 'Qwen2.5-Coder 14B',
    repo: 'Qwen/Qwen2.5-Coder-14B-Instruct',
    ...QWEN2_COMMON,
    layers: 48,
    hiddenSize: 5120,
    attentionHeads: 40,
    kvHeads: 8,
    intermediateSize: 13824,
    paramsB: 14.7,
    activeParamsB: 14.7,
    maxContext: 32768,
    aliases: ['qwen2.5-coder:14b', 'Qwen2.5-Coder-14B'],
    sources: [
      hfConfig(
        'Qwen/Qwen2.5-Coder-14B-Instruct',
        'Qwen2ForCausalLM: hidden_size 5120, intermediate_size 13824, num_hidden_layers 48, num_attention_heads 40, num_key_value_heads 8, max_position_embeddings 32768, vocab_size 152064, rope_theta 1000000 (read through the copies cited below)',
      ),
      litgpt(
        'Qwen2.5-Coder-14B{,-Instruct} (mirrors Qwen/Qwen2.5-Coder-14B config.json): block_size 32768, padded_vocab_size 152064, n_layer 48, n_head 40, n_embd 5120, n_query_groups 8, attn_bias True, intermediate_size 13824, rope_base 1000000',
      ),
      page(
        'https://fast.hugflare.com/tzervas/qwen2.5-coder-14b-bitnet-1.58b',
        'quantization of Qwen/Qwen2.5-Coder-14B-Instruct: Qwen2ForCausalLM, 14.7B parameters, original size 29.54 GB (BF16), i.e. 14.77B weights, which counts a separate 152064 × 5120 output head (untied)',
      ),
    ],
  },
  {
    id: 'qwen2.5-7b-1m',
    name: 'Qwen2.5 7B Instruct 1M',
    repo: 'Qwen/Qwen2.5-7B-Instruct-1M',
    ...QWEN2_COMMON,
    layers: 28,
    hiddenSize: 3584,
    attentionHeads: 28,
    kvHeads: 4,
    intermediateSize: 18944,
    // The same shape as Qwen2.5-7B (see litgpt below), whose card gives 7.61B.
    paramsB: 7.61,
    activeParamsB: 7.61,
    maxContext: 1010000,
    aliases: ['qwen2.5:7b-instruct-1m', 'Qwen2.5-7B-1M'],
    sources: [
      hfConfig(
        'Qwen/Qwen2.5-7B-Instruct-1M',
        'Qwen2ForCausalLM: hidden_size 3584, intermediate_size 18944, num_hidden_layers 28, num_attention_heads 28, num_key_value_heads 4, vocab_size 152064, max_position_embeddings 1010000, rope_theta 10000000 (read through the litgpt copy below)',
      ),
      litgpt(
        'Qwen2.5-7B-Instruct-1M (hf_config Qwen/Qwen2.5-7B-Instruct-1M): block_size 1010000, padded_vocab_size 152064, n_layer 28, n_head 28, n_embd 3584, n_query_groups 4, attn_bias True, intermediate_size 18944, rope_base 10000000 — the Qwen2.5-7B shape with a 1M context and a 10x rope base',
      ),
      page(
        'https://huggingface.co/Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4',
        'Qwen2.5-7B card: Number of Parameters 7.61B; 28 layers; 28 Q / 4 KV heads',
      ),
    ],
  },
];
