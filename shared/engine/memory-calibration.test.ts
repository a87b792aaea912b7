import { describe, expect, it } from 'vitest';
import { adviceFor, planRequest } from '../../test/support/plan-request';
import { machineFromNames, type EngineMachine } from './machine';
import type { MemoryBackend, MemoryCalibrationPoint } from './memory-calibration';
import { memoryPoint } from './memory-points';
import type { PlanRequest, Strategy } from './planner/plan-types';
import { plan } from './planner/planner';

const rtx3090 = machineFromNames({ gpuNames: ['RTX 3090'], ramGiB: 128 });

const byId = (req: PlanRequest, id: string): Strategy => {
  const s = plan(req).strategies.find((x) => x.id === id);
  if (!s) throw new Error(`no ${id}`);
  return s;
};
const withMemory = (m: EngineMachine, memory: readonly MemoryCalibrationPoint[]): EngineMachine => ({
  ...m,
  calibration: { points: [], memory },
});

/**
 * A load log of the strategy `id` of `req` whose compute buffer on the strategy's first GPU came out
 * `factor` × the prediction (measured on `backend`).
 */
function logOf(req: PlanRequest, id: string, factor: number, backend: MemoryBackend = 'CUDA') {
  const s = byId(req, id);
  const p = memoryPoint(req, s, 0, {
    measuredMiB: (s.perGpu[0]?.computeMiB ?? 0) * factor,
    backend,
    source: 'server.log',
  });
  if (!p) throw new Error('no point');
  return { point: p, uncalibrated: s };
}

const llama8b = (over: Parameters<typeof planRequest>[0] = {}) =>
  planRequest({ machine: rtx3090, model: 'llama-3.1-8b', runtime: 'llama.cpp', ctx: 8192, ...over });

