/**
 * GPU catalog lookups: by name (marketing or nvidia-smi spelling), by PCI device id, fuzzy
 * "did you mean", and matching a detected device (PCI id first, then name + memory size).
 *
 * Name matching is exact on a normalised key (vendor words, ™/®, punctuation and spacing removed), so
 * "3090" never matches "3090 Ti" and "4090 D" matches nothing. A name without a memory size that fits
 * several cards (A100 40/80 GB) resolves by the memory hint in the name or, failing that, catalog order.
 * GPU-core counts are kept as one token ("Apple M3 Max (40-core GPU)" → m3 max 40core). Names as lspci and
 * rocm-smi print them ("Arcturus GL-XL [Instinct MI100]") are also tried by their bracketed part.
 */
import { GPU_CATALOG } from './gpus/index';
import type { GpuSpec, GpuVendorId } from './types';

/** Words that carry no identity: vendor and brand names, suffixes nvidia-smi adds, Founders Edition (FE). */
const NOISE_WORDS = new Set([
  'nvidia',
  'geforce',
  'tesla',
  'quadro',
  'amd',
  'radeon',
  'instinct',
  'intel',
  'apple',
  'graphics',
  'generation',
  'workstation',
  'edition',
  'founders',
  'fe',
]);
const PCI_VENDORS: Readonly<Record<string, GpuVendorId>> = {
  '10de': 'nvidia',
  '1002': 'amd',
  '8086': 'intel',
  '106b': 'apple',
};

interface NameKey {
  readonly full: string;
  readonly base: string;
}

/** Lower-case tokens without noise words; memory sizes are joined as `80gb`, core counts as `40core`. */
export function gpuNameTokens(name: string): string[] {
  const cleaned = name
    .toLowerCase()
    .replace(/\((r|tm|c)\)|[®™]/g, ' ')
    .replace(/(\d+)\s*gb\b/g, '$1gb')
    .replace(/(\d+)[\s\-\u2010-\u2015]*core(?:\s+gpu)?\b/g, '$1core')
    .replace(/[^a-z0-9]+/g, ' ');
  return cleaned.split(' ').filter((t) => t.length > 0 && !NOISE_WORDS.has(t));
}

const isMemoryToken = (t: string): boolean => /^\d+gb$/.test(t);

function nameKey(name: string): NameKey {
  const tokens = gpuNameTokens(name);
  return { full: tokens.join(''), base: tokens.filter((t) => !isMemoryToken(t)).join('') };
}

function memoryHintGiB(name: string): number | null {
  const token = gpuNameTokens(name).find(isMemoryToken);
  return token === undefined ? null : Number(token.slice(0, -2));
}

interface IndexedGpu {
  readonly gpu: GpuSpec;
  readonly keys: readonly NameKey[];
}

const INDEX: readonly IndexedGpu[] = GPU_CATALOG.map((gpu) => ({
  gpu,
  keys: [gpu.id, gpu.name, ...gpu.aliases].map(nameKey).filter((k) => k.full.length > 0),
}));

/** A GPU whose memory is the machine's unified memory (Apple, DGX Spark): any size up to the largest option. */
const isUnified = (g: GpuSpec): boolean => g.vendor === 'apple' || g.cooler === 'integrated';

/** Whether a memory size named in the query ("… 64GB") fits a card: exactly, or up to the maximum for unified memory. */
const hintFits = (g: GpuSpec, hintGiB: number | null): boolean =>
  hintGiB === null || (isUnified(g) ? hintGiB <= g.vramGiB : g.vramGiB === hintGiB);

function candidatesFor(query: string): GpuSpec[] {
  const key = nameKey(query);
  if (key.full.length === 0) return [];
  const exact = INDEX.filter((e) => e.keys.some((k) => k.full === key.full)).map((e) => e.gpu);
  const hint = memoryHintGiB(query);
  const byBase = INDEX.filter((e) => e.keys.some((k) => k.base === key.base))
    .map((e) => e.gpu)
    .filter((g) => hintFits(g, hint));
  return [...new Set([...exact, ...byBase])];
}

/**
 * Every card the name could mean, best first: exact key matches, then same name apart from memory size. A name
 * that matches nothing is tried by each bracketed part, as lspci and rocm-smi print them
 * ("NVIDIA Corporation AD102GL [RTX 6000 Ada Generation] (rev a1)", "Arcturus GL-XL [Instinct MI100]").
 */
function nameCandidates(query: string): GpuSpec[] {
  const whole = candidatesFor(query);
  if (whole.length > 0) return whole;
  for (const m of query.matchAll(/\[([^[\]]+)\]/g)) {
    const inner = candidatesFor(m[1] ?? '');
    if (inner.length > 0) return inner;
  }
  return [];
}

