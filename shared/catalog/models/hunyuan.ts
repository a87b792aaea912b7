/**
 * Hunyuan-A13B (Tencent, June 2025): fine-grained MoE with 80B total / 13B active parameters, 32 layers, GQA
 * 32 Q / 8 KV heads of head_dim 128, 64 routed experts (top-8) plus 1 shared expert (`use_mixed_mlp_moe`), all
 * of 3072, tied embeddings, dynamic-NTK RoPE (alpha 1000) for its 256K context.
 */
import type { ModelSpec } from '../types';
import { LLAMA_CPP_ARCH_NAMES, hfConfig, indexed, page } from './sources';

export const HUNYUAN_MODELS: readonly ModelSpec[] = [
  {
    id: 'hunyuan-a13b',
    name: 'Hunyuan-A13B',
    repo: 'tencent/Hunyuan-A13B-Instruct',
    arch: 'hunyuan-moe',
    layers: 32,
    hiddenSize: 4096,
    attentionHeads: 32,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 128167,
    // Config intermediate_size: the shared expert's size; every layer is MoE.
    intermediateSize: 3072,
    paramsB: 80,
    activeParamsB: 13,
    experts: { total: 64, active: 8, shared: 1, expertIntermediateSize: 3072 },
    // "256K" in the card; the config's max_position_embeddings was not read.
    maxContext: 262144,
    slidingWindow: null,
    mla: null,
    tieEmbeddings: true,
    releasedDtype: 'bf16',
    aliases: ['tencent/Hunyuan-A13B-Pretrain', 'hunyuan-a13b:80b'],
    published: [
      { quant: 'fp8', repo: 'tencent/Hunyuan-A13B-Instruct-FP8' },
      { quant: 'gptq-int4', repo: 'tencent/Hunyuan-A13B-Instruct-GPTQ-Int4' },
    ],
    sources: [
      hfConfig(
        'tencent/Hunyuan-A13B-Instruct',
        'HunYuanMoEV1ForCausalLM: attention_head_dim 128, hidden_size 4096, intermediate_size 3072, moe_intermediate_size 3072 ×32, moe_topk 8 ×32, num_attention_heads 32, num_experts 64, num_hidden_layers 32, num_key_value_heads 8, num_shared_expert 1 ×32, rope_scaling dynamic alpha 1000, rope_theta 10000, tie_word_embeddings true, use_mixed_mlp_moe true, vocab_size 128167',
      ),
      indexed('55421597645', 'hunyuanA13BMoEConfigJSON fixture with exactly the values above'),
      indexed(
        '57921602983',
        'HUNYUAN_MOE_LIST_CONFIG: hidden 4096, 32 layers, 32 heads, 8 KV heads, head_dim 128, intermediate 3072, vocab 128167, bfloat16, 64 experts, moe_intermediate_size [3072]×32, moe_topk [8]×32, num_shared_expert [1]×32',
      ),
      page(
        'https://raw.githubusercontent.com/Tencent-Hunyuan/Hunyuan-A13B/main/README_CN.md',
        'Hunyuan-A13B: 80B total, 13B active, 32 layers, 32 attention heads, 1 shared + 64 routed experts, top-8, SwiGLU, hidden 4096, expert hidden 3072, natively 256K context, GQA; released Hunyuan-A13B-Instruct, -Pretrain, -Instruct-FP8 and -Instruct-GPTQ-Int4',
      ),
      LLAMA_CPP_ARCH_NAMES,
    ],
  },
];
