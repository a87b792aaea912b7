/**
 * PowerShell object output → one property map per object. Two layouts:
 * - `Format-List`: `Key   : value` lines, objects separated by blank lines; long values wrap onto
 *   continuation lines indented to the value column (joined back without a separator);
 * - the default table: a header row, a `----  -----` underline, then one row per object; the
 *   underline's dash runs give the column starts.
 * CRLF or LF. Pure and total: odd input gives issues, never a throw.
 */
import type { ParseIssue, ParseResult, PowerShellRecord } from '../records';
import { checkInput, failure, toLines, warning } from './text-kit';

export {
  parseWin32BaseBoard,
  parseWin32ComputerSystem,
  parseWin32Processor,
  parseWin32VideoControllers,
} from './parse-win32-cim';
export type {
  WinBaseBoardFacts,
  WinComputerSystemFacts,
  WinGpuFacts,
  WinProcessorFacts,
} from './parse-win32-cim';

const UNDERLINE = /^\s*-+(?:\s+-+)*\s*$/;

/** Parse `Format-List` or table output of PowerShell into property maps (all values as text). */
export function parsePowerShellList(text: string): ParseResult<PowerShellRecord> {
  const input = checkInput(text, 'PowerShell');
  if (input.text === null) return { value: { objects: [] }, issues: input.issue ? [input.issue] : [] };
  const lines = toLines(input.text);
  const issues: ParseIssue[] = [];
  const underline = lines.findIndex((l, i) => UNDERLINE.test(l) && (lines[i - 1] ?? '').trim() !== '');
  const objects = underline > 0 ? parseTable(lines, underline, issues) : parseList(lines, issues);
  if (objects.length === 0)
    issues.push(failure('PowerShell: no objects found (neither `Key : value` lines nor a table)'));
  return { value: { objects }, issues };
}

function parseList(lines: readonly string[], issues: ParseIssue[]): Record<string, string>[] {
  const objects: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  let lastKey: string | null = null;
  let valueCol = 0;
  lines.forEach((line, i) => {
    if (line.trim() === '') {
      if (current) objects.push(current);
      current = null;
      lastKey = null;
      return;
    }
    const colon = /^\S/.test(line) ? line.indexOf(':') : -1;
    if (colon > 0) {
      current ??= {};
      lastKey = line.slice(0, colon).trim();
      current[lastKey] = line
        .slice(colon + 1)
        .replace(/^ /, '')
        .trimEnd();
      valueCol = colon + 2;
    } else if (current && lastKey !== null && /^\s/.test(line)) {
      const lead = line.length - line.trimStart().length;
      current[lastKey] += (lead >= valueCol ? line.slice(valueCol) : line.trimStart()).trimEnd();
    } else {
      issues.push(warning('PowerShell: line is neither `Key : value` nor a continuation; ignored', i + 1));
    }
  });
  if (current) objects.push(current);
  return objects;
}

/** Column starts are the starts of the dash runs in the underline. */
function parseTable(
  lines: readonly string[],
  underline: number,
  issues: ParseIssue[],
): Record<string, string>[] {
  const objects: Record<string, string>[] = [];
  let starts = dashRunStarts(lines[underline] ?? '');
  let names = cells(lines[underline - 1] ?? '', starts);
  for (let i = underline + 1; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    if (UNDERLINE.test(line)) {
      objects.pop();
      starts = dashRunStarts(line);
      names = cells(lines[i - 1] ?? '', starts);
      continue;
    }
    const values = cells(line, starts);
    const row: Record<string, string> = {};
    names.forEach((name, c) => {
      if (name !== '') row[name] = values[c] ?? '';
    });
    objects.push(row);
  }
  if (names.every((n) => n === ''))
    issues.push(warning('PowerShell: table header has no column names', underline));
  return objects;
}

function dashRunStarts(underline: string): number[] {
  return [...underline.matchAll(/-+/g)].map((m) => m.index ?? 0);
}

function cells(line: string, starts: readonly number[]): string[] {
  return starts.map((start, c) => line.slice(start, starts[c + 1] ?? line.length).trim());
}
