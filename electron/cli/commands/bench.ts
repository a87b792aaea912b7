/**
 * `bench import FILE… MACHINE --model M [--json]`: what the user measured (llama-bench in any output
 * form, llama.cpp load logs, `vllm bench serve` results) beside what the plan predicts for the same run
 * on the same machine. The files name neither the machine nor the model well enough, so both come from
 * the usual options; whatever a file could not give is said, never guessed.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { LoadLogReport } from '@shared/bench-import/load-log';
import {
  NotAMeasurementError,
  readMeasurements,
  type Measurement,
} from '@shared/bench-import/read-measurement';
import type { VllmBenchServe, VllmStartup } from '@shared/bench-import/vllm-output';
import { advise, type AdviceInput } from '@shared/engine/advisor/advise';
import { measurementCsv } from '@shared/engine/advisor/measurement-csv';
import { compareLlamaBenchRun, type RunComparison } from '@shared/engine/advisor/measured-runs';
import type { Range } from '@shared/engine/speed';
import { CliUsageError } from '../cli-error';
import type { CliIo } from '../io';
import { ADVICE_OPTIONS, adviceFromOptions, type AdviceValues } from '../options/advice-options';

/** `--csv`: the runs as calibration rows to share; `--source NAME` names who measured them. */
const BENCH_OPTIONS = {
  ...ADVICE_OPTIONS,
  csv: { type: 'boolean', default: false },
  source: { type: 'string' },
} as const;

/** Largest measurement file read, characters (a long llama-server log is a few MB). */
const MAX_FILE_CHARS = 20 * 1024 * 1024;

interface MemoryComparison {
  readonly source: string;
  readonly device: string;
  readonly gpu: string | null;
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
}

function readFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (text.length > MAX_FILE_CHARS)
    throw new CliUsageError(`${path}: larger than 20 MB, not a benchmark output`);
  return text;
}

/** A load log's buffers against the plan's per-GPU memory for the same context and offload. */
function compareLoadLog(log: LoadLogReport, source: string, input: AdviceInput): MemoryComparison[] {
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
    llama: { ...input.run.llama, ...(partial !== null ? { ngl: partial } : {}) },
  };
  const strategy = advise({ ...input, run, depth: 'verdicts' }).strategy;
  return log.devices.map((d, i) => {
    const use = strategy?.perGpu[i];
    const measuredTotal = (d.modelMiB ?? 0) + (d.kvMiB ?? 0) + (d.computeMiB ?? 0);
    const predicted = use
      ? { weightsMiB: use.weightsMiB, kvMiB: use.kvCacheMiB, computeMiB: use.computeMiB }
      : null;
    const predictedTotal = predicted ? predicted.weightsMiB + predicted.kvMiB + predicted.computeMiB : 0;
    return {
      source,
      device: d.device,
      gpu: use?.name ?? null,
      measured: { weightsMiB: d.modelMiB, kvMiB: d.kvMiB, computeMiB: d.computeMiB },
      predicted,
      errorPct: predicted && predictedTotal > 0 ? (measuredTotal / predictedTotal - 1) * 100 : null,
    };
  });
}

/** A vLLM start-up log's weights and KV pool per GPU against the plan for the same TP and context. */
function compareStartup(log: VllmStartup, source: string, input: AdviceInput): MemoryComparison {
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
    measured,
    predicted,
    // The KV pool is what a start-up log is read for: its error is the pool's.
    errorPct:
      predicted && measured.kvMiB && predicted.kvMiB > 0
        ? (measured.kvMiB / predicted.kvMiB - 1) * 100
        : null,
  };
}

/** A serving benchmark's per-stream decode (1000 ÷ mean TPOT) against the plan under the same load. */
function compareServe(serve: VllmBenchServe, source: string, input: AdviceInput): RunComparison | null {
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
    errorPct: predicted ? ((measured - predicted.expected) / predicted.expected) * 100 : null,
    withinRange: predicted ? measured >= predicted.low && measured <= predicted.high : null,
    strategyId: s?.id ?? null,
    notes: [
      `per-stream decode = 1000 ÷ mean TPOT; ${input.run.concurrency > 1 ? '--concurrency' : 'the peak concurrent requests'} taken as the streams`,
    ],
  };
}

