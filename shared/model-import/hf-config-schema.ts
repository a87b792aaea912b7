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
import { inRange, LIMITS, within, type Limit } from './model-limits';

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

type Shape = typeof hfTextConfigSchema.shape;
/** The schema's number fields (the loose object's index signature left out). */
type NumberKey = {
  [K in keyof Shape]: z.infer<Shape[K]> extends number | null | undefined ? K : never;
}[keyof Shape];

/** A number the config may give, checked against `limit` when present (null counts as absent). */
function optional(c: HfTextConfig, key: NumberKey, limit: Limit): number | undefined {
  const v = c[key];
  return typeof v === 'number' ? inRange(v, limit, key) : undefined;
}

function required(c: HfTextConfig, key: NumberKey, limit: Limit): number {
  const v = optional(c, key, limit);
  if (v === undefined) throw new ModelImportError('missing-key', `config.json has no ${key}`);
  return v;
}

/** Sliding layers: `layer_types`, else `sliding_window_pattern` (layer il slides when (il+1) % p ≠ 0), else all. */
function slidingWindow(c: HfTextConfig, layers: number): GgufArchitecture['slidingWindow'] {
  if (!c.sliding_window || c.use_sliding_window === false) return null;
  const window = required(c, 'sliding_window', LIMITS.slidingWindow);
  if (c.layer_types) {
    inRange(c.layer_types.length, within(LIMITS.layers, 0, layers), 'layer_types (its length)');
    let sliding = 0;
    for (const t of c.layer_types) if (t === 'sliding_attention') sliding++;
    return { window, layers: sliding };
  }
  const p = optional(c, 'sliding_window_pattern', LIMITS.slidingPeriod);
  if (p && p > 1) return { window, layers: layers - Math.floor(layers / p) };
  return { window, layers };
}

/**
 * Shared experts: `n_shared_experts` (DeepSeek), else Qwen2-MoE's one wide shared expert
 * (`shared_expert_intermediate_size`) counted as that many routed-expert widths.
 */
function sharedExperts(c: HfTextConfig, perExpert: number): number {
  const declared = optional(c, 'n_shared_experts', LIMITS.sharedExperts);
  if (declared !== undefined) return declared;
  const wide = optional(c, 'shared_expert_intermediate_size', LIMITS.ffn);
  return wide && perExpert > 0
    ? inRange(
        wide / perExpert,
        LIMITS.sharedExperts,
        'shared_expert_intermediate_size / moe_intermediate_size',
      )
    : 0;
}

const EXPERT_KEYS = ['num_experts', 'num_local_experts', 'n_routed_experts'] as const;
const ACTIVE_KEYS = ['num_experts_per_tok', 'experts_per_token'] as const;

function experts(c: HfTextConfig, layers: number): GgufArchitecture['experts'] {
  const totalKey = EXPERT_KEYS.find((k) => typeof c[k] === 'number');
  if (!totalKey || !c[totalKey]) return null;
  const total = required(c, totalKey, LIMITS.experts);
  const activeKey = ACTIVE_KEYS.find((k) => typeof c[k] === 'number' && c[k] !== 0);
  if (!activeKey)
    throw new ModelImportError('missing-key', 'config.json has experts but no num_experts_per_tok');
  const active = required(c, activeKey, within(LIMITS.experts, 1, total));
  const leadingDense = within(LIMITS.layers, 0, layers);
  const dense = c.first_k_dense_replace
    ? required(c, 'first_k_dense_replace', leadingDense)
    : inRange(c.mlp_only_layers?.length ?? 0, leadingDense, 'mlp_only_layers (its length)');
  const perExpert =
    optional(c, 'moe_intermediate_size', LIMITS.ffn) ?? required(c, 'intermediate_size', LIMITS.ffn);
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
  const rope = required(c, 'qk_rope_head_dim', LIMITS.headDim);
  const nope = required(c, 'qk_nope_head_dim', within(LIMITS.headDim, 0, LIMITS.headDim.max));
  return {
    kvLoraRank: required(c, 'kv_lora_rank', LIMITS.loraRank),
    qkRopeHeadDim: rope,
    qLoraRank: optional(c, 'q_lora_rank', LIMITS.loraRank) ?? null,
    qkNopeHeadDim: nope,
    vHeadDim: optional(c, 'v_head_dim', LIMITS.headDim) ?? nope,
  };
}

/** Architecture fields of a parsed (merged) config; every number is checked against its limit. */
export function architectureFromHf(
  c: HfTextConfig,
): GgufArchitecture & { readonly tieEmbeddings: boolean | null } {
  const type = c.model_type ?? '';
  // The layers first: everything after may loop over them.
  const layers = required(c, 'num_hidden_layers', LIMITS.layers);
  const hiddenSize = required(c, 'hidden_size', LIMITS.hiddenSize);
  const heads = required(c, 'num_attention_heads', LIMITS.heads);
  const m = mla(c);
  return {
    arch: GGUF_ARCH[type] ?? type,
    layers,
    hiddenSize,
    attentionHeads: heads,
    kvHeads: optional(c, 'num_key_value_heads', LIMITS.kvHeads) ?? heads,
    headDim: m
      ? (m.qkNopeHeadDim ?? 0) + m.qkRopeHeadDim
      : (optional(c, 'head_dim', LIMITS.headDim) ??
        inRange(hiddenSize / heads, LIMITS.headDim, 'hidden_size / num_attention_heads')),
    vocabSize: required(c, 'vocab_size', LIMITS.vocab),
    intermediateSize: optional(c, 'intermediate_size', LIMITS.ffn) ?? 0,
    experts: experts(c, layers),
    maxContext: required(c, 'max_position_embeddings', LIMITS.context),
    slidingWindow: slidingWindow(c, layers),
    mla: m,
    tieEmbeddings: c.tie_word_embeddings ?? null,
  };
}
