import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanResult } from '@shared/engine/planner/plan-types';
import { runCli } from '../main';
import { captureCliIo } from '../../../test/support/cli-io';

const FIXTURES = resolve(__dirname, '../../../fixtures');

async function planJson(args: string[]): Promise<PlanResult> {
  const out = captureCliIo();
  expect(await runCli(['plan', ...args, '--json'], out)).toBe(0);
  return JSON.parse(out.stdout.join('\n')) as PlanResult;
}

describe('plan CLI', () => {
  it('prints { recommended, strategies[] } with per-GPU memory and speed ranges', async () => {
    const result = await planJson([
      '--gpu',
      'RTX 3090',
      '--gpu',
      'NVIDIA GeForce RTX 3090',
      '--model',
      'llama-3.1-70b',
      '--quant',
      'Q4_K_M',
    ]);
    expect(result.recommended).toBe('llama.cpp:tensor');
    const s = result.strategies[0]!;
    expect(Object.keys(s)).toEqual(
      expect.arrayContaining([
        'runtime',
        'split',
        'tensorParallel',
        'pipelineParallel',
        'fits',
        'fit',
        'ramOffloadMiB',
        'blockers',
        'perGpu',
        'hostWeightsMiB',
        'hostKvCacheMiB',
        'kvCacheTokens',
        'maxConcurrency',
        'decodeTokPerSec',
        'prefillTokPerSec',
        'limitTokPerSec',
        'maxContext',
        'reasons',
        'warnings',
      ]),
    );
    expect(Object.keys(s.perGpu[0]!)).toEqual([
      'index',
      'name',
      'capacityMiB',
      'budgetMiB',
      'weightsMiB',
      'kvCacheMiB',
      'computeMiB',
      // llama.cpp family: what sets the compute buffer on this GPU (the memory calibration is keyed by it).
      'computeRole',
      'overheadMiB',
      'totalMiB',
    ]);
    expect(s.decodeTokPerSec!.low).toBeLessThan(s.decodeTokPerSec!.expected);
  });

  it('puts the requested runtime and split first even when it cannot run, with the reason', async () => {
    const result = await planJson([
      '--gpu',
      '3090',
      '--gpu',
      '3090',
      '--gpu',
      '3090',
      '--model',
      'llama-3.1-70b',
      '--runtime',
      'vllm',
      '--split',
      'tp',
    ]);
    expect(result.strategies[0]).toMatchObject({ runtime: 'vllm', tensorParallel: 3, fits: false });
    expect(result.strategies[0]!.reasons[0]).toMatch(/divisible by tensor parallel size \(3\)/);
  });

  it('plans from a capture directory, pinning llama.cpp settings', async () => {
    const result = await planJson([
      '--replay',
      join(FIXTURES, 'capture-dirs/dual-rtx-a5000'),
      '--model',
      'qwen3-30b-a3b',
      '--ctx',
      '32768',
      '--tensor-split',
      '3,1',
      '--cache-type-k',
      'q8_0',
      '--cache-type-v',
      'q8_0',
    ]);
    const layer = result.strategies.find((s) => s.id === 'llama.cpp:layer');
    expect(layer?.perGpu.map((g) => g.name)).toEqual(['NVIDIA RTX A5000', 'NVIDIA RTX A5000']);
    expect(layer!.perGpu[0]!.weightsMiB).toBeGreaterThan(2 * layer!.perGpu[1]!.weightsMiB);
  });

  it.each([
    [['--gpu', 'RTX 3095', '--model', 'llama-3-8b'], /unknown GPU "RTX 3095"; closest: .*RTX 3090/],
    [
      ['--gpu', 'RTX 3090', '--model', 'llama-3.1-7b'],
      /unknown model "llama-3.1-7b"; closest: .*llama-3.1-8b/,
    ],
    [['--gpu', 'RTX 3090', '--model', 'llama-3-8b', '--quant', 'Q9_K'], /unknown quantization "Q9_K"/],
    [['--gpu', 'RTX 3090', '--model', 'llama-3-8b', '--link', 'pcie9x32'], /--link must be nvlink, pcieGxW/],
    [['--model', 'llama-3-8b'], /exactly one of --replay DIR, --profile FILE or --gpu NAME/],
    [
      ['--gpu', 'RTX 3090', '--model', join(FIXTURES, 'capture-dirs/dual-rtx-a5000/manifest.json')],
      /rig-advisor: /,
    ],
  ])('exits 2 with one clear line: %j', async (args, message) => {
    const out = captureCliIo();
    expect(await runCli(['plan', ...args], out)).toBe(2);
    expect(out.stderr).toHaveLength(1);
    expect(out.stderr[0]).toMatch(message);
  });
});
