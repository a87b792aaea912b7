/**
 * Which catalog card a GPU is, as the user said, for GPUs the capture did not name. Some captures
 * (only `nvidia-smi topo -m` published) number the GPUs without naming them or giving their memory;
 * planning those as 0 GiB would be a silent guess, so the machine cannot be planned until each such
 * GPU is identified (machine.ts).
 */
import type { GpuProfile } from '../hardware/profile';

/** "GPU `gpuIndex` is the catalog card `gpuId`" (ids as in shared/catalog/gpus, e.g. `rtx-3090`). */
export interface GpuIdentity {
  readonly gpuIndex: number;
  readonly gpuId: string;
}

/**
 * Whether the capture named this GPU's model. The topology matrix only numbers GPUs (the merge gives
 * them a `GPUn (model unknown)` placeholder sourced from it), and nvidia-smi without a name column
 * leaves the `NVIDIA GPU` placeholder with no source.
 */
export function captureNamedGpu(gpu: Pick<GpuProfile, 'name' | 'sources'>): boolean {
  const from = gpu.sources.name;
  if (from === 'nvidia-smi-topo.txt') return false;
  return !(from === undefined && gpu.name === 'NVIDIA GPU');
}

/** The identities with this GPU's entry replaced (a null id removes it), in GPU order. */
export function withIdentity(
  identities: readonly GpuIdentity[],
  gpuIndex: number,
  gpuId: string | null,
): GpuIdentity[] {
  const others = identities.filter((i) => i.gpuIndex !== gpuIndex);
  const next = gpuId === null ? others : [...others, { gpuIndex, gpuId }];
  return next.sort((a, b) => a.gpuIndex - b.gpuIndex);
}

/** A GPU of the profile the engine cannot plan: its model and memory are both unknown. */
export interface UnplannableGpu {
  readonly index: number;
  readonly name: string;
  /** False when the capture named it but the name is not in the catalog (an identity cannot help). */
  readonly canIdentify: boolean;
}

/**
 * The machine cannot be planned because some GPUs' memory is unknown. Each surface words the fix its
 * own way (`unplannableMessage`): the Machine step's card picker, or the CLI's `--gpu-model`.
 */
export class UnidentifiedGpuError extends Error {
  override readonly name = 'UnidentifiedGpuError';
  constructor(readonly gpus: readonly UnplannableGpu[]) {
    super(unplannableMessage(gpus, 'say which card each is'));
  }
}

/** An identity that cannot apply: an id not in the catalog, a GPU the machine lacks or that the capture named. */
export class GpuIdentityError extends Error {
  override readonly name = 'GpuIdentityError';
}

const list = (gpus: readonly UnplannableGpu[]): string =>
  gpus.map((g) => `GPU ${g.index}`).join(gpus.length === 2 ? ' and ' : ', ');

/** Why the machine cannot be planned and how to fix it, `fix` saying how to identify a card. */
export function unplannableMessage(gpus: readonly UnplannableGpu[], fix: string): string {
  const unnamed = gpus.filter((g) => g.canIdentify);
  const named = gpus.filter((g) => !g.canIdentify);
  const parts: string[] = [];
  if (unnamed.length > 0)
    parts.push(
      `The capture did not name ${list(unnamed)} or report ${unnamed.length === 1 ? 'its' : 'their'} memory, so the plan cannot know how much fits: ${fix}.`,
    );
  for (const g of named)
    parts.push(
      `GPU ${g.index} (${g.name}) is not in the GPU catalog and its memory was not reported: describe the machine with cards from the catalog instead.`,
    );
  return parts.join(' ');
}
