/**
 * What `bench import --save` writes, `plan --measurements` reads back: a garbled measurement (a t/s or a
 * depth beyond anything a GPU does) is compared and shown, but not kept as calibration — else the file
 * it wrote would be refused by its own reader.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureCliIo } from '../../../test/support/cli-io';
import { runCli } from '../main';

const dir = mkdtempSync(join(tmpdir(), 'rig-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MACHINE = ['--gpu', 'RTX 3090', '--model', 'llama-2-7b', '--quant', 'Q4_0'];

async function cli(args: string[]) {
  const io = captureCliIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('bench import --save writes only what --measurements reads', () => {
  it('a llama-bench row with an absurd t/s or depth is compared, left out of the calibration with why', async () => {
    const bench = join(dir, 'garbled.md');
    writeFileSync(
      bench,
      [
        '| model | size | params | backend | ngl | test | t/s |',
        '| --- | ---: | ---: | --- | --: | ---: | ---: |',
        '| llama 7B Q4_0 | 3.56 GiB | 6.74 B | CUDA | 100 | tg128 | 99999999.80 ± 0.20 |',
        '| llama 7B Q4_0 | 3.56 GiB | 6.74 B | CUDA | 100 | pp512 @ d99999999999 | 100.80 ± 0.20 |',
        '| llama 7B Q4_0 | 3.56 GiB | 6.74 B | CUDA | 100 | tg128 | 120.10 ± 0.20 |',
        // An odd generation length: its average depth (63.5) is kept as whole tokens, as the file holds them.
        '| llama 7B Q4_0 | 3.56 GiB | 6.74 B | CUDA | 100 | tg127 | 120.30 ± 0.20 |',
      ].join('\n'),
    );
    const file = join(dir, 'garbled.calibration.json');
    const saved = await cli(['bench', 'import', bench, ...MACHINE, '--save', file]);
    expect(saved.code, saved.err).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).points).toHaveLength(2);
    const back = await cli(['plan', ...MACHINE, '--measurements', file]);
    expect(back.code, back.err).toBe(0);
    const runs = (
      JSON.parse((await cli(['bench', 'import', bench, ...MACHINE, '--json'])).out) as {
        runs: { point: unknown; notCalibrating: string | null }[];
      }
    ).runs;
    expect(runs.map((r) => r.point === null)).toEqual([true, true, false, false]);
    expect(runs[0]!.notCalibrating).toMatch(/out of range/);
  });
});
