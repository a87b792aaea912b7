/**
 * A llama.cpp load log (llama-server, llama-cli, llama-bench with `-v`, forks): what each device holds.
 * The buffer lines changed names over the years and all are read:
 *   weights  `load_tensors: CUDA0 model buffer size = … MiB` (`llm_load_tensors: CUDA0 buffer size` before 2025),
 *   KV       `llama_kv_cache: … KV buffer size` (`llama_kv_cache_unified:`, `llama_kv_cache_init:`, `init:`),
 *   compute  `sched_reserve: … compute buffer size` (`llama_context:`, `llama_new_context_with_model:`).
 * Host-side buffers (CPU, CPU_Mapped, CUDA_Host, Vulkan_Host, …) are kept apart from the devices. A device
 * with several lines of one kind (a split model buffer) is summed.
 */
import { cleanLines, type SkippedLine } from './clean-text';

export type BufferKind = 'model' | 'KV' | 'compute' | 'output' | 'RS';

export interface DeviceBuffers {
  /** The backend's device name as printed: `CUDA0`, `ROCm1`, `Vulkan0`, `MTL0`, `SYCL0`. */
  readonly device: string;
  readonly modelMiB: number | null;
  readonly kvMiB: number | null;
  readonly computeMiB: number | null;
}

export interface HostBuffer {
  readonly buffer: string;
  readonly kind: BufferKind;
  readonly mib: number;
  readonly linePrefix: string;
}

export interface LoadLogReport {
  readonly kind: 'llama.cpp load log';
  /** `5331 (33eff402)`; null when the log has no build line. */
  readonly build: string | null;
  readonly buildNumber: number | null;
  /** The GPUs as the log lists them (`Device 0: …`, `ggml_vulkan: 0 = …`, `using device CUDA0 (…) - N MiB free`). */
  readonly gpuLines: readonly string[];
  /** Device name → free MiB at load (`using device CUDA0 (…) - 29249 MiB free`). */
  readonly freeMiB: Readonly<Record<string, number>>;
  /** `print_info:` / `llm_load_print_meta:` facts: general.name, file type, file size, model type, model params. */
  readonly model: Readonly<Record<string, string>>;
  readonly nCtx: number | null;
  /** `n_ubatch`: tokens per compute step, what the compute buffers scale with. */
  readonly ubatch: number | null;
  /** `flash_attn = 1 / 0 / enabled / disabled`; null when not printed or `auto`. */
  readonly flashAttention: boolean | null;
  /** The KV cache's types (`type_k = 'q8_0'`), null when not printed. */
  readonly typeK: string | null;
  readonly typeV: string | null;
  /**
   * The backend as its device names print it (`CUDA`, `ROCm`, `Vulkan`, `MTL`, `SYCL`); `ROCm` too when a
   * HIP build names its devices CUDAn but says `found N ROCm devices`. Null when no device buffer is named.
   */
  readonly backend: string | null;
  /** `offloaded 35/37 layers to GPU`. */
  readonly offloaded: { readonly layers: number; readonly of: number } | null;
  readonly devices: readonly DeviceBuffers[];
  readonly hostBuffers: readonly HostBuffer[];
  readonly skipped: readonly SkippedLine[];
}

const BUFFER =
  /^([A-Za-z_]+):\s+(\S+)\s+(?:(model|KV|compute|output|RS)\s+)?buffer size\s*=\s*([\d.]+)\s*MiB/;
/** Names of buffers that live in host memory, not on a GPU. */
const HOST = /^(?:CPU|CPU_Mapped|CPU_REPACK|AMX|.*_Host|.*_Mapped)$/i;
const MODEL_FACTS = [
  'general.name',
  'file type',
  'file size',
  'model type',
  'model params',
  'model ftype',
  'model size',
];

/** Whether the text looks like a llama.cpp load log. */
export const isLoadLog = (lines: readonly string[]): boolean => lines.some((l) => BUFFER.test(l.trim()));

/** The context's settings a load log prints once (`llama_context: n_ubatch = 512`, `… type_k = 'f16'`). */
function readRunSettings(
  line: string,
  run: { ubatch: number | null; flashAttention: boolean | null },
  types: { k: string | null; v: string | null },
): void {
  const ub = /^(?:llama_context|llama_new_context_with_model):\s+n_ubatch\s+=\s+(\d+)/.exec(line);
  if (ub && run.ubatch === null) run.ubatch = Number(ub[1]);
  const fa = /^(?:llama_context|llama_new_context_with_model):\s+flash_attn\s+=\s+(\w+)/.exec(line);
  if (fa?.[1] && run.flashAttention === null)
    run.flashAttention = /^(1|enabled|true|on)$/i.test(fa[1])
      ? true
      : /^(0|disabled|false|off)$/i.test(fa[1])
        ? false
        : null;
  const k = /\btype_k = '(\w+)'/.exec(line);
  const v = /\btype_v = '(\w+)'/.exec(line);
  if (k?.[1] && types.k === null) types.k = k[1];
  if (v?.[1] && types.v === null) types.v = v[1];
}

