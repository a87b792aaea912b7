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

// One plan: 2× RTX 3090, Llama 3.1 70B Q4_K_M, every strategy sized, timed and ranked.
const planRequest = (gpuNames) => ({
  machine: bench.machineFromNames({ gpuNames, ramGiB: 64 }),
  model: bench.modelFromCatalog(bench.findModel('llama-3.1-70b'), bench.findQuant('Q4_K_M')),
  ctx: 8192,
  runtime: null,
  split: 'auto',
  concurrency: 1,
  goal: 'latency',
  llama: {},
  gpuMemoryUtilization: null,
});
const planTimes = [];
for (let i = 0; i < 50; i += 1) {
  const start = performance.now();
  bench.plan(planRequest(['RTX 3090', 'RTX 3090']));
  planTimes.push(performance.now() - start);
}
// Every catalog GPU as an added card next to one RTX 3090 (the "add a card?" ranking's core work).
const rankTimes = [];
for (let i = 0; i < 5; i += 1) {
  const start = performance.now();
  for (const gpu of bench.GPU_CATALOG) bench.plan(planRequest(['RTX 3090', gpu.id]));
  rankTimes.push(performance.now() - start);
}

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
    'plan, in process (median of 50)',
    `${median(planTimes).toFixed(1)} ms`,
    '≤ 20 ms',
    '2× RTX 3090, Llama 3.1 70B Q4_K_M',
  ],
  [
    'plan for every catalog GPU as 2nd card (median of 5)',
    `${median(rankTimes).toFixed(0)} ms`,
    '≤ 300 ms',
    `${bench.GPU_CATALOG.length} GPUs`,
  ],
  ['renderer initial JS, gzipped', `${(rendererGzip / 1024).toFixed(1)} KiB`, '≤ 500 KB', scripts.join(', ')],
];
for (const [what, value, budget, detail] of rows)
  console.log(`${what.padEnd(44)} ${value.padStart(10)}  budget ${budget}  (${detail})`);
