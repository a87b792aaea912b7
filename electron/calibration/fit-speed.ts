/**
 * `npm run calibration`: fits the speed model on every measured decode row and prints the report
 * (out-of-fold errors per family beside the in-sample ones). With `--write` it also stores the fit in
 * shared/engine/speed-params.fitted.json, the parameters the product predicts with.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  formatPrefillReport,
  formatSpeedReport,
  mergeParams,
  speedReport,
} from '@shared/calibration/speed-report';
import { summarise } from '@shared/calibration/fit-speed';
import { calibrationSamples } from './load-tables';

const {
  decode: samples,
  prompt: prefillRows,
  skipped,
} = calibrationSamples(resolve(process.cwd(), 'fixtures/calibration'));
const started = Date.now();
const ridge = process.env.RIDGE ? Number(process.env.RIDGE) : undefined;
const report = speedReport(samples, ridge === undefined ? {} : { ridge });
console.log(formatSpeedReport(report, skipped));
const prompt = speedReport(prefillRows, ridge === undefined ? {} : { ridge });
console.log(formatPrefillReport(prompt));
if (process.argv.includes('--worst-pp'))
  for (const w of [...prompt.inSample]
    .sort((a, b) => Math.abs(b.errorPct) - Math.abs(a.errorPct))
    .slice(0, 50))
    console.log(
      `  worst-pp ${w.sample.row.id} ${w.sample.family} | ${w.sample.row.gpuNames.join('+')} | ${w.sample.row.model} ${w.sample.row.quant} p${w.sample.row.promptTokens} d${w.sample.row.depth}: predicted ${w.predicted.toFixed(0)}, measured ${w.sample.measured} (${w.errorPct.toFixed(0)}%)`,
    );
if (process.argv.includes('--worst'))
  for (const w of [...report.outOfFold]
    .sort((a, b) => Math.abs(b.errorPct) - Math.abs(a.errorPct))
    .slice(0, 60))
    console.log(
      `  worst ${w.sample.row.id} ${w.sample.family} | ${w.sample.row.gpuNames.join('+')} | ${w.sample.row.model} ${w.sample.row.quant} c${w.sample.row.concurrency} d${w.sample.row.depth}: predicted ${w.predicted.toFixed(1)}, measured ${w.sample.measured} (${w.errorPct.toFixed(0)}%)`,
    );
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
