/**
 * From the advisor's inputs to everything the steps show. The stages are the shared advisor's
 * (shared/engine/advisor/advise.ts: request → gated plan → strategy → power → suggestions → checks →
 * commands → checklist), the ones the CLI's `advise` call runs; this file only turns the wizard's inputs
 * into the advisor's and memoises each stage on its own inputs, so changing the goal re-plans without
 * re-importing the model, and saving a PSU note re-runs only the power verdict and what follows it.
 */
import { engineCalibration } from '@shared/settings/calibration-file';
import { findModel } from '@shared/catalog/model-lookup';
import {
  checklistFor,
  checksFor,
  commandsFor,
  planFor,
  powerFor,
  requestFor,
  strategyFor,
  suggestionsOf,
  type CommandRequest,
  type RunOptions,
} from '@shared/engine/advisor/advise';
import {
  applicableIdentities,
  MachineInputError,
  resolveMachine,
  type MachineDescription,
} from '@shared/engine/advisor/machine-input';
import type { Checklist } from '@shared/engine/checklist/build-checklist';
import type { Check } from '@shared/engine/checks/check-types';
import type { PowerAssessment } from '@shared/engine/checks/power-rule';
import { findNetwork } from '@shared/engine/cluster';
import type { RenderedCommand } from '@shared/engine/commands/command-types';
import {
  parseVersion,
  type RuntimeVersions,
  type VersionedRuntime,
} from '@shared/engine/commands/flags/runtime-version';
import { GpuIdentityError, UnidentifiedGpuError, unplannableMessage } from '@shared/engine/gpu-identity';
import type { LlamaCppSettings } from '@shared/engine/llama-cpp-memory';
import { gpusOnNode, parseLinkOption, UnknownGpuError, type EngineMachine } from '@shared/engine/machine';
import type { PlanRequest, PlanResult, Strategy } from '@shared/engine/planner/plan-types';
import type { UserNotes } from '@shared/engine/rig-notes';
import type { Suggestion } from '@shared/engine/suggestion-types';
import type { HardwareProfile } from '@shared/hardware/profile';
import { modelFromCatalog } from '@shared/model-import/catalog-model';
import { importHfConfig } from '@shared/model-import/hf-config';
import { ModelImportError } from '@shared/model-import/model-import-error';
import type { EngineModel } from '@shared/model-import/model-weights';
import {
  quantFromKey,
  type AdvisorInputs,
  type LlamaPins,
  type MachineInputs,
  type ModelInputs,
  type NodesInputs,
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
  /** The power rule's verdict for this machine and PSU (the same one `upgrade` and `compare` apply). */
  readonly power: PowerAssessment | null;
  readonly suggestions: readonly Suggestion[];
  readonly checks: readonly Check[];
  readonly commands: readonly RenderedCommand[];
  readonly checklist: Checklist | null;
}

/** What of the nodes inputs shapes the machine (the head's address only reaches the commands). */
export type ClusterInputs = Pick<NodesInputs, 'count' | 'network'>;

const expandCards = (m: MachineInputs): string[] =>
  m.cards.flatMap((c) => Array.from({ length: c.count }, () => c.gpuId));

/** The other machines of a cluster: copies of this one's cards, over the chosen network. */
function clusterOf(nodes: ClusterInputs | null, head: readonly string[]): MachineDescription['cluster'] {
  if (!nodes || nodes.count < 2) return null;
  const network = findNetwork(nodes.network);
  if (!network) return null;
  return { nodes: Array.from({ length: nodes.count - 1 }, () => ({ gpuNames: [...head] })), network };
}

/** The wizard's machine inputs as the advisor's machine description; a string says why there is none. */
export function describeMachine(
  m: MachineInputs,
  scanned: HardwareProfile | null,
  nodes: ClusterInputs | null = null,
): MachineDescription | string {
  const link = m.link ? parseLinkOption(m.link) : null;
  if (m.link && !link) return `"${m.link}" is not a link option.`;
  // Slots and power limits are kept per GPU index as entered; only those for GPUs this machine has apply
  // (the form shows no others, so one left from a larger build could not be removed).
  const common = (indices: readonly number[]) => ({
    customGpus: m.customGpus,
    link,
    slots: m.slots.filter((x) => indices.includes(x.gpuIndex)),
    ramGiB: m.ramGiB,
    ramGBs: m.ramGBs,
    powerLimits: m.powerLimits.filter((x) => indices.includes(x.gpuIndex)),
    // Turned off, the plans are the uncalibrated ones; the runs and logs stay for when it is turned on again.
    calibration: engineCalibration(m.calibration),
  });
  if (m.source === 'catalog') {
    const gpuNames = expandCards(m);
    if (gpuNames.length === 0) return 'Pick at least one GPU from the catalog.';
    return {
      source: { kind: 'catalog', gpuNames },
      ...common(gpuNames.map((_, i) => i)),
      cluster: clusterOf(nodes, gpuNames),
    };
  }
  if (!scanned) return 'The machine has not been read yet.';
  if (scanned.gpus.length === 0)
    return 'The probe saw no GPU on this machine: describe a build with cards from the catalog.';
  // Identities apply only to GPUs this capture did not name: one kept from another capture is not an error.
  return {
    source: { kind: 'profile', profile: scanned },
    identities: applicableIdentities(scanned, m.identities),
    ...common(scanned.gpus.map((g) => g.index)),
  };
}

