/**
 * Which of the user's notes answer an `unknown` check, so the Checks step can ask for them inline.
 * The checks read these very fields (check-power.ts, check-cooling.ts); a question shows only while the
 * check is unknown and the note is still empty.
 */
import type { Check } from '@shared/engine/checks/check-types';
import type { UserNotes } from '@shared/settings/settings-schema';

export interface NoteQuestion {
  /** Stable key for React and tests. */
  readonly key: 'psu-watts' | 'psu-pcie8' | 'psu-12vhpwr' | 'case-slots';
  readonly label: string;
  readonly suffix?: string;
  readonly min: number;
  readonly max: number;
  read(notes: UserNotes): number | null;
  write(notes: UserNotes, value: number | null): UserNotes;
}

const psu = (
  key: NoteQuestion['key'],
  field: 'watts' | 'pcie8PinCables' | 'connectors12vhpwr',
  label: string,
  max: number,
  suffix?: string,
): NoteQuestion => ({
  key,
  label,
  suffix,
  min: field === 'watts' ? 1 : 0,
  max,
  read: (n) => n.psu[field],
  write: (n, v) => ({ ...n, psu: { ...n.psu, [field]: v } }),
});

const PSU_WATTS = psu('psu-watts', 'watts', 'PSU rated output', 10_000, ' W');
const PSU_PCIE8 = psu('psu-pcie8', 'pcie8PinCables', '8-pin PCIe cables', 32);
const PSU_12VHPWR = psu('psu-12vhpwr', 'connectors12vhpwr', '12VHPWR cables', 16);
const CASE_SLOTS: NoteQuestion = {
  key: 'case-slots',
  label: 'Expansion slots of the case',
  min: 1,
  max: 20,
  read: (n) => n.case.expansionSlots,
  write: (n, v) => ({ ...n, case: { ...n.case, expansionSlots: v } }),
};

const BY_CHECK: Readonly<Record<string, readonly NoteQuestion[]>> = {
  'power.sustained': [PSU_WATTS],
  'power.connectors': [PSU_PCIE8, PSU_12VHPWR],
  'cooling.case': [CASE_SLOTS],
};

/** The empty notes that would answer the check with this id, when it is unknown (Add a card's "?" lines). */
export function questionsForCheckId(checkId: string, notes: UserNotes | null): NoteQuestion[] {
  const asked = notes ? (BY_CHECK[checkId] ?? []) : [];
  return notes && asked[0] && asked[0].read(notes) === null ? [...asked] : [];
}

/** The empty notes that would answer this check, when it is unknown. */
export function questionsFor(check: Check, notes: UserNotes | null): NoteQuestion[] {
  if (check.status !== 'unknown' || !notes) return [];
  const asked = BY_CHECK[check.id] ?? [];
  // Ask only while the first field is still empty: once it is given, the check's own reason says what is left.
  return asked[0] && asked[0].read(notes) === null ? [...asked] : [];
}
