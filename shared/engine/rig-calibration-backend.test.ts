import { describe, expect, it } from 'vitest';
import { planRequest } from '../../test/support/plan-request';
import type { LlamaBenchRun } from '../bench-import/llama-bench';
import { readMeasurements } from '../bench-import/read-measurement';
import { compareLlamaBenchRun } from './advisor/measured-runs';
import { machineFromNames } from './machine';
import { plan } from './planner/planner';
import { calibrationPoint } from './rig-calibration';

const twin = machineFromNames({ gpuNames: ['RX 7900 XTX', 'RX 7900 XTX'], ramGiB: 64 });
const request = planRequest({ machine: twin, model: 'llama-2-7b', quant: 'Q4_0', runtime: 'llama.cpp' });
const layer = (r: typeof request) => plan(r).strategies.find((s) => s.id === 'llama.cpp:layer')!;

describe('speed points record the backend they ran on', () => {
  it('a llama-bench run keeps its backend column (Vulkan), and a ROCm plan calibrated on it says so', () => {
    const table = [
      '| model | size | params | backend | ngl | test | t/s |',
      '| --- | ---: | ---: | --- | --: | ---: | ---: |',
      '| llama 7B Q4_0 | 3.56 GiB | 6.74 B | Vulkan | 100 | tg128 | 129.80 ± 0.20 |',
    ].join('\n');
    const [found] = readMeasurements(table, 'bench.md');
    if (found?.kind !== 'llama-bench') throw new Error('not read as llama-bench');
    const run: LlamaBenchRun = found.runs[0]!;
    const compared = compareLlamaBenchRun(run, {
      machine: twin,
      model: request.model,
      source: 'bench.md',
      build: null,
    });
    expect(compared.point?.backend).toBe('Vulkan');
    const calibrated = layer({
      ...request,
      machine: { ...twin, calibration: { points: [compared.point!] } },
    });
    expect(calibrated.calibration?.decode?.summary).toMatch(/measured on Vulkan, planned for ROCm/);
  });

  it('a point of the plan’s own backend, or one from before backends were kept, adds nothing', () => {
    const s = layer(request);
    const point = (backend?: 'ROCm') =>
      calibrationPoint(request, s, {
        phase: 'decode',
        measured: (s.decodeTokPerSec?.expected ?? 1) * 1.2,
        source: 'b.md',
        ...(backend ? { backend } : {}),
      })!;
    for (const p of [point('ROCm'), point()]) {
      const c = layer({ ...request, machine: { ...twin, calibration: { points: [p] } } });
      expect(c.calibration?.decode?.summary).not.toMatch(/measured on/);
    }
    expect(point()).not.toHaveProperty('backend');
  });
});
