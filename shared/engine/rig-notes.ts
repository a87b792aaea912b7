/**
 * What the user tells us about parts the probe cannot see — the PSU and the case. The checks read it;
 * settings (shared/settings/settings-schema.ts) validates and stores it.
 */

export interface PsuNotes {
  /** PSU rated continuous output, W. */
  watts: number | null;
  /** Number of separate 8-pin PCIe (6+2) cables the PSU provides. */
  pcie8PinCables: number | null;
  /** Number of native 12VHPWR / 12V-2x6 cables. */
  connectors12vhpwr: number | null;
  /** Free text: model, efficiency rating, anything else. */
  note: string;
}

export interface CaseNotes {
  /** Free text about the case: airflow, clearance, risers. */
  note: string;
  /** Expansion slots the case offers (usually 7 for ATX, 8+ for E-ATX towers). */
  expansionSlots: number | null;
}

export interface UserNotes {
  psu: PsuNotes;
  case: CaseNotes;
}

export const EMPTY_USER_NOTES: UserNotes = {
  psu: { watts: null, pcie8PinCables: null, connectors12vhpwr: null, note: '' },
  case: { note: '', expansionSlots: null },
};
