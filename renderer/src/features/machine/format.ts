/**
 * Display formatting for the machine screen: units, link strings, labels. No decisions about the
 * hardware live here — only how a value already in the profile is written for a person.
 */
import type { DimmProfile, GpuLinkKind, GpuProfile, PcieLink, ScanResult } from './types';

/** MiB → `24.0 GiB`. */
export function formatGiB(mib: number): string {
  return `${(mib / 1024).toFixed(1)} GiB`;
}

const gen = (value: number | null): string => (value === null ? 'Gen?' : `Gen${value}`);
const lanes = (value: number | null): string => (value === null ? 'x?' : `x${value}`);

/** `Gen4 x16`, or `Gen4 x16 (now Gen1 x16 — idle links train down)` when the link runs below its maximum. */
export function formatPcieLink(link: PcieLink): string | null {
  const { genCurrent, genMax, widthCurrent, widthMax } = link;
  if (genCurrent === null && genMax === null && widthCurrent === null && widthMax === null) return null;
  const max = `${gen(genMax ?? genCurrent)} ${lanes(widthMax ?? widthCurrent)}`;
  const now = `${gen(genCurrent)} ${lanes(widthCurrent)}`;
  if (genMax === null && widthMax === null) return `${now} (maximum not reported)`;
  if (genCurrent === null && widthCurrent === null) return `${max} (current link not reported)`;
  if (now === max) return max;
  const genDown = genCurrent !== null && genMax !== null && genCurrent < genMax;
  const widthDown = widthCurrent !== null && widthMax !== null && widthCurrent < widthMax;
  const why = genDown && !widthDown ? ' — idle links train down' : '';
  return `${max} (now ${now}${why})`;
}

/** `230 W (max 250 W)`; either side may be missing. */
export function formatPower(limitW: number | null, maxW: number | null): string | null {
  if (limitW === null && maxW === null) return null;
  const w = (v: number) => `${Math.round(v)} W`;
  if (limitW === null) return `limit unknown (max ${w(maxW as number)})`;
  return maxW === null ? w(limitW) : `${w(limitW)} (max ${w(maxW)})`;
}

export const ATTACHMENT_LABELS: Record<GpuProfile['attachment'], string> = {
  cpu: 'CPU root port',
  chipset: 'Chipset',
  unknown: 'unknown',
};

export const VENDOR_LABELS: Record<GpuProfile['vendor'], string> = {
  nvidia: 'NVIDIA',
  amd: 'AMD',
  intel: 'Intel',
  apple: 'Apple',
  other: 'Other',
};

/** `412 ms` or `1.2 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Short name of where the profile came from: the last folder name of a capture path, a saved machine's name. */
export function originLabel(origin: ScanResult['origin']): string {
  if (origin.kind === 'live') return 'Live scan of this machine';
  if (origin.kind === 'saved') return origin.label;
  const parts = origin.label.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? origin.label;
}

/** Groups DIMMs by size/type/speed: `8 × 32 GiB DDR4 @ 3200 MT/s`. */
export function summariseDimms(dimms: readonly DimmProfile[]): string[] {
  const groups = new Map<string, number>();
  for (const dimm of dimms) {
    const size = dimm.sizeMiB % 1024 === 0 ? `${dimm.sizeMiB / 1024} GiB` : `${dimm.sizeMiB} MiB`;
    const key = [size, dimm.type, dimm.speedMTs === null ? null : `@ ${dimm.speedMTs} MT/s`]
      .filter(Boolean)
      .join(' ');
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups].map(([key, count]) => `${count} × ${key}`);
}

/** `x4 in an x16 slot`, `x16`, or null when neither width is known. */
export function formatSlotWidth(electrical: number | null, physical: number | null): string | null {
  if (electrical === null && physical === null) return null;
  if (electrical === null) return `x${physical} slot (wiring unknown)`;
  if (physical === null || physical === electrical) return `x${electrical}`;
  return `x${electrical} in an x${physical} slot`;
}

/** Meaning of each `nvidia-smi topo -m` link kind, worded after its legend; fastest first. */
export const LINK_LEGEND: readonly { kind: string; meaning: string; color: string }[] = [
  { kind: 'NV#', meaning: 'NVLink: a bonded set of # NVLinks, GPU to GPU without PCIe', color: 'teal' },
  { kind: 'XGMI', meaning: 'AMD Infinity Fabric (xGMI) link, GPU to GPU without PCIe', color: 'teal' },
  { kind: 'PIX', meaning: 'PCIe through at most one PCIe bridge (same switch)', color: 'cyan' },
  { kind: 'PXB', meaning: 'PCIe through several PCIe bridges, without the host bridge', color: 'blue' },
  { kind: 'PHB', meaning: 'PCIe through a PCIe host bridge (typically the CPU)', color: 'yellow' },
  { kind: 'NODE', meaning: 'PCIe plus the link between host bridges inside one NUMA node', color: 'orange' },
  {
    kind: 'SYS',
    meaning: 'PCIe plus the socket interconnect between NUMA nodes (QPI/UPI/Infinity Fabric)',
    color: 'red',
  },
  { kind: 'UNKNOWN', meaning: 'Unknown: the capture does not say how these two GPUs connect', color: 'gray' },
];

/** Legend entry for a link kind (`NV4` → the `NV#` entry). */
export function legendFor(kind: GpuLinkKind): (typeof LINK_LEGEND)[number] {
  const key = /^NV\d+$/.test(kind) ? 'NV#' : kind;
  return (
    LINK_LEGEND.find((entry) => entry.kind === key) ??
    (LINK_LEGEND[LINK_LEGEND.length - 1] as (typeof LINK_LEGEND)[number])
  );
}

/** Peer-to-peer status codes from `nvidia-smi topo -p2p`. */
export const P2P_LABELS: Record<string, string> = {
  OK: 'P2P supported',
  CNS: 'P2P not supported by the chipset',
  GNS: 'P2P not supported by the GPU',
  TNS: 'P2P not supported by the topology',
  NS: 'P2P not supported',
  DR: 'P2P disabled by a registry key',
  U: 'P2P status unknown',
};

export function formatP2p(status: string | null): string {
  if (status === null) return 'P2P status not captured';
  return P2P_LABELS[status] ?? `P2P: ${status}`;
}
