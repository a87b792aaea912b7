/**
 * Test support — PDF bytes → text per page, with PDF.js (pdfjs-dist, legacy build for Node), for the
 * Vitest checks of checklistPdf and the Playwright check of the downloaded file. Never app code.
 */
import { join, resolve } from 'node:path';

export interface PdfText {
  readonly numPages: number;
  /** Each page's text, one line per baseline, top to bottom; pieces of a line joined with a space. */
  readonly pages: readonly string[];
  /** The document information dictionary (Title, Creator, Producer, …). */
  readonly info: Readonly<Record<string, unknown>>;
}

interface Piece {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

// PDF.js reads its standard-font metrics from here; without it, it warns on every page.
const STANDARD_FONTS = `${join(resolve(__dirname, '../../node_modules/pdfjs-dist/standard_fonts'))}/`;

/** Groups text pieces into lines by baseline (top first) and orders each line left to right. */
function linesOf(pieces: readonly Piece[]): string[] {
  const rows = new Map<number, Piece[]>();
  for (const p of pieces) {
    const key = Math.round(p.y);
    rows.set(key, [...(rows.get(key) ?? []), p]);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, row]) => {
      const sorted = row.sort((a, b) => a.x - b.x);
      return sorted.reduce((line, p, i) => {
        const prev = sorted[i - 1];
        // A gap between pieces on one baseline is a column break: keep it visible as a space.
        const gap = prev ? p.x - (prev.x + prev.width) > 1 : false;
        return `${line}${gap ? ' ' : ''}${p.str}`;
      }, '');
    });
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // PDF.js takes ownership of the buffer it is given: hand it a copy.
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: STANDARD_FONTS })
    .promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const pieces = content.items.flatMap((item) =>
        'str' in item && item.str
          ? [
              {
                str: item.str,
                x: item.transform[4] as number,
                y: item.transform[5] as number,
                width: item.width,
              },
            ]
          : [],
      );
      pages.push(linesOf(pieces).join('\n'));
    }
    const { info } = await doc.getMetadata();
    return { numPages: doc.numPages, pages, info: info as Record<string, unknown> };
  } finally {
    await doc.destroy();
  }
}
