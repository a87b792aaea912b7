/**
 * Saved machines: a scanned profile or a planned build (catalog GPUs), with the user's PSU/case notes.
 * They live in the settings file, and travel as a machine file (`{ format: 'rig-advisor-machine',
 * version: 1, machine }`) so a machine can be saved on one computer and opened on another.
 */
import { z } from 'zod';
import { CUSTOM_GPU_LIMITS } from '../catalog/custom-gpu';
import { hardwareProfileSchema } from '../hardware/profile-schema';
import { machineCalibrationSchema } from './calibration-file';
import { userNotesSchema } from './settings-schema';
import { powerLimitsSchema, slotPlacementsSchema } from './slot-placements-schema';

/** Most machines the settings file keeps (each scanned one holds a whole profile, tens of KiB). */
export const MAX_SAVED_MACHINES = 100;
/** Largest machine file accepted, characters (a 16-GPU profile is well under 1 MB). */
export const MAX_MACHINE_FILE_CHARS = 5 * 1024 * 1024;
export const MACHINE_FILE_FORMAT = 'rig-advisor-machine';
export const MACHINE_FILE_VERSION = 1;

export const machineIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a machine id is 1–64 letters, digits, - or _');

/** Catalog GPU id, e.g. `rtx-3090` (see shared/catalog/gpus). */
export const catalogGpuIdSchema = z.string().regex(/^[a-z0-9][a-z0-9.+-]{0,79}$/, 'not a catalog GPU id');

/**
 * Which catalog card each scanned GPU is that the capture did not name, as the user said
 * (shared/engine/gpu-identity.ts): at most one entry per GPU.
 */
export const gpuIdentitiesSchema = z
  .array(
    z
      .strictObject({
        gpuIndex: z.number().int().min(0).max(63),
        gpuId: catalogGpuIdSchema,
        /** The GPU whose pick this one follows ("same card as GPU n"); absent in older states and files. */
        sameAs: z.number().int().min(0).max(63).optional(),
      })
      .refine((i) => i.sameAs !== i.gpuIndex, 'a GPU cannot follow itself'),
  )
  .max(64)
  .refine((list) => new Set(list.map((i) => i.gpuIndex)).size === list.length, 'one entry per GPU');

const customLimit = (key: keyof typeof CUSTOM_GPU_LIMITS) =>
  z.number().min(CUSTOM_GPU_LIMITS[key].range[0]).max(CUSTOM_GPU_LIMITS[key].range[1]);

/** Cards the catalog lacks, as the user described them (the ranges catalog/custom-gpu.ts checks). */
export const customGpusSchema = z
  .array(
    z.strictObject({
      name: z.string().min(1).max(80),
      vramGiB: customLimit('vramGiB'),
      bandwidthGBs: customLimit('bandwidthGBs'),
      boardPowerW: customLimit('boardPowerW'),
      fp16Tflops: customLimit('fp16Tflops').nullable().optional(),
      pcie: z
        .strictObject({
          gen: z.number().int().min(1).max(6),
          lanes: z.number().int().min(1).max(16),
        })
        .nullable()
        .optional(),
      hbm: z.boolean().optional(),
    }),
  )
  .max(16);

const savedMachineFields = {
  /** Display name the user gave it. */
  name: z.string().trim().min(1, 'the machine needs a name').max(200),
  /** `scanned`: a real machine's profile; `planned`: a build made of catalog GPUs. */
  kind: z.enum(['scanned', 'planned']),
  /** The scanned profile (required for `scanned`). */
  profile: hardwareProfileSchema.optional(),
  /** Catalog GPU ids of a planned build, one entry per card (required for `planned`). */
  gpus: z.array(catalogGpuIdSchema).min(1).max(64).optional(),
  /** PSU and case notes that belong to this machine. */
  notes: userNotesSchema,
  /** Where its cards sit, as entered on the Machine step (absent in files from before slots existed). */
  slots: slotPlacementsSchema.optional(),
  /** Which card each GPU is that its capture did not name (absent in files from before identities existed). */
  identities: gpuIdentitiesSchema.optional(),
  /** Power limits set on its cards, W (absent in files from before power limits existed). */
  powerLimits: powerLimitsSchema.optional(),
  /**
   * Its cards the catalog lacks, by their numbers (a build's `custom-…` ids, or scanned GPUs described
   * by hand), so the machine plans the same on another computer (absent in older files).
   */
  customGpus: customGpusSchema.optional(),
  /** Its measured runs, which calibrate its plans (absent in files from before calibration existed). */
  calibration: machineCalibrationSchema.optional(),
};

