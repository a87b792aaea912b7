/**
 * Machine and run options added for issue 11: `--gpu-spec` (a card the catalog lacks, by its numbers),
 * `--link pcieN` (read as x16, with a note), `--depth N` (the context depth decode speed is quoted at) and
 * `--serving PROMPT:OUTPUT` (decode per user under a serving load).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanResult } from '@shared/engine/planner/plan-types';
import { captureCliIo } from '../../../test/support/cli-io';
import { runCli } from '../main';

async function planJson(args: string[]): Promise<PlanResult> {
  const io = captureCliIo();
  expect(await runCli(['plan', ...args, '--json'], io), io.stderr.join('\n')).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as PlanResult;
}

const SPEC = 'Radeon Pro W7900:vram=48GiB,bw=864GBs,tdp=295W';

describe('--gpu-spec', () => {
  it('alone, each is one card of the machine: planned with its numbers, never "? tok/s", and said so', async () => {
    const result = await planJson([
      '--gpu-spec',
      SPEC,
      '--gpu-spec',
      SPEC,
      '--model',
      'llama-3.1-70b',
      '--quant',
      'Q4_K_M',
    ]);
    const best = result.strategies.find((s) => s.id === result.recommended);
    expect(best?.perGpu.map((g) => g.name)).toEqual(['Radeon Pro W7900', 'Radeon Pro W7900']);
    expect(best?.decodeTokPerSec?.expected).toBeGreaterThan(5);
    expect(result.assumptions.map((a) => a.text).join('\n')).toMatch(
      /planned with the numbers you entered for Radeon Pro W7900/,
    );
  });

  it('with --gpu, the name resolves to the entered card first', async () => {
    const result = await planJson([
      '--gpu-spec',
      SPEC,
      '--gpu',
      'RTX 3090',
      '--gpu',
      'radeon pro w7900',
      '--model',
      'llama-3.1-8b',
    ]);
    expect(result.strategies[0]?.perGpu.map((g) => g.name)).toContain('Radeon Pro W7900');
  });

  it('names an uncatalogued GPU of a scanned machine (the capture names it; the catalog does not)', async () => {
    const mi100 = resolve(__dirname, '../../../fixtures/capture-dirs/mi100-x4');
    const io = captureCliIo();
    expect(await runCli(['plan', '--replay', mi100, '--model', 'llama-3.1-8b', '--json'], io)).toBe(0);
    const named = (JSON.parse(io.stdout.join('\n')) as PlanResult).strategies[0]?.perGpu[0]?.name ?? '';
    const custom = await planJson([
      '--replay',
      mi100,
      '--gpu-spec',
      `${named}:vram=32GiB,bw=1200GBs,tdp=300W`,
      '--model',
      'llama-3.1-8b',
    ]);
    expect(custom.assumptions.map((a) => a.text).join('\n')).toMatch(/planned with the numbers you entered/);
  });

  it('a malformed value is a usage error saying what is wrong', async () => {
    const io = captureCliIo();
    expect(await runCli(['plan', '--gpu-spec', 'X:vram=24GiB', '--model', 'llama-3.1-8b'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/--gpu-spec: missing bw, tdp/);
  });
});

describe('--link pcieN and --depth N', () => {
  it('--link pcie4 is read as PCIe 4.0 x16, with a note saying so', async () => {
    const result = await planJson([
      '--gpu',
      'RTX 3090',
      '--gpu',
      'RTX 3090',
      '--link',
      'pcie4',
      '--model',
      'llama-3.1-8b',
    ]);
    expect(result.assumptions.find((a) => a.id === 'links.width-assumed')?.text).toMatch(/read as x16/);
  });

  it('--depth moves the decode figure: deeper is slower', async () => {
    const args = ['--gpu', 'RTX 4090', '--model', 'llama-3.1-8b', '--ctx', '65536', '--split', 'none'];
    const shallow = (await planJson([...args, '--depth', '0'])).strategies[0]?.decodeTokPerSec?.expected ?? 0;
    const deep =
      (await planJson([...args, '--depth', '60000'])).strategies[0]?.decodeTokPerSec?.expected ?? 0;
    expect(deep).toBeLessThan(shallow * 0.85);
  });

  it('--runtime-version llama.cpp=bNNNN reaches the plan: row split runs before b9890 and is refused after', async () => {
    const args = ['--gpu', 'RTX 3090', '--gpu', 'RTX 3090', '--model', 'llama-3.1-70b', '--split', 'row'];
    const row = async (extra: string[]) =>
      (await planJson([...args, ...extra])).strategies.find((s) => s.id === 'llama.cpp:row');
    expect((await row(['--runtime-version', 'llama.cpp=b9000']))?.invalid).toBe(false);
    const today = await row([]);
    expect(today?.invalid).toBe(true);
    expect(today?.reasons.join(' ')).toMatch(/removed row split .* b9890/);
  });

  it("--serving with --concurrency: each user's decode includes the others' prompts; a bad value is exit 2", async () => {
    const args = ['--gpu', 'RTX 3090', '--gpu', 'RTX 3090', '--model', 'qwen2.5-32b', '--quant', 'awq'];
    const run = ['--runtime', 'vllm', '--concurrency', '16'];
    const alone = (await planJson([...args, ...run])).strategies[0]?.decodeTokPerSec?.expected ?? 0;
    const loaded =
      (await planJson([...args, ...run, '--serving', '16384:256'])).strategies[0]?.decodeTokPerSec
        ?.expected ?? 0;
    expect(loaded).toBeGreaterThan(0);
    expect(loaded).toBeLessThan(alone * 0.2);
    const io = captureCliIo();
    expect(await runCli(['plan', ...args, '--serving', '16384', '--json'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/--serving takes .* PROMPT:OUTPUT/);
  });
});
