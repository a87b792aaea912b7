/**
 * Slot and lane checks on real captures. Chipset-attached and narrow links do not occur in the
 * captures, so those cases spread a real profile and change only the link: each is labelled "derived".
 */
import { describe, expect, it } from 'vitest';
import { captureProfile } from '../../../test/support/capture-dirs';
import { findModel } from '../../catalog/model-lookup';
import { findQuant } from '../../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../../catalog/types';
import type { GpuProfile, HardwareProfile } from '../../hardware/profile';
import { modelFromCatalog } from '../../model-import/catalog-model';
import { EMPTY_USER_NOTES } from '../rig-notes';
import { machineFromNames, machineFromProfile, parseLinkOption, type EngineMachine } from '../machine';
import { plan } from '../planner/planner';
import type { Runtime, SplitMode } from '../planner/plan-types';
import type { SlotPlacement } from '../slot-placement';
import { checkSlots } from './check-slots';
import type { Check } from './check-types';
import { planRequest } from '../../../test/support/plan-request';

const capture = captureProfile;

function run(
  profile: HardwareProfile | null,
  machine: EngineMachine,
  runtime: Runtime,
  split: SplitMode | 'auto',
  model = 'llama-3.1-70b',
  quant = 'Q4_K_M',
): Check[] {
  const m = modelFromCatalog(findModel(model) as ModelSpec, findQuant(quant) as QuantSpec);
  const result = plan(planRequest({ machine, model: m, ctx: 4096, runtime, split }));
  const strategy = result.strategies[0];
  if (!strategy) throw new Error('no strategy');
  return checkSlots({ profile, machine, plan: result, strategy, notes: EMPTY_USER_NOTES });
}

const byId = (checks: Check[], id: string): Check => {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`${id} missing: ${checks.map((x) => x.id).join(', ')}`);
  return c;
};

/** Derived from a real capture: GPU `index` gets `pcie`/`attachment` changed, nothing else. */
function withGpu(p: HardwareProfile, index: number, change: Partial<GpuProfile>): HardwareProfile {
  return { ...p, gpus: p.gpus.map((g) => (g.index === index ? { ...g, ...change } : g)) };
}

const a5000 = capture('dual-rtx-a5000');
const chipsetX4 = withGpu(a5000, 1, {
  attachment: 'chipset',
  pcie: { genCurrent: 4, genMax: 4, widthCurrent: 4, widthMax: 4 },
});
const x1Gen3 = withGpu(a5000, 1, { pcie: { genCurrent: 3, genMax: 3, widthCurrent: 1, widthMax: 1 } });

