/**
 * Llama 4 (Meta, April 2025): image+text MoE checkpoints (`Llama4ForConditionalGeneration`, the text model under
 * `text_config`). Every MoE layer routes each token to 1 of N experts plus 1 shared expert, both of
 * `intermediate_size` 8192; dense layers use `intermediate_size_mlp` 16384. Scout is MoE in every layer
 * (`interleave_moe_layer_step` 1); Maverick alternates dense and MoE layers (step 2), so half its layers are
 * dense — counted in `denseLayers` although they are interleaved, not leading.
 *
 * Attention (iRoPE): 3 of every 4 layers use RoPE with chunked local attention (`attention_chunk_size` 8192),
 * every 4th layer is global without RoPE (`no_rope_layer_interval` 4). The chunked layers are modelled as an
 * 8192-token sliding window over 36 of the 48 layers.
 *
 * `published`: `gguf` marks a repository of llama.cpp GGUF files (several quant types), `fp8` an official
 * FP8 checkpoint.
 */
import type { ModelSpec } from '../types';
import { hfConfig, indexed, maxtext, repoFile } from './sources';

const LLAMA4_TEXT = {
  arch: 'llama4',
  layers: 48,
  hiddenSize: 5120,
  attentionHeads: 40,
  kvHeads: 8,
  headDim: 128,
  vocabSize: 202048,
  // intermediate_size_mlp: the dense MLP; experts use intermediate_size 8192.
  intermediateSize: 16384,
  slidingWindow: { window: 8192, layers: 36 },
  mla: null,
  tieEmbeddings: false,
  releasedDtype: 'bf16',
} as const;

export const LLAMA_4_MODELS: readonly ModelSpec[] = [
  {
    id: 'llama-4-scout',
    name: 'Llama 4 Scout 17B-16E',
    repo: 'meta-llama/Llama-4-Scout-17B-16E-Instruct',
    ...LLAMA4_TEXT,
    paramsB: 109,
    activeParamsB: 17,
    experts: { total: 16, active: 1, shared: 1, expertIntermediateSize: 8192 },
    maxContext: 10485760,
    aliases: ['meta-llama/Llama-4-Scout-17B-16E', 'llama4:scout', 'llama4:16x17b'],
    published: [{ quant: 'gguf', repo: 'unsloth/Llama-4-Scout-17B-16E-Instruct-GGUF' }],
    sources: [
      hfConfig(
        'meta-llama/Llama-4-Scout-17B-16E-Instruct',
        'text_config: num_hidden_layers 48, hidden_size 5120, num_attention_heads 40, num_key_value_heads 8, head_dim 128, intermediate_size 8192, intermediate_size_mlp 16384, num_local_experts 16, num_experts_per_tok 1, interleave_moe_layer_step 1, attention_chunk_size 8192, max_position_embeddings 10485760, rope_scaling llama3 factor 16 over 8192, rope_theta 500000, vocab_size 202048',
      ),
      indexed(
        '52267445720',
        'Llama4ForConditionalGeneration text_config fixture: 48 layers, hidden 5120, 40 heads, 8 KV heads, head_dim 128, intermediate_size 8192, intermediate_size_mlp 16384, vocab_size 202048, max_position_embeddings 10485760, 1 of 16 local experts, interleave_moe_layer_step 1, attention_chunk_size 8192',
      ),
      indexed(
        '5659612380',
        'NxD Inference LLAMA4_SCOUT_MINIMAL_MOCK_CONFIG: hidden_size 5120, max_position_embeddings 10485760, 40 heads, 1 expert per token, 48 layers, 8 KV heads, 16 local experts, rope_theta 500000, vocab_size 202048',
      ),
      indexed(
        '70166759091',
        'Scout-style rope_scaling: factor 16, low/high_freq_factor 1, original_max_position_embeddings 8192, rope_type llama3, rope_theta 500000',
      ),
      maxtext(
        'src/maxtext/configs/models/llama4-17b-16e.yml',
        'emb 5120, 48 layers, 40 query / 8 KV heads, mlp 8192, 16 experts + 1 shared, 1 per token, nope_layer_interval 4, interleave_moe_layer_step 1, chunk_attn_window_size 8192, vocab 202048',
      ),
      repoFile(
        'derekhsu529/Jiekou-Knowledge-Base',
        'knowledge_base/models/meta-llama-llama-4-scout-17b-16e-instruct.md',
        'f26c4c7bf0cb945bb7232058a2ab0fb937ba78c1',
        'Llama 4 Scout 17B Instruct (16E): activates 17 billion parameters out of a total of 109B',
      ),
    ],
  },
  {
    id: 'llama-4-maverick',
    name: 'Llama 4 Maverick 17B-128E',
    repo: 'meta-llama/Llama-4-Maverick-17B-128E-Instruct',
    ...LLAMA4_TEXT,
    paramsB: 402,
    activeParamsB: 17,
    // 24 dense layers interleaved with 24 MoE layers (interleave_moe_layer_step 2).
    experts: { total: 128, active: 1, shared: 1, expertIntermediateSize: 8192, denseLayers: 24 },
    maxContext: 1048576,
    aliases: ['meta-llama/Llama-4-Maverick-17B-128E', 'llama4:maverick', 'llama4:128x17b'],
    published: [
      { quant: 'fp8', repo: 'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8' },
      { quant: 'gguf', repo: 'unsloth/Llama-4-Maverick-17B-128E-Instruct-GGUF' },
    ],
    sources: [
      hfConfig(
        'meta-llama/Llama-4-Maverick-17B-128E-Instruct',
        'text_config: 48 layers, hidden_size 5120, num_attention_heads 40, num_key_value_heads 8, head_dim 128, intermediate_size 8192, intermediate_size_mlp 16384, num_local_experts 128, num_experts_per_tok 1, interleave_moe_layer_step 2, attention_chunk_size 8192, max_position_embeddings 1048576, rope_scaling null, rope_theta 500000, vocab_size 202048, torch_dtype bfloat16',
      ),
      indexed(
        '115210306',
        'TensorRT-LLM test LLAMA_4_MAVERICK_TWO_LAYER_CONFIG ("Llama4 Maverick config but with only 2 layers", reduced from 48): the text_config values above',
      ),
      maxtext(
        'src/maxtext/configs/models/llama4-17b-128e.yml',
        'emb 5120, 48 layers, 40 query / 8 KV heads, mlp 16384, moe mlp 8192, 128 experts + 1 shared, 1 per token, interleave_moe_layer_step 2 ("every 2nd layer is MoE layer, and 1st layer is dense layer"), vocab 202048',
      ),
      indexed(
        '53150876126',
        'Rust (mlx-rs) Llama 4 module doc: Llama 4 Maverick 402B total params (128 experts), 17B active, 1M context; Scout 109B total params (16 experts), 17B active, 10M context',
      ),
    ],
  },
];
