/**
 * A measured decode row as the planner sees it: the machine, model and settings of the row planned
 * with the product's own planner, and the decode step it builds as speed-model terms. The fit
 * (fit-speed.ts) re-evaluates those terms with other parameters, so the calibration scores exactly
 * the numbers the product shows.
 */
import { findCpuFamily } from '../catalog/cpus';
import { findGpu } from '../catalog/gpu-lookup';
import { findModel } from '../catalog/model-lookup';
import { findQuant } from '../catalog/quantizations';
import type { GpuSpec, ModelSpec, QuantSpec } from '../catalog/types';
import type { CacheType } from '../engine/kv-cache';
import { machineFromNames, type LinkOverride } from '../engine/machine';
import { plan } from '../engine/planner/planner';
import type { PlanRequest, Runtime, SplitMode, Strategy } from '../engine/planner/plan-types';
import { SERVER_HOST_KEY, type StepModel } from '../engine/speed';
import { modelFromCatalog } from '../model-import/catalog-model';
import type { BenchmarkRow, RowProblem } from './benchmark-rows';

export interface SpeedSample {
  readonly row: BenchmarkRow;
  /** The decode step the planner built for the row. */
  readonly model: StepModel;
  /** Measured decode tokens/s per sequence (NaN for a row that measured prompt speed only). */
  readonly measured: number;
  /** What the report groups by: runtime family · hardware · split (· batch). */
  readonly family: string;
  /** The weights' precision class (F16/BF16, 8-bit, 4–6-bit, ≤3-bit), a second way to look at errors. */
  readonly precision: string;
  /** The prompt-processing time per token as terms (null when unknown). */
  readonly prefillModel: StepModel | null;
  /** The row as the planner was asked for it, and the strategy it planned (uncalibrated). */
  readonly request: PlanRequest;
  readonly strategy: Strategy;
}

/** The row's prompt figure as a sample of the prompt model (null when it has none or no model). */
export function prefillSample(s: SpeedSample): SpeedSample | null {
  if (s.row.ppTokS === null || !s.prefillModel) return null;
  return { ...s, model: s.prefillModel, measured: s.row.ppTokS };
}

/**
 * Rows left out of the calibration, each with the reason its collector or its source gave. Only rows a
 * source itself marks as not representative (a development build, a clock-limited card, a model
 * larger than the host's RAM) belong here — never a row just because the model misses it.
 */
export const EXCLUDED_ROWS: Readonly<Record<string, string>> = {
  // moe-offload-concurrency.csv: "64 GB RAM is smaller than the ~65 GB model, so part of the weights may be paged from disk".
  'mo-014': 'model larger than the host RAM: weights paged from disk',
  'mo-015': 'model larger than the host RAM: weights paged from disk',
  'mo-016': 'model larger than the host RAM: weights paged from disk',
  'mo-017': 'model larger than the host RAM: weights paged from disk',
  'mo-018': 'model larger than the host RAM: weights paged from disk',
  // llama.cpp PR #19378's 4× RTX 4090 tables were first read into benchmarks.csv, whose layout has no
  // depth column (pr19378-004…006 are at 32768 tokens); multi-gpu.csv holds the same tables with depth.
  ...Object.fromEntries(
    ['001', '002', '003', '004', '005', '006', '007', '008'].map((n) => [
      `pr19378-${n}`,
      'same table as multi-gpu.csv mg-001…009 / mg-045…048, which record its depth',
    ]),
  ),
  // vLLM #6955 is in both tables; multi-gpu.csv mg-090…093 state the 5-client figures per client
  // (benchmarks.csv's vllm-003/004 are the aggregate of 5 clients).
  ...Object.fromEntries(
    ['001', '002', '003', '004'].map((n) => [`vllm-${n}`, 'same measurements as multi-gpu.csv mg-090…093']),
  ),
  // The comment's author on its -sm tensor column: an early work-in-progress build, "performance leaves a lot to be desired".
  'mg-003': 'early work-in-progress build of -sm tensor (its author says so)',
  'mg-006': 'early work-in-progress build of -sm tensor (its author says so)',
  'mg-009': 'early work-in-progress build of -sm tensor (its author says so)',
  // exllamav2 #346 "Slow inference speed on A100?": its maintainer answers that the slow, virtualised server CPU bounds it.
  'nv-187': "the thread's maintainer says a slow virtualised host CPU bounds the figure",
  // vLLM #20469 is in both tables: nvidia-single.csv nv-190 and moe-offload-concurrency.csv mo-100.
  'mo-100': 'same measurement as nvidia-single.csv nv-190',
  // LottoLottoLotto/4x3090-llm-benchmarks labels it output tokens over the whole request at concurrency 1, "prompt length not recorded".
  'nv-085': 'tokens/s over the whole request with the prompt length not recorded (its archive says so)',
  // llama.cpp #4747: a commenter expected 80+/120+ tok/s; both cards look clock- or power-limited.
  'nv-191': 'the thread says the card looks clock- or power-limited',
  'nv-192': 'the thread says the card looks clock- or power-limited',
};

