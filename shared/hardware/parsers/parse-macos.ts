/**
 * macOS `system_profiler SPDisplaysDataType -json` and `SPHardwareDataType -json`.
 * Apple silicon GPUs share the system's unified memory; Intel Macs report discrete VRAM ("8 GB").
 * Written from Apple's documented JSON keys; no public capture was available for a golden test.
 */
import type { ParseIssue, ParseResult } from '../records';

export interface MacGpuRecord {
  readonly name: string;
  readonly vendor: 'apple' | 'amd' | 'intel' | 'nvidia' | 'other';
  /** Discrete VRAM in MiB; null for Apple silicon (unified memory). */
  readonly vramMiB: number | null;
  readonly cores: number | null;
}

export interface MacHardwareRecord {
  readonly chip: string | null;
  readonly model: string | null;
  readonly memoryMiB: number | null;
  /** `proc 12:8:4` → 12 cores. */
  readonly cores: number | null;
}

/** "64 GB" → 65536, "1536 MB" → 1536. */
export function parseMacSize(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = /^\s*([\d.]+)\s*(TB|GB|MB)\s*$/i.exec(text);
  if (!m) return null;
  const factor = { TB: 1024 * 1024, GB: 1024, MB: 1 }[m[2]!.toUpperCase() as 'TB' | 'GB' | 'MB'];
  return Math.round(Number(m[1]) * factor);
}

function readArray(text: string, key: string, issues: ParseIssue[]): Record<string, unknown>[] {
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    const list = data?.[key];
    if (Array.isArray(list))
      return list.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
    issues.push({ severity: 'error', message: `no ${key} array` });
  } catch (error) {
    issues.push({ severity: 'error', message: `not valid JSON: ${(error as Error).message}` });
  }
  return [];
}

function vendorOf(raw: unknown, name: string): MacGpuRecord['vendor'] {
  const text = `${typeof raw === 'string' ? raw : ''} ${name}`.toLowerCase();
  if (text.includes('apple')) return 'apple';
  if (text.includes('amd') || text.includes('ati') || text.includes('radeon')) return 'amd';
  if (text.includes('intel')) return 'intel';
  if (text.includes('nvidia')) return 'nvidia';
  return 'other';
}

export function parseMacDisplays(text: string): ParseResult<MacGpuRecord[]> {
  const issues: ParseIssue[] = [];
  const gpus = readArray(text, 'SPDisplaysDataType', issues).map((entry) => {
    const name = String(entry.sppci_model ?? entry._name ?? 'Unknown GPU');
    const vendor = vendorOf(entry.spdisplays_vendor ?? entry.sppci_vendor, name);
    const vram = parseMacSize(
      entry.spdisplays_vram ?? entry._spdisplays_vram ?? entry.spdisplays_vram_shared,
    );
    const cores = Number.parseInt(String(entry.sppci_cores ?? ''), 10);
    return {
      name,
      vendor,
      vramMiB: vendor === 'apple' ? null : vram,
      cores: Number.isFinite(cores) ? cores : null,
    };
  });
  return { value: gpus, issues };
}

export function parseMacHardware(text: string): ParseResult<MacHardwareRecord | null> {
  const issues: ParseIssue[] = [];
  const [entry] = readArray(text, 'SPHardwareDataType', issues);
  if (!entry) return { value: null, issues };
  const proc = /proc\s+(\d+)/.exec(String(entry.number_processors ?? ''));
  return {
    value: {
      chip:
        typeof entry.chip_type === 'string'
          ? entry.chip_type
          : typeof entry.cpu_type === 'string'
            ? entry.cpu_type
            : null,
      model: typeof entry.machine_model === 'string' ? entry.machine_model : null,
      memoryMiB: parseMacSize(entry.physical_memory),
      cores: proc ? Number(proc[1]) : null,
    },
    issues,
  };
}
