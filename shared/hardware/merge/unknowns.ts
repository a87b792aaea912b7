/**
 * Why a value is unknown, and how the user can find it out. The reason comes from the capture's
 * manifest when the collector recorded one (missing tool, not permitted, timed out), otherwise
 * from which file is absent or unusable.
 */
import type { CaptureBundle, CaptureFileName } from '../capture-format';
import type { HardwareProfile, UnknownField } from '../profile';
import type { ParsedCapture } from './parse-bundle';

type Platform = HardwareProfile['platform'];

const INSTALL_HINTS: Partial<Record<CaptureFileName, string>> = {
  'lspci.txt': 'install pciutils (`sudo apt install pciutils`) and capture again',
  'dmidecode.txt': 'install dmidecode (`sudo apt install dmidecode`) and capture again as root',
  'nvidia-smi-q.xml': 'install the NVIDIA driver (nvidia-smi comes with it) and capture again',
  'nvidia-smi-query.csv': 'install the NVIDIA driver (nvidia-smi comes with it) and capture again',
  'rocm-smi.json': 'install ROCm (rocm-smi) and capture again',
};

/** One sentence on why `file` gave nothing, or null when it is fine. */
export function whyMissing(
  file: CaptureFileName,
  bundle: CaptureBundle,
  parsed: ParsedCapture,
): { reason: string; hint: string } | null {
  const entry = bundle.manifest?.files[file];
  const tool = entry?.command.split(' ')[0] ?? file;
  if (parsed.unusableFiles.includes(file)) {
    const detail = parsed.issues.find((i) => i.file === file)?.message;
    return {
      reason: `${file} could not be read${detail ? `: ${detail}` : ''}`,
      hint: `capture again; if it repeats, attach ${file} to a bug report`,
    };
  }
  if (bundle.files[file] !== undefined) return null;
  switch (entry?.errorKind) {
    case 'not-permitted':
      return {
        reason: `unknown, because not permitted: ${tool} needs root`,
        hint: 'run the capture as root: `sudo rig-advisor capture --out DIR`, then open that folder',
      };
    case 'missing-tool':
      return {
        reason: `${tool} is not installed`,
        hint: INSTALL_HINTS[file] ?? `install ${tool} and capture again`,
      };
    case 'timed-out':
      return {
        reason: `${tool} did not answer within ${Math.round((entry.durationMs ?? 0) / 1000)} s`,
        hint: `run \`${entry.command}\` in a terminal; a hung driver needs a reboot`,
      };
    case 'failed':
      // A tool the probe never started (its time ran out, or the same tool hung before) did not fail.
      if (entry.error?.startsWith('not run:'))
        return {
          reason: `${tool} ${entry.error.split('\n')[0]}`,
          hint: `run \`${entry.command}\` in a terminal; if it answers, capture again (--deadline-ms gives slow tools more time)`,
        };
      return {
        reason: `${tool} failed${entry.error ? `: ${entry.error.split('\n')[0]}` : ''}`,
        hint: `run \`${entry.command}\` in a terminal to see why`,
      };
    case 'not-applicable':
      return {
        reason: `${entry.error ?? `${file} does not apply here`} (a VM or container has no firmware tables)`,
        hint: 'enter it by hand, or capture on the physical machine',
      };
    default:
      return {
        reason: `the capture has no ${file}`,
        hint: INSTALL_HINTS[file] ?? `capture with \`rig-advisor capture\` on that machine`,
      };
  }
}

export function systemUnknowns(
  profile: Omit<HardwareProfile, 'unknowns'>,
  bundle: CaptureBundle,
  parsed: ParsedCapture,
  platform: Platform,
): UnknownField[] {
  const out: UnknownField[] = [];
  const add = (field: string, why: { reason: string; hint: string } | null): void => {
    if (why) out.push({ field, ...why });
  };
  if (profile.slots.length === 0) {
    if (platform === 'win32' || platform === 'darwin') {
      out.push({
        field: 'slots',
        reason: `${platform === 'win32' ? 'Windows' : 'macOS'} does not expose how the PCIe slots are wired`,
        hint: 'enter your slots by hand from the motherboard manual (which slots are x16, x8, x4, and which share lanes)',
      });
    } else if (parsed.dmidecode?.permissionDenied) {
      add('slots', {
        reason: 'unknown, because not permitted: dmidecode needs root',
        hint: 'run the capture as root: `sudo rig-advisor capture --out DIR`, then open that folder',
      });
    } else {
      add(
        'slots',
        whyMissing('dmidecode.txt', bundle, parsed) ?? {
          reason: 'the firmware lists no PCIe slots (SMBIOS type 9)',
          hint: 'enter your slots by hand from the motherboard manual',
        },
      );
    }
  }
  if (!profile.baseboard.model)
    add(
      'baseboard',
      whyMissing(platform === 'linux' ? 'dmi-id.json' : 'systeminformation.json', bundle, parsed) ?? {
        reason: 'no source named the board',
        hint: 'enter the board model by hand',
      },
    );
  if (!profile.cpu.model)
    add('cpu', whyMissing(platform === 'linux' ? 'cpuinfo.txt' : 'systeminformation.json', bundle, parsed));
  if (profile.memory.totalMiB === null)
    add(
      'memory.totalMiB',
      whyMissing(platform === 'linux' ? 'meminfo.txt' : 'systeminformation.json', bundle, parsed),
    );
  if (profile.memory.dimms.length === 0) {
    add(
      'memory.dimms',
      whyMissing(platform === 'linux' ? 'dmidecode.txt' : 'systeminformation.json', bundle, parsed) ?? {
        reason: 'no DIMM layout in the capture',
        hint: 'DIMM speed sets CPU-offload speed: enter it by hand (e.g. DDR5-6000, 2 channels)',
      },
    );
  }
  return out;
}

