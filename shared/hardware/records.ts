/**
 * What each parser extracts from one source, before the merge. Parsers are pure and total:
 * odd input yields `issues`, never a throw. Numbers carry their unit in the field name.
 */

export interface ParseIssue {
  readonly severity: 'warning' | 'error';
  readonly message: string;
  /** 1-based line in the source text, when it helps. */
  readonly line?: number;
}

export interface ParseResult<T> {
  readonly value: T;
  readonly issues: readonly ParseIssue[];
}

/** One NVIDIA GPU as nvidia-smi reports it (CSV query, `-q -x` XML, or `-q` text). */
export interface NvidiaGpuRecord {
  /** `--query-gpu=index`, or the XML `<minor_number>` (Linux), or order in file. */
  readonly index: number | null;
  readonly minorNumber: number | null;
  readonly name: string | null;
  readonly uuid: string | null;
  /** Normalised `0000:01:00.0` (nvidia-smi pads the domain to 8 hex digits). */
  readonly pciBusId: string | null;
  /** `pci.device_id` as printed, e.g. `0x220410DE`. */
  readonly pciDeviceId: string | null;
  readonly vramTotalMiB: number | null;
  readonly vramUsedMiB: number | null;
  readonly powerLimitW: number | null;
  readonly powerDefaultLimitW: number | null;
  readonly powerMaxLimitW: number | null;
  readonly pcieGenCurrent: number | null;
  readonly pcieGenMax: number | null;
  /** Newer drivers split `max` into the device's and the host's maximum. */
  readonly pcieGenMaxDevice: number | null;
  readonly pcieGenMaxHost: number | null;
  readonly pcieWidthCurrent: number | null;
  readonly pcieWidthMax: number | null;
  readonly temperatureC: number | null;
  readonly driverVersion: string | null;
  /** `8.6` etc.; older drivers lack the field. */
  readonly computeCapability: string | null;
  /** `Enabled` / `Disabled`, or null for N/A. */
  readonly migMode: string | null;
  /** Linux `TCC`/`WDDM` on Windows, null elsewhere. */
  readonly driverModel: string | null;
  readonly architecture: string | null;
}

export interface NvidiaSmiRecord {
  readonly driverVersion: string | null;
  readonly cudaVersion: string | null;
  readonly attachedGpus: number | null;
  readonly gpus: readonly NvidiaGpuRecord[];
}

/** `nvidia-smi topo -m`. GPU names are `GPU0`…; the matrix is symmetric for GPU pairs. */
export interface TopologyRecord {
  readonly gpus: readonly string[];
  readonly nics: readonly string[];
  /** One entry per unordered GPU pair (a < b, by index), the raw legend code (`NV12`, `PHB`, …). */
  readonly gpuPairs: readonly { readonly a: number; readonly b: number; readonly code: string }[];
  /** GPU → NIC codes, keyed `GPU0-NIC0`. */
  readonly gpuNic: Readonly<Record<string, string>>;
  readonly affinity: readonly {
    readonly gpu: number;
    readonly cpuAffinity: string | null;
    readonly numaAffinity: string | null;
    readonly gpuNumaId: string | null;
  }[];
}

/** `nvidia-smi topo -p2p r|w|rw|…`: directed status codes (`OK`, `NS`, `CNS`, `GNS`, `TNS`, `DR`, `U`). */
export interface P2pRecord {
  readonly gpus: readonly string[];
  readonly pairs: readonly { readonly from: number; readonly to: number; readonly status: string }[];
}

/** `nvidia-smi nvlink -s`. */
export interface NvlinkRecord {
  readonly gpus: readonly {
    readonly index: number;
    readonly name: string | null;
    readonly uuid: string | null;
    /** `links_reported`, `inactive`, `not_supported`, … */
    readonly state: string;
    readonly links: readonly {
      readonly link: number;
      readonly speedGBs: number | null;
      readonly active: boolean;
    }[];
  }[];
}

/** One AMD GPU from rocm-smi / amd-smi. */
export interface AmdGpuRecord {
  /** `card0` → 0. */
  readonly index: number;
  readonly card: string;
  readonly name: string | null;
  readonly pciBusId: string | null;
  readonly deviceId: string | null;
  readonly vramTotalMiB: number | null;
  readonly vramUsedMiB: number | null;
  readonly powerMaxW: number | null;
  readonly pcieGenCurrent: number | null;
  readonly pcieWidthCurrent: number | null;
  readonly numaNode: number | null;
  readonly driverVersion: string | null;
}

