/**
 * Power checks on real captures (fixtures/capture-dirs, merged like merge-profile.test.ts) and on
 * machines named from the catalog. Derived profiles are labelled as such in the case name.
 */
import { describe, expect, it } from 'vitest';
import { captureProfile } from '../../../test/support/capture-dirs';
import { findModel } from '../../catalog/model-lookup';
import { findQuant } from '../../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../../catalog/types';
import type { HardwareProfile } from '../../hardware/profile';
import { modelFromCatalog } from '../../model-import/catalog-model';
import { EMPTY_USER_NOTES, type UserNotes } from '../rig-notes';
import { machineFromNames, machineFromProfile, type EngineMachine } from '../machine';
import { plan } from '../planner/planner';
import { checkPower } from './check-power';
import type { Check } from './check-types';
import { cablesNeeded, cpuPower, powerBudget } from './power-budget';
import { decodeLossAt } from './power-limit-loss';
import { planRequest } from '../../../test/support/plan-request';

const capture = captureProfile;

const psu = (watts: number | null, eight: number | null, hv: number | null = 0, note = ''): UserNotes => ({
  ...EMPTY_USER_NOTES,
  psu: { watts, pcie8PinCables: eight, connectors12vhpwr: hv, note },
});

function run(profile: HardwareProfile | null, machine: EngineMachine, notes: UserNotes): Check[] {
  const model = modelFromCatalog(findModel('llama-3.1-70b') as ModelSpec, findQuant('Q4_K_M') as QuantSpec);
  const result = plan(planRequest({ machine, model, ctx: 8192, runtime: 'llama.cpp', split: 'layer' }));
  const strategy = result.strategies[0];
  if (!strategy) throw new Error('no strategy');
  return checkPower({ profile, machine, plan: result, strategy, notes });
}

const byId = (checks: Check[], id: string): Check => {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`${id} missing: ${checks.map((x) => x.id).join(', ')}`);
  return c;
};

/** Checks input for an 8B model on `machine` (the model only sizes the plan; power does not depend on it). */
function inputFor(profile: HardwareProfile | null, machine: EngineMachine) {
  const model = modelFromCatalog(findModel('llama-3.1-8b') as ModelSpec, findQuant('Q4_K_M') as QuantSpec);
  const result = plan(planRequest({ machine, model, ctx: 4096, runtime: 'llama.cpp' }));
  return {
    profile,
    machine,
    plan: result,
    strategy: result.strategies[0] as NonNullable<(typeof result.strategies)[0]>,
  };
}

const club = capture('club3090-2x-rtx3090-h12ssl');
const twin3090 = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'], ramGiB: 64 });
const twin5090 = machineFromNames({ gpuNames: ['RTX 5090', 'RTX 5090'], ramGiB: 64 });

