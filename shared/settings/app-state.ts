/**
 * Where the user left the wizard (step, model, quantization, context, goal, runtime, split, which
 * machine, the slots entered for its cards, the cards named for GPUs a capture did not name, the
 * llama.cpp settings pinned, the runtime versions the user has), kept in settings so the
 * app reopens where it was.
 * `state:set` validates it strictly; reading it back is lenient: a field that no longer validates (an
 * old runtime name, a removed step) is dropped on its own, and the rest of the state, and the
 * settings file, stay.
 */
import { z } from 'zod';
import { CACHE_TYPES, type CacheType } from '../engine/kv-cache';
import { parseVersion, type VersionedRuntime } from '../engine/commands/flags/runtime-version';
import { RUNTIMES, SPLITS } from '../engine/planner/plan-types';
import { machineCalibrationSchema } from './calibration-file';
import { catalogGpuIdSchema, customGpusSchema, gpuIdentitiesSchema, machineIdSchema } from './saved-machine';
import { powerLimitsSchema, slotPlacementsSchema } from './slot-placements-schema';

/** Which machine the wizard works on. */
export const machineSourceSchema = z.discriminatedUnion('kind', [
  /** This computer, scanned live. */
  z.object({ kind: z.literal('scan') }),
  /** A capture folder from another machine, by its display label (the files themselves are not kept). */
  z.object({ kind: z.literal('capture'), label: z.string().max(300) }),
  /** A machine from the saved list. */
  z.object({ kind: z.literal('saved'), machineId: machineIdSchema }),
  /** A build made of catalog GPUs, one id per card. */
  z.object({ kind: z.literal('planned'), gpus: z.array(catalogGpuIdSchema).min(1).max(64) }),
]);
export type MachineSource = z.infer<typeof machineSourceSchema>;

/**
 * `--tensor-split` shares, one per GPU in index order: non-negative, at any scale (3,1 or 0.75,0.25),
 * not all zero — what llama.cpp takes and the CLI's `--tensor-split` checks.
 */
export const tensorSplitSchema = z
  .array(z.number().min(0, 'a share cannot be negative').max(1_000_000, 'a share is at most 1000000'))
  .min(1, 'give at least one share')
  .max(64, 'at most 64 shares, one per GPU')
  .refine((shares) => shares.some((x) => x > 0), 'at least one share must be above 0');

/** llama.cpp settings the user pinned on the Strategy step; null = the planner chooses. */
export const llamaPinsSchema = z.strictObject({
  /** KV cache type for K and V (`-ctk`/`-ctv`): f16, q8_0, q4_0, …. */
  cacheType: z.enum(CACHE_TYPES as [CacheType, ...CacheType[]]).nullable(),
  tensorSplit: tensorSplitSchema.nullable(),
});

/** One runtime's version as its users write it (`b6000`, `0.11.0`, a TabbyAPI commit date). */
const versionOf = (runtime: VersionedRuntime) =>
  z
    .string()
    .max(40)
    .refine((v) => parseVersion(runtime, v) !== null, `not a ${runtime} version`)
    .optional();

/** The runtime versions the user has, per runtime (the commands are adapted to them). */
export const runtimeVersionsSchema = z.strictObject({
  'llama.cpp': versionOf('llama.cpp'),
  vllm: versionOf('vllm'),
  sglang: versionOf('sglang'),
  ollama: versionOf('ollama'),
  tabbyapi: versionOf('tabbyapi'),
});

/** Each field of the state with its own schema, so one bad field can be dropped alone. */
/** A number within one of the custom-GPU ranges. */
export const APP_STATE_FIELDS = {
  /** Wizard step id, e.g. `machine`, `model`, `plan`, `commands`, `checklist`. */
  step: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a step id is lower-case letters, digits and -'),
  /** Catalog model id (`llama-3.1-70b`), or null when none is chosen. */
  modelId: z.string().max(200).nullable(),
  /** Absolute path of an imported model file (desktop app only), or null. */
  modelFile: z.string().max(4096).nullable(),
  /** Quantization id or alias (`Q4_K_M`, `awq`, `4.0bpw`), or null for the model's own. */
  quant: z
    .string()
    .regex(/^[A-Za-z0-9._+-]{1,40}$/, 'not a quantization id')
    .nullable(),
  /** Context per request, tokens. */
  ctx: z.number().int().min(1).max(10_000_000),
  /** Parallel requests the server should hold. */
  concurrency: z.number().int().min(1).max(4096),
  goal: z.enum(['latency', 'throughput', 'context']),
  /** Runtime the user pinned, or null to let the planner choose. */
  runtime: z.enum(RUNTIMES).nullable(),
  split: z.enum([...SPLITS, 'auto']),
  machineSource: machineSourceSchema,
  /** Where each card sits, as entered on the Machine step: at most one entry per GPU. */
  slots: slotPlacementsSchema,
  /** Which catalog card each scanned GPU is that the capture did not name: at most one entry per GPU. */
  identities: gpuIdentitiesSchema,
  llamaPins: llamaPinsSchema,
  /** Power limits the user set per GPU, W. */
  powerLimits: powerLimitsSchema,
  /** Cards the catalog lacks, as the user described them (the ranges catalog/custom-gpu.ts checks). */
  customGpus: customGpusSchema,
  /** The machine's measured runs and whether its plans use them. */
  calibration: machineCalibrationSchema,
  /** Several machines like this one (count ≥ 2), the network between them and this machine's address. */
  nodes: z
    .strictObject({
      count: z.number().int().min(2).max(64),
      network: z.string().regex(/^[a-z0-9.-]{1,20}$/, 'a network id'),
      headAddress: z.string().max(200),
      /** The other machines' addresses, in order, as typed (commas or spaces between them). */
      workerAddresses: z.string().max(2000).optional(),
    })
    .nullable(),
  runtimeVersions: runtimeVersionsSchema,
} as const;

/** `state:set` input: every field optional, unknown fields refused (a typo shows at once). */
export const appStateSchema = z.strictObject(APP_STATE_FIELDS).partial();
export type AppState = z.infer<typeof appStateSchema>;

/** The stored state, field by field: what validates is kept, the names of the rest are returned. */
export function parseAppState(raw: unknown): { readonly state: AppState; readonly dropped: string[] } {
  if (raw === null || raw === undefined) return { state: {}, dropped: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { state: {}, dropped: ['(all of it)'] };
  const state: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const schema = (APP_STATE_FIELDS as Record<string, z.ZodType>)[key];
    const parsed = schema?.safeParse(value);
    if (parsed?.success) state[key] = parsed.data;
    else dropped.push(key);
  }
  return { state: state as AppState, dropped };
}
