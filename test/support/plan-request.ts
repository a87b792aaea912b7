/**
 * Tests only: one way to build a plan request and the advice for it, instead of a hand-written
 * PlanRequest literal in every test file. Defaults: Llama 3.1 8B Q4_K_M, 8192 tokens, latency, one
 * request, no pins; a machine from `gpus` (catalog names, 64 GiB RAM) unless one is given.
 */
import { findModel } from '@shared/catalog/model-lookup';
import { findQuant } from '@shared/catalog/quantizations';
import {
  advise,
  DEFAULT_RUN,
  requestFor,
  type Advice,
  type CommandRequest,
  type RunOptions,
} from '@shared/engine/advisor/advise';
import { machineFromNames, type EngineMachine } from '@shared/engine/machine';
import type { PlanRequest } from '@shared/engine/planner/plan-types';
import { EMPTY_USER_NOTES, type UserNotes } from '@shared/engine/rig-notes';
import type { HardwareProfile } from '@shared/hardware/profile';
import { modelFromCatalog } from '@shared/model-import/catalog-model';
import type { EngineModel } from '@shared/model-import/model-weights';

export interface RequestSpec extends Partial<Omit<RunOptions, 'ctx'>> {
  /** The machine; else one built from `gpus`. */
  readonly machine?: EngineMachine;
  /** Catalog GPU names for a machine described by names. */
  readonly gpus?: readonly string[];
  /** RAM of a machine built from `gpus`, GiB (default 64; null = unknown). */
  readonly ramGiB?: number | null;
  /** Catalog model id (default `llama-3.1-8b`) or a model already built. */
  readonly model?: string | EngineModel;
  /** Quantization id for a catalog model (default `Q4_K_M`). */
  readonly quant?: string;
  readonly ctx?: number;
}

/** A catalog model at a quantization; throws with the id when either is not in the catalog. */
export function catalogModel(id: string, quant = 'Q4_K_M'): EngineModel {
  const spec = findModel(id);
  const q = findQuant(quant);
  if (!spec || !q) throw new Error(`not in the catalog: ${spec ? quant : id}`);
  return modelFromCatalog(spec, q);
}

function machineOf(spec: RequestSpec): EngineMachine {
  if (spec.machine) return spec.machine;
  const ram = spec.ramGiB === undefined ? 64 : spec.ramGiB;
  return machineFromNames({ gpuNames: spec.gpus ?? ['RTX 3090'], ramGiB: ram });
}

const modelOf = (spec: RequestSpec): EngineModel =>
  typeof spec.model === 'object' ? spec.model : catalogModel(spec.model ?? 'llama-3.1-8b', spec.quant);

/** How to run it, from the spec (defaults as `DEFAULT_RUN`, context 8192). */
export function runOf(spec: RequestSpec): RunOptions {
  return {
    ...DEFAULT_RUN,
    ...Object.fromEntries(
      Object.entries(spec).filter(([k]) =>
        ['goal', 'concurrency', 'runtime', 'split', 'llama', 'gpuMemoryUtilization', 'depth'].includes(k),
      ),
    ),
    ctx: spec.ctx ?? 8192,
  };
}

/** The plan request the advisor would build for this spec. */
export function planRequest(spec: RequestSpec = {}): PlanRequest {
  return requestFor(machineOf(spec), modelOf(spec), runOf(spec));
}

/** The whole advice for this spec (the profile and notes as given, else none). */
export function adviceFor(
  spec: RequestSpec & {
    profile?: HardwareProfile | null;
    notes?: UserNotes;
    strategyId?: string;
    commands?: CommandRequest;
  },
): Advice {
  return advise({
    machine: machineOf(spec),
    profile: spec.profile ?? null,
    model: modelOf(spec),
    run: runOf(spec),
    notes: spec.notes ?? EMPTY_USER_NOTES,
    strategyId: spec.strategyId ?? null,
    ...(spec.commands ? { commands: spec.commands } : {}),
  });
}
