/**
 * Mistral AI's 24B line (`Mistral3ForConditionalGeneration`, a Pixtral vision tower plus the text model under
 * `text_config`): Mistral Small 3.1/3.2 (128K context) and Devstral Small 2 (Dec 2025, 256K with YaRN and
 * Llama-4-style attention scaling). All: 40 layers, hidden 5120, 32 Q / 8 KV heads of head_dim 128 (so heads ×
 * head_dim ≠ hidden), MLP 32768, vocabulary 131072 (Tekken), no sliding window.
 *
 * llama.cpp converts checkpoints without `llama_4_scaling` to the `llama` architecture and those with it to
 * `mistral3`. The vision tower's size is not stated in a source read, so `paramsB` is the 24B of the name.
 *
 * `published`: `gguf` marks a repository of llama.cpp GGUF files (several quant types).
 */
import type { ModelSpec } from '../types';
import { LLAMA_CPP_ARCH_NAMES, hfConfig, indexed } from './sources';

const MISTRAL_24B = {
  layers: 40,
  hiddenSize: 5120,
  attentionHeads: 32,
  kvHeads: 8,
  headDim: 128,
  vocabSize: 131072,
  intermediateSize: 32768,
  paramsB: 24,
  activeParamsB: 24,
  experts: null,
  slidingWindow: null,
  mla: null,
  tieEmbeddings: false,
  releasedDtype: 'bf16',
} as const;

const LLAMA_CPP_MISTRAL_ARCH = indexed(
  '52094968420',
  'copy of llama.cpp convert_hf_to_gguf (MistralModel): model_arch MISTRAL3, but "for compatibility, we use LLAMA arch for older models" when "llama_4_scaling" is not in the hparams',
);

export const MISTRAL_3_MODELS: readonly ModelSpec[] = [
  {
    id: 'mistral-small-3.2-24b',
    name: 'Mistral Small 3.2 24B',
    repo: 'mistralai/Mistral-Small-3.2-24B-Instruct-2506',
    ...MISTRAL_24B,
    arch: 'llama',
    maxContext: 131072,
    aliases: [
      'mistralai/Mistral-Small-3.1-24B-Instruct-2503',
      'mistral-small-3.1-24b',
      'mistral-small3.2',
      'mistral-small3.1',
      'mistral-small3.2:24b',
    ],
    published: [{ quant: 'gguf', repo: 'unsloth/Mistral-Small-3.2-24B-Instruct-2506-GGUF' }],
    sources: [
      hfConfig(
        'mistralai/Mistral-Small-3.2-24B-Instruct-2506',
        'Mistral3ForConditionalGeneration text_config: head_dim 128, hidden_size 5120, intermediate_size 32768, max_position_embeddings 131072, num_attention_heads 32, num_hidden_layers 40, num_key_value_heads 8, rope_theta 1000000000, sliding_window null, vocab_size 131072, dtype bfloat16 (tie_word_embeddings not set: false)',
      ),
      indexed(
        '5155030191',
        'M3_CONFIG_JSON (a Mistral3ForConditionalGeneration checkpoint config used as a text encoder) with exactly the text_config values above',
      ),
      indexed(
        '56153331831',
        'test read_mistral_small_3_text_config_nesting: Mistral Small 3 text_config hidden_size 5120, intermediate_size 32768, 40 layers, 32 heads, 8 KV heads, head_dim 128, vocab_size 131072, rope_theta 1e9',
      ),
      LLAMA_CPP_MISTRAL_ARCH,
    ],
  },
  {
    id: 'devstral-small-2-24b',
    name: 'Devstral Small 2 24B',
    repo: 'mistralai/Devstral-Small-2-24B-Instruct-2512',
    ...MISTRAL_24B,
    arch: 'mistral3',
    maxContext: 262144,
    aliases: ['devstral-small-2', 'devstral-small-2:24b'],
    published: [
      { quant: 'gguf', repo: 'unsloth/Devstral-Small-2-24B-Instruct-2512-GGUF' },
      { quant: 'gguf', repo: 'bartowski/mistralai_Devstral-Small-2-24B-Instruct-2512-GGUF' },
    ],
    sources: [
      hfConfig(
        'mistralai/Devstral-Small-2-24B-Instruct-2512',
        'Mistral3ForConditionalGeneration text_config (model_type ministral3): hidden_size 5120, intermediate_size 32768, num_hidden_layers 40, num_attention_heads 32, num_key_value_heads 8, head_dim 128, vocab_size 131072, max_position_embeddings 262144, rope_parameters yarn factor 48 over original_max_position_embeddings 8192, rope_theta 100000000, llama_4_scaling_beta 0.1',
      ),
      indexed('69428305514', '_devstral_config(): the Devstral config.json with exactly the values above'),
      LLAMA_CPP_MISTRAL_ARCH,
      LLAMA_CPP_ARCH_NAMES,
    ],
  },
];
