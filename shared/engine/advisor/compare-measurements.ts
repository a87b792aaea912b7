/**
 * What the user measured beside what the plan predicts for the same run on the same machine — one
 * comparison for the CLI's `bench import` and the app's "Measured on your rig": llama-bench runs
 * (measured-runs.ts), llama.cpp load logs and vLLM start-up logs against the plan's memory per GPU, and
 * `vllm bench serve` results against the plan's per-stream decode under the same load. Always against
 * the uncalibrated plan: what a measurement says about the prediction is what calibrates a machine
 * (rig-calibration.ts for speeds, memory-calibration.ts for buffers).
 */
import type { LoadLogReport } from '../../bench-import/load-log';
import type { Measurement } from '../../bench-import/read-measurement';
import type { VllmBenchServe, VllmStartup } from '../../bench-import/vllm-output';
import { CACHE_TYPES, type CacheType } from '../kv-cache';
import type { LlamaCppSettings } from '../llama-cpp-memory';
import { memoryBackendOf, outOfRange, planBackend, type MemoryCalibrationPoint } from '../memory-calibration';
import { memoryPoint } from '../memory-points';

/** A point a calibration can keep, or why not (a garbled log's figure beyond any card). */
function kept(point: MemoryCalibrationPoint | null, otherwise: string) {
  const bad = point ? outOfRange(point) : null;
  if (bad) return { point: null, why: `a figure out of range (${bad}): the log is garbled` };
  return point ? { point, why: null } : { point: null, why: otherwise };
}
import type { Strategy } from '../planner/plan-types';
import { calibrationPoint, speedOutOfRange } from '../rig-calibration';
import type { Range } from '../speed';
import { advise, type Advice, type AdviceInput } from './advise';
import { compareLlamaBenchRun, type RunComparison } from './measured-runs';

export interface MemoryComparison {
  readonly source: string;
  readonly device: string;
  readonly gpu: string | null;
  /** The backend the log ran on (its device names: CUDA, ROCm, Vulkan, Metal, SYCL); null when unknown. */
  readonly backend: string | null;
  readonly measured: {
    readonly weightsMiB: number | null;
    readonly kvMiB: number | null;
    readonly computeMiB: number | null;
  };
  readonly predicted: {
    readonly weightsMiB: number;
    readonly kvMiB: number;
    readonly computeMiB: number;
  } | null;
  /** Measured total ÷ predicted total − 1, %. */
  readonly errorPct: number | null;
  /**
   * The buffer the model gets least right, as a calibration point for this machine: the device's compute
   * buffer (llama.cpp), the overhead outside the KV pool (vLLM). Null when it does not calibrate.
   */
  readonly point: MemoryCalibrationPoint | null;
  /** Why it does not calibrate (null when it does). */
  readonly notCalibrating: string | null;
}

const cacheType = (t: string | null): CacheType | undefined =>
  CACHE_TYPES.find((c) => c === t?.toLowerCase());

/** The llama.cpp settings the log ran with, as pins: they, not the options, made its buffers. */
function logPins(log: LoadLogReport, ngl: number | null): Partial<LlamaCppSettings> {
  const k = cacheType(log.typeK);
  const v = cacheType(log.typeV);
  return {
    ...(ngl !== null ? { ngl } : {}),
    ...(log.ubatch ? { ubatch: log.ubatch } : {}),
    ...(log.flashAttention !== null ? { flashAttention: log.flashAttention } : {}),
    ...(k ? { cacheTypeK: k } : {}),
    ...(v ? { cacheTypeV: v } : {}),
    // n_ctx counts every slot's cells: one slot of n_ctx holds the same cache and scratch.
    parallel: 1,
  };
}

/** Why the log's buffers cannot calibrate this plan's devices, or null when they can. */
function loadLogMismatch(log: LoadLogReport, advice: Advice): string | null {
  const s = advice.strategy;
  if (!s) return 'the plan has no strategy for this run';
  const spec = advice.request.model.spec;
  const params = Number.parseFloat(log.model['model params'] ?? '');
  if (Number.isFinite(params) && spec.paramsB > 0 && Math.abs(params / spec.paramsB - 1) > 0.15)
    return `the log is of a ${params.toFixed(2)} B model, compared as ${spec.name} (${spec.paramsB} B): pick the model it loaded, or it does not calibrate this machine`;
  if (log.devices.length !== s.perGpu.length)
    return `the log has ${log.devices.length} GPU devices, the plan ${s.perGpu.length}: give the machine it ran on`;
  // Weights left in RAM decide which device runs the prompt's matmuls (op offload): both must agree.
  const host = log.hostBuffers.filter((b) => b.kind === 'model').reduce((a, b) => a + b.mib, 0);
  if (Math.abs(host - s.hostWeightsMiB) > Math.max(1024, 0.1 * host))
    return `the log keeps ${(host / 1024).toFixed(1)} GiB of weights in system RAM, the plan ${(s.hostWeightsMiB / 1024).toFixed(1)} GiB: give the run's -ngl / --n-cpu-moe`;
  return null;
}

