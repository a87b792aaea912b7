/**
 * `--gpu-model GPU=NAME` on `plan`: the real club-3090 capture (2× RTX 3090, only the topology
 * published) cannot be planned until its GPUs are named, and plans as two RTX 3090s once they are.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanResult } from '@shared/engine/planner/plan-types';
import { captureCliIo } from '../../../test/support/cli-io';
import { runCli } from '../main';

const CLUB3090 = [
  '--replay',
  resolve(__dirname, '../../../fixtures/capture-dirs/club3090-2x-rtx3090-h12ssl'),
];
const A5000 = ['--replay', resolve(__dirname, '../../../fixtures/capture-dirs/dual-rtx-a5000')];
const MODEL = ['--model', 'llama-3.1-70b', '--quant', 'Q4_K_M'];

async function fails(args: string[]): Promise<string> {
  const io = captureCliIo();
  expect(await runCli(['plan', ...args], io)).toBe(2);
  expect(io.stdout).toEqual([]);
  return io.stderr.join('\n');
}

describe('--gpu-model', () => {
  it('without it, plan exits 2 naming both GPUs and the flag — not "0.0 GiB"', async () => {
    const err = await fails([...CLUB3090, ...MODEL]);
    expect(err).toMatch(/did not name GPU 0 and GPU 1 or report their memory/);
    expect(err).toMatch(/--gpu-model 0=NAME --gpu-model 1=NAME/);
    expect(err).not.toMatch(/0\.0 GiB/);
  });

  it('with both cards named, the 70B fits on 2× GeForce RTX 3090 (tensor mode first, layer split too)', async () => {
    const io = captureCliIo();
    const args = [...CLUB3090, ...MODEL, '--gpu-model', '0=RTX 3090', '--gpu-model', '1=3090', '--json'];
    expect(await runCli(['plan', ...args], io)).toBe(0);
    const result = JSON.parse(io.stdout.join('\n')) as PlanResult;
    expect(result.recommended).toBe('llama.cpp:tensor');
    const layer = result.strategies.find((s) => s.id === 'llama.cpp:layer');
    expect(layer?.fits).toBe(true);
    expect(layer?.perGpu.map((g) => g.name)).toEqual(['GeForce RTX 3090', 'GeForce RTX 3090']);
    expect(result.assumptions.map((a) => a.text)).toContain(
      'GPU 1: you said GeForce RTX 3090 (the capture did not name it)',
    );
  });

  it.each([
    ['a value without GPU=', ['--gpu-model', 'RTX 3090'], /--gpu-model takes GPU=NAME.*\(got "RTX 3090"\)/],
    ['an unknown card', ['--gpu-model', '0=RTX 3099'], /unknown GPU "RTX 3099"; closest: GeForce RTX 3090/],
    ['a GPU the machine lacks', ['--gpu-model', '5=RTX 3090'], /GPU 5 is not on this machine/],
    [
      'the same GPU twice',
      ['--gpu-model', '0=RTX 3090', '--gpu-model', '0=RTX 4090'],
      /GPU 0 is identified twice/,
    ],
  ])('exits 2 on %s', async (_name, extra, message) => {
    expect(await fails([...CLUB3090, ...MODEL, ...extra])).toMatch(message);
  });

  it('refuses to rename a GPU the capture named, and does not go with --gpu', async () => {
    expect(await fails([...A5000, ...MODEL, '--gpu-model', '0=RTX 3090'])).toMatch(
      /GPU 0 is NVIDIA RTX A5000 as the capture named it/,
    );
    expect(await fails(['--gpu', 'RTX 3090', ...MODEL, '--gpu-model', '0=RTX 3090'])).toMatch(
      /--gpu already names each card/,
    );
  });
});
