/**
 * transformers `config.json` → architecture fields, for the families the advisor plans for:
 * LlamaForCausalLM, MistralForCausalLM, MixtralForCausalLM (`num_local_experts`), Qwen2/Qwen3,
 * Qwen3Moe (`num_experts`, `moe_intermediate_size`), Gemma3 (multimodal configs nest the LM under
 * `text_config`; `layer_types` or `sliding_window_pattern`), Phi3, DeepseekV3 (MLA: `kv_lora_rank`,
 * `qk_rope_head_dim`, `q_lora_rank`; `n_routed_experts`, `n_shared_experts`, `first_k_dense_replace`) and
 * GptOss (`num_local_experts`, `experts_per_token`, `layer_types`).
 * Keys a config may omit take the transformers class defaults (e.g. huggingface/transformers
 * src/transformers/models/gemma3/configuration_gemma3.py@008f5c8c29be84d4721dc6d1e0fcd72300580be4
 * `Gemma3TextConfig.__init__`: vocab_size 262208, max_position_embeddings 131072, sliding_window_pattern 6,
 * tie_word_embeddings True); `PretrainedConfig` itself defaults tie_word_embeddings to True.
 */
import { z } from 'zod';
import type { GgufArchitecture } from './gguf-metadata';
import { ModelImportError } from './model-import-error';

const count = z.number().finite().nonnegative();
const opt = count.nullish();

/** The fields read from a config (or its `text_config`); everything else passes through unchecked. */
export const hfTextConfigSchema = z.looseObject({
  model_type: z.string().nullish(),
  architectures: z.array(z.string()).nullish(),
  _name_or_path: z.string().nullish(),
  hidden_size: opt,
  num_hidden_layers: opt,
  num_attention_heads: opt,
  num_key_value_heads: opt,
  head_dim: opt,
  intermediate_size: opt,
  vocab_size: opt,
  max_position_embeddings: opt,
  tie_word_embeddings: z.boolean().nullish(),
  sliding_window: opt,
  use_sliding_window: z.boolean().nullish(),
  sliding_window_pattern: opt,
  layer_types: z.array(z.string()).nullish(),
  num_experts: opt,
  num_local_experts: opt,
  n_routed_experts: opt,
  num_experts_per_tok: opt,
  experts_per_token: opt,
  n_shared_experts: opt,
  shared_expert_intermediate_size: opt,
  moe_intermediate_size: opt,
  first_k_dense_replace: opt,
  mlp_only_layers: z.array(count).nullish(),
  num_nextn_predict_layers: opt,
  kv_lora_rank: opt,
  q_lora_rank: opt,
  qk_rope_head_dim: opt,
  qk_nope_head_dim: opt,
  v_head_dim: opt,
  torch_dtype: z.string().nullish(),
  dtype: z.string().nullish(),
  quantization_config: z.looseObject({ quant_method: z.string().nullish(), bits: opt }).nullish(),
});
export type HfTextConfig = z.infer<typeof hfTextConfigSchema>;

/** transformers model_type → llama.cpp GGUF architecture name (convert_hf_to_gguf.py model classes). */
const GGUF_ARCH: Readonly<Record<string, string>> = {
  llama: 'llama',
  mistral: 'llama',
  mixtral: 'llama',
  qwen2: 'qwen2',
  qwen2_moe: 'qwen2moe',
  qwen3: 'qwen3',
  qwen3_moe: 'qwen3moe',
  gemma: 'gemma',
  gemma2: 'gemma2',
  gemma3: 'gemma3',
  gemma3_text: 'gemma3',
  phi3: 'phi3',
  deepseek_v2: 'deepseek2',
  deepseek_v3: 'deepseek2',
  gpt_oss: 'gpt-oss',
  cohere2: 'cohere2',
};

