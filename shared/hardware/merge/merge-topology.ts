/**
 * GPU↔GPU links for every pair: the `topo -m` code (NV#, PIX, PXB, PHB, NODE, SYS), the bonded
 * NVLink count, and the peer-to-peer status from `topo -p2p`. AMD pairs come from rocm-smi's
 * topology (XGMI or PCIe). Topology indices are nvidia-smi indices, which the GPU list keeps.
 */
import type { GpuLink, GpuLinkKind, NvlinkGpuStatus } from '../profile';
import type { ParsedCapture } from './parse-bundle';

const KNOWN_CODES = new Set(['PIX', 'PXB', 'PHB', 'NODE', 'SYS']);

export function linkKindFromCode(code: string): { kind: GpuLinkKind; nvlinks: number } {
  const trimmed = code.trim().toUpperCase();
  const nv = /^NV(\d+)$/.exec(trimmed);
  if (nv) return { kind: `NV${Number(nv[1])}`, nvlinks: Number(nv[1]) };
  if (KNOWN_CODES.has(trimmed)) return { kind: trimmed as GpuLinkKind, nvlinks: 0 };
  return { kind: 'UNKNOWN', nvlinks: 0 };
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

export function mergeLinks(gpuIndices: readonly number[], parsed: ParsedCapture): GpuLink[] {
  const codes = new Map<string, string>();
  for (const pair of parsed.topology?.gpuPairs ?? []) codes.set(pairKey(pair.a, pair.b), pair.code);
  const amd = new Map<string, string>();
  for (const link of parsed.amdLinks) amd.set(pairKey(link.a, link.b), link.type);
  const p2p = new Map<string, string>();
  for (const entry of parsed.p2p?.pairs ?? []) p2p.set(`${entry.from}>${entry.to}`, entry.status);

  const sorted = [...gpuIndices].sort((x, y) => x - y);
  const links: GpuLink[] = [];
  for (let i = 0; i < sorted.length; i += 1) {
    for (let j = i + 1; j < sorted.length; j += 1) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      const code = codes.get(pairKey(a, b));
      const amdType = amd.get(pairKey(a, b));
      const { kind, nvlinks } = code
        ? linkKindFromCode(code)
        : amdType && /xgmi/i.test(amdType)
          ? { kind: 'XGMI' as const, nvlinks: 0 }
          : { kind: 'UNKNOWN' as const, nvlinks: 0 };
      links.push({ a, b, kind, nvlinks, p2p: p2p.get(`${a}>${b}`) ?? null });
    }
  }
  return links;
}

export function mergeNvlinkStatus(parsed: ParsedCapture): NvlinkGpuStatus[] {
  return (parsed.nvlink?.gpus ?? []).map((gpu) => ({
    index: gpu.index,
    activeLinks: gpu.links.filter((l) => l.active).length,
    linkSpeedsGBs: gpu.links.filter((l) => l.active && l.speedGBs !== null).map((l) => l.speedGBs as number),
  }));
}

/** NUMA node per GPU index from the `topo -m` affinity columns. */
export function numaFromTopology(parsed: ParsedCapture): Map<number, number> {
  const numa = new Map<number, number>();
  for (const row of parsed.topology?.affinity ?? []) {
    const node = Number.parseInt(row.numaAffinity ?? '', 10);
    if (Number.isFinite(node)) numa.set(row.gpu, node);
  }
  return numa;
}
