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
