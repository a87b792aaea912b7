/**
 * The memory loop on the command line, on real logs users published (../shared/measurements): a llama.cpp
 * load log or a vLLM start-up log imported as this machine's calibration (`bench import … --save FILE`)
 * sizes its plans (`plan --measurements FILE`) — compute buffers, overhead, fit, KV pool — each calibrated
 * figure saying so beside the uncalibrated one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Strategy } from '@shared/engine/planner/plan-types';
import { captureCliIo } from '../../../test/support/cli-io';
import { runCli } from '../main';

const M = resolve(__dirname, '../../../../shared/measurements');
const T4_LOG = resolve(M, 'load-log-02-2xT4-cuda-ik-llama-fork-llama-server-qwen3moe-30b.txt');
const VULKAN_LOG = resolve(M, 'load-log-03-rtx4080-vulkan-llama31-8b.txt');
const SPARK_LOG = resolve(M, 'vllm-03-dgx-spark-gb10-gemma4-26b-a4b-awq-int4-startup.txt');
const T4S = ['--gpu', 'T4', '--gpu', 'T4', '--model', 'qwen3-30b-a3b', '--quant', 'Q4_K_M'];
const SPARK = ['--gpu', 'DGX Spark', '--model', 'gemma-4-26b-a4b', '--quant', 'awq'];
const dir = mkdtempSync(join(tmpdir(), 'rig-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const io = captureCliIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

interface PlanJson {
  strategies: Strategy[];
  calibration?: { runs: number; memory?: number; notUsed: string[] };
}
async function planJson(args: string[]): Promise<PlanJson> {
  const r = await cli(['plan', '--json', ...args]);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as PlanJson;
}
const byId = (p: PlanJson, id: string) => p.strategies.find((s) => s.id === id)!;

describe('memory calibration from load logs (CLI)', () => {
  const cal = join(dir, 't4.calibration.json');
  // The log's own run: 32k context, ubatch 512, flash attention, layers split over both T4s.
  const sameRun = [...T4S, '--runtime', 'llama.cpp', '--split', 'layer', '--ctx', '32768'];

  it('bench import --save keeps each device’s compute buffer as a memory point of this machine', async () => {
    const r = await cli(['bench', 'import', T4_LOG, ...T4S, '--save', cal]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/Saved 0 runs and 2 memory readings to .*t4\.calibration\.json/);
    const file = JSON.parse(readFileSync(cal, 'utf8'));
    expect(file.version).toBe(1);
    expect(file.memory).toHaveLength(2);
    expect(file.memory[0]).toMatchObject({
      runtime: 'llama.cpp',
      buffer: 'compute',
      backend: 'CUDA',
      measuredMiB: 368.01,
      batchTokens: 512,
      ctx: 32768,
      flashAttention: true,
    });
    expect(file.memory.map((p: { role: string }) => p.role)).toEqual(['layers', 'output']);
    // Imported twice, kept once.
    await cli(['bench', 'import', T4_LOG, ...T4S, '--save', cal]);
    expect(JSON.parse(readFileSync(cal, 'utf8')).memory).toHaveLength(2);
  });

  it('the same configuration then plans each device’s logged compute buffer within 5%, says so, and keeps the uncalibrated figure', async () => {
    const before = byId(await planJson(sameRun), 'llama.cpp:layer');
    const after = await planJson([...sameRun, '--measurements', cal]);
    const s = byId(after, 'llama.cpp:layer');
    expect(Math.abs(s.perGpu[0]!.computeMiB / 368.01 - 1)).toBeLessThan(0.05);
    expect(Math.abs(s.perGpu[1]!.computeMiB / 444.77 - 1)).toBeLessThan(0.05);
    expect(s.memoryCalibration?.perGpu.map((g) => g.uncalibratedMiB)).toEqual(
      before.perGpu.map((g) => g.computeMiB),
    );
    expect(s.reasons.join('\n')).toMatch(/memory calibrated on 1 load log: compute buffer ×1\.\d\d–1\.\d\d/);
    expect(after.calibration).toEqual({ runs: 0, memory: 2, notUsed: [] });
    const text = await cli(['plan', ...sameRun, '--measurements', cal]);
    expect(text.out).toMatch(/compute 0\.4 \[calibrated; uncalibrated 0\.\d\]/);
    expect(text.out).toMatch(/Calibrated on 0 measured runs and 2 memory readings of this machine/);
  });

  it('the raw load log works as --measurements too', async () => {
    const p = await planJson([...sameRun, '--measurements', T4_LOG]);
    expect(p.calibration?.memory).toBe(2);
    expect(byId(p, 'llama.cpp:layer').memoryCalibration?.logs).toBe(1);
  });

  it('a log of another model is compared but does not calibrate, with why', async () => {
    const r = await cli([
      'bench',
      'import',
      T4_LOG,
      '--gpu',
      'T4',
      '--gpu',
      'T4',
      '--model',
      'llama-3.1-8b',
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    const memory = (JSON.parse(r.out) as { memory: { point: unknown; notCalibrating: string }[] }).memory;
    expect(memory.every((m) => m.point === null)).toBe(true);
    expect(memory[0]!.notCalibrating).toMatch(/the log is of a 30\.53 B model/);
  });

  it('a Vulkan log on an NVIDIA card is recorded as Vulkan and never lowers the CUDA plan', async () => {
    const args = ['--gpu', 'RTX 4080', '--model', 'llama-3.1-8b', '--quant', 'Q4_0'];
    const file = join(dir, 'vulkan.calibration.json');
    const r = await cli(['bench', 'import', VULKAN_LOG, ...args, '--save', file]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).memory[0].backend).toBe('Vulkan');
    const run = [...args, '--runtime', 'llama.cpp', '--ctx', '16384', '--ubatch', '1024'];
    const s = byId(await planJson([...run, '--measurements', file]), 'llama.cpp:none');
    expect(s.reasons.join('\n')).toMatch(/measured on Vulkan, planned for CUDA: only ever raised/);
    const g = s.memoryCalibration!.perGpu[0]!;
    expect(g.calibratedMiB).toBeGreaterThanOrEqual(g.uncalibratedMiB);
  });
});

describe('memory calibration from a vLLM start-up log (CLI)', () => {
  const cal = join(dir, 'spark.calibration.json');
  const sameRun = [...SPARK, '--runtime', 'vllm', '--ctx', '262144', '--gpu-memory-utilization', '0.85'];

  it('the overhead its KV pool implies moves the planned pool to the logged one, and the concurrency with it', async () => {
    const r = await cli(['bench', 'import', SPARK_LOG, ...SPARK, '--save', cal]);
    expect(r.code, r.err).toBe(0);
    const point = JSON.parse(readFileSync(cal, 'utf8')).memory[0];
    expect(point).toMatchObject({ runtime: 'vllm', buffer: 'overhead', role: null });
    const before = byId(await planJson(sameRun), 'vllm:tp1');
    const s = byId(await planJson([...sameRun, '--measurements', cal]), 'vllm:tp1');
    expect(Math.abs(s.perGpu[0]!.kvCacheMiB / (83.89 * 1024) - 1)).toBeLessThan(0.05);
    const moved = Math.sign(s.perGpu[0]!.kvCacheMiB - before.perGpu[0]!.kvCacheMiB);
    expect(Math.sign(s.kvCacheTokens - before.kvCacheTokens)).toBe(moved);
    expect(s.reasons.join('\n')).toMatch(
      /memory calibrated on 1 vLLM start-up log: overhead [+−]\d+ MiB per GPU/,
    );
  });
});

describe('calibration files with and without memory points', () => {
  it('a file from before memory points still plans; a bad memory point is one line, exit 2', async () => {
    const old = join(dir, 'old.json');
    writeFileSync(old, '{"format":"rig-advisor-calibration","version":1,"points":[]}\n');
    const p = await planJson([...T4S, '--measurements', old]);
    expect(p.calibration).toEqual({ runs: 0, notUsed: [] });
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      '{"format":"rig-advisor-calibration","version":1,"points":[],"memory":[{"buffer":"compute","measuredMiB":-5}]}',
    );
    const r = await cli(['plan', ...T4S, '--measurements', bad]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/bad\.json: This is not a readable calibration file: memory\.0\./);
  });

  it('a log with absurd numbers is compared, but what it saves still reads back (out-of-range buffers left out, with why)', async () => {
    const log = join(dir, 'absurd.log');
    writeFileSync(
      log,
      [
        'llama_context: n_ctx         = 32768',
        'llama_context: n_ubatch      = 99999999999',
        'load_tensors:        CUDA0 model buffer size =  8509.23 MiB',
        'load_tensors:        CUDA1 model buffer size =  8213.14 MiB',
        'llama_context:      CUDA0 compute buffer size = 999999999999.00 MiB',
        'llama_context:      CUDA1 compute buffer size =   444.77 MiB',
      ].join('\n'),
    );
    const file = join(dir, 'absurd.calibration.json');
    const r = await cli(['bench', 'import', log, ...T4S, '--save', file]);
    expect(r.code, r.err).toBe(0);
    const back = await cli(['plan', ...T4S, '--measurements', file]);
    expect(back.code, back.err).toBe(0);
    const json = JSON.parse((await cli(['bench', 'import', log, ...T4S, '--json'])).out) as {
      memory: { point: unknown; notCalibrating: string | null }[];
    };
    expect(json.memory[0]!.point).toBeNull();
    expect(json.memory[0]!.notCalibrating).toMatch(/out of range/);
  });
});
