/**
 * A card the catalog lacks, described by the numbers the plan needs: memory, memory bandwidth and board
 * power (plus, when known, FP16 tensor TFLOPS for prompt speed and the PCIe link). The CLI reads it from
 * `--gpu-spec "NAME:vram=24GiB,bw=936GBs,tdp=350W"`, the app from a small form; either way it becomes a
 * GpuSpec whose only source is the user's entry, so no plan says "? tok/s" for want of a catalog row.
 */
import type { GpuSpec, GpuVendorId } from './types';

/** What the user enters; plain data (it crosses IPC and is saved with the settings). */
export interface CustomGpuEntry {
  readonly name: string;
  readonly vramGiB: number;
  readonly bandwidthGBs: number;
  readonly boardPowerW: number;
  readonly fp16Tflops?: number | null;
  /** The card's own PCIe link, e.g. { gen: 4, lanes: 16 }; absent = unknown. */
  readonly pcie?: { readonly gen: number; readonly lanes: number } | null;
  /** HBM memory (datacenter cards) decodes at a different share of its bandwidth than GDDR. */
  readonly hbm?: boolean;
}

export class CustomGpuError extends Error {
  override readonly name = 'CustomGpuError';
}

/** The ranges an entry must fall in (the app's saved state checks the same ones). */
export const CUSTOM_GPU_LIMITS = {
  vramGiB: { range: [1, 2048], words: 'memory', unit: 'GiB' },
  bandwidthGBs: { range: [10, 20000], words: 'memory bandwidth', unit: 'GB/s' },
  boardPowerW: { range: [5, 3000], words: 'board power', unit: 'W' },
  fp16Tflops: { range: [0.1, 20000], words: 'FP16 TFLOPS', unit: 'TFLOPS' },
} as const;

function inRange(key: keyof typeof CUSTOM_GPU_LIMITS, value: number): number {
  const { range, words, unit } = CUSTOM_GPU_LIMITS[key];
  const [lo, hi] = range;
  if (!Number.isFinite(value)) throw new CustomGpuError(`the card's ${words} is missing (${unit})`);
  if (value < lo || value > hi)
    throw new CustomGpuError(`${words} must be between ${lo} and ${hi} ${unit} (got ${value})`);
  return value;
}

/** Checks an entry (from the CLI parser or the app's form) and returns it normalised. */
export function validCustomGpu(e: CustomGpuEntry): CustomGpuEntry {
  const name = e.name.trim();
  if (name === '' || name.length > 80 || [...name].some((c) => c.charCodeAt(0) < 32))
    throw new CustomGpuError('the card needs a name of 1–80 printable characters');
  const pcie = e.pcie ?? null;
  if (pcie && (![1, 2, 3, 4, 5, 6].includes(pcie.gen) || ![1, 2, 4, 8, 16].includes(pcie.lanes)))
    throw new CustomGpuError(
      'pcie must be a generation 1–6 and a width of 1, 2, 4, 8 or 16 lanes, like 4x16',
    );
  return {
    name,
    vramGiB: inRange('vramGiB', e.vramGiB),
    bandwidthGBs: inRange('bandwidthGBs', e.bandwidthGBs),
    boardPowerW: inRange('boardPowerW', e.boardPowerW),
    fp16Tflops: e.fp16Tflops == null ? null : inRange('fp16Tflops', e.fp16Tflops),
    pcie,
    hbm: e.hbm === true,
  };
}

/** `24GiB`, `24 GB`, `24` → GiB (a marketed GB of VRAM is a GiB: 24 GB cards hold 24 GiB). */
const gib = (v: string) => Number(/^([\d.]+)\s*(?:gi?b)?$/i.exec(v)?.[1] ?? Number.NaN);
/** `936GBs`, `936 GB/s`, `1.5TB/s` → GB/s. */
function gbs(v: string): number {
  const m = /^([\d.]+)\s*(tb|gb)?\s*\/?\s*s?$/i.exec(v);
  if (!m) return Number.NaN;
  return Number(m[1]) * (m[2]?.toLowerCase() === 'tb' ? 1000 : 1);
}
const watts = (v: string) => Number(/^([\d.]+)\s*w?$/i.exec(v)?.[1] ?? Number.NaN);

/**
 * `NAME:vram=24GiB,bw=936GBs,tdp=350W[,tflops=71,pcie=4x16,mem=hbm]` → an entry. Throws
 * CustomGpuError naming what is wrong or missing.
 */
