// Speed benchmarks (not timed tests): run after `npm run build`. Prints medians and the budgets.
//   replay   — `scan --replay DIR --json` of the largest capture-dir fixture (budget 100 ms, in process)
//   live     — a live `scan --json` on this machine, whole process (budget 2 s median)
//   renderer — the renderer's initial JavaScript, gzipped (budget 500 KB)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dirBytes = (dir) => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);

function timeProcess(args, runs) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    execFileSync(process.execPath, ['out/node/cli.js', ...args], {
      stdio: ['ignore', 'ignore', 'ignore'],
      timeout: 60_000,
    });
    times.push(performance.now() - start);
  }
  return median(times);
}

const root = 'fixtures/capture-dirs';
const largest = readdirSync(root)
  .map((name) => ({ name, bytes: dirBytes(join(root, name)) }))
  .sort((a, b) => b.bytes - a.bytes)[0];

// In process: the replay itself (read + parse + merge), warm, as the app does it on "Open capture…".
const bench = await import('../out/node/bench.js');
const { readCaptureDirForBench, mergeForBench } = bench;
const replayTimes = [];
for (let i = 0; i < 30; i += 1) {
  const start = performance.now();
  mergeForBench(await readCaptureDirForBench(join(root, largest.name)));
  replayTimes.push(performance.now() - start);
}
const replayProcess = timeProcess(['scan', '--replay', join(root, largest.name), '--json'], 5);
const live = timeProcess(['scan', '--json'], 5);

// The advisor for 2× RTX 3090 and Llama 3.1 70B Q4_K_M: the gated plan alone (what every re-plan costs),
// and the whole advice (plan, power, suggestions re-planned, checks, commands, checklist), PSU 1000 W.
const machine = (gpuNames) => bench.machineFromNames({ gpuNames, ramGiB: 64 });
const model70b = bench.modelFromCatalog(bench.findModel('llama-3.1-70b'), bench.findQuant('Q4_K_M'));
const run = { ...bench.DEFAULT_RUN, ctx: 8192 };
const notes = { ...bench.EMPTY_USER_NOTES, psu: { ...bench.EMPTY_USER_NOTES.psu, watts: 1000 } };
const timesOf = (n, fn) => {
  const out = [];
  for (let i = 0; i < n; i += 1) {
    const start = performance.now();
    fn();
    out.push(performance.now() - start);
  }
  return out;
};
const twin = machine(['RTX 3090', 'RTX 3090']);
const planTimes = timesOf(50, () => bench.planFor(bench.requestFor(twin, model70b, run), null));
const adviseTimes = timesOf(20, () =>
  bench.advise({ machine: twin, profile: null, model: model70b, run, notes }),
);
// "Add a card?": every catalog GPU next to one RTX 3090, each planned and checked by the advisor.
const one = bench.requestFor(machine(['RTX 3090']), model70b, run);
// A fresh request each time: rankUpgrades keeps the plans of the same request (a typed price re-ranks
// without planning again), so reusing one would time the cache, not the 121 plans.
const rankTimes = timesOf(5, () => bench.rankUpgrades({ request: { ...one }, profile: null, notes }));

const html = readFileSync('out/renderer/index.html', 'utf8');
const scripts = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const rendererGzip = scripts.reduce(
  (sum, file) => sum + gzipSync(readFileSync(join('out/renderer', file))).length,
  0,
);

const rows = [
  [
    'replay, in process (median of 30)',
    `${replayTimes.length && median(replayTimes).toFixed(1)} ms`,
    '≤ 100 ms',
    `${largest.name}, ${(largest.bytes / 1024).toFixed(0)} KiB`,
  ],
  [
    'replay, whole CLI process (median of 5)',
    `${replayProcess.toFixed(0)} ms`,
    '(includes Node start-up)',
    largest.name,
  ],
  ['live scan, whole CLI process (median of 5)', `${live.toFixed(0)} ms`, '≤ 2000 ms', 'this machine'],
  [
    'gated plan, in process (median of 50)',
    `${median(planTimes).toFixed(1)} ms`,
    '≤ 20 ms',
    '2× RTX 3090, Llama 3.1 70B Q4_K_M',
  ],
  [
    'whole advice, in process (median of 20)',
    `${median(adviseTimes).toFixed(1)} ms`,
    '≤ 100 ms',
    'the same, with suggestions, checks, commands, checklist',
  ],
  [
    'add a card: every catalog GPU (median of 5)',
    `${median(rankTimes).toFixed(0)} ms`,
    '≤ 300 ms',
    `${bench.GPU_CATALOG.length} GPUs next to one RTX 3090, planned and checked`,
  ],
  ['renderer initial JS, gzipped', `${(rendererGzip / 1024).toFixed(1)} KiB`, '≤ 500 KB', scripts.join(', ')],
];
for (const [what, value, budget, detail] of rows)
  console.log(`${what.padEnd(44)} ${value.padStart(10)}  budget ${budget}  (${detail})`);
