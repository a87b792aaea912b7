/**
 * Step one of the merge: run the right parser over every file present in a capture bundle and
 * collect what each said went wrong, named by file. Nothing here throws: a garbled file yields
 * a capture issue and an empty record, and the other files are still used.
 */
import type { CaptureBundle, CaptureFileName } from '../capture-format';
import type {
  AmdGpuRecord,
  CpuInfoRecord,
  DmiIdRecord,
  MemInfoRecord,
  NvidiaSmiRecord,
  NvlinkRecord,
  P2pRecord,
  ParseResult,
  RocmRecord,
  SysfsPciRecord,
  TopologyRecord,
} from '../records';
import { parseNvidiaSmiQuery } from '../parsers/parse-nvidia-smi-query';
import { parseNvidiaSmiXml } from '../parsers/parse-nvidia-smi-xml';
import { parseNvidiaSmiQText } from '../parsers/parse-nvidia-smi-q-text';
import { parseNvidiaTopo } from '../parsers/parse-nvidia-topo';
import { parseNvidiaP2p } from '../parsers/parse-nvidia-p2p';
import { parseNvidiaNvlink } from '../parsers/parse-nvidia-nvlink';
import { parseRocmSmiJson, parseRocmSmiText } from '../parsers/parse-rocm-smi';
import { parseAmdSmiJson } from '../parsers/parse-amd-smi';
import { parseLspci, type LspciDevice } from '../parsers/parse-lspci';
import { parseDmidecode, type DmidecodeDetail } from '../parsers/parse-dmidecode';
import { parseCpuinfo } from '../parsers/parse-cpuinfo';
import { parseMeminfo } from '../parsers/parse-meminfo';
import { parseSysfsPci } from '../parsers/parse-sysfs-pci';
import { parseDmiId } from '../parsers/parse-dmi-id';
import {
  parsePowerShellList,
  parseWin32BaseBoard,
  parseWin32ComputerSystem,
  parseWin32Processor,
  parseWin32VideoControllers,
  type WinBaseBoardFacts,
  type WinComputerSystemFacts,
  type WinGpuFacts,
  type WinProcessorFacts,
} from '../parsers/parse-powershell';
import { parseSystemInformation, type SystemInformationRecord } from '../parsers/parse-systeminformation';
import {
  parseMacDisplays,
  parseMacHardware,
  type MacGpuRecord,
  type MacHardwareRecord,
} from '../parsers/parse-macos';

export interface CaptureIssue {
  readonly file: string;
  readonly message: string;
}

export interface ParsedCapture {
  readonly nvidiaXml: NvidiaSmiRecord | null;
  readonly nvidiaCsv: NvidiaSmiRecord | null;
  readonly nvidiaText: NvidiaSmiRecord | null;
  readonly topology: TopologyRecord | null;
  readonly p2p: P2pRecord | null;
  readonly nvlink: NvlinkRecord | null;
  readonly amdGpus: readonly AmdGpuRecord[];
  /** The file the AMD GPU records came from (rocm-smi JSON or text, amd-smi), null without any. */
  readonly amdFile: CaptureFileName | null;
  readonly amdLinks: RocmRecord['links'];
  readonly lspci: readonly LspciDevice[];
  readonly dmidecode: DmidecodeDetail | null;
  readonly cpuinfo: CpuInfoRecord | null;
  readonly meminfo: MemInfoRecord | null;
  readonly sysfs: SysfsPciRecord | null;
  readonly dmiId: DmiIdRecord | null;
  readonly systemInformation: SystemInformationRecord | null;
  readonly win: {
    readonly gpus: readonly WinGpuFacts[];
    readonly computerSystem: WinComputerSystemFacts | null;
    readonly processors: readonly WinProcessorFacts[];
    readonly baseboard: WinBaseBoardFacts | null;
  };
  readonly mac: { readonly gpus: readonly MacGpuRecord[]; readonly hardware: MacHardwareRecord | null };
  /** Every error a parser reported, or a reader met, named by file. */
  readonly issues: readonly CaptureIssue[];
  /** Parser warnings (values read, but with a caveat the user should see), named by file. */
  readonly warnings: readonly CaptureIssue[];
  /** Files that were present but gave nothing usable. */
  readonly unusableFiles: readonly CaptureFileName[];
}

