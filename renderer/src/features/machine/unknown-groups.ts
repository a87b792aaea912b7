/**
 * What the probe could not see, grouped by the one action that fixes it ("run the capture as root:
 * fixes slots, DIMMs, board") and said in words ("GPUs 0–7: memory, PCIe link"), not as profile paths
 * (`gpus[3].vramMiB`). Eight GPUs missing the same two values are one line, not sixteen.
 */
import type { UnknownField } from './types';

export interface UnknownGroup {
  /** How to fix it, as the probe wrote it (backticks mark commands). */
  readonly hint: string;
  /** The first command in the hint, for a copy button; null when it names none. */
  readonly command: string | null;
  /** Why, each distinct reason once. */
  readonly reasons: readonly string[];
  /** What it fixes, in words: `GPUs 0–7: memory, PCIe link`, `PCIe slots`. */
  readonly what: readonly string[];
  /** The profile paths behind it (for tests and lookups). */
  readonly fields: readonly string[];
}

const GPU_FIELD_WORDS: Readonly<Record<string, string>> = {
  vramMiB: 'memory',
  pcie: 'PCIe link',
  powerLimitW: 'power limit',
  computeCapability: 'compute capability',
  attachment: 'CPU or chipset lanes',
  driverVersion: 'driver',
  numaNode: 'NUMA node',
  pciBusId: 'bus ID',
};

const FIELD_WORDS: Readonly<Record<string, string>> = {
  gpus: 'the GPUs',
  gpuLinks: 'links between the GPUs',
  'gpuLinks.p2p': 'peer-to-peer (P2P) between the GPUs',
  slots: 'PCIe slots',
  baseboard: 'motherboard',
  cpu: 'CPU',
  'memory.totalMiB': 'system RAM size',
  'memory.dimms': 'RAM sticks (DIMMs) and their speed',
};

/** `GPU 3`, `GPUs 0–7`, `GPUs 0, 2 and 5`. */
export function gpuRange(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  if (sorted.length === 1) return `GPU ${sorted[0]}`;
  const first = sorted[0] ?? 0;
  const last = sorted[sorted.length - 1] ?? 0;
  if (last - first === sorted.length - 1) return `GPUs ${first}–${last}`;
  return `GPUs ${sorted.slice(0, -1).join(', ')} and ${last}`;
}

const words = (path: string): string =>
  FIELD_WORDS[path] ??
  path
    .replace(/[.[\]]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();

/** The GPU fields as `GPUs 0–7: memory, PCIe link` (GPUs with the same missing set together), then the rest. */
function whatOf(fields: readonly string[]): string[] {
  const perGpu = new Map<number, string[]>();
  const other: string[] = [];
  for (const field of fields) {
    const m = /^gpus\[(\d+)\]\.(\w+)/.exec(field);
    if (!m) {
      other.push(words(field));
      continue;
    }
    const list = perGpu.get(Number(m[1])) ?? [];
    const word = GPU_FIELD_WORDS[m[2] ?? ''] ?? words(m[2] ?? '');
    if (!list.includes(word)) list.push(word);
    perGpu.set(Number(m[1]), list);
  }
  const bySet = new Map<string, number[]>();
  for (const [gpu, list] of perGpu) bySet.set(list.join(', '), [...(bySet.get(list.join(', ')) ?? []), gpu]);
  return [...[...bySet].map(([list, gpus]) => `${gpuRange(gpus)}: ${list}`), ...other];
}

export function groupUnknowns(unknowns: readonly UnknownField[]): UnknownGroup[] {
  const byHint = new Map<string, UnknownField[]>();
  for (const u of unknowns) byHint.set(u.hint, [...(byHint.get(u.hint) ?? []), u]);
  return [...byHint].map(([hint, entries]) => ({
    hint,
    command: /`([^`]+)`/.exec(hint)?.[1] ?? null,
    reasons: [...new Set(entries.map((e) => e.reason))],
    what: whatOf(entries.map((e) => e.field)),
    fields: entries.map((e) => e.field),
  }));
}
