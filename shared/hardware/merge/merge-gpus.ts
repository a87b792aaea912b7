/**
 * Every GPU the capture shows, one `GpuProfile` each: NVIDIA from nvidia-smi, AMD from rocm-smi /
 * amd-smi, Windows display adapters and Macs from their system tools, and — when the vendor tool
 * is missing — the display devices lspci lists, with what could not be read marked unknown.
 */
import type { CaptureFileName } from '../capture-format';
import type { GpuProfile, GpuVendor, PcieLink, ValueSource } from '../profile';
import type { PciDeviceRecord } from '../records';
import { normalisePciAddress } from '../parsers/pci-address';
import type { ParsedCapture } from './parse-bundle';
import { effectiveGenMax, mergeNvidiaRecords } from './merge-nvidia';
import { classifyAttachment, genFromSpeed, indexByAddress, widthFromText } from './pci-enrich';
import { gpusFromWindows } from './merge-windows';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Omit<Mutable<GpuProfile>, 'pcie' | 'sources'> & {
  pcie: Mutable<PcieLink>;
  sources: Record<string, ValueSource>;
};

/** A GPU with nothing known but its position, name and vendor. */
export function blank(index: number, name: string, vendor: GpuVendor): Draft {
  return {
    index,
    name,
    vendor,
    vramMiB: null,
    vramUsedMiB: null,
    pciBusId: null,
    uuid: null,
    pcie: { genCurrent: null, genMax: null, widthCurrent: null, widthMax: null },
    powerLimitW: null,
    powerDefaultW: null,
    powerMaxW: null,
    driverVersion: null,
    computeCapability: null,
    temperatureC: null,
    migMode: null,
    numaNode: null,
    attachment: 'unknown',
    sources: {},
  };
}

function nvidiaGpus(parsed: ParsedCapture): Draft[] {
  const merged = mergeNvidiaRecords({
    'nvidia-smi-query.csv': parsed.nvidiaCsv,
    'nvidia-smi-q.xml': parsed.nvidiaXml,
    'nvidia-smi-q.txt': parsed.nvidiaText,
  });
  return merged.map(({ record: r, sources }, position) => {
    const gpu = blank(r.index ?? position, r.name ?? 'NVIDIA GPU', 'nvidia');
    const src = (field: string): CaptureFileName | undefined => sources[field];
    const set = <K extends keyof Draft>(key: K, value: Draft[K], from: string | undefined): void => {
      if (value === null || value === undefined) return;
      gpu[key] = value;
      if (from) gpu.sources[key] = from as ValueSource;
    };
    set('vramMiB', r.vramTotalMiB, src('vramTotalMiB'));
    set('vramUsedMiB', r.vramUsedMiB, src('vramUsedMiB'));
    set('pciBusId', r.pciBusId, src('pciBusId'));
    set('uuid', r.uuid, src('uuid'));
    set('powerLimitW', r.powerLimitW, src('powerLimitW'));
    set('powerDefaultW', r.powerDefaultLimitW, src('powerDefaultLimitW'));
    set('powerMaxW', r.powerMaxLimitW, src('powerMaxLimitW'));
    set('driverVersion', r.driverVersion, src('driverVersion'));
    set('computeCapability', r.computeCapability, src('computeCapability'));
    set('temperatureC', r.temperatureC, src('temperatureC'));
    set('migMode', r.migMode, src('migMode'));
    if (sources.name) gpu.sources.name = sources.name;
    gpu.pcie = {
      genCurrent: r.pcieGenCurrent,
      genMax: effectiveGenMax(r),
      widthCurrent: r.pcieWidthCurrent,
      widthMax: r.pcieWidthMax,
    };
    const pcieSource = src('pcieGenCurrent') ?? src('pcieGenMax') ?? src('pcieWidthCurrent');
    if (pcieSource) gpu.sources.pcie = pcieSource;
    return gpu;
  });
}

function amdGpus(parsed: ParsedCapture, offset: number): Draft[] {
  const file: CaptureFileName = parsed.amdFile ?? 'rocm-smi.json';
  return parsed.amdGpus.map((r) => {
    // Without a product name (rocm-smi text subcommands, old rocm-smi printing a PCI id) the GPU keeps
    // its device key (`card0`) as a placeholder, with no source: the capture did not name it.
    const gpu = blank(offset + r.index, r.name ?? r.card, 'amd');
    if (r.name !== null) gpu.sources.name = file;
    gpu.vramMiB = r.vramTotalMiB;
    gpu.vramUsedMiB = r.vramUsedMiB;
    gpu.pciBusId = r.pciBusId;
    gpu.powerMaxW = r.powerMaxW;
    gpu.numaNode = r.numaNode;
    gpu.driverVersion = r.driverVersion;
    gpu.pcie = { ...gpu.pcie, genCurrent: r.pcieGenCurrent, widthCurrent: r.pcieWidthCurrent };
    for (const [key, value] of Object.entries({
      vramMiB: r.vramTotalMiB,
      pciBusId: r.pciBusId,
      powerMaxW: r.powerMaxW,
      pcie: r.pcieGenCurrent,
    })) {
      if (value !== null) gpu.sources[key] = file;
    }
    return gpu;
  });
}

