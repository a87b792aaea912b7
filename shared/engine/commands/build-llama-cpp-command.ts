/**
 * `llama-server` from a plan. Flags and rules: ../shared/RUNTIMES.md (llama.cpp rows) and
 * tools/server/README.md. `-ts` proportions follow `CUDA_VISIBLE_DEVICES` order (the plan's
 * `gpuIndices`), which is nvidia-smi's order once `CUDA_DEVICE_ORDER=PCI_BUS_ID` is set.
 */
import { DEFAULT_LLAMA_SETTINGS, type LlamaCppSettings } from '../llama-cpp-memory';
import { TENSOR_MODE_EXCLUDED } from '../planner/llama-cpp-strategies';
import type { Strategy } from '../planner/plan-types';
import { llamaRopeArgs } from './context-extension';
import { llamaExpectNotes } from './expect-notes';
import {
  DEFAULT_HOST,
  deviceEnv,
  fitNote,
  ggufPath,
  num,
  type CommandInput,
  type LaunchCommand,
} from './command-types';

export type LlamaSplitMode = 'none' | 'layer' | 'row' | 'tensor';

/** Extras for the RPC head: remote `rpc-server` endpoints (`host:port`). */
export interface LlamaExtras {
  readonly rpc?: readonly string[];
}

export const LLAMA_DEFAULT_PORT = 8080;

/** The plan's llama.cpp settings, or defaults at the requested context (strategies of other runtimes). */
export function llamaSettingsOf(input: CommandInput): LlamaCppSettings {
  return input.strategy.llama ?? { ...DEFAULT_LLAMA_SETTINGS, ctx: input.ctx };
}

/**
 * `-sm` for a strategy of any runtime: vLLM TP/PP and CPU offload become a layer split, and so does
 * tensor mode for an architecture llama.cpp's tensor mode refuses (it would not load).
 */
export function llamaSplitMode(strategy: Strategy, arch: string): LlamaSplitMode {
  if (strategy.gpuIndices.length <= 1) return 'none';
  if (strategy.split === 'tensor' && TENSOR_MODE_EXCLUDED.has(arch)) return 'layer';
  if (strategy.split === 'row' || strategy.split === 'tensor') return strategy.split;
  return 'layer';
}

/** `-ts a,b,…` when the plan pinned one proportion per GPU (in `gpuIndices` order). */
function tensorSplitArgs(s: LlamaCppSettings, strategy: Strategy, extras: LlamaExtras): string[] {
  const split = s.tensorSplit;
  if (extras.rpc?.length || !split || split.length !== strategy.gpuIndices.length || split.length < 2)
    return [];
  return ['-ts', split.map(num).join(',')];
}

/** Whether a quantized V cache is planned: llama.cpp refuses one without flash attention. */
export const quantizedV = (s: LlamaCppSettings): boolean => !['f16', 'bf16', 'f32'].includes(s.cacheTypeV);

/**
 * `-fa`: left to llama.cpp's default (auto: on where the device supports it) unless something needs it
 * on — tensor mode, or a quantized V cache, which llama.cpp refuses without it — or the user turned it off.
 */
export function flashAttentionArgs(s: LlamaCppSettings, mode: LlamaSplitMode): string[] {
  if (mode === 'tensor' || quantizedV(s)) return ['-fa', 'on'];
  return s.flashAttention ? [] : ['-fa', 'off'];
}

/** Why `-fa on` is forced, when it is. */
function flashAttentionNotes(s: LlamaCppSettings, mode: LlamaSplitMode): string[] {
  if (quantizedV(s))
    return [`-fa on: a ${s.cacheTypeV} V cache needs flash attention (llama.cpp refuses it otherwise)`];
  if (mode === 'tensor') return ['-fa on: tensor mode needs flash attention'];
  return [];
}

/** KV type, micro-batch, MoE offload and host KV flags, each only when it differs from llama.cpp's default. */
function tuningArgs(s: LlamaCppSettings): string[] {
  const out: string[] = [];
  if (s.cacheTypeK !== 'f16') out.push('-ctk', s.cacheTypeK);
  if (s.cacheTypeV !== 'f16') out.push('-ctv', s.cacheTypeV);
  if (s.ubatch !== 512) out.push('-ub', String(s.ubatch));
  if (s.nCpuMoe > 0) out.push('--n-cpu-moe', String(s.nCpuMoe));
  if (s.kvOnHost) out.push('-nkvo');
  return out;
}

