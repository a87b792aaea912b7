/**
 * The advisor for the whole flow: the inputs (one reducer) and what they lead to — plan, the chosen
 * strategy, checks, commands and checklist — recomputed stage by stage only when their inputs change.
 */
import { useMemo, useReducer, useState, type Dispatch } from 'react';
import type { HardwareProfile } from '@shared/hardware/profile';
import { EMPTY_USER_NOTES, type UserNotes } from '@shared/settings/settings-schema';
import { createAdvisorPipeline, type AdvisorOutput } from './advisor-pipeline';
import { advisorReducer, INITIAL_INPUTS, type AdvisorAction, type AdvisorInputs } from './advisor-state';

export interface Advisor extends AdvisorOutput {
  readonly inputs: AdvisorInputs;
  readonly dispatch: Dispatch<AdvisorAction>;
}

export function useAdvisor(
  scanned: HardwareProfile | null,
  notes: UserNotes | null,
  initial: AdvisorInputs = INITIAL_INPUTS,
): Advisor {
  const [inputs, dispatch] = useReducer(advisorReducer, initial);
  const [run] = useState(createAdvisorPipeline);
  const output = useMemo(
    () => run(inputs, scanned, notes ?? EMPTY_USER_NOTES),
    [run, inputs, scanned, notes],
  );
  return useMemo(() => ({ ...output, inputs, dispatch }), [output, inputs]);
}
