/**
 * A measured llama-bench run beside what the planner predicts for the same run on the same machine:
 * the run's own split, tensor split, `-ngl`, experts in RAM, KV types, flash attention and ubatch become
 * the plan's llama.cpp pins, its test (pp / tg / pp+tg at a depth) the figure compared. The machine and
 * the model come from the user (the output names neither well enough), never from a guess.
 */
import type { LlamaBenchRun } from '../../bench-import/llama-bench';
import type { EngineModel } from '../../model-import/model-weights';
import { CACHE_TYPES, type CacheType } from '../kv-cache';
import type { LlamaCppSettings } from '../llama-cpp-memory';
import type { EngineMachine } from '../machine';
import type { PlanRequest, SplitMode, Strategy } from '../planner/plan-types';
import { plan } from '../planner/planner';
import { memoryBackendOf } from '../memory-calibration';
import { calibrationPoint, speedOutOfRange, type RigCalibrationPoint } from '../rig-calibration';
import type { Range } from '../speed';

export interface RunComparison {
  /** The file the run came from. */
  readonly source: string;
  readonly build: string | null;
  readonly backend: string;
  /** The GPUs of the machine it is compared on. */
  readonly devices: readonly string[];
  /** The model as llama-bench labelled it, and the model and quantization it is planned as. */
  readonly modelLabel: string;
  readonly model: string;
  readonly quant: string;
  readonly splitMode: string;
  readonly tensorSplit: readonly number[] | null;
  readonly ngl: number | null;
  readonly nCpuMoe: number | null;
  readonly kvType: string | null;
  readonly test: string;
  readonly promptTokens: number;
  readonly genTokens: number;
  readonly depth: number;
  readonly measuredTokPerSec: number;
  readonly predictedTokPerSec: Range | null;
  /** The prediction once the machine's calibration applies (null when the machine has none that applies). */
  readonly calibratedTokPerSec: Range | null;
  /** (measured − expected) ÷ expected, %. */
  readonly errorPct: number | null;
  /** Whether the measurement falls inside the predicted range. */
  readonly withinRange: boolean | null;
  /** The strategy it was planned as (`llama.cpp:layer`). */
  readonly strategyId: string | null;
  /** What the comparison assumed or could not do. */
  readonly notes: readonly string[];
  /** The run as a calibration point for this machine (null for a mixed pp+tg test or no prediction). */
  readonly point: RigCalibrationPoint | null;
  /** Why the run is no calibration point (null when it is one). */
  readonly notCalibrating: string | null;
}

/** How the comparison is set up: the user's machine and model, and where the run came from. */
export interface RunContext {
  readonly machine: EngineMachine;
  readonly model: EngineModel;
  readonly source: string;
  readonly build: string | null;
}

const cacheType = (t: string | null): CacheType | undefined =>
  CACHE_TYPES.find((c) => c === t?.toLowerCase());

/** The llama.cpp pins and split the run used, as the planner takes them. */
function pinsOf(run: LlamaBenchRun, model: EngineModel, gpus: number) {
  const s = run.settings;
  const layers = model.spec.layers;
  // `-ot exps=CPU` keeps every layer's experts in RAM; `--n-cpu-moe N` the first N layers'.
  const allExperts = /exps=CPU/i.test(s.overrideTensors ?? '') && model.spec.experts ? layers : null;
  const cpuMoe = s.nCpuMoe ?? allExperts;
  const partial = run.ngl !== null && run.ngl >= 0 && run.ngl <= layers;
  const k = cacheType(s.typeK);
  const v = cacheType(s.typeV);
  const llama: Partial<LlamaCppSettings> = {
    ...(cpuMoe && cpuMoe > 0 ? { nCpuMoe: Math.min(cpuMoe, layers) } : {}),
    ...(partial ? { ngl: run.ngl } : {}),
    ...(k ? { cacheTypeK: k } : {}),
    ...(v ? { cacheTypeV: v } : {}),
    ...(s.flashAttention !== null ? { flashAttention: s.flashAttention } : {}),
    ...(s.ubatch ? { ubatch: s.ubatch } : {}),
    ...(s.tensorSplit && s.tensorSplit.length === gpus ? { tensorSplit: s.tensorSplit } : {}),
  };
  const mode = s.splitMode ?? (gpus > 1 ? 'layer' : 'none');
  const split: SplitMode = partial
    ? 'offload'
    : mode === 'row' || mode === 'tensor'
      ? mode
      : gpus > 1 && mode !== 'none'
        ? 'layer'
        : 'none';
  return { llama, split, mode };
}

/** The range for the run's test: prompt, generation, or both one after the other (`pp512+tg128`). */
function predictedFor(run: LlamaBenchRun, s: Strategy): Range | null {
  const pp = s.prefillTokPerSec;
  const tg = s.decodeTokPerSec;
  if (run.genTokens > 0 && run.promptTokens === 0) return tg;
  if (run.promptTokens > 0 && run.genTokens === 0) return pp;
  if (!pp || !tg) return null;
  const p = run.promptTokens;
  const g = run.genTokens;
  const both = (a: number, b: number) => (p + g) / (p / a + g / b);
  return {
    expected: both(pp.expected, tg.expected),
    low: both(pp.low, tg.low),
    high: both(pp.high, tg.high),
  };
}