/** Why the vendor tool's facts are missing: the first vendor file that failed, or none present at all. */
function vendorToolWhy(
  profile: Omit<HardwareProfile, 'unknowns'>,
  bundle: CaptureBundle,
  parsed: ParsedCapture,
): { reason: string; hint: string } | null {
  const amd = profile.gpus.some((g) => g.vendor === 'amd');
  // rocm-smi's text output is one subcommand (`--showtoponuma`, `--showproductname`…): present, yet it
  // may hold no memory — say that, not "no rocm-smi output".
  if (amd && bundle.files['rocm-smi.txt'] !== undefined && bundle.files['rocm-smi.json'] === undefined)
    return {
      reason: 'rocm-smi.txt holds the text output of one rocm-smi subcommand, which does not list this',
      hint: 'capture again with `rig-advisor capture` (it runs `rocm-smi --showmeminfo vram --json`), or say which card it is on the Machine step',
    };
  const files: CaptureFileName[] = amd
    ? ['rocm-smi.json', 'amd-smi.json']
    : ['nvidia-smi-q.xml', 'nvidia-smi-query.csv'];
  for (const file of files) {
    const entry = bundle.manifest?.files[file];
    if (
      parsed.unusableFiles.includes(file) ||
      (entry && entry.errorKind !== null && bundle.files[file] === undefined)
    )
      return whyMissing(file, bundle, parsed);
  }
  if (files.some((f) => bundle.files[f] !== undefined)) return null;
  return {
    reason: `the capture has no ${amd ? 'rocm-smi or amd-smi' : 'nvidia-smi query or -q'} output`,
    hint: amd
      ? 'install ROCm (rocm-smi) and capture again'
      : 'install the NVIDIA driver (nvidia-smi comes with it) and capture again',
  };
}

function attachmentWhy(
  platform: Platform,
  bundle: CaptureBundle,
  parsed: ParsedCapture,
): { reason: string; hint: string } {
  if (platform !== 'linux') {
    return {
      reason: `${platform === 'win32' ? 'Windows' : 'this system'} does not show the PCIe path above the card`,
      hint: 'check the motherboard manual for which slots are wired to the CPU and which to the chipset',
    };
  }
  return (
    whyMissing('sysfs-pci.json', bundle, parsed) ?? {
      reason: 'the capture does not show which bridge the card hangs off',
      hint: 'capture with `sudo rig-advisor capture` so lspci can name the bridges',
    }
  );
}

export function gpuUnknowns(
  profile: Omit<HardwareProfile, 'unknowns'>,
  bundle: CaptureBundle,
  parsed: ParsedCapture,
): UnknownField[] {
  const out: UnknownField[] = [];
  const toolWhy = vendorToolWhy(profile, bundle, parsed);
  for (const gpu of profile.gpus) {
    const at = `gpus[${gpu.index}]`;
    const fallback = toolWhy ?? {
      reason: 'the vendor tool did not report it',
      hint: 'update the GPU driver and capture again',
    };
    if (gpu.vramMiB === null) out.push({ field: `${at}.vramMiB`, ...fallback });
    if (gpu.pcie.genMax === null || gpu.pcie.widthMax === null) {
      out.push({ field: `${at}.pcie`, ...(whyMissing('lspci.txt', bundle, parsed) ?? fallback) });
    }
    if (gpu.vendor === 'nvidia' && gpu.powerLimitW === null)
      out.push({ field: `${at}.powerLimitW`, ...fallback });
    if (gpu.vendor === 'nvidia' && gpu.computeCapability === null && toolWhy === null) {
      out.push({
        field: `${at}.computeCapability`,
        reason: 'this nvidia-smi output does not include the compute capability (the -q XML never does)',
        hint: 'capture with `rig-advisor capture`, which asks `nvidia-smi --query-gpu=compute_cap` (driver 510 or newer)',
      });
    }
    if (gpu.attachment === 'unknown' && gpu.pciBusId)
      out.push({ field: `${at}.attachment`, ...attachmentWhy(profile.platform, bundle, parsed) });
  }
  if (profile.gpus.length === 0) {
    out.push({
      field: 'gpus',
      reason: toolWhy?.reason ?? 'no GPU found',
      hint: toolWhy?.hint ?? 'check that the GPU driver is loaded (`nvidia-smi` or `rocm-smi`)',
    });
  }
  if (
    profile.gpus.length > 1 &&
    profile.gpuLinks.every((l) => l.kind === 'UNKNOWN') &&
    profile.gpus.some((g) => g.vendor === 'nvidia')
  ) {
    out.push({
      field: 'gpuLinks',
      ...(whyMissing('nvidia-smi-topo.txt', bundle, parsed) ?? {
        reason: 'no topology in the capture',
        hint: 'run `nvidia-smi topo -m`',
      }),
    });
  }
  if (
    profile.gpus.length > 1 &&
    profile.gpuLinks.every((l) => l.p2p === null) &&
    profile.gpus.every((g) => g.vendor === 'nvidia')
  ) {
    out.push({
      field: 'gpuLinks.p2p',
      ...(whyMissing('nvidia-smi-p2p.txt', bundle, parsed) ?? {
        reason: 'no peer-to-peer matrix in the capture',
        hint: 'run `nvidia-smi topo -p2p r`',
      }),
    });
  }
  return out;
}
