/**
 * The advisor's inputs in one place — which machine, which model, how to run it, which strategy the
 * later steps follow — and the reducer that changes them. Everything shown is derived from these by
 * the advisor pipeline (advisor-pipeline.ts); components never keep copies.
 */
import type { RuntimeVersions, VersionedRuntime } from '@shared/engine/commands/flags/runtime-version';
import { findQuant } from '@shared/catalog/quantizations';
import type { QuantFormat, QuantSpec } from '@shared/catalog/types';
import { defaultQuantId } from '@shared/engine/planner/defaults';
import type { CacheType } from '@shared/engine/kv-cache';
import type { EngineModel } from '@shared/model-import/model-weights';
import type { Goal, Runtime, SplitMode } from '@shared/engine/planner/plan-types';
import { withIdentity, type GpuIdentity } from '@shared/engine/gpu-identity';
import { isEmptyPlacement, type SlotPlacement } from '@shared/engine/slot-placement';
import type { PowerLimitEntry } from '@shared/engine/machine';
import type { CustomGpuEntry } from '@shared/catalog/custom-gpu';
import type { MachineCalibration } from '@shared/settings/calibration-file';

/** One catalog card of a build that does not exist yet, and how many of it. */
export interface CatalogCard {
  readonly gpuId: string;
  readonly count: number;
}

export interface MachineInputs {
  /** `scan`: the scanned (or opened) machine; `catalog`: cards picked from the GPU catalog. */
  readonly source: 'scan' | 'catalog';
  readonly cards: readonly CatalogCard[];
  /** Link between the cards as `parseLinkOption` reads it (`nvlink`, `pcie4x8`); '' = as detected. */
  readonly link: string;
  /** System RAM, GiB (replaces the scanned size when given). */
  readonly ramGiB: number | null;
  /** System RAM bandwidth for CPU offload, GB/s. */
  readonly ramGBs: number | null;
  /**
   * Where each card sits, as entered, by GPU index (of the scanned machine or the build — whichever
   * is planned). Entered values win over the measured link; an entry for a GPU the machine lacks is
   * kept but unused, so switching between the scan and a build does not lose it.
   */
  readonly slots: readonly SlotPlacement[];
  /**
   * Which catalog card each scanned GPU is that the capture did not name, as the user said, by GPU
   * index. Used only for such GPUs (advisor-pipeline.ts), so one left from another capture is harmless.
   */
  readonly identities: readonly GpuIdentity[];
  /** Power limits the user set, W, by GPU index (they win over the measured ones). */
  readonly powerLimits: readonly PowerLimitEntry[];
  /**
   * Cards the catalog lacks, described by their numbers: a build lists them by id (`custom-…`), a
   * scanned GPU of the same name is planned with them.
   */
  readonly customGpus: readonly CustomGpuEntry[];
  /**
   * This machine's measured runs (Strategy step, "Measured on your rig") and whether its plans use them.
   * They belong to this machine: cleared when another one replaces it, saved with it.
   */
  readonly calibration: MachineCalibration;
}

export const NO_CALIBRATION: MachineCalibration = { enabled: true, points: [] };

export type ModelInputs =
  | { readonly kind: 'catalog'; readonly id: string }
  | {
      /** A transformers config.json the user picked, already parsed. */
      readonly kind: 'config';
      readonly label: string;
      readonly config: unknown;
    }
  | {
      /** A GGUF read by the desktop app (`importModelFile`): it carries its own tensor types. */
      readonly kind: 'file';
      readonly label: string;
      readonly path: string;
      readonly model: EngineModel;
      readonly notes: readonly string[];
    };

/** llama.cpp settings the user pinned; null = the planner chooses. */
export interface LlamaPins {
  /** KV cache type for both K and V (`-ctk` / `-ctv`). */
  readonly cacheType: CacheType | null;
  /**
   * `--tensor-split` shares, one per GPU in index order (any scale: 3,1 = three quarters on GPU 0).
   * Kept as entered even when the machine has another number of GPUs; the pipeline then ignores it.
   */
  readonly tensorSplit: readonly number[] | null;
}

export const NO_LLAMA_PINS: LlamaPins = { cacheType: null, tensorSplit: null };

/** Several machines with the same GPUs; the head is this one. */
export interface NodesInputs {
  readonly count: number;
  readonly headAddress: string;
  /** Network id between them (`10gbe`, `ib-hdr`… as in shared/engine/cluster.ts). */
  readonly network: string;
  /** The other machines' addresses, in order, as typed (commas or spaces between them). */
  readonly workerAddresses?: string;
}