/**
 * How an ExLlama row was timed: through a server that streams each token (text-generation-webui's UI or
 * API, TabbyAPI) or by a direct call of the library (turboderp's README quick tests and test_inference,
 * a benchmark script's generate loop). The planner plans TabbyAPI, with a server's host time per token
 * (speed.ts SERVER_HOST_KEY); a row timed by a library call is scored without it.
 */
export function exllamaFrontend(row: BenchmarkRow): 'server' | 'library' {
  const text = `${row.source} ${row.sourceGroup} ${row.runtimeVersion} ${row.notes}`;
  return /text-generation-webui|oobabooga|tabby/i.test(text) ? 'server' : 'library';
}

/** The step without the server's host time per token (a row timed by a direct library call). */
function withoutServerHost(model: StepModel): StepModel {
  return { ...model, memory: model.memory.filter((t) => !t.keys.includes(SERVER_HOST_KEY)) };
}

/** Whether a row's notes say speculative decoding was on (MTP n=3, a draft model, EAGLE, DFlash…). */
export function speculativeDecoding(text: string): boolean {
  const on =
    /\b(?:MTP|speculative(?: decoding)?|draft(?: model)?|EAGLE|DFlash)\b[^.;]{0,30}?\b(?:ON|on|enabled|n\s*=\s*\d)/.test(
      text,
    );
  const off =
    /\b(?:MTP|speculative(?: decoding)?)[^.;]{0,20}?\b(?:off|OFF|disabled|not mentioned)|\bno MTP\b/.test(
      text,
    );
  return on && !off;
}

/** Generic names benchmark tables use for the models they ran. */
const MODEL_ALIASES: Record<string, string> = {
  // llama-bench labels by architecture and size; the tables that print them ran Llama 2 7B and Llama 3 70B.
  'llama 7b': 'llama-2-7b',
  'llama 70b': 'llama-3-70b',
  'llama 8b': 'llama-3.1-8b',
  'llama 3b': 'llama-3.2-3b',
  'llama 1b': 'llama-3.2-1b',
  'qwen2 14b': 'qwen2.5-14b',
  'llama 7b (llama-bench label)': 'llama-2-7b',
  'llama 70b (llama-bench label)': 'llama-3-70b',
  'meta-llama-3.1-70b-instruct (hugging-quants awq-int4)': 'llama-3.1-70b',
};

function modelOf(row: BenchmarkRow): ModelSpec | undefined {
  // "llama 7B (label 'llama 7B Q4_0')": the words outside the brackets name the model.
  const bare = row.model.replace(/\(.*?\)/g, '').trim();
  const alias = MODEL_ALIASES[row.model.toLowerCase()] ?? MODEL_ALIASES[bare.toLowerCase()];
  return (
    (row.modelRepo ? findModel(row.modelRepo) : undefined) ??
    (alias ? findModel(alias) : undefined) ??
    findModel(row.model) ??
    (bare ? findModel(bare) : undefined)
  );
}

/**
 * The catalog quantization a row's label names. llama-bench prints types as `Q4_K - Medium`; Unsloth's
 * dynamic `UD-Qn_K_XL` files average close to the matching `_K_M` (their per-tensor mix keeps the
 * bulk of the weights at n bits), so they are read as that.
 */
