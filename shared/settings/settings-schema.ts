/** The user's own notes about parts the probe cannot see, kept in settings (electron-store in the app). */
import { z } from 'zod';

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
export type PsuNotes = z.infer<typeof psuNotesSchema>;

export const caseNotesSchema = z.object({
  /** Free text about the case: airflow, clearance, risers. */
  note: z.string().max(2000),
  /** Expansion slots the case offers (usually 7 for ATX, 8+ for E-ATX towers). */
  expansionSlots: z.number().int().min(1).max(20).nullable(),
});
export type CaseNotes = z.infer<typeof caseNotesSchema>;

export const userNotesSchema = z.object({ psu: psuNotesSchema, case: caseNotesSchema });
export type UserNotes = z.infer<typeof userNotesSchema>;

export const EMPTY_USER_NOTES: UserNotes = {
  psu: { watts: null, pcie8PinCables: null, connectors12vhpwr: null, note: '' },
  case: { note: '', expansionSlots: null },
};
