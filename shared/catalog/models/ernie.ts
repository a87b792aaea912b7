/**
 * ERNIE 4.5 (Baidu, June 2025) text MoE models (`Ernie4_5_MoeForCausalLM`): GQA with head_dim 128, the first
 * `moe_layer_start_index` layers dense, then routed experts (`moe_num_experts`, `moe_k` per token) in every
 * layer up to `moe_layer_end_index`. 21B-A3B adds 2 shared experts (each of `moe_intermediate_size`); 300B-A47B
 * has none. Context 131072, vocabulary 103424.
 *
 * `published`: `gguf` marks a repository of llama.cpp GGUF files (several quant types).
 */
import type { ModelSpec } from '../types';
import { LLAMA_CPP_ARCH_NAMES, hfConfig, indexed } from './sources';

const ERNIE_BASE = {
  arch: 'ernie4_5-moe',
  headDim: 128,
  vocabSize: 103424,
  maxContext: 131072,
  slidingWindow: null,
  mla: null,
  releasedDtype: 'bf16',
} as const;

export const ERNIE_MODELS: readonly ModelSpec[] = [
  {
    id: 'ernie-4.5-21b-a3b',
    name: 'ERNIE 4.5 21B-A3B',
    repo: 'baidu/ERNIE-4.5-21B-A3B-PT',
    ...ERNIE_BASE,
    layers: 28,
    hiddenSize: 2560,
    attentionHeads: 20,
    kvHeads: 4,
    intermediateSize: 12288,
    paramsB: 21.8,
    // "A3B" as published; the recomputation including the 0.26B tied embedding/output table gives 3.35B.
    activeParamsB: 3,
    experts: { total: 64, active: 6, shared: 2, expertIntermediateSize: 1536, denseLayers: 1 },
    tieEmbeddings: true,
    aliases: ['baidu/ERNIE-4.5-21B-A3B-Thinking', 'baidu/ERNIE-4.5-21B-A3B-Base-PT', 'ernie-4.5-21b'],
    published: [{ quant: 'gguf', repo: 'unsloth/ERNIE-4.5-21B-A3B-PT-GGUF' }],
    sources: [
      hfConfig(
        'baidu/ERNIE-4.5-21B-A3B-PT',
        'ernie4_5_moe: hidden_size 2560, intermediate_size 12288, max_position_embeddings 131072, num_attention_heads 20, num_key_value_heads 4, head_dim 128, num_hidden_layers 28, vocab_size 103424, rope_theta 500000, tie_word_embeddings true, moe_num_experts 64, moe_k 6, moe_num_shared_experts 2, moe_intermediate_size 1536, moe_layer_start_index 1, moe_layer_end_index 27, moe_layer_interval 1',
      ),
      indexed(
        '55221413519',
        'ernie4_5_moe configJSON fixture with the values above (head_dim null, derived 128)',
      ),
      indexed(
        '70957858900',
        'ERNIE_45_21B_A3B config: the values above with head_dim 128 and moe_layer_end_index 27; "21.8B in all; ~3B per token plus the embeddings"',
      ),
      LLAMA_CPP_ARCH_NAMES,
    ],
  },
  {
    id: 'ernie-4.5-300b-a47b',
    name: 'ERNIE 4.5 300B-A47B',
    repo: 'baidu/ERNIE-4.5-300B-A47B-PT',
    ...ERNIE_BASE,
    layers: 54,
    hiddenSize: 8192,
    attentionHeads: 64,
    kvHeads: 8,
    intermediateSize: 28672,
    paramsB: 300,
    activeParamsB: 47,
    // MoE from layer 3 through 53: 3 dense layers.
    experts: { total: 64, active: 8, shared: 0, expertIntermediateSize: 3584, denseLayers: 3 },
    tieEmbeddings: true,
    aliases: ['baidu/ERNIE-4.5-300B-A47B-Base-PT', 'ernie-4.5-300b'],
    sources: [
      hfConfig(
        'baidu/ERNIE-4.5-300B-A47B-PT',
        'hidden_size 8192, intermediate_size 28672, max_position_embeddings 131072, num_attention_heads 64, num_key_value_heads 8, num_hidden_layers 54, vocab_size 103424, rope_theta 500000, moe_num_experts 64, moe_num_shared_experts 0, moe_layer_start_index 3, moe_layer_end_index 53, moe_intermediate_size 3584, moe_k 8, moe_layer_interval 1, tie_word_embeddings true',
      ),
      indexed('20121695617', 'ERNIE-4.5 MoE router test FAKE_CONFIG_DICT with exactly the values above'),
      indexed(
        '61826566595',
        'ERNIE-4.5-300B-A47B entry (source .../baidu/ERNIE-4.5-300B-A47B-PT/blob/main/config.json): 300B MoE / 47B active, 64 routed experts top-8, no shared experts (moe_num_shared_experts 0), 54 layers, 8 KV heads, head_dim 128, hidden 8192, 131072 context',
      ),
      LLAMA_CPP_ARCH_NAMES,
    ],
  },
];
