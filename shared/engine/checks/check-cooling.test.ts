/**
 * Cooling checks. No capture maps GPUs to slots (dmidecode slot tables and nvidia-smi bus ids never
 * come from the same machine in the fixtures), so the spacing cases add a slot table to the real
 * club-3090 capture: each such case is labelled "derived".
 */
import { describe, expect, it } from 'vitest';
import { captureProfile } from '../../../test/support/capture-dirs';
import { findModel } from '../../catalog/model-lookup';
import { findQuant } from '../../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../../catalog/types';
import type { HardwareProfile, SlotProfile } from '../../hardware/profile';
import { modelFromCatalog } from '../../model-import/catalog-model';
import { EMPTY_USER_NOTES, type UserNotes } from '../rig-notes';
import { machineFromNames, machineFromProfile, type EngineMachine } from '../machine';
import { plan } from '../planner/planner';
import { checkCooling } from './check-cooling';
import type { Check } from './check-types';
import { planRequest } from '../../../test/support/plan-request';

const capture = captureProfile;

function run(
  profile: HardwareProfile | null,
  machine: EngineMachine,
  notes: UserNotes = EMPTY_USER_NOTES,
): Check[] {
  const m = modelFromCatalog(findModel('llama-3.1-8b') as ModelSpec, findQuant('Q4_K_M') as QuantSpec);
  const result = plan(planRequest({ machine, model: m, ctx: 4096, runtime: 'llama.cpp', split: 'layer' }));
  const strategy = result.strategies[0];
  if (!strategy) throw new Error('no strategy');
  return checkCooling({ profile, machine, plan: result, strategy, notes });
}

const byId = (checks: Check[], id: string): Check => {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`${id} missing: ${checks.map((x) => x.id).join(', ')}`);
  return c;
};

const slot = (designation: string, busAddress: string | null): SlotProfile => ({
  designation,
  pcieGen: 4,
  widthElectrical: 16,
  widthPhysical: 16,
  inUse: busAddress !== null,
  busAddress,
});

/** Derived from the club-3090 capture: bus ids for its two GPUs and a slot table with `between` empty slots. */
function placedClub(between: number): HardwareProfile {
  const p = capture('club3090-2x-rtx3090-h12ssl');
  const buses = ['0000:01:00.0', '0000:02:00.0'];
  const empty = Array.from({ length: between }, (_, i) => slot(`SLOT${i + 2}`, null));
  return {
    ...p,
    gpus: p.gpus.map((g, i) => ({ ...g, pciBusId: buses[i] ?? null })),
    slots: [slot('SLOT1', buses[0] ?? null), ...empty, slot(`SLOT${between + 2}`, buses[1] ?? null)],
  };
}

const twin3090 = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'] });
const twinA6000 = machineFromNames({ gpuNames: ['RTX A6000', 'RTX A6000'] });

describe('cooling: card thickness against the slots the cards sit in', () => {
  it.each([
    [
      'derived: 3-slot RTX 3090s in neighbouring slots overlap → fail',
      twin3090,
      0,
      'fail',
      /1 slot positions apart .* 3 slots thick: the cards overlap/,
    ],
    [
      "derived: 3-slot open-air RTX 3090s 3 positions apart touch — the upper one breathes the lower one's exhaust → warn",
      twin3090,
      2,
      'warn',
      /3 slot positions apart .* they touch: the upper open-air card breathes/,
    ],
    [
      'derived: 3-slot RTX 3090s 4 positions apart leave one slot of air → pass',
      twin3090,
      3,
      'pass',
      /leaving 1 free/,
    ],
    [
      'derived: 2-slot blower RTX A6000s touching → pass: blowers exhaust out of the case',
      twinA6000,
      1,
      'pass',
      /blower card, which exhausts out of the case/,
    ],
  ] as const)('%s', (_name, machine, between, status, reason) => {
    const c = byId(run(placedClub(between), machine), 'cooling.spacing.gpu0-gpu1');
    expect(c.status).toBe(status);
    expect(c.reason).toMatch(reason);
  });

  it('real club-3090 capture has no slot table: spacing unknown, naming the open-air risk and how to check', () => {
    const c = byId(run(capture('club3090-2x-rtx3090-h12ssl'), twin3090), 'cooling.spacing');
    expect(c.status).toBe('unknown');
    expect(c.reason).toMatch(/2 are open-air, and stacked open-air cards breathe each other's exhaust/);
    expect(c.fix).toMatch(/dmidecode -t slot/);
  });

  it.each([
    ['two 3-slot cards cover 6 positions; a 7-slot case holds them → pass', 7, 'pass'],
    ['two 3-slot cards in a 5-slot case → fail', 5, 'fail'],
    ['case slots not entered → unknown', null, 'unknown'],
  ] as const)('%s', (_name, expansionSlots, status) => {
    const notes = { ...EMPTY_USER_NOTES, case: { note: '', expansionSlots } };
    expect(byId(run(null, twin3090, notes), 'cooling.case').status).toBe(status);
  });
});

describe('cooling: measured temperatures, passive cards, risers', () => {
  it.each([
    ['L40S capture read 63 °C, under the 65 °C idle line → pass', capture('l40s'), 'pass'],
    [
      'derived from the L40S capture: 72 °C at capture time → warn (high for an idle card)',
      { ...capture('l40s'), gpus: capture('l40s').gpus.map((g) => ({ ...g, temperatureC: 72 })) },
      'warn',
    ],
    [
      'club-3090 capture (topology only) has no temperature → unknown with the nvidia-smi query',
      capture('club3090-2x-rtx3090-h12ssl'),
      'unknown',
    ],
  ] as const)('%s', (_name, profile, status) => {
    const machine = profile.gpus[0]?.name.includes('model unknown') ? twin3090 : machineFromProfile(profile);
    expect(byId(run(profile, machine), 'cooling.temp.gpu0').status).toBe(status);
  });

  it('a passive datacenter card (L40S capture) relies on chassis airflow → unknown with what to check', () => {
    const p = capture('l40s');
    const c = byId(run(p, machineFromProfile(p)), 'cooling.passive');
    expect(c.status).toBe('unknown');
    expect(c.fix).toMatch(/server chassis/);
  });

  it('risers mentioned in the case notes → a note on rated risers and forcing Gen3', () => {
    const notes = {
      ...EMPTY_USER_NOTES,
      case: { note: 'open frame, two PCIe 4.0 risers', expansionSlots: null },
    };
    expect(byId(run(null, twin3090, notes), 'cooling.risers').fix).toMatch(/Gen3 in the BIOS/);
  });
});
