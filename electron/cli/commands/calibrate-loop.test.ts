/**
 * The loop on the command line: predict (`plan`), measure (a real llama-bench output a user published,
 * ../shared/measurements), import it as this machine's calibration (`bench import … --save FILE`), and
 * plan again calibrated (`plan --measurements FILE`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Strategy } from '@shared/engine/planner/plan-types';
import { captureCliIo } from '../../../test/support/cli-io';
import { runCli } from '../main';

const bench01 = resolve(
  __dirname,
  '../../../../shared/measurements/llama-bench-01-2xRX7900XTX-vulkan-radv-llama2-7b.md',
);
const MACHINE = ['--gpu', 'RX 7900 XTX', '--gpu', 'RX 7900 XTX'];
const LLAMA2 = ['--model', 'llama-2-7b', '--quant', 'Q4_0'];
const dir = mkdtempSync(join(tmpdir(), 'rig-calibrate-'));
const calFile = join(dir, 'my-rig.calibration.json');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const io = captureCliIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

interface PlanJson {
  strategies: Strategy[];
  calibration?: { runs: number; notUsed: string[] };
}
async function planJson(args: string[]): Promise<PlanJson> {
  const r = await cli(['plan', ...MACHINE, '--runtime', 'llama.cpp', '--split', 'layer', '--json', ...args]);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as PlanJson;
}
const layer = (p: PlanJson) => p.strategies.find((s) => s.id === 'llama.cpp:layer')!;

describe('predict → measure → calibrated plan (CLI)', () => {
  it('bench import --save writes the runs as this machine’s calibration file', async () => {
    const r = await cli(['bench', 'import', bench01, ...MACHINE, ...LLAMA2, '--save', calFile]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(
      /Saved 2 runs to .*my-rig\.calibration\.json \(2 in all\)\. Plan with --measurements/,
    );
    const file = JSON.parse(readFileSync(calFile, 'utf8'));
    expect(file.format).toBe('rig-advisor-calibration');
    expect(file.points.map((p: { phase: string }) => p.phase).sort()).toEqual(['decode', 'prefill']);
    // Imported twice, kept once.
    await cli(['bench', 'import', bench01, ...MACHINE, ...LLAMA2, '--save', calFile]);
    expect(JSON.parse(readFileSync(calFile, 'utf8')).points).toHaveLength(2);
  });

  it('the same configuration then predicts its measurement within 5%, and says it is calibrated', async () => {
    const before = layer(await planJson([...LLAMA2, '--depth', '64']));
    const after = await planJson([...LLAMA2, '--depth', '64', '--measurements', calFile]);
    const s = layer(after);
    expect(Math.abs(s.decodeTokPerSec!.expected / 129.8 - 1)).toBeLessThan(0.05);
    expect(Math.abs(s.prefillTokPerSec!.expected / 2546.13 - 1)).toBeLessThan(0.05);
    expect(s.calibration?.decode?.sameConfiguration).toBe(true);
    expect(s.calibration?.decode?.uncalibrated.expected).toBeCloseTo(before.decodeTokPerSec!.expected, 6);
    expect(after.calibration).toEqual({ runs: 2, notUsed: [] });
    const text = await cli(['plan', ...MACHINE, ...LLAMA2, '--depth', '64', '--measurements', calFile]);
    expect(text.out).toMatch(/\[calibrated ×\d\.\d\d on 1 run; uncalibrated [\d.]+\]/);
    expect(text.out).toMatch(/Calibrated on 2 measured runs of this machine/);
  });

  it('another model on the machine moves by the measured ratio, with a wider band when it extrapolates far', async () => {
    const args = ['--model', 'llama-3.1-70b', '--quant', 'Q4_K_M', '--ctx', '8192'];
    const before = layer(await planJson(args));
    const after = layer(await planJson([...args, '--measurements', calFile]));
    const ratio = after.calibration!.decode!.ratio;
    expect(after.decodeTokPerSec!.expected / before.decodeTokPerSec!.expected).toBeCloseTo(ratio, 6);
    expect(after.calibration!.decode!.widened).toBe(true);
    const width = (x: Strategy) => x.decodeTokPerSec!.high / x.decodeTokPerSec!.low;
    expect(width(after)).toBeGreaterThan(width(before));
  });

  it('a raw llama-bench output of another model is refused as calibration, with why', async () => {
    const p = await planJson(['--model', 'llama-3.1-70b', '--quant', 'Q4_K_M', '--measurements', bench01]);
    expect(p.calibration?.runs).toBe(0);
    expect(p.calibration?.notUsed.join(' ')).toMatch(/another model \(6\.74 B parameters\)/);
    expect(layer(p).calibration ?? null).toBeNull();
  });

  it('shared rows in the calibration format calibrate a machine with the same GPUs, not another', async () => {
    const csv = await cli([
      'bench',
      'import',
      bench01,
      ...MACHINE,
      ...LLAMA2,
      '--csv',
      '--source',
      'a friend',
    ]);
    expect(csv.code, csv.err).toBe(0);
    const shared = join(dir, 'friend.csv');
    writeFileSync(shared, csv.out);
    const same = await planJson([...LLAMA2, '--depth', '64', '--measurements', shared]);
    expect(same.calibration?.runs).toBe(2);
    expect(Math.abs(layer(same).decodeTokPerSec!.expected / 129.8 - 1)).toBeLessThan(0.05);
    const other = await cli([
      'plan',
      '--gpu',
      'RTX 3090',
      '--gpu',
      'RTX 3090',
      ...LLAMA2,
      '--json',
      '--measurements',
      shared,
    ]);
    expect(other.code, other.err).toBe(0);
    const json = JSON.parse(other.out) as PlanJson;
    expect(json.calibration?.runs).toBe(0);
    expect(json.calibration?.notUsed.join(' ')).toMatch(/ran on rx-7900-xtx, which this machine lacks/);
  });

  it('--save refuses to overwrite a file that is not a calibration file; --measurements names a bad one', async () => {
    const other = join(dir, 'notes.json');
    writeFileSync(other, '{"mine": true}\n');
    const r = await cli(['bench', 'import', bench01, ...MACHINE, ...LLAMA2, '--save', other]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a calibration file.*not overwritten/);
    expect(readFileSync(other, 'utf8')).toBe('{"mine": true}\n');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format":"rig-advisor-calibration","version":1,"points":[{"phase":"x"}]}');
    const p = await cli(['plan', ...MACHINE, ...LLAMA2, '--measurements', bad]);
    expect(p.code).toBe(2);
    expect(p.err.split('\n')).toHaveLength(1);
    expect(p.err).toMatch(/bad\.json: This is not a readable calibration file: points\.0\./);
  });
});
