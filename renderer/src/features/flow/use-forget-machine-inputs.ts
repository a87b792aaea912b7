/**
 * Where the cards sit, their power limits, which card an unnamed GPU is and the runs measured on it
 * belong to one machine. When another machine
 * replaces the one shown (a capture opened, a rescan of this computer after a capture), those entries
 * would describe the wrong cards, so they are cleared. Not on the first result (the restored state
 * belongs to it), not on a rescan of the same source, and not for a saved machine (it brings its own).
 */
import { useEffect, useRef } from 'react';
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

export function useForgetMachineInputs(
  origin: ScanResult['origin'] | null,
  dispatch: (action: AdvisorAction) => void,
): void {
  const previous = useRef<ScanResult['origin'] | null>(null);
  useEffect(() => {
    if (replacesMachine(previous.current, origin))
      dispatch({
        type: 'machine',
        patch: { slots: [], identities: [], powerLimits: [], calibration: NO_CALIBRATION },
      });
    if (origin) previous.current = origin;
  }, [origin, dispatch]);
}
