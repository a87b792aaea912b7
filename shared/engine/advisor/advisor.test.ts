import { describe, expect, it } from 'vitest';
import { findModel } from '../../catalog/model-lookup';
import { findQuant } from '../../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../../catalog/types';
import { modelFromCatalog } from '../../model-import/catalog-model';
import { machineFromNames } from '../machine';
import type { PlanRequest } from '../planner/plan-types';
import { BuildParseError, compareBuilds, parseBuild } from './compare';
import { rankUpgrades } from './upgrade';

function request(gpus: string[], id: string, quant = 'Q4_K_M'): PlanRequest {
  return {
    machine: machineFromNames({ gpuNames: gpus, ramGiB: 64 }),
    model: modelFromCatalog(findModel(id) as ModelSpec, findQuant(quant) as QuantSpec),
    ctx: 8192,
    runtime: null,
    split: 'auto',
    concurrency: 1,
    goal: 'latency',
    llama: {},
    gpuMemoryUtilization: null,
  };
}

describe('compare builds', () => {
  it('parses "2x RTX 3090", "2× 3090" and "RTX 3090 + RTX 4090", and names an unknown card', () => {
    expect(parseBuild('2x RTX 3090').gpus.map((g) => g.id)).toEqual(['rtx-3090', 'rtx-3090']);
    expect(parseBuild('2× 3090').gpus).toHaveLength(2);
    expect(parseBuild('RTX 3090 + RTX 4090').gpus.map((g) => g.id)).toEqual(['rtx-3090', 'rtx-4090']);
    expect(() => parseBuild('2x RTX 3095')).toThrow(BuildParseError);
  });

  it('two 3090s win for a 70B model (it fits on GPUs); one 4090 wins for a 13B model — and the verdict says it flips', () => {
    const builds = [parseBuild('RTX 4090'), parseBuild('2x RTX 3090')];
    const big = compareBuilds(builds, request(['RTX 4090'], 'llama-3.1-70b'));
    const r4090 = big.builds.find((b) => b.build === 'RTX 4090');
    const r3090 = big.builds.find((b) => b.build === '2x RTX 3090');
    expect(r3090?.decodeTokPerSec?.expected).toBeGreaterThan(3 * (r4090?.decodeTokPerSec?.expected ?? 0));
    expect(big.verdict).toMatch(/2x RTX 3090 wins/);
    expect(big.verdict).toMatch(/flips/);
    const small = compareBuilds(builds, request(['RTX 4090'], 'llama-2-13b'));
    expect(small.verdict).toMatch(/RTX 4090 wins/);
    expect(r3090?.psuWattsNeeded).toBeGreaterThan(r4090?.psuWattsNeeded ?? 0);
  });
});

describe('add a card', () => {
  it('ranks every catalog GPU as the second card next to a 3090 for a 70B model; feasible options gain speed', () => {
    const result = rankUpgrades({
      request: request(['RTX 3090'], 'llama-3.1-70b'),
      profile: null,
      psuWatts: 1200,
    });
    expect(result.options.length).toBeGreaterThan(60);
    const top = result.options[0]!;
    expect(top.feasible).toBe(true);
    expect(top.decodeTokPerSec).toBeGreaterThan(result.baseline.decodeTokPerSec ?? 0);
    expect(result.options.find((o) => o.gpuId === 'rx-7900-xtx')?.blockers.join(' ')).toMatch(
      /mixing nvidia/,
    );
  });

  it('a small PSU blocks the hungry cards, and a price override changes the ranking input', () => {
    const result = rankUpgrades({
      request: request(['RTX 3090'], 'llama-3.1-70b'),
      profile: null,
      psuWatts: 650,
      priceOverrides: { 'rtx-3090': 700 },
    });
    const second3090 = result.options.find((o) => o.gpuId === 'rtx-3090');
    expect(second3090?.priceUsd).toBe(700);
    expect(second3090?.blockers.join(' ')).toMatch(/PSU/);
  });
});
