/**
 * Architecture facts from GGUF key/value metadata, with the key names llama.cpp writes
 * (ggml-org/llama.cpp src/llama-arch.cpp `LLM_KV_NAMES`: `%s.block_count`, `%s.attention.head_count_kv`,
 * `%s.expert_used_count`, `%s.leading_dense_block_count`, `%s.attention.sliding_window_pattern`, …).
 * Unknown architectures work as long as they use these generic keys; a key llama.cpp itself requires
 * (block_count, embedding_length, head_count, context_length) missing → ModelImportError.
 */
import type { ModelSpec } from '../catalog/types';
import { ModelImportError } from './model-import-error';
import type { TensorShape } from './ggml-types';
import { inRange, LIMITS, within, type Limit } from './model-limits';

/** Metadata as a GGUF parser returns it: numbers (or bigints for 64-bit), strings, booleans, arrays. */
export type GgufMetadata = Readonly<Record<string, unknown>>;

/** Architecture fields of a ModelSpec that a GGUF header determines. */
export type GgufArchitecture = Pick<
  ModelSpec,
  | 'arch'
  | 'layers'
  | 'hiddenSize'
  | 'attentionHeads'
  | 'kvHeads'
  | 'headDim'
  | 'vocabSize'
  | 'intermediateSize'
  | 'experts'
  | 'maxContext'
  | 'slidingWindow'
  | 'mla'
>;

/**
 * Sliding-window period for architectures whose converter writes `attention.sliding_window` but no
 * pattern, as llama.cpp hard-codes it (src/llama-model.cpp `hparams.set_swa_pattern(n)`: layer `il`
 * slides when `il % n < n - 1`).
 */
const SWA_PERIOD: Readonly<Record<string, number>> = { gemma2: 2, gemma3: 6, 'gpt-oss': 2, cohere2: 4 };

const toNumber = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;

/** Smallest and largest number of a (per-layer) array, by a loop: a spread of a million values overflows the stack. */
function extremes(values: readonly unknown[]): { readonly min: number; readonly max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const raw of values) {
    const v = toNumber(raw);
    if (v === undefined) continue;
    // NaN must reach the range check, not vanish in a comparison.
    if (Number.isNaN(v)) return { min: v, max: v };
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max === -Infinity && min === Infinity ? undefined : { min, max };
}

/** Reads GGUF metadata for one architecture and collects notes about what it had to assume. */
class MetaReader {
  readonly notes: string[] = [];
  constructor(
    readonly meta: GgufMetadata,
    readonly arch: string,
  ) {}

  key(suffix: string): string {
    return `${this.arch}.${suffix}`;
  }

  /** A scalar, or the largest value of a per-layer array (noted when the values differ); unchecked. */
  num(suffix: string): number | undefined {
    const raw = this.meta[this.key(suffix)];
    if (!Array.isArray(raw)) return toNumber(raw);
    const range = extremes(raw);
    if (!range) return undefined;
    const { min, max } = range;
    if (min !== max)
      this.notes.push(`${this.key(suffix)} differs per layer (${min}–${max}); the largest, ${max}, is used`);
    return max;
  }

  /** `num`, checked against `limit` when present (out of range → ModelImportError naming the key). */
  count(suffix: string, limit: Limit): number | undefined {
    const v = this.num(suffix);
    return v === undefined ? undefined : inRange(v, limit, this.key(suffix));
  }

  required(suffix: string, limit: Limit): number {
    const v = this.count(suffix, limit);
    if (v === undefined) {
      throw new ModelImportError(
        'missing-key',
        `the GGUF header has no ${this.key(suffix)} (llama.cpp needs it to load the model)`,
      );
    }
    return v;
  }
}

/** Longest architecture name: they are identifiers (`llama`, `qwen3moe`); every key is built from one. */
const MAX_ARCH_NAME = 128;

/** `general.architecture`, required. */
export function ggufArchName(meta: GgufMetadata): string {
  const arch = meta['general.architecture'];
  if (typeof arch !== 'string' || arch === '') {
    throw new ModelImportError('missing-key', 'the GGUF header has no general.architecture');
  }
  if (arch.length > MAX_ARCH_NAME) {
    throw new ModelImportError(
      'malformed',
      `general.architecture is ${arch.length} characters long, not an architecture name`,
    );
  }
  return arch;
}

function vocabSize(r: MetaReader, tensors: readonly TensorShape[]): number {
  const tokens = r.meta['tokenizer.ggml.tokens'];
  if (Array.isArray(tokens) && tokens.length > 0)
    return inRange(tokens.length, LIMITS.vocab, 'tokenizer.ggml.tokens (its length)');
  // 0 counts as absent, as before: the tensors still size the vocabulary.
  const declared = r.num('vocab_size');
  if (declared) return inRange(declared, LIMITS.vocab, r.key('vocab_size'));
  const embd = tensors.find((t) => t.name === 'token_embd.weight');
  if (embd?.shape[1] !== undefined)
    return inRange(Number(embd.shape[1]), LIMITS.vocab, 'the rows of token_embd.weight');
  throw new ModelImportError(
    'missing-key',
    'the GGUF header has no tokenizer.ggml.tokens and no token_embd.weight to size the vocabulary',
  );
}

/** Count of sliding layers from `attention.sliding_window_pattern` (bool array or period) or the arch default. */
function slidingLayers(r: MetaReader, layers: number): number {
  const pattern = r.meta[r.key('attention.sliding_window_pattern')];
  if (Array.isArray(pattern)) return pattern.slice(0, layers).filter((v) => v === true || v === 1).length;
  const declared = toNumber(pattern);
  if (declared !== undefined)
    inRange(declared, LIMITS.slidingPeriod, r.key('attention.sliding_window_pattern'));
  const period = declared ?? SWA_PERIOD[r.arch];
  if (period && period > 1) {
    let n = 0;
    for (let il = 0; il < layers; il++) if (il % period < period - 1) n++;
    return n;
  }
  r.notes.push(
    `${r.key('attention.sliding_window')} is set but no pattern is known for ${r.arch}; all layers are taken as sliding`,
  );
  return layers;
}