describe('power: sustained draw against the PSU (≤ 80% of rating)', () => {
  it.each([
    [
      '2× RTX 3090 (350 W each) + 150 W CPU + 75 W rest = 925 W is 93% of 1000 W: warn, above the 80% rule',
      1000,
      'warn',
      /925 W .* 93% of the 1000 W PSU/,
    ],
    [
      '2× RTX 3090 on 750 W draws 123% of the rating: fail',
      750,
      'fail',
      /123% of the 750 W PSU, more than the PSU delivers/,
    ],
    ['2× RTX 3090 on 1200 W is 77%: pass', 1200, 'pass', /77% of the 1200 W PSU, within the 80% rule/],
  ] as const)('%s', (_name, watts, status, reason) => {
    const c = byId(run(club, twin3090, psu(watts, 4)), 'power.sustained');
    expect(c.status).toBe(status);
    expect(c.reason).toMatch(reason);
    expect(c.reason).toMatch(/150 W CPU \(assumed desktop class/);
  });

  it('over 80% but fixable on an ATX 3.x PSU (peaks fine): the exact nvidia-smi power limit per card and its tok/s cost', () => {
    const c = byId(run(club, twin3090, psu(1000, 4, 1)), 'power.sustained');
    // (0.8 × 1000 − 150 − 75) / 2 = 287 W per card, 82% of 350 W: ~1% slower decode on the sweep.
    expect(c.fix).toContain('sudo nvidia-smi -i 0 -pl 287 && sudo nvidia-smi -i 1 -pl 287');
    expect(c.fix).toMatch(/~1\.\d% slower decode \(\d+\.\d → \d+\.\d tok\/s\)/);
    expect(c.fix).toMatch(/PSU of at least 1200 W/);
    expect(c.sources?.some((s) => s.includes('llmgarage'))).toBe(true);
  });

  it('over 80% on a PSU without ATX 3.x testing: the limits also bring the peaks (scaled with the limit) under its rating', () => {
    const checks = run(club, twin3090, psu(1000, 4));
    // Peaks 2 × 583 W + 225 W = 1391 W against 1000 W: every limit × (1000 − 225) / 1166 → 232 W.
    expect(byId(checks, 'power.sustained').fix).toContain(
      'sudo nvidia-smi -i 0 -pl 232 && sudo nvidia-smi -i 1 -pl 232',
    );
    expect(byId(checks, 'power.transients').fix).toContain('-pl 232');
  });

  it('power limits the user set are the limits in force: sustained and peaks at 280 W (entered, not the default)', () => {
    const limited = machineFromNames({
      gpuNames: ['RTX 3090', 'RTX 3090'],
      ramGiB: 64,
      powerLimits: [
        { gpuIndex: 0, watts: 280 },
        { gpuIndex: 1, watts: 280 },
      ],
    });
    const checks = run(null, limited, psu(1000, 4));
    expect(byId(checks, 'power.sustained')).toMatchObject({ status: 'pass' });
    expect(byId(checks, 'power.sustained').reason).toMatch(/785 W = 280 W GPU 0 \(the limit you entered\)/);
    // 583 W × 280/350 = 466 W per card: 2 × 466 + 225 = 1157 W, still over a 1000 W non-ATX 3 PSU.
    expect(byId(checks, 'power.transients').reason).toMatch(/1157 W .*scaled to the 280 W limit/);
  });

  it('so far over that a limit would collapse decode (< 57% of default): only a bigger PSU is offered', () => {
    const c = byId(run(club, twin3090, psu(750, 4)), 'power.sustained');
    expect(c.fix).toMatch(/No power limit gets there .* use a PSU of at least 1200 W/);
    expect(c.fix).not.toContain('nvidia-smi -i');
  });

  it('unknown PSU → unknown, with the draw it would have to carry and "enter your PSU wattage and cables"', () => {
    const c = byId(run(club, twin3090, EMPTY_USER_NOTES), 'power.sustained');
    expect(c.status).toBe('unknown');
    expect(c.reason).toMatch(/PSU is unknown; the rig draws about 925 W.*needs at least 1200 W/);
    expect(c.fix).toMatch(/Enter your PSU wattage and its cables/);
    expect(c.inputs).toEqual(['psuWatts', 'psuPcie8', 'psu12vhpwr']);
  });

  it('the measured power limit wins over catalog board power (dual RTX 2070 capture: 175 W each)', () => {
    const p = capture('dual-rtx-2070');
    const b = powerBudget(p, machineFromProfile(p));
    expect(b.gpus.map((g) => [g.limitW, g.limitSource])).toEqual([
      [175, 'measured'],
      [175, 'measured'],
    ]);
  });

  it('a card missing from the catalog falls back to the driver-reported maximum, labelled so (MI100 capture, 290 W, its name and id hidden from the catalog)', () => {
    const real = capture('mi100-x4');
    // The MI100 is in the catalog now; the same scan with an unknown name exercises the fallback.
    const p = { ...real, gpus: real.gpus.map((g) => ({ ...g, name: 'AMD engineering sample' })) };
    const checks = checkPower({
      ...inputFor(p, machineFromProfile(p)),
      notes: psu(2000, 8),
    });
    expect(byId(checks, 'power.sustained').reason).toMatch(/290 W GPU 0 \(highest settable limit\)/);
  });
});

describe('power: transient peaks against the PSU excursion tolerance', () => {
  it.each([
    [
      'RTX 30 without a measured peak uses the RTX 3080 ratio (533/320): 2 × 583 W + 225 W = 1391 W > a 1000 W PSU without ATX 3.x testing: warn',
      psu(1000, 4),
      'warn',
    ],
    [
      'the same peaks on an ATX 3.x PSU (12VHPWR fitted) stay under 160% × 1000 W for 10 ms: pass',
      psu(1000, 4, 1),
      'pass',
    ],
    [
      '"ATX 3.1" written in the PSU note counts as ATX 3.x: pass',
      psu(1000, 4, 0, 'Corsair RM1000x, ATX 3.1'),
      'pass',
    ],
  ] as const)('%s', (_name, notes, status) => {
    const c = byId(run(club, twin3090, notes), 'power.transients');
    expect(c.status).toBe(status);
    expect(c.reason).toMatch(/1391 W/);
  });

  it("RTX 5090's peak is Igor's Lab measured 738 W from the catalog, not a ratio", () => {
    const c = byId(run(null, twin5090, psu(1600, 6, 1)), 'power.transients');
    expect(c.reason).toMatch(/738 W GPU 0 \(measured, catalog\)/);
    expect(c.status).toBe('pass');
  });

  it('no measured peak and no known ratio (Ada workstation card) → unknown, with where to look', () => {
    const m = machineFromNames({ gpuNames: ['RTX 6000 Ada', 'RTX 6000 Ada'] });
    const c = byId(run(null, m, psu(1000, 4, 2)), 'power.transients');
    expect(c.status).toBe('unknown');
    expect(c.fix).toMatch(/Igor's Lab, TechPowerUp/);
  });
});

describe('power: PCIe cables per card against the PSU', () => {
  it.each([
    [
      '2× RTX 3090 Founders (12-pin = two 8-pin each) need 4 cables and the PSU has 4: pass',
      twin3090,
      psu(1200, 4),
      'pass',
      /need 4 separate 8-pin/,
    ],
    [
      '2× RTX 3090 with only 3 cables: fail',
      twin3090,
      psu(1200, 3),
      'fail',
      /need 4 separate 8-pin .* PSU has 3/,
    ],
    [
      '2× RTX 5090 with one native 12VHPWR: the second card needs a 4× 8-pin adapter ((575 − 75) / 150 → 4)',
      twin5090,
      psu(1600, 6, 1),
      'pass',
      /4 separate 8-pin PCIe cables and 1 native 12VHPWR/,
    ],
    [
      'cable count not entered → unknown with how to fill it in',
      twin3090,
      psu(1200, null),
      'unknown',
      /PSU's cable count is not entered/,
    ],
  ] as const)('%s', (_name, machine, notes, status, reason) => {
    const c = byId(run(null, machine, notes), 'power.connectors');
    expect(c.status).toBe(status);
    expect(c.reason).toMatch(reason);
  });

  it('connectors the catalog does not source (RTX 2070 capture) → unknown, never a guess', () => {
    const p = capture('dual-rtx-2070');
    const c = byId(
      checkPower({ ...inputFor(p, machineFromProfile(p)), notes: psu(850, 4) }),
      'power.connectors',
    );
    expect(c.status).toBe('unknown');
  });

  it('SXM boards take power from the baseboard: no PCIe cables (H100 SXM capture)', () => {
    const p = capture('h100-sxm-vm');
    expect(cablesNeeded(machineFromProfile(p), 0)).toMatchObject({ eightPin: 0, native12v: 0, unknown: [] });
  });
});

describe('power: building blocks', () => {
  it.each([
    [1, 0],
    [300 / 350, 0.007],
    [0.8, 0.0147],
    [200 / 350, 0.059],
  ])(
    'decode loss at %f of the default limit ≈ %f (llmgarage RTX 3090 sweep, linear between points)',
    (f, loss) => {
      expect(decodeLossAt(f)).toBeCloseTo(loss, 3);
    },
  );

  it('the CPU is an assumption by class: Threadripper PRO (WRX80E capture) counts 280 W, unknown CPUs 150 W', () => {
    expect(cpuPower(capture('wrx80e-sage-dmidecode'))).toMatchObject({ watts: 280 });
    expect(cpuPower(null).label).toMatch(/assumed desktop class: CPU unknown; HEDT\/server ~280 W/);
  });
});