describe('memory calibration: llama.cpp compute buffers from load logs', () => {
  it('a log of the same configuration predicts its own compute buffer within 5%, and says so with the uncalibrated figure', () => {
    const { point, uncalibrated } = logOf(llama8b(), 'llama.cpp:none', 1.5);
    const after = byId(llama8b({ machine: withMemory(rtx3090, [point]) }), 'llama.cpp:none');
    const gpu = after.perGpu[0]!;
    expect(Math.abs(gpu.computeMiB / point.measuredMiB - 1)).toBeLessThan(0.05);
    expect(gpu.totalMiB - uncalibrated.perGpu[0]!.totalMiB).toBe(
      gpu.computeMiB - uncalibrated.perGpu[0]!.computeMiB,
    );
    expect(after.memoryCalibration?.perGpu[0]).toMatchObject({
      index: 0,
      uncalibratedMiB: uncalibrated.perGpu[0]!.computeMiB,
      calibratedMiB: gpu.computeMiB,
    });
    expect(after.memoryCalibration?.widened).toBe(false);
    expect(after.reasons.join('\n')).toMatch(/memory calibrated on 1 load log: compute buffer ×1\.50/);
  });

  it('moves other settings in the physical direction: the ratio rides on the modelled buffer, which grows with ubatch and (without flash attention) context', () => {
    const { point } = logOf(llama8b(), 'llama.cpp:none', 1.5);
    const compute = (m: EngineMachine, over: Parameters<typeof planRequest>[0]) =>
      byId(llama8b({ machine: m, ...over }), 'llama.cpp:none').perGpu[0]!.computeMiB;
    const machine = withMemory(rtx3090, [point]);
    const ub1024 = compute(machine, { llama: { ubatch: 1024 } });
    expect(ub1024).toBeGreaterThan(compute(machine, {}));
    expect(ub1024 / compute(rtx3090, { llama: { ubatch: 1024 } })).toBeCloseTo(1.5, 1);

    const noFa = { llama: { flashAttention: false } };
    const off = withMemory(rtx3090, [logOf(llama8b(noFa), 'llama.cpp:none', 1.3).point]);
    const at16k = compute(off, { ...noFa, ctx: 16384 });
    expect(at16k).toBeGreaterThan(compute(off, noFa));
    expect(at16k / compute(rtx3090, { ...noFa, ctx: 16384 })).toBeCloseTo(1.3, 1);
  });

  it('a grown compute buffer changes how many layers fit, and whether it fits', () => {
    const big = (m: EngineMachine) =>
      planRequest({ machine: m, model: 'llama-3.1-70b', runtime: 'llama.cpp', split: 'offload', ctx: 8192 });
    const { point, uncalibrated } = logOf(big(rtx3090), 'llama.cpp:offload', 4);
    const after = byId(big(withMemory(rtx3090, [point])), 'llama.cpp:offload');
    expect(after.llama?.ngl).toBeLessThan(uncalibrated.llama?.ngl ?? 0);
    expect(after.hostWeightsMiB).toBeGreaterThan(uncalibrated.hostWeightsMiB);

    const fitting = byId(llama8b(), 'llama.cpp:none');
    const gpu = fitting.perGpu[0]!;
    expect(fitting.fits).toBe(true);
    // Just enough to take the card past its budget.
    const factor = 1 + (gpu.budgetMiB - gpu.totalMiB + 256) / gpu.computeMiB;
    const tight = logOf(llama8b(), 'llama.cpp:none', factor).point;
    const over = byId(llama8b({ machine: withMemory(rtx3090, [tight]) }), 'llama.cpp:none');
    expect(over.fits).toBe(false);
    expect(over.maxContext).toBeLessThan(fitting.maxContext);
  });

  it('the capacity check judges the calibrated buffer (every command gets it from the plan)', () => {
    const fitting = byId(llama8b(), 'llama.cpp:none');
    const gpu = fitting.perGpu[0]!;
    const factor = 1 + (gpu.budgetMiB - gpu.totalMiB + 256) / gpu.computeMiB;
    const machine = withMemory(rtx3090, [logOf(llama8b(), 'llama.cpp:none', factor).point]);
    const status = (m: EngineMachine) =>
      adviceFor({
        machine: m,
        model: 'llama-3.1-8b',
        runtime: 'llama.cpp',
        split: 'none',
        ctx: 8192,
      }).checks.find((c) => c.id === 'capacity.gpu0')?.status;
    expect(status(rtx3090)).toBe('pass');
    expect(status(machine)).toBe('fail');
  });

  it('a log from another backend (Vulkan on an NVIDIA card) never lowers a CUDA plan, and says where it was measured', () => {
    const lower = logOf(llama8b(), 'llama.cpp:none', 0.6, 'Vulkan');
    const kept = byId(llama8b({ machine: withMemory(rtx3090, [lower.point]) }), 'llama.cpp:none');
    expect(kept.perGpu[0]!.computeMiB).toBe(lower.uncalibrated.perGpu[0]!.computeMiB);
    expect(kept.memoryCalibration?.widened).toBe(true);
    expect(kept.reasons.join('\n')).toMatch(/measured on Vulkan.*only ever raised/);
    const higher = logOf(llama8b(), 'llama.cpp:none', 1.4, 'Vulkan');
    const raised = byId(llama8b({ machine: withMemory(rtx3090, [higher.point]) }), 'llama.cpp:none');
    expect(raised.perGpu[0]!.computeMiB).toBeGreaterThan(higher.uncalibrated.perGpu[0]!.computeMiB);
  });

  it('a log of another model may raise the buffer, never lower it, and says so', () => {
    const other = (m: EngineMachine) =>
      byId(planRequest({ machine: m, model: 'qwen3-8b', runtime: 'llama.cpp', ctx: 8192 }), 'llama.cpp:none');
    const lower = other(withMemory(rtx3090, [logOf(llama8b(), 'llama.cpp:none', 0.5).point]));
    expect(lower.perGpu[0]!.computeMiB).toBe(other(rtx3090).perGpu[0]!.computeMiB);
    expect(lower.reasons.join('\n')).toMatch(/another model or far from these settings: only ever raised/);
    const raise = other(withMemory(rtx3090, [logOf(llama8b(), 'llama.cpp:none', 1.5).point]));
    expect(raise.perGpu[0]!.computeMiB).toBeGreaterThan(other(rtx3090).perGpu[0]!.computeMiB);
  });

  it('does not apply to another kind of GPU, to another engine, or when the machine has no memory points', () => {
    const { point } = logOf(llama8b(), 'llama.cpp:none', 1.5);
    const rtx4090 = withMemory(machineFromNames({ gpuNames: ['RTX 4090'], ramGiB: 128 }), [point]);
    expect(byId(llama8b({ machine: rtx4090 }), 'llama.cpp:none').memoryCalibration ?? null).toBeNull();
    const exl = planRequest({
      machine: withMemory(rtx3090, [point]),
      model: 'llama-3.1-8b',
      quant: 'gptq-int4',
      runtime: 'exllamav2',
    });
    expect(plan(exl).strategies.every((s) => !s.memoryCalibration)).toBe(true);
    const speedOnly: EngineMachine = { ...rtx3090, calibration: { points: [] } };
    expect(byId(llama8b({ machine: speedOnly }), 'llama.cpp:none').memoryCalibration ?? null).toBeNull();
  });

  it('Ollama runs llama.cpp underneath: a llama.cpp log calibrates its plans too', () => {
    const { point } = logOf(llama8b(), 'llama.cpp:none', 1.5);
    const ollama = byId(llama8b({ machine: withMemory(rtx3090, [point]), runtime: 'ollama' }), 'ollama:none');
    expect(ollama.memoryCalibration?.perGpu[0]?.calibratedMiB).toBeGreaterThan(
      ollama.memoryCalibration?.perGpu[0]?.uncalibratedMiB ?? Infinity,
    );
  });
});

