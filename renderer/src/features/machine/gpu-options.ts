/** The GPU catalog as Select options (grouped by vendor and segment) and a spec's sources as tooltip lines. */
import { GPU_CATALOG } from '@shared/catalog/gpus/index';
import type { GpuSpec, Source } from '@shared/catalog/types';

const VENDOR: Record<GpuSpec['vendor'], string> = {
  nvidia: 'NVIDIA',
  amd: 'AMD',
  intel: 'Intel',
  apple: 'Apple',
};

export interface GpuOptionGroup {
  readonly group: string;
  readonly items: { readonly value: string; readonly label: string }[];
}

/** Every catalog GPU, grouped as "NVIDIA · consumer", labelled with its memory. */
export function gpuOptionGroups(specs: readonly GpuSpec[] = GPU_CATALOG): GpuOptionGroup[] {
  const groups = new Map<string, GpuOptionGroup>();
  for (const spec of specs) {
    const group = `${VENDOR[spec.vendor]} · ${spec.segment}`;
    const entry = groups.get(group) ?? { group, items: [] };
    entry.items.push({ value: spec.id, label: `${spec.name} · ${spec.vramGiB} GB` });
    groups.set(group, entry);
  }
  return [...groups.values()];
}

/** A source as one line: what it says, and where. */
export const sourceLine = (s: Source): string => (s.says ? `${s.says} (${s.ref})` : s.ref);

/** The first few sources of a catalog record, for a value's tooltip. */
export const specSourceLines = (spec: { readonly sources: readonly Source[] }, max = 3): string[] =>
  spec.sources.slice(0, max).map(sourceLine);
