/** The user's own notes about parts the probe cannot see, kept in settings (electron-store in the app). */
import { z } from 'zod';
import type { CaseNotes, PsuNotes, UserNotes } from '../engine/rig-notes';

export type { CaseNotes, PsuNotes, UserNotes } from '../engine/rig-notes';
export { EMPTY_USER_NOTES } from '../engine/rig-notes';

export const psuNotesSchema = z.object({
  /** PSU rated continuous output, W. */
  watts: z.number().int().positive().max(10_000).nullable(),
  /** Number of separate 8-pin PCIe (6+2) cables the PSU provides. */
  pcie8PinCables: z.number().int().min(0).max(32).nullable(),
  /** Number of native 12VHPWR / 12V-2x6 cables. */
  connectors12vhpwr: z.number().int().min(0).max(16).nullable(),
  /** Free text: model, efficiency rating, anything else. */
  note: z.string().max(2000),
});

export const caseNotesSchema = z.object({
  /** Free text about the case: airflow, clearance, risers. */
  note: z.string().max(2000),
  /** Expansion slots the case offers (usually 7 for ATX, 8+ for E-ATX towers). */
  expansionSlots: z.number().int().min(1).max(20).nullable(),
});

export const userNotesSchema = z.object({ psu: psuNotesSchema, case: caseNotesSchema });

// The schema and the engine's types describe the same notes: a field added to one fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameNotes: Same<z.infer<typeof userNotesSchema>, UserNotes> &
  Same<z.infer<typeof psuNotesSchema>, PsuNotes> &
  Same<z.infer<typeof caseNotesSchema>, CaseNotes> = true;
void sameNotes;
