/**
 * A small text-page layout over pdf-lib: a cursor moving down A4 pages, word wrapping measured with
 * the font's own widths, code lines broken with a continuation mark, page breaks and footers — and
 * the WinAnsi fallback the 14 standard PDF fonts need (they cannot encode →, ≤, emoji or CJK).
 */
import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';

/** A4 in PDF points (1/72 in). */
export const A4_PT: readonly [number, number] = [595.28, 841.89];

/**
 * ASCII stand-ins for the characters outside WinAnsi that the engine's texts use (found with
 * `grep -rhoP "[^\x00-\x7F]" shared`), plus their near relatives. Anything else the font cannot
 * encode becomes '?'. Invisible joiners and emoji variation selectors are dropped.
 */
export const ASCII_FALLBACK: Readonly<Record<string, string>> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '≤': '<=',
  '≥': '>=',
  '≈': '~',
  '≠': '!=',
  '−': '-',
  '─': '-',
  '‛': "'",
  '‑': '-',
  Σ: 'Sum',
  '✅': '[ok]',
  '✓': 'ok',
  '❌': '[x]',
  '✗': 'x',
  '⚠': '[!]',
  '❔': '[?]',
  '☐': '[ ]',
  '☑': '[x]',
  '★': '*',
  '\t': '    ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '\u200d': '',
  '\ufe0f': '',
};

const charsets = new WeakMap<PDFFont, ReadonlySet<number>>();

/** `text` with every character `font` cannot encode replaced (see ASCII_FALLBACK); never throws. */
export function encodable(text: string, font: PDFFont): string {
  let set = charsets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charsets.set(font, set);
  }
  let out = '';
  for (const ch of text) out += set.has(ch.codePointAt(0) as number) ? ch : (ASCII_FALLBACK[ch] ?? '?');
  return out;
}

/** Splits one (already encodable) word that is wider than `width` into pieces that fit. */
function splitWord(word: string, font: PDFFont, size: number, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece && font.widthOfTextAtSize(piece + ch, size) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  return piece ? [...pieces, piece] : pieces;
}

/** Word-wraps `text` (made encodable) to lines no wider than `width` points; a too-long word is split. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of encodable(paragraph, font).split(/ +/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) line = candidate;
      else {
        if (line) lines.push(line);
        const pieces = splitWord(word, font, size, width);
        line = pieces.pop() ?? '';
        lines.push(...pieces);
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Breaks one code line, set in a monospace `font`, into pieces that fit `width`, keeping every
 * character (spaces included) so the pieces concatenate back to the line. Breaks after a space when
 * one is in the last half of the line, else mid-word.
 */
export function breakCodeLine(line: string, font: PDFFont, size: number, width: number): string[] {
  const perLine = Math.max(8, Math.floor(width / font.widthOfTextAtSize('M', size)));
  const chars = Array.from(encodable(line, font));
  const pieces: string[] = [];
  while (chars.length > perLine) {
    const space = chars.lastIndexOf(' ', perLine - 1);
    const cut = space >= perLine / 2 ? space + 1 : perLine;
    pieces.push(chars.splice(0, cut).join(''));
  }
  return [...pieces, chars.join('')];
}

export interface TextStyle {
  readonly font: PDFFont;
  /** Font size, pt. */
  readonly size: number;
  readonly color?: RGB;
}

/** Width of `text` (made encodable) in `style`, pt. */
export function textWidth(text: string, style: TextStyle): number {
  return style.font.widthOfTextAtSize(encodable(text, style.font), style.size);
}

export const INK = rgb(0.07, 0.07, 0.07);
export const MUTED = rgb(0.4, 0.4, 0.4);

/** The cursor: `y` is the top of the next line, in points from the page bottom. */
export class PageLayout {
  readonly pages: PDFPage[] = [];
  page: PDFPage;
  y = 0;

  constructor(
    private readonly doc: PDFDocument,
    /** Page margin on every side, pt; the footer sits inside the bottom one. */
    readonly margin = 50,
  ) {
    this.page = this.newPage();
  }

  /** Usable width between the side margins, pt. */
  get width(): number {
    return A4_PT[0] - 2 * this.margin;
  }

  get left(): number {
    return this.margin;
  }

  newPage(): PDFPage {
    this.page = this.doc.addPage([...A4_PT]);
    this.pages.push(this.page);
    this.y = A4_PT[1] - this.margin;
    return this.page;
  }

  /** Starts a new page unless `height` pt still fit above the bottom margin (or the page is empty). */
  ensure(height: number): void {
    const top = A4_PT[1] - this.margin;
    if (this.y - height < this.margin && this.y < top) this.newPage();
  }

  space(height: number): void {
    this.y -= height;
  }

  static lineHeight(style: TextStyle): number {
    return style.size * 1.35;
  }

  /** Draws one already-fitting line at `x` (pt from the left edge) and moves the cursor below it. */
  line(text: string, style: TextStyle, x = this.left): void {
    this.row([{ text, style, x }]);
  }

  /** Draws pieces of one line (each at its own `x`) on a shared baseline, then moves below them. */
  row(parts: readonly { readonly text: string; readonly style: TextStyle; readonly x: number }[]): void {
    const height = Math.max(...parts.map((p) => PageLayout.lineHeight(p.style)));
    const size = Math.max(...parts.map((p) => p.style.size));
    this.ensure(height);
    for (const { text, style, x } of parts)
      this.page.drawText(encodable(text, style.font), {
        x,
        y: this.y - size,
        size: style.size,
        font: style.font,
        color: style.color ?? INK,
      });
    this.y -= height;
  }

  /** Wraps `text` to the width left after `indent` pt and draws it, breaking pages between lines. */
  paragraph(text: string, style: TextStyle, indent = 0): void {
    for (const line of wrapText(text, style.font, style.size, this.width - indent))
      this.line(line, style, this.left + indent);
  }

  /** Draws `label(n, total)` at the foot of every page, right-aligned, once all pages exist. */
  footers(label: (page: number, total: number) => string, style: TextStyle, left = ''): void {
    this.pages.forEach((page, i) => {
      const text = encodable(label(i + 1, this.pages.length), style.font);
      const y = this.margin / 2;
      const color = style.color ?? MUTED;
      const x = A4_PT[0] - this.margin - style.font.widthOfTextAtSize(text, style.size);
      page.drawText(text, { x, y, size: style.size, font: style.font, color });
      if (left)
        page.drawText(encodable(left, style.font), {
          x: this.left,
          y,
          size: style.size,
          font: style.font,
          color,
        });
    });
  }
}
