/**
 * Identifying GPUs the capture did not name, on the real club-3090 capture (2× RTX 3090 on an H12SSL,
 * only `nvidia-smi topo -m` and the P2P matrix published): without identities the machine cannot be
 * planned (never as 0 GiB); with them each GPU is the catalog card the user said.
 */
import { describe, expect, it } from 'vitest';
import { captureProfile } from '../../test/support/capture-dirs';
import { findModel } from '../catalog/model-lookup';
import { findQuant } from '../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../catalog/types';
import type { HardwareProfile } from '../hardware/profile';
import { modelFromCatalog } from '../model-import/catalog-model';
import {
  captureNamedGpu,
  followedGpu,
  GpuIdentityError,
  identicalGpus,
  suggestedCards,
  UnidentifiedGpuError,
  unplannableMessage,
  withIdentity,
} from './gpu-identity';
import { machineFromProfile, type EngineMachine } from './machine';
import { plan } from './planner/planner';
import { planRequest } from '../../test/support/plan-request';

const club3090 = captureProfile('club3090-2x-rtx3090-h12ssl');
const a5000 = captureProfile('dual-rtx-a5000');
const BOTH_3090 = [
  { gpuIndex: 0, gpuId: 'rtx-3090' },
  { gpuIndex: 1, gpuId: 'rtx-3090' },
];