export function quantOf(label: string, runtime: BenchRuntimeFormat): QuantSpec | undefined {
  let q = label
    .replace(/\(.*?\)/g, '')
    .replace(/\s+(?:GGUF|as labelled).*$/i, '')
    .trim();
  if (/^Ollama default/i.test(q)) q = 'Q4_K_M'; // Ollama's default tags are Q4_K_M builds (ollama.com/library tags).
  q = q.replace(/^UD-/i, '');
  // Unsloth's UD-Q8_K_XL keeps the bulk at Q8_0 (a few tensors in BF16).
  if (/^Q8_K_XL$/i.test(q)) q = 'Q8_0';
  // Q6_K has no size variants: UD-Q6_K_XL is a Q6_K file.
  if (/_XL$/i.test(q))
    q = findQuant(q.replace(/_XL$/i, '_M'), 'gguf') ? q.replace(/_XL$/i, '_M') : q.replace(/_XL$/i, '');
  const lb = /^(Q\d)_K\s*-\s*(Small|Medium|Large)$/i.exec(q);
  if (lb) q = `${lb[1]?.toUpperCase()}_K_${lb[2]?.[0]?.toUpperCase()}`;
  const exl = /(\d+(?:\.\d+)?)\s*bpw/i.exec(q);
  // ExLlama also loads GPTQ checkpoints (its README's GPTQ rows).
  if (runtime === 'exl2' && /gptq/i.test(q)) return findQuant('gptq-int4', 'vllm');
  if (runtime === 'exl2' || exl) return exl ? findQuant(`${exl[1]}bpw`) : undefined;
  if (runtime === 'vllm') {
    if (/awq/i.test(q)) return findQuant('awq', 'vllm');
    if (/nvfp4/i.test(q)) return findQuant('nvfp4', 'vllm');
    if (/gptq[^,]*?(?:int8|8-?bit)|w8a16/i.test(q)) return findQuant('gptq-int8', 'vllm');
    if (/gptq|int4|4-?bit|w4a16|autoround/i.test(q)) return findQuant('gptq-int4', 'vllm');
    if (/fp8/i.test(q)) return findQuant('fp8', 'vllm');
    if (/mxfp4/i.test(q)) return findQuant('mxfp4', 'vllm');
    if (/bf16|bfloat16/i.test(q)) return findQuant('bf16', 'vllm');
    if (/f(p)?16|half|float16/i.test(q)) return findQuant('fp16', 'vllm');
    return undefined;
  }
  if (/^mxfp4/i.test(q)) return findQuant('MXFP4', 'gguf');
  return findQuant(q.toUpperCase(), 'gguf') ?? findQuant(q, 'gguf');
}

type BenchRuntimeFormat = 'gguf' | 'vllm' | 'exl2';

const CACHE_TYPES: readonly CacheType[] = ['f16', 'q8_0', 'q4_0'] as CacheType[];

/**
 * System RAM bandwidth a row states (`RAM 90 GB/s`, `DDR5-6000 2ch`, `8-channel DDR4-3200`), GB/s; the
 * channels or speed it leaves out come from the CPU it names (catalog platform: channels per socket and
 * the highest speed it supports). Null when neither says enough.
 */
export function ramBandwidthOf(notes: string): number | null {
  const stated = /(\d+(?:\.\d+)?)\s*GB\/s\s*(?:RAM|memory|system)/i.exec(notes);
  if (stated) return Number(stated[1]);
  const cpu = findCpuFamily(notes.replace(/[,;:()[\]]/g, ' '));
  const mts = Number(/DDR\d\D{0,3}(\d{4})/i.exec(notes)?.[1] ?? cpu?.maxMemoryMTs ?? Number.NaN);
  const stated2 = /(\d+)\s*(?:-\s*)?(?:ch\b|channels?)/i.exec(notes)?.[1];
  const channels = Number(stated2 ?? cpu?.memoryChannels ?? Number.NaN);
  // 8 bytes per channel per transfer; one socket's worth (llama.cpp reads experts from one NUMA node's memory at a time).
  const gbs = (mts * 8 * Math.min(channels, cpu?.memoryChannels ?? channels)) / 1000;
  return Number.isFinite(gbs) && gbs > 0 ? gbs : null;
}

