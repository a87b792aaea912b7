/**
 * Decode speed against every usable measured row of the calibration tables (fixtures/calibration:
 * benchmarks.csv and collected/*.csv, each row with its source and source group), validated so it cannot
 * flatter itself: each source group's rows are predicted by a fit on the other groups
 * (leave-one-source-group-out). The gate is on those out-of-fold errors — overall and per family
 * (runtime · hardware · split) with at least 10 rows; the in-sample figures are printed beside them.
 * Rows that cannot be planned are listed with the reason, never silently dropped.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarise } from '@shared/calibration/fit-speed';
import {
  failingFamilies,
  formatPrefillReport,
  formatSpeedReport,
  GATED_FAMILY_ROWS,
  mergeParams,
  speedReport,
} from '@shared/calibration/speed-report';
import { SPEED_FIT, SPEED_PARAMS } from '@shared/engine/speed-params';
import { calibrationSamples } from '../../electron/calibration/load-tables';

const {
  decode: samples,
  prompt: prefillRows,
  skipped,
} = calibrationSamples(resolve(__dirname, '../../fixtures/calibration'));
const report = speedReport(samples);
const prompt = speedReport(prefillRows);

/**
 * Families whose out-of-fold error is still above the issue's bar (issue 11 stays open for them), each
 * with what the rows show. The test fails when this list is not exactly the failing set. Empty since the
 * ExLlama families came under the bar once a streaming server's host time per token was modelled apart
 * from the library's own step (speed.ts `host.exl.server`).
 */
const KNOWN_GAPS: Record<string, string> = {};
const oof = summarise(report.outOfFold);
const inSample = summarise(report.inSample);

describe('decode speed calibration, out of fold', () => {
  it('prints the report (out of fold beside in sample)', () => {
    console.log(formatSpeedReport(report, skipped));
    const reasons = new Map<string, number>();
    for (const s of skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]))
      console.log(`  skipped ×${n}: ${reason}`);
    expect(report.outOfFold.length).toBe(samples.length);
  });

  it('covers many rows from many independent sources', () => {
    expect(samples.length).toBeGreaterThanOrEqual(400);
    expect(oof.groups).toBeGreaterThanOrEqual(25);
  });

  it('out-of-fold median |error| ≤ 15% overall', () => {
    console.log(
      `out of fold: median |error| ${oof.medianAbsPct.toFixed(1)}%, ${oof.within25Pct.toFixed(0)}% within ±25%, bias ${oof.biasPct.toFixed(1)}% ` +
        `(in sample: ${inSample.medianAbsPct.toFixed(1)}%, ${inSample.within25Pct.toFixed(0)}%, ${inSample.biasPct.toFixed(1)}%)`,
    );
    expect(oof.medianAbsPct).toBeLessThanOrEqual(15);
  });

  it(`every family with ≥ ${GATED_FAMILY_ROWS} rows: out-of-fold median |error| and |bias| ≤ 15%, but the known gaps`, () => {
    const failing = failingFamilies(report, 15);
    for (const [family, e] of failing)
      console.log(
        `  over the bar: ${family}: median ${e.medianAbsPct.toFixed(1)}%, bias ${e.biasPct.toFixed(1)}% over ${e.rows} rows`,
      );
    // Exactly these: a family that gets within the bar must leave the list, and no other may join it.
    expect(failing.map(([f]) => f).sort()).toEqual(Object.keys(KNOWN_GAPS).sort());
  });

  it('the shipped parameters are the fit on every row (npm run calibration -- --write after data changes)', () => {
    expect(SPEED_FIT.rows).toBe(samples.length);
    // The stored values keep 4 significant digits.
    for (const [key, value] of Object.entries(mergeParams(report.params, prompt.params)))
      expect(Math.abs(SPEED_PARAMS[key as keyof typeof SPEED_PARAMS] / value - 1), key).toBeLessThan(2e-3);
  });

  it('prints prompt processing (fitted and scored the same way; reported, not gated)', () => {
    console.log(formatPrefillReport(prompt));
    expect(prompt.outOfFold.length).toBe(prefillRows.length);
  });

  it('ExLlama rows timed through a server keep the planned TabbyAPI host time per token; rows timed by the library directly drop it', () => {
    const keysOf = (id: string) => samples.find((x) => x.row.id === id)?.model.memory.flatMap((t) => t.keys);
    // ex2-001: text-generation-webui's API (matt-c1); nv-088: turboderp's README quick tests.
    expect(keysOf('ex2-001')).toContain('host.exl.server');
    expect(keysOf('nv-088')).toBeDefined();
    expect(keysOf('nv-088')).not.toContain('host.exl.server');
  });

  it("70B Q4 on one 24 GB card with CPU offload runs at a few tokens/s, not the seed text's ~20", () => {
    const row = report.inSample.find((o) => o.sample.row.id === 'gg-003');
    expect(row?.predicted).toBeLessThan(6);
  });
});
