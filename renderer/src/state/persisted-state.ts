/**
 * Where the user left the flow, as the `AppState` main keeps in settings (`state:get` / `state:set`):
 * the step, the catalog model, quantization, context, goal, pins (runtime, split, llama.cpp settings),
 * which machine, the slots and power limits entered for its cards, the cards named for GPUs its capture
 * did not name, several machines like it, and the runtime versions the user has. Pure mapping both ways; files (config.json, GGUF) are not
 * restored, since only their labels could be kept.
 */
import { findQuant } from '@shared/catalog/quantizations';
import type { VersionedRuntime } from '@shared/engine/commands/flags/runtime-version';
import type { AppState } from '@shared/settings/app-state';
import { validVersions } from './advisor-pipeline';
import { quantFromKey, quantKey, type AdvisorAction, type AdvisorInputs } from './advisor-state';

/** Which machine "this machine" is now: a saved one (by id), one a restart shows again, or an opened capture. */
export type ShownMachine =
  | { readonly kind: 'saved'; readonly id: string }
  | { readonly kind: 'start-up' }
  | { readonly kind: 'opened-capture' };

/**
 * `shown`: the machine on screen. A capture the user opened is not reopened at the next start (only its
 * label would be kept), so the slots and card identities entered for it are not kept either: they
 * would land on another machine's GPUs.
 */
export function toAppState(
  inputs: AdvisorInputs,
  step: string,
  shown: ShownMachine = { kind: 'start-up' },
): AppState {
  const forOpenedCapture = inputs.machine.source === 'scan' && shown.kind === 'opened-capture';
  const quant = inputs.quantKey ? quantFromKey(inputs.quantKey) : undefined;
  const gpus = inputs.machine.cards.flatMap((c) => Array.from({ length: c.count }, () => c.gpuId));
  return {
    step,
    modelId: inputs.model?.kind === 'catalog' ? inputs.model.id : null,
    quant: quant?.id ?? null,
    ...(inputs.ctx !== null ? { ctx: inputs.ctx } : {}),
    concurrency: inputs.concurrency,
    goal: inputs.goal,
    runtime: inputs.runtime,
    split: inputs.split,
    machineSource:
      inputs.machine.source === 'catalog' && gpus.length > 0
        ? { kind: 'planned', gpus }
        : shown.kind === 'saved'
          ? { kind: 'saved', machineId: shown.id }
          : { kind: 'scan' },
    slots: forOpenedCapture ? [] : [...inputs.machine.slots],
    identities: forOpenedCapture ? [] : [...inputs.machine.identities],
    powerLimits: forOpenedCapture ? [] : inputs.machine.powerLimits.map((l) => ({ ...l })),
    customGpus: (inputs.machine.customGpus ?? []).map((c) => ({ ...c })),
    calibration: forOpenedCapture
      ? { enabled: true, points: [] }
      : {
          enabled: inputs.machine.calibration.enabled,
          points: inputs.machine.calibration.points.map((p) => ({ ...p, gpus: [...p.gpus] })),
          // The load logs' and start-ups' memory points, when there are any (older states have none).
          ...(inputs.machine.calibration.memory?.length
            ? { memory: inputs.machine.calibration.memory.map((p) => ({ ...p })) }
            : {}),
        },
    nodes: inputs.nodes ? { ...inputs.nodes } : null,
    runtimeVersions: validVersions(inputs.runtimeVersions),
    llamaPins: {
      cacheType: inputs.llamaPins.cacheType,
      tensorSplit: inputs.llamaPins.tensorSplit ? [...inputs.llamaPins.tensorSplit] : null,
    },
  };
}

/**
 * Actions that bring fresh inputs to a saved state, in an order the reducer accepts (runtime before
 * quant). A saved machine (`machineSource.kind === 'saved'`) is not an action: the caller opens it.
 */
export function actionsFromAppState(state: AppState): AdvisorAction[] {
  const actions: AdvisorAction[] = [];
  const source = state.machineSource;
  // Before the cards: a build may list entered cards by their `custom-…` id.
  if (state.customGpus?.length) actions.push({ type: 'machine', patch: { customGpus: state.customGpus } });
  if (source?.kind === 'planned') {
    const counts = new Map<string, number>();
    for (const id of source.gpus) counts.set(id, (counts.get(id) ?? 0) + 1);
    actions.push({
      type: 'machine',
      patch: { source: 'catalog', cards: [...counts].map(([gpuId, count]) => ({ gpuId, count })) },
    });
  }
  if (state.slots?.length) actions.push({ type: 'machine', patch: { slots: state.slots } });
  if (state.identities?.length) actions.push({ type: 'machine', patch: { identities: state.identities } });
  if (state.powerLimits?.length) actions.push({ type: 'machine', patch: { powerLimits: state.powerLimits } });
  if (state.calibration?.points.length || state.calibration?.memory?.length)
    actions.push({ type: 'machine', patch: { calibration: state.calibration } });
  if (state.nodes) actions.push({ type: 'nodes', nodes: state.nodes });
  if (state.runtime !== undefined) actions.push({ type: 'runtime', runtime: state.runtime });
  if (state.modelId) actions.push({ type: 'model', model: { kind: 'catalog', id: state.modelId } });
  const quant = state.quant ? findQuant(state.quant) : undefined;
  if (quant) actions.push({ type: 'quant', key: quantKey(quant) });
  if (state.ctx !== undefined) actions.push({ type: 'ctx', ctx: state.ctx });
  if (state.goal) actions.push({ type: 'goal', goal: state.goal });
  if (state.concurrency !== undefined) actions.push({ type: 'concurrency', concurrency: state.concurrency });
  if (state.split) actions.push({ type: 'split', split: state.split });
  if (state.llamaPins) actions.push({ type: 'llamaPins', patch: state.llamaPins });
  for (const [runtime, version] of Object.entries(state.runtimeVersions ?? {}))
    if (version) actions.push({ type: 'runtimeVersion', runtime: runtime as VersionedRuntime, version });
  return actions;
}