describe('memory calibration: vLLM non-KV overhead from start-up logs', () => {
  const h100 = machineFromNames({ gpuNames: ['H100'], ramGiB: 256 });
  const vllm = (m: EngineMachine) =>
    planRequest({ machine: m, model: 'llama-3.1-8b', quant: 'bf16', runtime: 'vllm', ctx: 16384 });

  it('the overhead a start-up log implies moves the KV pool, its tokens and the concurrency; the same configuration reproduces the logged pool', () => {
    const before = byId(vllm(h100), 'vllm:tp1');
    const gpu = before.perGpu[0]!;
    // The log had 2 GiB less KV cache than predicted: that much more overhead.
    const point = memoryPoint(vllm(h100), before, 0, {
      measuredMiB: gpu.overheadMiB + 2048,
      backend: 'CUDA',
      source: 'vllm.log',
    })!;
    const after = byId(vllm(withMemory(h100, [point])), 'vllm:tp1');
    const cal = after.perGpu[0]!;
    expect(Math.abs(cal.kvCacheMiB / (gpu.kvCacheMiB - 2048) - 1)).toBeLessThan(0.05);
    expect(cal.overheadMiB).toBe(gpu.overheadMiB + 2048);
    expect(after.kvCacheTokens).toBeLessThan(before.kvCacheTokens);
    expect(after.maxConcurrency).toBeLessThanOrEqual(before.maxConcurrency);
    expect(after.memoryCalibration?.perGpu[0]).toMatchObject({
      uncalibratedMiB: gpu.overheadMiB,
      calibratedMiB: gpu.overheadMiB + 2048,
    });
    expect(after.reasons.join('\n')).toMatch(
      /memory calibrated on 1 vLLM start-up log: overhead \+2048 MiB per GPU/,
    );
  });

  it('a vLLM log does not calibrate SGLang or llama.cpp plans', () => {
    const before = byId(vllm(h100), 'vllm:tp1');
    const point = memoryPoint(vllm(h100), before, 0, {
      measuredMiB: before.perGpu[0]!.overheadMiB + 2048,
      backend: 'CUDA',
      source: 'vllm.log',
    })!;
    const m = withMemory(h100, [point]);
    const sglang = planRequest({ machine: m, model: 'llama-3.1-8b', quant: 'bf16', runtime: 'sglang' });
    expect(plan(sglang).strategies.every((s) => !s.memoryCalibration)).toBe(true);
    const gguf = planRequest({ machine: m, model: 'llama-3.1-8b', runtime: 'llama.cpp' });
    expect(plan(gguf).strategies.every((s) => !s.memoryCalibration)).toBe(true);
  });
});