function splitNotes(mode: LlamaSplitMode, strategy: Strategy, arch: string): string[] {
  const notes: string[] = [];
  if (strategy.split === 'tensor' && mode === 'layer')
    notes.push(
      `-sm layer, not tensor: llama.cpp's tensor mode refuses the ${arch} architecture ("LLAMA_SPLIT_MODE_TENSOR not implemented", src/llama-arch.cpp), so this loads as a layer split and runs at layer-split speed`,
    );
  if (strategy.split === 'tp')
    notes.push(
      "vLLM's tensor parallel has no stable llama.cpp twin: this uses a layer split (the experimental `-sm tensor` is the closest)",
    );
  if (mode === 'row')
    notes.push(
      '`-sm row` is deprecated, works on dense weights only (docs/multi-gpu.md), and runs on a SYCL build only: CUDA and ROCm builds from b9890 stop at load with "does not support split buffers" (PR #24216)',
    );
  if (mode === 'tensor')
    notes.push(
      '`-sm tensor` is experimental (b8738 and later; with a quantized KV cache b9455 and later, PR #23792): it needs flash attention on; `--fit off` is recommended, not required (fit cannot size tensor mode and only warns); build with -DGGML_CUDA_NCCL=ON (the default) for good speed (docs/multi-gpu.md)',
    );
  if (mode === 'row' || mode === 'tensor')
    notes.push(
      'GGML_CUDA_P2P=1 is opt-in and not set here: it lets the cards copy to each other directly, but llama.cpp keeps it off because it corrupts output or crashes on some boards (PR #21910); try it only where `nvidia-smi topo -p2p r` shows OK',
    );
  return notes;
}

function memoryNotes(s: LlamaCppSettings, strategy: Strategy): string[] {
  const notes: string[] = [];
  if (s.parallel > 1)
    notes.push(`-c is the whole KV cache: ${s.ctx} tokens per slot × ${s.parallel} slots (-np)`);
  if (strategy.ramOffloadMiB > 1024)
    notes.push(
      `${(strategy.ramOffloadMiB / 1024).toFixed(1)} GiB of weights and cache stay in system RAM (-ngl / --n-cpu-moe): expect RAM-bandwidth-bound speed`,
    );
  return notes;
}

/** What the command line is built from: the settings (re-fitted for RPC), split mode and file. */
interface LlamaLine {
  readonly s: LlamaCppSettings;
  readonly mode: LlamaSplitMode;
  readonly ts: string[];
  /** Whether the plan pins the split, layers or expert offload (then `--fit off`). */
  readonly pinned: boolean;
  readonly rpc: readonly string[];
}

function llamaLine(input: CommandInput, extras: LlamaExtras): LlamaLine {
  const rpc = extras.rpc ?? [];
  const planned = llamaSettingsOf(input);
  // With RPC workers the memory is theirs too: let llama.cpp fit layers over every device.
  const s = rpc.length ? { ...planned, ngl: null, nCpuMoe: 0 } : planned;
  const mode = rpc.length ? 'layer' : llamaSplitMode(input.strategy, input.model.spec.arch);
  const ts = tensorSplitArgs(s, input.strategy, extras);
  const pinned = ts.length > 0 || mode === 'tensor' || s.ngl !== null || s.nCpuMoe > 0;
  return { s, mode, ts, pinned, rpc };
}

function llamaArgv(line: LlamaLine, path: string, input: CommandInput): string[] {
  const { s, mode, rpc } = line;
  const { options } = input;
  return [
    ...['llama-server', '-m', path],
    ...['-ngl', rpc.length ? 'auto' : s.ngl === null ? 'all' : String(s.ngl)],
    ...['-c', String(s.ctx * s.parallel), '-np', String(s.parallel)],
    ...llamaRopeArgs(input.model, s.ctx).args,
    ...['-sm', mode],
    ...line.ts,
    ...(line.pinned ? ['--fit', 'off'] : []),
    ...flashAttentionArgs(s, mode),
    ...tuningArgs(s),
    ...(rpc.length ? ['--rpc', rpc.join(',')] : []),
    ...['--host', options.host ?? DEFAULT_HOST, '--port', String(options.port ?? LLAMA_DEFAULT_PORT)],
  ];
}

const RPC_FIT_NOTE =
  '-ngl auto with --fit on (the default) places the layers over the remote and local devices by their free memory, as the plan sized them; remote devices come first, so the last layers and the logits stay on this machine (PR #9296)';
const FIT_OFF_NOTE = '`--fit off` keeps llama.cpp from re-fitting the split, layers and context planned here';

/** `llama-server` for the plan (or, with `extras.rpc`, the head of an RPC cluster). */
export function buildLlamaCppCommand(input: CommandInput, extras: LlamaExtras = {}): LaunchCommand {
  const { strategy } = input;
  const line = llamaLine(input, extras);
  const source = ggufPath(input.model, input.options);
  const rpc = line.rpc.length > 0;
  return {
    runtime: 'llama.cpp',
    role: rpc ? 'head' : 'single',
    title: rpc ? 'llama-server on the head, using the RPC workers' : 'llama-server',
    argv: llamaArgv(line, source.path, input),
    env: deviceEnv(strategy.gpuIndices, input.options.vendor),
    notes: [
      ...fitNote(strategy),
      ...source.notes,
      ...(line.pinned ? [FIT_OFF_NOTE] : []),
      ...flashAttentionNotes(line.s, line.mode),
      ...splitNotes(line.mode, strategy, input.model.spec.arch),
      ...llamaRopeArgs(input.model, line.s.ctx).notes,
      ...(rpc ? [RPC_FIT_NOTE] : memoryNotes(line.s, strategy)),
      ...llamaExpectNotes(input, line.s, line.mode),
    ],
  };
}