export function parseGpuSpecOption(text: string): CustomGpuEntry {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) throw new CustomGpuError('write it as NAME:vram=24GiB,bw=936GBs,tdp=350W');
  const name = text.slice(0, colon).trim();
  const fields = new Map<string, string>();
  for (const part of text.slice(colon + 1).split(',')) {
    const [k, v] = part.split('=').map((x) => x.trim());
    if (!k || v === undefined) throw new CustomGpuError(`"${part.trim()}" is not key=value`);
    fields.set(k.toLowerCase(), v);
  }
  const known = ['vram', 'bw', 'tdp', 'tflops', 'pcie', 'mem'];
  const unknown = [...fields.keys()].find((k) => !known.includes(k));
  if (unknown) throw new CustomGpuError(`unknown key "${unknown}" (keys: ${known.join(', ')})`);
  const missing = ['vram', 'bw', 'tdp'].filter((k) => !fields.has(k));
  if (missing.length > 0)
    throw new CustomGpuError(`missing ${missing.join(', ')} (e.g. vram=24GiB,bw=936GBs,tdp=350W)`);
  const pcieText = fields.get('pcie');
  const pcieMatch = pcieText ? /^(?:pcie)?([1-6])\s*x\s*(\d+)$/i.exec(pcieText) : null;
  if (pcieText && !pcieMatch) throw new CustomGpuError(`pcie must look like 4x16 (got "${pcieText}")`);
  const mem = fields.get('mem')?.toLowerCase();
  if (mem && mem !== 'hbm' && mem !== 'gddr')
    throw new CustomGpuError(`mem must be hbm or gddr (got "${mem}")`);
  return validCustomGpu({
    name,
    vramGiB: gib(fields.get('vram') ?? ''),
    bandwidthGBs: gbs(fields.get('bw') ?? ''),
    boardPowerW: watts(fields.get('tdp') ?? ''),
    fp16Tflops: fields.has('tflops') ? Number(fields.get('tflops')) : null,
    pcie: pcieMatch ? { gen: Number(pcieMatch[1]), lanes: Number(pcieMatch[2]) } : null,
    hbm: mem === 'hbm',
  });
}

function vendorOf(name: string): GpuVendorId {
  if (/\b(?:radeon|instinct|amd|rx\s?\d|mi\d)/i.test(name)) return 'amd';
  if (/\b(?:intel|arc)\b/i.test(name)) return 'intel';
  return 'nvidia';
}

/** The entry as a catalog-shaped card. Its fields beyond the entry are unknown, and marked so. */
export function customGpuSpec(e: CustomGpuEntry): GpuSpec {
  const entry = validCustomGpu(e);
  const says = `entered: ${entry.vramGiB} GiB, ${entry.bandwidthGBs} GB/s, ${entry.boardPowerW} W${entry.fp16Tflops ? `, ${entry.fp16Tflops} FP16 TFLOPS` : ''}`;
  return {
    id: `custom-${entry.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`,
    name: entry.name,
    aliases: [],
    vendor: vendorOf(entry.name),
    segment: entry.hbm ? 'datacenter' : 'consumer',
    arch: 'entered by you',
    computeCapability: null,
    vramGiB: entry.vramGiB,
    memoryBandwidthGBs: entry.bandwidthGBs,
    fp16Tflops: entry.fp16Tflops ?? null,
    boardPowerW: entry.boardPowerW,
    transientPeakW: null,
    powerConnectors: [],
    slotWidth: null,
    lengthMm: null,
    cooler: 'open-air',
    pcieGen: entry.pcie?.gen ?? null,
    pcieLanes: entry.pcie?.lanes ?? null,
    nvlink: 'none',
    nvlinkGBs: null,
    p2pOverPcie: null,
    pciDeviceIds: [],
    price: null,
    released: null,
    sources: [{ ref: 'entered by the user', says }],
    unsourcedFields: ['powerConnectors', 'cooler', 'nvlink', 'segment', 'vendor', 'arch'],
    custom: true,
  };
}

/** A card name compared as the user may type it: case and spacing ignored. */
export const cardNameKey = (name: string): string => name.toLowerCase().replace(/\s+/g, ' ').trim();

/** The entered card with this name (case and spacing ignored) or id (`custom-…`), if any. */
export function findCustomGpu(entries: readonly CustomGpuEntry[], name: string): GpuSpec | null {
  const hit = entries.find((e) => cardNameKey(e.name) === cardNameKey(name) || customGpuSpec(e).id === name);
  return hit ? customGpuSpec(hit) : null;
}
