import { describe, expect, it } from 'vitest';
import { check } from '@shared/engine/checks/check-types';
import { EMPTY_USER_NOTES } from '@shared/settings/settings-schema';
import { questionsFor } from './note-questions';

describe('questionsFor', () => {
  const psuUnknown = check('power', 'power.sustained', 'unknown', 'The PSU is unknown', 'Enter it');

  it('asks for the PSU wattage while the sustained-power check is unknown and the note empty', () => {
    expect(questionsFor(psuUnknown, EMPTY_USER_NOTES).map((q) => q.key)).toEqual(['psu-watts']);
  });

  it('asks nothing once the note is given, for a known check, or before the notes load', () => {
    const noted = { ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: 1200 } };
    expect(questionsFor(psuUnknown, noted)).toEqual([]);
    expect(questionsFor({ ...psuUnknown, status: 'pass' }, EMPTY_USER_NOTES)).toEqual([]);
    expect(questionsFor(psuUnknown, null)).toEqual([]);
  });

  it('writes the answer into the right note', () => {
    const cables = check('power', 'power.connectors', 'unknown', 'cables unknown');
    const [pcie8, hpwr] = questionsFor(cables, EMPTY_USER_NOTES);
    const notes = hpwr!.write(pcie8!.write(EMPTY_USER_NOTES, 4), 1);
    expect(notes.psu).toMatchObject({ pcie8PinCables: 4, connectors12vhpwr: 1 });
    const slots = questionsFor(check('cooling', 'cooling.case', 'unknown', 'slots'), EMPTY_USER_NOTES)[0]!;
    expect(slots.write(EMPTY_USER_NOTES, 8).case.expansionSlots).toBe(8);
  });
});
