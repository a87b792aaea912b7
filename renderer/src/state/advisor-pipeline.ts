/**
 * From the advisor's inputs to everything the steps show — machine → model → request → plan →
 * strategy → checks → commands → checklist — composed from `shared/engine` exactly as the CLI's
 * advisor commands compose them (electron/cli/options/advisor-options.ts). Each stage is memoised on
 * its own inputs, so changing the goal re-plans without re-importing the model, and saving a PSU
 * note re-runs only the checks and what follows them.
 */
import { findModel } from '@shared/catalog/model-lookup';
import { buildChecklist, type Checklist } from '@shared/engine/checklist/build-checklist';
import type { Check } from '@shared/engine/checks/check-types';
import { runChecks } from '@shared/engine/checks/run-checks';
import { buildCommands } from '@shared/engine/commands/build-commands';
import type { RenderedCommand } from '@shared/engine/commands/command-types';
import {
  captureNamedGpu,
  GpuIdentityError,
  UnidentifiedGpuError,
  unplannableMessage,
} from '@shared/engine/gpu-identity';
import {
  machineFromNames,
  machineFromProfile,
  parseLinkOption,
  UnknownGpuError,
  type EngineMachine,
} from '@shared/engine/machine';
import type { LlamaCppSettings } from '@shared/engine/llama-cpp-memory';
import type { EngineModel } from '@shared/model-import/model-weights';
import { chosenStrategy, defaultContext } from '@shared/engine/planner/defaults';
import type { PlanRequest, PlanResult, Strategy } from '@shared/engine/planner/plan-types';
import { plan } from '@shared/engine/planner/planner';
import type { HardwareProfile } from '@shared/hardware/profile';
import { modelFromCatalog } from '@shared/model-import/catalog-model';
import { importHfConfig } from '@shared/model-import/hf-config';
import { ModelImportError } from '@shared/model-import/model-import-error';
import type { UserNotes } from '@shared/settings/settings-schema';
import {
  quantFromKey,
  type AdvisorInputs,
  type LlamaPins,
  type MachineInputs,
  type ModelInputs,
} from './advisor-state';
import { memoOne } from './memo-one';

export interface MachineOutcome {
  readonly machine: EngineMachine | null;
  /** The scanned profile behind the machine; null for a catalog build. */
  readonly profile: HardwareProfile | null;
  /** Why there is no machine yet, in words. */
  readonly error: string | null;
}

export interface ModelOutcome {
  readonly model: EngineModel | null;
  /** What the importer assumed (config.json). */
  readonly notes: readonly string[];
  readonly error: string | null;
}

export interface AdvisorOutput {
  readonly machine: MachineOutcome;
  readonly model: ModelOutcome;
  readonly request: PlanRequest | null;
  readonly result: PlanResult | null;
  /** The strategy the checks, commands and checklist follow (picked, else the advisor's choice). */
  readonly strategy: Strategy | null;
  readonly checks: readonly Check[];
  readonly commands: readonly RenderedCommand[];
  readonly checklist: Checklist | null;
}

const expandCards = (m: MachineInputs): string[] =>
  m.cards.flatMap((c) => Array.from({ length: c.count }, () => c.gpuId));

