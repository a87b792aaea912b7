/**
 * What lspci and sysfs add to a GPU found by its vendor tool: the PCIe link when the tool did not
 * give it, the NUMA node, and whether the card hangs off a CPU root port or the chipset.
 */
import type { PciDeviceRecord, SysfsPciDevice } from '../records';
import { normalisePciAddress } from '../parsers/pci-address';

/** Bridges whose lspci name marks them as the chipset (Intel PCH, AMD Promontory / 500- and 600-series). */
const CHIPSET_BRIDGE = /\bPCH\b|chipset|promontory|matisse switch/i;

/** "16.0 GT/s PCIe" or "16GT/s" → PCIe generation. */
export function genFromSpeed(speed: string | number | null | undefined): number | null {
  const gts =
    typeof speed === 'number' ? speed : Number.parseFloat(String(speed ?? '').replace(/[^\d.]/g, ''));
  const table: Record<string, number> = { '2.5': 1, '5': 2, '8': 3, '16': 4, '32': 5, '64': 6 };
  return Number.isFinite(gts) ? (table[String(gts)] ?? null) : null;
}

export function widthFromText(width: string | number | null | undefined): number | null {
  const n = typeof width === 'number' ? width : Number.parseInt(String(width ?? '').replace(/^x/i, ''), 10);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** PCI addresses above a device in its sysfs path, nearest root first. */
export function ancestorsFromSysfsPath(path: string | null, address: string): string[] {
  if (!path) return [];
  return path
    .split('/')
    .map((part) => normalisePciAddress(part))
    .filter((a): a is string => a !== null && a !== address);
}

export interface Attachment {
  readonly attachment: 'cpu' | 'chipset' | 'unknown';
  /** The bridge that told us, for the tooltip. */
  readonly evidence: string | null;
}

export function classifyAttachment(
  address: string,
  sysfs: ReadonlyMap<string, SysfsPciDevice>,
  lspci: ReadonlyMap<string, PciDeviceRecord>,
): Attachment {
  const device = sysfs.get(address);
  const ancestors = ancestorsFromSysfsPath(device?.path ?? null, address);
  if (ancestors.length === 0) return { attachment: 'unknown', evidence: null };
  for (const bridge of ancestors) {
    const description = lspci.get(bridge)?.description ?? '';
    if (CHIPSET_BRIDGE.test(description))
      return { attachment: 'chipset', evidence: `${bridge} ${description}` };
  }
  const described = ancestors.some((a) => lspci.has(a));
  // With bridge names we can tell; without them, one bridge (the root port) can only be the CPU.
  if (described || ancestors.length === 1)
    return { attachment: 'cpu', evidence: `${ancestors[0]} (root port)` };
  return { attachment: 'unknown', evidence: null };
}

export function indexByAddress<T extends { address: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const address = normalisePciAddress(item.address);
    if (address) map.set(address, item);
  }
  return map;
}