export interface AdvisorInputs {
  readonly machine: MachineInputs;
  readonly model: ModelInputs | null;
  /** `format:id` of the quantization; null = the checkpoint's own (config.json) or the file's (GGUF). */
  readonly quantKey: string | null;
  /** Context per request, tokens; null = the default for the model. */
  readonly ctx: number | null;
  readonly goal: Goal;
  /** Requests served at once. */
  readonly concurrency: number;
  readonly runtime: Runtime | null;
  readonly split: SplitMode | 'auto';
  /** llama.cpp settings pinned on the Strategy step. */
  readonly llamaPins: LlamaPins;
  /** Strategy the user picked in the Strategy step; null = the advisor's choice. */
  readonly strategyId: string | null;
  /** Model file or folder the commands load (empty = a placeholder with a note). */
  readonly modelPath: string;
  /** Multi-node commands as well, when set. */
  readonly nodes: NodesInputs | null;
  /** The runtime versions the user has, as typed (the commands use only those that parse). */
  readonly runtimeVersions: RuntimeVersions;
}

export const INITIAL_INPUTS: AdvisorInputs = {
  machine: {
    source: 'scan',
    cards: [],
    link: '',
    ramGiB: null,
    ramGBs: null,
    slots: [],
    identities: [],
    powerLimits: [],
    customGpus: [],
    calibration: NO_CALIBRATION,
  },
  model: null,
  quantKey: 'gguf:Q4_K_M',
  ctx: null,
  goal: 'latency',
  concurrency: 1,
  runtime: null,
  split: 'auto',
  llamaPins: NO_LLAMA_PINS,
  strategyId: null,
  modelPath: '',
  nodes: null,
  runtimeVersions: {},
};

export const quantKey = (q: Pick<QuantSpec, 'id' | 'format'>): string => `${q.format}:${q.id}`;

/** The quantization a key names, or undefined. */
export function quantFromKey(key: string): QuantSpec | undefined {
  const at = key.indexOf(':');
  return at < 0 ? findQuant(key) : findQuant(key.slice(at + 1), key.slice(0, at) as QuantFormat);
}

export type AdvisorAction =
  | { readonly type: 'machine'; readonly patch: Partial<MachineInputs> }
  /** One GPU's slot as entered; an entry with nothing entered removes that GPU's. */
  | { readonly type: 'slot'; readonly placement: SlotPlacement }
  /**
   * Which catalog card a scanned GPU is (the capture did not name it); null forgets it. `alsoFor`: the
   * identical GPUs that take the same card and follow this one ("same card for GPUs …").
   */
  | {
      readonly type: 'identity';
      readonly gpuIndex: number;
      readonly gpuId: string | null;
      readonly alsoFor?: readonly number[];
    }
  /** One GPU's power limit as entered, W; null removes it. */
  | { readonly type: 'powerLimit'; readonly gpuIndex: number; readonly watts: number | null }
  | { readonly type: 'model'; readonly model: ModelInputs | null }
  | { readonly type: 'quant'; readonly key: string | null }
  | { readonly type: 'ctx'; readonly ctx: number | null }
  | { readonly type: 'goal'; readonly goal: Goal }
  | { readonly type: 'concurrency'; readonly concurrency: number }
  | { readonly type: 'runtime'; readonly runtime: Runtime | null }
  | { readonly type: 'split'; readonly split: SplitMode | 'auto' }
  /** Pins or unpins llama.cpp settings; the fields left out stay as they are. */
  | { readonly type: 'llamaPins'; readonly patch: Partial<LlamaPins> }
  | { readonly type: 'strategy'; readonly id: string | null }
  | { readonly type: 'modelPath'; readonly path: string }
  /** The version of one runtime the user has; empty forgets it. */
  | { readonly type: 'runtimeVersion'; readonly runtime: VersionedRuntime; readonly version: string }
  | { readonly type: 'nodes'; readonly nodes: NodesInputs | null };

/** The slots with this GPU's entry replaced (or removed when empty), in GPU order. */
function withSlot(slots: readonly SlotPlacement[], placement: SlotPlacement): SlotPlacement[] {
  const others = slots.filter((s) => s.gpuIndex !== placement.gpuIndex);
  const next = isEmptyPlacement(placement) ? others : [...others, placement];
  return next.sort((a, b) => a.gpuIndex - b.gpuIndex);
}

