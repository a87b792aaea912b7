/**
 * sysfs PCI: every device's link speed/width (current and max), NUMA node, and the resolved device
 * path, whose chain of bridges shows which GPUs share a switch or root port. lspci needs no root for
 * these either, but it is not always installed; sysfs is always there on Linux (except some containers).
 */
import { performance } from 'node:perf_hooks';
import type { SysfsPciDevice } from '@shared/hardware/records';
import type { FileSource } from '../file-source';
import type { Collector } from './types';

export const SYSFS_PCI_ROOT = '/sys/bus/pci/devices';

/** sysfs attribute file → field of `SysfsPciDevice`. */
const ATTRIBUTES = {
  class: 'class',
  vendor: 'vendor',
  device: 'device',
  currentLinkSpeed: 'current_link_speed',
  currentLinkWidth: 'current_link_width',
  maxLinkSpeed: 'max_link_speed',
  maxLinkWidth: 'max_link_width',
  numaNode: 'numa_node',
} as const satisfies Partial<Record<keyof SysfsPciDevice, string>>;

type AttributeField = keyof typeof ATTRIBUTES;

/** Missing attributes are normal (no link fields on host bridges), so absence is just null. */
async function readAttribute(files: FileSource, path: string): Promise<string | null> {
  const read = await files.readFile(path, { maxBytes: 4096 });
  if (!read.ok) return null;
  const value = read.text.trim();
  return value.length > 0 ? value : null;
}

export async function readSysfsDevice(
  files: FileSource,
  root: string,
  address: string,
): Promise<SysfsPciDevice> {
  const dir = `${root}/${address}`;
  const fields = Object.keys(ATTRIBUTES) as AttributeField[];
  const values = await Promise.all(fields.map((f) => readAttribute(files, `${dir}/${ATTRIBUTES[f]}`)));
  const resolved = await files.realpath(dir);
  const record = Object.fromEntries(fields.map((f, i) => [f, values[i] ?? null])) as Record<
    AttributeField,
    string | null
  >;
  return { address, path: resolved.ok ? resolved.path : null, ...record };
}

const SYSFS_COMMAND = `${SYSFS_PCI_ROOT}/*`;

export const sysfsPci: Collector = {
  file: 'sysfs-pci.json',
  command: SYSFS_COMMAND,
  readsFiles: true,
  async collect(ctx) {
    const start = performance.now();
    const entry = { command: SYSFS_COMMAND, exitCode: null };
    const listing = await ctx.files.readdir(SYSFS_PCI_ROOT);
    if (!listing.ok) {
      const durationMs = Math.round(performance.now() - start);
      return {
        text: null,
        entry: { ...entry, durationMs, errorKind: listing.errorKind, error: listing.error, written: false },
      };
    }
    const devices: SysfsPciDevice[] = [];
    // One device at a time: hundreds of devices × 8 attributes at once could run out of file descriptors.
    for (const address of listing.entries) {
      if (ctx.signal.aborted) break;
      devices.push(await readSysfsDevice(ctx.files, SYSFS_PCI_ROOT, address));
    }
    const durationMs = Math.round(performance.now() - start);
    return {
      text: `${JSON.stringify(devices, null, 2)}\n`,
      entry: { ...entry, durationMs, errorKind: null, error: null, written: true },
    };
  },
};
