/**
 * `nvidia-smi -q -x` (schemas nvsmi_device v10–v13). Differences handled here: power limits in
 * `<power_readings>` (≤ 525) or `<gpu_power_readings>` (≥ 535), `max_device_link_gen` /
 * `max_host_link_gen` only in v12+, `N/A` for `minor_number` on Windows and for link info on vGPU,
 * MIG devices carrying their own `fb_memory_usage` (never read as GPUs). Compute capability is
 * absent from these schemas, so it stays null. A truncated or damaged file gives an error issue
 * and every `<gpu>` block that is still complete.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { NvidiaGpuField } from './nvidia-values';
import type { NvidiaGpuRecord, NvidiaSmiRecord, ParseIssue, ParseResult } from '../records';
import { buildNvidiaGpuRecord, cleanValue, parseIntValue, readerFromAlternatives } from './nvidia-values';
import { capGpus } from './gpu-cap';

/** Dotted paths inside one `<gpu>` element per record field, first with a real value wins. */
const XML_FIELDS: Readonly<Partial<Record<NvidiaGpuField, readonly string[]>>> = {
  minorNumber: ['minor_number'],
  name: ['product_name'],
  uuid: ['uuid'],
  pciBusId: ['pci.pci_bus_id', '@_id'],
  pciDeviceId: ['pci.pci_device_id'],
  vramTotal: ['fb_memory_usage.total'],
  vramUsed: ['fb_memory_usage.used'],
  powerLimit: [
    'gpu_power_readings.current_power_limit',
    'power_readings.power_limit',
    'power_readings.current_power_limit',
    'power_readings.enforced_power_limit',
  ],
  powerDefaultLimit: ['gpu_power_readings.default_power_limit', 'power_readings.default_power_limit'],
  powerMaxLimit: ['gpu_power_readings.max_power_limit', 'power_readings.max_power_limit'],
  pcieGenCurrent: ['pci.pci_gpu_link_info.pcie_gen.current_link_gen'],
  pcieGenMax: ['pci.pci_gpu_link_info.pcie_gen.max_link_gen'],
  pcieGenMaxDevice: ['pci.pci_gpu_link_info.pcie_gen.max_device_link_gen'],
  pcieGenMaxHost: ['pci.pci_gpu_link_info.pcie_gen.max_host_link_gen'],
  pcieWidthCurrent: ['pci.pci_gpu_link_info.link_widths.current_link_width'],
  pcieWidthMax: ['pci.pci_gpu_link_info.link_widths.max_link_width'],
  temperature: ['temperature.gpu_temp'],
  migMode: ['mig_mode.current_mig'],
  driverModel: ['driver_model.current_dm'],
  architecture: ['product_architecture'],
};

const EMPTY: NvidiaSmiRecord = { driverVersion: null, cudaVersion: null, attachedGpus: null, gpus: [] };

/** A complete `<gpu …>…</gpu>` element; `<gpu_…>` children do not match (`\b` stops at `_`). */
const GPU_BLOCK = /<gpu\b[^>]*>[\s\S]*?<\/gpu>/g;

type XmlNode = Record<string, unknown>;

/** Parse `nvidia-smi -q -x`. Total: never throws; odd input gives issues. */
export function parseNvidiaSmiXml(text: string): ParseResult<NvidiaSmiRecord> {
  if (typeof text !== 'string' || text.trim() === '') {
    return { value: EMPTY, issues: [{ severity: 'error', message: 'empty nvidia-smi XML output' }] };
  }
  const issues: ParseIssue[] = [];
  const valid = safeValidate(text);
  const log = valid === true ? parseDocument(text, issues) : salvage(text, valid.err, issues);
  if (!log) return { value: EMPTY, issues };
  return { value: toRecord(log, issues), issues };
}

function newParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    trimValues: true,
    isArray: (name) => name === 'gpu',
  });
}

function parseDocument(text: string, issues: ParseIssue[]): XmlNode | null {
  const doc = safeParse(text);
  const log = doc ? asNode(doc['nvidia_smi_log']) : null;
  if (!log)
    issues.push({
      severity: 'error',
      message: 'no <nvidia_smi_log> root element: not nvidia-smi -q -x output',
    });
  return log;
}

/** Damaged XML: keep the header leaves and every complete, well-formed `<gpu>` block. */
function salvage(text: string, err: { msg: string; line: number }, issues: ParseIssue[]): XmlNode | null {
  issues.push({ severity: 'error', message: `malformed or truncated XML: ${err.msg}`, line: err.line });
  const gpus: XmlNode[] = [];
  for (const block of text.match(GPU_BLOCK) ?? []) {
    const node = safeValidate(block) === true ? asArray(safeParse(block)?.['gpu'])[0] : undefined;
    if (node) gpus.push(node);
    else issues.push({ severity: 'warning', message: 'skipped a damaged <gpu> block' });
  }
  const head = text.split(/<gpu\b/)[0] ?? '';
  if (gpus.length === 0 && !/<nvidia_smi_log\b/.test(head)) return null;
  const leaf = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(head)?.[1];
  return {
    driver_version: leaf('driver_version'),
    cuda_version: leaf('cuda_version'),
    attached_gpus: leaf('attached_gpus'),
    gpu: gpus,
  };
}

function toRecord(log: XmlNode, issues: ParseIssue[]): NvidiaSmiRecord {
  const driverVersion = cleanValue(asText(log['driver_version']));
  const attachedGpus = parseIntValue(asText(log['attached_gpus']));
  const elements = asArray(log['gpu']);
  const gpus: NvidiaGpuRecord[] = capGpus(elements, issues, 'nvidia-smi -q -x').map((gpu, order) => {
    const read = readerFromAlternatives((path) => asText(getPath(gpu, path)), XML_FIELDS);
    const record = buildNvidiaGpuRecord(read, order, issues);
    return { ...record, driverVersion: record.driverVersion ?? driverVersion };
  });
  if (gpus.length === 0) issues.push({ severity: 'warning', message: 'no <gpu> element in the XML' });
  if (attachedGpus !== null && attachedGpus !== elements.length) {
    const message = `attached_gpus says ${attachedGpus} but the file holds ${elements.length} <gpu> element(s)`;
    issues.push({ severity: 'warning', message });
  }
  return { driverVersion, cudaVersion: cleanValue(asText(log['cuda_version'])), attachedGpus, gpus };
}

function safeValidate(text: string): true | { err: { msg: string; line: number } } {
  try {
    return XMLValidator.validate(text);
  } catch (e) {
    return { err: { msg: e instanceof Error ? e.message : String(e), line: 1 } };
  }
}

function safeParse(text: string): XmlNode | null {
  try {
    return asNode(newParser().parse(text));
  } catch {
    return null;
  }
}

function getPath(node: XmlNode, path: string): unknown {
  let current: unknown = node;
  for (const key of path.split('.')) {
    const obj = asNode(Array.isArray(current) ? current[0] : current);
    if (!obj) return undefined;
    current = obj[key];
  }
  return current;
}

function asNode(value: unknown): XmlNode | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : null;
}

function asArray(value: unknown): XmlNode[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(asNode).filter((n): n is XmlNode => n !== null);
}

/** Leaf text: a string, or `#text` of an element that also has attributes. */
function asText(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  const text = asNode(v)?.['#text'];
  return typeof text === 'string' || typeof text === 'number' ? String(text) : null;
}