type KindCheck = { kind: 'scanned' | 'planned'; profile?: unknown; gpus?: unknown };
const kindHasItsData = (m: KindCheck): boolean =>
  m.kind === 'scanned' ? m.profile !== undefined : m.gpus !== undefined;
const kindMessage = {
  message: 'a scanned machine needs its profile, a planned one its list of GPUs',
};

export const savedMachineSchema = z
  .object({
    id: machineIdSchema,
    /** ISO time it was last saved. */
    savedAt: z.iso.datetime(),
    ...savedMachineFields,
  })
  .refine(kindHasItsData, kindMessage);
export type SavedMachine = z.infer<typeof savedMachineSchema>;

/** What `machines:save` takes: an `id` updates that machine, none (or an unknown one) adds a new one. */
export const saveMachineInputSchema = z
  .object({ id: machineIdSchema.optional(), ...savedMachineFields })
  .refine(kindHasItsData, kindMessage);
export type SaveMachineInput = z.input<typeof saveMachineInputSchema>;

export const machineFileSchema = z.object({
  format: z.literal(MACHINE_FILE_FORMAT),
  version: z.literal(MACHINE_FILE_VERSION),
  machine: savedMachineSchema,
});
export type MachineFile = z.infer<typeof machineFileSchema>;

/** The text of a machine file, pretty-printed so it diffs and mails well. */
export function machineFileText(machine: SavedMachine): string {
  const file: MachineFile = { format: MACHINE_FILE_FORMAT, version: MACHINE_FILE_VERSION, machine };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A file name for a machine: `<name>.rig-machine.json`, with only safe characters. */
export function machineFileName(machine: Pick<SavedMachine, 'name'>): string {
  const base = machine.name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._ -]+/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 80);
  return `${base || 'machine'}.rig-machine.json`;
}

