/**
 * Board, CPU, memory, slots and OS. Each value is taken from the most direct source present:
 * firmware tables (dmidecode) and the kernel (/proc, /sys) first, systeminformation next,
 * then the Windows and macOS tools. Every value taken records its file in `sources`.
 */
import type { CaptureFileName } from '../capture-format';
import type { DimmProfile, HardwareProfile, SlotProfile, ValueSource } from '../profile';
import { normalisePciAddress } from '../parsers/pci-address';
import type { ParsedCapture } from './parse-bundle';

/** Text firmware vendors leave in fields they did not fill. */
const PLACEHOLDER =
  /^(system product name|system manufacturer|to be filled by o\.?e\.?m\.?|default string|not specified|not applicable|none|unknown|0123456789|x\.x|)$/i;

type Candidate<T> = readonly [T | null | undefined, CaptureFileName];
export type Sources = Record<string, ValueSource>;

/** The first usable candidate; records where it came from under `field`. */
function first<T>(sources: Sources, field: string, ...candidates: Candidate<T>[]): T | null {
  for (const [value, file] of candidates) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' && PLACEHOLDER.test(value.trim())) continue;
    sources[field] = file;
    return value;
  }
  return null;
}

const sum = (values: (number | null)[]): number | null =>
  values.length > 0 && values.every((v) => v !== null)
    ? values.reduce<number>((a, b) => a + (b as number), 0)
    : null;

export function mergeBoard(p: ParsedCapture, s: Sources): Pick<HardwareProfile, 'baseboard' | 'system'> {
  const dmi = p.dmidecode;
  const si = p.systemInformation;
  return {
    baseboard: {
      manufacturer: first(
        s,
        'baseboard.manufacturer',
        [dmi?.baseboard?.manufacturer, 'dmidecode.txt'],
        [p.dmiId?.boardVendor, 'dmi-id.json'],
        [si?.baseboard.manufacturer, 'systeminformation.json'],
        [p.win.baseboard?.manufacturer, 'win-baseboard.txt'],
      ),
      model: first(
        s,
        'baseboard.model',
        [dmi?.baseboard?.product, 'dmidecode.txt'],
        [p.dmiId?.boardName, 'dmi-id.json'],
        [si?.baseboard.model, 'systeminformation.json'],
        [p.win.baseboard?.product, 'win-baseboard.txt'],
      ),
    },
    system: {
      manufacturer: first(
        s,
        'system.manufacturer',
        [dmi?.system?.manufacturer, 'dmidecode.txt'],
        [p.dmiId?.sysVendor, 'dmi-id.json'],
        [si?.system.manufacturer, 'systeminformation.json'],
        [p.win.computerSystem?.manufacturer, 'win-computersystem.txt'],
        [p.mac.hardware ? 'Apple' : null, 'mac-hardware.json'],
      ),
      model: first(
        s,
        'system.model',
        [dmi?.system?.product, 'dmidecode.txt'],
        [p.dmiId?.productName, 'dmi-id.json'],
        [si?.system.model, 'systeminformation.json'],
        [p.win.computerSystem?.model, 'win-computersystem.txt'],
        [p.mac.hardware?.model, 'mac-hardware.json'],
      ),
    },
  };
}

export function mergeSlots(p: ParsedCapture, s: Sources): SlotProfile[] {
  const slots = (p.dmidecode?.slots ?? []).map((slot) => ({
    designation: slot.designation,
    // Old dmidecode prints Gen4/Gen5 slot types as <OUT OF SPEC>; the slot's name may still say it.
    pcieGen: slot.pcieGen ?? slot.pcieGenFromDesignation,
    widthElectrical: slot.widthElectrical,
    widthPhysical: slot.widthPhysical,
    inUse:
      slot.currentUsage === null
        ? null
        : /in use/i.test(slot.currentUsage)
          ? true
          : /available/i.test(slot.currentUsage)
            ? false
            : null,
    busAddress: normalisePciAddress(slot.busAddress),
  }));
  if (slots.length) s.slots = 'dmidecode.txt';
  return slots;
}

export function mergeCpu(p: ParsedCapture, s: Sources): HardwareProfile['cpu'] {
  const dmiCpus = p.dmidecode?.processors ?? [];
  const win = p.win.processors;
  const si = p.systemInformation;
  const mac = p.mac.hardware;
  return {
    model: first(
      s,
      'cpu.model',
      [p.cpuinfo?.model, 'cpuinfo.txt'],
      [si?.cpuModel, 'systeminformation.json'],
      [dmiCpus[0]?.version, 'dmidecode.txt'],
      [win[0]?.name, 'win-processor.txt'],
      [mac?.chip, 'mac-hardware.json'],
    ),
    cores: first(
      s,
      'cpu.cores',
      [p.cpuinfo?.cores, 'cpuinfo.txt'],
      [si?.physicalCores, 'systeminformation.json'],
      [sum(dmiCpus.map((c) => c.cores)), 'dmidecode.txt'],
      [sum(win.map((c) => c.cores)), 'win-processor.txt'],
      [mac?.cores, 'mac-hardware.json'],
    ),
    threads: first(
      s,
      'cpu.threads',
      [p.cpuinfo?.threads, 'cpuinfo.txt'],
      [si?.threads, 'systeminformation.json'],
      [sum(dmiCpus.map((c) => c.threads)), 'dmidecode.txt'],
      [sum(win.map((c) => c.threads)), 'win-processor.txt'],
    ),
    sockets: first(
      s,
      'cpu.sockets',
      [p.cpuinfo?.sockets, 'cpuinfo.txt'],
      [si?.sockets, 'systeminformation.json'],
      [dmiCpus.length || null, 'dmidecode.txt'],
      [win.length || null, 'win-processor.txt'],
    ),
  };
}

export function mergeMemory(p: ParsedCapture, s: Sources): HardwareProfile['memory'] {
  const dmiDimms: DimmProfile[] = (p.dmidecode?.memory.dimms ?? []).map((d) => ({
    locator: d.locator,
    sizeMiB: d.sizeMiB,
    speedMTs: d.configuredSpeedMTs ?? d.speedMTs,
    type: d.type,
  }));
  const siDimms: DimmProfile[] = (p.systemInformation?.dimms ?? []).map((d) => ({ ...d }));
  const dimms = first<DimmProfile[]>(
    s,
    'memory.dimms',
    [dmiDimms.length ? dmiDimms : null, 'dmidecode.txt'],
    [siDimms.length ? siDimms : null, 'systeminformation.json'],
  );
  return {
    totalMiB: first(
      s,
      'memory.totalMiB',
      [p.meminfo?.totalMiB, 'meminfo.txt'],
      [p.systemInformation?.memTotalMiB, 'systeminformation.json'],
      [p.win.computerSystem?.totalPhysicalMemoryMiB, 'win-computersystem.txt'],
      [p.mac.hardware?.memoryMiB, 'mac-hardware.json'],
      [p.dmidecode?.memory.totalMiB, 'dmidecode.txt'],
    ),
    dimms: dimms ?? [],
    dimmSlots: first(s, 'memory.dimmSlots', [p.dmidecode?.memory.dimmSlots, 'dmidecode.txt']),
  };
}

export function mergeOs(p: ParsedCapture, s: Sources): HardwareProfile['os'] {
  return {
    name: first(s, 'os.name', [p.systemInformation?.os.name, 'systeminformation.json']),
    kernel: first(s, 'os.kernel', [p.systemInformation?.os.kernel, 'systeminformation.json']),
  };
}
