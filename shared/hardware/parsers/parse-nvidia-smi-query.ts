/**
 * `nvidia-smi --query-gpu=<fields> --format=csv[,nounits]` with its header row. Columns are found
 * by header name (captures range from 15 to 239 columns, in driver-specific order); a unit in the
 * header (`memory.total [MiB]`) is dropped from the name. Values may carry units (`8192 MiB`,
 * `250.00 W`) or not (nounits); `[N/A]`, `N/A`, `[Not Supported]`, `[Unknown Error]` read as null.
 */
import type { NvidiaGpuField } from './nvidia-values';
import type { NvidiaGpuRecord, NvidiaSmiRecord, ParseIssue, ParseResult } from '../records';
import { buildNvidiaGpuRecord, parseIntValue, readerFromAlternatives, splitLines } from './nvidia-values';
import { capGpus } from './gpu-cap';

/** Query field names per record field, first present one wins (older drivers use the `gpu_` aliases). */
const CSV_FIELDS: Readonly<Partial<Record<NvidiaGpuField, readonly string[]>>> = {
  index: ['index'],
  name: ['name', 'gpu_name'],
  uuid: ['uuid', 'gpu_uuid'],
  pciBusId: ['pci.bus_id', 'gpu_bus_id'],
  pciDeviceId: ['pci.device_id'],
  vramTotal: ['memory.total'],
  vramUsed: ['memory.used'],
  powerLimit: ['power.limit', 'enforced.power.limit'],
  powerDefaultLimit: ['power.default_limit'],
  powerMaxLimit: ['power.max_limit'],
  pcieGenCurrent: ['pcie.link.gen.current', 'pcie.link.gen.gpucurrent'],
  pcieGenMax: ['pcie.link.gen.max'],
  pcieGenMaxDevice: ['pcie.link.gen.gpumax'],
  pcieGenMaxHost: ['pcie.link.gen.hostmax'],
  pcieWidthCurrent: ['pcie.link.width.current'],
  pcieWidthMax: ['pcie.link.width.max'],
  temperature: ['temperature.gpu'],
  driverVersion: ['driver_version'],
  computeCapability: ['compute_cap'],
  migMode: ['mig.mode.current'],
  driverModel: ['driver_model.current'],
};

const EMPTY: NvidiaSmiRecord = { driverVersion: null, cudaVersion: null, attachedGpus: null, gpus: [] };

/** A query field name as printed in the header, e.g. `memory.total` or `clocks_event_reasons.gpu_idle`. */
const HEADER_CELL = /^[A-Za-z][A-Za-z0-9_.]*$/;

/** Parse the CSV query output. Total: odd input gives issues and an empty or partial record. */
export function parseNvidiaSmiQuery(text: string): ParseResult<NvidiaSmiRecord> {
  const issues: ParseIssue[] = [];
  const lines = splitLines(text)
    .map((line, i) => ({ text: line, line: i + 1 }))
    .filter((l) => l.text.trim() !== '');
  const first = lines[0];
  if (!first)
    return { value: EMPTY, issues: [{ severity: 'error', message: 'empty nvidia-smi CSV output' }] };
  const header = parseHeader(first.text);
  if (!header) {
    const message = `first line is not a --format=csv header (noheader output or an error?): "${first.text.trim().slice(0, 200)}"`;
    return { value: EMPTY, issues: [{ severity: 'error', message, line: first.line }] };
  }
  const gpus: NvidiaGpuRecord[] = [];
  let count: number | null = null;
  for (const row of capGpus(lines.slice(1), issues, 'nvidia-smi --query-gpu')) {
    const cells = splitCsvRow(row.text);
    if (cells.length !== header.length) {
      const message = `row has ${cells.length} cells but the header has ${header.length} columns`;
      issues.push({ severity: 'warning', message, line: row.line });
    }
    const byName = new Map(header.map((name, i) => [name, cells[i]] as const));
    const read = readerFromAlternatives((key) => byName.get(key), CSV_FIELDS);
    gpus.push(buildNvidiaGpuRecord(read, gpus.length, issues));
    count ??= parseIntValue(byName.get('count'));
  }
  if (gpus.length === 0) issues.push({ severity: 'warning', message: 'CSV header without any GPU rows' });
  const driverVersion = gpus.find((g) => g.driverVersion !== null)?.driverVersion ?? null;
  return { value: { driverVersion, cudaVersion: null, attachedGpus: count, gpus }, issues };
}

/** Header names with units removed, or null when the line does not look like a query header. */
function parseHeader(line: string): string[] | null {
  const names = splitCsvRow(line).map((cell) => cell.replace(/\s*\[[^\]]*\]$/, ''));
  return names.length > 0 && names.every((n) => HEADER_CELL.test(n)) ? names : null;
}

/** nvidia-smi separates cells with `, ` and never quotes; product names contain no commas. */
function splitCsvRow(line: string): string[] {
  return line.split(',').map((cell) => cell.trim());
}
