/**
 * Bytes of a capture file → text. Captures are made by hand too: PowerShell 5's `>` writes UTF-16LE
 * with a BOM, Windows tools write the ANSI code page, and a wrong file can be copied under a capture
 * name. Those cases are told apart here so the reader can say what is wrong with which file.
 */

export type DecodeResult = { ok: true; text: string; note: string | null } | { ok: false; message: string };

/** Share of control characters (other than tab, newlines, form feed, ESC for ANSI colours) that marks binary data. */
const MAX_CONTROL_SHARE = 0.01;

function controlShare(text: string): number {
  const sample = text.slice(0, 64 * 1024);
  if (sample.length === 0) return 0;
  let count = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x1b) ||
      c === 0x7f
    )
      count++;
  }
  return count / sample.length;
}

function fromBom(bytes: Uint8Array): { text: string; note: string } | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      note: 'UTF-16LE text (PowerShell redirect); converted',
    };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), note: 'UTF-16BE text; converted' };
  return null;
}

export function decodeCaptureText(bytes: Uint8Array): DecodeResult {
  const bom = fromBom(bytes);
  let text: string;
  let note: string | null = bom?.note ?? null;
  if (bom) {
    text = bom.text;
  } else {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
    } catch {
      // Not UTF-8: most likely a Windows code page. Latin-1 keeps ASCII intact, which is what parsers read.
      text = new TextDecoder('latin1').decode(bytes.subarray(start));
      note = 'not UTF-8; read as Latin-1 (some characters may be wrong)';
    }
  }
  if (text.includes('\u0000') || controlShare(text) > MAX_CONTROL_SHARE) {
    return { ok: false, message: 'binary or garbled content, not text' };
  }
  return { ok: true, text, note };
}

/**
 * Terminal escape sequences: CSI (`ESC [ … final`, also the one-byte C1 form U+009B), OSC (`ESC ]`,
 * U+009D … up to BEL, ST or the end of the line, e.g. setting the window title) and the two-byte
 * `ESC X` forms.
 */
const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c\n]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -Z\\-_]/g;
/** C0 controls but tab, newline and carriage return; DEL; C1 (U+0080–U+009F). */
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

const isControlCode = (code: number): boolean =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);

/**
 * Text a tool printed, made safe to show: a GPU name like `A10G\e]0;pwned\a` or `\e[2J` must not
 * reach a terminal (the CLI) or a log raw. Escape sequences and control characters go; tab and
 * newline stay, as text files need them; a CR stays only in CRLF (a lone CR, which parsers read as a
 * line break anyway, becomes LF rather than rewrite a terminal line).
 */
export function stripControlCharacters(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL_CHARACTER, '')
    .replace(/\r(?!\n)/g, '\n');
}

/**
 * Control escapes in JSON strings (`\u001b`, `\b`, a lone `\r`) dropped as text: the fallback for
 * JSON that does not parse. An escape is one only after an odd run of backslashes.
 */
export function stripJsonControlEscapes(text: string): string {
  // A match starts only where a backslash run starts: retrying inside a run made this quadratic.
  return text.replace(
    /(?<!\\)(\\+)(u[0-9a-fA-F]{4}|[bfr])/g,
    (match, slashes: string, escape: string, at: number) => {
      if (slashes.length % 2 === 0) return match; // an escaped backslash followed by plain letters
      const dropped = slashes.slice(0, -1);
      if (escape === 'b' || escape === 'f') return dropped;
      const code = escape === 'r' ? 0x0d : Number.parseInt(escape.slice(1), 16);
      if (code === 0x0d) return text.startsWith('\\n', at + match.length) ? match : dropped;
      return isControlCode(code) ? dropped : match;
    },
  );
}

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return stripControlCharacters(value);
  if (Array.isArray(value)) return value.map(cleanValue);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [stripControlCharacters(key), cleanValue(inner)]),
  );
}

/**
 * JSON whose strings carry control characters as escapes, which `JSON.parse` turns back into the
 * real thing: such a file is parsed, its strings cleaned whole (so `\u001b[31m` goes, not just the
 * ESC), and written again. Files without such escapes are left byte for byte.
 */
function sanitizeJson(text: string): string {
  if (stripJsonControlEscapes(text) === text) return text;
  try {
    return `${JSON.stringify(cleanValue(JSON.parse(text)), null, 2)}\n`;
  } catch {
    return stripJsonControlEscapes(text); // not JSON (or nested too deep): its parser will say so
  }
}

/** A capture file's text as the probe keeps it: control characters removed, in JSON escapes too. */
export function sanitizeCaptureText(name: string, text: string): string {
  const plain = stripControlCharacters(text);
  return name.endsWith('.json') ? sanitizeJson(plain) : plain;
}
