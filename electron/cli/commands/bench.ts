/**
 * `bench import FILE… MACHINE --model M [--json]`: what the user measured (llama-bench in any output
 * form, llama.cpp load logs, `vllm bench serve` results) beside what the plan predicts for the same run
 * on the same machine. The files name neither the machine nor the model well enough, so both come from
 * the usual options; whatever a file could not give is said, never guessed.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  NotAMeasurementError,
  readMeasurements,
  type Measurement,
} from '@shared/bench-import/read-measurement';
import { compareMeasurements, type MemoryComparison } from '@shared/engine/advisor/compare-measurements';
import { measurementCsv } from '@shared/engine/advisor/measurement-csv';
import type { RunComparison } from '@shared/engine/advisor/measured-runs';
import {
  CalibrationFileError,
  calibrationFileText,
  mergeMemoryPoints,
  mergePoints,
  parseCalibrationFile,
  type CalibrationFileContent,
} from '@shared/settings/calibration-file';
import type { Range } from '@shared/engine/speed';
import { CliUsageError } from '../cli-error';
import type { CliIo } from '../io';
import { ADVICE_OPTIONS, adviceFromOptions, type AdviceValues } from '../options/advice-options';
import { readMeasurementFile } from '../options/measurement-options';
import { usageFromParseArgs } from '../options/parse-error';

/** `--csv`: the runs as calibration rows to share; `--source NAME` names who measured them. */
const BENCH_OPTIONS = {
  ...ADVICE_OPTIONS,
  csv: { type: 'boolean', default: false },
  source: { type: 'string' },
  save: { type: 'string' },
} as const;

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
        `  ${m.source}  ${m.device}${m.gpu ? ` (${m.gpu})` : ''}: ${mib(m.measured.weightsMiB)} / ${mib(m.measured.kvMiB)} / ${mib(m.measured.computeMiB)} → ${m.predicted ? `${m.predicted.weightsMiB} / ${m.predicted.kvMiB} / ${m.predicted.computeMiB}` : '—'}  ${pct(m.errorPct)}${m.notCalibrating ? `  (not used to calibrate: ${m.notCalibrating})` : ''}`,
    ),
  ];
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * `--save FILE`: the runs and buffers that can calibrate, added to the calibration file (created, or one
 * this command wrote before: any other file is refused, never overwritten). Returns what it did, in words.
 */
function saveCalibration(
  path: string,
  runs: readonly RunComparison[],
  memory: readonly MemoryComparison[],
): string {
  const points = runs.flatMap((r) => (r.point ? [r.point] : []));
  const buffers = memory.flatMap((m) => (m.point ? [m.point] : []));
  let kept: CalibrationFileContent = { points: [], memory: [] };
  if (existsSync(path)) {
    const text = readMeasurementFile(path);
    try {
      kept = parseCalibrationFile(text);
    } catch (error) {
      if (error instanceof CalibrationFileError)
        throw new CliUsageError(
          `--save ${path}: the file exists and is not a calibration file (${error.message}); not overwritten`,
        );
      throw error;
    }
  }
  const merged = mergePoints(kept.points, points);
  const mergedMemory = mergeMemoryPoints(kept.memory, buffers);
  try {
    writeFileSync(path, calibrationFileText(merged, mergedMemory));
  } catch (error) {
    throw new CliUsageError(
      `--save ${path}: cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const left = runs.length - points.length + memory.length - buffers.length;
  // A file of runs alone is described as it always was.
  const saved = mergedMemory.length
    ? `${plural(points.length, 'run')} and ${plural(buffers.length, 'memory reading')} to ${path} (${plural(merged.length, 'run')} and ${plural(mergedMemory.length, 'memory reading')} in all)`
    : `${plural(points.length, 'run')} to ${path} (${merged.length} in all)`;
  return `Saved ${saved}${left > 0 ? `; ${left} not used to calibrate (see notCalibrating)` : ''}. Plan with --measurements ${path}.`;
}

export async function runBench(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'import') throw new CliUsageError('bench takes "import FILE… MACHINE --model M" (see --help)');
  let parsed: {
    values: AdviceValues & { csv?: boolean; source?: string; save?: string };
    positionals: string[];
  };
  try {
    parsed = parseArgs({ args: [...rest], options: BENCH_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageFromParseArgs(error, rest);
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
      found = readMeasurements(readMeasurementFile(path), source);
    } catch (error) {
      if (error instanceof NotAMeasurementError) throw new CliUsageError(error.message);
      throw error;
    }
    const compared = compareMeasurements(found, source, input);
    runs.push(...compared.runs);
    memory.push(...compared.memory);
    skipped.push(...compared.skipped);
    unused.push(...compared.unused);
  }
  if (parsed.values.save) io.progress(saveCalibration(parsed.values.save, runs, memory));
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
