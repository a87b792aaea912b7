/**
 * Measured speed rows from the calibration tables (fixtures/calibration/benchmarks.csv and
 * fixtures/calibration/collected/*.csv), read into one shape. The two layouts differ: the first table
 * predates `source_group`, depth and the llama.cpp settings columns, so its group is read from the
 * source text. Numbers are taken as published; a row that cannot be read says why (`RowProblem`).
 */

export type BenchRuntime = 'llama.cpp' | 'ollama' | 'vllm' | 'sglang' | 'exllamav2';

export type BenchSplit = 'none' | 'layer' | 'row' | 'tensor' | 'tp' | 'pp' | 'offload' | 'moe-offload';

export interface BenchmarkRow {
  readonly id: string;
  /** The table it came from (file name), for messages. */
  readonly table: string;
  readonly source: string;
  /** The independent origin (one person, repository or blog): the unit the calibration holds out. */
  readonly sourceGroup: string;
  readonly runtime: BenchRuntime;
  /** As published: build, version or date. */
  readonly runtimeVersion: string;
  /** One catalog-style name per GPU used, in order (a count of identical cards is expanded). */
  readonly gpuNames: readonly string[];
  readonly interconnect: string;
  readonly pcieWidth: number | null;
  readonly split: BenchSplit;
  readonly model: string;
  readonly modelRepo: string;
  readonly paramsB: number | null;
  readonly activeParamsB: number | null;
  readonly quant: string;
  /** Prompt tokens (llama-bench pp or a serving benchmark's input) and generated tokens. */
  readonly promptTokens: number;
  readonly generatedTokens: number;
  /** Tokens already in the context before the measured run (llama-bench `-d`). */
  readonly depth: number;
  /** llama-bench style lengths (`pp=…;tg=…`): the tg test starts from `depth`, not after the prompt. */
  readonly benchStyle: boolean;
  readonly concurrency: number;
  readonly nGpuLayers: number | null;
  readonly nCpuMoe: number | null;
  readonly kvType: string | null;
  readonly flashAttention: boolean | null;
  readonly ppTokS: number | null;
  /** Decode tokens/s per sequence. */
  readonly tgTokS: number | null;
  readonly notes: string;
}

export interface RowProblem {
  readonly id: string;
  readonly table: string;
  readonly reason: string;
}

const RUNTIMES: Record<string, BenchRuntime> = {
  'llama.cpp': 'llama.cpp',
  // A fork with the same memory layout and kernels lineage; its speed is its own, so rows keep their source group.
  'ik_llama.cpp': 'llama.cpp',
  ollama: 'ollama',
  vllm: 'vllm',
  sglang: 'sglang',
  exllamav2: 'exllamav2',
  tabbyapi: 'exllamav2',
};

const SPLITS: readonly BenchSplit[] = [
  'none',
  'layer',
  'row',
  'tensor',
  'tp',
  'pp',
  'offload',
  'moe-offload',
];

/**
 * The independent origin of a row of the first table, from its source text: a GitHub repository
 * (`github owner/name …`) or a thread (`https://github.com/owner/name/issues/N`).
 */
export function sourceGroupOf(source: string): string {
  const thread = /github\.com\/([\w.-]+\/[\w.-]+)\/(?:issues|pull|discussions)\/(\d+)/.exec(source);
  if (thread) return `${thread[1]}#${thread[2]}`;
  const repo = /(?:github\s+|github\.com\/)([\w.-]+\/[\w.-]+)/.exec(source);
  if (repo?.[1]) return repo[1];
  return source.split(/[\s,]/)[0] ?? source;
}

const num = (s: string | undefined): number | null => {
  if (s === undefined || s.trim() === '') return null;
  const n = Number(s.trim());
  return Number.isFinite(n) ? n : null;
};

/** `NVIDIA GeForce RTX 3090 24GB + NVIDIA GeForce RTX 3060 12GB` → names; `2x RTX 3090` → two. */
export function gpuNamesOf(raw: string, count: number): string[] {
  const parts = raw
    .split(/\s\+\s/)
    .map((p) => p.trim())
    .filter(Boolean);
  const names: string[] = [];
  for (const part of parts) {
    const times = /^(\d+)\s*[x×]\s*(.+)$/i.exec(part);
    const n = times ? Number(times[1]) : 1;
    const name = cleanGpuName(times?.[2] ?? part);
    for (let i = 0; i < n; i += 1) names.push(name);
  }
  // One name for several identical cards.
  if (names.length === 1 && count > 1) return Array.from({ length: count }, () => names[0] ?? '');
  return names;
}

