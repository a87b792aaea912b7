/**
 * Text as users paste it, made line-readable: CRLF and lone CR (tqdm progress bars redraw with `\r`),
 * ANSI colour escapes, and a byte-order mark removed. Every reader in this folder starts from it.
 */
// The escape character itself is what marks a colour code in a terminal paste.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

export function cleanLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(ANSI, '')
    .split(/\r\n|\n/)
    .map((line) => {
      // A progress bar redrawn with carriage returns: its last state is what was left on screen.
      const parts = line.split('\r');
      return parts[parts.length - 1] ?? '';
    });
}

/** A line of a parsed file that was not used, and why. */
export interface SkippedLine {
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}

/** A number as printed (`1,234.5`, `14.78x`), or null. */
export function printedNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const m = /-?\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?/i.exec(text);
  if (!m) return null;
  const n = Number(m[0].replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}
