/**
 * The plan's text form. Identical GPUs the catalog lacks (8× "NVIDIA H800" reporting 141 GB, which is
 * not the catalog's 80 GB H800) share one "Assumed" line naming them, while the JSON keeps one per GPU.
 */
import { describe, expect, it } from 'vitest';
import { captureProfile } from '../../../test/support/capture-dirs';
import { planRequest } from '../../../test/support/plan-request';
import type { GpuProfile, HardwareProfile } from '../../hardware/profile';
import { machineFromProfile } from '../machine';
import { formatPlanText } from './format-plan';
import { plan } from './planner';

/** Derived from the real h100-sxm-vm capture: its one GPU copied eight times, renamed and resized. */
function eightH800(): HardwareProfile {
  const base = captureProfile('h100-sxm-vm');
  const gpu = base.gpus[0] as GpuProfile;
  const gpus = Array.from({ length: 8 }, (_, i) => ({
    ...gpu,
    index: i,
    name: 'NVIDIA H800',
    vramMiB: 141 * 1024,
    pciBusId: `0000:0${i}:00.0`,
    uuid: `GPU-${i}`,
  }));
  return { ...base, gpus, gpuLinks: [] };
}

describe('the Assumed list of the plan text', () => {
  const result = plan(planRequest({ machine: machineFromProfile(eightH800()) }));
  const text = formatPlanText(result);
  const assumed = text.slice(text.indexOf('Assumed:')).split('\n');

  it('says once, naming the GPUs, what it assumed about eight identical uncatalogued cards', () => {
    const lines = assumed.filter((l) => l.includes('NVIDIA H800 is not in the GPU catalog'));
    expect(lines).toEqual([expect.stringMatching(/^ {2}- GPUs 0–7: NVIDIA H800 is not in the GPU catalog/)]);
  });

  it('keeps one entry per GPU in the plan itself (the JSON form)', () => {
    const ids = result.assumptions.filter((a) => a.id.startsWith('uncatalogued.')).map((a) => a.id);
    expect(ids).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `uncatalogued.gpu${i}`));
  });
});