type Parser<T> = (text: string) => ParseResult<T>;

/** Runs a second parse step over the first one's value, keeping both steps' issues. */
function chain<A, B>(first: ParseResult<A>, next: (value: A) => ParseResult<B>): ParseResult<B> {
  const second = next(first.value);
  return { value: second.value, issues: [...first.issues, ...second.issues] };
}

function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    const gpus = (value as { gpus?: unknown }).gpus;
    if (Array.isArray(gpus)) return gpus.length === 0;
  }
  return false;
}

export function parseBundle(bundle: CaptureBundle): ParsedCapture {
  const issues: CaptureIssue[] = bundle.readIssues.map((i) => ({ file: i.file, message: i.message }));
  const unusable: CaptureFileName[] = [];
  const warnings: CaptureIssue[] = [];
  function run<T>(file: CaptureFileName, parser: Parser<T>): T | null {
    const text = bundle.files[file];
    if (text === undefined) return null;
    let result: ParseResult<T>;
    try {
      result = parser(text);
    } catch (error) {
      // Parsers are meant to be total; a throw is a bug, but the rest of the capture still counts.
      issues.push({
        file,
        message: `parser failed: ${error instanceof Error ? error.message : String(error)}`,
      });
      unusable.push(file);
      return null;
    }
    for (const issue of result.issues) {
      const entry = { file, message: issue.line ? `line ${issue.line}: ${issue.message}` : issue.message };
      (issue.severity === 'error' ? issues : warnings).push(entry);
    }
    const hasErrors = result.issues.some((i) => i.severity === 'error');
    if (isEmptyValue(result.value) && (hasErrors || text.trim() !== '')) unusable.push(file);
    return result.value;
  }

  const rocmJson = run('rocm-smi.json', parseRocmSmiJson);
  const rocm = rocmJson ?? run('rocm-smi.txt', parseRocmSmiText);
  const amdSmi = run('amd-smi.json', parseAmdSmiJson);
  const amdGpus = rocm?.gpus.length ? rocm.gpus : (amdSmi?.gpus ?? []);
  const rocmFile: CaptureFileName = rocmJson ? 'rocm-smi.json' : 'rocm-smi.txt';
  const amdFile: CaptureFileName | null = rocm?.gpus.length
    ? rocmFile
    : amdSmi?.gpus.length
      ? 'amd-smi.json'
      : null;
  return {
    nvidiaXml: run('nvidia-smi-q.xml', parseNvidiaSmiXml),
    nvidiaCsv: run('nvidia-smi-query.csv', parseNvidiaSmiQuery),
    nvidiaText: run('nvidia-smi-q.txt', parseNvidiaSmiQText),
    topology: run('nvidia-smi-topo.txt', parseNvidiaTopo),
    p2p: run('nvidia-smi-p2p.txt', parseNvidiaP2p),
    nvlink: run('nvidia-smi-nvlink.txt', parseNvidiaNvlink),
    amdGpus,
    amdFile,
    amdLinks: rocm?.links ?? amdSmi?.links ?? [],
    lspci: run('lspci.txt', parseLspci) ?? [],
    dmidecode: run('dmidecode.txt', parseDmidecode),
    cpuinfo: run('cpuinfo.txt', parseCpuinfo),
    meminfo: run('meminfo.txt', parseMeminfo),
    sysfs: run('sysfs-pci.json', parseSysfsPci),
    dmiId: run('dmi-id.json', parseDmiId),
    systemInformation: run('systeminformation.json', parseSystemInformation),
    win: {
      gpus:
        run('win-videocontroller.txt', (t) => chain(parsePowerShellList(t), parseWin32VideoControllers)) ??
        [],
      computerSystem: run('win-computersystem.txt', (t) =>
        chain(parsePowerShellList(t), parseWin32ComputerSystem),
      ),
      processors: run('win-processor.txt', (t) => chain(parsePowerShellList(t), parseWin32Processor)) ?? [],
      baseboard: run('win-baseboard.txt', (t) => chain(parsePowerShellList(t), parseWin32BaseBoard)),
    },
    mac: {
      gpus: run('mac-displays.json', parseMacDisplays) ?? [],
      hardware: run('mac-hardware.json', parseMacHardware),
    },
    issues,
    warnings,
    unusableFiles: unusable,
  };
}