/** The head's cards as catalog ids, for copies of this machine in a cluster (null when one is not catalogued). */
function catalogIds(machine: EngineMachine): string[] | null {
  const ids = gpusOnNode(machine, 0).map((g) => g.spec?.id ?? null);
  return ids.every((id): id is string => id !== null) ? ids : null;
}

function resolvedWithCluster(d: MachineDescription, nodes: ClusterInputs | null): MachineOutcome {
  const resolved = resolveMachine(d);
  if (d.source.kind !== 'profile' || !nodes || nodes.count < 2) return { ...resolved, error: null };
  const ids = catalogIds(resolved.machine);
  const cluster = ids ? clusterOf(nodes, ids) : null;
  if (!cluster)
    return {
      machine: null,
      profile: resolved.profile,
      error:
        'Several machines need every card of this one in the GPU catalog (the others are planned as copies of it).',
    };
  return { ...resolveMachine({ ...d, cluster }), error: null };
}

/** The machine the plan is for: the scanned one, or the cards picked from the catalog, with the app's words for errors. */
export function machineOf(
  m: MachineInputs,
  scanned: HardwareProfile | null,
  nodes: ClusterInputs | null = null,
): MachineOutcome {
  const d = describeMachine(m, scanned, nodes);
  const profile = m.source === 'catalog' ? null : scanned;
  if (typeof d === 'string') return { machine: null, profile, error: d };
  try {
    return resolvedWithCluster(d, nodes);
  } catch (error) {
    if (error instanceof UnknownGpuError)
      return { machine: null, profile, error: `"${error.message}" is not in the GPU catalog.` };
    if (error instanceof MachineInputError) return { machine: null, profile, error: `${error.message}.` };
    if (error instanceof UnidentifiedGpuError)
      return {
        machine: null,
        profile,
        error: unplannableMessage(
          error.gpus,
          `pick which card ${error.gpus.length === 1 ? 'it' : 'each'} is on the Machine step ("Which card is GPU ${error.gpus[0]?.index ?? 0}?")`,
        ),
      };
    if (error instanceof GpuIdentityError) return { machine: null, profile, error: `${error.message}.` };
    throw error;
  }
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

/** Whether a pinned tensor split has one share per GPU of the machine; the plan says it is not used otherwise. */
export function tensorSplitApplies(split: readonly number[] | null, gpuCount: number): boolean {
  return split !== null && split.length === gpuCount;
}

/**
 * The pins as the advisor takes them: one cache type for K and V, and the split as entered (the
 * planner applies it where llama.cpp would and says so where it does not — as for the CLI's pins).
 */
export function llamaOf(pins: LlamaPins): Partial<LlamaCppSettings> {
  return {
    ...(pins.cacheType ? { cacheTypeK: pins.cacheType, cacheTypeV: pins.cacheType } : {}),
    ...(pins.tensorSplit ? { tensorSplit: pins.tensorSplit } : {}),
  };
}

/** How to run it, as the advisor takes it. */
export function runOf(run: RunInputs): RunOptions {
  return {
    ctx: run.ctx,
    goal: run.goal,
    concurrency: run.concurrency,
    runtime: run.runtime,
    split: run.split,
    llama: llamaOf(run.llamaPins),
    gpuMemoryUtilization: null,
  };
}

/** The plan request, as `advise` builds it for the CLI. */
export function requestOf(
  machine: EngineMachine | null,
  model: EngineModel | null,
  run: RunInputs,
  typedVersions: RuntimeVersions = {},
): PlanRequest | null {
  return machine && model ? requestFor(machine, model, runOf(run), validVersions(typedVersions)) : null;
}

/** The versions typed that are versions of their runtime (one being typed, or mistyped, is left out). */
export function validVersions(typed: RuntimeVersions): RuntimeVersions {
  return Object.fromEntries(
    Object.entries(typed).filter(
      ([r, v]) => v !== undefined && parseVersion(r as VersionedRuntime, v) !== null,
    ),
  );
}

/** What the commands need: the model path, the runtime versions and, for several machines, the head's address. */
export function commandRequestOf(
  path: string,
  nodes: NodesInputs | null,
  typedVersions: RuntimeVersions = {},
): CommandRequest {
  const versions = validVersions(typedVersions);
  return {
    ...(path.trim() ? { modelPath: path.trim() } : {}),
    ...(Object.keys(versions).length ? { versions } : {}),
    ...(nodes?.headAddress.trim() ? { headAddress: nodes.headAddress.trim() } : {}),
    ...(nodes?.workerAddresses?.trim()
      ? { workerAddresses: nodes.workerAddresses.trim().split(/[\s,]+/) }
      : {}),
  };
}

/** Builds a pipeline whose stages remember their last inputs. One per advisor (use-advisor.ts). */
export function createAdvisorPipeline() {
  const machine = memoOne(machineOf);
  // The machine is re-made when the count or the network changes, not when the head's address is typed.
  const cluster = memoOne((count: number | null, network: string | null): ClusterInputs | null =>
    count !== null && network !== null ? { count, network } : null,
  );
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
      // The llama.cpp version typed reaches the plan (what runs, cache sizes); the others only the commands.
      llamaVersion: string | undefined,
    ) =>
      requestOf(
        m,
        e,
        { ctx, goal, concurrency, runtime, split, llamaPins },
        llamaVersion === undefined ? {} : { 'llama.cpp': llamaVersion },
      ),
  );
  const planned = memoOne((r: PlanRequest | null, p: HardwareProfile | null) => (r ? planFor(r, p) : null));
  const strategy = memoOne((res: PlanResult | null, r: PlanRequest | null, id: string | null) =>
    res && r ? strategyFor(res, r, id) : null,
  );
  const power = memoOne((m: EngineMachine | null, p: HardwareProfile | null, n: UserNotes) =>
    m ? powerFor(m, p, n) : null,
  );
  const suggestions = memoOne(
    (
      r: PlanRequest | null,
      p: HardwareProfile | null,
      res: PlanResult | null,
      s: Strategy | null,
      pw: PowerAssessment | null,
    ): readonly Suggestion[] => (r && res && pw ? suggestionsOf(r, p, res, s, pw) : []),
  );
  const checks = memoOne(
    (
      p: HardwareProfile | null,
      r: PlanRequest | null,
      res: PlanResult | null,
      s: Strategy | null,
      n: UserNotes,
      pw: PowerAssessment | null,
      sg: readonly Suggestion[],
    ): readonly Check[] => (r && res && pw ? checksFor(p, r, res, s, n, pw, sg) : []),
  );
  const commandRequest = memoOne(commandRequestOf);
  const commands = memoOne(
    (
      res: PlanResult | null,
      s: Strategy | null,
      r: PlanRequest | null,
      c: CommandRequest,
    ): readonly RenderedCommand[] => (res && r ? commandsFor(res, s, r, c) : []),
  );
  const checklist = memoOne(
    (
      r: PlanRequest | null,
      res: PlanResult | null,
      s: Strategy | null,
      c: readonly Check[],
      cmds: readonly RenderedCommand[],
    ) => (r && res ? checklistFor(r, res, s, c, cmds) : null),
  );
  const output = memoOne(
    (
      m: MachineOutcome,
      e: ModelOutcome,
      r: PlanRequest | null,
      res: PlanResult | null,
      s: Strategy | null,
      pw: PowerAssessment | null,
      sg: readonly Suggestion[],
      c: readonly Check[],
      cmds: readonly RenderedCommand[],
      list: Checklist | null,
    ): AdvisorOutput => ({
      machine: m,
      model: e,
      request: r,
      result: res,
      strategy: s,
      power: pw,
      suggestions: sg,
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
    const m = machine(
      inputs.machine,
      scanned,
      cluster(inputs.nodes?.count ?? null, inputs.nodes?.network ?? null),
    );
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
      inputs.runtimeVersions['llama.cpp'],
    );
    const res = planned(r, m.profile);
    const s = strategy(res, r, inputs.strategyId);
    const pw = power(m.machine, m.profile, notes);
    const sg = suggestions(r, m.profile, res, s, pw);
    const c = checks(m.profile, r, res, s, notes, pw, sg);
    const cmds = commands(res, s, r, commandRequest(inputs.modelPath, inputs.nodes, inputs.runtimeVersions));
    return output(m, e, r, res, s, pw, sg, c, cmds, checklist(r, res, s, c, cmds));
  };
}

export type AdvisorPipeline = ReturnType<typeof createAdvisorPipeline>;