/** `NVIDIA GeForce RTX 3090 24GB` → `NVIDIA GeForce RTX 3090`; keeps `(40-core GPU)` for Apple bins. */
export function cleanGpuName(raw: string): string {
  return raw
    .replace(/\((?!\d+-core)[^)]*\)/gi, '')
    .replace(/\b\d+\s?GB\b(?!\/s)/gi, (m, offset: number, s: string) =>
      // "V100 32GB" and "A100 80GB" name the variant; a trailing size on a GeForce/Apple name does not.
      /(?:V100|A100|P100|MI50|H100|A800|H800|L40|RTX 8000|Quadro)\b[^+]*$/i.test(s.slice(0, offset)) ? m : '',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** `pp=512;tg=128` (llama-bench) or `in=1024;out=128` (a serving benchmark). */
function lengths(raw: string): { prompt: number; generated: number } {
  // `pp=512`, `in=1024`, and `in~64K` (an approximate depth point, K = 1024 tokens).
  const count = (m: RegExpExecArray | null, fallback: number) =>
    m ? Math.round(Number(m[1]) * (m[2] ? 1024 : 1)) : fallback;
  return {
    prompt: count(/(?:pp|in|prompt)\s*[=~]\s*(\d+(?:\.\d+)?)\s*(k)?/i.exec(raw), 512),
    generated: count(/(?:tg|out|gen)\s*[=~]\s*(\d+(?:\.\d+)?)\s*(k)?/i.exec(raw), 128),
  };
}

/** One CSV record (header → value) as a row, or the reason it cannot be read. */
export function benchmarkRow(r: Record<string, string>, table: string): BenchmarkRow | RowProblem {
  const id = r.id ?? '?';
  const problem = (reason: string): RowProblem => ({ id, table, reason });
  const runtime = RUNTIMES[(r.runtime ?? '').trim().toLowerCase()];
  if (!runtime) return problem(`runtime "${r.runtime}" is not one the planner models`);
  const splitRaw = (r.split_mode ?? 'none').trim().toLowerCase();
  const split = SPLITS.find((s) => s === splitRaw);
  if (!split) return problem(`split "${r.split_mode}" is not one the planner models`);
  const count = Math.max(1, num(r.gpu_count) ?? 1);
  const gpuNames = gpuNamesOf(r.gpu_model ?? '', count);
  if (gpuNames.length === 0) return problem('no GPU named');
  const { prompt, generated } = lengths(r.context_or_prompt_len ?? '');
  const flash = (r.flash_attn ?? '').trim();
  const tg = num(r.tg_tok_s);
  const pp = num(r.pp_tok_s);
  if ((tg === null || tg <= 0) && (pp === null || pp <= 0)) return problem('no measured speed');
  return {
    id,
    table,
    source: r.source ?? '',
    sourceGroup: (r.source_group ?? '').trim() || sourceGroupOf(r.source ?? ''),
    runtime,
    runtimeVersion: r.runtime_version_or_date ?? '',
    gpuNames,
    interconnect: (r.interconnect ?? '').trim().toLowerCase(),
    pcieWidth: num(r.pcie_width_if_known),
    split,
    model: (r.model ?? '').trim(),
    modelRepo: (r.model_repo ?? '').trim(),
    paramsB: num(r.params_b),
    activeParamsB: num(r.active_params_b),
    quant: (r.quant ?? '').trim(),
    promptTokens: prompt,
    generatedTokens: generated,
    depth: num(r.depth) ?? 0,
    benchStyle: /\b(?:pp|tg)\s*=/i.test(r.context_or_prompt_len ?? ''),
    concurrency: Math.max(1, Number.parseInt(r.batch_or_concurrency ?? '1', 10) || 1),
    nGpuLayers: num(r.n_gpu_layers),
    nCpuMoe: num(r.n_cpu_moe),
    kvType: (r.kv_type ?? '').trim() || null,
    flashAttention: flash === '1' ? true : flash === '0' ? false : null,
    ppTokS: pp !== null && pp > 0 ? pp : null,
    tgTokS: tg !== null && tg > 0 ? tg : null,
    notes: r.notes ?? '',
  };
}

export const isProblem = <T extends object>(r: T | RowProblem): r is RowProblem => 'reason' in r;
