/**
 * Launch commands as data: every builder returns argv + env (never a shell string), so quoting happens
 * in one place (render-shell.ts). Also the few helpers every builder shares: the device environment,
 * the model file or repository to load, and the inputs a builder needs.
 */
import type { EngineModel } from '../../model-import/model-weights';
import type { Strategy } from '../planner/plan-types';
import type { Range } from '../speed';
import type { Requirement } from './flags';
import type { RuntimeVersions } from './flags/runtime-version';

/**
 * `single`: the whole job on one machine; `head` / `worker`: one part of a multi-node launch;
 * `benchmark`: the measurement of the plan (llama-bench, vllm bench serve) to bring back with `bench import`.
 */
export type CommandRole = 'single' | 'head' | 'worker' | 'benchmark';

/** A file the user writes before running the command (Ollama `Modelfile`, TabbyAPI `config.yml`). */
export interface CommandFile {
  /** File name, relative to the folder the command runs in. */
  name: string;
  /** Exact file content. */
  content: string;
}

export interface LaunchCommand {
  /** `llama.cpp`, `vllm`, `ollama`, `sglang`, `exllamav2`, `ray`, `llama.cpp-rpc`. */
  runtime: string;
  /** Where it runs: this machine alone, the head node, or a worker node. */
  role: CommandRole;
  /** What this step does, in a few words (`Ray head node`, `create the Ollama model`). */
  title?: string;
  /** Program and its arguments, one element each, unquoted. */
  argv: string[];
  /** Environment for this command only (name → value). */
  env: Record<string, string>;
  /** What the user must know or change: placeholders, caveats, sources. */
  notes: string[];
  /** Files the command reads, to be written first. */
  files?: CommandFile[];
  /** A benchmark's figures to expect, each with the plan's range (role `benchmark`). */
  expected?: readonly { readonly test: string; readonly tokPerSec: Range }[];
}

/** A command with its bash and PowerShell renderings, and the runtime versions it needs. */
export interface RenderedCommand extends LaunchCommand {
  bash: string;
  powershell: string;
  /** The versions of its runtime that take everything it passes (flags/ tables); absent for Ray. */
  requires?: Requirement;
}

/** Options shared by every builder. */
export interface CommandOptions {
  /** Model file (GGUF) or folder / Hugging Face repo to load instead of the derived one. */
  modelPath?: string;
  /** Address the API server listens on; default 127.0.0.1 (local only). */
  host?: string;
  /** API port; default: each runtime's usual port. */
  port?: number;
  /** vLLM `--gpu-memory-utilization` / SGLang `--mem-fraction-static`, 0–1; unset = each runtime's default. */
  gpuMemoryUtilization?: number;
  /** Whose GPUs the strategy runs on: it decides the device variables (CUDA, HIP) and which runtimes run at all. */
  vendor?: GpuVendor;
  /** Requests served at once (llama.cpp `-np`, Ollama `OLLAMA_NUM_PARALLEL`, vLLM `--max-num-seqs`, SGLang `--max-running-requests`). */
  concurrency?: number;
  /** The runtime versions the user has: commands are adapted to them (flags/adapt.ts). */
  versions?: RuntimeVersions;
}

export type GpuVendor = 'nvidia' | 'amd' | 'intel' | 'apple' | 'other';

/** Everything a single-runtime builder needs. */
export interface CommandInput {
  /** The planned strategy the command reproduces (split, GPUs, llama.cpp settings). */
  readonly strategy: Strategy;
  /** The model and quantization it was planned for. */
  readonly model: EngineModel;
  /** Context per request, tokens. */
  readonly ctx: number;
  readonly options: CommandOptions;
}

/** Nodes of a multi-node launch; every node is assumed to hold the same GPUs. */
export interface NodeLayout {
  /** GPUs used on each node. */
  gpusPerNode: number;
  /** Number of nodes, head included. */
  count: number;
  /** vLLM / SGLang tensor parallel size as planned (default: the GPUs per node). */
  tensorParallel?: number;
  /** Pipeline parallel size as planned (default: the node count). */
  pipelineParallel?: number;
}

export const DEFAULT_HOST = '127.0.0.1';

