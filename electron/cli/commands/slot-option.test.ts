/**
 * `--slot GPU:WHERE[:LINK]` on `plan` and `check`: the same slot placement the Machine step takes,
 * on the real dual RTX A5000 capture (both cards measured at Gen4 x16) and on a catalog build.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Check } from '@shared/engine/checks/check-types';
import type { PlanResult } from '@shared/engine/planner/plan-types';
import { captureCliIo } from '../../../test/support/cli-io';
import { runCli } from '../main';

const A5000 = ['--replay', resolve(__dirname, '../../../fixtures/capture-dirs/dual-rtx-a5000')];
const MODEL = ['--model', 'llama-3.1-70b', '--quant', 'Q4_K_M'];
const TWO_3090 = ['--gpu', 'RTX 3090', '--gpu', 'RTX 3090'];

async function json<T>(args: string[]): Promise<T> {
  const io = captureCliIo();
  expect(await runCli([...args, '--json'], io)).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as T;
}

async function linkCheck(args: string[], gpu: number): Promise<Check> {
  const { checks } = await json<{ checks: Check[] }>(['check', ...args]);
  const c = checks.find((x) => x.id === `slots.link.gpu${gpu}`);
  if (!c) throw new Error(`no slots.link.gpu${gpu}`);
  return c;
}

describe('--slot', () => {
  it('check on the A5000 capture: GPU 1 entered on a chipset Gen4 x4 slot warns under a tensor split, naming both links', async () => {
    const c = await linkCheck([...A5000, ...MODEL, '--split', 'tensor', '--slot', '1:chipset:4x4'], 1);
    expect(c.status).toBe('warn');
    expect(c.reason).toMatch(
      /Gen4 x4 .*you entered chipset Gen4 x4; the scan measured Gen4 x16.*through the chipset/,
    );
    expect(c.fix).toMatch(/CPU-attached x8 or x16 slot/);
  });

  it('…and passes under a layer split, saying why', async () => {
    const c = await linkCheck([...A5000, ...MODEL, '--split', 'layer', '--slot', '1:chipset:4x4'], 1);
    expect(c.status).toBe('pass');
    expect(c.reason).toMatch(/only ~7 MB\/s/);
  });

  it('check on a catalog build: entered slots are judged instead of "unknown"', async () => {
    const args = [
      ...TWO_3090,
      ...MODEL,
      '--split',
      'tensor',
      '--slot',
      '0:cpu:4x16',
      '--slot',
      '1:chipset:4x4',
    ];
    expect((await linkCheck(args, 0)).status).toBe('pass');
    expect((await linkCheck(args, 1)).status).toBe('warn');
    expect((await linkCheck([...TWO_3090, ...MODEL, '--split', 'tensor'], 1)).status).toBe('unknown');
  });

  it('plan lists the entered slot with what the plan used and what the scan measured', async () => {
    const result = await json<PlanResult>(['plan', ...A5000, ...MODEL, '--slot', '1:chipset:4x4']);
    expect(result.assumptions.map((a) => a.text)).toContain(
      'GPU 1 in the slot you entered: chipset Gen4 x4, planned at PCIe Gen4 x4 (the scan measured Gen4 x16)',
    );
  });

  it.each([
    [
      [...TWO_3090, '--slot', '1:chipset:4x32'],
      /--slot takes GPU:cpu\|chipset\[:GENxWIDTH\].* \(got "1:chipset:4x32"\)/,
    ],
    [[...TWO_3090, '--slot', 'chipset:4x4'], /--slot takes GPU:cpu\|chipset/],
    [[...TWO_3090, '--slot', '2:cpu:4x16'], /--slot: there is no GPU 2 \(the machine has GPU 0, 1\)/],
    [[...A5000, '--slot', '1:cpu', '--slot', '1:chipset'], /--slot: GPU 1 is given more than once/],
  ])('exits 2 with one clear line: %j', async (args, message) => {
    const io = captureCliIo();
    expect(await runCli(['plan', ...args, ...MODEL], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(message);
  });
});