export interface RocmRecord {
  readonly gpus: readonly AmdGpuRecord[];
  /** Pair link types from `--showtopo` (`XGMI`, `PCIE`), keyed by card index pair. */
  readonly links: readonly {
    readonly a: number;
    readonly b: number;
    readonly type: string;
    readonly hops: number | null;
    readonly weight: number | null;
  }[];
}

export interface PcieLinkState {
  /** GT/s as printed, e.g. 16. */
  readonly speedGTs: number | null;
  readonly gen: number | null;
  readonly width: number | null;
  /** lspci's `(downgraded)` / `(ok)` flags, when printed. */
  readonly speedFlag: string | null;
  readonly widthFlag: string | null;
}

/** One device from `lspci -vvv` (with or without `-D`, with or without `-nn`). */
export interface PciDeviceRecord {
  /** Normalised `0000:01:00.0` (domain 0000 assumed when lspci omitted it). */
  readonly address: string;
  readonly className: string | null;
  /** `0300` style class code when `-nn` printed it. */
  readonly classCode: string | null;
  readonly vendorId: string | null;
  readonly deviceId: string | null;
  readonly description: string;
  readonly subsystem: string | null;
  /** `Root Port`, `Endpoint`, `Legacy Endpoint`, `Downstream Port`, `Upstream Port`, … */
  readonly expressPortType: string | null;
  readonly linkCapability: PcieLinkState | null;
  readonly linkStatus: PcieLinkState | null;
  readonly numaNode: number | null;
  readonly driver: string | null;
}

/** `lspci -tv` tree: which device sits under which bridge. */
export interface PciTreeRecord {
  readonly edges: readonly { readonly parent: string; readonly child: string }[];
  readonly devices: readonly { readonly address: string; readonly description: string }[];
}

export interface DmiSlotRecord {
  readonly designation: string;
  readonly typeRaw: string | null;
  readonly pcieGen: number | null;
  readonly widthElectrical: number | null;
  readonly widthPhysical: number | null;
  /** `In Use`, `Available`, `Unknown`, … */
  readonly currentUsage: string | null;
  readonly busAddress: string | null;
}

export interface DmiDimmRecord {
  readonly locator: string | null;
  readonly bankLocator: string | null;
  readonly sizeMiB: number;
  readonly type: string | null;
  readonly speedMTs: number | null;
  readonly configuredSpeedMTs: number | null;
  readonly manufacturer: string | null;
  readonly partNumber: string | null;
}

export interface DmidecodeRecord {
  readonly baseboard: {
    readonly manufacturer: string | null;
    readonly product: string | null;
    readonly version: string | null;
  } | null;
  readonly system: { readonly manufacturer: string | null; readonly product: string | null } | null;
  readonly processors: readonly {
    readonly socket: string | null;
    readonly version: string | null;
    readonly cores: number | null;
    readonly threads: number | null;
  }[];
  readonly slots: readonly DmiSlotRecord[];
  readonly memory: {
    /** Sum of populated DIMMs. */
    readonly totalMiB: number | null;
    /** `Number Of Devices` over all Physical Memory Arrays (type 16). */
    readonly dimmSlots: number | null;
    readonly dimms: readonly DmiDimmRecord[];
  };
  /** True when the text says dmidecode was denied (`Permission denied`, `/dev/mem`). */
  readonly permissionDenied: boolean;
}

export interface CpuInfoRecord {
  readonly model: string | null;
  readonly vendor: string | null;
  /** Physical cores over all sockets. */
  readonly cores: number | null;
  /** Logical processors. */
  readonly threads: number | null;
  readonly sockets: number | null;
}

export interface MemInfoRecord {
  readonly totalMiB: number | null;
  readonly availableMiB: number | null;
}

/** Shape of `sysfs-pci.json`, written by the collector and by capture.sh. */
export interface SysfsPciDevice {
  /** `0000:01:00.0`. */
  readonly address: string;
  /** Resolved `/sys/devices/pci0000:00/0000:00:01.1/0000:01:00.0`, which shows the bridges above. */
  readonly path: string | null;
  readonly class: string | null;
  readonly vendor: string | null;
  readonly device: string | null;
  readonly currentLinkSpeed: string | null;
  readonly currentLinkWidth: string | null;
  readonly maxLinkSpeed: string | null;
  readonly maxLinkWidth: string | null;
  readonly numaNode: string | null;
}

export interface SysfsPciRecord {
  readonly devices: readonly SysfsPciDevice[];
}

export interface DmiIdRecord {
  readonly boardVendor: string | null;
  readonly boardName: string | null;
  readonly sysVendor: string | null;
  readonly productName: string | null;
  readonly biosVersion: string | null;
}

/** A PowerShell `Format-List` or table output: one record per object, property → value. */
export interface PowerShellRecord {
  readonly objects: readonly Readonly<Record<string, string>>[];
}
