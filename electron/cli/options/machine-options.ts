/**
 * Machine options shared by `plan` and the advisor commands: `--replay DIR`, `--profile FILE`
 * (a saved `scan --json`), or repeated `--gpu NAME` with `--link`, `--ram-gib`, `--ram-gbps`; and
 * with any of them, repeated `--slot GPU:WHERE[:LINK]` for where each card sits (slot-placement.ts).
 * With a scanned machine, repeated `--gpu-model GPU=NAME` says which card a GPU is that the capture
 * did not name (gpu-identity.ts).
 */
import { readFile } from 'node:fs/promises';
import { closestGpus, findGpu } from '@shared/catalog/gpu-lookup';
import {
  GpuIdentityError,
  UnidentifiedGpuError,
  unplannableMessage,
  type GpuIdentity,
} from '@shared/engine/gpu-identity';
import { mergeProfile } from '@shared/hardware/merge/merge-profile';
import type { HardwareProfile } from '@shared/hardware/profile';
import {
  machineFromNames,
  machineFromProfile,
  parseLinkOption,
  UnknownGpuError,
  type EngineMachine,
} from '@shared/engine/machine';
import { parseSlotOption, placementProblems, type SlotPlacement } from '@shared/engine/slot-placement';
import { readCaptureDir } from '../../probe/capture-dir';
import { CliUsageError } from '../cli-error';

export interface MachineOptionValues {
  readonly replay?: string;
  readonly profile?: string;
  readonly gpu?: readonly string[];
  readonly link?: string;
  readonly slot?: readonly string[];
  readonly 'gpu-model'?: readonly string[];
  readonly 'ram-gib'?: string;
  readonly 'ram-gbps'?: string;
}

export const MACHINE_OPTIONS = {
  replay: { type: 'string' },
  profile: { type: 'string' },
  gpu: { type: 'string', multiple: true },
  link: { type: 'string' },
  slot: { type: 'string', multiple: true },
  'gpu-model': { type: 'string', multiple: true },
  'ram-gib': { type: 'string' },
  'ram-gbps': { type: 'string' },
} as const;

export function positiveNumber(raw: string | undefined, flag: string): number | null {
  if (raw === undefined) return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new CliUsageError(`${flag} must be a positive number, not "${raw}"`);
  return n;
}

async function readProfile(path: string): Promise<HardwareProfile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(
      `cannot read --profile ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    const profile = JSON.parse(text) as HardwareProfile;
    if (!Array.isArray(profile.gpus)) throw new Error('no gpus array');
    return profile;
  } catch (error) {
    throw new CliUsageError(
      `--profile ${path} is not a saved \`scan --json\` profile (${(error as Error).message})`,
    );
  }
}

const SLOT_USAGE =
  '--slot takes GPU:cpu|chipset[:GENxWIDTH], e.g. 1:chipset:4x4 (GPU 1 in a chipset Gen4 x4 slot), 0:cpu:5x16, 1:x8';

/** `--slot` values, each understood; checked against the machine's GPUs by `requireSlotGpus`. */
function slotsFromOptions(raw: readonly string[] | undefined): SlotPlacement[] {
  return (raw ?? []).map((text) => {
    const placement = parseSlotOption(text);
    if (!placement) throw new CliUsageError(`${SLOT_USAGE} (got "${text}")`);
    return placement;
  });
}

function requireSlotGpus(slots: readonly SlotPlacement[], gpuIndices: readonly number[]): void {
  const [problem] = placementProblems(slots, gpuIndices);
  if (problem) throw new CliUsageError(`--slot: ${problem}`);
}

const GPU_MODEL_USAGE = '--gpu-model takes GPU=NAME, e.g. 0="RTX 3090" (GPU 0 is a GeForce RTX 3090)';