/** A window of 0 (or none) means no sliding layers. */
function slidingWindow(r: MetaReader, layers: number): ModelSpec['slidingWindow'] {
  const window = r.num('attention.sliding_window');
  if (!window) return null;
  inRange(window, LIMITS.slidingWindow, r.key('attention.sliding_window'));
  return { window, layers: slidingLayers(r, layers) };
}

function mla(r: MetaReader, headDim: number): ModelSpec['mla'] {
  const kvLoraRank = r.num('attention.kv_lora_rank');
  if (!kvLoraRank) return null;
  inRange(kvLoraRank, LIMITS.loraRank, r.key('attention.kv_lora_rank'));
  // The rotary part is a slice of the head: qkNopeHeadDim = headDim − rope must not go negative.
  const rope = r.required('rope.dimension_count', within(LIMITS.headDim, 1, headDim));
  const qLoraRank = r.count('attention.q_lora_rank', LIMITS.loraRank);
  const vHeadDim =
    r.count('attention.value_length_mla', LIMITS.headDim) ??
    r.count('attention.value_length', LIMITS.headDim);
  return {
    kvLoraRank,
    qkRopeHeadDim: rope,
    qLoraRank: qLoraRank ?? null,
    qkNopeHeadDim: headDim - rope,
    ...(vHeadDim !== undefined ? { vHeadDim } : {}),
  };
}

function experts(
  r: MetaReader,
  tensors: readonly TensorShape[],
  ffn: number,
  layers: number,
): ModelSpec['experts'] {
  const total = r.num('expert_count');
  if (!total) return null;
  inRange(total, LIMITS.experts, r.key('expert_count'));
  const upExps = tensors.find((t) => /^blk\.\d+\.ffn_up_exps\.weight$/.test(t.name));
  const fromTensor =
    upExps?.shape[1] !== undefined
      ? inRange(Number(upExps.shape[1]), LIMITS.ffn, `the width of ${upExps.name}`)
      : undefined;
  const perExpert = r.count('expert_feed_forward_length', LIMITS.ffn) ?? fromTensor ?? ffn;
  const denseLayers = r.count('leading_dense_block_count', within(LIMITS.layers, 0, layers)) ?? 0;
  return {
    total,
    active: r.required('expert_used_count', within(LIMITS.experts, 1, total)),
    shared: r.count('expert_shared_count', LIMITS.sharedExperts) ?? 0,
    expertIntermediateSize: perExpert,
    ...(denseLayers > 0 ? { denseLayers } : {}),
  };
}

/** Dense FFN width: the key, else the first `ffn_up.weight` (shape [hidden, ffn]), else 0 with a note. */
function ffnLength(r: MetaReader, tensors: readonly TensorShape[]): number {
  const declared = r.count('feed_forward_length', LIMITS.ffn);
  if (declared !== undefined) return declared;
  const up = tensors.find((t) => /^blk\.\d+\.ffn_up\.weight$/.test(t.name));
  if (up?.shape[1] !== undefined) return inRange(Number(up.shape[1]), LIMITS.ffn, `the width of ${up.name}`);
  r.notes.push(`the GGUF header has no ${r.key('feed_forward_length')}; the dense FFN width is taken as 0`);
  return 0;
}

/** KV heads: an MLA file converted for the absorbed form stores the latent as 1 KV head; report the query heads like config.json. */
function kvHeads(r: MetaReader, heads: number): number {
  const kv = r.count('attention.head_count_kv', LIMITS.kvHeads) ?? heads;
  if (kv === 1 && r.num('attention.kv_lora_rank') && r.num('attention.key_length_mla')) {
    r.notes.push(
      'MLA file with 1 KV head (the shared latent); kvHeads is reported as the query heads, as config.json has it',
    );
    return heads;
  }
  return kv;
}

/** Architecture fields and notes from a GGUF header's metadata (tensors help size the vocabulary and FFNs). */
export function architectureFromGguf(
  meta: GgufMetadata,
  tensors: readonly TensorShape[],
): { readonly architecture: GgufArchitecture; readonly notes: readonly string[] } {
  const r = new MetaReader(meta, ggufArchName(meta));
  // Every count is checked as it is read, before anything loops over it (the layers first).
  const layers = r.required('block_count', LIMITS.layers);
  const hiddenSize = r.required('embedding_length', LIMITS.hiddenSize);
  const attentionHeads = r.required('attention.head_count', LIMITS.heads);
  const headDim =
    r.count('attention.key_length_mla', LIMITS.headDim) ??
    r.count('attention.key_length', LIMITS.headDim) ??
    inRange(
      hiddenSize / attentionHeads,
      LIMITS.headDim,
      `${r.key('embedding_length')} / ${r.key('attention.head_count')}`,
    );
  const intermediateSize = ffnLength(r, tensors);
  const architecture: GgufArchitecture = {
    arch: r.arch,
    layers,
    hiddenSize,
    attentionHeads,
    kvHeads: kvHeads(r, attentionHeads),
    headDim,
    vocabSize: vocabSize(r, tensors),
    intermediateSize,
    experts: experts(r, tensors, intermediateSize, layers),
    maxContext: r.required('context_length', LIMITS.context),
    slidingWindow: slidingWindow(r, layers),
    mla: mla(r, headDim),
  };
  return { architecture, notes: r.notes };
}
