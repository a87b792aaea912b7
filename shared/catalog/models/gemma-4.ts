/**
 * Gemma 4 (Google DeepMind, April 2026): the 31B dense and 26B-A4B MoE image+text checkpoints
 * (`Gemma4ForConditionalGeneration`, model_type `gemma4`) and the 12B "unified" encoder-free checkpoint
 * (`Gemma4UnifiedForConditionalGeneration`, model_type `gemma4_unified`). llama.cpp converts all three to the
 * `gemma4` GGUF architecture.
 *
 * Attention: `layer_types` repeats 5 `sliding_attention` layers (1024-token window) and 1 `full_attention`
 * layer, as Gemma 3 does, so with L layers L/6 are global and the rest sliding. Unlike Gemma 3 the two kinds
 * differ in shape: sliding layers use `num_key_value_heads` heads of `head_dim` 256, global layers
 * `num_global_key_value_heads` heads of `global_head_dim` 512 with `attention_k_eq_v` (no v_proj; V is
 * K) and partial RoPE (0.25, theta 1e6). `kvHeads` / `headDim` below are the sliding-layer values, as
 * config.json states them; the global layers' shape is `slidingWindow.global` (31B: 4 × 512 = 2048 K
 * elements per token and layer; 26B-A4B: 2 × 512; 12B: 1 × 512). The KV cache still keeps a V row for
 * them (kv-cache.ts counts it: the estimate errs on the large side if a runtime stores K only).
 *
 * Parameter counts are the model card's. They match the text decoder alone (recomputed from the configs:
 * 31B 30.70B, 26B-A4B 25.23B total / 3.8B active, 12B 11.91B + the 35M vision embedder); the 31B and
 * 26B-A4B checkpoints also ship a 27-layer, 1152-wide vision encoder that the card's figure leaves out,
 * so `visionParamsB` is not set for them.
 *
 * Not catalogued: Gemma 4 E2B / E4B (Per-Layer Embeddings of 262144 × layers × 256 and KV sharing across
 * `num_kv_shared_layers` have no ModelSpec field, so neither the total nor the KV cache can be stated
 * faithfully), and inclusionAI Ling-3.0-flash (hybrid KDA linear attention with MLA on every 6th layer:
 * 7 of 42 layers, which ModelSpec's hybrid convention — every 4th layer — cannot express).
 *
 * `published`: `gguf` marks a repository of llama.cpp GGUF files (several quant types).
 */
import type { ModelSpec } from '../types';
import { hfConfig, indexed, page } from './sources';

const GEMMA4_COMMON = {
  arch: 'gemma4',
  headDim: 256,
  vocabSize: 262144,
  maxContext: 262144,
  mla: null,
  tieEmbeddings: true,
  releasedDtype: 'bf16',
} as const;

const GEMMA4_CARD_PARAMS = page(
  'https://www.sipoch.com/en/article/300330020384749',
  'Gemma 4 release: E2B, E4B, 26B A4B and 31B with 2.3B, 4.5B, 25.2B and 30.7B parameters; the A4B MoE activates 3.8B parameters per token',
);
const GEMMA4_CARD_SUMMARY = page(
  'https://andysmith.ai/bib/019d7195-5e9d-74e3-b07b-8ab228170450/',
  'Gemma 4 model card summary: context 128K (E2B/E4B), 256K (26B A4B/31B); hybrid local + global attention; MoE with 128 experts; 31B: 30.7B, 26B total / 3.8B active',
);
const GEMMA4_ARCH_NOTES = page(
  'https://g4.si5.pl/',
  'Gemma 4 architecture comparison: sliding layers head_dim 256 with more KV heads, RoPE theta 10K; full (global) layers head_dim 512, fewer KV heads, p-RoPE theta 1M partial 0.25, K=V weight sharing; every 6th layer global; 26B-A4B keeps a dense MLP (hidden 2112) in parallel with a 128-expert MoE (top-8, 704 each), outputs summed',
);
// unverified via search: llama.cpp's own source was not read; the GGUF metadata dumps below name the architecture.
const GEMMA4_GGUF_ARCH = indexed(
  '55759300465',
  'GGUF metadata of a Gemma 4 12B file: general.architecture = gemma4, gemma4.block_count 48, attention.head_count 16, attention.head_count_kv [8, 8, 8, 8, 8, 1, …] (48 values, 5:1 repeat), key_length 512, value_length 512, sliding_window 1024',
);

