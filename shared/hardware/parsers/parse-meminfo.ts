/**
 * `/proc/meminfo` → total and available system memory. The kernel prints `kB` meaning KiB.
 * Pure and total.
 */
import type { MemInfoRecord, ParseIssue, ParseResult } from '../records';
import { checkInput, failure, toLines, warning } from './text-kit';

const EMPTY: MemInfoRecord = { totalMiB: null, availableMiB: null };

/** Parse `/proc/meminfo`: `MemTotal` and `MemAvailable` in MiB (rounded down). */
export function parseMeminfo(text: string): ParseResult<MemInfoRecord> {
  const input = checkInput(text, 'meminfo');
  if (input.text === null) return { value: EMPTY, issues: input.issue ? [input.issue] : [] };
  const fields = new Map<string, number>();
  for (const line of toLines(input.text)) {
    const m = /^(\w+(?:\(\w+\))?):\s+(\d+)(?:\s+kB)?\s*$/.exec(line);
    if (m && !fields.has(m[1] ?? '')) fields.set(m[1] ?? '', Number(m[2]));
  }
  const issues: ParseIssue[] = [];
  const totalMiB = kibToMiB(fields.get('MemTotal'));
  const availableMiB = kibToMiB(fields.get('MemAvailable'));
  if (totalMiB === null) issues.push(failure('meminfo: no `MemTotal: N kB` line'));
  else if (availableMiB === null)
    issues.push(warning('meminfo: no `MemAvailable` line (kernel before 3.14?)'));
  return { value: { totalMiB, availableMiB }, issues };
}

function kibToMiB(kib: number | undefined): number | null {
  return kib === undefined || !Number.isFinite(kib) ? null : Math.floor(kib / 1024);
}
