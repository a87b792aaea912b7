/**
 * Capacity checks: where the followed strategy puts the model (all on GPU: pass; part in RAM: warn,
 * with what it costs; nowhere: fail), per GPU against the budget the planner judges by, context,
 * host RAM — and the engine's suggestions, each re-planned, named in the fix.
 */
import { describe, expect, it } from 'vitest';
import { adviceFor, type RequestSpec } from '../../../test/support/plan-request';
import { machineFromNames } from '../machine';
import { EMPTY_USER_NOTES } from '../rig-notes';
import { checkCapacity } from './check-capacity';
import type { Check } from './check-types';

const twin3090 = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'], ramGiB: 64 });
const llamaLayer = { runtime: 'llama.cpp', split: 'layer' } as const;

const capacity = (spec: RequestSpec) => {
  const a = adviceFor(spec);
  return { advice: a, checks: a.checks.filter((c) => c.area === 'capacity') };
};

const byId = (checks: readonly Check[], id: string): Check => {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`${id} missing: ${checks.map((x) => x.id).join(', ')}`);
  return c;
};

describe('capacity: what fits', () => {
  it('70B Q4_K_M on 2× RTX 3090 with a layer split fits on the GPUs: each below its budget, context ≥ 8192', () => {
    const { checks } = capacity({ machine: twin3090, model: 'llama-3.1-70b', ...llamaLayer });
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['capacity.fit', 'pass'],
      ['capacity.gpu0', 'pass'],
      ['capacity.gpu1', 'pass'],
      ['capacity.context', 'pass'],
    ]);
    expect(byId(checks, 'capacity.fit').reason).toMatch(/fits on the GPUs with llama\.cpp:layer/);
    expect(byId(checks, 'capacity.gpu0').reason).toMatch(/needs 2\d\.\d of 24\.0 GiB \(weights .*KV cache/);
  });

  it('derived from that plan: a GPU past the budget the planner keeps (but under its capacity) fails, as the planner would', () => {
    const { advice } = capacity({ machine: twin3090, model: 'llama-3.1-70b', ...llamaLayer });
    const s = advice.strategy!;
    const perGpu = s.perGpu.map((u, i) => (i === 0 ? { ...u, totalMiB: u.budgetMiB + 100 } : u));
    const checks = checkCapacity({
      profile: null,
      machine: twin3090,
      plan: advice.plan,
      strategy: { ...s, perGpu },
      notes: EMPTY_USER_NOTES,
    });
    const c = byId(checks, 'capacity.gpu0');
    expect(c.status).toBe('fail');
    expect(c.reason).toMatch(/more than the 23\.5 GiB the runtime may fill/);
  });

  it('70B Q4_K_M on one RTX 3090: it "fits" only with ~20 GiB in RAM — a warning with the speed it costs, never a pass', () => {
    const { checks, advice } = capacity({ gpus: ['RTX 3090'], model: 'llama-3.1-70b' });
    expect(advice.strategy?.fit).toBe('offload');
    const fit = byId(checks, 'capacity.fit');
    expect(fit.status).toBe('warn');
    expect(fit.reason).toMatch(
      /only by keeping \d\d\.\d GiB in system RAM.*decode ~\d\.\d tok\/s, against ~\d\d\.\d tok\/s if it all fit/,
    );
    expect(fit.suggestions).toContain('quant');
    expect(fit.fix).toMatch(
      /the largest quantization that fits on the GPUs, \S+ \(\d\.\d\d bits\/weight\): fits all on the GPUs/,
    );
  });
});

