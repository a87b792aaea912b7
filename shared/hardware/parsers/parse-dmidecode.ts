/**
 * `dmidecode` (full dump or `-t 1,2,4,9,16,17`) → baseboard, system, processors, PCIe slots and
 * memory. Handles both slot layouts: dmidecode ≤ 3.5 prints `Type: x16 PCI Express 4 x16` (leading
 * `xN` = electrical width, the rest = slot type with the physical width), dmidecode ≥ 3.6 prints
 * `Type: PCI Express 5 x16` plus `Data Bus Width: 16x or x16`. A `Data Bus Width: 0` line (SMBIOS
 * 3.2 records read by 3.4/3.5) is not a width. Pure and total.
 */
import type { DmidecodeRecord, DmiDimmRecord, DmiSlotRecord, ParseIssue, ParseResult } from '../records';
import { normalisePciAddress } from './pci-address';
import { checkInput, failure, intOrNull, textOrNull, toLines, warning } from './text-kit';

/** A slot with the raw pieces the type line was split into. */
export interface DmiSlotDetail extends DmiSlotRecord {
  /** `Type` without the leading electrical width, e.g. `PCI Express 4 x16`, `M.2 Socket 3`. */
  readonly slotType: string | null;
  /** `Data Bus Width` as printed (`16x or x16`, or `0`), null when absent. */
  readonly dataBusWidthRaw: string | null;
  /**
   * Generation named in the designation (`PCIEx16(G5)_1`, `SLOT1 PCI-E 4.0 X16`), or null. Old
   * dmidecode prints Gen4/Gen5 slot types as `<OUT OF SPEC>`; this is then the only hint.
   */
  readonly pcieGenFromDesignation: number | null;
}

/** Everything `parseDmidecode` returns: the record plus versions and detailed slots. */
export interface DmidecodeDetail extends DmidecodeRecord {
  /** `# dmidecode 3.3` → `3.3`. */
  readonly dmidecodeVersion: string | null;
  /** `SMBIOS 3.2.0 present.` → `3.2.0`. */
  readonly smbiosVersion: string | null;
  readonly slots: readonly DmiSlotDetail[];
}

interface DmiBlock {
  readonly type: number;
  readonly handle: string;
  readonly line: number;
  readonly fields: Map<string, string>;
}

const HANDLE = /^Handle (0x[0-9a-f]+), DMI type (\d+)/i;
const DENIED = /Permission denied|Can't read memory from \/dev\/mem|\/dev\/mem: Operation not permitted/i;

/** Parse dmidecode text. `permissionDenied` is set when the text shows dmidecode was refused. */
export function parseDmidecode(text: string): ParseResult<DmidecodeDetail> {
  const input = checkInput(text, 'dmidecode');
  if (input.text === null) return { value: emptyRecord(false), issues: input.issue ? [input.issue] : [] };
  const lines = toLines(input.text);
  const issues: ParseIssue[] = [];
  const permissionDenied = DENIED.test(input.text);
  if (permissionDenied)
    issues.push(failure('dmidecode was denied access to the SMBIOS table; run it as root'));
  const blocks = splitBlocks(lines);
  if (blocks.length === 0 && !permissionDenied) {
    issues.push(failure('dmidecode: no DMI structures (`Handle 0x…, DMI type N`) found'));
  }
  const value: DmidecodeDetail = {
    ...emptyRecord(permissionDenied),
    dmidecodeVersion: /^# dmidecode (\S+)/m.exec(input.text)?.[1] ?? null,
    smbiosVersion: /^SMBIOS (\S+) present/m.exec(input.text)?.[1] ?? null,
    baseboard: baseboardOf(blocks),
    system: systemOf(blocks),
    processors: blocks.filter((b) => b.type === 4 && isPopulated(b)).map(processorOf),
    slots: blocks.filter((b) => b.type === 9).map(slotOf),
    memory: memoryOf(blocks, issues),
  };
  return { value, issues };
}

function emptyRecord(permissionDenied: boolean): DmidecodeDetail {
  const memory = { totalMiB: null, dimmSlots: null, dimms: [] };
  return {
    baseboard: null,
    system: null,
    processors: [],
    slots: [],
    memory,
    permissionDenied,
    dmidecodeVersion: null,
    smbiosVersion: null,
  };
}

/** Split into structures; keep first-level `Key: value` lines (one tab, or up to 8 spaces). */
function splitBlocks(lines: readonly string[]): DmiBlock[] {
  const blocks: DmiBlock[] = [];
  let current: DmiBlock | null = null;
  lines.forEach((line, i) => {
    const handle = HANDLE.exec(line);
    if (handle) {
      current = {
        type: Number(handle[2]),
        handle: (handle[1] ?? '').toLowerCase(),
        line: i + 1,
        fields: new Map(),
      };
      blocks.push(current);
      return;
    }
    const field = current ? /^(\t| {1,8})(?=\S)([^:]+):(.*)$/.exec(line) : null;
    if (!current || !field) return;
    const key = (field[2] ?? '').trim();
    if (!current.fields.has(key)) current.fields.set(key, (field[3] ?? '').trim());
  });
  return blocks;
}

function field(block: DmiBlock | undefined, key: string): string | null {
  return block?.fields.get(key) ?? null;
}

function baseboardOf(blocks: readonly DmiBlock[]): DmidecodeRecord['baseboard'] {
  const b = blocks.find((x) => x.type === 2);
  if (!b) return null;
  return {
    manufacturer: field(b, 'Manufacturer'),
    product: field(b, 'Product Name'),
    version: field(b, 'Version'),
  };
}