/** The machine the plan is for: the scanned one, or the cards picked from the catalog. */
export function machineOf(m: MachineInputs, scanned: HardwareProfile | null): MachineOutcome {
  const link = m.link ? parseLinkOption(m.link) : null;
  if (m.link && !link) return { machine: null, profile: null, error: `"${m.link}" is not a link option.` };
  if (m.source === 'catalog') {
    const gpuNames = expandCards(m);
    if (gpuNames.length === 0)
      return { machine: null, profile: null, error: 'Pick at least one GPU from the catalog.' };
    try {
      const machine = machineFromNames({
        gpuNames,
        link,
        slots: m.slots,
        ramGiB: m.ramGiB,
        ramGBs: m.ramGBs,
      });
      return { machine, profile: null, error: null };
    } catch (error) {
      if (error instanceof UnknownGpuError)
        return { machine: null, profile: null, error: `"${error.message}" is not in the GPU catalog.` };
      throw error;
    }
  }
  if (!scanned) return { machine: null, profile: null, error: 'The machine has not been read yet.' };
  if (scanned.gpus.length === 0)
    return {
      machine: null,
      profile: scanned,
      error: 'The probe saw no GPU on this machine: describe a build with cards from the catalog.',
    };
  // Identities apply only to GPUs this capture did not name: one kept from another capture is not an error.
  const unnamed = new Set(scanned.gpus.filter((g) => !captureNamedGpu(g)).map((g) => g.index));
  const identities = m.identities.filter((i) => unnamed.has(i.gpuIndex));
  let machine: EngineMachine;
  try {
    machine = machineFromProfile(scanned, { link, ramGBs: m.ramGBs, slots: m.slots, identities });
  } catch (error) {
    if (error instanceof UnidentifiedGpuError)
      return {
        machine: null,
        profile: scanned,
        error: unplannableMessage(
          error.gpus,
          `pick which card ${error.gpus.length === 1 ? 'it' : 'each'} is on the Machine step ("Which card is GPU ${error.gpus[0]?.index ?? 0}?")`,
        ),
      };
    if (error instanceof GpuIdentityError)
      return { machine: null, profile: scanned, error: `${error.message}.` };
    throw error;
  }
  return {
    machine: m.ramGiB ? { ...machine, ramMiB: m.ramGiB * 1024 } : machine,
    profile: scanned,
    error: null,
  };
}

/** The model at the chosen quantization: from the catalog, or from a picked config.json. */
export function modelOf(input: ModelInputs | null, key: string | null): ModelOutcome {
  if (!input) return { model: null, notes: [], error: 'Pick a model.' };
  if (input.kind === 'file') return { model: input.model, notes: input.notes, error: null };
  const quant = key ? quantFromKey(key) : undefined;
  if (key && !quant) return { model: null, notes: [], error: `Unknown quantization "${key}".` };
  if (input.kind === 'catalog') {
    const spec = findModel(input.id);
    if (!spec) return { model: null, notes: [], error: `"${input.id}" is not in the model catalog.` };
    if (!quant) return { model: null, notes: [], error: 'Pick a quantization.' };
    return { model: modelFromCatalog(spec, quant), notes: [], error: null };
  }
  try {
    const imported = importHfConfig(input.config, undefined, quant, { name: input.label });
    return { model: imported.model, notes: imported.notes, error: null };
  } catch (error) {
    if (error instanceof ModelImportError) return { model: null, notes: [], error: error.message };
    throw error;
  }
}

type RunInputs = Pick<AdvisorInputs, 'ctx' | 'goal' | 'concurrency' | 'runtime' | 'split' | 'llamaPins'>;

/** Whether a pinned tensor split has one share per GPU of the machine; the plan ignores it otherwise. */
export function tensorSplitApplies(split: readonly number[] | null, gpuCount: number): boolean {
  return split !== null && split.length === gpuCount;
}

/** The pins as the plan request carries them: one cache type for K and V, a split only if it fits. */
export function llamaOf(pins: LlamaPins, gpuCount: number): Partial<LlamaCppSettings> {
  return {
    ...(pins.cacheType ? { cacheTypeK: pins.cacheType, cacheTypeV: pins.cacheType } : {}),
    ...(pins.tensorSplit && tensorSplitApplies(pins.tensorSplit, gpuCount)
      ? { tensorSplit: pins.tensorSplit }
      : {}),
  };
}

/** The plan request, as `plan` / `check` / `commands` build it from their options. */
export function requestOf(
  machine: EngineMachine | null,
  model: EngineModel | null,
  run: RunInputs,
): PlanRequest | null {
  if (!machine || !model) return null;
  return {
    machine,
    model,
    ctx: run.ctx ?? defaultContext(model.spec),
    runtime: run.runtime,
    split: run.split,
    concurrency: run.concurrency,
    goal: run.goal,
    llama: llamaOf(run.llamaPins, machine.gpus.length),
    gpuMemoryUtilization: null,
  };
}