/** The card a name means, or null. Accepts "RTX 3090", "rtx3090", "NVIDIA A100-SXM4-80GB", "A100 40GB". */
export function findGpu(query: string): GpuSpec | null {
  return nameCandidates(query)[0] ?? null;
}

/**
 * Parse a PCI id in the forms nvidia-smi (`0x220410DE`: device then vendor), lspci (`10de:2204`) or a
 * bare device id (`2204`, `0x2204`). Returns lower-case hex without `0x`.
 */
export function parsePciId(raw: string): { device: string; vendor: string | null } | null {
  const s = raw.trim().toLowerCase().replace(/^0x/, '');
  const pair = /^([0-9a-f]{4}):(?:0x)?([0-9a-f]{4})$/.exec(s);
  if (pair) return { vendor: pair[1] ?? null, device: pair[2] ?? '' };
  if (/^[0-9a-f]{8}$/.test(s)) return { device: s.slice(0, 4), vendor: s.slice(4) };
  if (/^[0-9a-f]{4}$/.test(s)) return { device: s, vendor: null };
  return null;
}

/** All cards that carry this PCI device id (some ids are shared, e.g. RX 7900 XT/XTX), in catalog order. */
export function gpusByPciId(deviceId: string): GpuSpec[] {
  const id = parsePciId(deviceId);
  if (id === null) return [];
  const vendor = id.vendor === null ? undefined : PCI_VENDORS[id.vendor];
  if (id.vendor !== null && vendor === undefined) return [];
  return GPU_CATALOG.filter(
    (g) => (vendor === undefined || g.vendor === vendor) && g.pciDeviceIds.includes(`0x${id.device}`),
  );
}

export function findGpuByPciId(deviceId: string): GpuSpec | null {
  return gpusByPciId(deviceId)[0] ?? null;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? Math.max(a.length, b.length);
}

/** Letter runs and digit runs: "rtx3090ti" → rtx, 3090, ti. */
const fuzzyTokens = (compact: string): Set<string> => new Set(compact.match(/[a-z]+|\d+/g) ?? []);

function similarity(query: string, key: string): number {
  const editSim = 1 - editDistance(query, key) / Math.max(query.length, key.length, 1);
  const qt = fuzzyTokens(query);
  const kt = fuzzyTokens(key);
  const shared = [...qt].filter((t) => kt.has(t)).length;
  const jaccard = shared / Math.max(new Set([...qt, ...kt]).size, 1);
  const contains = key.includes(query) || query.includes(key) ? 0.2 : 0;
  return 0.5 * editSim + 0.5 * jaccard + contains;
}

/**
 * "Did you mean": the n catalog cards whose names are closest to the query (edit distance + token
 * overlap, 0…1.2), those scoring at least `minScore`.
 */
export function closestGpus(query: string, n = 5, minScore = 0): GpuSpec[] {
  const q = nameKey(query).full;
  if (q.length === 0) return [];
  return INDEX.map((e) => ({ gpu: e.gpu, score: Math.max(...e.keys.map((k) => similarity(q, k.full))) }))
    .filter((s) => s.score > 0 && s.score >= minScore)
    .sort((a, b) => b.score - a.score)
    .slice(0, n)
    .map((s) => s.gpu);
}

export interface DetectedGpu {
  readonly name: string;
  /** Total memory the driver reports, MiB (a little below the marketed size); null when unknown. */
  readonly vramMiB: number | null;
  /** PCI device id in any form `parsePciId` accepts. */
  readonly pciDeviceId?: string | null;
}

/**
 * Whether a reported memory size fits a card: drivers report 85–100 % of the marketed size (ECC and
 * reserved memory); unified memory (Apple, DGX Spark) reports whatever the machine has, up to the chip's maximum.
 */
function memoryFits(gpu: GpuSpec, vramMiB: number | null): boolean {
  if (vramMiB === null || !Number.isFinite(vramMiB) || vramMiB <= 0) return true;
  const catalogMiB = gpu.vramGiB * 1024;
  if (isUnified(gpu)) return vramMiB <= catalogMiB * 1.02;
  const ratio = vramMiB / catalogMiB;
  return ratio >= 0.85 && ratio <= 1.02;
}

/**
 * Match a detected device: PCI id first (checked against memory size), then name + memory size. Where several cards
 * share the PCI id and fit the memory (RX 9070 / 9070 XT, Radeon 8060S / 8050S), the one the name means wins, else
 * the first in catalog order.
 */
export function matchDetectedGpu(gpu: DetectedGpu): GpuSpec | null {
  const named = nameCandidates(gpu.name).filter((g) => memoryFits(g, gpu.vramMiB));
  if (gpu.pciDeviceId) {
    const byPci = gpusByPciId(gpu.pciDeviceId).filter((g) => memoryFits(g, gpu.vramMiB));
    const first = byPci[0];
    if (first) return named.find((g) => byPci.includes(g)) ?? first;
  }
  return named[0] ?? null;
}