describe('slots: each GPU link, judged by how much the strategy moves over it', () => {
  it.each([
    [
      'derived from dual-rtx-a5000: GPU 1 on a chipset Gen4 x4 + llama.cpp tensor parallel (~1.4 GB/s per card) → warn',
      chipsetX4,
      'tensor',
      'warn',
      /Gen4 x4 \(7\.9 GB\/s\), attached through the chipset .* ~1\.4 GB\/s/,
    ],
    [
      'derived: the same chipset x4 link + layer split (~7 MB/s) → pass, with the explanation',
      chipsetX4,
      'layer',
      'pass',
      /Gen4 x4 .* only ~7 MB\/s while decoding/,
    ],
    [
      'derived: Gen3 x1 (0.98 GB/s, a mining riser) + tensor parallel needing ~1.4 GB/s → fail',
      x1Gen3,
      'tensor',
      'fail',
      /Gen3 x1 \(0\.98 GB\/s\).* more than this link carries/,
    ],
    [
      'real dual-rtx-a5000 capture: Gen4 x16 (idle Gen1, max Gen4) + tensor parallel → pass',
      a5000,
      'tensor',
      'pass',
      /Gen4 x16 \(32 GB\/s\).* wide enough/,
    ],
  ] as const)('%s', (_name, profile, split, status, reason) => {
    const c = byId(run(profile, machineFromProfile(profile), 'llama.cpp', split), 'slots.link.gpu1');
    expect(c.status).toBe(status);
    expect(c.reason).toMatch(reason);
  });

  it("says how much slower the link is than the card's own memory: A5000 768 GB/s over Gen4 x4 7.9 GB/s ≈ 98×", () => {
    const c = byId(run(chipsetX4, machineFromProfile(chipsetX4), 'llama.cpp', 'layer'), 'slots.link.gpu1');
    expect(c.reason).toMatch(/98× slower than its own memory \(768 GB\/s\)/);
  });

  it.each([
    [1, '0.25'],
    [2, '0.5'],
  ])(
    'derived: a Gen%i x1 riser link reads %s GB/s (two significant digits, not rounded to one decimal)',
    (gen, gbs) => {
      const p = withGpu(a5000, 1, { pcie: { genCurrent: gen, genMax: gen, widthCurrent: 1, widthMax: 1 } });
      const c = byId(run(p, machineFromProfile(p), 'llama.cpp', 'layer'), 'slots.link.gpu1');
      expect(c.reason).toContain(`links at PCIe Gen${gen} x1 (${gbs} GB/s)`);
    },
  );

  it("x8 of the card's x16 (dual RTX 2070 capture) is named as slot wiring or shared lanes", () => {
    const p = capture('dual-rtx-2070');
    const c = byId(run(p, machineFromProfile(p), 'llama.cpp', 'layer', 'llama-3.1-8b'), 'slots.link.gpu0');
    expect(c.reason).toMatch(/Gen3 x8 of the card's x16 \(slot wiring or shared lanes\)/);
  });

  it('a single-GPU strategy does not use the link between cards (H100 capture, vLLM TP 1)', () => {
    const p = capture('h100-sxm-vm');
    const c = byId(run(p, machineFromProfile(p), 'vllm', 'auto', 'llama-3.1-8b', 'bf16'), 'slots.link.gpu0');
    expect(c.status).toBe('pass');
    expect(c.reason).toMatch(/does not pass data between cards/);
  });

  it('GPUs only named, never scanned → unknown, saying what the plan assumed and how to measure', () => {
    const m = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'] });
    const c = byId(run(null, m, 'llama.cpp', 'layer'), 'slots.link.gpu0');
    expect(c.status).toBe('unknown');
    expect(c.reason).toMatch(/plan assumes Gen4 x16/);
    expect(c.fix).toMatch(/nvidia-smi -q -d PCIE/);
  });
});

const entered = (
  gpuIndex: number,
  attachment: SlotPlacement['attachment'],
  gen: number | null,
  lanes: number | null,
): SlotPlacement[] => [{ gpuIndex, attachment, gen, lanes }];

describe('slots: the slot the user entered wins over the measured link, and the reason names both', () => {
  // The real capture measured both cards at Gen4 x16 (attachment unknown); GPU 1 entered on a chipset Gen4 x4 slot.
  const placed = machineFromProfile(a5000, { slots: entered(1, 'chipset', 4, 4) });

  it.each([
    [
      'real dual-rtx-a5000 + entered chipset Gen4 x4 + llama.cpp tensor split → warn, with the chipset explanation and the fix',
      'tensor',
      'warn',
      /Gen4 x4 \(7\.9 GB\/s\) \(you entered chipset Gen4 x4; the scan measured Gen4 x16\), attached through the chipset \(sharing its link to the CPU with USB, SATA and NVMe\).* ~1\.4 GB\/s per card .*through the chipset/,
    ],
    [
      'the same entered slot + layer split → pass, saying why (~7 MB/s)',
      'layer',
      'pass',
      /you entered chipset Gen4 x4; the scan measured Gen4 x16.* only ~7 MB\/s while decoding/,
    ],
  ] as const)('%s', (_name, split, status, reason) => {
    const c = byId(run(a5000, placed, 'llama.cpp', split), 'slots.link.gpu1');
    expect(c.status).toBe(status);
    expect(c.reason).toMatch(reason);
    expect(c.fix).toMatch(status === 'warn' ? /CPU-attached x8 or x16 slot.*layer split/ : /^$/);
  });

  it('GPU 0, with nothing entered, is still judged as measured', () => {
    const c = byId(run(a5000, placed, 'llama.cpp', 'tensor'), 'slots.link.gpu0');
    expect(c.status).toBe('pass');
    expect(c.reason).toMatch(/^GPU 0 links at PCIe Gen4 x16 \(32 GB\/s\), CPU or chipset attachment unknown/);
  });

  it('derived: measured chipset Gen4 x4, entered CPU Gen4 x16 (moving the card) → the entered slot is judged: tensor passes', () => {
    const moved = machineFromProfile(chipsetX4, { slots: entered(1, 'cpu', 4, 16) });
    const c = byId(run(chipsetX4, moved, 'llama.cpp', 'tensor'), 'slots.link.gpu1');
    expect(c.status).toBe('pass');
    expect(c.reason).toMatch(
      /Gen4 x16 \(32 GB\/s\) \(you entered CPU Gen4 x16; the scan measured Gen4 x4\), attached to the CPU.* wide enough/,
    );
  });

  it('derived: a CPU from the catalog (Ryzen 9 7950X) names the chipset link width (x4)', () => {
    const p = { ...a5000, cpu: { ...a5000.cpu, model: 'AMD Ryzen 9 7950X 16-Core Processor' } };
    const c = byId(
      run(p, machineFromProfile(p, { slots: entered(1, 'chipset', 4, 4) }), 'llama.cpp', 'tensor'),
      'slots.link.gpu1',
    );
    expect(c.reason).toMatch(/sharing its x4 link to the CPU/);
  });
});

describe('slots: a catalog build with entered slots is judged, not unknown', () => {
  const twin3090 = (slots: SlotPlacement[], link: string | null = null) =>
    machineFromNames({
      gpuNames: ['RTX 3090', 'RTX 3090'],
      slots,
      link: link ? parseLinkOption(link) : null,
    });

  it.each([
    [
      'GPU 1 on a chipset Gen4 x4 slot + tensor split → warn',
      entered(1, 'chipset', 4, 4),
      'tensor',
      'warn',
      /^GPU 1 links at PCIe Gen4 x4 \(7\.9 GB\/s\) \(you entered chipset Gen4 x4\), attached through the chipset/,
    ],
    ['the same + layer split → pass', entered(1, 'chipset', 4, 4), 'layer', 'pass', /only ~7 MB\/s/],
    [
      'GPU 1 on a Gen3 x1 riser + tensor split (0.98 GB/s < ~1.4 GB/s) → fail',
      entered(1, 'cpu', 3, 1),
      'tensor',
      'fail',
      /Gen3 x1 \(0\.98 GB\/s\) \(you entered CPU Gen3 x1\).* more than this link carries/,
    ],
    [
      'only "chipset" entered (width unknown) + tensor split → warn on the attachment alone',
      entered(1, 'chipset', null, null),
      'tensor',
      'warn',
      /GPU 1's slot generation and width are unknown \(you entered chipset\), attached through the chipset/,
    ],
    [
      'only "CPU" entered + tensor split → unknown, asking for the width',
      entered(1, 'cpu', null, null),
      'tensor',
      'unknown',
      /slot generation and width are unknown \(you entered CPU\), attached to the CPU/,
    ],
  ] as const)('%s', (_name, slots, split, status, reason) => {
    const c = byId(run(null, twin3090(slots), 'llama.cpp', split), 'slots.link.gpu1');
    expect(c.status).toBe(status);
    expect(c.reason).toMatch(reason);
  });

  it('GPU 0 of the same build, with nothing entered, stays unknown and says how to enter it', () => {
    const c = byId(run(null, twin3090(entered(1, 'chipset', 4, 4)), 'llama.cpp', 'layer'), 'slots.link.gpu0');
    expect(c.status).toBe('unknown');
    expect(c.fix).toMatch(/enter the card's slot\.$/);
    expect(c.inputs).toEqual(['slot']);
  });

  it('bridged with NVLink: tensor traffic goes over the bridge, so a chipset x4 slot passes', () => {
    const c = byId(
      run(null, twin3090(entered(1, 'chipset', 4, 4), 'nvlink'), 'llama.cpp', 'tensor'),
      'slots.link.gpu1',
    );
    expect(c.status).toBe('pass');
    expect(c.reason).toMatch(/over the bridge between the cards/);
  });
});

describe('slots: CPU lanes, free slots, BIOS', () => {
  it('WRX80E capture (Threadripper PRO, 4 slots all in use): 128 CPU lanes; no free slot, with the bifurcation note', () => {
    const p = capture('wrx80e-sage-dmidecode');
    const m = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'] });
    const checks = run(p, m, 'llama.cpp', 'layer');
    expect(byId(checks, 'slots.lanes').reason).toMatch(/provides 128 for slots and M\.2/);
    const free = byId(checks, 'slots.free');
    expect(free.reason).toMatch(/No free slot can take another GPU directly/);
    expect(free.fix).toMatch(/bifurcation/);
  });

  it('derived: dual A5000 capture with a Ryzen 9 7950X (24 lanes) — two x16 cards want 32 → warn', () => {
    const p = { ...a5000, cpu: { ...a5000.cpu, model: 'AMD Ryzen 9 7950X 16-Core Processor' } };
    const c = byId(run(p, machineFromProfile(p), 'llama.cpp', 'layer'), 'slots.lanes');
    expect(c.status).toBe('warn');
    expect(c.reason).toMatch(/could use 32 lanes .* provides 24/);
  });

  it.each([
    ['CPU model not captured (dual A5000 capture) → lanes unknown', a5000, 'slots.lanes'],
    [
      'no dmidecode slot table (dual A5000 capture) → free slots unknown, with the command',
      a5000,
      'slots.free',
    ],
    [
      'two GPUs: Above 4G decoding / Resizable BAR cannot be read by the probe → unknown with the BIOS fix',
      a5000,
      'slots.bios',
    ],
  ] as const)('%s', (_name, profile, id) => {
    const c = byId(run(profile, machineFromProfile(profile), 'llama.cpp', 'layer'), id);
    expect(c.status).toBe('unknown');
    expect(c.fix.length).toBeGreaterThan(20);
  });

  it('one GPU: no BIOS multi-GPU item', () => {
    const p = capture('l40s');
    expect(
      run(p, machineFromProfile(p), 'llama.cpp', 'auto', 'llama-3.1-8b').some((c) => c.id === 'slots.bios'),
    ).toBe(false);
  });
});