const defaultKey = (runtime: Runtime | null): string | null => {
  const q = findQuant(defaultQuantId(runtime));
  return q ? quantKey(q) : null;
};

/** A quantization the pinned runtime can load: the current one if it can, else the runtime's default. */
function quantForRuntime(
  key: string | null,
  runtime: Runtime | null,
  model: ModelInputs | null,
): string | null {
  if (runtime === null) return key;
  const current = key ? quantFromKey(key) : undefined;
  if (current?.runtimes.includes(runtime)) return key;
  if (!current && model && model.kind !== 'catalog') return key;
  return defaultKey(runtime) ?? key;
}

/** Changes that re-plan; the picked strategy goes back to the advisor's choice. */
function replan(state: AdvisorInputs, action: AdvisorAction): AdvisorInputs {
  switch (action.type) {
    case 'machine': {
      // Slots are entered per GPU index of the machine on screen: switching between the scanned machine
      // and the catalog build would put one machine's entries on the other's cards, so they are cleared
      // (unless the patch brings its own, as opening a saved machine does).
      const switched = action.patch.source !== undefined && action.patch.source !== state.machine.source;
      const slots = switched && action.patch.slots === undefined ? { slots: [], powerLimits: [] } : {};
      return { ...state, machine: { ...state.machine, ...action.patch, ...slots } };
    }
    case 'slot':
      return {
        ...state,
        machine: { ...state.machine, slots: withSlot(state.machine.slots, action.placement) },
      };
    case 'identity':
      return {
        ...state,
        machine: {
          ...state.machine,
          identities: withIdentity(
            state.machine.identities,
            action.gpuIndex,
            action.gpuId,
            action.alsoFor ?? [],
          ),
        },
      };
    case 'powerLimit': {
      const others = state.machine.powerLimits.filter((l) => l.gpuIndex !== action.gpuIndex);
      const powerLimits =
        action.watts === null ? others : [...others, { gpuIndex: action.gpuIndex, watts: action.watts }];
      return {
        ...state,
        machine: { ...state.machine, powerLimits: powerLimits.sort((a, b) => a.gpuIndex - b.gpuIndex) },
      };
    }
    case 'model': {
      // A config.json starts from its checkpoint's own format; a catalog model needs a quantization.
      if (action.model && action.model.kind !== 'catalog')
        return { ...state, model: action.model, quantKey: null };
      return { ...state, model: action.model, quantKey: state.quantKey ?? defaultKey(state.runtime) };
    }
    case 'quant':
      return { ...state, quantKey: action.key };
    case 'ctx':
      return { ...state, ctx: action.ctx };
    case 'goal':
      return { ...state, goal: action.goal };
    case 'concurrency':
      return { ...state, concurrency: Math.max(1, Math.round(action.concurrency)) };
    case 'runtime':
      return {
        ...state,
        runtime: action.runtime,
        quantKey: quantForRuntime(state.quantKey, action.runtime, state.model),
      };
    case 'split':
      return { ...state, split: action.split };
    default:
      return state;
  }
}

export function advisorReducer(state: AdvisorInputs, action: AdvisorAction): AdvisorInputs {
  switch (action.type) {
    case 'strategy':
      return { ...state, strategyId: action.id };
    case 'modelPath':
      return { ...state, modelPath: action.path };
    // Only the commands change: the plan and the pick stay.
    case 'runtimeVersion': {
      const { [action.runtime]: _old, ...rest } = state.runtimeVersions;
      const version = action.version.trim();
      return { ...state, runtimeVersions: version ? { ...rest, [action.runtime]: version } : rest };
    }
    // Several machines change the plan: the strategies over all of them, and the network in the speed.
    // The head's address only reaches the commands: the pick stays.
    case 'nodes': {
      const [before, after] = [state.nodes, action.nodes];
      const same = before?.count === after?.count && before?.network === after?.network;
      return { ...state, nodes: action.nodes, strategyId: same ? state.strategyId : null };
    }
    // Re-plans but keeps the pick: the pins tune the strategy the user is looking at (a pick the new
    // plan lacks falls back to the advisor's choice in the pipeline).
    case 'llamaPins':
      return { ...state, llamaPins: { ...state.llamaPins, ...action.patch } };
    default: {
      const next = replan(state, action);
      return next === state ? state : { ...next, strategyId: null };
    }
  }
}
