/**
 * What calibrating on one's own rig is worth, measured the way a new user meets it: the speed model
 * never saw the rig (each prediction is out of fold, from a fit without the row's source group), and
 * each of the rig's rows is predicted from the rig's OTHER rows as calibration points
 * (leave-one-row-out). A rig is one source group's runs on one set of GPU kinds with one runtime.
 */
import {
  calibrate,
  calibrationPoint,
  type CalibrationTarget,
  type RigCalibrationPoint,
} from '../engine/rig-calibration';
import type { Scored } from './fit-speed';

export interface RigCalibrationResult {
  readonly sample: Scored['sample'];
  readonly measured: number;
  readonly uncalibrated: number;
  readonly calibrated: number;
  readonly withinUncalibratedBand: boolean;
  readonly withinCalibratedBand: boolean;
  readonly sameConfiguration: boolean;
}

export interface RigCalibrationReport {
  readonly rigs: number;
  readonly results: readonly RigCalibrationResult[];
}

const rigOf = (p: RigCalibrationPoint, group: string) => `${group} | ${p.runtime} | ${p.gpus.join('+')}`;

/**
 * `scored`: out-of-fold decode predictions; `band`: the uncalibrated band (measured ÷ predicted
 * quantiles) those predictions carry.
 */
export function rigCalibrationReport(
  scored: readonly Scored[],
  band: { readonly low: number; readonly high: number },
): RigCalibrationReport {
  const rows = scored.flatMap((s) => {
    const shape = calibrationPoint(s.sample.request, s.sample.strategy, {
      phase: 'decode',
      measured: s.sample.measured,
      source: s.sample.row.id,
    });
    if (!shape || !(s.predicted > 0)) return [];
    // The point as a new user would have made it: against the prediction that never saw the rig.
    const point: RigCalibrationPoint = { ...shape, predictedTokPerSec: s.predicted };
    return [{ scored: s, point, rig: rigOf(point, s.sample.row.sourceGroup) }];
  });
  const byRig = new Map<string, typeof rows>();
  for (const r of rows) byRig.set(r.rig, [...(byRig.get(r.rig) ?? []), r]);
  const results: RigCalibrationResult[] = [];
  let rigs = 0;
  for (const members of byRig.values()) {
    if (members.length < 2) continue;
    rigs += 1;
    for (const held of members) {
      const others = members.filter((m) => m !== held).map((m) => m.point);
      const p = held.point;
      const target: CalibrationTarget = p;
      const range = {
        expected: held.scored.predicted,
        low: held.scored.predicted * band.low,
        high: held.scored.predicted * band.high,
      };
      const out = calibrate(range, target, { points: others });
      if (!out) continue;
      const measured = p.measuredTokPerSec;
      results.push({
        sample: held.scored.sample,
        measured,
        uncalibrated: range.expected,
        calibrated: out.range.expected,
        withinUncalibratedBand: measured >= range.low && measured <= range.high,
        withinCalibratedBand: measured >= out.range.low && measured <= out.range.high,
        sameConfiguration: out.applied.sameConfiguration,
      });
    }
  }
  return { rigs, results };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export function summariseRigCalibration(r: RigCalibrationReport) {
  const err = (x: number, m: number) => Math.abs((x - m) / m) * 100;
  const share = (f: (x: RigCalibrationResult) => boolean) =>
    (r.results.filter(f).length / Math.max(1, r.results.length)) * 100;
  return {
    rows: r.results.length,
    rigs: r.rigs,
    uncalibratedMedianPct: median(r.results.map((x) => err(x.uncalibrated, x.measured))),
    calibratedMedianPct: median(r.results.map((x) => err(x.calibrated, x.measured))),
    uncalibratedCoveragePct: share((x) => x.withinUncalibratedBand),
    calibratedCoveragePct: share((x) => x.withinCalibratedBand),
    sameConfigurationRows: r.results.filter((x) => x.sameConfiguration).length,
  };
}

export function formatRigCalibration(r: RigCalibrationReport): string {
  const s = summariseRigCalibration(r);
  return [
    `Calibrated on the rig's own runs (leave one row out, predictions out of fold): ${s.rows} rows on ${s.rigs} rigs.`,
    `  median |error| uncalibrated ${s.uncalibratedMedianPct.toFixed(1)}% → calibrated ${s.calibratedMedianPct.toFixed(1)}%`,
    `  measured inside the band: uncalibrated ${s.uncalibratedCoveragePct.toFixed(0)}% → calibrated ${s.calibratedCoveragePct.toFixed(0)}%`,
    `  (${s.sameConfigurationRows} rows had a run of the same configuration among the others)`,
  ].join('\n');
}
