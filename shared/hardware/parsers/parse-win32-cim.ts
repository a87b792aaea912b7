/**
 * Facts from parsed PowerShell CIM objects (`parsePowerShellList` output): Win32_VideoController
 * (or `Get-PnpDevice` FriendlyName/InstanceId), Win32_ComputerSystem, Win32_Processor,
 * Win32_BaseBoard. Pure and total.
 */
import type { ParseIssue, ParseResult, PowerShellRecord } from '../records';
import { failure, intOrNull, textOrNull, warning } from './text-kit';

type Props = Readonly<Record<string, string>>;

/** One display adapter as Windows reports it. */
export interface WinGpuFacts {
  /** `Name`, else `Caption`, else Get-PnpDevice's `FriendlyName`. */
  readonly name: string | null;
  /** `AdapterCompatibility` (the driver vendor, e.g. `NVIDIA`). */
  readonly vendorName: string | null;
  /**
   * VRAM in MiB from `AdapterRAM`, only when it is below the uint32 cap. At or above
   * 4293918720 bytes (4 GiB − 1 MiB) the true size is unknown (4 GiB or more): null.
   */
  readonly vramMiB: number | null;
  /** True when `AdapterRAM` sits at the uint32 cap, so it says nothing about VRAM. */
  readonly adapterRamCapped: boolean;
  /** `PNPDeviceID` or `InstanceId`, e.g. `PCI\VEN_10DE&DEV_25A0&SUBSYS_12EC1462&REV_A1\…`. */
  readonly pnpDeviceId: string | null;
  /** Lower-case hex from the PnP id: vendor `10de`, device `25a0`, subsystem `12ec1462`, revision `a1`. */
  readonly pciVendorId: string | null;
  readonly pciDeviceId: string | null;
  readonly pciSubsystemId: string | null;
  readonly pciRevision: string | null;
  /** Windows driver version as printed, e.g. `32.0.15.6590`. */
  readonly driverVersion: string | null;
  /** NVIDIA's own version read from the Windows one (`32.0.15.6590` → `565.90`), NVIDIA only. */
  readonly nvidiaDriverVersion: string | null;
  /** `DeviceID` (`VideoController1`). */
  readonly deviceId: string | null;
}

export interface WinComputerSystemFacts {
  /** OEM name, e.g. `Micro-Star International Co., Ltd.` (not the board maker). */
  readonly manufacturer: string | null;
  readonly model: string | null;
  readonly systemFamily: string | null;
  /** `x64-based PC`, `ARM64-based PC`. */
  readonly systemType: string | null;
  /** `TotalPhysicalMemory` in MiB: usable RAM (installed minus firmware/hardware reserved). */
  readonly totalPhysicalMemoryMiB: number | null;
  /** `NumberOfProcessors`: sockets. */
  readonly processors: number | null;
  /** `NumberOfLogicalProcessors`: hardware threads over all sockets. */
  readonly logicalProcessors: number | null;
  /** True when Windows runs on a hypervisor (Hyper-V/VBS included). */
  readonly hypervisorPresent: boolean | null;
}

export interface WinProcessorFacts {
  /** `CPU0` … one object per socket. */
  readonly deviceId: string | null;
  readonly name: string | null;
  readonly manufacturer: string | null;
  readonly socket: string | null;
  /** Physical cores in this socket. */
  readonly cores: number | null;
  /** Logical processors in this socket. */
  readonly threads: number | null;
  /** `MaxClockSpeed` in MHz. */
  readonly maxClockMHz: number | null;
  /** `L3CacheSize` in KiB. */
  readonly l3CacheKiB: number | null;
}

/** The motherboard: `Product` is the board model, e.g. `Pro WS WRX90E-SAGE SE`. */
export interface WinBaseBoardFacts {
  readonly manufacturer: string | null;
  readonly product: string | null;
  readonly version: string | null;
}

/** AdapterRAM values at or above this (bytes) are the uint32 ceiling, not a size. */
const ADAPTER_RAM_CAP = 4293918720;
const PNP = /^PCI\\VEN_([0-9A-F]{4})&DEV_([0-9A-F]{4})(?:&SUBSYS_([0-9A-F]{8}))?(?:&REV_([0-9A-F]{2}))?/i;

const prop = (o: Props, ...keys: string[]): string | null => {
  for (const k of keys) {
    const v = textOrNull(o[k]);
    if (v !== null) return v;
  }
  return null;
};

/** GPUs from Win32_VideoController (or Get-PnpDevice -Class Display) objects. */
export function parseWin32VideoControllers(record: PowerShellRecord): ParseResult<WinGpuFacts[]> {
  const issues: ParseIssue[] = [];
  const gpus = objectsOf(record).map((o, i) => videoController(o, i, issues));
  if (gpus.length === 0) issues.push(failure('Win32_VideoController: no adapters listed'));
  return { value: gpus, issues };
}

