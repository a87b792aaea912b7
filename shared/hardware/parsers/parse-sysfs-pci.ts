/**
 * `sysfs-pci.json` (written by the collector and by capture.sh from /sys/bus/pci/devices/*) →
 * validated device entries. Accepts a JSON array of devices or `{ "devices": [...] }`. An entry
 * that fails validation is skipped with an issue; the others are kept. Pure and total.
 */
import { z } from 'zod';
import type { ParseIssue, ParseResult, SysfsPciDevice, SysfsPciRecord } from '../records';
import { normalisePciAddress } from './pci-address';
import { checkInput, failure, isRecord, parseJson, warning } from './text-kit';

/** sysfs files read as text; a shell writer may emit numbers, and a missing file as null. */
const sysfsText = z
  .union([z.string(), z.number()])
  .nullable()
  .optional()
  .transform((v) => (v === null || v === undefined ? null : String(v).trim() || null));

/** One `SysfsPciDevice` as it appears in the JSON file. */
export const sysfsPciDeviceSchema = z.object({
  address: z.string(),
  path: sysfsText,
  class: sysfsText,
  vendor: sysfsText,
  device: sysfsText,
  currentLinkSpeed: sysfsText,
  currentLinkWidth: sysfsText,
  maxLinkSpeed: sysfsText,
  maxLinkWidth: sysfsText,
  numaNode: sysfsText,
});

/** Parse `sysfs-pci.json`. Addresses are normalised to `0000:01:00.0`. */
export function parseSysfsPci(text: string): ParseResult<SysfsPciRecord> {
  const input = checkInput(text, 'sysfs-pci.json');
  if (input.text === null) return { value: { devices: [] }, issues: input.issue ? [input.issue] : [] };
  const parsed = parseJson(input.text, 'sysfs-pci.json');
  if (parsed.issue) return { value: { devices: [] }, issues: [parsed.issue] };
  const list = Array.isArray(parsed.value)
    ? parsed.value
    : isRecord(parsed.value)
      ? parsed.value.devices
      : undefined;
  if (!Array.isArray(list)) {
    return {
      value: { devices: [] },
      issues: [failure('sysfs-pci.json: expected an array of devices or { "devices": [...] }')],
    };
  }
  const issues: ParseIssue[] = [];
  const devices = list.flatMap((entry, i) => {
    const device = validate(entry, i, issues);
    return device ? [device] : [];
  });
  return { value: { devices }, issues };
}

function validate(entry: unknown, i: number, issues: ParseIssue[]): SysfsPciDevice | null {
  const result = sysfsPciDeviceSchema.safeParse(entry);
  if (!result.success) {
    const where = result.error.issues.map((x) => x.path.join('.') || '(entry)').join(', ');
    issues.push(warning(`sysfs-pci.json: entry ${i} skipped, bad field(s): ${where}`));
    return null;
  }
  const address = normalisePciAddress(result.data.address);
  if (address === null) {
    issues.push(warning(`sysfs-pci.json: entry ${i} skipped, "${result.data.address}" is not a PCI address`));
    return null;
  }
  return { ...result.data, address };
}
