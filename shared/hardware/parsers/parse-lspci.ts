/**
 * `lspci -vvv` (with or without `-D` and `-nn`) → one record per device: class, ids, Express port
 * type, PCIe link capability and status, NUMA node, driver. Tabs or spaces for indentation (output
 * pasted from a terminal loses its tabs). Pure and total: odd input gives issues, never a throw.
 */
import type { ParseIssue, ParseResult, PciDeviceRecord, PcieLinkState } from '../records';
import { normalisePciAddress } from './pci-address';
import { checkInput, failure, intOrNull, pcieGenFromGTs, textOrNull, toLines, warning } from './text-kit';

export { parseLspciTree } from './parse-lspci-tree';

/** A device with the extra facts `lspci -vvv` prints beyond `PciDeviceRecord`. */
export interface LspciDevice extends PciDeviceRecord {
  /** `Physical Slot: 3` as printed (a slot number or name), null when absent. */
  readonly physicalSlot: string | null;
  /** `Kernel modules:` list, empty when absent. */
  readonly kernelModules: readonly string[];
  /** `LnkCap2: Supported Link Speeds` as printed, e.g. `2.5-16GT/s`. */
  readonly supportedLinkSpeeds: string | null;
  /** `LnkCtl2: Target Link Speed` in GT/s (what the port is asked to train to), e.g. 16. */
  readonly targetLinkSpeedGTs: number | null;
  /** `LnkCap: Port #N`. */
  readonly linkPort: number | null;
}

/** `01:00.0 VGA compatible controller [0300]: NVIDIA … [10de:2684] (rev a1)` */
const HEADER = /^((?:[0-9a-f]{4,8}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\s+(.*)$/i;
const ID_PAIR = /\s*\[([0-9a-f]{4}):([0-9a-f]{4})\]/i;
const DETAIL = /^\s+([A-Za-z][A-Za-z0-9 ]*?):\s?(.*)$/;

interface Draft {
  address: string;
  className: string | null;
  classCode: string | null;
  vendorId: string | null;
  deviceId: string | null;
  description: string;
  fields: Map<string, string>;
}

/** Parse `lspci -vvv` text. Devices keep the order lspci printed them in. */
export function parseLspci(text: string): ParseResult<LspciDevice[]> {
  const input = checkInput(text, 'lspci');
  if (input.text === null) return { value: [], issues: input.issue ? [input.issue] : [] };
  const issues: ParseIssue[] = [];
  const drafts = collectDrafts(toLines(input.text), issues);
  const devices = drafts.map(finishDevice);
  if (devices.length === 0) issues.push(failure('lspci: no device header line (`01:00.0 Class: …`) found'));
  const hidden = drafts.filter((d) => d.fields.get('Capabilities')?.includes('<access denied>')).length;
  if (hidden > 0) {
    issues.push(
      warning(
        `lspci: capabilities of ${hidden} device(s) read as <access denied>; run lspci as root to see PCIe links`,
      ),
    );
  }
  return { value: devices, issues };
}

function collectDrafts(lines: readonly string[], issues: ParseIssue[]): Draft[] {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  let stray = 0;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const header = /^\S/.test(line) ? HEADER.exec(line) : null;
    if (header) {
      current = startDraft(header[1] ?? '', header[2] ?? '', i + 1, issues);
      if (current) drafts.push(current);
      return;
    }
    const detail = current ? DETAIL.exec(line) : null;
    if (current && detail) recordDetail(current, detail[1] ?? '', detail[2] ?? '');
    else if (!current) stray += 1;
  });
  if (stray > 0) issues.push(warning(`lspci: ${stray} line(s) before the first device were ignored`, 1));
  return drafts;
}

