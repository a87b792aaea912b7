/**
 * Mistral AI: Mistral 7B (v0.3 as `mistral-7b`, v0.1 separately for its 4096-token sliding window, v0.2 for
 * its 32k full attention with rope_theta 1e6),
 * Mixtral 8x7B / 8x22B (MoE, 8 experts, 2 active, no shared expert) and Mistral Large 2 (2407).
 * llama.cpp converts all of them to the `llama` GGUF architecture.
 */
import type { ModelSpec } from '../types';
import { hfCard, hfConfig, indexed, page, repoFile } from './sources';

const MISTRAL_7B_SHAPE = {
  arch: 'llama',
  layers: 32,
  hiddenSize: 4096,
  attentionHeads: 32,
  kvHeads: 8,
  headDim: 128,
  intermediateSize: 14336,
  experts: null,
  maxContext: 32768,
  mla: null,
  tieEmbeddings: false,
  releasedDtype: 'bf16',
} as const;

export const MISTRAL_MODELS: readonly ModelSpec[] = [
  {
    // Catalogued version: v0.3 (vocab 32768, rope_theta 1e6, no sliding window) — what `ollama run mistral` serves.
    id: 'mistral-7b',
    name: 'Mistral 7B v0.3',
    repo: 'mistralai/Mistral-7B-Instruct-v0.3',
    ...MISTRAL_7B_SHAPE,
    vocabSize: 32768,
    // unverified via search: 7.25B is the Hugging Face safetensors size of v0.3.
    paramsB: 7.25,
    activeParamsB: 7.25,
    slidingWindow: null,
    aliases: ['mistral', 'mistral:7b', 'Mistral-7B-v0.3', 'Mistral-7B-Instruct-v0.3'],
    sources: [
      hfConfig(
        'mistralai/Mistral-7B-Instruct-v0.3',
        'hidden_size 4096, intermediate_size 14336, num_hidden_layers 32, num_attention_heads 32, num_key_value_heads 8, max_position_embeddings 32768, rope_theta 1000000.0, sliding_window null, vocab_size 32768, torch_dtype bfloat16',
      ),
      page(
        'https://huggingface.co/unsloth/mistral-7b-v0.3/blob/058e6597d74073e59a1c087ef221d0a7b6bb3889/config.json',
        '_name_or_path mistralai/Mistral-7B-v0.3; the values above',
      ),
      page(
        'https://huggingface.co/ihasanreza/Mistral-7B-v0.3-finqa-rank-64_v1.0/blob/main/config.json',
        'Mistral-7B-v0.3 derived config: head_dim 128',
      ),
      hfCard('mistralai/Mistral-7B-v0.3', 'Model size 7.25B params (safetensors)'),
    ],
  },
  {
    id: 'mistral-7b-v0.1',
    name: 'Mistral 7B v0.1',
    repo: 'mistralai/Mistral-7B-v0.1',
    ...MISTRAL_7B_SHAPE,
    vocabSize: 32000,
    // unverified via search: Mistral's announcement calls Mistral 7B "a 7.3B parameter model".
    paramsB: 7.3,
    activeParamsB: 7.3,
    slidingWindow: { window: 4096, layers: 32 },
    aliases: ['Mistral-7B-Instruct-v0.1'],
    sources: [
      hfConfig(
        'mistralai/Mistral-7B-v0.1',
        'hidden_size 4096, intermediate_size 14336, num_hidden_layers 32, num_attention_heads 32, num_key_value_heads 8, max_position_embeddings 32768, rope_theta 10000.0, sliding_window 4096, vocab_size 32000, torch_dtype bfloat16',
      ),
      page(
        'https://huggingface.co/Capstone-lpx/mistral7b_instruct/blob/eef8e19a73c12a7506c5386df9b985e7b20f324a/config.json',
        '"Duplicate from mistralai/Mistral-7B-Instruct-v0.1": the values above',
      ),
      page(
        'https://huggingface.co/mlx-community/mistral-7B-v0.1/blob/bd10b289a348d5c9b49bed31feb63c4b2e8c7089/config.json',
        'params.json: n_layers 32, dim 4096, hidden_dim 14336, n_heads 32, head_dim 128, n_kv_heads 8, sliding_window 4096',
      ),
      page(
        'https://mistral.ai/news/announcing-mistral-7b',
        'Mistral 7B is a 7.3B parameter model using sliding window attention',
      ),
    ],
  },
  {
    // v0.2 changed v0.1's shape only in rope_theta (1e6) and the sliding window (none): 32k full attention.
    id: 'mistral-7b-v0.2',
    name: 'Mistral 7B v0.2',
    repo: 'mistralai/Mistral-7B-Instruct-v0.2',
    ...MISTRAL_7B_SHAPE,
    vocabSize: 32000,
    // 7.24B recomputed from the shape; the published figure is 7.3B.
    paramsB: 7.3,
    activeParamsB: 7.3,
    slidingWindow: null,
    aliases: ['Mistral-7B-v0.2'],
    published: [
      { quant: 'gguf', repo: 'TheBloke/Mistral-7B-Instruct-v0.2-GGUF' },
      { quant: 'awq', repo: 'TheBloke/Mistral-7B-Instruct-v0.2-AWQ' },
      { quant: 'gptq-int4', repo: 'TheBloke/Mistral-7B-Instruct-v0.2-GPTQ' },
    ],
    sources: [
      hfConfig(
        'mistralai/Mistral-7B-Instruct-v0.2',
        'hidden_size 4096, intermediate_size 14336, num_hidden_layers 32, num_attention_heads 32, num_key_value_heads 8, max_position_embeddings 32768, rope_theta 1000000.0, sliding_window null, vocab_size 32000 (read through the copies cited below)',
      ),
      repoFile(
        'Azure/azureml-assets',
        'assets/models/system/Mistral-7B-Instruct-v0-2/description.md',
        '9be89f6a01f11aebcb3fc15b8060bff5c311c964',
        'model card text: Mistral-7B-Instruct-v0.2 is an instruct fine-tune of Mistral-7B-v0.2, which changes from v0.1: 32k context window (vs 8k), Rope-theta = 1e6, No Sliding-Window Attention',
      ),
      repoFile(
        'edadaltocg/mistral-src-finetune',
        'finetune/config.py',
        '37c8be534ef00e0eef4fcaa53b9d434f2e6179ee',
        'Mistral-7B-v0.2-Instruct params: dim 4096, n_layers 32, head_dim 128, hidden_dim 14336, n_heads 32, n_kv_heads 8, rope_theta 1000000.0, vocab_size 32000',
      ),
      indexed(
        '1877553054',
        'litgpt config.py, Mistral-7B-Instruct-v0.2 (# https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.2/blob/main/config.json): padded_vocab_size 32000, block_size 32768, n_layer 32, n_query_groups 8, LLaMAMLP intermediate_size 14336',
      ),
      indexed(
        '71314984033',
        'article appendix on the official Mistral-7B-Instruct-v0.2 config.json: full causal attention rather than a sliding window; 32 layers, hidden 4096, 32 query / 8 KV heads of 128, FFN 14336',
      ),
      page(
        'https://apxml.com/models/mistral-7b-instruct-v0-2',
        'Mistral-7B-Instruct-v0.2: 7.3B parameters, 32,768 context, 4096 hidden, 32 layers, 32 heads, 8 KV heads, no sliding-window attention, RoPE theta 1e6',
      ),
      indexed(
        '56911464505',
        'GGUF download: TheBloke/Mistral-7B-Instruct-v0.2-GGUF mistral-7b-instruct-v0.2.Q4_K_M.gguf',
      ),
      indexed('45658542790', 'vLLM MODEL_NAME=TheBloke/Mistral-7B-Instruct-v0.2-AWQ'),
      indexed('21570139135', 'model_id "TheBloke/Mistral-7B-Instruct-v0.2-GPTQ" (4-bit version)'),
    ],
  },
  {
    id: 'mixtral-8x7b',
    name: 'Mixtral 8x7B',
    repo: 'mistralai/Mixtral-8x7B-Instruct-v0.1',
    arch: 'llama',
    layers: 32,
    hiddenSize: 4096,
    attentionHeads: 32,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 32000,
    intermediateSize: 14336,
    paramsB: 46.7,
    activeParamsB: 12.9,
    experts: { total: 8, active: 2, shared: 0, expertIntermediateSize: 14336 },
    maxContext: 32768,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['mixtral', 'mixtral:8x7b', 'Mixtral-8x7B-v0.1'],
    sources: [
      hfConfig(
        'mistralai/Mixtral-8x7B-Instruct-v0.1',
        'hidden_size 4096, intermediate_size 14336, num_hidden_layers 32, num_attention_heads 32, num_key_value_heads 8, num_local_experts 8, num_experts_per_tok 2, max_position_embeddings 32768, rope_theta 1e6, sliding_window null, vocab_size 32000',
      ),
      page(
        'https://huggingface.co/YeungNLP/firefly-mixtral-8x7b/blob/f334c672409846213e600e580af3fac89a9c2e64/config.json',
        '_name_or_path mistralai/Mixtral-8x7B-v0.1 (base, same shape): the values above',
      ),
      page(
        'https://huggingface.co/LoneStriker/Air-Striker-Mixtral-8x7B-Instruct-ZLoss-3.5bpw-h6-exl2/blame/main/config.json',
        '_name_or_path .../Mixtral-8x7B-Instruct-v0.1: the values above',
      ),
      page(
        'https://notes.ethanyoung.dev/Mixtral-8x7B',
        'quoting Mistral: "Mixtral has 46.7B total parameters but only uses 12.9B parameters per token"',
      ),
    ],
  },
  {
    id: 'mixtral-8x22b',
    name: 'Mixtral 8x22B',
    repo: 'mistralai/Mixtral-8x22B-Instruct-v0.1',
    arch: 'llama',
    layers: 56,
    hiddenSize: 6144,
    attentionHeads: 48,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 32768,
    intermediateSize: 16384,
    paramsB: 141,
    activeParamsB: 39,
    experts: { total: 8, active: 2, shared: 0, expertIntermediateSize: 16384 },
    maxContext: 65536,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['mixtral:8x22b', 'Mixtral-8x22B-v0.1'],
    sources: [
      hfConfig(
        'mistralai/Mixtral-8x22B-Instruct-v0.1',
        'hidden_size 6144, intermediate_size 16384, num_hidden_layers 56, num_attention_heads 48, num_key_value_heads 8, num_local_experts 8, num_experts_per_tok 2, max_position_embeddings 65536, sliding_window null, vocab_size 32768 (the base v0.1 has 32000)',
      ),
      page(
        'https://huggingface.co/jsfs11/MixtralxWizardLM2-8x22B-SLERP-v0.2/blob/refs%2Fpr%2F1/.ipynb_checkpoints/config-checkpoint.json',
        '_name_or_path mistralai/Mixtral-8x22B-Instruct-v0.1; the values above with vocab_size 32768',
      ),
      page(
        'https://huggingface.co/mistral-community/Mixtral-8x22B-v0.1/blob/refs%2Fpr%2F19/config.json',
        'base model: same shape, vocab_size 32000',
      ),
      page(
        'https://jacar.es/en/mixtral-8x22b-moe/',
        '141B total parameters but only 39B active per forward pass; 2 of 8 experts per token',
      ),
    ],
  },
  {
    id: 'mistral-large-2',
    name: 'Mistral Large 2 (2407)',
    repo: 'mistralai/Mistral-Large-Instruct-2407',
    arch: 'llama',
    layers: 88,
    hiddenSize: 12288,
    attentionHeads: 96,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 32768,
    intermediateSize: 28672,
    paramsB: 123,
    activeParamsB: 123,
    experts: null,
    // Documented 128k; the mirrored config.json below still says max_position_embeddings 32768.
    maxContext: 131072,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: false,
    releasedDtype: 'bf16',
    aliases: ['mistral-large', 'mistral-large:123b', 'Mistral-Large-Instruct-2407'],
    sources: [
      hfConfig(
        'mistralai/Mistral-Large-Instruct-2407',
        'hidden_size 12288, intermediate_size 28672, num_hidden_layers 88, num_attention_heads 96, num_key_value_heads 8, rope_theta 1e6, sliding_window null, vocab_size 32768, torch_dtype bfloat16',
      ),
      page(
        'https://huggingface.co/SillyTilly/Mistral-Large-Instruct-2407/blob/main/config.json',
        'mirror: the values above; max_position_embeddings 32768',
      ),
      page(
        'https://www.modelcards.net/documents/546',
        'Mistral Large 2 release: 123 billion parameters, 128k context window',
      ),
    ],
  },
];
