/**
 * A suggestion's change as the wizard's actions: the engine says which inputs change and to what
 * (shared/engine/suggestion-types.ts); this maps each to the action that sets it in the app. Re-planning
 * actions go first and the strategy pick last, since a re-plan returns the pick to the advisor's choice.
 */
import { findQuant } from '@shared/catalog/quantizations';
import type { QuantFormat } from '@shared/catalog/types';
import type { SuggestionChange } from '@shared/engine/suggestion-types';
import { quantKey, type AdvisorAction } from '../../state/advisor-state';

export interface SuggestionApply {
  readonly actions: readonly AdvisorAction[];
  /** PSU rating to save in the user's notes, W; null when the change has none. */
  readonly psuWatts: number | null;
  /** Whether the PSU to save is ATX 3.x (said in its note, where the power rule reads it). */
  readonly psuAtx3: boolean;
}

/**
 * The actions that make `change`. `format` is the model's quantization format now: a quantization id is
 * looked up there first (`awq` names a checkpoint, `Q4_K_M` a GGUF), then in any format (a change to
 * llama.cpp with a GGUF of a checkpoint model).
 */
export function applySuggestion(change: SuggestionChange, format: QuantFormat | null): SuggestionApply {
  const actions: AdvisorAction[] = [];
  // The runtime first: pinning it may move the quantization to one it can load, which a quant change then sets.
  if (change.runtime) actions.push({ type: 'runtime', runtime: change.runtime });
  if (change.split) actions.push({ type: 'split', split: change.split });
  if (change.quant) {
    const q = (format ? findQuant(change.quant, format) : undefined) ?? findQuant(change.quant);
    if (q) actions.push({ type: 'quant', key: quantKey(q) });
  }
  if (change.cacheType) actions.push({ type: 'llamaPins', patch: { cacheType: change.cacheType } });
  if (change.ctx) actions.push({ type: 'ctx', ctx: change.ctx });
  if (change.concurrency) actions.push({ type: 'concurrency', concurrency: change.concurrency });
  for (const l of change.powerLimits ?? [])
    actions.push({ type: 'powerLimit', gpuIndex: l.gpuIndex, watts: l.watts });
  if (change.strategy) actions.push({ type: 'strategy', id: change.strategy });
  return { actions, psuWatts: change.psuWatts ?? null, psuAtx3: change.psuAtx3 === true };
}
