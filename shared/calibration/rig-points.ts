/**
 * Rows in the project's calibration format (a shared `bench import --csv`, or a table from
 * fixtures/calibration) as calibration points for a machine of the same kind: each row is planned on
 * its own GPUs, as the calibration report plans it, and used only when this machine has every kind of
 * GPU the row ran on. Rows that cannot be planned, or ran on other GPUs, are named with why.
 */
import type { EngineMachine } from '../engine/machine';
import { calibrationPoint, gpuKind, gpuKindsOf, type RigCalibrationPoint } from '../engine/rig-calibration';
import { benchmarkRow, isProblem } from './benchmark-rows';
import { parseCsv } from './csv';
import { speedSample } from './speed-samples';

export interface RowPoints {
  readonly points: readonly RigCalibrationPoint[];
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
}

/** The header every calibration table starts with (fixtures/calibration, `bench import --csv`). */
export const looksLikeCalibrationCsv = (text: string): boolean => {
  const header = text.slice(0, 2000).split(/\r?\n/, 1)[0] ?? '';
  return /(^|,)gpu_model(,|$)/.test(header) && /(^|,)tg_tok_s(,|$)/.test(header);
};

export function pointsFromCalibrationCsv(text: string, table: string, machine: EngineMachine): RowPoints {
  const kinds = new Set(machine.gpus.map(gpuKind));
  const points: RigCalibrationPoint[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const record of parseCsv(text)) {
    const row = benchmarkRow(record, table);
    if (isProblem(row)) {
      skipped.push({ id: row.id, reason: row.reason });
      continue;
    }
    const sample = speedSample(row);
    if (isProblem(sample)) {
      skipped.push({ id: sample.id, reason: sample.reason });
      continue;
    }
    const ran = gpuKindsOf(sample.request.machine, sample.strategy.gpuIndices);
    const missing = ran.filter((k) => !kinds.has(k));
    if (missing.length > 0) {
      skipped.push({
        id: row.id,
        reason: `ran on ${[...new Set(missing)].join(', ')}, which this machine lacks`,
      });
      continue;
    }
    const source = `${table} ${row.id} (${row.sourceGroup})`;
    const decode = row.tgTokS
      ? calibrationPoint(sample.request, sample.strategy, { phase: 'decode', measured: row.tgTokS, source })
      : null;
    const prefill = row.ppTokS
      ? calibrationPoint(sample.request, sample.strategy, { phase: 'prefill', measured: row.ppTokS, source })
      : null;
    if (!decode && !prefill) skipped.push({ id: row.id, reason: 'the plan has no speed to compare it with' });
    points.push(...[decode, prefill].filter((p): p is RigCalibrationPoint => p !== null));
  }
  return { points, skipped };
}
