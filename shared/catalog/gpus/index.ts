/**
 * The GPU catalog: every card with a source for its numbers (see `sources.ts` and each family file).
 * Order matters for lookups: when a name without a memory size matches several cards, the first wins.
 */
import type { GpuSpec } from '../types';
import { AMD_GPUS } from './amd';
import { AMD_INTEGRATED } from './amd-integrated';
import { AMD_INSTINCT } from './amd-instinct';
import { APPLE_GPUS } from './apple';
import { INTEL_GPUS } from './intel';
import { NVIDIA_DATACENTER } from './nvidia-datacenter';
import { NVIDIA_GEFORCE } from './nvidia-geforce';
import { NVIDIA_GEFORCE_GTX } from './nvidia-geforce-gtx';
import { NVIDIA_WORKSTATION } from './nvidia-workstation';

export const GPU_CATALOG: readonly GpuSpec[] = [
  ...NVIDIA_GEFORCE_GTX,
  ...NVIDIA_GEFORCE,
  ...NVIDIA_WORKSTATION,
  ...NVIDIA_DATACENTER,
  ...AMD_GPUS,
  ...AMD_INTEGRATED,
  ...AMD_INSTINCT,
  ...INTEL_GPUS,
  ...APPLE_GPUS,
];

export function gpuById(id: string): GpuSpec | null {
  return GPU_CATALOG.find((g) => g.id === id) ?? null;
}
