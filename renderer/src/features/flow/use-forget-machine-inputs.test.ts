import { describe, expect, it } from 'vitest';
import { EMPTY_USER_NOTES } from '@shared/settings/settings-schema';
import { hasNotes, replacesMachine } from './use-forget-machine-inputs';

const live = { kind: 'live' } as const;
const capture = (label: string) => ({ kind: 'capture', label }) as const;
const saved = { kind: 'saved', label: 'Lab', machineId: 'm1' } as const;

describe('replacesMachine', () => {
  it('keeps the entries for the first machine shown and for a rescan of the same one', () => {
    expect(replacesMachine(null, live)).toBe(false);
    expect(replacesMachine(live, live)).toBe(false);
    expect(replacesMachine(capture('/a'), capture('/a'))).toBe(false);
  });
  it('clears them when another capture or this computer replaces the machine', () => {
    expect(replacesMachine(live, capture('/a'))).toBe(true);
    expect(replacesMachine(capture('/a'), capture('/b'))).toBe(true);
    expect(replacesMachine(capture('/a'), live)).toBe(true);
    expect(replacesMachine(saved, live)).toBe(true);
  });
  it('leaves a saved machine its own entries', () => expect(replacesMachine(live, saved)).toBe(false));
});

describe('hasNotes', () => {
  it('is false for no notes and empty ones, true once anything was entered', () => {
    expect(hasNotes(null)).toBe(false);
    expect(hasNotes(EMPTY_USER_NOTES)).toBe(false);
    expect(hasNotes({ ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: 850 } })).toBe(true);
    expect(hasNotes({ ...EMPTY_USER_NOTES, case: { note: ' ', expansionSlots: null } })).toBe(false);
    expect(hasNotes({ ...EMPTY_USER_NOTES, case: { note: 'Meshify 2', expansionSlots: null } })).toBe(true);
  });
});
