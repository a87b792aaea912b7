/**
 * Restores the flow from `state:get` once at start, then saves it with `state:set` a moment after
 * each change — never before the restore has been applied, so a fresh start cannot overwrite it.
 */
import { useEffect, useState } from 'react';
import type { AppApi } from '@shared/ipc/contract';
import type { AdvisorAction, AdvisorInputs } from './advisor-state';
import { actionsFromAppState, toAppState, type ShownMachine } from './persisted-state';

const SAVE_DELAY_MS = 300;

export function usePersistedState(
  api: AppApi,
  inputs: AdvisorInputs,
  dispatch: (action: AdvisorAction) => void,
  step: string,
  setStep: (step: string) => void,
  /** The machine shown now (a saved one is kept as the machine source), and how to reopen a saved one. */
  machine: { readonly shown: ShownMachine; readonly restoreSaved: (id: string) => void },
): void {
  const { shown, restoreSaved: restoreSavedMachine } = machine;
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    let live = true;
    void api.getState().then((result) => {
      if (!live) return;
      if (result.ok && result.value) {
        for (const action of actionsFromAppState(result.value)) dispatch(action);
        const source = result.value.machineSource;
        if (source?.kind === 'saved') restoreSavedMachine(source.machineId);
        if (result.value.step) setStep(result.value.step);
      }
      setRestored(true);
    });
    return () => {
      live = false;
    };
    // dispatch is stable (useReducer); setStep and restore must be too (useCallback in the caller):
    // the restore runs once.
  }, [api, dispatch, setStep, restoreSavedMachine]);
  useEffect(() => {
    if (!restored) return undefined;
    const timer = setTimeout(() => void api.setState(toAppState(inputs, step, shown)), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, inputs, step, restored, shown]);
}
