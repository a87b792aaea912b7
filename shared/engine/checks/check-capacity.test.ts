/**
 * Capacity checks: per-GPU use from the planner, context, host RAM, and — when it does not fit —
 * suggestions whose numbers come from re-running the planner with one thing changed.
 */
import { describe, expect, it } from 'vitest';
import { findModel } from '../../catalog/model-lookup';
import { findQuant } from '../../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../../catalog/types';
import { modelFromCatalog } from '../../model-import/catalog-model';
import { EMPTY_USER_NOTES } from '../rig-notes';
import { machineFromNames, type EngineMachine } from '../machine';
import { plan } from '../planner/planner';
import type { PlanRequest, Strategy } from '../planner/plan-types';
import { ENGINE } from '../thresholds';
import { checkCapacity } from './check-capacity';
import type { Check, ChecksInput } from './check-types';

const twin3090 = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'], ramGiB: 64 });

function request(
  machine: EngineMachine,
  model: string,
  quant: string,
  over: Partial<PlanRequest> = {},
): PlanRequest {
  return {
    machine,
    model: modelFromCatalog(findModel(model) as ModelSpec, findQuant(quant) as QuantSpec),
    ctx: 8192,
    runtime: 'llama.cpp',
    split: 'layer',
    concurrency: 1,
    goal: 'latency',
    llama: {},
    gpuMemoryUtilization: null,
    ...over,
  };
}

function input(req: PlanRequest, pass: 'with-request' | 'rebuilt' = 'rebuilt'): ChecksInput {
  const result = plan(req);
  const strategy = result.strategies[0] as Strategy;
  const base = { profile: null, machine: req.machine, plan: result, strategy, notes: EMPTY_USER_NOTES };
  return pass === 'with-request' ? { ...base, request: req } : base;
}

const byId = (checks: Check[], id: string): Check => {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`${id} missing: ${checks.map((x) => x.id).join(', ')}`);
  return c;
};

describe('capacity: what fits', () => {
  it('70B Q4_K_M on 2× RTX 3090 with a layer split fits: each GPU below 24 GiB minus the margin, context ≥ 8192', () => {
    const checks = checkCapacity(input(request(twin3090, 'llama-3.1-70b', 'Q4_K_M')));
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['capacity.fit', 'pass'],
      ['capacity.gpu0', 'pass'],
      ['capacity.gpu1', 'pass'],
      ['capacity.context', 'pass'],
    ]);
    expect(byId(checks, 'capacity.gpu0').reason).toMatch(/needs 2\d\.\d of 24\.0 GiB \(weights .*KV cache/);
    expect(byId(checks, 'capacity.context').reason).toMatch(/Up to \d+ tokens/);
  });

  it('derived from that plan: a GPU within the 512 MiB margin of full → warn (fits, but no headroom)', () => {
    const base = input(request(twin3090, 'llama-3.1-70b', 'Q4_K_M'));
    const perGpu = base.strategy.perGpu.map((u, i) =>
      i === 0 ? { ...u, totalMiB: u.capacityMiB - ENGINE.fitMarginMiB / 2 } : u,
    );
    const c = byId(checkCapacity({ ...base, strategy: { ...base.strategy, perGpu } }), 'capacity.gpu0');
    expect(c.status).toBe('warn');
  });
});

