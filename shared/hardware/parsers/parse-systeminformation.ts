/**
 * `systeminformation.json`: what the collector stored from systeminformation (cpu, mem, memLayout,
 * baseboard, system, osInfo). Used for CPU, memory layout, baseboard and OS — never for GPUs
 * (on Linux it reports the PCI BAR as VRAM; see STYLE.md).
 */
import { z } from 'zod';
import type { ParseIssue, ParseResult } from '../records';

const str = z.string().nullish().catch(null);
const num = z.number().nullish().catch(null);

const schema = z.object({
  cpu: z
    .object({ manufacturer: str, brand: str, physicalCores: num, cores: num, processors: num })
    .partial()
    .nullish()
    .catch(null),
  mem: z.object({ total: num }).partial().nullish().catch(null),
  memLayout: z
    .array(
      z
        .object({ size: num, type: str, clockSpeed: num, bank: str, manufacturer: str, partNum: str })
        .partial(),
    )
    .nullish()
    .catch(null),
  baseboard: z.object({ manufacturer: str, model: str }).partial().nullish().catch(null),
  system: z.object({ manufacturer: str, model: str }).partial().nullish().catch(null),
  osInfo: z.object({ platform: str, distro: str, release: str, kernel: str }).partial().nullish().catch(null),
});

export interface SystemInformationRecord {
  readonly cpuModel: string | null;
  readonly physicalCores: number | null;
  readonly threads: number | null;
  readonly sockets: number | null;
  readonly memTotalMiB: number | null;
  readonly dimms: readonly {
    sizeMiB: number;
    type: string | null;
    speedMTs: number | null;
    locator: string | null;
  }[];
  readonly baseboard: { manufacturer: string | null; model: string | null };
  readonly system: { manufacturer: string | null; model: string | null };
  readonly os: { name: string | null; kernel: string | null };
}

const MIB = 1024 * 1024;
/** systeminformation fills unknown text fields with these. */
const PLACEHOLDERS = new Set([
  '',
  'default string',
  'to be filled by o.e.m.',
  'unknown',
  'not specified',
  'system product name',
]);
const clean = (value: string | null | undefined): string | null =>
  value && !PLACEHOLDERS.has(value.trim().toLowerCase()) ? value.trim() : null;

export function parseSystemInformation(text: string): ParseResult<SystemInformationRecord | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { value: null, issues: [issue(`not valid JSON: ${(error as Error).message}`)] };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { value: null, issues: [issue('not a systeminformation object')] };
  const { cpu, mem, memLayout, baseboard, system, osInfo } = parsed.data;
  const cpuModel = [clean(cpu?.manufacturer), clean(cpu?.brand)].filter(Boolean).join(' ') || null;
  return {
    value: {
      cpuModel,
      physicalCores: cpu?.physicalCores ?? null,
      threads: cpu?.cores ?? null,
      sockets: cpu?.processors ?? null,
      memTotalMiB: mem?.total ? Math.round(mem.total / MIB) : null,
      dimms: (memLayout ?? [])
        // VMs report one pseudo-DIMM with no type and speed 0: that is not a memory layout.
        .filter((d) => (d.size ?? 0) > 0 && (clean(d.type) !== null || (d.clockSpeed ?? 0) > 0))
        .map((d) => ({
          sizeMiB: Math.round((d.size ?? 0) / MIB),
          type: clean(d.type),
          speedMTs: d.clockSpeed || null,
          locator: clean(d.bank),
        })),
      baseboard: { manufacturer: clean(baseboard?.manufacturer), model: clean(baseboard?.model) },
      system: { manufacturer: clean(system?.manufacturer), model: clean(system?.model) },
      os: {
        name: [clean(osInfo?.distro), clean(osInfo?.release)].filter(Boolean).join(' ') || null,
        kernel: clean(osInfo?.kernel),
      },
    },
    issues: [],
  };
}

const issue = (message: string): ParseIssue => ({ severity: 'error', message });
