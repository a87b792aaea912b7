/** Software checks on real captures and named machines. */
import { describe, expect, it } from 'vitest';
import { captureProfile } from '../../../test/support/capture-dirs';
import { findModel } from '../../catalog/model-lookup';
import { findQuant } from '../../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../../catalog/types';
import type { HardwareProfile } from '../../hardware/profile';
import { modelFromCatalog } from '../../model-import/catalog-model';
import { EMPTY_USER_NOTES } from '../rig-notes';
import { machineFromNames, machineFromProfile, type EngineMachine } from '../machine';
import { plan } from '../planner/planner';
import type { Runtime, SplitMode } from '../planner/plan-types';
import { checkSoftware } from './check-software';
import type { Check } from './check-types';
import { planRequest } from '../../../test/support/plan-request';

const capture = captureProfile;

function run(
  profile: HardwareProfile | null,
  machine: EngineMachine,
  runtime: Runtime,
  split: SplitMode | 'auto',
  quant = 'Q4_K_M',
): Check[] {
  const m = modelFromCatalog(findModel('llama-3.1-8b') as ModelSpec, findQuant(quant) as QuantSpec);
  const result = plan(planRequest({ machine, model: m, ctx: 4096, runtime, split }));
  const strategy = result.strategies[0];
  if (!strategy) throw new Error('no strategy');
  return checkSoftware({ profile, machine, plan: result, strategy, notes: EMPTY_USER_NOTES });
}

const byId = (checks: Check[], id: string): Check => {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`${id} missing: ${checks.map((x) => x.id).join(', ')}`);
  return c;
};

const h100 = capture('h100-sxm-vm');
const club = capture('club3090-2x-rtx3090-h12ssl');
const twin3090 = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'] });

describe('software: NVLink, P2P, MIG', () => {
  it('H100 SXM capture with 18 active NVLinks → NVLink pass, with the link count and speed', () => {
    const c = byId(run(h100, machineFromProfile(h100), 'vllm', 'auto', 'bf16'), 'software.nvlink');
    expect(c.status).toBe('pass');
    expect(c.reason).toMatch(/GPU 0: 18 active NVLinks at 26\.562 GB\/s each/);
  });

  it.each([
    [
      'club-3090 capture reports P2P "NS" between the 3090s; tensor parallel needs it → warn',
      'tensor',
      'warn',
      /no P2P; without P2P every llama\.cpp:tensor all-reduce goes through system memory/,
    ],
    [
      'same capture with a layer split: only a small activation crosses → pass',
      'layer',
      'pass',
      /hardly matters/,
    ],
  ] as const)('%s', (_name, split, status, reason) => {
    const c = byId(run(club, twin3090, 'llama.cpp', split), 'software.p2p');
    expect(c.status).toBe(status);
    expect(c.reason).toMatch(reason);
  });

  it('named RTX 4090s (no capture): the catalog says GeForce 40 has no P2P → vLLM TP 2 warns', () => {
    const m = machineFromNames({ gpuNames: ['RTX 4090', 'RTX 4090'] });
    expect(byId(run(null, m, 'vllm', 'tp', 'awq'), 'software.p2p').status).toBe('warn');
  });

  it('dual A5000 capture without a P2P matrix, tensor parallel → unknown, with the topo command', () => {
    const p = capture('dual-rtx-a5000');
    const c = byId(run(p, machineFromProfile(p), 'llama.cpp', 'tensor'), 'software.p2p');
    expect(c.status).toBe('unknown');
    expect(c.fix).toMatch(/nvidia-smi topo -p2p r/);
  });

  it.each([
    [
      'A100 capture with MIG enabled → warn, with the command to turn it off',
      'a100-sxm4-80gb-mig',
      'warn',
      /sudo nvidia-smi -i 0 -mig 0/,
    ],
    ['H100 capture with MIG disabled → pass', 'h100-sxm-vm', 'pass', /^$/],
  ] as const)('%s', (_name, dir, status, fix) => {
    const p = capture(dir);
    const c = byId(run(p, machineFromProfile(p), 'llama.cpp', 'auto'), 'software.mig');
    expect(c.status).toBe(status);
    expect(c.fix).toMatch(fix);
  });
});