function plan70b(machine: EngineMachine) {
  const model = modelFromCatalog(findModel('llama-3.1-70b') as ModelSpec, findQuant('Q4_K_M') as QuantSpec);
  return plan(planRequest({ machine, model, ctx: 8192 }));
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('captureNamedGpu', () => {
  it('topology-only placeholders are unnamed; nvidia-smi, lspci and rocm names are named', () => {
    expect(club3090.gpus.map(captureNamedGpu)).toEqual([false, false]);
    expect(a5000.gpus.map(captureNamedGpu)).toEqual([true, true]);
    for (const name of ['puget-wrx90-2x-rtx6000ada', 'mi100-x4'])
      expect(captureProfile(name).gpus.every(captureNamedGpu)).toBe(true);
    expect(captureNamedGpu({ name: 'NVIDIA GPU', sources: {} })).toBe(false);
  });
});

describe('machineFromProfile on a capture that did not name its GPUs', () => {
  it('refuses to plan without identities, naming both GPUs and how to fix it — never 0 GiB', () => {
    const error = thrown(() => machineFromProfile(club3090));
    expect(error).toBeInstanceOf(UnidentifiedGpuError);
    const gpus = (error as UnidentifiedGpuError).gpus;
    expect(gpus.map((g) => [g.index, g.named])).toEqual([
      [0, false],
      [1, false],
    ]);
    expect(unplannableMessage(gpus, 'pick the card on the Machine step')).toBe(
      'The capture did not name GPU 0 and GPU 1 or report their memory, so the plan cannot know how much fits: pick the card on the Machine step.',
    );
  });

  it('still refuses with only one of the two identified, naming the other', () => {
    const error = thrown(() => machineFromProfile(club3090, { identities: [BOTH_3090[0]!] }));
    expect((error as UnidentifiedGpuError).gpus.map((g) => g.index)).toEqual([1]);
    expect((error as Error).message).toMatch(/did not name GPU 1 or report its memory/);
  });

  it('with both identified as RTX 3090: catalog capacity, bandwidth, power and link, and says so', () => {
    const machine = machineFromProfile(club3090, { identities: BOTH_3090 });
    expect(machine.gpus.map((g) => [g.index, g.name, g.spec?.id])).toEqual([
      [0, 'GeForce RTX 3090', 'rtx-3090'],
      [1, 'GeForce RTX 3090', 'rtx-3090'],
    ]);
    const [gpu0] = machine.gpus;
    expect(gpu0?.capacityMiB).toBe(24 * 1024);
    expect(gpu0?.bandwidthGBs).toBeGreaterThan(900);
    expect(gpu0?.power).toMatchObject({ limitW: 350, source: 'catalog' });
    expect(gpu0?.pcie).toEqual({ gen: 4, lanes: 16 });
    expect(machine.assumptions.map((a) => a.text)).toContain(
      'GPU 0: you said GeForce RTX 3090 (the capture did not name it)',
    );
    expect(machine.assumptions).toContainEqual({
      id: 'identity.gpu1',
      text: 'GPU 1: you said GeForce RTX 3090 (the capture did not name it)',
      inputs: ['gpuModel'],
    });
    // The measured topology still decides the link: NODE with P2P "NS" (not supported) goes through the host.
    expect(machine.links).toEqual([
      expect.objectContaining({
        a: 0,
        b: 1,
        kind: 'pcie-host',
        topoKind: 'NODE',
        p2p: 'no',
        source: 'measured',
      }),
    ]);
  });

  it('Llama 3.1 70B Q4_K_M then fits 2× 24 GiB with a llama.cpp layer split', () => {
    const result = plan70b(machineFromProfile(club3090, { identities: BOTH_3090 }));
    expect(result.recommended).toBe('llama.cpp:tensor');
    expect(result.strategies.find((s) => s.id === 'llama.cpp:layer')?.fits).toBe(true);
  });

  it('refuses an identity for a GPU the capture named, one for a GPU it lacks, an unknown id and a repeat', () => {
    const cases: [HardwareProfile, { gpuIndex: number; gpuId: string }[], RegExp][] = [
      [a5000, [{ gpuIndex: 0, gpuId: 'rtx-3090' }], /GPU 0 is NVIDIA RTX A5000 as the capture named it/],
      [
        club3090,
        [{ gpuIndex: 2, gpuId: 'rtx-3090' }],
        /GPU 2 is not on this machine \(it has GPU 0, GPU 1\)/,
      ],
      [club3090, [{ gpuIndex: 0, gpuId: 'rtx-9999' }], /"rtx-9999" is not a GPU catalog id/],
      [club3090, [BOTH_3090[0]!, BOTH_3090[0]!], /GPU 0 is identified twice/],
    ];
    for (const [profile, identities, message] of cases) {
      const error = thrown(() => machineFromProfile(profile, { identities }));
      expect(error).toBeInstanceOf(GpuIdentityError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('a named GPU that is not in the catalog and reported no memory is not planned as 0 GiB either', () => {
    const gpu = { ...a5000.gpus[0]!, name: 'Mystery Accelerator 9000', vramMiB: null };
    const error = thrown(() => machineFromProfile({ ...a5000, gpus: [gpu] }));
    expect((error as UnidentifiedGpuError).gpus).toEqual([
      { index: 0, name: 'Mystery Accelerator 9000', named: true },
    ]);
    expect((error as Error).message).toBe(
      'GPU 0 (Mystery Accelerator 9000) is not in the GPU catalog and the capture reported no memory: say which card each is.',
    );
  });
});

describe('a GPU the catalog does not know, named by the capture, can be identified too (never a dead end)', () => {
  // A name AMD's driver prints (amdsmi product_name, vLLM ROCm PR 359) that the catalog lacks, memory unknown.
  const oam = (index: number) => ({
    ...a5000.gpus[index]!,
    name: 'AMD Instinct MI308X OAM',
    vendor: 'amd' as const,
    vramMiB: null,
  });
  const profile: HardwareProfile = { ...a5000, gpus: [oam(0), oam(1)] };
  const both = [
    { gpuIndex: 0, gpuId: 'mi300x' },
    { gpuIndex: 1, gpuId: 'mi300x' },
  ];

  it('without identities: both named in one sentence with the fix', () => {
    expect((thrown(() => machineFromProfile(profile)) as Error).message).toBe(
      'GPU 0 and GPU 1 (AMD Instinct MI308X OAM) are not in the GPU catalog and the capture reported no memory: say which card each is.',
    );
  });

  it('identified as the catalog MI300X: 192 GB each, planned, and the assumption says what the capture called it', () => {
    const machine = machineFromProfile(profile, { identities: both });
    expect(machine.gpus.map((g) => [g.spec?.id, g.capacityMiB])).toEqual([
      ['mi300x', 192 * 1024],
      ['mi300x', 192 * 1024],
    ]);
    expect(machine.assumptions.map((a) => a.text)).toContain(
      'GPU 0: you said Instinct MI300X (the capture named it AMD Instinct MI308X OAM, which the catalog does not know)',
    );
    const result = plan70b(machine);
    const best = result.strategies.find((s) => s.id === result.recommended);
    expect(best?.fits).toBe(true);
    expect(best?.decodeTokPerSec).not.toBeNull();
  });
});

describe('rocm-smi text output names no GPU: its device keys are placeholders', () => {
  const amd8 = captureProfile('amd-8gpu-toponuma');

  it('card0…card7 are unnamed, and the reason for the missing memory is true (rocm-smi.txt is there)', () => {
    expect(amd8.gpus.map((g) => g.name)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `card${i}`));
    expect(amd8.gpus.some(captureNamedGpu)).toBe(false);
    const vram = amd8.unknowns.find((u) => u.field === 'gpus[0].vramMiB');
    expect(vram?.reason).toBe(
      'rocm-smi.txt holds the text output of one rocm-smi subcommand, which does not list this',
    );
    expect(vram?.reason).not.toMatch(/no rocm-smi/);
  });

  it('says which card each is, and the eight GPUs plan', () => {
    const identities = amd8.gpus.map((g) => ({ gpuIndex: g.index, gpuId: 'mi300x' }));
    expect(() => machineFromProfile(amd8)).toThrow(UnidentifiedGpuError);
    const machine = machineFromProfile(amd8, { identities });
    expect(machine.gpus).toHaveLength(8);
    expect(plan70b(machine).strategies.some((s) => s.fits && s.decodeTokPerSec !== null)).toBe(true);
  });
});

describe('withIdentity', () => {
  it('replaces one GPU’s entry, keeps GPU order, and removes it on null', () => {
    const one = withIdentity([], 1, 'rtx-3090');
    const both = withIdentity(one, 0, 'rtx-4090');
    expect(withIdentity(both, 0, 'rtx-3090')).toEqual(BOTH_3090);
    expect(withIdentity(both, 1, null)).toEqual([{ gpuIndex: 0, gpuId: 'rtx-4090' }]);
  });

  it('"same card for GPUs 1, 2": they follow GPU 0 in the identities themselves, so the state survives a reload', () => {
    const all = withIdentity([], 0, 'mi300x', [1, 2]);
    expect(all).toEqual([
      { gpuIndex: 0, gpuId: 'mi300x' },
      { gpuIndex: 1, gpuId: 'mi300x', sameAs: 0 },
      { gpuIndex: 2, gpuId: 'mi300x', sameAs: 0 },
    ]);
    expect([0, 1, 2].map((i) => followedGpu(all, i))).toEqual([null, 0, 0]);
    // GPU 0 picks again: its followers take the new card and keep following.
    const again = withIdentity(all, 0, 'mi325x');
    expect(again.map((i) => [i.gpuId, followedGpu(again, i.gpuIndex)])).toEqual([
      ['mi325x', null],
      ['mi325x', 0],
      ['mi325x', 0],
    ]);
    // Cleared, nothing is left to follow.
    expect(withIdentity(all, 0, null)).toEqual([]);
  });

  it('"pick separately": a GPU picked on its own keeps its card and stops following', () => {
    const all = withIdentity([], 0, 'mi300x', [1, 2]);
    const apart = withIdentity(all, 2, 'mi300x');
    expect(apart[2]).toEqual({ gpuIndex: 2, gpuId: 'mi300x' });
    expect(followedGpu(apart, 2)).toBeNull();
    expect(followedGpu(apart, 1)).toBe(0);
  });

  it('a follower whose leader now says another card, or is gone, no longer follows (it shows its own picker)', () => {
    const stale = [
      { gpuIndex: 0, gpuId: 'rtx-3090' },
      { gpuIndex: 1, gpuId: 'mi300x', sameAs: 0 },
      { gpuIndex: 2, gpuId: 'mi300x', sameAs: 5 },
    ];
    expect(followedGpu(stale, 1)).toBeNull();
    expect(followedGpu(stale, 2)).toBeNull();
    expect(followedGpu(stale, 7)).toBeNull();
  });
});

describe('suggestedCards and identicalGpus: what the Machine step offers for a GPU the catalog does not know', () => {
  const base = a5000.gpus[0]!;
  it('offers the close catalog names of the same vendor and memory, and nothing for an unnamed GPU', () => {
    const mi308 = { ...base, name: 'AMD Instinct MI308X OAM', vendor: 'amd' as const, vramMiB: null };
    expect(suggestedCards(mi308).map((g) => g.id)).toEqual(['mi300x']);
    // The 141 GB H800 some hosts report (143771 MiB) is not the 80 GB catalog H800: only cards of about that memory.
    const h800 = { ...base, name: 'NVIDIA H800', vramMiB: 143771 };
    expect(suggestedCards(h800).every((g) => Math.abs(g.vramGiB - 141) < 15)).toBe(true);
    expect(suggestedCards({ ...base, name: 'GRID P4-1Q', vramMiB: 1024 })).toEqual([]);
    expect(suggestedCards(captureProfile('amd-8gpu-toponuma').gpus[0]!)).toEqual([]);
  });

  it('groups the same unknown card (same name, same memory) and the unnamed ones, never a catalog card', () => {
    const amd8 = captureProfile('amd-8gpu-toponuma').gpus;
    expect(identicalGpus(amd8[3]!, amd8).map((g) => g.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const mixed = [
      { ...base, index: 0, name: 'AMD Instinct MI308X OAM', vramMiB: 196592 },
      { ...base, index: 1, name: 'AMD Instinct MI308X OAM', vramMiB: 196592 },
      { ...base, index: 2, name: 'AMD Instinct MI308X OAM', vramMiB: 98296 },
      { ...base, index: 3 },
    ];
    expect(identicalGpus(mixed[0]!, mixed).map((g) => g.index)).toEqual([0, 1]);
    expect(identicalGpus(mixed[3]!, mixed)).toEqual([]);
  });
});