const pct = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(0)}%`);
const range = (r: Range | null) =>
  r ? `${r.expected.toFixed(1)} (${r.low.toFixed(1)}–${r.high.toFixed(1)})` : '—';

function runLines(runs: readonly RunComparison[]): string[] {
  if (runs.length === 0) return [];
  return [
    'Measured against predicted (tokens/s):',
    ...runs.map(
      (r) =>
        `  ${r.source}  ${r.test.padEnd(18)} ${r.splitMode.padEnd(6)} measured ${r.measuredTokPerSec.toFixed(1).padStart(8)}  predicted ${range(r.predictedTokPerSec)}  ${pct(r.errorPct)}${r.withinRange === false ? '  OUTSIDE the range' : ''}`,
    ),
  ];
}

function memoryLines(memory: readonly MemoryComparison[]): string[] {
  if (memory.length === 0) return [];
  const mib = (x: number | null) => (x === null ? '—' : x.toFixed(0));
  return [
    'Memory per device (MiB: weights / KV / compute), measured → planned:',
    ...memory.map(
      (m) =>
        `  ${m.source}  ${m.device}${m.gpu ? ` (${m.gpu})` : ''}: ${mib(m.measured.weightsMiB)} / ${mib(m.measured.kvMiB)} / ${mib(m.measured.computeMiB)} → ${m.predicted ? `${m.predicted.weightsMiB} / ${m.predicted.kvMiB} / ${m.predicted.computeMiB}` : '—'}  ${pct(m.errorPct)}`,
    ),
  ];
}

export async function runBench(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'import') throw new CliUsageError('bench takes "import FILE… MACHINE --model M" (see --help)');
  let parsed: { values: AdviceValues & { csv?: boolean; source?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...rest], options: BENCH_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message} (see --help)`);
  }
  const files = parsed.positionals;
  if (files.length === 0)
    throw new CliUsageError(
      'bench import needs at least one file (llama-bench output, a load log, a vllm bench serve result)',
    );
  if (!parsed.values.model)
    throw new CliUsageError(
      'bench import needs --model: the outputs do not name the model well enough to plan it',
    );
  const { input } = await adviceFromOptions(parsed.values);
  const runs: RunComparison[] = [];
  const memory: MemoryComparison[] = [];
  const skipped: { source: string; line: number; reason: string }[] = [];
  const unused: { source: string; kind: Measurement['kind']; reason: string }[] = [];
  for (const path of files) {
    const source = path.split(/[\\/]/).pop() ?? path;
    let found: Measurement[];
    try {
      found = readMeasurements(readFile(path), source);
    } catch (error) {
      if (error instanceof NotAMeasurementError) throw new CliUsageError(error.message);
      throw error;
    }
    for (const m of found) {
      if (m.kind === 'llama-bench') {
        for (const run of m.runs)
          runs.push(
            compareLlamaBenchRun(run, { machine: input.machine, model: input.model, source, build: m.build }),
          );
        skipped.push(...m.skipped.map((s) => ({ source, line: s.line, reason: s.reason })));
      } else if (m.kind === 'llama.cpp load log') memory.push(...compareLoadLog(m, source, input));
      else if (m.kind === 'vllm bench serve') {
        const run = compareServe(m, source, input);
        if (run) runs.push(run);
        else unused.push({ source, kind: m.kind, reason: 'no mean TPOT in the result block' });
      } else memory.push(compareStartup(m, source, input));
    }
  }
  if (parsed.values.csv) {
    const spec = input.model.spec;
    io.out(
      measurementCsv(runs, {
        source: parsed.values.source?.trim() || 'my rig',
        modelRepo: spec.repo ?? '',
        paramsB: spec.paramsB,
        activeParamsB: spec.experts ? spec.activeParamsB : null,
      }).trimEnd(),
    );
    return 0;
  }
  if (parsed.values.json) io.out(JSON.stringify({ runs, memory, skipped, unused }, null, 2));
  else
    io.out(
      [
        ...runLines(runs),
        ...memoryLines(memory),
        ...skipped.map((s) => `  skipped ${s.source}:${s.line}: ${s.reason}`),
        ...unused.map((u) => `  not compared: ${u.source} (${u.kind}): ${u.reason}`),
      ].join('\n') || 'Nothing to compare in these files.',
    );
  return 0;
}
