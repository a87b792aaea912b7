/**
 * NVIDIA GPUs from up to three nvidia-smi outputs (CSV query, `-q -x`, `-q` text), joined on the
 * normalised PCI address — never on the model name, since identical cards are common — and on
 * the position in the list only when a source lacks bus ids.
 */
import type { CaptureFileName } from '../capture-format';
import type { NvidiaGpuRecord, NvidiaSmiRecord } from '../records';

export interface SourcedNvidiaGpu {
  readonly record: NvidiaGpuRecord;
  /** Field name → file it came from. */
  readonly sources: Readonly<Record<string, CaptureFileName>>;
}

type Field = keyof NvidiaGpuRecord;

/** Order of preference: the CSV has `index` and `compute_cap`; the XML is the fuller record. */
const SOURCES_BY_PREFERENCE: readonly CaptureFileName[] = [
  'nvidia-smi-query.csv',
  'nvidia-smi-q.xml',
  'nvidia-smi-q.txt',
];

function keyOf(gpu: NvidiaGpuRecord, position: number): string {
  return gpu.pciBusId ?? gpu.uuid ?? `#${position}`;
}

export function mergeNvidiaRecords(
  inputs: Partial<Record<CaptureFileName, NvidiaSmiRecord | null>>,
): SourcedNvidiaGpu[] {
  const byKey = new Map<
    string,
    { fields: Partial<Record<Field, unknown>>; sources: Record<string, CaptureFileName>; order: number }
  >();
  for (const file of SOURCES_BY_PREFERENCE) {
    const record = inputs[file];
    if (!record) continue;
    record.gpus.forEach((gpu, position) => {
      const key = keyOf(gpu, position);
      const entry = byKey.get(key) ?? { fields: {}, sources: {}, order: byKey.size };
      for (const [field, value] of Object.entries(gpu) as [Field, unknown][]) {
        if (value === null || value === undefined || entry.fields[field] !== undefined) continue;
        entry.fields[field] = value;
        entry.sources[field] = file;
      }
      // A driver-wide value belongs to every GPU of that file.
      if (entry.fields.driverVersion === undefined && record.driverVersion) {
        entry.fields.driverVersion = record.driverVersion;
        entry.sources.driverVersion = file;
      }
      byKey.set(key, entry);
    });
  }
  return [...byKey.values()]
    .sort((a, b) => a.order - b.order)
    .map(({ fields, sources }) => ({ record: fillNulls(fields), sources }));
}

const EMPTY: NvidiaGpuRecord = {
  index: null,
  minorNumber: null,
  name: null,
  uuid: null,
  pciBusId: null,
  pciDeviceId: null,
  vramTotalMiB: null,
  vramUsedMiB: null,
  powerLimitW: null,
  powerDefaultLimitW: null,
  powerMaxLimitW: null,
  pcieGenCurrent: null,
  pcieGenMax: null,
  pcieGenMaxDevice: null,
  pcieGenMaxHost: null,
  pcieWidthCurrent: null,
  pcieWidthMax: null,
  temperatureC: null,
  driverVersion: null,
  computeCapability: null,
  migMode: null,
  driverModel: null,
  architecture: null,
};

function fillNulls(fields: Partial<Record<Field, unknown>>): NvidiaGpuRecord {
  return { ...EMPTY, ...(fields as Partial<NvidiaGpuRecord>) };
}

/**
 * The highest generation the link can reach: the lower of what the card and the host support.
 * Newer drivers report both; older ones one `max` that already means the card's maximum.
 */
export function effectiveGenMax(gpu: NvidiaGpuRecord): number | null {
  const { pcieGenMaxDevice: device, pcieGenMaxHost: host, pcieGenMax: max } = gpu;
  if (device !== null && host !== null) return Math.min(device, host);
  return max ?? device ?? host;
}
