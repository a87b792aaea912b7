/**
 * `/proc/cpuinfo` → CPU model, vendor, sockets, physical cores, logical processors. x86 prints
 * `model name`, `physical id` and `cpu cores` per processor; ARM64 kernels print none of them
 * (only `CPU implementer`/`CPU part`), so those stay null with an issue saying why. Pure and total.
 */
import type { CpuInfoRecord, ParseIssue, ParseResult } from '../records';
import { checkInput, failure, intOrNull, textOrNull, toLines, warning } from './text-kit';

type Block = ReadonlyMap<string, string>;

/** `CPU implementer` codes (Arm's MIDR register) for the vendors seen in servers and desktops. */
const ARM_IMPLEMENTERS: Readonly<Record<string, string>> = {
  '0x41': 'ARM',
  '0x42': 'Broadcom',
  '0x43': 'Cavium',
  '0x48': 'HiSilicon',
  '0x4e': 'NVIDIA',
  '0x50': 'Applied Micro',
  '0x51': 'Qualcomm',
  '0x61': 'Apple',
  '0xc0': 'Ampere',
};

const EMPTY: CpuInfoRecord = { model: null, vendor: null, cores: null, threads: null, sockets: null };

/** Parse `/proc/cpuinfo`. */
export function parseCpuinfo(text: string): ParseResult<CpuInfoRecord> {
  const input = checkInput(text, 'cpuinfo');
  if (input.text === null) return { value: EMPTY, issues: input.issue ? [input.issue] : [] };
  const blocks = splitBlocks(toLines(input.text));
  const processors = blocks.filter((b) => b.has('processor'));
  if (processors.length === 0)
    return { value: EMPTY, issues: [failure('cpuinfo: no `processor : N` entries found')] };
  const issues: ParseIssue[] = [];
  const first = processors[0] ?? new Map<string, string>();
  const model = textOrNull(first.get('model name') ?? first.get('Processor'));
  if (model === null) {
    const part = first.get('CPU part');
    issues.push(
      warning(
        `cpuinfo: no \`model name\` line (usual on ARM)${part ? `; CPU part ${part}` : ''}: CPU model unknown`,
      ),
    );
  }
  const sockets = countSockets(processors);
  const cores = countCores(processors);
  if (sockets === null || cores === null) {
    issues.push(
      warning(
        'cpuinfo: no `physical id` / `cpu cores` lines (usual on ARM and some VMs): sockets and physical cores unknown',
      ),
    );
  }
  return { value: { model, vendor: vendorOf(first), cores, threads: processors.length, sockets }, issues };
}

/** Blocks separated by blank lines; `key<TAB>: value` lines, first value of a key wins. */
function splitBlocks(lines: readonly string[]): Block[] {
  const blocks: Map<string, string>[] = [];
  let current: Map<string, string> | null = null;
  for (const line of lines) {
    const colon = line.indexOf(':');
    const key = colon > 0 ? line.slice(0, colon).trim() : '';
    if (key === '') {
      if (line.trim() === '') current = null;
      continue;
    }
    if (!current) {
      current = new Map();
      blocks.push(current);
    }
    if (!current.has(key)) current.set(key, line.slice(colon + 1).trim());
  }
  return blocks;
}

function vendorOf(first: Block): string | null {
  const x86 = textOrNull(first.get('vendor_id'));
  if (x86 !== null) return x86;
  const implementer = first.get('CPU implementer')?.trim().toLowerCase();
  return implementer ? (ARM_IMPLEMENTERS[implementer] ?? null) : null;
}

function countSockets(processors: readonly Block[]): number | null {
  const ids = processors.map((p) => p.get('physical id')).filter((id): id is string => id !== undefined);
  return ids.length === 0 ? null : new Set(ids).size;
}

/** Sum of `cpu cores` over sockets; falls back to distinct (physical id, core id) pairs. */
function countCores(processors: readonly Block[]): number | null {
  const perSocket = new Map<string, number>();
  for (const p of processors) {
    const cores = intOrNull(p.get('cpu cores'));
    const socket = p.get('physical id');
    if (cores !== null && socket !== undefined && !perSocket.has(socket)) perSocket.set(socket, cores);
  }
  if (perSocket.size > 0) return [...perSocket.values()].reduce((a, b) => a + b, 0);
  const pairs = processors
    .filter((p) => p.has('physical id') && p.has('core id'))
    .map((p) => `${p.get('physical id')}/${p.get('core id')}`);
  return pairs.length === 0 ? null : new Set(pairs).size;
}