function macGpus(parsed: ParsedCapture): Draft[] {
  return parsed.mac.gpus.map((r, i) => {
    const gpu = blank(i, r.name, r.vendor);
    // Apple silicon: the GPU uses the unified system memory; the engine applies macOS's working-set limit.
    gpu.vramMiB = r.vendor === 'apple' ? (parsed.mac.hardware?.memoryMiB ?? null) : r.vramMiB;
    if (gpu.vramMiB !== null)
      gpu.sources.vramMiB = r.vendor === 'apple' ? 'mac-hardware.json' : 'mac-displays.json';
    gpu.sources.name = 'mac-displays.json';
    return gpu;
  });
}

const DISPLAY_CLASS = /VGA compatible controller|3D controller|Display controller/i;

/** Without a vendor tool, lspci still shows which display devices exist; their memory stays unknown. */
function lspciGpus(lspci: readonly PciDeviceRecord[]): Draft[] {
  return lspci
    .filter((d) => DISPLAY_CLASS.test(d.className ?? '') || /^03/.test(d.classCode ?? ''))
    .filter((d) => !/ASPEED|Matrox|Intel Corporation .*(UHD|HD Graphics)/i.test(d.description))
    .map((d, i) => {
      const vendor: GpuVendor = /nvidia/i.test(d.description)
        ? 'nvidia'
        : /AMD|ATI/i.test(d.description)
          ? 'amd'
          : /Intel/i.test(d.description)
            ? 'intel'
            : 'other';
      const bracket = /\[([^\]]+)\]\s*(\(rev [^)]*\))?\s*(\(prog-if.*)?$/.exec(
        d.description.replace(/\[[0-9a-f]{4}:[0-9a-f]{4}\]/gi, ''),
      );
      const gpu = blank(i, bracket?.[1]?.trim() ?? d.description, vendor);
      gpu.pciBusId = d.address;
      gpu.sources = { name: 'lspci.txt', pciBusId: 'lspci.txt' };
      return gpu;
    });
}

export function collectGpus(parsed: ParsedCapture): Draft[] {
  const nvidia = nvidiaGpus(parsed);
  const amd = amdGpus(parsed, nvidia.length);
  const vendorTools = [...nvidia, ...amd];
  if (vendorTools.length > 0) return vendorTools;
  const windows = gpusFromWindows(parsed);
  if (windows.length > 0) return windows.map((w, i) => Object.assign(blank(i, w.name, w.vendor), w.fields));
  const mac = macGpus(parsed);
  if (mac.length > 0) return mac;
  return lspciGpus(parsed.lspci);
}

/** Fills link, NUMA node and attachment from lspci and sysfs, joined on the PCI address. */
export function enrichFromPci(gpus: Draft[], parsed: ParsedCapture): void {
  const lspci = indexByAddress(parsed.lspci);
  const sysfs = indexByAddress(parsed.sysfs?.devices ?? []);
  for (const gpu of gpus) {
    const address = normalisePciAddress(gpu.pciBusId);
    if (!address) continue;
    gpu.pciBusId = address;
    const pci = lspci.get(address);
    const sys = sysfs.get(address);
    const link = gpu.pcie;
    const before = JSON.stringify(link);
    link.genCurrent ??= pci?.linkStatus?.gen ?? genFromSpeed(sys?.currentLinkSpeed);
    link.genMax ??= pci?.linkCapability?.gen ?? genFromSpeed(sys?.maxLinkSpeed);
    link.widthCurrent ??= pci?.linkStatus?.width ?? widthFromText(sys?.currentLinkWidth);
    link.widthMax ??= pci?.linkCapability?.width ?? widthFromText(sys?.maxLinkWidth);
    if (before !== JSON.stringify(link) && !gpu.sources.pcie)
      gpu.sources.pcie = pci ? 'lspci.txt' : 'sysfs-pci.json';
    const numa = pci?.numaNode ?? (sys?.numaNode != null ? Number.parseInt(sys.numaNode, 10) : null);
    if (gpu.numaNode === null && numa !== null && Number.isFinite(numa) && numa >= 0) gpu.numaNode = numa;
    const { attachment } = classifyAttachment(address, sysfs, lspci);
    gpu.attachment = attachment;
    if (attachment !== 'unknown') gpu.sources.attachment = 'sysfs-pci.json';
  }
}

export type GpuDraft = Draft;
