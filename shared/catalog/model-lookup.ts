/**
 * Finding a catalogued model from whatever name the user or a runtime reports: catalog ids
 * (`llama-3.1-70b`), Hugging Face repos (`meta-llama/Llama-3.1-70B-Instruct`), display names,
 * Ollama tags (`llama3.1:70b`, `llama3.1:70b-instruct-q4_K_M`) and GGUF file names.
 */
import { MODEL_CATALOG } from './models/index';
import type { ModelSpec } from './types';

/** Tokens that name a variant or packaging, not a different architecture (`ud`: Unsloth's dynamic `UD-Q4_K_XL` files). */
const NOISE_TOKENS = new Set(['instruct', 'it', 'chat', 'hf', 'base', 'pt', 'gguf', 'latest', 'meta', 'ud']);

/** A trailing quantization / packaging tag: `-Q4_K_M`, `-IQ4_XS`, `-fp8`, `-AWQ`, `-4.0bpw-h6`, `-mlx`. */
const QUANT_SUFFIX =
  /[-_.:](?:i?q[1-8](?:_[a-z0-9]+)*|f16|f32|bf16|fp16|fp8|mxfp4|nvfp4|awq|gptq(?:[-_][a-z0-9]+)*|int[48]|w4a16|\d+(?:\.\d+)?bpw(?:[-_]?h\d+)?|\d+bit|mlx|exl2)$/;

/** Splits `llama3.1` into `llama`, `3.1`; keeps sizes such as `70b` and `8x7b` whole. */
const splitLettersFromNumbers = (token: string): string[] => token.match(/[a-z]+|\d[a-z0-9.]*/g) ?? [];

/**
 * Canonical form used for matching: lower case, no organisation prefix, no quant suffix, no
 * variant words, letters split from version numbers, joined with `-`.
 * `Meta-Llama-3.1-70B-Instruct-Q4_K_M.gguf`, `llama3.1:70b` and `llama-3.1-70b` all become `llama-3.1-70b`.
 */
export function canonicalModelName(raw: string): string {
  let s = raw
    .trim()
    .toLowerCase()
    .replace(/\.gguf$/, '');
  s = s.slice(s.lastIndexOf('/') + 1);
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = s.replace(QUANT_SUFFIX, '');
  }
  return s
    .split(/[^a-z0-9.]+/)
    .flatMap(splitLettersFromNumbers)
    .map((t) => t.replace(/^\.+|\.+$/g, ''))
    .filter((t) => t !== '' && !NOISE_TOKENS.has(t))
    .join('-');
}

/** Every name a model answers to, in canonical form. */
export function modelKeys(spec: ModelSpec): string[] {
  const names = [spec.id, spec.name, spec.repo, ...(spec.aliases ?? [])];
  return [...new Set(names.map(canonicalModelName).filter((k) => k !== ''))];
}

let index: Map<string, ModelSpec> | null = null;

function keyIndex(): Map<string, ModelSpec> {
  if (index) return index;
  index = new Map();
  for (const spec of MODEL_CATALOG) {
    for (const key of modelKeys(spec)) if (!index.has(key)) index.set(key, spec);
  }
  return index;
}

/** The catalogued model this name refers to, or undefined. Case-insensitive; see `canonicalModelName`. */
export function findModel(query: string): ModelSpec | undefined {
  const exact = MODEL_CATALOG.find((m) => m.id === query.trim().toLowerCase());
  return exact ?? keyIndex().get(canonicalModelName(query));
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** 0 = identical; edit distance over the longer length, lowered when the parameter-size token matches. */
function distance(query: string, key: string): number {
  const d = editDistance(query, key) / Math.max(query.length, key.length, 1);
  const size = /(?:^|-)(\d+(?:\.\d+)?b)(?:-|$)/.exec(query)?.[1];
  return size && key.split('-').includes(size) ? d * 0.5 : d;
}

/** The `n` catalogued models whose names are closest to the query, best first (for "did you mean"). */
export function closestModels(query: string, n = 5): ModelSpec[] {
  const q = canonicalModelName(query);
  const scored = MODEL_CATALOG.map((spec) => ({
    spec,
    score: Math.min(...modelKeys(spec).map((k) => distance(q, k))),
  }));
  scored.sort((a, b) => a.score - b.score || a.spec.id.localeCompare(b.spec.id));
  return scored.slice(0, Math.max(0, n)).map((s) => s.spec);
}
