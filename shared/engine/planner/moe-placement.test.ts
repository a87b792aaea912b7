/**
 * With experts in RAM, the first layers weigh a fraction of the others: the split is counted so that
 * every GPU's resident bytes follow its free memory, and the smallest `--n-cpu-moe` that fits is found.
 */
import { describe, expect, it } from 'vitest';
import { catalogModel, planRequest } from '../../../test/support/plan-request';
import { DEFAULT_LLAMA_SETTINGS, llamaCppMemory } from '../llama-cpp-memory';
import { chooseOffload } from './llama-cpp-strategies';
import { balancedSplit, smallestPassing } from './moe-placement';

const gptOss = catalogModel('gpt-oss-120b', 'MXFP4');

describe('balancedSplit', () => {
  it("gpt-oss-120b with 18 layers' experts in RAM on 2× 23 GiB: llama.cpp's even split leaves GPU 0 light; this one evens the bytes", () => {
    const s = { ...DEFAULT_LLAMA_SETTINGS, ctx: 8192, nCpuMoe: 18 };
    const free = [23 * 1024, 23 * 1024];
    const even = llamaCppMemory(gptOss, s, free).devices.map((d) => d.modelBytes);
    const split = balancedSplit(gptOss, s, free)!;
    const balanced = llamaCppMemory(gptOss, { ...s, tensorSplit: split }, free).devices.map(
      (d) => d.modelBytes,
    );
    expect(even[0]! / even[1]!).toBeLessThan(0.6);
    expect(balanced[0]! / balanced[1]!).toBeGreaterThan(0.8);
    expect(balanced[0]! / balanced[1]!).toBeLessThan(1.25);
    // One share per layer on its GPU, the output head counted on the last: 36 layers + 1.
    expect(split.reduce((a, b) => a + b, 0)).toBe(37);
  });

  it('is null for one GPU (nothing to split)', () => {
    expect(balancedSplit(gptOss, { ...DEFAULT_LLAMA_SETTINGS, ctx: 8192 }, [24 * 1024])).toBeNull();
  });
});

describe('chooseOffload', () => {
  it('the fewest expert layers in RAM that fit, and the split that goes with them', () => {
    const req = planRequest({ gpus: ['RTX 3090', 'RTX 3090'], model: gptOss });
    const gpus = req.machine.gpus;
    const chosen = chooseOffload(gptOss, req, gpus, true)!;
    expect(chosen.nCpuMoe).toBeGreaterThan(0);
    expect(chosen.tensorSplit).toHaveLength(2);
    const one = chooseOffload(gptOss, req, gpus.slice(0, 1), true)!;
    expect(one.nCpuMoe).toBeGreaterThan(chosen.nCpuMoe!);
  });

  it("a pinned --n-cpu-moe is the user's: nothing is chosen", () => {
    const req = planRequest({ gpus: ['RTX 3090'], model: gptOss, llama: { nCpuMoe: 30 } });
    expect(chooseOffload(gptOss, req, req.machine.gpus, true)).toEqual({});
  });
});

describe('smallestPassing', () => {
  it.each([
    [0, 10, 7, 7],
    [0, 10, 0, 0],
    [0, 10, 11, null],
  ])('over [%i, %i] with the first pass at %i → %s', (lo, hi, first, expected) => {
    expect(smallestPassing(lo, hi, (n) => n >= first)).toBe(expected);
  });
});
