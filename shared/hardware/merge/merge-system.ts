/**
 * Board, CPU, memory, slots and OS. Each value is taken from the most direct source present:
 * firmware tables (dmidecode) and the kernel (/proc, /sys) first, systeminformation next,
 * then the Windows and macOS tools.
 */
import type { DimmProfile, HardwareProfile, SlotProfile } from '../profile';
import { normalisePciAddress } from '../parsers/pci-address';
import type { ParsedCapture } from './parse-bundle';

/** Text firmware vendors leave in fields they did not fill. */
const PLACEHOLDER = /^(system product name|system manufacturer|to be filled by o\.?e\.?m\.?|default string|not specified|not applicable|none|unknown|0123456789|x\.x|)$/i;

const first = <T>(...values: (T | null | undefined)[]): T | null =>
  values.find((v) => v !== null && v !== undefined && !(typeof v === 'string' && PLACEHOLDER.test(v.trim()))) ?? null;

export function mergeBoard(p: ParsedCapture): Pick<HardwareProfile, 'baseboard' | 'system'> {
  const winBoard = p.win.baseboard;
  const winSystem = p.win.computerSystem;
  return {
    baseboard: {
      manufacturer: first(p.dmidecode?.baseboard?.manufacturer, p.dmiId?.boardVendor, p.systemInformation?.baseboard.manufacturer, winBoard?.manufacturer),
      model: first(p.dmidecode?.baseboard?.product, p.dmiId?.boardName, p.systemInformation?.baseboard.model, winBoard?.product),
    },
    system: {
      manufacturer: first(p.dmidecode?.system?.manufacturer, p.dmiId?.sysVendor, p.systemInformation?.system.manufacturer, winSystem?.manufacturer, p.mac.hardware ? 'Apple' : null),
      model: first(p.dmidecode?.system?.product, p.dmiId?.productName, p.systemInformation?.system.model, winSystem?.model, p.mac.hardware?.model),
    },
  };
}

export function mergeSlots(p: ParsedCapture): SlotProfile[] {
  return (p.dmidecode?.slots ?? []).map((slot) => ({
    designation: slot.designation,
    // Old dmidecode prints Gen4/Gen5 slot types as <OUT OF SPEC>; the slot's name may still say it.
    pcieGen: slot.pcieGen ?? slot.pcieGenFromDesignation,
    widthElectrical: slot.widthElectrical,
    widthPhysical: slot.widthPhysical,
    inUse: slot.currentUsage === null ? null : /in use/i.test(slot.currentUsage) ? true : /available/i.test(slot.currentUsage) ? false : null,
    busAddress: normalisePciAddress(slot.busAddress),
  }));
}

export function mergeCpu(p: ParsedCapture): HardwareProfile['cpu'] {
  const dmiCpus = p.dmidecode?.processors ?? [];
  const winCpus = p.win.processors;
  const sum = (values: (number | null)[]): number | null =>
    values.length > 0 && values.every((v) => v !== null) ? values.reduce<number>((a, b) => a + (b as number), 0) : null;
  return {
    model: first(p.cpuinfo?.model, p.systemInformation?.cpuModel, dmiCpus[0]?.version, winCpus[0]?.name, p.mac.hardware?.chip),
    cores: first(p.cpuinfo?.cores, p.systemInformation?.physicalCores, sum(dmiCpus.map((c) => c.cores)), sum(winCpus.map((c) => c.cores)), p.mac.hardware?.cores),
    threads: first(p.cpuinfo?.threads, p.systemInformation?.threads, sum(dmiCpus.map((c) => c.threads)), sum(winCpus.map((c) => c.threads))),
    sockets: first(p.cpuinfo?.sockets, p.systemInformation?.sockets, dmiCpus.length || null, winCpus.length || null),
  };
}

export function mergeMemory(p: ParsedCapture): HardwareProfile['memory'] {
  const dmiDimms: DimmProfile[] = (p.dmidecode?.memory.dimms ?? []).map((d) => ({
    locator: d.locator,
    sizeMiB: d.sizeMiB,
    speedMTs: d.configuredSpeedMTs ?? d.speedMTs,
    type: d.type,
  }));
  const siDimms: DimmProfile[] = (p.systemInformation?.dimms ?? []).map((d) => ({ ...d }));
  return {
    totalMiB: first(p.meminfo?.totalMiB, p.systemInformation?.memTotalMiB, p.win.computerSystem?.totalPhysicalMemoryMiB, p.mac.hardware?.memoryMiB, p.dmidecode?.memory.totalMiB),
    dimms: dmiDimms.length > 0 ? dmiDimms : siDimms,
    dimmSlots: p.dmidecode?.memory.dimmSlots ?? null,
  };
}

export function mergeOs(p: ParsedCapture): HardwareProfile['os'] {
  return { name: p.systemInformation?.os.name ?? null, kernel: p.systemInformation?.os.kernel ?? null };
}