describe('capacity: when it does not fit, concrete suggestions with numbers', () => {
  it('70B Q8_0 (70 GiB) on 2× RTX 3090: fail per GPU, and the largest quant that fits is named with its context and speed', () => {
    const checks = checkCapacity(input(request(twin3090, 'llama-3.1-70b', 'Q8_0')));
    const fit = byId(checks, 'capacity.fit');
    expect(fit.status).toBe('fail');
    expect(fit.reason).toMatch(/69\.8\d GiB of weights\) does not fit with llama\.cpp:layer/);
    expect(fit.fix).toMatch(
      /a smaller quantization, Q4_K_M \(4\.89 bits\/weight\), fits with up to \d+ tokens of context, ~\d+\.\d tok\/s/,
    );
    expect(fit.fix).toMatch(/offload to system RAM with -ngl \d+/);
    expect(fit.fix).toMatch(/about \d+\.\d GiB more GPU memory/);
    expect(byId(checks, 'capacity.gpu0').status).toBe('fail');
  });

  it('70B Q4_K_M at 64k context: shorter context, KV cache q8_0 (re-planned: more context, still short) and a smaller quant', () => {
    const fix = byId(
      checkCapacity(input(request(twin3090, 'llama-3.1-70b', 'Q4_K_M', { ctx: 65536 }))),
      'capacity.fit',
    ).fix;
    const shorter = Number(/-c (\d+) fits/.exec(fix)?.[1]);
    const q8 = Number(
      /KV cache q8_0 \(-ctk q8_0 -ctv q8_0, needs flash attention\) still does not fit 65536 tokens \(up to (\d+) would fit\)/.exec(
        fix,
      )?.[1],
    );
    expect(shorter).toBeGreaterThan(8192);
    // q8_0 stores 34 bytes per 32 values instead of 64: nearly twice the context in the same memory.
    expect(q8 / shorter).toBeGreaterThan(1.6);
    expect(fix).toMatch(/a smaller quantization, \S+ \(\d\.\d\d bits\/weight\), fits with up to \d+ tokens/);
  });

  it('4 parallel slots at 16k: "1 parallel slot" is re-planned and fits', () => {
    const req = request(twin3090, 'llama-3.1-70b', 'Q4_K_M', { ctx: 16384, llama: { parallel: 4 } });
    const fix = byId(checkCapacity(input(req, 'with-request')), 'capacity.fit').fix;
    expect(fix).toMatch(
      /1 parallel slot instead of 4 \(-np 1; each slot holds its own KV cache\) fits with up to \d+ tokens/,
    );
  });

  it('MoE (Qwen3-30B-A3B Q8_0) on one 12 GB card: offload suggests --n-cpu-moe N with the GiB kept in RAM', () => {
    const m = machineFromNames({ gpuNames: ['RTX 3060 12GB'], ramGiB: 64 });
    const fix = byId(
      checkCapacity(input(request(m, 'qwen3-30b-a3b', 'Q8_0', { split: 'none' }))),
      'capacity.fit',
    ).fix;
    expect(fix).toMatch(
      /--n-cpu-moe \d+ \(MoE experts of the first \d+ layers in RAM\): \d+\.\d GiB in RAM, fits/,
    );
  });

  it('the request given and the one rebuilt from the catalog give the same suggestions', () => {
    const req = request(twin3090, 'llama-3.1-70b', 'Q8_0');
    const given = byId(checkCapacity(input(req, 'with-request')), 'capacity.fit').fix;
    const rebuilt = byId(checkCapacity(input(req)), 'capacity.fit').fix;
    expect(rebuilt).toBe(given);
  });

  it("vLLM TP 3 on a 64-head model is refused: the runtime's reason, and the strategy that fits instead", () => {
    const m = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090', 'RTX 3090'] });
    const checks = checkCapacity(input(request(m, 'llama-3.1-70b', 'awq', { runtime: 'vllm', split: 'tp' })));
    expect(checks).toHaveLength(1);
    expect(checks[0]?.reason).toMatch(
      /attention heads \(64\) must be divisible by tensor parallel size \(3\)/,
    );
    expect(checks[0]?.fix).toMatch(/^Use vllm:pp3, which fits/);
  });
});

describe('capacity: host RAM for offloaded weights', () => {
  it.each([
    ['70B Q4_K_M offloaded from one RTX 4090 with 64 GiB RAM: ~20 GiB in RAM fits', 64, 'pass'],
    ['the same with 16 GiB RAM: more than 90% of RAM → fail', 16, 'fail'],
    ['RAM size not given → unknown, with how to find it', null, 'unknown'],
  ] as const)('%s', (_name, ramGiB, status) => {
    const m = machineFromNames({ gpuNames: ['RTX 4090'], ramGiB });
    const checks = checkCapacity(input(request(m, 'llama-3.1-70b', 'Q4_K_M', { split: 'offload' })));
    expect(byId(checks, 'capacity.ram').status).toBe(status);
  });
});
