/**
 * `lspci -tv` → which device sits under which bridge. The tree is drawn with columns: a branch
 * (`+-` or `\-`) at column c on a later line continues the bus whose first branch was drawn at
 * column c. `[dddd:bb]` opens a root bus; `XX.X-[bb]` or `XX.X-[bb-ee]` is a bridge whose children
 * follow on its secondary bus `bb`. Pure and total.
 */
import type { ParseIssue, ParseResult, PciTreeRecord } from '../records';
import { checkInput, failure, toLines, warning } from './text-kit';

interface BusContext {
  readonly domain: string;
  readonly bus: string;
  /** The bridge above this bus, null for a root bus. */
  readonly parent: string | null;
}

/** Context before any `[dddd:bb]`: devices here have no known bus. */
const TOP: BusContext = { domain: '', bus: '', parent: null };

const CONNECTOR = /[-+\\]+/y;
const BUS_RANGE = /\[(?:([0-9a-f]{4,8}):)?([0-9a-f]{2})(?:-[0-9a-f]{2})?\]/iy;
const FUNCTION = /([0-9a-f]{2})\.([0-7])/iy;
const ID_PAIR = /\s*\[[0-9a-f]{4}:[0-9a-f]{4}\]/i;

interface TreeState {
  readonly columns: Map<number, BusContext>;
  readonly edges: { parent: string; child: string }[];
  readonly devices: { address: string; description: string }[];
  readonly issues: ParseIssue[];
}

/** Parse `lspci -tv` (or `-tvnn`) text into parent → child edges and the devices seen. */
export function parseLspciTree(text: string): ParseResult<PciTreeRecord> {
  const input = checkInput(text, 'lspci -tv');
  if (input.text === null)
    return { value: { edges: [], devices: [] }, issues: input.issue ? [input.issue] : [] };
  const state: TreeState = { columns: new Map(), edges: [], devices: [], issues: [] };
  toLines(input.text).forEach((line, i) => {
    if (line.trim() !== '') parseTreeLine(line, i + 1, state);
  });
  if (state.devices.length === 0) state.issues.push(failure('lspci -tv: no devices found in the tree'));
  return { value: { edges: state.edges, devices: state.devices }, issues: state.issues };
}

function parseTreeLine(line: string, lineNo: number, state: TreeState): void {
  let col = 0;
  while (col < line.length && (line[col] === ' ' || line[col] === '|')) col += 1;
  let ctx: BusContext | null = null;
  let lastDevice: string | null = null;
  while (col < line.length) {
    const conn = stickyAt(CONNECTOR, line, col);
    if (conn) {
      ctx = applyConnector(conn[0], col, ctx, state);
      if (ctx === null) {
        state.issues.push(warning('lspci -tv: branch with no bus above it; line skipped', lineNo));
        return;
      }
      col += conn[0].length;
      if (col >= line.length) return;
    }
    const range = stickyAt(BUS_RANGE, line, col);
    if (range) {
      ctx = openBus(range, ctx ?? TOP, lastDevice);
      col += range[0].length;
      continue;
    }
    const fn = stickyAt(FUNCTION, line, col);
    if (!fn || ctx === null || ctx.bus === '') {
      state.issues.push(warning(`lspci -tv: unexpected text at column ${col + 1}`, lineNo));
      return;
    }
    col += fn[0].length;
    const bridge = line.startsWith('-[', col);
    lastDevice = addDevice(ctx, fn, bridge ? '' : line.slice(col), state);
    if (!bridge) return;
    col += 1;
  }
}

/**
 * A run like `-+-` or `\-`. The first run of a line that holds a branch looks up the bus drawn at
 * that column; later runs register the current bus at their branch column. Returns the bus
 * context in force after the run, or null when a continuation branch has nothing above it.
 */
/** Match a sticky (`y`) pattern exactly at `col`, without copying the rest of the line. */
function stickyAt(pattern: RegExp, line: string, col: number): RegExpExecArray | null {
  pattern.lastIndex = col;
  return pattern.exec(line);
}

function applyConnector(
  run: string,
  col: number,
  ctx: BusContext | null,
  state: TreeState,
): BusContext | null {
  const offset = run.search(/[+\\]/);
  if (offset < 0) return ctx ?? TOP;
  const branchCol = col + offset;
  if (ctx === null) {
    const known = state.columns.get(branchCol);
    if (known) return known;
    if (state.columns.size > 0) return null;
    state.columns.set(branchCol, TOP);
    return TOP;
  }
  state.columns.set(branchCol, ctx);
  return ctx;
}

function openBus(range: RegExpExecArray, ctx: BusContext, bridge: string | null): BusContext {
  const bus = (range[2] ?? '').toLowerCase();
  if (bridge !== null) return { domain: ctx.domain, bus, parent: bridge };
  const domain = (range[1] ?? '0000').toLowerCase().slice(-4).padStart(4, '0');
  return { domain, bus, parent: null };
}

function addDevice(ctx: BusContext, fn: RegExpExecArray, after: string, state: TreeState): string {
  const address = `${ctx.domain}:${ctx.bus}:${(fn[1] ?? '').toLowerCase()}.${fn[2] ?? '0'}`;
  const description = after.replace(ID_PAIR, '').trim();
  state.devices.push({ address, description });
  if (ctx.parent !== null) state.edges.push({ parent: ctx.parent, child: address });
  return address;
}
