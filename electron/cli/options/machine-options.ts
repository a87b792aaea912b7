/**
 * Machine options shared by `plan` and the advisor commands: `--replay DIR`, `--profile FILE`
 * (a saved `scan --json`), or repeated `--gpu NAME` with `--link`, `--ram-gib`, `--ram-gbps`.
 */
import { readFile } from 'node:fs/promises';
import { closestGpus } from '@shared/catalog/gpu-lookup';
import { mergeProfile } from '@shared/hardware/merge/merge-profile';
import type { HardwareProfile } from '@shared/hardware/profile';
import {
  machineFromNames,
  machineFromProfile,
  parseLinkOption,
  UnknownGpuError,
  type EngineMachine,
} from '@shared/engine/machine';
import { readCaptureDir } from '../../probe/capture-dir';
import { CliUsageError } from '../cli-error';

export interface MachineOptionValues {
  readonly replay?: string;
  readonly profile?: string;
  readonly gpu?: readonly string[];
  readonly link?: string;
  readonly 'ram-gib'?: string;
  readonly 'ram-gbps'?: string;
}

export const MACHINE_OPTIONS = {
  replay: { type: 'string' },
  profile: { type: 'string' },
  gpu: { type: 'string', multiple: true },
  link: { type: 'string' },
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
  const sources = [v.replay, v.profile, v.gpu?.length ? 'gpu' : undefined].filter(Boolean);
  if (sources.length !== 1)
    throw new CliUsageError(
      'describe the machine with exactly one of --replay DIR, --profile FILE or --gpu NAME (repeatable)',
    );
  if (v.gpu?.length) {
    try {
      const machine = machineFromNames({
        gpuNames: v.gpu,
        link,
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
  const machine = machineFromProfile(profile, { link, ramGBs });
  const ramGiB = positiveNumber(v['ram-gib'], '--ram-gib');
  return { machine: ramGiB ? { ...machine, ramMiB: ramGiB * 1024 } : machine, profile };
}