export function strategyOf(
  result: PlanResult | null,
  request: PlanRequest | null,
  pickedId: string | null,
): Strategy | null {
  if (!result || !request) return null;
  return (
    (pickedId ? result.strategies.find((s) => s.id === pickedId) : undefined) ??
    chosenStrategy(result, request) ??
    null
  );
}

/** Builds a pipeline whose stages remember their last inputs. One per advisor (use-advisor.ts). */
export function createAdvisorPipeline() {
  const machine = memoOne(machineOf);
  const model = memoOne(modelOf);
  const request = memoOne(
    (
      m: EngineMachine | null,
      e: EngineModel | null,
      ctx: RunInputs['ctx'],
      goal: RunInputs['goal'],
      concurrency: number,
      runtime: RunInputs['runtime'],
      split: RunInputs['split'],
      llamaPins: LlamaPins,
    ) => requestOf(m, e, { ctx, goal, concurrency, runtime, split, llamaPins }),
  );
  const planned = memoOne((r: PlanRequest | null) => (r ? plan(r) : null));
  const strategy = memoOne(strategyOf);
  const checks = memoOne(
    (
      p: HardwareProfile | null,
      r: PlanRequest | null,
      res: PlanResult | null,
      s: Strategy | null,
      n: UserNotes,
    ) =>
      r && res && s
        ? runChecks({ profile: p, machine: r.machine, plan: res, strategy: s, notes: n, request: r })
        : [],
  );
  const commands = memoOne(
    (
      res: PlanResult | null,
      s: Strategy | null,
      r: PlanRequest | null,
      path: string,
      nodes: AdvisorInputs['nodes'],
    ) =>
      res && s && r
        ? buildCommands(res, s, r.model, {
            ...(path.trim() ? { modelPath: path.trim() } : {}),
            ...(nodes ? { nodes: { ...nodes, gpusPerNode: s.gpuIndices.length } } : {}),
          })
        : [],
  );
  const checklist = memoOne(
    (
      r: PlanRequest | null,
      res: PlanResult | null,
      s: Strategy | null,
      c: readonly Check[],
      cmds: readonly RenderedCommand[],
    ) =>
      r && res && s
        ? buildChecklist({ machine: r.machine, plan: res, strategy: s, checks: c, commands: cmds })
        : null,
  );
  const output = memoOne(
    (
      m: MachineOutcome,
      e: ModelOutcome,
      r: PlanRequest | null,
      res: PlanResult | null,
      s: Strategy | null,
      c: readonly Check[],
      cmds: readonly RenderedCommand[],
      list: Checklist | null,
    ): AdvisorOutput => ({
      machine: m,
      model: e,
      request: r,
      result: res,
      strategy: s,
      checks: c,
      commands: cmds,
      checklist: list,
    }),
  );

  return function run(
    inputs: AdvisorInputs,
    scanned: HardwareProfile | null,
    notes: UserNotes,
  ): AdvisorOutput {
    const m = machine(inputs.machine, scanned);
    const e = model(inputs.model, inputs.quantKey);
    const r = request(
      m.machine,
      e.model,
      inputs.ctx,
      inputs.goal,
      inputs.concurrency,
      inputs.runtime,
      inputs.split,
      inputs.llamaPins,
    );
    const res = planned(r);
    const s = strategy(res, r, inputs.strategyId);
    const c = checks(m.profile, r, res, s, notes);
    const cmds = commands(res, s, r, inputs.modelPath, inputs.nodes);
    return output(m, e, r, res, s, c, cmds, checklist(r, res, s, c, cmds));
  };
}

export type AdvisorPipeline = ReturnType<typeof createAdvisorPipeline>;
