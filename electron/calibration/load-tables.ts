/**
 * Reads the calibration tables from disk: fixtures/calibration/benchmarks.csv and every decode table in
 * fixtures/calibration/collected/ (the memory-* tables have their own reader). Plain Node, no Electron.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  benchmarkRow,
  isProblem,
  type BenchmarkRow,
  type RowProblem,
} from '@shared/calibration/benchmark-rows';
import { prefillSample, speedSample, type SpeedSample } from '@shared/calibration/speed-samples';
import { parseCsv } from '@shared/calibration/csv';

export interface Tables {
  readonly rows: readonly BenchmarkRow[];
  readonly problems: readonly RowProblem[];
}

/** The decode tables under `root` (the repository's fixtures/calibration). */
export function readSpeedTables(root: string): Tables {
  const collected = join(root, 'collected');
  const files = [
    join(root, 'benchmarks.csv'),
    ...readdirSync(collected)
      .filter((f) => f.endsWith('.csv') && !f.startsWith('memory-'))
      .sort()
      .map((f) => join(collected, f)),
  ];
  const rows: BenchmarkRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const table = file.slice(root.length + 1);
    for (const record of parseCsv(readFileSync(file, 'utf8'))) {
      const row = benchmarkRow(record, table);
      if (isProblem(row)) problems.push(row);
      else if (seen.has(row.id)) problems.push({ id: row.id, table, reason: 'duplicate id' });
      else {
        seen.add(row.id);
        rows.push(row);
      }
    }
  }
  return { rows, problems };
}

export interface CalibrationSamples {
  /** Rows with a decode figure, planned. */
  readonly decode: readonly SpeedSample[];
  /** Rows with a prompt figure, as samples of the prompt model. */
  readonly prompt: readonly SpeedSample[];
  /** Every row left out, with why. */
  readonly skipped: readonly RowProblem[];
}

/** Every table row planned with the product's planner: the decode and prompt samples, and what was left out. */
export function calibrationSamples(root: string): CalibrationSamples {
  const { rows, problems } = readSpeedTables(root);
  const decode: SpeedSample[] = [];
  const prompt: SpeedSample[] = [];
  const skipped: RowProblem[] = [...problems];
  for (const row of rows) {
    const s = speedSample(row);
    if (isProblem(s)) {
      skipped.push(s);
      continue;
    }
    if (Number.isFinite(s.measured)) decode.push(s);
    const p = prefillSample(s);
    if (p) prompt.push(p);
  }
  return { decode, prompt, skipped };
}