function linkOf(row: BenchmarkRow): LinkOverride | null {
  const pcie = /pcie\s*([3-6])/.exec(row.interconnect);
  if (pcie) return { kind: 'pcie', gen: Number(pcie[1]), lanes: row.pcieWidth ?? 16 };
  if (/sxm|nvlink/.test(row.interconnect)) return { kind: 'nvlink' };
  return null;
}

const RUNTIME: Record<BenchmarkRow['runtime'], Runtime> = {
  'llama.cpp': 'llama.cpp',
  ollama: 'ollama',
  vllm: 'vllm',
  sglang: 'sglang',
  exllamav2: 'exllamav2',
};

function splitOf(row: BenchmarkRow, runtime: Runtime): SplitMode | 'auto' {
  switch (row.split) {
    case 'none':
      return 'none';
    case 'tp':
      return runtime === 'llama.cpp' || runtime === 'ollama' ? 'tensor' : 'tp';
    case 'moe-offload':
      return row.gpuNames.length > 1 ? 'layer' : 'none';
    default:
      return row.split;
  }
}

/** Average tokens already in the context while the measured tokens were generated. */
export function decodeDepthOf(row: BenchmarkRow): number {
  // llama-bench's tg test starts from `-d` tokens (not after the pp test); a request decodes after its prompt.
  return (row.benchStyle ? row.depth : row.depth + row.promptTokens) + row.generatedTokens / 2;
}

const familyRuntime = (r: Runtime) =>
  r === 'vllm' || r === 'sglang' ? 'vLLM' : r === 'exllamav2' ? 'ExLlama' : 'llama.cpp';

function hardwareOf(specs: readonly GpuSpec[]): string {
  const names = new Set(
    specs.map((g) =>
      g.vendor === 'apple' ? 'Apple' : g.vendor === 'amd' ? 'AMD' : g.vendor === 'intel' ? 'Intel' : g.arch,
    ),
  );
  return names.size === 1 ? ([...names][0] ?? '?') : 'mixed';
}

const SPLIT_CLASS: Record<BenchmarkRow['split'], string> = {
  none: 'single',
  layer: 'layer',
  row: 'row',
  tensor: 'tensor',
  tp: 'TP',
  pp: 'PP',
  offload: 'RAM offload',
  'moe-offload': 'RAM offload',
};

function precisionOf(q: QuantSpec): string {
  if (q.bitsPerWeight >= 15) return 'F16/BF16';
  if (q.bitsPerWeight >= 7.5) return '8-bit';
  if (q.bitsPerWeight >= 3.9) return '4–6-bit';
  return '≤3-bit';
}

