/**
 * The merged view of one machine: what `scan --json` prints and what every check reads.
 * Plain values, `null` when unknown. Every unknown that matters is also listed in `unknowns`
 * with the reason and how to find it out.
 */

import type { CaptureFileName } from './capture-format';

/** Where a value came from: a capture file name, `user` for values typed in, or `catalog`. */
export type ValueSource = CaptureFileName | 'user' | 'catalog' | 'derived';

export type GpuVendor = 'nvidia' | 'amd' | 'intel' | 'apple' | 'other';

/** PCIe link of one device. Gen is the PCIe generation (1–6), width the lane count. */
export interface PcieLink {
  /** Generation the link runs at now. Idle GPUs train down, so this is often lower than `genMax`. */
  readonly genCurrent: number | null;
  /** Highest generation both ends support (nvidia-smi `max`, lspci LnkCap capped by the host). */
  readonly genMax: number | null;
  /** Lanes in use now. */
  readonly widthCurrent: number | null;
  /** Lanes the device supports. */
  readonly widthMax: number | null;
}

export interface GpuProfile {
  /** Index as nvidia-smi / rocm-smi list it (PCI bus order). */
  readonly index: number;
  readonly name: string;
  readonly vendor: GpuVendor;
  /** Dedicated memory in MiB. Never the PCI BAR size. */
  readonly vramMiB: number | null;
  /** Memory in use at capture time, MiB. */
  readonly vramUsedMiB: number | null;
  /** Normalised PCI address, `0000:01:00.0`, lower case. */
  readonly pciBusId: string | null;
  readonly uuid: string | null;
  readonly pcie: PcieLink;
  /** Power limit in force, W. */
  readonly powerLimitW: number | null;
  /** Default power limit, W. */
  readonly powerDefaultW: number | null;
  /** Highest power limit that can be set, W. */
  readonly powerMaxW: number | null;
  readonly driverVersion: string | null;
  /** CUDA compute capability, e.g. `8.6`; `null` for non-NVIDIA or when the driver does not report it. */
  readonly computeCapability: string | null;
  /** GPU temperature at capture time, °C. */
  readonly temperatureC: number | null;
  /** MIG mode: `Enabled`, `Disabled`, or `null` when not supported. */
  readonly migMode: string | null;
  /** NUMA node the GPU is attached to, when known. */
  readonly numaNode: number | null;
  /** How the card reaches the CPU: straight from a CPU root port, through the chipset, or unknown. */
  readonly attachment: 'cpu' | 'chipset' | 'unknown';
  /** Source of each field that has a value. */
  readonly sources: Readonly<Record<string, ValueSource>>;
}

/** Link between two GPUs, kinds as in the `nvidia-smi topo -m` legend. */
export type GpuLinkKind = `NV${number}` | 'PIX' | 'PXB' | 'PHB' | 'NODE' | 'SYS' | 'XGMI' | 'UNKNOWN';

export interface GpuLink {
  /** GPU index (lower). */
  readonly a: number;
  /** GPU index (higher). */
  readonly b: number;
  readonly kind: GpuLinkKind;
  /** Number of bonded NVLinks (0 when the pair talks over PCIe). */
  readonly nvlinks: number;
  /** Peer-to-peer read status a→b from `topo -p2p`: `OK`, `NS`, `CNS`, `GNS`, … or null when unknown. */
  readonly p2p: string | null;
}

export interface SlotProfile {
  readonly designation: string;
  readonly pcieGen: number | null;
  /** Lanes wired to the slot. */
  readonly widthElectrical: number | null;
  /** Connector size in lanes (x16 slot wired x4 is physical 16, electrical 4). */
  readonly widthPhysical: number | null;
  readonly inUse: boolean | null;
  /** Normalised PCI address of the slot's bus, when the firmware gives one. */
  readonly busAddress: string | null;
}

export interface DimmProfile {
  readonly locator: string | null;
  readonly sizeMiB: number;
  /** Configured speed in MT/s (falls back to rated speed). */
  readonly speedMTs: number | null;
  /** DDR4, DDR5, LPDDR5, … */
  readonly type: string | null;
}

export interface NvlinkGpuStatus {
  readonly index: number;
  /** Number of links reported active. */
  readonly activeLinks: number;
  /** Per-link speed in GB/s (per direction, as nvidia-smi prints it). */
  readonly linkSpeedsGBs: readonly number[];
}

export interface UnknownField {
  /** Dotted path of the field, e.g. `slots` or `gpus[1].pcie.genMax`. */
  readonly field: string;
  readonly reason: string;
  /** What the user can do to fill it in. */
  readonly hint: string;
}

export interface HardwareProfile {
  readonly formatVersion: 1;
  readonly platform: 'linux' | 'win32' | 'darwin' | 'unknown';
  /** ISO time the capture was taken. */
  readonly capturedAt: string | null;
  /** Whether the capture ran with root / administrator rights. */
  readonly isRoot: boolean | null;
  readonly gpus: readonly GpuProfile[];
  readonly gpuLinks: readonly GpuLink[];
  readonly nvlink: readonly NvlinkGpuStatus[];
  readonly baseboard: { readonly manufacturer: string | null; readonly model: string | null };
  readonly system: { readonly manufacturer: string | null; readonly model: string | null };
  readonly slots: readonly SlotProfile[];
  readonly cpu: {
    readonly model: string | null;
    readonly cores: number | null;
    readonly threads: number | null;
    readonly sockets: number | null;
  };
  readonly memory: {
    readonly totalMiB: number | null;
    readonly dimms: readonly DimmProfile[];
    /** Populated DIMM count and total slots, when the firmware reports them. */
    readonly dimmSlots: number | null;
  };
  readonly os: { readonly name: string | null; readonly kernel: string | null };
  readonly unknowns: readonly UnknownField[];
  /** Source of each machine-level value that has one, keyed by path (`cpu.model`, `slots`, `memory.totalMiB`). */
  readonly sources: Readonly<Record<string, ValueSource>>;
  /** Things the user should know about values that are present (e.g. an idle link trained down). */
  readonly notes: readonly string[];
  /** Problems with the capture itself: a garbled or unreadable file, named. */
  readonly captureIssues: readonly { readonly file: string; readonly message: string }[];
}

/**
 * The link between two GPUs by their indices, either way round: the first listed for the pair, as a
 * search would find it, but one lookup per pair (a search per pair of 256 GPUs takes seconds).
 */
export function linkLookup(links: readonly GpuLink[]): (a: number, b: number) => GpuLink | undefined {
  const byPair = new Map<string, GpuLink>();
  for (const l of links)
    for (const key of [`${l.a}:${l.b}`, `${l.b}:${l.a}`]) if (!byPair.has(key)) byPair.set(key, l);
  return (a, b) => byPair.get(`${a}:${b}`);
}
