/**
 * Small helpers shared by the non-NVIDIA parsers: input guards, line splitting, issues, numbers,
 * PCIe speed → generation, and JSON that never throws. Pure: no Node, no DOM.
 */
import type { ParseIssue } from '../records';

/** Build a warning issue (the value is still usable). */
export function warning(message: string, line?: number): ParseIssue {
  return line === undefined ? { severity: 'warning', message } : { severity: 'warning', message, line };
}

/** Build an error issue (the value is missing or unreliable). */
export function failure(message: string, line?: number): ParseIssue {
  return line === undefined ? { severity: 'error', message } : { severity: 'error', message, line };
}

/**
 * Check that a parser got usable text. Returns the text, or null plus the issue to report when the
 * input is not a string or holds only whitespace. `what` names the source in the message.
 */
export function checkInput(text: unknown, what: string): { text: string | null; issue: ParseIssue | null } {
  if (typeof text !== 'string') return { text: null, issue: failure(`${what}: input is not text`) };
  if (text.trim() === '') return { text: null, issue: failure(`${what}: output is empty`) };
  return { text, issue: null };
}

/** Split text into lines, accepting LF, CRLF and stray CR; a leading byte-order mark is dropped. */
export function toLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** Integer in base 10 from text such as ` 16 `; null for anything else. */
export function intOrNull(raw: string | null | undefined): number | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (!/^-?\d+$/.test(text)) return null;
  const n = Number.parseInt(text, 10);
  return Number.isSafeInteger(n) ? n : null;
}

/** Finite decimal number from text such as `211.0`; null for `N/A`, empty or anything else. */
export function numberOrNull(raw: string | number | null | undefined): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (!/^-?\d+(?:\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Text trimmed, or null when empty or undefined. */
export function textOrNull(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  return text === '' ? null : text;
}

/** PCIe generation by transfer rate (GT/s per lane): 2.5 → 1 … 64 → 6. */
const GEN_BY_GTS: readonly (readonly [number, number])[] = [
  [2.5, 1],
  [5, 2],
  [8, 3],
  [16, 4],
  [32, 5],
  [64, 6],
];

/** PCIe generation for a link speed in GT/s, or null when the speed is not a known rate. */
export function pcieGenFromGTs(gts: number | null): number | null {
  if (gts === null) return null;
  const hit = GEN_BY_GTS.find(([rate]) => Math.abs(rate - gts) < 0.01);
  return hit ? hit[1] : null;
}

/** JSON.parse that reports a problem instead of throwing. */
export function parseJson(text: string, what: string): { value: unknown; issue: ParseIssue | null } {
  try {
    return { value: JSON.parse(text) as unknown, issue: null };
  } catch (err) {
    const reason = err instanceof Error ? err.message : 'unknown reason';
    return { value: undefined, issue: failure(`${what}: not valid JSON (${reason})`) };
  }
}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