/** The row planned as measured, with its decode step; or why it cannot be. */
export function speedSample(row: BenchmarkRow): SpeedSample | RowProblem {
  const problem = (reason: string): RowProblem => ({ id: row.id, table: row.table, reason });
  if (row.tgTokS === null && row.ppTokS === null) return problem('no speed figure');
  const specs = row.gpuNames.map((n) => findGpu(n));
  const missing = row.gpuNames.find((_, i) => !specs[i]);
  if (missing !== undefined) return problem(`GPU "${missing}" not in the catalog`);
  const spec = modelOf(row);
  if (!spec) return problem(`model "${row.model}" not in the catalog`);
  // ExLlamaV3's EXL3 formats decode through a different kernel path (trellis codebooks); the planner
  // plans ExLlamaV2 (EXL2) only.
  if (
    /exl3|exllamav3/i.test(`${row.quant} ${row.runtimeVersion} ${row.source}`) &&
    row.runtime === 'exllamav2'
  )
    return problem('ExLlamaV3 / EXL3: not a runtime the planner plans');
  const runtime = RUNTIME[row.runtime];
  const format: BenchRuntimeFormat =
    runtime === 'vllm' || runtime === 'sglang' ? 'vllm' : runtime === 'exllamav2' ? 'exl2' : 'gguf';
  // Ollama's library tags without a quantization in the name are Q4_K_M builds (ollama.com/library tags).
  const label =
    runtime === 'ollama' && /^(?:|not stated)$/i.test(row.quant.replace(/\(.*?\)/g, '').trim())
      ? 'Q4_K_M'
      : row.quant;
  const quant = quantOf(label, format);
  if (!quant) return problem(`quantization "${row.quant}" not in the catalog`);
  const excluded = EXCLUDED_ROWS[row.id];
  if (excluded) return problem(`excluded: ${excluded}`);
  if (speculativeDecoding(row.notes + ' ' + row.quant))
    return problem('speculative decoding (MTP / a draft model) on: tokens/s beyond one token per step');
  if (/--enforce-eager|enforce_eager/.test(row.notes))
    return problem(
      'vLLM run with --enforce-eager (no CUDA graphs): the plans and commands run with CUDA graphs',
    );
  const ramGBs = ramBandwidthOf(row.notes);
  if ((row.split === 'offload' || row.split === 'moe-offload') && ramGBs === null)
    return problem(
      'weights in system RAM, but the source states neither the RAM bandwidth nor the CPU and its memory',
    );
  const gpus = specs as GpuSpec[];
  const machine = machineFromNames(
    { gpuNames: gpus.map((g) => g.id), link: linkOf(row), ramGBs },
    (id) => gpus.find((g) => g.id === id) as GpuSpec,
  );
  const depth = decodeDepthOf(row);
  // llama.cpp's Vulkan build, named where the row or its source section says so.
  const vulkan = format === 'gguf' && /vulkan/i.test(`${row.source} ${row.runtimeVersion} ${row.notes}`);
  // Vulkan has no split buffers: `-sm row` ran as a layer split there (src/llama-model.cpp make_gpu_buft_list).
  const ran: BenchmarkRow['split'] = vulkan && row.split === 'row' ? 'layer' : row.split;
  const ctx = Math.max(512, Math.ceil(row.depth + row.promptTokens + row.generatedTokens));
  // vLLM / SGLang's fp8 KV cache is planned as the 8-bit KV type (the planner's fp8 for those runtimes).
  const kv =
    format === 'vllm' && /^fp8/i.test(row.kvType ?? '')
      ? ('q8_0' as CacheType)
      : CACHE_TYPES.find((t) => t === row.kvType);
  const llama = {
    ...(row.split === 'moe-offload' ? { nCpuMoe: row.nCpuMoe ?? spec.layers } : {}),
    ...(row.split === 'offload' && row.nGpuLayers !== null ? { ngl: row.nGpuLayers } : {}),
    ...(kv ? { cacheTypeK: kv, cacheTypeV: kv } : {}),
    ...(row.flashAttention !== null ? { flashAttention: row.flashAttention } : {}),
    parallel: row.concurrency,
  };
  const req: PlanRequest = {
    machine,
    model: modelFromCatalog(spec, quant),
    ctx,
    runtime,
    split: splitOf({ ...row, split: ran }, runtime),
    concurrency: row.concurrency,
    goal: 'latency',
    llama,
    gpuMemoryUtilization: null,
    depth,
    prompt: { tokens: row.promptTokens, depth: row.depth },
    // A serving benchmark's streams each send their prompt: decode shares the GPUs with the others' prompts.
    ...(!row.benchStyle && row.concurrency > 1 && row.promptTokens > 0 && row.generatedTokens > 0
      ? { serving: { promptTokens: row.promptTokens, outputTokens: row.generatedTokens } }
      : {}),
  };
  const strategy = plan(req).strategies[0];
  if (!strategy?.decodeModel && !strategy?.prefillModel)
    return problem(`the planner has no speed estimate (${strategy?.id ?? 'no strategy'})`);
  if (strategy.gpuIndices.length !== gpus.length)
    return problem(
      `planned on ${strategy.gpuIndices.length} GPUs (${strategy.id}), measured on ${gpus.length}`,
    );
  const split = SPLIT_CLASS[ran];
  const planned = strategy.decodeModel ?? { memory: [], compute: [], sequences: 1 };
  const decode =
    runtime === 'exllamav2' && exllamaFrontend(row) === 'library' ? withoutServerHost(planned) : planned;
  return {
    row,
    model: decode,
    measured: strategy.decodeModel ? (row.tgTokS ?? Number.NaN) : Number.NaN,
    prefillModel: strategy.prefillModel ?? null,
    family: [familyRuntime(runtime), hardwareOf(gpus), split, ...(row.concurrency > 1 ? ['batch'] : [])].join(
      ' · ',
    ),
    precision: precisionOf(quant),
    request: req,
    strategy,
  };
}