/** A machine file that cannot be opened; `message` is one line for the user. */
export class MachineFileError extends Error {
  override readonly name = 'MachineFileError';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** Parses and validates a machine file; throws `MachineFileError` saying what is wrong. */
export function parseMachineFile(text: string): SavedMachine {
  if (text.length > MAX_MACHINE_FILE_CHARS)
    throw new MachineFileError(`This machine file is over ${MAX_MACHINE_FILE_CHARS / 2 ** 20} MiB.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MachineFileError(`This is not a machine file: it is not valid JSON (${reason}).`);
  }
  const head = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (head.format !== MACHINE_FILE_FORMAT)
    throw new MachineFileError(
      `This is not a Rig Advisor machine file (its "format" is ${JSON.stringify(head.format) ?? 'missing'}, expected "${MACHINE_FILE_FORMAT}").`,
    );
  if (head.version !== MACHINE_FILE_VERSION)
    throw new MachineFileError(
      `This machine file has version ${JSON.stringify(head.version) ?? 'missing'}; this Rig Advisor reads version ${MACHINE_FILE_VERSION}${typeof head.version === 'number' && head.version > MACHINE_FILE_VERSION ? ' (it was made by a newer Rig Advisor)' : ''}.`,
    );
  const parsed = machineFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new MachineFileError(
      `This machine file is damaged: ${first ? describeIssue(first) : 'invalid'}.`.replace(/\s+/g, ' '),
    );
  }
  return parsed.data.machine;
}

/**
 * Largest saved machine kept, characters of its JSON. A 16-GPU profile is well under 1 MB and 400
 * measured runs are ~200 KB; without a bound, 100 imports of a 4.9 MB file made a 492 MB settings file.
 */
export const MAX_SAVED_MACHINE_CHARS = 2 * 1024 * 1024;

/** A size for the user, e.g. `2.5 MiB`. */
export const formatMiB = (chars: number): string => `${(chars / 2 ** 20).toFixed(1)} MiB`;

/** Why a machine of `chars` characters is refused, or null when it fits. */
function machineSizeProblem(chars: number): string | null {
  return chars > MAX_SAVED_MACHINE_CHARS
    ? `it takes ${formatMiB(chars)}, over the ${MAX_SAVED_MACHINE_CHARS / 2 ** 20} MiB a saved machine may take`
    : null;
}

/** A stored entry that was not kept, and why; the caller keeps it somewhere, it is never just dropped. */
export interface RejectedMachine {
  /** Its place in the stored list. */
  readonly index: number;
  /** One line: why it was not kept. */
  readonly reason: string;
  /** The entry exactly as it was stored. */
  readonly value: unknown;
}

export interface SalvagedMachines {
  /** The machines that validate, parsed. */
  readonly machines: SavedMachine[];
  /** The same machines as they were stored (fields a newer version added survive a rewrite). */
  readonly kept: unknown[];
  readonly rejected: RejectedMachine[];
  /** `room.usedChars` plus what the kept machines take. */
  readonly usedChars: number;
}

function checkStoredMachine(value: unknown): { machine: SavedMachine; chars: number } | string {
  const parsed = savedMachineSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return first ? describeIssue(first).replace(/\s+/g, ' ') : 'invalid';
  }
  const chars = JSON.stringify(value).length;
  return machineSizeProblem(chars) ?? { machine: parsed.data, chars };
}

/** Why a valid machine still has no place in the list, or null when it has one. */
function whyNoPlace(
  machine: SavedMachine,
  chars: number,
  kept: readonly SavedMachine[],
  room: { readonly usedChars: number; readonly limitChars: number },
): string | null {
  if (kept.some((m) => m.id === machine.id)) return 'an earlier saved machine has the same id';
  if (kept.length >= MAX_SAVED_MACHINES)
    return `it is past the ${MAX_SAVED_MACHINES} saved machines Rig Advisor keeps`;
  if (room.usedChars + chars + 1 > room.limitChars)
    return `with it the settings would be over ${room.limitChars / 2 ** 20} MiB`;
  return null;
}

/**
 * The stored list, each machine checked on its own, so one from a newer version (a `kind` this one
 * does not know) or one half-written costs only itself. Also not kept: a repeated id, machines past
 * MAX_SAVED_MACHINES, and those that would take the settings past `room.limitChars` when the rest of
 * the settings already take `room.usedChars` (characters of JSON).
 */
export function salvageSavedMachines(
  stored: readonly unknown[],
  room: { readonly usedChars: number; readonly limitChars: number } = { usedChars: 0, limitChars: Infinity },
): SalvagedMachines {
  const result = { machines: [] as SavedMachine[], kept: [] as unknown[], rejected: [] as RejectedMachine[] };
  let usedChars = room.usedChars + 2; // the list's brackets
  for (const [index, value] of stored.entries()) {
    const checked = checkStoredMachine(value);
    if (typeof checked === 'string') {
      result.rejected.push({ index, reason: checked, value });
      continue;
    }
    const noPlace = whyNoPlace(checked.machine, checked.chars, result.machines, { ...room, usedChars });
    if (noPlace !== null) {
      result.rejected.push({ index, reason: noPlace, value });
      continue;
    }
    usedChars += checked.chars + 1; // and a comma
    result.machines.push(checked.machine);
    result.kept.push(value);
  }
  return { ...result, usedChars };
}
