/**
 * Mistral AI's 2024–2025 dense text models (`MistralForCausalLM`, llama.cpp `llama`, V3-Tekken vocabulary
 * 131072, untied, head_dim 128): Mistral NeMo 12B (2407, with NVIDIA), Ministral 8B (2410) and Mistral Small 3
 * 24B (2501, the text-only predecessor of Small 3.1/3.2 in mistral-3.ts). NeMo and Small 3 have
 * heads × head_dim ≠ hidden.
 */
import type { ModelSpec } from '../types';
import { hfConfig, indexed, page, repoFile } from './sources';

const MISTRAL_COMMON = {
  arch: 'llama',
  headDim: 128,
  vocabSize: 131072,
  experts: null,
  mla: null,
  tieEmbeddings: false,
  releasedDtype: 'bf16',
} as const;

const TENDRIL_CATALOG = (says: string) =>
  indexed('70791424466', `built-in catalog "Numbers mirror the published config.json files": ${says}`);

const GENZ_MISTRAL = (says: string) =>
  repoFile(
    'abhibambhaniya/GenZ-LLM-Analyzer',
    'GenZ/Models/Model_sets/mistral.py',
    '13ebfb842b4248bf0252d089a904181e33ead320',
    says,
  );

const LLAMA_CPP_MISTRAL_ARCH = indexed(
  '52094968420',
  'copy of llama.cpp convert_hf_to_gguf (MistralModel): "for compatibility, we use LLAMA arch for older models" when "llama_4_scaling" is not in the hparams',
);

