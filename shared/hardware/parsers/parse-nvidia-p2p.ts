/**
 * `nvidia-smi topo -p2p r|w|rw|n|a`: a directed GPU × GPU matrix of peer-access status codes
 * (`OK`, `NS`, `CNS`, `GNS`, `TNS`, `DR`, `U`; `X` on the diagonal), then a legend. Cells never
 * contain spaces, so TAB output (` \tGPU0\tGPU1\t`, rows with a leading space) and re-rendered,
 * space-aligned pastes split the same way.
 */
import type { P2pRecord, ParseIssue, ParseResult } from '../records';
import { capGpus } from './gpu-cap';
import { splitLines, stripAnsi } from './nvidia-values';

/** Peer-access status codes from the `topo -p2p` legend. */
export type P2pStatus = 'OK' | 'NS' | 'CNS' | 'GNS' | 'TNS' | 'DR' | 'U';
const STATUS_CODES: readonly string[] = ['OK', 'NS', 'CNS', 'GNS', 'TNS', 'DR', 'U'] satisfies P2pStatus[];

const EMPTY: P2pRecord = { gpus: [], pairs: [] };

/** Parse `nvidia-smi topo -p2p …`. Total: never throws; text without a matrix gives an error issue. */
export function parseNvidiaP2p(text: string): ParseResult<P2pRecord> {
  const lines = splitLines(text).map(stripAnsi);
  const headerAt = lines.findIndex((l) => /\bGPU\d+\b/.test(l));
  if (headerAt < 0) return { value: EMPTY, issues: [noMatrixIssue(lines)] };
  const issues: ParseIssue[] = [];
  const listed = (lines[headerAt] ?? '')
    .trim()
    .split(/\s+/)
    .filter((c) => /^GPU\d+$/.test(c));
  const gpus = capGpus(listed, issues, 'nvidia-smi topo -p2p');
  const pairs: { from: number; to: number; status: string }[] = [];
  const seen = new Set<string>();
  for (let i = headerAt + 1; i < lines.length; i++) {
    const cells = (lines[i] ?? '').trim().split(/\s+/);
    const label = cells[0] ?? '';
    if (/^Legend:/.test(label)) break;
    if (label === '') continue;
    if (!gpus.includes(label)) {
      if (listed.includes(label)) continue; // beyond the cap, already reported
      issues.push({
        severity: 'warning',
        message: `unrecognised line: "${(lines[i] ?? '').trim().slice(0, 80)}"`,
        line: i + 1,
      });
      continue;
    }
    seen.add(label);
    pairs.push(...rowPairs(label, cells.slice(1), gpus, listed.length, i + 1, issues));
  }
  const missing = gpus.filter((g) => !seen.has(g));
  if (missing.length > 0)
    issues.push({ severity: 'warning', message: `matrix rows missing (truncated?): ${missing.join(', ')}` });
  return { value: { gpus, pairs }, issues };
}

/** Directed pairs of one row; the diagonal `X` is skipped, unknown codes kept with a warning. */
function rowPairs(
  label: string,
  cells: readonly string[],
  gpus: readonly string[],
  columnCount: number,
  line: number,
  issues: ParseIssue[],
) {
  if (cells.length !== columnCount) {
    issues.push({
      severity: 'warning',
      message: `${label}: ${cells.length} cells for ${columnCount} GPUs`,
      line,
    });
  }
  const from = gpuNumber(label);
  return gpus.flatMap((column, j) => {
    const status = cells[j];
    if (status === undefined || column === label) return [];
    if (!STATUS_CODES.includes(status))
      issues.push({ severity: 'warning', message: `unknown P2P status "${status}"`, line });
    return [{ from, to: gpuNumber(column), status }];
  });
}

function noMatrixIssue(lines: readonly string[]): ParseIssue {
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { severity: 'error', message: 'empty nvidia-smi topo -p2p output' };
  const shown = (lines[first] ?? '').trim().slice(0, 200);
  return { severity: 'error', message: `no P2P matrix: "${shown}"`, line: first + 1 };
}

function gpuNumber(name: string): number {
  return Number.parseInt(name.slice(3), 10);
}
