/**
 * `nvidia-smi topo -m`: a GPU/NIC matrix of link codes (`X`, `SYS`, `NODE`, `PHB`, `PXB`, `PIX`,
 * `NV1`…`NV18`), then per-GPU tail columns (`CPU Affinity`, `NUMA Affinity`, `GPU NUMA ID`; old
 * drivers print only the first), then a legend. Real outputs are TAB-separated with empty cells
 * (`0\t\tN/A`), or space-separated after a paste, indented by a markdown renderer, wrapped in ANSI
 * codes, or damaged (a lost TAB glues `NIC8NIC9` / `NODEPXB`). Tail cells are anchored from both
 * ends, glued cells are split with a warning. Empty and `N/A` affinity cells read as null.
 */
import type { ParseIssue, ParseResult, TopologyRecord } from '../records';
import { capGpus } from './gpu-cap';
import { cleanValue, splitLines, stripAnsi } from './nvidia-values';

/** The tail column titles nvidia-smi prints, in print order. */
export type TopoTailColumn = 'CPU Affinity' | 'NUMA Affinity' | 'GPU NUMA ID';
const TAIL_COLUMNS: readonly TopoTailColumn[] = ['CPU Affinity', 'NUMA Affinity', 'GPU NUMA ID'];

/** One legend code; `SOC` is the pre-2017 name of `SYS`. */
const LINK_CODE = /^(?:X|SYS|SOC|NODE|PHB|PXB|PIX|NV\d+)$/;
const GLUED_CODES = /SYS|SOC|NODE|PHB|PXB|PIX|NV\d+|X/g;
const GLUED_DEVICES = /(?:GPU|NIC)\d+/g;

const EMPTY: TopologyRecord = { gpus: [], nics: [], gpuPairs: [], gpuNic: {}, affinity: [] };

interface Header {
  readonly devices: readonly string[];
  readonly tail: readonly TopoTailColumn[];
}

interface Row {
  readonly label: string;
  readonly matrix: readonly string[];
  readonly tail: readonly string[];
  readonly line: number;
}

/** Parse `nvidia-smi topo -m`. Total: never throws; an error text gives an error issue and an empty record. */
export function parseNvidiaTopo(text: string): ParseResult<TopologyRecord> {
  const lines = splitLines(text).map(stripAnsi);
  const headerAt = lines.findIndex((l) => /\bGPU\d+\b/.test(l));
  if (headerAt < 0) return { value: EMPTY, issues: [noMatrixIssue(lines)] };
  const issues: ParseIssue[] = [];
  const header = parseHeader(lines[headerAt] ?? '', headerAt + 1, issues);
  const rows = readRows(lines, headerAt + 1, header, issues);
  const gpus = capGpus(header.devices.filter(isGpuName), issues, 'nvidia-smi topo -m');
  // Column of each device, looked up once: indexOf per cell made the pairs cubic in the GPU count.
  const columns = new Map(header.devices.map((d, i) => [d, i] as const));
  const nics = header.devices.filter((d) => !isGpuName(d));
  const missing = header.devices.filter((d) => !rows.has(d));
  if (missing.length > 0) {
    issues.push({
      severity: 'warning',
      message: `matrix rows missing (truncated output?): ${missing.join(', ')}`,
    });
  }
  const value: TopologyRecord = {
    gpus,
    nics,
    gpuPairs: gpuPairs(gpus, columns, rows, issues),
    gpuNic: gpuNicCodes(gpus, nics, columns, rows),
    affinity: gpus.flatMap((g) => affinityOf(g, header.tail, rows.get(g), issues)),
  };
  return { value, issues };
}

function noMatrixIssue(lines: readonly string[]): ParseIssue {
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { severity: 'error', message: 'empty nvidia-smi topo -m output' };
  const shown = (lines[first] ?? '').trim().slice(0, 200);
  return {
    severity: 'error',
    message: `no topology matrix (topology unavailable): "${shown}"`,
    line: first + 1,
  };
}

/** Device columns before the first tail title; glued `NIC8NIC9` split back into two columns. */
function parseHeader(line: string, lineNo: number, issues: ParseIssue[]): Header {
  const found = TAIL_COLUMNS.map((name) => ({ name, at: line.indexOf(name) })).filter((t) => t.at >= 0);
  const tailStart = Math.min(line.length, ...found.map((t) => t.at));
  const devices = line
    .slice(0, tailStart)
    .trim()
    .split(/\s+/)
    .filter((d) => d !== '')
    .flatMap((cell) => splitGlued(cell, GLUED_DEVICES, lineNo, issues));
  return { devices, tail: found.sort((a, b) => a.at - b.at).map((t) => t.name) };
}

/** Matrix rows until the legend; a row is a line whose first cell names a header device. */
function readRows(
  lines: readonly string[],
  from: number,
  header: Header,
  issues: ParseIssue[],
): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (let i = from; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/ +$/, '');
    if (/^\s*(?:NIC )?Legend:/.test(raw)) break;
    if (raw.trim() === '') continue;
    const cells = splitCells(raw);
    const label = cells[0] ?? '';
    if (!header.devices.includes(label)) {
      issues.push({
        severity: 'warning',
        message: `unrecognised line in the matrix: "${raw.trim().slice(0, 80)}"`,
        line: i + 1,
      });
      continue;
    }
    rows.set(label, splitRow(label, cells.slice(1), header.devices.length, i + 1, issues));
  }
  return rows;
}

