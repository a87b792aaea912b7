/**
 * The machine as both front ends describe it — a scanned profile (with the cards the user named for
 * GPUs the capture did not name) or cards from the catalog, plus what the user entered: the link
 * between the cards, where each card sits, RAM, power limits, and other machines of a cluster — turned
 * into the one EngineMachine the advisor plans. Errors are the engine's typed ones; each front end
 * words them (a CLI flag, a field in the app).
 */
import { customGpuSpec, findCustomGpu, type CustomGpuEntry } from '../../catalog/custom-gpu';
import type { GpuSpec } from '../../catalog/types';
import type { HardwareProfile } from '../../hardware/profile';
import { withClusterNodes, type ClusterInput } from '../cluster';
import { identifiable, type GpuIdentity } from '../gpu-identity';
import {
  machineFromNames,
  machineFromProfile,
  requireGpu,
  type EngineMachine,
  type LinkOverride,
  type PowerLimitEntry,
} from '../machine';
import type { RigCalibration } from '../rig-calibration';
import { placementProblems, type SlotPlacement } from '../slot-placement';

export type MachineSource =
  | { readonly kind: 'profile'; readonly profile: HardwareProfile }
  | { readonly kind: 'catalog'; readonly gpuNames: readonly string[] };

export interface MachineDescription {
  readonly source: MachineSource;
  /** Which catalog card each GPU is that the catalog does not know (profile machines only). */
  readonly identities?: readonly GpuIdentity[];
  readonly link?: LinkOverride | null;
  readonly slots?: readonly SlotPlacement[];
  /** System RAM, GiB (replaces the scanned size). */
  readonly ramGiB?: number | null;
  /** System RAM bandwidth, GB/s. */
  readonly ramGBs?: number | null;
  readonly powerLimits?: readonly PowerLimitEntry[];
  /** Other machines, when this one is the head of a cluster. */
  readonly cluster?: ClusterInput | null;
  /** Cards the user described by their numbers: names (`--gpu`, detected names, identities) resolve to them first. */
  readonly customGpus?: readonly CustomGpuEntry[];
  /** The machine's measured runs its plans are calibrated on (rig-calibration.ts); absent/null: none. */
  readonly calibration?: RigCalibration | null;
}

/** An entered value that names a GPU the machine lacks (a slot, a power limit). */
export class MachineInputError extends Error {
  override readonly name = 'MachineInputError';
  constructor(
    readonly input: 'slot' | 'powerLimit',
    message: string,
  ) {
    super(message);
  }
}

function requireGpus(d: MachineDescription, indices: readonly number[]): void {
  const [slot] = placementProblems(d.slots ?? [], indices);
  if (slot) throw new MachineInputError('slot', slot);
  const limits = (d.powerLimits ?? []).map((l) => ({
    gpuIndex: l.gpuIndex,
    attachment: null,
    gen: null,
    lanes: null,
  }));
  const [limit] = placementProblems(limits, indices);
  if (limit) throw new MachineInputError('powerLimit', limit);
}

/**
 * The machine and the profile behind it. Throws UnknownGpuError (a catalog name), UnidentifiedGpuError
 * / GpuIdentityError (profile GPUs), MachineInputError (an entry for a GPU the machine lacks).
 */
export function resolveMachine(
  d: MachineDescription,
  resolve?: (name: string) => GpuSpec,
): { machine: EngineMachine; profile: HardwareProfile | null } {
  const customs = (d.customGpus ?? []).map(customGpuSpec);
  const catalog = resolve ?? requireGpu;
  const named = (name: string) => findCustomGpu(d.customGpus ?? [], name) ?? catalog(name);
  const common = {
    link: d.link ?? null,
    slots: d.slots ?? [],
    ramGBs: d.ramGBs ?? null,
    powerLimits: d.powerLimits ?? [],
  };
  let machine: EngineMachine;
  let profile: HardwareProfile | null = null;
  if (d.source.kind === 'catalog') {
    requireGpus(
      d,
      d.source.gpuNames.map((_, i) => i),
    );
    machine = machineFromNames({ gpuNames: d.source.gpuNames, ramGiB: d.ramGiB ?? null, ...common }, named);
  } else {
    profile = d.source.profile;
    requireGpus(
      d,
      profile.gpus.map((g) => g.index),
    );
    machine = machineFromProfile(profile, { ...common, identities: d.identities ?? [], customGpus: customs });
    if (d.ramGiB) machine = { ...machine, ramMiB: d.ramGiB * 1024 };
  }
  if (d.cluster && d.cluster.nodes.length > 0) machine = withClusterNodes(machine, d.cluster, named);
  if (d.calibration?.points.length || d.calibration?.memory?.length)
    machine = { ...machine, calibration: d.calibration };
  return { machine, profile };
}

/** The identities that apply to this profile: those for GPUs the catalog does not know (others are kept, unused). */
export function applicableIdentities(
  profile: HardwareProfile,
  identities: readonly GpuIdentity[],
): GpuIdentity[] {
  const unknown = new Set(profile.gpus.filter(identifiable).map((g) => g.index));
  return identities.filter((i) => unknown.has(i.gpuIndex));
}