function systemOf(blocks: readonly DmiBlock[]): DmidecodeRecord['system'] {
  const b = blocks.find((x) => x.type === 1);
  return b ? { manufacturer: field(b, 'Manufacturer'), product: field(b, 'Product Name') } : null;
}

function isPopulated(b: DmiBlock): boolean {
  return !/Unpopulated/i.test(field(b, 'Status') ?? '');
}

function processorOf(b: DmiBlock): DmidecodeRecord['processors'][number] {
  return {
    socket: field(b, 'Socket Designation'),
    version: field(b, 'Version'),
    cores: intOrNull(field(b, 'Core Count')),
    threads: intOrNull(field(b, 'Thread Count')),
  };
}

function slotOf(b: DmiBlock): DmiSlotDetail {
  const typeRaw = field(b, 'Type');
  const leading = /^x(\d+)\s+(.*)$/.exec(typeRaw ?? '');
  const slotType = leading ? (leading[2] ?? null) : typeRaw;
  const pcie = /^PCI Express(?: (\d+)(?=\s|$))?(?:.*?\bx(\d+)\b)?/.exec(slotType ?? '');
  const dataBusWidthRaw = field(b, 'Data Bus Width');
  const designation = field(b, 'Designation') ?? '';
  return {
    designation,
    typeRaw,
    pcieGen: intOrNull(pcie?.[1]),
    widthElectrical: intOrNull(leading?.[1]) ?? busWidth(dataBusWidthRaw),
    widthPhysical: intOrNull(pcie?.[2]),
    currentUsage: field(b, 'Current Usage'),
    busAddress: normalisePciAddress(field(b, 'Bus Address')),
    slotType,
    dataBusWidthRaw,
    pcieGenFromDesignation: genFromDesignation(designation),
  };
}

/** `16x or x16` → 16; `0` (the SMBIOS 3.2 peer-group field misread as a width) → null. */
function busWidth(raw: string | null): number | null {
  const n = intOrNull(
    /^(\d+)x\b|^x(\d+)$/
      .exec(raw ?? '')
      ?.slice(1)
      .find((g) => g !== undefined),
  );
  return n !== null && n > 0 ? n : null;
}

/** `PCIEx16(G5)_1` → 5, `SLOT1 PCI-E 4.0 X16` → 4, `PCIe5.0X16` → 5, `PCIE1` → null. */
export function genFromDesignation(designation: string): number | null {
  const m =
    /\(G([1-6])\)/i.exec(designation) ??
    /PCI-?E\s*(?:GEN\s*)?([1-6])\.0/i.exec(designation) ??
    /\bGEN\s*([1-6])\b/i.exec(designation);
  return intOrNull(m?.[1]);
}

function memoryOf(blocks: readonly DmiBlock[], issues: ParseIssue[]): DmidecodeRecord['memory'] {
  const arrays = blocks.filter((b) => b.type === 16);
  const systemArrays = arrays.filter((b) => /System Memory/i.test(field(b, 'Use') ?? 'System Memory'));
  const otherHandles = new Set(arrays.filter((b) => !systemArrays.includes(b)).map((b) => b.handle));
  const dimms: DmiDimmRecord[] = [];
  for (const b of blocks) {
    if (b.type !== 17 || otherHandles.has((field(b, 'Array Handle') ?? '').toLowerCase())) continue;
    const dimm = dimmOf(b, issues);
    if (dimm) dimms.push(dimm);
  }
  const counts = systemArrays.map((b) => intOrNull(field(b, 'Number Of Devices')));
  return {
    totalMiB: dimms.length > 0 ? dimms.reduce((sum, d) => sum + d.sizeMiB, 0) : null,
    dimmSlots:
      counts.length > 0 && counts.every((c) => c !== null)
        ? counts.reduce<number>((s, c) => s + (c ?? 0), 0)
        : null,
    dimms,
  };
}

function dimmOf(b: DmiBlock, issues: ParseIssue[]): DmiDimmRecord | null {
  const rawSize = field(b, 'Size');
  if (rawSize === null || /No Module Installed|Not Installed|^0\b|Unknown/i.test(rawSize)) return null;
  const sizeMiB = sizeToMiB(rawSize);
  if (sizeMiB === null) {
    issues.push(warning(`dmidecode: memory device size "${rawSize}" not understood`, b.line));
    return null;
  }
  return {
    locator: field(b, 'Locator'),
    bankLocator: field(b, 'Bank Locator'),
    sizeMiB,
    type: field(b, 'Type'),
    speedMTs: speedOf(field(b, 'Speed')),
    configuredSpeedMTs: speedOf(field(b, 'Configured Memory Speed') ?? field(b, 'Configured Clock Speed')),
    manufacturer: textOrNull(field(b, 'Manufacturer')),
    partNumber: textOrNull(field(b, 'Part Number')),
  };
}

const MIB_PER_UNIT: Readonly<Record<string, number>> = {
  kB: 1 / 1024,
  KB: 1 / 1024,
  MB: 1,
  GB: 1024,
  TB: 1024 * 1024,
};

/** `32 GB` → 32768, `16384 MB` → 16384 (dmidecode's MB/GB are binary units). */
function sizeToMiB(raw: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(kB|KB|MB|GB|TB)$/.exec(raw.trim());
  const factor = m ? MIB_PER_UNIT[m[2] ?? ''] : undefined;
  return m && factor !== undefined ? Math.round(Number(m[1]) * factor) : null;
}

/** `3200 MT/s` → 3200; older dmidecode prints the same number as `MHz`. */
function speedOf(raw: string | null): number | null {
  return intOrNull(/^(\d+)\s*(?:MT\/s|MHz)$/.exec(raw ?? '')?.[1]);
}