/** TAB output keeps its empty cells (they shift the tail columns); pasted output splits on spaces. */
function splitCells(line: string): string[] {
  if (!line.includes('\t')) return line.trim().split(/\s+/);
  return line
    .trimStart()
    .split('\t')
    .map((c) => c.trim());
}

/** First `width` cells are link codes (glued ones split); the rest are tail cells, empties kept. */
function splitRow(
  label: string,
  cells: readonly string[],
  width: number,
  line: number,
  issues: ParseIssue[],
): Row {
  const matrix: string[] = [];
  let next = 0;
  while (matrix.length < width && next < cells.length && cells[next] !== '') {
    matrix.push(...splitGlued(cells[next++] ?? '', GLUED_CODES, line, issues));
  }
  if (matrix.length < width) {
    issues.push({
      severity: 'warning',
      message: `${label}: ${matrix.length} of ${width} matrix cells`,
      line,
    });
  }
  return { label, matrix: matrix.slice(0, width), tail: cells.slice(next), line };
}

/** `NODEPXB` → `NODE`, `PXB` (a TAB lost in a paste); anything else is kept whole. */
function splitGlued(cell: string, parts: RegExp, line: number, issues: ParseIssue[]): string[] {
  const pieces = cell.match(parts) ?? [];
  if (pieces.length < 2 || pieces.join('') !== cell) return [cell];
  issues.push({ severity: 'warning', message: `cells glued together (lost separator): "${cell}"`, line });
  return pieces;
}

function gpuPairs(
  gpus: readonly string[],
  columns: ReadonlyMap<string, number>,
  rows: Map<string, Row>,
  issues: ParseIssue[],
) {
  const pairs: { a: number; b: number; code: string }[] = [];
  gpus.forEach((ga, i) =>
    gpus.slice(i + 1).forEach((gb) => {
      const upper = codeAt(rows, columns, ga, gb);
      const lower = codeAt(rows, columns, gb, ga);
      const code = upper ?? lower;
      if (upper && lower && upper !== lower) {
        issues.push({
          severity: 'warning',
          message: `asymmetric matrix: ${ga}-${gb} is ${upper}, ${gb}-${ga} is ${lower}`,
        });
      }
      if (code && !LINK_CODE.test(code))
        issues.push({ severity: 'warning', message: `unknown link code "${code}" for ${ga}-${gb}` });
      if (code) pairs.push({ a: gpuNumber(ga), b: gpuNumber(gb), code });
    }),
  );
  return pairs;
}

function gpuNicCodes(
  gpus: readonly string[],
  nics: readonly string[],
  columns: ReadonlyMap<string, number>,
  rows: Map<string, Row>,
) {
  const out: Record<string, string> = {};
  for (const g of gpus) {
    for (const n of nics) {
      const code = codeAt(rows, columns, g, n);
      if (code) out[`${g}-${n}`] = code;
    }
  }
  return out;
}

function codeAt(
  rows: Map<string, Row>,
  columns: ReadonlyMap<string, number>,
  row: string,
  column: string,
): string | undefined {
  const at = columns.get(column);
  const code = at === undefined ? undefined : rows.get(row)?.matrix[at];
  return code === undefined || code === '' ? undefined : code;
}

/** Affinity of one GPU row, from its tail cells. */
function affinityOf(
  gpu: string,
  names: readonly TopoTailColumn[],
  row: Row | undefined,
  issues: ParseIssue[],
) {
  if (!row) return [];
  if (row.tail.length < names.length) {
    issues.push({ severity: 'warning', message: `${gpu}: affinity cells missing`, line: row.line });
  }
  const cells = tailCells(names.length, row.tail);
  const get = (n: TopoTailColumn) => (names.includes(n) ? cleanValue(cells[names.indexOf(n)]) : null);
  return [
    {
      gpu: gpuNumber(gpu),
      cpuAffinity: get('CPU Affinity'),
      numaAffinity: get('NUMA Affinity'),
      gpuNumaId: get('GPU NUMA ID'),
    },
  ];
}

/**
 * Tail cells → one per column. Same count or fewer: by position. More (TAB output pads with empty
 * cells, `0\t\tN/A`, and shifts some rows): first and last anchored, the middle columns take the
 * non-empty middle cells in order.
 */
function tailCells(columns: number, cells: readonly string[]): string[] {
  const at = (i: number) => cells[i] ?? '';
  if (cells.length <= columns || columns < 2) return Array.from({ length: columns }, (_, i) => at(i));
  const middle = cells.slice(1, -1).filter((c) => c !== '');
  return Array.from({ length: columns }, (_, i) => {
    if (i === 0) return at(0);
    return i === columns - 1 ? at(cells.length - 1) : (middle[i - 1] ?? '');
  });
}

function isGpuName(name: string): boolean {
  return /^GPU\d+$/.test(name);
}

function gpuNumber(name: string): number {
  return Number.parseInt(name.slice(3), 10);
}
