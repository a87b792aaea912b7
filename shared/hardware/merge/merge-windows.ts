/**
 * GPUs from Windows' display adapter list, used only when no vendor tool answered (an AMD or Intel
 * card, or an NVIDIA card without nvidia-smi). AdapterRAM is a 32-bit field: at its ceiling the
 * size is unknown, never "4 GiB".
 */
import type { GpuProfile, GpuVendor, ValueSource } from '../profile';
import type { ParsedCapture } from './parse-bundle';

const VENDORS: Record<string, GpuVendor> = { '10de': 'nvidia', '1002': 'amd', '8086': 'intel' };

export interface WindowsGpu {
  readonly name: string;
  readonly vendor: GpuVendor;
  readonly fields: Partial<Pick<GpuProfile, 'vramMiB' | 'driverVersion'>> & {
    sources: Record<string, ValueSource>;
  };
}

export function gpusFromWindows(parsed: ParsedCapture): WindowsGpu[] {
  return parsed.win.gpus
    .filter((g) => !/Microsoft Basic|Remote Display|Virtual/i.test(g.name ?? ''))
    .map((g) => {
      const vendor =
        (g.pciVendorId && VENDORS[g.pciVendorId]) ||
        (/nvidia/i.test(g.vendorName ?? '') ? 'nvidia' : 'other');
      const sources: Record<string, ValueSource> = { name: 'win-videocontroller.txt' };
      if (g.vramMiB !== null) sources.vramMiB = 'win-videocontroller.txt';
      const driverVersion = g.nvidiaDriverVersion ?? g.driverVersion;
      if (driverVersion) sources.driverVersion = 'win-videocontroller.txt';
      return {
        name: g.name ?? 'Display adapter',
        vendor,
        fields: { vramMiB: g.vramMiB, driverVersion, sources },
      };
    });
}
