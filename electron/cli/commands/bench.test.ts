/**
 * `bench import`: measured runs (real outputs users published, ../shared/measurements) beside the plan's
 * prediction for the same run on the machine and model given by the options.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchmarkRow, type BenchmarkRow } from '@shared/calibration/benchmark-rows';
import { parseCsv } from '@shared/calibration/csv';
import { speedSample, type SpeedSample } from '@shared/calibration/speed-samples';
import type { RunComparison } from '@shared/engine/advisor/measured-runs';
import { captureCliIo } from '../../../test/support/cli-io';
import { runCli } from '../main';

const M = resolve(__dirname, '../../../../shared/measurements');
const file = (name: string) => resolve(M, name);

async function run(args: string[]) {
  const io = captureCliIo();
  const code = await runCli(['bench', 'import', ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

interface ImportJson {
  runs: RunComparison[];
  memory: {
    device: string;
    measured: { weightsMiB: number; kvMiB: number; computeMiB: number };
    predicted: unknown;
    errorPct: number;
  }[];
  skipped: unknown[];
}

describe('bench import', () => {
  it('a llama-bench table on 2× RX 7900 XTX: each test beside its prediction and range, in JSON', async () => {
    const r = await run([
      file('llama-bench-01-2xRX7900XTX-vulkan-radv-llama2-7b.md'),
      ...[
        '--gpu',
        'RX 7900 XTX',
        '--gpu',
        'RX 7900 XTX',
        '--model',
        'llama-2-7b',
        '--quant',
        'Q4_0',
        '--json',
      ],
    ]);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as ImportJson;
    expect(json.runs.map((x) => x.test)).toEqual(['pp512', 'tg128']);
    const tg = json.runs[1]!;
    expect(tg).toMatchObject({
      measuredTokPerSec: 129.8,
      splitMode: 'layer',
      strategyId: 'llama.cpp:layer',
      build: 'a81a56957 (7361)',
    });
    expect(tg.predictedTokPerSec!.low).toBeLessThan(tg.predictedTokPerSec!.expected);
    expect(tg.errorPct).toBeCloseTo((129.8 / tg.predictedTokPerSec!.expected - 1) * 100, 6);
    expect(tg.notes.join(' ')).toMatch(/Vulkan build/);
  });

  it("the run's own settings reach the plan: experts in RAM, KV types, depth (CSV from a SYCL build)", async () => {
    const r = await run([
      file('llama-bench-03-arc-b580-sycl-csv-n-cpu-moe-depth-qwen35moe-35b.csv'),
      ...[
        '--gpu',
        'Arc B580',
        '--model',
        'qwen3.6-35b-a3b',
        '--quant',
        'Q4_K_M',
        '--ram-gbps',
        '80',
        '--json',
      ],
    ]);
    expect(r.code, r.err).toBe(0);
    const runs = (JSON.parse(r.out) as ImportJson).runs;
    expect(runs.map((x) => x.test)).toContain('tg64 @ d8192');
    for (const x of runs) expect(x.nCpuMoe).toBe(26);
    const shallow = runs.find((x) => x.test === 'tg64')!;
    const deep = runs.find((x) => x.test === 'tg64 @ d8192')!;
    // Deeper context reads more KV per token: the prediction falls with depth, as the measurement does.
    expect(deep.predictedTokPerSec!.expected).toBeLessThan(shallow.predictedTokPerSec!.expected);
  });

  it('a load log: per-device buffers against the planned ones', async () => {
    const r = await run([
      file('load-log-03-rtx4080-vulkan-llama31-8b.txt'),
      ...['--gpu', 'RTX 4080', '--model', 'llama-3.1-8b', '--quant', 'Q4_0', '--json'],
    ]);
    expect(r.code, r.err).toBe(0);
    const [dev] = (JSON.parse(r.out) as ImportJson).memory;
    expect(dev).toMatchObject({
      device: 'Vulkan0',
      measured: { weightsMiB: 4155.99, kvMiB: 2048, computeMiB: 613.01 },
    });
    // Same context (16384, f16 KV): the planned KV cache is the logged one.
    expect((dev!.predicted as { kvMiB: number }).kvMiB).toBe(2048);
    expect(Math.abs(dev!.errorPct)).toBeLessThan(15);
  });

  it('a vllm bench serve result: per-stream decode (1000 ÷ mean TPOT) against the plan under that load', async () => {
    const r = await run([
      file('vllm-01-4xMI100-rocm-tp4-qwen3-next-80b-a3b-gptq-int4-bench-serve.txt'),
      ...[
        '--gpu',
        'MI100',
        '--gpu',
        'MI100',
        '--gpu',
        'MI100',
        '--gpu',
        'MI100',
        '--model',
        'qwen3-next-80b-a3b',
        '--quant',
        'gptq-int4',
        '--json',
      ],
    ]);
    expect(r.code, r.err).toBe(0);
    const [serve] = (JSON.parse(r.out) as ImportJson).runs;
    expect(serve!.measuredTokPerSec).toBeCloseTo(1000 / 29.36, 6);
    expect(serve!.test).toMatch(/^serve 9 streams, 1024 in \/ 123 out/);
  });

  it("a vLLM start-up log: its KV pool per GPU against the plan's for the same TP and context", async () => {
    const r = await run([
      file('vllm-03-dgx-spark-gb10-gemma4-26b-a4b-awq-int4-startup.txt'),
      ...['--gpu', 'DGX Spark', '--model', 'gemma-4-26b-a4b', '--quant', 'awq', '--json'],
    ]);
    expect(r.code, r.err).toBe(0);
    const [pool] = (JSON.parse(r.out) as ImportJson).memory;
    expect(pool).toMatchObject({ device: 'each of 1 GPU (vLLM)', measured: { kvMiB: 83.89 * 1024 } });
    // vLLM's own accounting at its 0.85 utilization on 128 GB of unified memory: within 20% of the log.
    expect(Math.abs(pool!.errorPct)).toBeLessThan(20);
  });

  it('--csv: the runs as rows of the calibration tables, which the calibration reads and plans back', async () => {
    const r = await run([
      file('llama-bench-01-2xRX7900XTX-vulkan-radv-llama2-7b.md'),
      ...['--gpu', 'RX 7900 XTX', '--gpu', 'RX 7900 XTX', '--model', 'llama-2-7b', '--quant', 'Q4_0'],
      ...['--csv', '--source', 'me, a 2x 7900 XTX box'],
    ]);
    expect(r.code, r.err).toBe(0);
    const records = parseCsv(r.out);
    expect(records).toHaveLength(2);
    const rows = records.map((rec) => benchmarkRow(rec, 'shared.csv'));
    const tg = rows[1] as BenchmarkRow;
    expect(tg).toMatchObject({
      tgTokS: 129.8,
      sourceGroup: 'me, a 2x 7900 XTX box',
      split: 'layer',
      benchStyle: true,
    });
    expect(tg.gpuNames).toEqual(['Radeon RX 7900 XTX', 'Radeon RX 7900 XTX']);
    const sample = speedSample(tg);
    expect('reason' in sample ? sample.reason : null).toBeNull();
    expect((sample as SpeedSample).family).toBe('llama.cpp · AMD · layer');
  });

  it('plain text: one line per run with OUTSIDE where the measurement leaves the range', async () => {
    const r = await run([
      file('llama-bench-10-rx7900xt-plus-7900xtx-rocm-2024-old-format-llama2-7b.md'),
      ...['--gpu', 'RX 7900 XT', '--gpu', 'RX 7900 XTX', '--model', 'llama-2-7b', '--quant', 'Q4_0'],
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/pp 3968 .* measured +2408\.3 +predicted/);
    expect(r.out).toMatch(/tg 128 .* measured +107\.2/);
  });

  it('bad input is exit 2 with one line: not a measurement, no model, no file, a missing file', async () => {
    const machine = ['--gpu', 'RTX 3090', '--model', 'llama-2-7b'];
    for (const [args, message] of [
      [[resolve(__dirname, 'bench.ts'), ...machine], /bench\.ts: not llama-bench output/],
      [[file('llama-bench-01-2xRX7900XTX-vulkan-radv-llama2-7b.md'), '--gpu', 'RTX 3090'], /needs --model/],
      [machine, /needs at least one file/],
      [['/no/such/file.md', ...machine], /file\.md: cannot be read \(ENOENT\)/],
    ] as const) {
      const r = await run([...args]);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    }
  });
});
