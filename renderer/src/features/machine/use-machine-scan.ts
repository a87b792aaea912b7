/** State of the machine screen: the current scan result, a scan or import in flight, its progress, errors. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HardwareProfile } from '@shared/hardware/profile';
import type { IpcInput } from '@shared/ipc/contract';
import type { AppApi, IpcResult, ScanProgress, ScanResult } from './types';
import { readPickedCapture } from './read-capture-files';

export interface MachineScanState {
  readonly result: ScanResult | null;
  readonly busy: 'scan' | 'capture' | null;
  readonly progress: ScanProgress | null;
  readonly error: string | null;
  /** How many profiles have been shown; the e2e reads it to see a rescan land. */
  readonly generation: number;
  /** True when the profile shown is a capture the user opened (a restart will not show it again). */
  readonly opened: boolean;
}

export interface MachineScan extends MachineScanState {
  rescan(): Promise<void>;
  openCapture(files: readonly File[]): Promise<void>;
  /** File → Open capture… in the desktop app: main's folder dialog; true when a capture is now shown. */
  openCaptureFromDialog(): Promise<boolean>;
  /** Show a profile from the saved-machines list as the machine. */
  showSaved(profile: HardwareProfile, name: string, machineId: string): void;
  dismissError(): void;
}

const INITIAL: MachineScanState = {
  result: null,
  busy: null,
  progress: null,
  error: null,
  generation: 0,
  opened: false,
};

export function useMachineScan(api: AppApi): MachineScan {
  const [state, setState] = useState<MachineScanState>(INITIAL);
  const started = useRef(false);
  // The latest action wins: a saved machine opened (or restored) while the first scan runs stays shown.
  const latest = useRef(0);

  useEffect(
    () => api.onScanProgress((progress) => setState((s) => (s.busy ? { ...s, progress } : s))),
    [api],
  );

  const settle = useCallback(
    (token: number, outcome: IpcResult<ScanResult>, failedWhat: string, opened: boolean) => {
      if (token !== latest.current) return;
      setState((s) =>
        outcome.ok
          ? {
              result: outcome.value,
              busy: null,
              progress: null,
              error: null,
              generation: s.generation + 1,
              opened,
            }
          : { ...s, busy: null, progress: null, error: `${failedWhat}: ${outcome.error.message}` },
      );
    },
    [],
  );

  const rescan = useCallback(async () => {
    const token = ++latest.current;
    setState((s) => ({ ...s, busy: 'scan', progress: null, error: null }));
    settle(token, await api.scanHardware(), 'The scan failed', false);
  }, [api, settle]);

  const openCapture = useCallback(
    async (picked: readonly File[]) => {
      const capture = await readPickedCapture(picked);
      if (Object.keys(capture.files).length === 0) {
        const seen =
          picked.length === 0 ? 'no files' : `${picked.length} file(s), none with a capture file name`;
        // Not a capture: nothing replaces what is shown (or what a scan still in flight will show).
        setState((s) => ({
          ...s,
          error: `"${capture.label}" is not a capture folder: it holds ${seen} (expected names such as nvidia-smi-q.xml, nvidia-smi-topo.txt, lspci.txt).`,
        }));
        return;
      }
      const token = ++latest.current;
      setState((s) => ({ ...s, busy: 'capture', progress: null, error: null }));
      // The contract validates names and sizes in main; any subset of the capture files is a valid capture.
      const files = capture.files as IpcInput<'hardware:load-capture'>['files'];
      settle(
        token,
        await api.loadCapture({ files, label: capture.label }),
        `Could not open "${capture.label}"`,
        true,
      );
    },
    [api, settle],
  );

  const openCaptureFromDialog = useCallback(async () => {
    // The dialog is modal; a scan still in flight may land meanwhile. Only a chosen folder takes over.
    const outcome = await api.openCaptureDialog();
    if (outcome.ok && outcome.value === null) return false;
    settle(++latest.current, outcome as IpcResult<ScanResult>, 'Could not open the capture', true);
    return outcome.ok;
  }, [api, settle]);

  const showSaved = useCallback((profile: HardwareProfile, name: string, machineId: string) => {
    latest.current += 1;
    setState((s) => ({
      result: { profile, origin: { kind: 'saved', label: name, machineId }, durationMs: 0 },
      busy: null,
      progress: null,
      error: null,
      generation: s.generation + 1,
      opened: false,
    }));
  }, []);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void rescan();
  }, [rescan]);

  const dismissError = useCallback(() => setState((s) => ({ ...s, error: null })), []);
  return { ...state, rescan, openCapture, openCaptureFromDialog, showSaved, dismissError };
}
