/**
 * `--measurements FILE…` (every advisor command): the machine's own measured runs calibrate its plans'
 * speeds (shared/engine/rig-calibration.ts), its load and start-up logs their buffers
 * (shared/engine/memory-calibration.ts). A FILE is a calibration file (`bench import … --save FILE`), rows
 * in the calibration format (`bench import --csv`, shared by someone with the same GPUs), or a raw
 * measurement (llama-bench output, `vllm bench serve` result, a llama.cpp load log, a vLLM start-up log)
 * of the model being planned.
 */
import { NotAMeasurementError, readMeasurements } from '@shared/bench-import/read-measurement';
import { looksLikeCalibrationCsv, pointsFromCalibrationCsv } from '@shared/calibration/rig-points';
import type { AdviceInput } from '@shared/engine/advisor/advise';
import { compareMeasurements } from '@shared/engine/advisor/compare-measurements';
import type { MemoryCalibrationPoint } from '@shared/engine/memory-calibration';
import type { RigCalibrationPoint } from '@shared/engine/rig-calibration';
import {
  CalibrationFileError,
  looksLikeCalibrationFile,
  mergeMemoryPoints,
  mergePoints,
  parseCalibrationFile,
} from '@shared/settings/calibration-file';
import { CliUsageError } from '../cli-error';
import { readCapped } from './read-capped';

/** Largest measurement file read, bytes (a long llama-server log is a few MB). */
export const MAX_MEASUREMENT_FILE_CHARS = 20 * 1024 * 1024;

export function readMeasurementFile(path: string): string {
  let text: string | null;
  try {
    // Read no further than the cap: `/dev/zero` or a runaway log would never end.
    text = readCapped(path, MAX_MEASUREMENT_FILE_CHARS);
  } catch (error) {
    throw new CliUsageError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (text === null) throw new CliUsageError(`${path}: larger than 20 MB, not a benchmark output`);
  return text;
}

export interface MeasuredCalibration {
  readonly points: readonly RigCalibrationPoint[];
  /** Buffers the load and start-up logs measured. */
  readonly memory: readonly MemoryCalibrationPoint[];
  /** What was left out, file by file, with why. */
  readonly notes: readonly string[];
}

/** The points of one file, compared on `input`'s machine (and model, for a raw measurement). */
export function pointsFromFile(path: string, text: string, input: AdviceInput): MeasuredCalibration {
  const name = path.split(/[\\/]/).pop() ?? path;
  if (looksLikeCalibrationFile(text)) {
    try {
      return { ...parseCalibrationFile(text), notes: [] };
    } catch (error) {
      if (error instanceof CalibrationFileError) throw new CliUsageError(`${path}: ${error.message}`);
      throw error;
    }
  }
  if (looksLikeCalibrationCsv(text)) {
    const rows = pointsFromCalibrationCsv(text, name, input.machine);
    return {
      points: rows.points,
      memory: [],
      notes: rows.skipped.map((s) => `${name} row ${s.id} not used: ${s.reason}`),
    };
  }
  let found;
  try {
    found = readMeasurements(text, name);
  } catch (error) {
    if (error instanceof NotAMeasurementError) throw new CliUsageError(error.message);
    throw error;
  }
  const compared = compareMeasurements(found, name, input);
  const notes = [
    ...compared.runs.flatMap((r) =>
      r.notCalibrating ? [`${name} ${r.test}: not used to calibrate (${r.notCalibrating})`] : [],
    ),
    ...compared.memory.flatMap((m) =>
      m.notCalibrating ? [`${name} ${m.device}: not used to calibrate (${m.notCalibrating})`] : [],
    ),
  ];
  return {
    points: compared.runs.flatMap((r) => (r.point ? [r.point] : [])),
    memory: compared.memory.flatMap((m) => (m.point ? [m.point] : [])),
    notes,
  };
}

/** Every file's points, duplicates kept once. */
export function calibrationFromFiles(paths: readonly string[], input: AdviceInput): MeasuredCalibration {
  let points: RigCalibrationPoint[] = [];
  let memory: MemoryCalibrationPoint[] = [];
  const notes: string[] = [];
  for (const path of paths) {
    const found = pointsFromFile(path, readMeasurementFile(path), input);
    points = mergePoints(points, found.points);
    memory = mergeMemoryPoints(memory, found.memory);
    notes.push(...found.notes);
  }
  return { points, memory, notes };
}