/** A load log's buffers against the plan's per-GPU memory for the same context, offload and settings. */
export function compareLoadLog(log: LoadLogReport, source: string, input: AdviceInput): MemoryComparison[] {
  const partial = log.offloaded && log.offloaded.layers < log.offloaded.of ? log.offloaded.layers : null;
  const run = {
    ...input.run,
    runtime: 'llama.cpp' as const,
    ...(log.nCtx ? { ctx: log.nCtx } : {}),
    split:
      partial !== null
        ? ('offload' as const)
        : input.machine.gpus.length > 1
          ? ('layer' as const)
          : ('none' as const),
    llama: { ...input.run.llama, ...logPins(log, partial) },
  };
  const advice = advise({ ...input, run, depth: 'verdicts' });
  const strategy = advice.strategy;
  const mismatch = loadLogMismatch(log, advice);
  const backend = memoryBackendOf(log.backend);
  const from = [source, log.build ? `build ${log.build}` : ''].filter(Boolean).join(', ');
  return log.devices.map((d, i) => {
    const use = strategy?.perGpu[i];
    const measuredTotal = (d.modelMiB ?? 0) + (d.kvMiB ?? 0) + (d.computeMiB ?? 0);
    const predicted = use
      ? { weightsMiB: use.weightsMiB, kvMiB: use.kvCacheMiB, computeMiB: use.computeMiB }
      : null;
    const predictedTotal = predicted ? predicted.weightsMiB + predicted.kvMiB + predicted.computeMiB : 0;
    const { point, why } = kept(
      strategy && !mismatch && d.computeMiB
        ? memoryPoint(advice.request, strategy, i, { measuredMiB: d.computeMiB, backend, source: from })
        : null,
      mismatch ?? (d.computeMiB ? 'the plan has no compute buffer on this device' : 'no compute buffer line'),
    );
    return {
      source,
      device: d.device,
      gpu: use?.name ?? null,
      backend: log.backend,
      measured: { weightsMiB: d.modelMiB, kvMiB: d.kvMiB, computeMiB: d.computeMiB },
      predicted,
      errorPct: predicted && predictedTotal > 0 ? (measuredTotal / predictedTotal - 1) * 100 : null,
      point,
      notCalibrating: why,
    };
  });
}

/** The overhead a start-up log's KV pool implies: what the plan left for the pool, less what vLLM found. */
function startupPoint(advice: Advice, s: Strategy | null, log: VllmStartup, source: string) {
  const use = s?.perGpu[0];
  const g = use ? advice.request.machine.gpus[use.index] : undefined;
  if (!s || !use || !g || log.availableKvGiB === null) return { point: null, why: 'no KV pool figure' };
  const weightsMiB = log.weightsGiB === null ? null : log.weightsGiB * 1024;
  // Another model would pass its weights off as overhead. A quantized checkpoint keeps some tensors at
  // 16 bits (vllm-03: 16.63 GiB loaded against 13.19 planned for the same AWQ model), hence the wide margin.
  if (weightsMiB !== null && Math.abs(Math.log(weightsMiB / Math.max(use.weightsMiB, 1))) > Math.log(1.5))
    return {
      point: null,
      why: `the log loaded ${log.weightsGiB} GiB of weights per GPU, the plan ${(use.weightsMiB / 1024).toFixed(2)} GiB: pick the model and quantization it loaded`,
    };
  const measuredMiB = use.overheadMiB + use.kvCacheMiB - log.availableKvGiB * 1024;
  const point = memoryPoint(advice.request, s, 0, { measuredMiB, backend: planBackend(g), source });
  return kept(point, 'the plan has no overhead figure for this GPU');
}

/** A vLLM start-up log's weights and KV pool per GPU against the plan for the same TP and context. */
export function compareStartup(log: VllmStartup, source: string, input: AdviceInput): MemoryComparison {
  const tp = log.tensorParallel ?? 1;
  const runtime = input.run.runtime ?? 'vllm';
  const run = {
    ...input.run,
    runtime,
    ...(log.maxModelLen ? { ctx: log.maxModelLen } : {}),
    ...(log.gpuMemoryUtilization ? { gpuMemoryUtilization: log.gpuMemoryUtilization } : {}),
  };
  const advice = advise({ ...input, run, strategyId: `${runtime}:tp${tp}`, depth: 'verdicts' });
  const use = advice.strategy?.perGpu[0];
  const calibrating = startupPoint(advice, advice.strategy, log, source);
  const measured = {
    weightsMiB: log.weightsGiB === null ? null : log.weightsGiB * 1024,
    kvMiB: log.availableKvGiB === null ? null : log.availableKvGiB * 1024,
    computeMiB: null,
  };
  const predicted = use
    ? { weightsMiB: use.weightsMiB, kvMiB: use.kvCacheMiB, computeMiB: use.overheadMiB }
    : null;
  return {
    source,
    device: `each of ${tp} GPU${tp > 1 ? 's' : ''} (vLLM)`,
    gpu: use?.name ?? null,
    backend: null,
    measured,
    predicted,
    // The KV pool is what a start-up log is read for: its error is the pool's.
    errorPct:
      predicted && measured.kvMiB && predicted.kvMiB > 0
        ? (measured.kvMiB / predicted.kvMiB - 1) * 100
        : null,
    point: calibrating.point,
    notCalibrating: calibrating.why,
  };
}

