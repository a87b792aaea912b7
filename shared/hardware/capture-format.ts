/**
 * Capture directory, format 1: one file per source with a fixed name, plus `manifest.json`.
 * The same layout is written by `capture`, by `resources/capture.sh`, read by `scan --replay`,
 * and used for test fixtures and support bundles. Any subset of the files may be present.
 */
import { z } from 'zod';

export const CAPTURE_FORMAT = 1;

/** Every file name a capture directory may hold, with what produces it. */
export const CAPTURE_FILES = {
  'nvidia-smi-query.csv': 'nvidia-smi --query-gpu=… --format=csv (header row kept)',
  'nvidia-smi-q.xml': 'nvidia-smi -q -x',
  'nvidia-smi-q.txt': 'nvidia-smi -q (plain text, when XML is not available)',
  'nvidia-smi-topo.txt': 'nvidia-smi topo -m',
  'nvidia-smi-p2p.txt': 'nvidia-smi topo -p2p r (or rw)',
  'nvidia-smi-nvlink.txt': 'nvidia-smi nvlink -s',
  'rocm-smi.txt': 'rocm-smi (text)',
  'rocm-smi.json': 'rocm-smi --showproductname --showmeminfo vram --showbus --showtopo … --json',
  'amd-smi.json': 'amd-smi static --json',
  'lspci.txt': 'lspci -D -vvv -nn',
  'dmidecode.txt': 'dmidecode -t 2,9,16,17 (root)',
  'cpuinfo.txt': '/proc/cpuinfo',
  'meminfo.txt': '/proc/meminfo',
  'sysfs-pci.json': '/sys/bus/pci/devices/* link attributes and device paths',
  'dmi-id.json': '/sys/class/dmi/id/*',
  'systeminformation.json': 'systeminformation: cpu, mem, memLayout, baseboard, system, osInfo, graphics',
  'win-videocontroller.txt': 'PowerShell Get-CimInstance Win32_VideoController | Format-List *',
  'win-computersystem.txt': 'PowerShell Get-CimInstance Win32_ComputerSystem | Format-List *',
  'win-processor.txt': 'PowerShell Get-CimInstance Win32_Processor | Format-List *',
  'win-baseboard.txt': 'PowerShell Get-CimInstance Win32_BaseBoard | Format-List *',
  'mac-displays.json': 'system_profiler SPDisplaysDataType -json',
  'mac-hardware.json': 'system_profiler SPHardwareDataType -json',
} as const;

export type CaptureFileName = keyof typeof CAPTURE_FILES;
export const CAPTURE_FILE_NAMES = Object.keys(CAPTURE_FILES) as CaptureFileName[];

export function isCaptureFileName(name: string): name is CaptureFileName {
  return Object.hasOwn(CAPTURE_FILES, name);
}

/** Why a collector produced no usable output. */
export const COLLECT_ERROR_KINDS = [
  'missing-tool',
  'not-permitted',
  'timed-out',
  'failed',
  'not-applicable',
  'too-large',
] as const;
export type CollectErrorKind = (typeof COLLECT_ERROR_KINDS)[number];

export const manifestFileSchema = z.object({
  /** The command line (or file path) that produced the file, for the record. */
  command: z.string(),
  exitCode: z.number().int().nullable(),
  /** Milliseconds the collector took. */
  durationMs: z.number().nonnegative(),
  errorKind: z.enum(COLLECT_ERROR_KINDS).nullable(),
  /** First lines of stderr or the error message, for the user. */
  error: z.string().nullable().optional(),
  /** Whether the file was written (a failed collector may still leave partial output). */
  written: z.boolean(),
});

export const manifestSchema = z.object({
  format: z.literal(CAPTURE_FORMAT),
  /** Version of the program that wrote the capture. */
  version: z.string(),
  platform: z.enum(['linux', 'win32', 'darwin', 'unknown']),
  capturedAt: z.string(),
  isRoot: z.boolean().nullable(),
  redacted: z.boolean().optional(),
  /** Written by `capture` (Node) or `capture.sh` (POSIX shell). */
  writer: z.string().optional(),
  files: z.record(z.string(), manifestFileSchema),
});

export type ManifestFileEntry = z.infer<typeof manifestFileSchema>;
export type CaptureManifest = z.infer<typeof manifestSchema>;

/** The in-memory form of a capture directory: file name → text, plus the manifest when present. */
export interface CaptureBundle {
  readonly manifest: CaptureManifest | null;
  readonly files: Readonly<Partial<Record<CaptureFileName, string>>>;
  /** Problems met while reading the directory itself (unreadable files, bad manifest). */
  readonly readIssues: readonly { readonly file: string; readonly message: string }[];
}