export const GEMMA4_MODELS: readonly ModelSpec[] = [
  {
    id: 'gemma-4-31b',
    name: 'Gemma 4 31B',
    repo: 'google/gemma-4-31B-it',
    ...GEMMA4_COMMON,
    layers: 60,
    hiddenSize: 5376,
    attentionHeads: 32,
    // Sliding layers; the 10 global layers have 4 KV heads of 512 (num_global_key_value_heads, global_head_dim).
    kvHeads: 16,
    intermediateSize: 21504,
    paramsB: 30.7,
    activeParamsB: 30.7,
    experts: null,
    // layer_types: 5 sliding_attention then 1 full_attention, ×10.
    slidingWindow: { window: 1024, layers: 50, global: { kvHeads: 4, headDim: 512 } },
    aliases: ['gemma4:31b', 'google/gemma-4-31B'],
    published: [
      { quant: 'gguf', repo: 'unsloth/gemma-4-31B-it-GGUF' },
      { quant: 'nvfp4', repo: 'nvidia/Gemma-4-31B-IT-NVFP4' },
    ],
    sources: [
      hfConfig(
        'google/gemma-4-31B-it',
        'Gemma4ForConditionalGeneration, text_config (gemma4_text): hidden_size 5376, intermediate_size 21504, num_hidden_layers 60, num_attention_heads 32, num_key_value_heads 16, head_dim 256, num_global_key_value_heads 4, global_head_dim 512, attention_k_eq_v true, layer_types 5 × sliding_attention + 1 × full_attention repeated, sliding_window 1024, max_position_embeddings 262144, vocab_size 262144, tie_word_embeddings true, enable_moe_block false, dtype bfloat16 (read through the copies cited below)',
      ),
      indexed(
        '62810419502',
        'model report of a local gemma-4-31B-it snapshot, full Gemma4Config dump: the text_config values above, rope full_attention partial_rotary_factor 0.25 theta 1e6, sliding_attention theta 1e4; vision_config gemma4_vision 27 layers, hidden 1152; module dump: sliding layers k_proj/v_proj 5376→4096, global layers q_proj 5376→16384, k_proj 5376→2048 and no v_proj',
      ),
      indexed(
        '70302083267',
        'test fixture transcribing the config.json of nvidia/Gemma-4-31B-IT-NVFP4 @ 4135a98a: the text_config values above (hidden 5376, 60 layers, 32 heads, 16 KV heads, head_dim 256, 4 global KV heads of 512, intermediate 21504, sliding_window 1024, vocab 262144, max_position_embeddings 262144), quant_algo NVFP4',
      ),
      page(
        'https://aiwiki.app.hub.mobint.io/llm-models/gemma-4',
        'Gemma 4 31B: 30.7B parameters, dense, 60 layers, 256K context, 1024-token sliding window, 262K vocabulary, ~550M vision encoder, BF16',
      ),
      GEMMA4_CARD_PARAMS,
      GEMMA4_CARD_SUMMARY,
      GEMMA4_ARCH_NOTES,
      GEMMA4_GGUF_ARCH,
      indexed('58013323359', 'gemma-4-31B quant sources: gguf unsloth/gemma-4-31B-it-GGUF'),
    ],
  },
  {
    id: 'gemma-4-26b-a4b',
    name: 'Gemma 4 26B-A4B',
    repo: 'google/gemma-4-26B-A4B-it',
    ...GEMMA4_COMMON,
    layers: 30,
    hiddenSize: 2816,
    attentionHeads: 16,
    // Sliding layers; the 5 global layers have 2 KV heads of 512.
    kvHeads: 8,
    // The dense MLP that runs beside the experts on every layer (config intermediate_size).
    intermediateSize: 2112,
    paramsB: 25.2,
    activeParamsB: 3.8,
    // enable_moe_block on all 30 layers: 128 experts of 704, top 8, plus the always-on 2112-wide dense MLP,
    // counted here as 3 shared experts of 704 (2112 = 3 × 704: the same weights and per-token reads).
    experts: { total: 128, active: 8, shared: 3, expertIntermediateSize: 704 },
    slidingWindow: { window: 1024, layers: 25, global: { kvHeads: 2, headDim: 512 } },
    aliases: ['gemma4:26b', 'gemma4:26b-a4b', 'google/gemma-4-26B-A4B'],
    published: [{ quant: 'gguf', repo: 'unsloth/gemma-4-26B-A4B-it-GGUF' }],
    sources: [
      hfConfig(
        'google/gemma-4-26B-A4B-it',
        'Gemma4ForConditionalGeneration, text_config (gemma4_text): hidden_size 2816, intermediate_size 2112, num_hidden_layers 30, num_attention_heads 16, num_key_value_heads 8, head_dim 256, num_global_key_value_heads 2, global_head_dim 512, attention_k_eq_v true, enable_moe_block true, num_experts 128, top_k_experts 8, moe_intermediate_size 704, sliding_window 1024, max_position_embeddings 262144, vocab_size 262144, tie_word_embeddings true, dtype bfloat16 (read through the copies cited below)',
      ),
      indexed(
        '70302083267',
        'test fixture transcribing the config.json of bg-digitalservices/Gemma-4-26B-A4B-it-NVFP4A16: the text_config values above; "thirty layers of width 2816, the MoE block on every one (128 experts, top 8, 704 wide) beside a 2112-wide dense MLP"; layer_types 5 sliding + 1 full repeated',
      ),
      indexed(
        '55585709687',
        'operator test "mirrors gemma-4-26b-a4b-it": text_config gemma4_text with num_hidden_layers 30, hidden_size 2816, num_experts 128, num_attention_heads 16, num_key_value_heads 8, intermediate_size 2112, moe_intermediate_size 704',
      ),
      GEMMA4_CARD_PARAMS,
      GEMMA4_CARD_SUMMARY,
      GEMMA4_ARCH_NOTES,
      GEMMA4_GGUF_ARCH,
      indexed('59147847917', 'GGUF repository list: unsloth/gemma-4-26B-A4B-it-GGUF (and E2B/E4B/31B)'),
    ],
  },
  {
    id: 'gemma-4-12b',
    name: 'Gemma 4 12B',
    repo: 'google/gemma-4-12B-it',
    ...GEMMA4_COMMON,
    layers: 48,
    hiddenSize: 3840,
    attentionHeads: 16,
    // Sliding layers; the 8 global layers have 1 KV head of 512.
    kvHeads: 8,
    intermediateSize: 15360,
    paramsB: 11.95,
    activeParamsB: 11.95,
    experts: null,
    slidingWindow: { window: 1024, layers: 40, global: { kvHeads: 1, headDim: 512 } },
    // The encoder-free image embedder (linear projection of 48×48 patches), counted in the card's 11.95B.
    visionParamsB: 0.035,
    aliases: ['gemma4:12b', 'google/gemma-4-12B'],
    published: [
      { quant: 'gguf', repo: 'ggml-org/gemma-4-12B-it-GGUF' },
      { quant: 'gguf', repo: 'unsloth/gemma-4-12b-it-GGUF' },
    ],
    sources: [
      hfConfig(
        'google/gemma-4-12B-it',
        'Gemma4UnifiedForConditionalGeneration (model_type gemma4_unified), text_config (gemma4_unified_text): hidden_size 3840, intermediate_size 15360, num_hidden_layers 48, num_attention_heads 16, num_key_value_heads 8, head_dim 256, num_global_key_value_heads 1, global_head_dim 512, attention_k_eq_v true, layer_types 5 sliding + 1 full repeated (40 + 8), sliding_window 1024, max_position_embeddings 262144, vocab_size 262144, tie_word_embeddings true, dtype bfloat16 (read through the copies cited below)',
      ),
      indexed(
        '54518386891',
        'quantization log printing the config.json of google/gemma-4-12B (base, same architecture) fetched from https://huggingface.co/api/resolve-cache/models/google/gemma-4-12B/56820d7d8cbe8e47975a53325439ed272e91cff2/config.json: the text_config values above, rope full_attention partial_rotary_factor 0.25 theta 1e6; vision_config gemma4_unified_vision mm_embed_dim 3840, model_patch_size 48; audio_config gemma4_unified_audio hidden_size 640',
      ),
      indexed(
        '56164536748',
        'mlx-swift test gemma4Unified12BConfigDecode: text_config hidden 3840, 48 layers, 16 heads, 8 KV heads, 1 global KV head, head_dim 256, global_head_dim 512, intermediate 15360, sliding_window 1024, vocab 262144, tie_word_embeddings true; 8 full_attention and 40 sliding_attention layers',
      ),
      page(
        'https://labindex.pages.dev/outputs/google/gemma-4-12b',
        'Gemma 4 12B: ~12B dense (11.95B per the model card), encoder-free; ~35M-param vision embedder; 48 layers, 3840 hidden, 1024-token sliding window, 262K vocabulary, 256K context',
      ),
      page(
        'https://www.foursignals.dev/wire/2026-06-09',
        'Gemma 4 12B: its 35M-parameter vision embedder projects 48×48 pixel patches into the LLM hidden space',
      ),
      GEMMA4_ARCH_NOTES,
      GEMMA4_GGUF_ARCH,
      indexed('60974256005', 'GGUF download tag ggml-org/gemma-4-12b-it-GGUF:Q4_K_M'),
      indexed(
        '57435603110',
        'model list: unsloth/gemma-4-12b-it-GGUF, "Unsloth\'s GGUF quantization of Gemma 4"',
      ),
    ],
  },
];