export const MISTRAL_MORE_MODELS: readonly ModelSpec[] = [
  {
    id: 'mistral-nemo-12b',
    name: 'Mistral NeMo 12B',
    repo: 'mistralai/Mistral-Nemo-Instruct-2407',
    ...MISTRAL_COMMON,
    layers: 40,
    hiddenSize: 5120,
    attentionHeads: 32,
    kvHeads: 8,
    intermediateSize: 14336,
    paramsB: 12.2,
    activeParamsB: 12.2,
    maxContext: 131072,
    slidingWindow: null,
    aliases: ['mistral-nemo', 'mistral-nemo:12b', 'mistralai/Mistral-Nemo-Base-2407'],
    sources: [
      hfConfig(
        'mistralai/Mistral-Nemo-Instruct-2407',
        'MistralForCausalLM: hidden_size 5120, intermediate_size 14336, num_hidden_layers 40, num_attention_heads 32, num_key_value_heads 8, head_dim 128, vocab_size 131072, tie_word_embeddings false, sliding_window null (read through the copies cited below; their max_position_embeddings differ: 131072 in the catalog copy, 128000 in the Base-2407 copy, 1024000 in NeMo and GenZ; the card states a 128k window)',
      ),
      TENDRIL_CATALOG(
        'mistral-nemo-12b = mistralai/Mistral-Nemo-Instruct-2407, mistral, 40 layers, hidden 5120, intermediate 14336, 32 heads, 8 KV heads, head_dim 128, vocab 131072, untied, max_position_embeddings 131072',
      ),
      repoFile(
        'kevinstephano/thunder_model_blocks',
        'thunder_model_blocks/mistral/mistral_config.py',
        'a23dd8fe87e974d06332635cfd3064614c47ae27',
        'mistralai/Mistral-Nemo-Base-2407 config.json: head_dim 128, hidden_size 5120, intermediate_size 14336, max_position_embeddings 128000, num_attention_heads 32, num_hidden_layers 40, num_key_value_heads 8, rope_theta 1000000, sliding_window null, tie_word_embeddings false, torch_dtype bfloat16, vocab_size 131072',
      ),
      GENZ_MISTRAL(
        'mistral_nemo_12b_config (from Mistral-Nemo-Base-2407 config.json): hidden_size 5120, 32 heads, 8 KV heads, intermediate_size 14336, 40 layers, vocab_size 131072, max_model_len 1024000',
      ),
      repoFile(
        'docker/model-runner',
        'ai/mistral-nemo.md',
        '17d98ac055b1abd80dde79b64ae319d118c52877',
        'Mistral Nemo Instruct 2407: architecture llama (GGUF), 12B, context window 131K tokens',
      ),
      page(
        'https://www.fitmygpu.com/models/mistral-nemo-12b',
        'Mistral Nemo 12B: 12.2B total params, 40 layers, hidden 5,120, 32 heads, 8 KV heads, 128,000 context',
      ),
      page(
        'https://mistral.ai/news/mistral-nemo',
        'Mistral NeMo: a 12B model with a context window of up to 128k tokens, trained with quantisation awareness (FP8 inference)',
      ),
      LLAMA_CPP_MISTRAL_ARCH,
    ],
  },
  {
    id: 'ministral-8b',
    name: 'Ministral 8B',
    repo: 'mistralai/Ministral-8B-Instruct-2410',
    ...MISTRAL_COMMON,
    layers: 36,
    hiddenSize: 4096,
    attentionHeads: 32,
    kvHeads: 8,
    intermediateSize: 12288,
    paramsB: 8.02,
    activeParamsB: 8.02,
    // Config max_position_embeddings; the card's native 128k uses a ragged (128k, 32k, 32k, 32k) pattern.
    maxContext: 32768,
    // Card "Attention Pattern Ragged (128k,32k,32k,32k)": 3 of every 4 layers use a 32k window.
    slidingWindow: { window: 32768, layers: 27 },
    aliases: ['ministral-8b-2410'],
    sources: [
      hfConfig(
        'mistralai/Ministral-8B-Instruct-2410',
        'MistralForCausalLM: hidden_size 4096, intermediate_size 12288, num_hidden_layers 36, num_attention_heads 32, num_key_value_heads 8, head_dim 128, vocab_size 131072, max_position_embeddings 32768, sliding_window 32768 (read through the copy below)',
      ),
      GENZ_MISTRAL(
        'ministral_8b_config (https://huggingface.co/mistralai/Ministral-8B-Instruct-2410/blob/main/config.json): hidden_size 4096, num_attention_heads 32, num_key_value_heads 8, intermediate_size 12288, num_decoder_layers 36, vocab_size 131072, max_model_len 32*1024, sliding_window 32*1024',
      ),
      page(
        'https://huggingface.co/QuantFactory/Ministral-8B-Instruct-2410-GGUF',
        'copy of the Ministral-8B-Instruct-2410 card: Parameters 8,019,808,256 (the recomputation with a separate output head), Layers 36, Heads 32, Dim 4096, KV Heads 8, Hidden Dim 12288, Head Dim 128, Vocab 131,072, Context Length 128k, Attention Pattern Ragged (128k,32k,32k,32k), trained with a 128k window and interleaved sliding-window attention',
      ),
      LLAMA_CPP_MISTRAL_ARCH,
    ],
  },
  {
    id: 'mistral-small-3-24b',
    name: 'Mistral Small 3 24B',
    repo: 'mistralai/Mistral-Small-24B-Instruct-2501',
    ...MISTRAL_COMMON,
    layers: 40,
    hiddenSize: 5120,
    attentionHeads: 32,
    kvHeads: 8,
    intermediateSize: 32768,
    paramsB: 24,
    activeParamsB: 24,
    maxContext: 32768,
    slidingWindow: null,
    aliases: ['mistralai/Mistral-Small-24B-Base-2501', 'mistral-small-2501'],
    sources: [
      hfConfig(
        'mistralai/Mistral-Small-24B-Instruct-2501',
        'MistralForCausalLM: hidden_size 5120, intermediate_size 32768, num_hidden_layers 40, num_attention_heads 32, num_key_value_heads 8, head_dim 128, vocab_size 131072, tie_word_embeddings false, max_position_embeddings 32768 (read through the catalog copy below)',
      ),
      TENDRIL_CATALOG(
        'mistral-small-24b = mistralai/Mistral-Small-24B-Instruct-2501, mistral, 40 layers, hidden 5120, intermediate 32768, 32 heads, 8 KV heads, head_dim 128, vocab 131072, untied, max_position_embeddings 32768',
      ),
      LLAMA_CPP_MISTRAL_ARCH,
    ],
  },
];