/** Parameters of the run's model, billions: `model_n_params` (json/csv/sql) or the table's `params` (`6.74 B`). */
export function runParamsB(run: LlamaBenchRun): number | null {
  const n = Number(run.fields.model_n_params);
  if (Number.isFinite(n) && n > 0) return n / 1e9;
  const m = /^([\d.]+)\s*([TBMK])\b/i.exec((run.fields.params ?? '').trim());
  if (!m) return null;
  const scale = { T: 1e3, B: 1, M: 1e-3, K: 1e-6 }[(m[2] ?? 'B').toUpperCase() as 'T' | 'B' | 'M' | 'K'];
  return Number(m[1]) * scale;
}

/**
 * Whether the run is of another model than the one it is compared as: its parameter count is more
 * than 15% off (a vision tower or a tied head moves it a few %). Null when the run does not say.
 */
function otherModel(run: LlamaBenchRun, model: EngineModel): string | null {
  const ran = runParamsB(run);
  const planned = model.spec.paramsB;
  if (ran === null || !(planned > 0) || Math.abs(ran / planned - 1) <= 0.15) return null;
  return `the run is of a ${ran.toFixed(2)} B model, compared as ${model.spec.name} (${planned} B): pick the model it ran, or it does not calibrate this machine`;
}

export function compareLlamaBenchRun(run: LlamaBenchRun, ctx: RunContext): RunComparison {
  const { machine, model } = ctx;
  const gpus = machine.gpus.length;
  const { llama, split, mode } = pinsOf(run, model, gpus);
  const notes: string[] = [];
  const mismatch = otherModel(run, model);
  if (mismatch) notes.push(mismatch);
  if (/vulkan/i.test(run.backend) && machine.gpus.some((g) => g.vendor !== 'intel'))
    notes.push("measured on llama.cpp's Vulkan build; the plans are for the vendor's build (CUDA, ROCm)");
  const devices = run.settings.devices?.split(/[/,]/).filter(Boolean) ?? [];
  if (devices.length > 0 && devices.length !== gpus)
    notes.push(
      `ran on ${devices.join(', ')} (-dev), compared on all ${gpus} GPU${gpus > 1 ? 's' : ''} of this machine: give the machine it ran on`,
    );
  if (mode === 'row' && /vulkan|metal|mtl/i.test(run.backend))
    notes.push('-sm row on Vulkan/Metal runs as a layer split (no split buffers): planned as layer');
  const request: PlanRequest = {
    machine,
    model,
    ctx: Math.max(512, run.promptTokens + run.depth + run.genTokens),
    runtime: 'llama.cpp',
    split: mode === 'row' && /vulkan|metal|mtl/i.test(run.backend) ? 'layer' : split,
    concurrency: 1,
    goal: 'latency',
    llama,
    gpuMemoryUtilization: null,
    // llama-bench's tg test starts at -d tokens: on average the context holds depth + half the generated.
    depth: run.depth + run.genTokens / 2,
    prompt: { tokens: Math.max(1, run.promptTokens), depth: run.depth },
  };
  // Compared with the uncalibrated plan: the ratio is what calibrates the machine.
  const strategy = plan({ ...request, machine: { ...machine, calibration: null } }).strategies[0] ?? null;
  const predicted = strategy ? predictedFor(run, strategy) : null;
  const calibratedPlan = machine.calibration?.points.length ? plan(request).strategies[0] : undefined;
  const calibrated = calibratedPlan?.calibration && strategy ? predictedFor(run, calibratedPlan) : null;
  if (!predicted)
    notes.push('no prediction: the plan has no speed for this machine (a GPU with unknown bandwidth?)');
  const whyNot = mismatch
    ? `the run is of another model (${runParamsB(run)?.toFixed(2)} B parameters)`
    : run.promptTokens > 0 && run.genTokens > 0
      ? 'a prompt + generation test mixes both speeds: calibrate with pp and tg tests'
      : null;
  const candidate =
    strategy && predicted && !whyNot
      ? calibrationPoint(request, strategy, {
          phase: run.genTokens > 0 ? 'decode' : 'prefill',
          measured: run.tokPerSec,
          source: [ctx.source, ctx.build ? `build ${ctx.build}` : ''].filter(Boolean).join(', '),
          // `CUDA,RPC`, `MTL,BLAS`: the first is the GPU backend.
          backend: memoryBackendOf(run.backend.split(',')[0]?.trim() ?? null),
        })
      : null;
  // A garbled row (10⁸ t/s, a depth of 10¹¹) is shown, not kept: the file it went to would not read back.
  const garbled = candidate ? speedOutOfRange(candidate) : null;
  const point = garbled ? null : candidate;
  const errorPct = predicted ? ((run.tokPerSec - predicted.expected) / predicted.expected) * 100 : null;
  return {
    source: ctx.source,
    build: ctx.build,
    backend: run.backend,
    devices: machine.gpus.map((g) => g.name),
    modelLabel: run.model,
    model: model.spec.name,
    quant: model.quantLabel,
    splitMode: mode,
    tensorSplit: run.settings.tensorSplit,
    ngl: run.ngl,
    nCpuMoe: llama.nCpuMoe ?? null,
    kvType: run.settings.typeK,
    test: run.test,
    promptTokens: run.promptTokens,
    genTokens: run.genTokens,
    depth: run.depth,
    measuredTokPerSec: run.tokPerSec,
    predictedTokPerSec: predicted,
    calibratedTokPerSec: calibrated,
    errorPct,
    withinRange: predicted ? run.tokPerSec >= predicted.low && run.tokPerSec <= predicted.high : null,
    strategyId: strategy?.id ?? null,
    notes,
    point,
    notCalibrating: point
      ? null
      : garbled
        ? `a figure out of range (${garbled}): the output is garbled`
        : (whyNot ?? 'the plan has no figure to compare it with'),
  };
}