export function readLoadLog(text: string): LoadLogReport | null {
  const lines = cleanLines(text);
  if (!isLoadLog(lines)) return null;
  const sums = new Map<string, { model: number | null; KV: number | null; compute: number | null }>();
  const hostBuffers: HostBuffer[] = [];
  const gpuLines: string[] = [];
  const freeMiB: Record<string, number> = {};
  const model: Record<string, string> = {};
  let build: string | null = null;
  let nCtx: number | null = null;
  let offloaded: LoadLogReport['offloaded'] = null;
  const run = { ubatch: null as number | null, flashAttention: null as boolean | null };
  const types = { k: null as string | null, v: null as string | null };
  let rocmInit = false;
  for (const raw of lines) {
    const line = raw.trim();
    const buffer = BUFFER.exec(line);
    if (buffer) {
      const [, prefix = '', name = '', printedKind, mib = '0'] = buffer;
      // Before 2025, `llm_load_tensors: CUDA0 buffer size` had no kind: it is the weights.
      const kind = (printedKind ?? (/load_tensors$/.test(prefix) ? 'model' : 'compute')) as BufferKind;
      if (HOST.test(name)) {
        hostBuffers.push({ buffer: name, kind, mib: Number(mib), linePrefix: prefix });
        continue;
      }
      if (kind !== 'model' && kind !== 'KV' && kind !== 'compute') continue;
      const entry = sums.get(name) ?? { model: null, KV: null, compute: null };
      entry[kind] = (entry[kind] ?? 0) + Number(mib);
      sums.set(name, entry);
      continue;
    }
    const b = /^(?:build:|main: build =)\s*(\d+ \([0-9a-f]+\))/.exec(line);
    if (b?.[1] && !build) build = b[1];
    // ik_llama.cpp's server: `build info | … build=3673 commit="4084ca73"`.
    const ik = /build=(\d+) commit="([0-9a-f]+)"/.exec(line);
    if (ik && !build) build = `${ik[1]} (${ik[2]})`;
    if (/^(?:Device \d+: |ggml_vulkan: \d+ = )/.test(line)) gpuLines.push(line);
    const using = /using device (\S+) \(.*\) - (\d+) MiB free/.exec(line);
    if (using?.[1]) {
      gpuLines.push(line.replace(/^\w+: /, ''));
      freeMiB[using[1]] = Number(using[2]);
    }
    const fact = /^(?:print_info|llm_load_print_meta):\s+([a-z. ]+?)\s+=\s+(.+?)\s*$/.exec(line);
    if (fact?.[1] && MODEL_FACTS.includes(fact[1]) && !(fact[1] in model)) model[fact[1]] = fact[2] ?? '';
    const ctx = /^(?:llama_context|llama_new_context_with_model):\s+n_ctx\s+=\s+(\d+)/.exec(line);
    if (ctx?.[1] && nCtx === null) nCtx = Number(ctx[1]);
    const off = /offloaded (\d+)\/(\d+) layers to GPU/.exec(line);
    if (off) offloaded = { layers: Number(off[1]), of: Number(off[2]) };
    readRunSettings(line, run, types);
    if (/found \d+ ROCm devices/.test(line)) rocmInit = true;
  }
  const first = [...sums.keys()][0];
  const printed = first ? (/^([A-Za-z]+)\d*$/.exec(first)?.[1] ?? null) : null;
  return {
    kind: 'llama.cpp load log',
    build,
    buildNumber: build ? Number(/^(\d+)/.exec(build)?.[1]) : null,
    gpuLines,
    freeMiB,
    model,
    nCtx,
    ...run,
    typeK: types.k,
    typeV: types.v,
    backend: printed === 'CUDA' && rocmInit ? 'ROCm' : printed,
    offloaded,
    devices: [...sums].map(([device, s]) => ({
      device,
      modelMiB: s.model,
      kvMiB: s.KV,
      computeMiB: s.compute,
    })),
    hostBuffers,
    skipped: [],
  };
}
