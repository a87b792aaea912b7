/**
 * Where the cards sit, their power limits, which card an unnamed GPU is and the runs measured on it
 * belong to one machine. When another machine
 * replaces the one shown (a capture opened, a rescan of this computer after a capture), those entries
 * would describe the wrong cards, so they are cleared. Not on the first result (the restored state
 * belongs to it), not on a rescan of the same source, and not for a saved machine (it brings its own).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UserNotes } from '@shared/settings/settings-schema';
import type { ScanResult } from '@shared/ipc/contract';
import { NO_CALIBRATION, type AdvisorAction } from '../../state/advisor-state';

/** Which machine an origin stands for. */
export function machineKey(origin: ScanResult['origin']): string {
  if (origin.kind === 'live') return 'live';
  return origin.kind === 'saved' ? `saved:${origin.machineId}` : `capture:${origin.label}`;
}

/** True when going from `before` to `after` means the per-machine entries no longer apply. */
export function replacesMachine(
  before: ScanResult['origin'] | null,
  after: ScanResult['origin'] | null,
): boolean {
  if (!before || !after || after.kind === 'saved') return false;
  return machineKey(before) !== machineKey(after);
}

/** Whether any PSU or case note was entered (the notes a newly shown machine would inherit). */
export function hasNotes(notes: UserNotes | null): boolean {
  if (!notes) return false;
  const { psu, case: box } = notes;
  return (
    psu.watts !== null ||
    psu.pcie8PinCables !== null ||
    psu.connectors12vhpwr !== null ||
    psu.note.trim() !== '' ||
    box.note.trim() !== '' ||
    box.expansionSlots !== null
  );
}

/**
 * Clears the per-machine entries when another machine replaces the one shown, and returns the name of
 * the machine the PSU and case notes were typed for when they would now silently apply to another
 * (the flow asks: keep them for this one, or clear them); null otherwise. A saved machine brings its own.
 */
export function useForgetMachineInputs(
  origin: ScanResult['origin'] | null,
  dispatch: (action: AdvisorAction) => void,
  notes: UserNotes | null,
): { readonly notesFrom: string | null; readonly settle: () => void } {
  const previous = useRef<ScanResult['origin'] | null>(null);
  const [notesFrom, setNotesFrom] = useState<string | null>(null);
  // Read when the machine changes, not a reason to run the effect again.
  const notesRef = useRef(notes);
  useEffect(() => {
    notesRef.current = notes;
  }, [notes]);
  useEffect(() => {
    if (replacesMachine(previous.current, origin)) {
      dispatch({
        type: 'machine',
        patch: { slots: [], identities: [], powerLimits: [], calibration: NO_CALIBRATION },
      });
      if (previous.current && hasNotes(notesRef.current)) setNotesFrom(machineName(previous.current));
    } else if (origin?.kind === 'saved') setNotesFrom(null);
    if (origin) previous.current = origin;
  }, [origin, dispatch]);
  return { notesFrom, settle: useCallback(() => setNotesFrom(null), []) };
}

const machineName = (origin: ScanResult['origin']): string =>
  origin.kind === 'live'
    ? 'this computer'
    : (origin.label.split(/[\\/]/).filter(Boolean).pop() ?? origin.label);