function startDraft(rawAddress: string, rest: string, line: number, issues: ParseIssue[]): Draft | null {
  const address = normalisePciAddress(rawAddress);
  if (!address) {
    issues.push(warning(`lspci: bad device address ${rawAddress}`, line));
    return null;
  }
  const colon = rest.indexOf(': ');
  const classPart = colon >= 0 ? rest.slice(0, colon) : '';
  const descPart = colon >= 0 ? rest.slice(colon + 2) : rest;
  const classMatch = /^(.*?)\s*\[([0-9a-f]{4})\]$/i.exec(classPart);
  const ids = ID_PAIR.exec(descPart);
  return {
    address,
    className: textOrNull(classMatch ? classMatch[1] : classPart),
    classCode: classMatch?.[2]?.toLowerCase() ?? null,
    vendorId: ids?.[1]?.toLowerCase() ?? null,
    deviceId: ids?.[2]?.toLowerCase() ?? null,
    description: descPart.replace(ID_PAIR, '').trim(),
    fields: new Map(),
  };
}

/** Keep the first value of each key: later nested keys (e.g. `Status`) must not overwrite. */
function recordDetail(draft: Draft, key: string, value: string): void {
  if (key === 'Capabilities') {
    const previous = draft.fields.get(key);
    draft.fields.set(key, previous ? `${previous}\n${value}` : value);
    return;
  }
  if (!draft.fields.has(key)) draft.fields.set(key, value.trim());
}

function finishDevice(d: Draft): LspciDevice {
  const f = d.fields;
  const modules = f.get('Kernel modules');
  return {
    address: d.address,
    className: d.className,
    classCode: d.classCode,
    vendorId: d.vendorId,
    deviceId: d.deviceId,
    description: d.description,
    subsystem: textOrNull(f.get('Subsystem')?.replace(ID_PAIR, '')),
    expressPortType: expressPortType(f.get('Capabilities') ?? ''),
    linkCapability: parseLink(f.get('LnkCap')),
    linkStatus: parseLink(f.get('LnkSta')),
    numaNode: intOrNull(f.get('NUMA node')),
    driver: textOrNull(f.get('Kernel driver in use')),
    physicalSlot: textOrNull(f.get('Physical Slot')),
    kernelModules: modules
      ? modules
          .split(',')
          .map((m) => m.trim())
          .filter((m) => m !== '')
      : [],
    supportedLinkSpeeds: /Supported Link Speeds:\s*([^,]+)/.exec(f.get('LnkCap2') ?? '')?.[1]?.trim() ?? null,
    targetLinkSpeedGTs: gts(/Target Link Speed:\s*([\d.]+)GT\/s/.exec(f.get('LnkCtl2') ?? '')?.[1]),
    linkPort: intOrNull(/Port #(\d+)/.exec(f.get('LnkCap') ?? '')?.[1]),
  };
}

/** `[78] Express (v2) Legacy Endpoint, MSI 00` → `Legacy Endpoint`; `Root Port (Slot+)` → `Root Port`. */
function expressPortType(capabilities: string): string | null {
  const m = /\] Express (?:\(v\d+\) )?([^,\n]+?)(?: \(Slot[+-]\))?(?:,|\n|$)/.exec(capabilities);
  return textOrNull(m?.[1]);
}

/** `Speed 2.5GT/s (downgraded), Width x16 (ok)` → speed, gen, width and the flags. */
export function parseLink(raw: string | undefined): PcieLinkState | null {
  if (raw === undefined) return null;
  const speed = /Speed\s+(?:([\d.]+)GT\/s|unknown)(?:\s+\((\w+)\))?/.exec(raw);
  const width = /Width\s+x(\d+)(?:\s+\((\w+)\))?/.exec(raw);
  if (!speed && !width) return null;
  const speedGTs = gts(speed?.[1]);
  return {
    speedGTs,
    gen: pcieGenFromGTs(speedGTs),
    width: intOrNull(width?.[1]),
    speedFlag: speed?.[2] ?? null,
    widthFlag: width?.[2] ?? null,
  };
}

function gts(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}
