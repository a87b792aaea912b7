import { describe, expect, it } from 'vitest';
import { sanitizeCaptureText, stripControlCharacters, stripJsonControlEscapes } from './decode-text';

const ESC = '\u001b';

describe('stripControlCharacters: tool text made safe for a terminal', () => {
  it.each([
    ['colour (CSI)', `NVIDIA ${ESC}[31mA10G${ESC}[0m`, 'NVIDIA A10G'],
    ['clear screen and cursor moves', `A10G${ESC}[2J${ESC}[1;1H`, 'A10G'],
    ['window title (OSC … BEL)', `A10G${ESC}]0;pwned\u0007`, 'A10G'],
    ['hyperlink (OSC … ST)', `${ESC}]8;;http://x${ESC}\\A10G${ESC}]8;;${ESC}\\`, 'A10G'],
    ['unterminated OSC ends at the line', `A${ESC}]0;title\nB`, 'A\nB'],
    ['8-bit CSI (U+009B)', 'A10G\u009b2J', 'A10G'],
    ['C1, DEL, backspace, bell, NUL', 'A\u0085\u007f\b\u0007\u0000B', 'AB'],
    ['a lone CR becomes a line break', 'FAKE\rA10G', 'FAKE\nA10G'],
  ])('%s', (_what, input, expected) => {
    expect(stripControlCharacters(input)).toBe(expected);
  });

  it('keeps tab, newline, CRLF and non-ASCII letters', () => {
    const text = 'name\t: GeForce RTX 4090 é 中\r\nnext\n';
    expect(stripControlCharacters(text)).toBe(text);
  });
});

describe('stripJsonControlEscapes: the same inside JSON strings', () => {
  it('JSON with control escapes: whole sequences go, like in plain text; the rest is kept', () => {
    const json = JSON.stringify({ name: `A${ESC}[31m10G\b\f\u0085`, ok: 'tab\there\nline' });
    const clean = JSON.parse(sanitizeCaptureText('amd-smi.json', json)) as { name: string; ok: string };
    expect(clean.name).toBe('A10G');
    expect(clean.ok).toBe('tab\there\nline');
    const plain = JSON.stringify({ gpu: 'MI300X' });
    expect(sanitizeCaptureText('rocm-smi.json', plain)).toBe(plain); // untouched byte for byte
  });

  it('JSON that does not parse: the escapes alone are dropped', () => {
    expect(stripJsonControlEscapes('{"a": "A\\u009b2JB\\b"')).toBe('{"a": "A2JB"');
  });

  it('leaves an escaped backslash followed by letters alone (a Windows path)', () => {
    const json = JSON.stringify({ path: 'C:\\u001b\\bin\\rocm', crlf: 'a\r\nb', lone: 'a\rb' });
    const back = JSON.parse(stripJsonControlEscapes(json)) as Record<string, string>;
    expect(back).toEqual({ path: 'C:\\u001b\\bin\\rocm', crlf: 'a\r\nb', lone: 'ab' });
  });

  it('sanitizeCaptureText applies the JSON pass to .json files only', () => {
    expect(sanitizeCaptureText('rocm-smi.json', '"\\u001b[2J"')).toBe('""\n');
    expect(sanitizeCaptureText('lspci.txt', '"\\u001b[2J"')).toBe('"\\u001b[2J"');
  });
});

describe('hostile sizes stay linear (hang guards: each would take minutes if quadratic)', () => {
  it('a JSON file of 300 000 backslashes', { timeout: 5000 }, () => {
    const text = `"${'\\'.repeat(300_000)}x"`;
    expect(sanitizeCaptureText('amd-smi.json', text)).toBe(text);
  });

  it('an escape sequence that never ends, and a million escape starts', { timeout: 5000 }, () => {
    expect(stripControlCharacters(`A${ESC}[${'1;'.repeat(500_000)}`)).toBe(`A[${'1;'.repeat(500_000)}`);
    expect(stripControlCharacters(`${ESC}]`.repeat(1_000_000))).toBe('');
  });
});
