/**
 * Add a card's compatibility list and system RAM: a plan with the new card that still keeps part of the
 * model in RAM can only be called a fit when the RAM is known to hold it.
 */
import { describe, expect, it } from 'vitest';
import { planRequest } from '../../../test/support/plan-request';
import { EMPTY_USER_NOTES, type UserNotes } from '../rig-notes';
import { rankUpgrades, type UpgradeOption } from './upgrade';

// Enough PSU, cables and case for two cards: only RAM is left open.
const NOTES: UserNotes = {
  psu: { watts: 1600, pcie8PinCables: 6, connectors12vhpwr: 1, note: '' },
  case: { note: '', expansionSlots: 8 },
};

const ramLine = (o: UpgradeOption) => o.compat.find((l) => l.topic === 'ram');

// One 3090 with Llama 3.3 70B Q4_K_M (~40 GiB): a 12 GiB card beside it still leaves a part in RAM,
// a second 24 GiB card holds it all.
const rank = (ramGiB: number | null, candidates: readonly string[]) =>
  rankUpgrades({
    request: planRequest({ gpus: ['RTX 3090'], model: 'llama-3.3-70b', ramGiB }),
    profile: null,
    notes: NOTES,
    candidates,
  });

describe('Add a card: system RAM on the compatibility list', () => {
  it('RAM unknown and the plan with the card keeps part of the model in RAM: "?" with the RAM size asked for', () => {
    const row = rank(null, ['rtx-3060-12gb']).options[0]!;
    expect(row.fit).toBe('offload');
    expect(ramLine(row)).toMatchObject({
      status: 'unknown',
      decidedBy: 'capacity.ram',
      inputs: ['ramGiB'],
    });
    expect(ramLine(row)?.reason).toMatch(/RAM size is unknown/);
  });

  it('RAM known and large enough for what stays in it: ✓', () => {
    const row = rank(128, ['rtx-3060-12gb']).options[0]!;
    expect(row.fit).toBe('offload');
    expect(ramLine(row)?.status).toBe('ok');
  });

  it('RAM unknown but the plan with the card keeps all of it on the GPUs: RAM does not matter, ✓', () => {
    const row = rank(null, ['rtx-3090']).options[0]!;
    expect(row.fit).toBe('gpu');
    expect(ramLine(row)).toMatchObject({ status: 'ok', decidedBy: null, inputs: [] });
  });

  it('the list keeps its order, RAM after the case', () => {
    const row = rank(64, ['rtx-3090']).options[0]!;
    expect(row.compat.map((l) => l.topic)).toEqual([
      'slot',
      'lanes',
      'spacing',
      'psu',
      'cables',
      'case',
      'ram',
      'runtime',
      'driver',
    ]);
  });

  it('every "?" line carries the inputs that answer it, as its deciding check names them', () => {
    const row = rankUpgrades({
      request: planRequest({ gpus: ['RTX 3090'], model: 'llama-3.3-70b', ramGiB: null }),
      profile: null,
      notes: EMPTY_USER_NOTES,
      candidates: ['rtx-3060-12gb'],
    }).options[0]!;
    const psu = row.compat.find((l) => l.topic === 'psu');
    expect(psu?.status).toBe('unknown');
    expect(psu?.inputs).toContain('psuWatts');
  });
});
