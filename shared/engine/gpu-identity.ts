/**
 * Which catalog card a GPU is, as the user said, for GPUs the capture did not name. Some captures
 * (only `nvidia-smi topo -m` published) number the GPUs without naming them or giving their memory;
 * planning those as 0 GiB would be a silent guess, so the machine cannot be planned until each such
 * GPU is identified (machine.ts).
 */
import { closestGpus, matchDetectedGpu } from '../catalog/gpu-lookup';
import type { GpuSpec } from '../catalog/types';
import type { GpuProfile } from '../hardware/profile';

/** "GPU `gpuIndex` is the catalog card `gpuId`" (ids as in shared/catalog/gpus, e.g. `rtx-3090`). */
export interface GpuIdentity {
  readonly gpuIndex: number;
  readonly gpuId: string;
  /**
   * Set when this GPU got its card from "same card for GPUs …" on GPU `sameAs`: the Machine step then
   * shows "Same card as GPU n" instead of a picker, and a new pick on that GPU moves it too. Kept with
   * the identities, so a reload or a saved machine shows the same; absent in states saved before it.
   */
  readonly sameAs?: number;
}

/**
 * Whether the capture named this GPU's model. The topology matrix only numbers GPUs (the merge gives
 * them a `GPUn (model unknown)` placeholder sourced from it), nvidia-smi without a name column
 * leaves the `NVIDIA GPU` placeholder with no source, and rocm-smi without a product name its device
 * key (`card0`).
 */
export function captureNamedGpu(gpu: Pick<GpuProfile, 'name' | 'sources'>): boolean {
  const from = gpu.sources.name;
  if (from === 'nvidia-smi-topo.txt') return false;
  return !(from === undefined && (gpu.name === 'NVIDIA GPU' || /^card\d+$/.test(gpu.name)));
}

/** The catalog card a scanned GPU is, by its name and reported memory; null when the catalog does not know it. */
export const catalogCardOf = (gpu: Pick<GpuProfile, 'name' | 'vramMiB'>): GpuSpec | null =>
  matchDetectedGpu({ name: gpu.name, vramMiB: gpu.vramMiB });

/**
 * Whether the user can say which card this GPU is: any GPU the catalog does not know, named or not.
 * One the catalog knows is not re-identified: the capture measured that card, and an override would
 * plan a different machine than the one scanned.
 */
export const identifiable = (gpu: Pick<GpuProfile, 'name' | 'vramMiB'>): boolean =>
  catalogCardOf(gpu) === null;

/** Below this name similarity (closestGpus' score) a catalog card is no longer offered as a likely match. */
const SUGGESTION_MIN_SCORE = 0.4;

/**
 * Catalog cards worth offering first for a GPU the catalog does not know: close in name, same vendor,
 * and about the memory the capture reported (±15 %: a variant with other memory is another card).
 * Only offered — the user picks; none for a GPU the capture did not name.
 */
export function suggestedCards(
  gpu: Pick<GpuProfile, 'name' | 'vramMiB' | 'vendor' | 'sources'>,
  n = 3,
): GpuSpec[] {
  if (!captureNamedGpu(gpu)) return [];
  return closestGpus(gpu.name, 12, SUGGESTION_MIN_SCORE)
    .filter((spec) => gpu.vendor === 'other' || spec.vendor === gpu.vendor)
    .filter(
      (spec) => gpu.vramMiB === null || Math.abs(spec.vramGiB * 1024 - gpu.vramMiB) <= 0.15 * gpu.vramMiB,
    )
    .slice(0, n);
}

/**
 * The GPUs the same pick applies to ("apply to all identical cards"): those the catalog does not know
 * with the same reported memory and the same name — or, unnamed, the other unnamed ones. In GPU order.
 */
export function identicalGpus<G extends Pick<GpuProfile, 'index' | 'name' | 'vramMiB' | 'sources'>>(
  gpu: G,
  all: readonly G[],
): G[] {
  const named = captureNamedGpu(gpu);
  return all.filter(
    (g) =>
      identifiable(g) &&
      g.vramMiB === gpu.vramMiB &&
      captureNamedGpu(g) === named &&
      (!named || g.name === gpu.name),
  );
}

/**
 * The identities after the user picks `gpuId` on GPU `gpuIndex` (null forgets it), in GPU order. A pick
 * is the GPU's own (it stops following another); the GPUs following it take the same card (or are
 * forgotten with it), and `alsoFor` ("same card for GPUs …") get the card and follow it.
 */
export function withIdentity(
  identities: readonly GpuIdentity[],
  gpuIndex: number,
  gpuId: string | null,
  alsoFor: readonly number[] = [],
): GpuIdentity[] {
  const followers = new Set(
    identities.filter((i) => i.sameAs === gpuIndex && i.gpuIndex !== gpuIndex).map((i) => i.gpuIndex),
  );
  const joining = gpuId === null ? [] : alsoFor.filter((i) => i !== gpuIndex && !followers.has(i));
  const changed = new Set([gpuIndex, ...followers, ...joining]);
  const others = identities.filter((i) => !changed.has(i.gpuIndex));
  const picked: GpuIdentity[] =
    gpuId === null
      ? []
      : [
          { gpuIndex, gpuId },
          ...[...followers, ...joining].map((i) => ({ gpuIndex: i, gpuId, sameAs: gpuIndex })),
        ];
  return [...others, ...picked].sort((a, b) => a.gpuIndex - b.gpuIndex);
}

/**
 * The GPU whose pick this one follows ("Same card as GPU n"), or null: it was given that GPU's card by
 * "same card for …", and that GPU still says the same card (else its own picker shows what it has).
 */
export function followedGpu(identities: readonly GpuIdentity[], gpuIndex: number): number | null {
  const own = identities.find((i) => i.gpuIndex === gpuIndex);
  if (own?.sameAs === undefined || own.sameAs === gpuIndex) return null;
  const leader = identities.find((i) => i.gpuIndex === own.sameAs);
  return leader && leader.gpuId === own.gpuId ? own.sameAs : null;
}

/** A GPU of the profile the engine cannot plan: its model and memory are both unknown. */
export interface UnplannableGpu {
  readonly index: number;
  readonly name: string;
  /** The capture named it, but the catalog does not know the name (else: the capture did not name it). */
  readonly named: boolean;
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

/** An identity that cannot apply: an id not in the catalog, a GPU the machine lacks or the catalog already knows. */
export class GpuIdentityError extends Error {
  override readonly name = 'GpuIdentityError';
}

const list = (gpus: readonly UnplannableGpu[]): string =>
  gpus.map((g) => `GPU ${g.index}`).join(gpus.length === 2 ? ' and ' : ', ');

/** Why the machine cannot be planned and how to fix it, `fix` saying how to identify a card. */
export function unplannableMessage(gpus: readonly UnplannableGpu[], fix: string): string {
  const unnamed = gpus.filter((g) => !g.named);
  const named = gpus.filter((g) => g.named);
  const parts: string[] = [];
  if (unnamed.length > 0)
    parts.push(
      `The capture did not name ${list(unnamed)} or report ${unnamed.length === 1 ? 'its' : 'their'} memory, so the plan cannot know how much fits`,
    );
  const names = [...new Set(named.map((g) => g.name))];
  for (const name of names) {
    const these = named.filter((g) => g.name === name);
    parts.push(
      `${list(these)} (${name}) ${these.length === 1 ? 'is' : 'are'} not in the GPU catalog and the capture reported no memory`,
    );
  }
  return `${parts.join('. ')}: ${fix}.`;
}