/** Class defaults for keys real configs leave out (transformers configuration_<family>.py). */
const FAMILY_DEFAULTS: Readonly<Record<string, Partial<HfTextConfig>>> = {
  gemma3_text: {
    vocab_size: 262208,
    max_position_embeddings: 131072,
    head_dim: 256,
    sliding_window: 4096,
    sliding_window_pattern: 6,
    tie_word_embeddings: true,
  },
  gemma2: { sliding_window_pattern: 2, tie_word_embeddings: true },
  gemma: { tie_word_embeddings: true },
  cohere2: { sliding_window_pattern: 4 },
  llama: { tie_word_embeddings: false },
  mistral: { tie_word_embeddings: false },
  mixtral: { tie_word_embeddings: false },
  qwen2: { tie_word_embeddings: false },
  qwen2_moe: { tie_word_embeddings: false },
  qwen3: { tie_word_embeddings: false },
  qwen3_moe: { tie_word_embeddings: false },
  phi3: { tie_word_embeddings: false },
  deepseek_v2: { tie_word_embeddings: false },
  deepseek_v3: { tie_word_embeddings: false },
  gpt_oss: { tie_word_embeddings: false },
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a config, merging a nested `text_config` over the top level and family defaults under both. */
export function parseHfConfig(json: unknown): { readonly top: HfTextConfig; readonly text: HfTextConfig } {
  if (!isObject(json) || (typeof json.model_type !== 'string' && !Array.isArray(json.architectures))) {
    throw new ModelImportError(
      'not-config',
      'this JSON is not a transformers config.json (it has no model_type or architectures)',
    );
  }
  const top = check(json);
  const nested = isObject(json.text_config) ? json.text_config : null;
  const textType =
    (nested?.model_type as string | undefined) ??
    (top.model_type === 'gemma3' ? 'gemma3_text' : (top.model_type ?? ''));
  const merged = { ...FAMILY_DEFAULTS[textType], ...(nested ?? json) };
  if (nested) merged.model_type = textType;
  return { top, text: check(merged) };
}

function check(raw: unknown): HfTextConfig {
  const parsed = hfTextConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') ?? '?';
  throw new ModelImportError(
    'not-config',
    `config.json has an unexpected value at ${where} (${issue?.message ?? 'invalid'})`,
  );
}

function required(c: HfTextConfig, key: keyof HfTextConfig): number {
  const v = c[key];
  if (typeof v !== 'number') throw new ModelImportError('missing-key', `config.json has no ${String(key)}`);
  return v;
}

/** Sliding layers: `layer_types`, else `sliding_window_pattern` (layer il slides when (il+1) % p ≠ 0), else all. */
function slidingWindow(c: HfTextConfig, layers: number): GgufArchitecture['slidingWindow'] {
  const window = c.sliding_window;
  if (!window || c.use_sliding_window === false) return null;
  if (c.layer_types) return { window, layers: c.layer_types.filter((t) => t === 'sliding_attention').length };
  const p = c.sliding_window_pattern;
  if (p && p > 1) return { window, layers: layers - Math.floor(layers / p) };
  return { window, layers };
}

/**
 * Shared experts: `n_shared_experts` (DeepSeek), else Qwen2-MoE's one wide shared expert
 * (`shared_expert_intermediate_size`) counted as that many routed-expert widths.
 */
function sharedExperts(c: HfTextConfig, perExpert: number): number {
  if (c.n_shared_experts !== undefined && c.n_shared_experts !== null) return c.n_shared_experts;
  return c.shared_expert_intermediate_size && perExpert > 0
    ? c.shared_expert_intermediate_size / perExpert
    : 0;
}

function experts(c: HfTextConfig): GgufArchitecture['experts'] {
  const total = c.num_experts ?? c.num_local_experts ?? c.n_routed_experts;
  if (!total) return null;
  const active = c.num_experts_per_tok ?? c.experts_per_token;
  if (!active)
    throw new ModelImportError('missing-key', 'config.json has experts but no num_experts_per_tok');
  const dense = c.first_k_dense_replace || c.mlp_only_layers?.length || 0;
  const perExpert = c.moe_intermediate_size ?? required(c, 'intermediate_size');
  return {
    total,
    active,
    shared: sharedExperts(c, perExpert),
    expertIntermediateSize: perExpert,
    ...(dense > 0 ? { denseLayers: dense } : {}),
  };
}

function mla(c: HfTextConfig): GgufArchitecture['mla'] {
  if (!c.kv_lora_rank) return null;
  const rope = required(c, 'qk_rope_head_dim');
  const nope = required(c, 'qk_nope_head_dim');
  return {
    kvLoraRank: c.kv_lora_rank,
    qkRopeHeadDim: rope,
    qLoraRank: c.q_lora_rank ?? null,
    qkNopeHeadDim: nope,
    vHeadDim: c.v_head_dim ?? nope,
  };
}

/** Architecture fields of a parsed (merged) config. */
export function architectureFromHf(
  c: HfTextConfig,
): GgufArchitecture & { readonly tieEmbeddings: boolean | null } {
  const type = c.model_type ?? '';
  const layers = required(c, 'num_hidden_layers');
  const hiddenSize = required(c, 'hidden_size');
  const heads = required(c, 'num_attention_heads');
  const m = mla(c);
  return {
    arch: GGUF_ARCH[type] ?? type,
    layers,
    hiddenSize,
    attentionHeads: heads,
    kvHeads: c.num_key_value_heads ?? heads,
    headDim: m ? (m.qkNopeHeadDim ?? 0) + m.qkRopeHeadDim : (c.head_dim ?? hiddenSize / heads),
    vocabSize: required(c, 'vocab_size'),
    intermediateSize: c.intermediate_size ?? 0,
    experts: experts(c),
    maxContext: required(c, 'max_position_embeddings'),
    slidingWindow: slidingWindow(c, layers),
    mla: m,
    tieEmbeddings: c.tie_word_embeddings ?? null,
  };
}