function videoController(o: Props, i: number, issues: ParseIssue[]): WinGpuFacts {
  const name = prop(o, 'Name', 'Caption', 'FriendlyName');
  const ram = intOrNull(o.AdapterRAM);
  const capped = ram !== null && (ram >= ADAPTER_RAM_CAP || ram < 0);
  if (capped) {
    issues.push(
      warning(
        `${name ?? `adapter ${i + 1}`}: AdapterRAM is a 32-bit field stuck at its 4 GiB ceiling; VRAM is 4 GiB or more, ` +
          'size unknown (read it from nvidia-smi, DXGI or the registry qwMemorySize)',
      ),
    );
  }
  const pnpDeviceId = prop(o, 'PNPDeviceID', 'InstanceId');
  const ids = PNP.exec(pnpDeviceId ?? '');
  const vendorName = prop(o, 'AdapterCompatibility');
  const driverVersion = prop(o, 'DriverVersion');
  const isNvidia = /nvidia/i.test(vendorName ?? '') || ids?.[1]?.toLowerCase() === '10de';
  return {
    name,
    vendorName,
    vramMiB: ram === null || capped ? null : Math.floor(ram / (1024 * 1024)),
    adapterRamCapped: capped,
    pnpDeviceId,
    pciVendorId: ids?.[1]?.toLowerCase() ?? null,
    pciDeviceId: ids?.[2]?.toLowerCase() ?? null,
    pciSubsystemId: ids?.[3]?.toLowerCase() ?? null,
    pciRevision: ids?.[4]?.toLowerCase() ?? null,
    driverVersion,
    nvidiaDriverVersion: isNvidia ? nvidiaVersion(driverVersion) : null,
    deviceId: prop(o, 'DeviceID'),
  };
}

/** `32.0.15.6590` → `565.90`: the last five digits of the last two groups. */
function nvidiaVersion(windows: string | null): string | null {
  const m = /^\d+\.\d+\.(\d+)\.(\d+)$/.exec(windows ?? '');
  if (!m) return null;
  const digits = `${m[1] ?? ''}${(m[2] ?? '').padStart(4, '0')}`.slice(-5);
  return digits.length === 5 ? `${digits.slice(0, 3)}.${digits.slice(3)}` : null;
}

/** The machine from Win32_ComputerSystem (OEM name and model, not the board). */
export function parseWin32ComputerSystem(
  record: PowerShellRecord,
): ParseResult<WinComputerSystemFacts | null> {
  const o = objectsOf(record)[0];
  if (!o) return { value: null, issues: [failure('Win32_ComputerSystem: no object')] };
  const bytes = intOrNull(o.TotalPhysicalMemory);
  const hv = prop(o, 'HypervisorPresent');
  return {
    value: {
      manufacturer: prop(o, 'Manufacturer'),
      model: prop(o, 'Model'),
      systemFamily: prop(o, 'SystemFamily'),
      systemType: prop(o, 'SystemType'),
      totalPhysicalMemoryMiB: bytes === null ? null : Math.floor(bytes / (1024 * 1024)),
      processors: intOrNull(o.NumberOfProcessors),
      logicalProcessors: intOrNull(o.NumberOfLogicalProcessors),
      hypervisorPresent: hv === null ? null : /^true$/i.test(hv),
    },
    issues: [],
  };
}

/** One entry per socket from Win32_Processor. */
export function parseWin32Processor(record: PowerShellRecord): ParseResult<WinProcessorFacts[]> {
  const cpus = objectsOf(record).map((o) => ({
    deviceId: prop(o, 'DeviceID'),
    name: prop(o, 'Name'),
    manufacturer: prop(o, 'Manufacturer'),
    socket: prop(o, 'SocketDesignation'),
    cores: intOrNull(o.NumberOfCores),
    threads: intOrNull(o.NumberOfLogicalProcessors) ?? intOrNull(o.ThreadCount),
    maxClockMHz: intOrNull(o.MaxClockSpeed),
    l3CacheKiB: intOrNull(o.L3CacheSize),
  }));
  return { value: cpus, issues: cpus.length === 0 ? [failure('Win32_Processor: no processors listed')] : [] };
}

/** The motherboard from Win32_BaseBoard. */
export function parseWin32BaseBoard(record: PowerShellRecord): ParseResult<WinBaseBoardFacts | null> {
  const o = objectsOf(record)[0];
  if (!o) return { value: null, issues: [failure('Win32_BaseBoard: no object')] };
  return {
    value: {
      manufacturer: prop(o, 'Manufacturer'),
      product: prop(o, 'Product'),
      version: prop(o, 'Version'),
    },
    issues: [],
  };
}

/** The objects of a record, tolerating a malformed record (not an object, no array). */
function objectsOf(record: PowerShellRecord | null | undefined): Props[] {
  const list: unknown = record && typeof record === 'object' ? record.objects : undefined;
  return Array.isArray(list) ? list.filter((o): o is Props => typeof o === 'object' && o !== null) : [];
}
