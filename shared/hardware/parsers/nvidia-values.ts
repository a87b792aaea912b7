/**
 * Value helpers shared by the nvidia-smi parsers (CSV query, `-q -x` XML, `-q` text): what counts
 * as "no value", numbers with units, and one builder that turns a field reader into a
 * `NvidiaGpuRecord`, so the three formats convert values the same way.
 */
import type { NvidiaGpuRecord, ParseIssue } from '../records';
import { normalisePciAddress } from './pci-address';

/** Texts nvidia-smi prints instead of a value (compared case-insensitively, brackets stripped). */
const UNAVAILABLE = new Set([
  '',
  'n/a',
  'not supported',
  'not available',
  'unknown',
  'unknown error',
  'insufficient permissions',
  'requested functionality has been deprecated',
  'gpu requires reset',
  'gpu is lost',
  'no data',
  'function not found',
]);

/** Built from a char code so no control character sits in a regex literal. */
const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

/** Split text into lines (LF, CRLF or CR). Non-string input yields no lines. */
export function splitLines(text: unknown): string[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** Remove ANSI escape sequences (`ESC[4m` underline etc.) that nvidia-smi emits in `topo -m`. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, '');
}

/** True for `N/A`, `[N/A]`, `[Not Supported]`, `[Unknown Error]`, any other `[…]` status, or blank. */
export function isUnavailable(raw: string | null | undefined): boolean {
  if (typeof raw !== 'string') return true;
  const t = raw.trim();
  if (/^\[.*\]$/.test(t)) return true;
  return UNAVAILABLE.has(t.toLowerCase());
}

/** Trimmed value, or null when nvidia-smi printed a placeholder instead of a value. */
export function cleanValue(raw: string | null | undefined): string | null {
  return isUnavailable(raw) ? null : (raw as string).trim();
}

/**
 * Leading number of a value with an optional unit: `8192 MiB` → 8192, `250.00 W` → 250,
 * `16x` → 16, `36 C` → 36, `5` → 5. Null for placeholders and non-numbers.
 */
export function parseLeadingNumber(raw: string | null | undefined): number | null {
  const t = cleanValue(raw);
  if (t === null) return null;
  const m = /^[-+]?\d+(?:\.\d+)?/.exec(t);
  if (!m) return null;
  const n = Number.parseFloat(m[0]);
  return Number.isFinite(n) ? n : null;
}

/** An integer value (`3`, `0x1` is not accepted); null when absent or not an integer. */
export function parseIntValue(raw: string | null | undefined): number | null {
  const n = parseLeadingNumber(raw);
  return n !== null && Number.isInteger(n) ? n : null;
}

/** Memory in MiB: `81559 MiB`, bare `81559` (nounits: MiB assumed), `80 GiB`, `1024 KiB`. */
export function parseMiB(raw: string | null | undefined): number | null {
  const n = parseLeadingNumber(raw);
  if (n === null) return null;
  const unit = /([KMGT]i?B)\s*$/i.exec((raw ?? '').trim())?.[1]?.toLowerCase() ?? 'mib';
  const factor: Record<string, number> = {
    kib: 1 / 1024,
    kb: 1 / 1024,
    mib: 1,
    mb: 1,
    gib: 1024,
    gb: 1024,
    tib: 1024 * 1024,
    tb: 1024 * 1024,
  };
  return n * (factor[unit] ?? 1);
}

/** PCI device id as `0x` + upper-case hex (`2BB410DE` and `0x2bb410de` → `0x2BB410DE`). */
export function normaliseDeviceId(raw: string | null | undefined): string | null {
  const t = cleanValue(raw);
  if (t === null) return null;
  const m = /^(?:0x)?([0-9a-f]{4,8})$/i.exec(t);
  return m ? `0x${(m[1] ?? '').toUpperCase()}` : t;
}

/** The per-GPU facts every nvidia-smi format can supply, by record meaning rather than source name. */
export type NvidiaGpuField =
  | 'index'
  | 'minorNumber'
  | 'name'
  | 'uuid'
  | 'pciBusId'
  | 'pciDeviceId'
  | 'vramTotal'
  | 'vramUsed'
  | 'powerLimit'
  | 'powerDefaultLimit'
  | 'powerMaxLimit'
  | 'pcieGenCurrent'
  | 'pcieGenMax'
  | 'pcieGenMaxDevice'
  | 'pcieGenMaxHost'
  | 'pcieWidthCurrent'
  | 'pcieWidthMax'
  | 'temperature'
  | 'driverVersion'
  | 'computeCapability'
  | 'migMode'
  | 'driverModel'
  | 'architecture';

/** Raw text of one field as printed (placeholders allowed), or null/undefined when the source lacks it. */
export type NvidiaFieldReader = (field: NvidiaGpuField) => string | null | undefined;

/**
 * Build a record from a reader. `fallbackIndex` is used when the source has no index (XML, `-q`
 * text: order in file, which nvidia-smi prints in PCI bus order). Issues about this GPU (an
 * unreadable bus id) are pushed to `issues`.
 */
export function buildNvidiaGpuRecord(
  read: NvidiaFieldReader,
  fallbackIndex: number | null,
  issues: ParseIssue[],
): NvidiaGpuRecord {
  const rawBus = cleanValue(read('pciBusId'));
  const pciBusId = normalisePciAddress(rawBus);
  if (rawBus !== null && pciBusId === null) {
    issues.push({
      severity: 'warning',
      message: `GPU ${fallbackIndex ?? '?'}: unreadable PCI bus id "${rawBus}"`,
    });
  }
  return {
    index: parseIntValue(read('index')) ?? fallbackIndex,
    minorNumber: parseIntValue(read('minorNumber')),
    name: cleanValue(read('name')),
    uuid: cleanValue(read('uuid')),
    pciBusId,
    pciDeviceId: normaliseDeviceId(read('pciDeviceId')),
    vramTotalMiB: parseMiB(read('vramTotal')),
    vramUsedMiB: parseMiB(read('vramUsed')),
    powerLimitW: parseLeadingNumber(read('powerLimit')),
    powerDefaultLimitW: parseLeadingNumber(read('powerDefaultLimit')),
    powerMaxLimitW: parseLeadingNumber(read('powerMaxLimit')),
    pcieGenCurrent: parseIntValue(read('pcieGenCurrent')),
    pcieGenMax: parseIntValue(read('pcieGenMax')),
    pcieGenMaxDevice: parseIntValue(read('pcieGenMaxDevice')),
    pcieGenMaxHost: parseIntValue(read('pcieGenMaxHost')),
    pcieWidthCurrent: parseIntValue(read('pcieWidthCurrent')),
    pcieWidthMax: parseIntValue(read('pcieWidthMax')),
    temperatureC: parseLeadingNumber(read('temperature')),
    driverVersion: cleanValue(read('driverVersion')),
    computeCapability: cleanValue(read('computeCapability')),
    migMode: cleanValue(read('migMode')),
    driverModel: cleanValue(read('driverModel')),
    architecture: cleanValue(read('architecture')),
  };
}

/** A reader over alternative source keys per field: the first alternative with a real value wins. */
export function readerFromAlternatives(
  lookup: (key: string) => string | null | undefined,
  alternatives: Readonly<Partial<Record<NvidiaGpuField, readonly string[]>>>,
): NvidiaFieldReader {
  return (field) => {
    let placeholder: string | null | undefined;
    for (const key of alternatives[field] ?? []) {
      const v = lookup(key);
      if (!isUnavailable(v)) return v;
      placeholder ??= v;
    }
    return placeholder;
  };
}
