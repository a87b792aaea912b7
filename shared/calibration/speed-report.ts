/**
 * The calibration report: the fit on every source, its in-sample errors, and the out-of-fold errors of
 * leave-one-source-group-out — overall, per family (runtime · hardware · split) and per precision.
 * `npm run calibration` prints it; the calibration test gates on its out-of-fold figures.
 */
import type { SpeedParams } from '../engine/speed-params';
import type { RowProblem } from './benchmark-rows';
import {
  bandOf,
  byKey,
  fitSpeedParams,
  outOfFold,
  score,
  summarise,
  type ErrorSummary,
  type FitOptions,
  type Scored,
} from './fit-speed';
import type { SpeedSample } from './speed-samples';

export interface SpeedReport {
  readonly params: SpeedParams;
  readonly inSample: readonly Scored[];
  readonly outOfFold: readonly Scored[];
  readonly band: { readonly low: number; readonly high: number };
}

export function speedReport(
  samples: readonly SpeedSample[],
  options: FitOptions & { folds?: number } = {},
): SpeedReport {
  const params = fitSpeedParams(samples, options);
  const oof = outOfFold(samples, options);
  return { params, inSample: score(samples, params), outOfFold: oof, band: bandOf(oof) };
}

/** The prompt parameters (`pf.*`) from one fit, every other parameter from another. */
export function mergeParams(decode: SpeedParams, prompt: SpeedParams): SpeedParams {
  return Object.fromEntries(
    Object.entries(decode).map(([k, v]) => [k, k.startsWith('pf.') ? prompt[k as keyof SpeedParams] : v]),
  ) as SpeedParams;
}

/** Families the gate applies to: at least this many rows out of fold. */
export const GATED_FAMILY_ROWS = 10;

const pct = (x: number) => `${x >= 0 ? '' : '−'}${Math.abs(x).toFixed(1)}%`;
const line = (name: string, oof: ErrorSummary, ins: ErrorSummary | undefined) =>
  `| ${name} | ${oof.rows} | ${oof.groups} | ${pct(oof.medianAbsPct)} | ${oof.within25Pct.toFixed(0)}% | ${pct(oof.biasPct)} | ${ins ? pct(ins.medianAbsPct) : '–'} | ${ins ? pct(ins.biasPct) : '–'} |`;

/** Markdown tables: overall, per family and per precision; out-of-fold first, in-sample beside it. */
export function formatSpeedReport(report: SpeedReport, skipped: readonly RowProblem[] = []): string {
  const head = [
    '| rows | n | sources | median \\|err\\| (out of fold) | within ±25% | bias | median \\|err\\| (in sample) | bias (in sample) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const table = (title: string, key: (s: SpeedSample) => string) => {
    const ins = new Map(byKey(report.inSample, key));
    return [
      `### ${title}`,
      '',
      ...head,
      ...byKey(report.outOfFold, key).map(([k, oof]) => line(k, oof, ins.get(k))),
      '',
    ];
  };
  return [
    ...table('All rows', () => 'all'),
    ...table('Per family (runtime · hardware · split)', (s) => s.family),
    ...table('Per precision', (s) => s.precision),
    `Decode band from the out-of-fold spread (10th–90th percentile of measured ÷ predicted): ×${report.band.low.toFixed(2)} – ×${report.band.high.toFixed(2)}.`,
    '',
    `Rows not used: ${skipped.length}.`,
  ].join('\n');
}

/** Prompt processing, fitted and scored the same way (its own `pf.*` parameters, its own folds). */
export function formatPrefillReport(report: SpeedReport): string {
  const head = [
    '| rows | n | sources | median \\|err\\| (out of fold) | within ±25% | bias | median \\|err\\| (in sample) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  const where = (s: SpeedSample) =>
    `${s.family.split(' · ').slice(0, 2).join(' · ')} · ${s.row.split === 'moe-offload' || s.row.split === 'offload' ? 'weights in RAM' : 'on GPUs'}`;
  const ins = new Map(byKey(report.inSample, where));
  const line = (name: string, e: ErrorSummary, i: ErrorSummary | undefined) =>
    `| ${name} | ${e.rows} | ${e.groups} | ${pct(e.medianAbsPct)} | ${e.within25Pct.toFixed(0)}% | ${pct(e.biasPct)} | ${i ? pct(i.medianAbsPct) : '–'} |`;
  return [
    '### Prompt processing',
    '',
    ...head,
    line('all', summarise(report.outOfFold), summarise(report.inSample)),
    ...byKey(report.outOfFold, where).map(([k, e]) => line(k, e, ins.get(k))),
    '',
    `Prompt band from the out-of-fold spread: ×${report.band.low.toFixed(2)} – ×${report.band.high.toFixed(2)}.`,
    '',
  ].join('\n');
}

/** Families over the gate's row count whose out-of-fold median error or bias is above `limitPct`. */
export function failingFamilies(report: SpeedReport, limitPct: number): [string, ErrorSummary][] {
  return byKey(report.outOfFold, (s) => s.family).filter(
    ([, e]) => e.rows >= GATED_FAMILY_ROWS && (e.medianAbsPct > limitPct || Math.abs(e.biasPct) > limitPct),
  );
}