describe('software: the link the user entered', () => {
  it('--link nvlink on 2× RTX 3090 (bridge cards): P2P and NVLink pass, as entered', () => {
    const bridged = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'], link: { kind: 'nvlink' } });
    const checks = run(null, bridged, 'vllm', 'tp', 'awq');
    expect(byId(checks, 'software.p2p')).toMatchObject({ status: 'pass' });
    expect(byId(checks, 'software.p2p').reason).toMatch(/GPU 0↔1: NVLink \(as you entered\)/);
    expect(byId(checks, 'software.nvlink').status).toBe('pass');
  });

  it('--link nvlink on 2× RTX 4090 (no NVLink connector): set aside, planned over PCIe, and said', () => {
    const m = machineFromNames({ gpuNames: ['RTX 4090', 'RTX 4090'], link: { kind: 'nvlink' } });
    expect(m.links[0]?.kind).toBe('pcie-host');
    const nvlink = byId(run(null, m, 'vllm', 'tp', 'awq'), 'software.nvlink');
    expect(nvlink.status).toBe('warn');
    expect(nvlink.reason).toMatch(
      /GPU 0 \(GeForce RTX 4090\), GPU 1 \(GeForce RTX 4090\) have no NVLink connector/,
    );
    expect(nvlink.inputs).toEqual(['link']);
  });
});

describe('software: one vendor per process', () => {
  it('an RTX 3090 and an RX 7900 XTX in one layer split: fail, naming both and the Vulkan way out', () => {
    const mixed = machineFromNames({ gpuNames: ['RTX 3090', 'RX 7900 XTX'] });
    const vendors = byId(run(null, mixed, 'llama.cpp', 'layer'), 'software.vendors');
    expect(vendors.status).toBe('fail');
    expect(vendors.reason).toMatch(/NVIDIA \(CUDA\) and AMD \(ROCm\) cards/);
    expect(vendors.fix).toMatch(/Vulkan/);
  });
});

describe('software: compute capability for the runtime', () => {
  it.each([
    ['H100 capture (CC 9.0) on vLLM → compute pass, FlashAttention-2 pass', h100, 'bf16', 'pass', 'pass'],
    [
      'Windows RTX 2080 SUPER capture (CC 7.5): vLLM runs (≥ 7.0) but FlashAttention-2 needs Ampere → warn',
      capture('windows-rtx-2080-super'),
      'awq',
      'pass',
      'warn',
    ],
  ] as const)('%s', (_name, profile, quant, compute, fa) => {
    const checks = run(profile, machineFromProfile(profile), 'vllm', 'auto', quant);
    expect(byId(checks, 'software.compute').status).toBe(compute);
    expect(byId(checks, 'software.flash-attention').status).toBe(fa);
  });

  it('named Tesla P40s (catalog CC 6.1) on vLLM → fail: vLLM needs 7.0', () => {
    const m = machineFromNames({ gpuNames: ['Tesla P40', 'Tesla P40'] });
    const c = byId(run(null, m, 'vllm', 'auto', 'awq'), 'software.compute');
    expect(c.status).toBe('fail');
    expect(c.sources?.[0]).toMatch(/docs\.vllm\.ai/);
  });

  it('named RTX 5090 (CC 12.0): the FlashAttention-2 README does not list Blackwell → unknown, not a guess', () => {
    const m = machineFromNames({ gpuNames: ['RTX 5090'] });
    expect(byId(run(null, m, 'vllm', 'auto', 'awq'), 'software.flash-attention').status).toBe('unknown');
  });

  it('llama.cpp has no compute-capability rule here: no compute item', () => {
    expect(
      run(h100, machineFromProfile(h100), 'llama.cpp', 'auto').some((c) => c.id === 'software.compute'),
    ).toBe(false);
  });
});

describe('software: driver', () => {
  it.each([
    ['H100 capture reports driver 590.48.01 → pass', h100, machineFromProfile(h100), 'pass'],
    ['club-3090 capture is topology-only: no driver version → unknown', club, twin3090, 'unknown'],
    ['named machine, never scanned → unknown', null, twin3090, 'unknown'],
  ] as const)('%s', (_name, profile, machine, status) => {
    expect(byId(run(profile, machine, 'llama.cpp', 'auto'), 'software.driver').status).toBe(status);
  });
});