/** `--gpu-model GPU=NAME` values, each name resolved like `--gpu NAME`. */
function identitiesFromOptions(raw: readonly string[] | undefined): GpuIdentity[] {
  return (raw ?? []).map((text) => {
    const m = /^\s*(\d{1,2})\s*=\s*(.*\S)\s*$/.exec(text);
    if (!m) throw new CliUsageError(`${GPU_MODEL_USAGE} (got "${text}")`);
    const name = m[2] ?? '';
    const spec = findGpu(name);
    if (!spec) {
      const near = closestGpus(name, 5).map((g) => g.name);
      throw new CliUsageError(`--gpu-model: unknown GPU "${name}"; closest: ${near.join(', ')}`);
    }
    return { gpuIndex: Number(m[1]), gpuId: spec.id };
  });
}

/** The scanned machine, with the CLI's words for a GPU the capture did not name or an identity that cannot apply. */
function machineOfProfile(
  profile: HardwareProfile,
  options: Parameters<typeof machineFromProfile>[1],
): EngineMachine {
  try {
    return machineFromProfile(profile, options);
  } catch (error) {
    if (error instanceof GpuIdentityError) throw new CliUsageError(`--gpu-model: ${error.message}`);
    if (error instanceof UnidentifiedGpuError)
      throw new CliUsageError(
        unplannableMessage(
          error.gpus,
          `say which card each is with ${error.gpus
            .filter((g) => g.canIdentify)
            .map((g) => `--gpu-model ${g.index}=NAME`)
            .join(' ')} (NAME as for --gpu, e.g. "RTX 3090")`,
        ),
      );
    throw error;
  }
}

export async function machineFromOptions(v: MachineOptionValues): Promise<EngineMachine> {
  return (await machineAndProfileFromOptions(v)).machine;
}

/** The machine, and the scanned profile behind it when there is one (`--replay`, `--profile`). */
export async function machineAndProfileFromOptions(
  v: MachineOptionValues,
): Promise<{ machine: EngineMachine; profile: HardwareProfile | null }> {
  const link = v.link === undefined ? null : parseLinkOption(v.link);
  if (v.link !== undefined && !link)
    throw new CliUsageError(`--link must be nvlink or pcieGxW like pcie4x16, pcie3x8 (got "${v.link}")`);
  const ramGBs = positiveNumber(v['ram-gbps'], '--ram-gbps');
  const slots = slotsFromOptions(v.slot);
  const identities = identitiesFromOptions(v['gpu-model']);
  const sources = [v.replay, v.profile, v.gpu?.length ? 'gpu' : undefined].filter(Boolean);
  if (sources.length !== 1)
    throw new CliUsageError(
      'describe the machine with exactly one of --replay DIR, --profile FILE or --gpu NAME (repeatable)',
    );
  if (v.gpu?.length) {
    if (identities.length > 0)
      throw new CliUsageError(
        '--gpu-model names GPUs of a --replay or --profile machine that the capture did not name; --gpu already names each card',
      );
    requireSlotGpus(
      slots,
      v.gpu.map((_, i) => i),
    );
    try {
      const machine = machineFromNames({
        gpuNames: v.gpu,
        link,
        slots,
        ramGiB: positiveNumber(v['ram-gib'], '--ram-gib'),
        ramGBs,
      });
      return { machine, profile: null };
    } catch (error) {
      if (!(error instanceof UnknownGpuError)) throw error;
      const near = closestGpus(error.message, 5).map((g) => g.name);
      throw new CliUsageError(`unknown GPU "${error.message}"; closest: ${near.join(', ')}`);
    }
  }
  const profile = v.replay
    ? mergeProfile(await readCaptureDir(v.replay))
    : await readProfile(v.profile as string);
  if (profile.gpus.length === 0)
    throw new CliUsageError('that machine has no GPU the probe could see; describe one with --gpu NAME');
  requireSlotGpus(
    slots,
    profile.gpus.map((g) => g.index),
  );
  const machine = machineOfProfile(profile, { link, ramGBs, slots, identities });
  const ramGiB = positiveNumber(v['ram-gib'], '--ram-gib');
  return { machine: ramGiB ? { ...machine, ramMiB: ramGiB * 1024 } : machine, profile };
}