/** A serving benchmark's per-stream decode (1000 ÷ mean TPOT) against the plan under the same load. */
export function compareServe(
  serve: VllmBenchServe,
  source: string,
  input: AdviceInput,
): RunComparison | null {
  if (serve.decodeTokPerSec === null) return null;
  const streams = Math.max(
    1,
    Math.round(input.run.concurrency > 1 ? input.run.concurrency : (serve.peakConcurrency ?? 1)),
  );
  const requests = serve.requests ?? 0;
  const promptTokens = requests > 0 && serve.inputTokens ? Math.round(serve.inputTokens / requests) : 0;
  const outputTokens = requests > 0 && serve.outputTokens ? Math.round(serve.outputTokens / requests) : 0;
  const advice = advise({
    ...input,
    run: {
      ...input.run,
      runtime: input.run.runtime ?? 'vllm',
      concurrency: streams,
      ...(promptTokens > 0 && outputTokens > 0 ? { serving: { promptTokens, outputTokens } } : {}),
    },
    depth: 'verdicts',
  });
  const s = advice.strategy;
  const aggregate = s?.decodeTokPerSec ?? null;
  // The plan's decode is all streams together; a stream gets its share.
  const predicted: Range | null = aggregate
    ? { expected: aggregate.expected / streams, low: aggregate.low / streams, high: aggregate.high / streams }
    : null;
  const measured = serve.decodeTokPerSec;
  // Per stream on both sides: the ratio is the same for the plan's all-streams figure.
  const candidate =
    s && predicted
      ? calibrationPoint(
          advice.request,
          { ...s, decodeTokPerSec: predicted },
          { phase: 'decode', measured, source },
        )
      : null;
  const garbled = candidate ? speedOutOfRange(candidate) : null;
  const point = garbled ? null : candidate;
  return {
    source,
    build: null,
    backend: s?.runtime ?? 'vllm',
    devices: input.machine.gpus.map((g) => g.name),
    modelLabel: input.model.spec.name,
    model: input.model.spec.name,
    quant: input.model.quantLabel,
    splitMode: s?.split ?? '',
    tensorSplit: null,
    ngl: null,
    nCpuMoe: null,
    kvType: null,
    test: `serve ${streams} streams, ${promptTokens} in / ${outputTokens} out`,
    promptTokens,
    genTokens: outputTokens,
    depth: 0,
    measuredTokPerSec: measured,
    predictedTokPerSec: predicted,
    calibratedTokPerSec: null,
    errorPct: predicted ? ((measured - predicted.expected) / predicted.expected) * 100 : null,
    withinRange: predicted ? measured >= predicted.low && measured <= predicted.high : null,
    strategyId: s?.id ?? null,
    notes: [
      `per-stream decode = 1000 ÷ mean TPOT; ${input.run.concurrency > 1 ? 'the concurrency asked for' : 'the peak concurrent requests'} taken as the streams`,
    ],
    point,
    notCalibrating: point
      ? null
      : garbled
        ? `a figure out of range (${garbled}): the result is garbled`
        : 'the plan has no decode figure for this serving load',
  };
}

export interface ComparedMeasurements {
  readonly runs: readonly RunComparison[];
  readonly memory: readonly MemoryComparison[];
  /** Lines of a file that were not runs, with why. */
  readonly skipped: readonly { readonly source: string; readonly line: number; readonly reason: string }[];
  /** Measurements that could not be compared, with why. */
  readonly unused: readonly {
    readonly source: string;
    readonly kind: Measurement['kind'];
    readonly reason: string;
  }[];
}

/** Every measurement of one file against the uncalibrated plan on `input`'s machine and model. */
export function compareMeasurements(
  found: readonly Measurement[],
  source: string,
  adviceInput: AdviceInput,
): ComparedMeasurements {
  const input = { ...adviceInput, machine: { ...adviceInput.machine, calibration: null } };
  const runs: RunComparison[] = [];
  const memory: MemoryComparison[] = [];
  const skipped: { source: string; line: number; reason: string }[] = [];
  const unused: { source: string; kind: Measurement['kind']; reason: string }[] = [];
  for (const m of found) {
    if (m.kind === 'llama-bench') {
      for (const run of m.runs)
        runs.push(
          // It plans the run uncalibrated itself, and calibrated too when the machine has a calibration.
          compareLlamaBenchRun(run, {
            machine: adviceInput.machine,
            model: input.model,
            source,
            build: m.build,
          }),
        );
      skipped.push(...m.skipped.map((s) => ({ source, line: s.line, reason: s.reason })));
    } else if (m.kind === 'llama.cpp load log') memory.push(...compareLoadLog(m, source, input));
    else if (m.kind === 'vllm bench serve') {
      const run = compareServe(m, source, input);
      if (run) runs.push(run);
      else unused.push({ source, kind: m.kind, reason: 'no mean TPOT in the result block' });
    } else memory.push(compareStartup(m, source, input));
  }
  return { runs, memory, skipped, unused };
}
