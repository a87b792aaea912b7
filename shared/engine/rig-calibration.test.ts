import { describe, expect, it } from 'vitest';
import { findModel } from '../catalog/model-lookup';
import { findQuant } from '../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../catalog/types';
import { modelFromCatalog } from '../model-import/catalog-model';
import { planRequest } from '../../test/support/plan-request';
import { machineFromNames, type EngineMachine } from './machine';
import type { PlanRequest, Strategy } from './planner/plan-types';
import { plan } from './planner/planner';
import { calibrationPoint, type RigCalibration } from './rig-calibration';

const model = (id: string, quant: string) =>
  modelFromCatalog(findModel(id) as ModelSpec, findQuant(quant) as QuantSpec);
const twin3090 = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'], ramGiB: 64 });

const request = (machine: EngineMachine, id: string, over: Partial<PlanRequest> = {}): PlanRequest =>
  planRequest({ machine, model: model(id, 'Q4_K_M'), ctx: 8192, depth: 4096, ...over });
const byId = (req: PlanRequest, id: string): Strategy => {
  const s = plan(req).strategies.find((x) => x.id === id);
  if (!s) throw new Error(`no ${id}`);
  return s;
};

/** A 70B layer-split run on the twin 3090s that measured 1.25× the prediction. */
function measuredRun(factor = 1.25): RigCalibration {
  const req = request(twin3090, 'llama-3.1-70b', { runtime: 'llama.cpp', split: 'layer' });
  const s = byId(req, 'llama.cpp:layer');
  const measured = (s.decodeTokPerSec?.expected ?? 0) * factor;
  const point = calibrationPoint(req, s, { phase: 'decode', measured, source: 'bench.md' });
  if (!point) throw new Error('no point');
  return { points: [point] };
}

describe('calibrating a machine on its own runs', () => {
  const calibrated: EngineMachine = { ...twin3090, calibration: measuredRun() };

  it('one run of the same configuration predicts itself within 5%, narrower than uncalibrated, and says so', () => {
    const before = byId(request(twin3090, 'llama-3.1-70b'), 'llama.cpp:layer');
    const after = byId(request(calibrated, 'llama-3.1-70b'), 'llama.cpp:layer');
    const measured = (before.decodeTokPerSec?.expected ?? 0) * 1.25;
    expect(Math.abs((after.decodeTokPerSec?.expected ?? 0) / measured - 1)).toBeLessThan(0.05);
    const width = (r: Strategy['decodeTokPerSec']) => (r ? r.high / r.low : 0);
    expect(width(after.decodeTokPerSec)).toBeLessThan(width(before.decodeTokPerSec));
    expect(after.calibration?.decode?.sameConfiguration).toBe(true);
    expect(after.calibration?.decode?.uncalibrated).toEqual(before.decodeTokPerSec);
    expect(after.reasons.join(' ')).toMatch(/calibrated on 1 run on this machine, ×1\.25/);
  });

  it('another model on the same machine moves by the ratio, with the band widened when it extrapolates far', () => {
    const before = byId(request(twin3090, 'llama-3.1-8b'), 'llama.cpp:none');
    const after = byId(request(calibrated, 'llama-3.1-8b'), 'llama.cpp:none');
    const ratio = (after.decodeTokPerSec?.expected ?? 0) / (before.decodeTokPerSec?.expected ?? 1);
    expect(ratio).toBeCloseTo(1.25, 2);
    expect(after.calibration?.decode?.widened).toBe(true);
    const width = (r: Strategy['decodeTokPerSec']) => (r ? r.high / r.low : 0);
    expect(width(after.decodeTokPerSec)).toBeGreaterThan(width(before.decodeTokPerSec));
  });

  it('a nearer run outweighs a farther one', () => {
    const near = measuredRun(1.25).points[0]!;
    const req8 = request(twin3090, 'llama-3.1-8b', { runtime: 'llama.cpp', split: 'none' });
    const s8 = byId(req8, 'llama.cpp:none');
    const far = calibrationPoint(req8, s8, {
      phase: 'decode',
      measured: (s8.decodeTokPerSec?.expected ?? 0) * 0.8,
      source: 'b.md',
    })!;
    const machine = { ...twin3090, calibration: { points: [near, far] } };
    const s = byId(request(machine, 'llama-3.1-8b'), 'llama.cpp:none');
    expect(s.calibration?.decode?.ratio).toBeCloseTo(0.8, 2);
    expect(s.calibration?.decode?.runs).toBe(2);
  });

  it('does not apply to another runtime, or to a strategy using a kind of GPU it never ran on', () => {
    const vllm = byId(request(calibrated, 'llama-3.1-8b', { runtime: 'vllm' }), 'vllm:tp2');
    expect(vllm.calibration ?? null).toBeNull();
    const grown: EngineMachine = {
      ...machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090', 'RTX 4090'], ramGiB: 64 }),
      calibration: calibrated.calibration ?? null,
    };
    const three = plan(request(grown, 'llama-3.1-70b')).strategies.find(
      (s) => s.id === 'llama.cpp:layer' && s.gpuIndices.length === 3,
    );
    expect(three).toBeDefined();
    expect(three?.calibration ?? null).toBeNull();
    // Its two 3090s alone are the kind measured: calibrated.
    const pair = plan(
      request(grown, 'llama-3.1-70b', { runtime: 'llama.cpp', split: 'layer' }),
    ).strategies.filter((s) => s.gpuIndices.every((i) => i < 2) && s.decodeTokPerSec);
    expect(pair.some((s) => s.calibration?.decode)).toBe(pair.length > 0);
  });

  it('turned off (no calibration on the machine) plans as before', () => {
    const off = byId(request({ ...twin3090, calibration: null }, 'llama-3.1-70b'), 'llama.cpp:layer');
    const plain = byId(request(twin3090, 'llama-3.1-70b'), 'llama.cpp:layer');
    expect(off.decodeTokPerSec).toEqual(plain.decodeTokPerSec);
  });
});