describe('capacity: when it does not fit, the suggestions re-planned with their numbers', () => {
  it('70B Q8_0 (70 GiB) on 2× RTX 3090, layer split pinned: fail, with the largest quant that fits on the GPUs and the offload', () => {
    const { checks, advice } = capacity({
      machine: twin3090,
      model: 'llama-3.1-70b',
      quant: 'Q8_0',
      ...llamaLayer,
    });
    const fit = byId(checks, 'capacity.fit');
    expect(fit.status).toBe('fail');
    expect(fit.reason).toMatch(/69\.8\d GiB of weights\) does not fit with llama\.cpp:layer/);
    const quant = advice.suggestions.find((s) => s.kind === 'quant');
    expect(quant?.effect.fit).toBe('gpu');
    expect(quant?.change.quant).toMatch(/^(Q5_K_M|Q4_K_M|IQ4_XS)$/);
    expect(advice.suggestions.find((s) => s.kind === 'offload')?.effect.fit).toBe('offload');
    expect(fit.fix).toContain(quant?.summary);
    expect(byId(checks, 'capacity.gpu0').status).toBe('fail');
  });

  it('70B Q4_K_M at 64k context: the longest context that fits on the GPUs, and no suggestion that does not help', () => {
    const { advice } = capacity({ machine: twin3090, model: 'llama-3.1-70b', ctx: 65536, ...llamaLayer });
    const ctx = advice.suggestions.find((s) => s.kind === 'context');
    expect(ctx?.change.ctx).toBeGreaterThan(8192);
    expect(ctx?.change.ctx).toBeLessThan(65536);
    expect(ctx?.effect.fit).toBe('gpu');
    for (const s of advice.suggestions.filter((x) => x.kind !== 'context' && x.kind !== 'offload'))
      expect(s.effect.maxContext).toBeGreaterThanOrEqual(65536);
  });

  it('4 parallel slots at 16k: one request at a time is re-planned and fits', () => {
    const { advice } = capacity({
      machine: twin3090,
      model: 'llama-3.1-70b',
      ctx: 16384,
      llama: { parallel: 4 },
      ...llamaLayer,
    });
    const one = advice.suggestions.find((s) => s.kind === 'concurrency');
    expect(one?.summary).toMatch(
      /^1 request at a time instead of 4 \(each holds its own KV cache\): fits all on the GPUs/,
    );
  });

  it('MoE (Qwen3-30B-A3B Q8_0) on one 12 GB card, one GPU pinned: keeping experts in RAM is suggested with the GiB it moves', () => {
    const m = machineFromNames({ gpuNames: ['RTX 3060 12GB'], ramGiB: 64 });
    const { advice } = capacity({
      machine: m,
      model: 'qwen3-30b-a3b',
      quant: 'Q8_0',
      runtime: 'llama.cpp',
      split: 'none',
    });
    const offload = advice.suggestions.find((s) => s.kind === 'offload');
    expect(offload?.change.strategy).toBe('llama.cpp:moe-offload');
    expect(offload?.summary).toMatch(
      /^the experts of \d+ layers in system RAM: fits with llama\.cpp:moe-offload, \d+\.\d GiB in system RAM/,
    );
  });

  it("vLLM TP 3 on a 64-head model is refused: the runtime's reason, and the strategy that fits instead", () => {
    const m = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090', 'RTX 3090'] });
    const { checks } = capacity({
      machine: m,
      model: 'llama-3.1-70b',
      quant: 'awq',
      runtime: 'vllm',
      split: 'tp',
    });
    expect(checks).toHaveLength(1);
    expect(checks[0]?.reason).toMatch(
      /attention heads \(64\) must be divisible by tensor parallel size \(3\)/,
    );
    expect(checks[0]?.fix).toMatch(/^Use vllm:pp3, which fits on the GPUs at ~\d+\.\d tok\/s/);
  });
});

describe('capacity: host RAM for offloaded weights', () => {
  it.each([
    ['70B Q4_K_M offloaded from one RTX 4090 with 64 GiB RAM: ~20 GiB in RAM fits', 64, 'pass'],
    ['the same with 16 GiB RAM: more than 90% of RAM → fail', 16, 'fail'],
    ['RAM size not given → unknown, asking for the RAM size', null, 'unknown'],
  ] as const)('%s', (_name, ramGiB, status) => {
    const m = machineFromNames({ gpuNames: ['RTX 4090'], ramGiB });
    const { checks } = capacity({
      machine: m,
      model: 'llama-3.1-70b',
      runtime: 'llama.cpp',
      split: 'offload',
    });
    const ram = byId(checks, 'capacity.ram');
    expect(ram.status).toBe(status);
    if (status === 'unknown') expect(ram.inputs).toEqual(['ramGiB']);
  });
});
