/**
 * `npm run calibration`: fits the speed model on every measured decode row and prints the report
 * (out-of-fold errors per family beside the in-sample ones). With `--write` it also stores the fit in
 * shared/engine/speed-params.fitted.json, the parameters the product predicts with. `--skipped` lists
 * the rows left out with why; `--worst` / `--worst-pp` the decode / prompt rows furthest off out of fold
 * (`--family NAME` for every row of one family); `--terms ID` one row's step as terms.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatRigCalibration, rigCalibrationReport } from '@shared/calibration/rig-calibration-report';
import {
  formatPrefillReport,
  formatSpeedReport,
  mergeParams,
  speedReport,
} from '@shared/calibration/speed-report';
import { summarise, type Scored } from '@shared/calibration/fit-speed';
import type { SpeedTerm } from '@shared/engine/speed';
import { calibrationSamples } from './load-tables';

const {
  decode: samples,
  prompt: prefillRows,
  skipped,
} = calibrationSamples(resolve(process.cwd(), 'fixtures/calibration'));
const started = Date.now();
const report = speedReport(samples);
console.log(formatSpeedReport(report, skipped));
const prompt = speedReport(prefillRows);
console.log(formatPrefillReport(prompt));
// What calibrating on one's own rig adds to those out-of-fold predictions (rig-calibration-report.ts).
console.log(`\n${formatRigCalibration(rigCalibrationReport(report.outOfFold, report.band))}`);

/** `--worst` / `--worst-pp`: the rows furthest off out of fold, to read what the model misses. */
function printWorst(flag: string, scored: readonly Scored[], digits: number): void {
  if (!process.argv.includes(flag)) return;
  // `--family "vLLM · Ampere · TP"` narrows the list to one family (every row of it).
  const family = process.argv[process.argv.indexOf('--family') + 1];
  const rows = process.argv.includes('--family') ? scored.filter((w) => w.sample.family === family) : scored;
  for (const w of [...rows]
    .sort((a, b) => Math.abs(b.errorPct) - Math.abs(a.errorPct))
    .slice(0, family ? rows.length : process.argv.includes('--all') ? rows.length : 50)) {
    const r = w.sample.row;
    console.log(
      `  ${flag.slice(2)} ${r.id} ${w.sample.family} | ${r.gpuNames.join('+')} | ${r.model} ${r.quant} p${r.promptTokens} d${r.depth} c${r.concurrency}: predicted ${w.predicted.toFixed(digits)}, measured ${w.sample.measured} (${w.errorPct.toFixed(0)}%)`,
    );
  }
}
printWorst('--worst', report.outOfFold, 1);
printWorst('--worst-pp', prompt.outOfFold, 0);
// `--terms ID`: one row's decode step as terms (seconds at the fitted parameters), to see what it is made of.
if (process.argv.includes('--terms')) {
  const id = process.argv[process.argv.indexOf('--terms') + 1];
  const sample = samples.find((s) => s.row.id === id);
  if (!sample) console.log(`  no decode row ${id}`);
  for (const [side, terms] of Object.entries(sample ? sample.model : {}))
    if (Array.isArray(terms))
      for (const t of terms as readonly SpeedTerm[])
        console.log(
          `  ${side} ${t.part} ${t.keys.join('×') || '(no parameter)'}: ${(t.keys.reduce((v, k) => v * report.params[k], t.coef) * 1000).toFixed(3)} ms`,
        );
}
if (process.argv.includes('--skipped'))
  for (const s of skipped) console.log(`  skipped ${s.table} ${s.id}: ${s.reason}`);
console.log(
  `\n(${samples.length} rows, fit and ${new Set(samples.map((s) => s.row.sourceGroup)).size} folds in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
if (process.argv.includes('--write')) {
  const oof = summarise(report.outOfFold);
  const out = {
    params: Object.fromEntries(
      Object.entries(mergeParams(report.params, prompt.params)).map(([k, v]) => [
        k,
        Number(v.toPrecision(4)),
      ]),
    ),
    rows: samples.length,
    sources: oof.groups,
    outOfFold: {
      medianPct: Number(oof.medianAbsPct.toFixed(1)),
      within25Pct: Number(oof.within25Pct.toFixed(0)),
    },
    band: { low: Number(report.band.low.toFixed(3)), high: Number(report.band.high.toFixed(3)) },
    prefillBand: { low: Number(prompt.band.low.toFixed(3)), high: Number(prompt.band.high.toFixed(3)) },
    prefillOutOfFold: {
      medianPct: Number(summarise(prompt.outOfFold).medianAbsPct.toFixed(1)),
      within25Pct: Number(summarise(prompt.outOfFold).within25Pct.toFixed(0)),
      rows: prefillRows.length,
    },
    date: new Date().toISOString().slice(0, 10),
  };
  writeFileSync(
    resolve(process.cwd(), 'shared/engine/speed-params.fitted.json'),
    `${JSON.stringify(out, null, 2)}\n`,
  );
  console.log('wrote shared/engine/speed-params.fitted.json');
}
