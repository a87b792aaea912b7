/**
 * Plain `nvidia-smi -q`: a `Key : Value` report nested by indentation, one `GPU 00000000:01:00.0`
 * section per GPU. Written from NVIDIA's documented layout (nvidia-smi(1), "Query" section): no real
 * capture of it is in the fixtures, so prefer `-q -x` where the XML is available. Sections are
 * read as paths (`PCI/GPU Link Info/PCIe Generation/Max`), so the `FB Memory Usage` of a MIG
 * device (`MIG Devices/…/FB Memory Usage/Total`) is never taken for the GPU's own.
 */
import type { NvidiaGpuField } from './nvidia-values';
import type { NvidiaGpuRecord, NvidiaSmiRecord, ParseIssue, ParseResult } from '../records';
import { capGpus } from './gpu-cap';
import {
  buildNvidiaGpuRecord,
  cleanValue,
  parseIntValue,
  readerFromAlternatives,
  splitLines,
} from './nvidia-values';

/** Section paths per record field (driver ≤ 525 says `Power Readings`, ≥ 535 `GPU Power Readings`). */
const TEXT_FIELDS: Readonly<Partial<Record<NvidiaGpuField, readonly string[]>>> = {
  minorNumber: ['Minor Number'],
  name: ['Product Name'],
  uuid: ['GPU UUID'],
  pciBusId: ['PCI/Bus Id', '@section'],
  pciDeviceId: ['PCI/Device Id'],
  vramTotal: ['FB Memory Usage/Total'],
  vramUsed: ['FB Memory Usage/Used'],
  powerLimit: [
    'GPU Power Readings/Current Power Limit',
    'Power Readings/Power Limit',
    'Power Readings/Current Power Limit',
    'Power Readings/Enforced Power Limit',
  ],
  powerDefaultLimit: ['GPU Power Readings/Default Power Limit', 'Power Readings/Default Power Limit'],
  powerMaxLimit: ['GPU Power Readings/Max Power Limit', 'Power Readings/Max Power Limit'],
  pcieGenCurrent: ['PCI/GPU Link Info/PCIe Generation/Current'],
  pcieGenMax: ['PCI/GPU Link Info/PCIe Generation/Max'],
  pcieGenMaxDevice: ['PCI/GPU Link Info/PCIe Generation/Device Max'],
  pcieGenMaxHost: ['PCI/GPU Link Info/PCIe Generation/Host Max'],
  pcieWidthCurrent: ['PCI/GPU Link Info/Link Width/Current'],
  pcieWidthMax: ['PCI/GPU Link Info/Link Width/Max'],
  temperature: ['Temperature/GPU Current Temp'],
  migMode: ['MIG Mode/Current'],
  driverModel: ['Driver Model/Current'],
  architecture: ['Product Architecture'],
};

/** `GPU 00000000:01:00.0` opens a GPU section. */
const GPU_SECTION = /^GPU\s+([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-7])\s*$/;

interface Section {
  /** Path → value; the GPU's own address under `@section`. */
  readonly values: Map<string, string>;
}

/** Parse `nvidia-smi -q`. Total: never throws; odd input gives issues. */
export function parseNvidiaSmiQText(text: string): ParseResult<NvidiaSmiRecord> {
  const issues: ParseIssue[] = [];
  const { top, gpus } = readSections(text);
  if (gpus.length === 0 && !top.values.has('Driver Version')) {
    issues.push({
      severity: 'error',
      message: 'no "Driver Version" and no "GPU <bus id>" section: not nvidia-smi -q output',
    });
  } else if (gpus.length === 0) {
    issues.push({ severity: 'warning', message: 'no "GPU <bus id>" section found' });
  }
  const driverVersion = cleanValue(top.values.get('Driver Version'));
  const records: NvidiaGpuRecord[] = capGpus(gpus, issues, 'nvidia-smi -q').map((section, order) => {
    const read = readerFromAlternatives((path) => section.values.get(path), TEXT_FIELDS);
    const record = buildNvidiaGpuRecord(read, order, issues);
    return { ...record, driverVersion: record.driverVersion ?? driverVersion };
  });
  const attachedGpus = parseIntValue(top.values.get('Attached GPUs'));
  if (attachedGpus !== null && attachedGpus !== gpus.length) {
    issues.push({
      severity: 'warning',
      message: `Attached GPUs says ${attachedGpus} but ${gpus.length} GPU section(s) were found`,
    });
  }
  const cudaVersion = cleanValue(top.values.get('CUDA Version'));
  return { value: { driverVersion, cudaVersion, attachedGpus, gpus: records }, issues };
}

/** Walk the lines once, keeping a stack of open sub-sections by indentation. */
function readSections(text: string): { top: Section; gpus: Section[] } {
  const top: Section = { values: new Map() };
  const gpus: Section[] = [];
  let current = top;
  let stack: { indent: number; name: string }[] = [];
  for (const raw of splitLines(text)) {
    const line = raw.replace(/\t/g, '    ').trimEnd();
    if (line.trim() === '' || /^=+/.test(line.trim())) continue;
    const gpu = GPU_SECTION.exec(line.trim());
    if (gpu && indentOf(line) === 0) {
      current = { values: new Map([['@section', gpu[1] ?? '']]) };
      gpus.push(current);
      stack = [];
      continue;
    }
    const indent = indentOf(line);
    stack = stack.filter((s) => s.indent < indent);
    const colon = line.indexOf(':');
    if (colon < 0) {
      stack.push({ indent, name: line.trim() });
      continue;
    }
    const path = [...stack.map((s) => s.name), line.slice(0, colon).trim()].join('/');
    if (!current.values.has(path)) current.values.set(path, line.slice(colon + 1).trim());
  }
  return { top, gpus };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