/**
 * The variables that pick these GPUs. NVIDIA: `CUDA_VISIBLE_DEVICES`, always with
 * `CUDA_DEVICE_ORDER=PCI_BUS_ID`: CUDA numbers devices fastest-first by default while nvidia-smi lists
 * them by PCI bus, so without it the indices (and any `--tensor-split`) land on other cards (RUNTIMES.md
 * pitfalls; gpustat README). AMD: `HIP_VISIBLE_DEVICES` (ROCm's HIP runtime, which llama.cpp's ROCm build,
 * vLLM and SGLang on ROCm read; vLLM's rocm platform rejects a `CUDA_VISIBLE_DEVICES` that disagrees with
 * it). Apple and others: none (one GPU, or the runtime's own device option).
 */
export function deviceEnv(
  gpuIndices: readonly number[],
  vendor: GpuVendor = 'nvidia',
): Record<string, string> {
  if (gpuIndices.length === 0) return {};
  const list = gpuIndices.join(',');
  if (vendor === 'nvidia') return { CUDA_DEVICE_ORDER: 'PCI_BUS_ID', CUDA_VISIBLE_DEVICES: list };
  if (vendor === 'amd') return { HIP_VISIBLE_DEVICES: list };
  return {};
}

/** The note a runtime without Apple GPU support gets on an Apple machine. */
export function notOnApple(runtime: string, options: CommandOptions): string[] {
  return options.vendor === 'apple'
    ? [
        `${runtime} does not run on Apple GPUs (no Metal backend): on this Mac use llama.cpp or Ollama, which run on Metal`,
      ]
    : [];
}

/** Last part of a Hugging Face repo id: `meta-llama/Llama-3.1-70B` → `Llama-3.1-70B`. */
export const repoName = (repo: string): string => repo.split('/').pop() || repo;

/** Whether the model's weights are a GGUF file (imported from one, or a GGUF quantization). */
export function isGguf(model: EngineModel): boolean {
  if (model.quant) return model.quant.format === 'gguf';
  return /\.gguf$/i.test(model.path ?? '') || model.weights.origin === 'gguf';
}

/**
 * The GGUF file llama.cpp / Ollama load: the imported file, the user's `--model-path`, or a
 * placeholder name (`models/<repo>-<quant>.gguf`) with a note saying how to get it.
 */
export function ggufPath(model: EngineModel, options: CommandOptions): { path: string; notes: string[] } {
  if (options.modelPath) return { path: options.modelPath, notes: [] };
  if (model.path && isGguf(model)) return { path: model.path, notes: [] };
  const quant = isGguf(model) ? model.quantLabel : 'Q4_K_M';
  const path = `models/${repoName(model.spec.repo)}-${quant}.gguf`;
  const notes = [
    `${path} is a placeholder: download a ${quant} GGUF of ${model.spec.repo} (GGUF files usually live in community repos; search https://huggingface.co/models?search=${encodeURIComponent(`${repoName(model.spec.repo)} GGUF`)}), e.g. with \`hf download <gguf-repo> --include "*${quant}*" --local-dir models\` (older: \`huggingface-cli download\`), or give the path where the weights are (the model path)`,
  ];
  if (!isGguf(model))
    notes.push(
      `the plan is for ${model.quantLabel}, which llama.cpp/Ollama cannot load; a GGUF quantization of similar size is needed (re-plan with that quant for exact numbers)`,
    );
  return { path, notes };
}

/** The planned strategy's own caveat, repeated on every command derived from it. */
export function fitNote(strategy: Strategy): string[] {
  if (strategy.fits) return [];
  const why = strategy.reasons[0] ?? 'see the plan';
  return [`the planned strategy ${strategy.id} does not fit as planned: ${why}`];
}

/** Number for a command line: at most 3 decimals, no trailing zeros. */
/**
 * Whether vLLM / SGLang run the KV cache in fp8: their own plan says so, or the plan of another runtime
 * chose an 8- or 4-bit KV type (fp8 is the only quantized KV cache they have).
 */
export const kvCacheFp8 = (strategy: Strategy): boolean =>
  strategy.kvCacheFp8 === true || /^(q|iq)/.test(strategy.llama?.cacheTypeK ?? '');

export const num = (x: number): string => String(Math.round(x * 1000) / 1000);
