/**
 * checklistPdf read back with PDF.js: the checklist the CLI builds for 2× RTX 3090 + Llama 3.1 70B
 * Q4_K_M (docs/examples/checklist-2x-rtx-3090-llama-3.1-70b-q4_k_m.md) and one with characters the
 * standard fonts cannot encode.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfText, type PdfText } from '../../../test/support/pdf-text';
import type { Checklist } from './build-checklist';
import { checklistPdf, CONTINUATION_MARK } from './checklist-pdf';
import { breakCodeLine, encodable, wrapText } from './pdf-layout';
import { checklistFor } from '../../../test/support/checklists';

/** The checklist the way `checklist --gpu "RTX 3090" --gpu "RTX 3090" --model llama-3.1-70b --quant Q4_K_M` builds it. */
const twoRtx3090Checklist = (): Checklist =>
  checklistFor(['RTX 3090', 'RTX 3090'], 'llama-3.1-70b', 'Q4_K_M');

/** All pages' lines, with each continued code line joined back onto the line it continues. */
function joinedLines(pdf: PdfText): string[] {
  const lines: string[] = [];
  for (const line of pdf.pages.join('\n').split('\n'))
    if (line.startsWith(`${CONTINUATION_MARK} `) && lines.length)
      lines.push(`${lines.pop()}${line.slice(2)}`);
    else lines.push(line);
  return lines;
}

const STATUS_WORD = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unknown: 'UNKNOWN' } as const;

describe('checklistPdf: 2× RTX 3090, Llama 3.1 70B Q4_K_M', () => {
  const list = twoRtx3090Checklist();
  let bytes: Uint8Array;
  let pdf: PdfText;
  let lines: string[];
  beforeAll(async () => {
    bytes = await checklistPdf(list, { createdAt: new Date('2025-01-02T03:04:05Z') });
    pdf = await pdfText(bytes);
    lines = joinedLines(pdf);
  });

  it('is a PDF of several A4 pages with the title, creator and producer in its metadata', async () => {
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(pdf.numPages).toBeGreaterThan(1);
    expect(pdf.info).toMatchObject({
      Title: list.title,
      Creator: 'Rig Advisor',
      Producer: 'Rig Advisor (pdf-lib)',
    });
    const doc = await PDFDocument.load(bytes);
    for (const page of doc.getPages()) expect(page.getSize()).toEqual({ width: 595.28, height: 841.89 });
  });

  it('starts with the title and the summary (ASCII stand-ins for characters WinAnsi lacks)', () => {
    // The title is wider than the page at 16 pt: it wraps onto a second line.
    const first = pdf.pages[0]!.replace(/\s+/g, ' ');
    expect(first.startsWith(`${list.title} ${list.summary}`)).toBe(true);
    expect(list.title).toBe('Build checklist: Llama 3.1 70B Q4_K_M on GeForce RTX 3090 + GeForce RTX 3090');
  });

  it('has every check as "STATUS id (area)" followed by its reason', () => {
    expect(list.checks.length).toBeGreaterThan(10);
    for (const c of list.checks) {
      const at = lines.indexOf(`${STATUS_WORD[c.status]} ${c.id} (${c.area})`);
      expect(at, c.id).toBeGreaterThan(-1);
      const firstWords = encodableAscii(c.reason).split(' ').slice(0, 3).join(' ');
      expect(lines[at + 1], c.id).toContain(firstWords);
    }
  });

  it('has every section title, every item, and every code line whole once continuations are joined', () => {
    const text = lines.join(' ').replace(/\s+/g, ' ');
    // PDF.js drops the spaces at either end of a drawn line, so code is compared without whitespace.
    const code = lines.map(bare);
    for (const section of list.sections) {
      expect(lines).toContain(section.title);
      for (const item of section.items)
        if ('code' in item) for (const line of item.code.split('\n')) expect(code).toContain(bare(line));
        else expect(text).toContain(encodableAscii(item.text).replace(/\s+/g, ' '));
    }
    const launch = list.sections.find((s) => s.title.startsWith('Launch'))!;
    const command = launch.items.find((i) => 'code' in i) as { code: string };
    expect(command.code.split('\n')[0]).toMatch(/^CUDA_DEVICE_ORDER=PCI_BUS_ID .*llama-server -m /);
    expect(code).toContain(bare(command.code.split('\n')[0]!));
    expect(lines).toContain('nvidia-smi topo -m');
    // The PCIe query line is wider than the page: it must have been continued, then joined above.
    expect(pdf.pages.join('\n')).toMatch(new RegExp(`^${CONTINUATION_MARK} \\S`, 'm'));
  });

  it('numbers every page "page N of M"', () => {
    pdf.pages.forEach((page, i) => expect(page).toContain(`page ${i + 1} of ${pdf.numPages}`));
  });

  it('makes the same bytes twice for the same date', async () => {
    const again = await checklistPdf(list, { createdAt: new Date('2025-01-02T03:04:05Z') });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});

const bare = (text: string): string => text.replace(/\s+/g, '');

/** What the PDF shows for engine text: the ASCII stand-ins of render-checklist's characters. */
function encodableAscii(text: string): string {
  return text
    .replace(/→/g, '->')
    .replace(/↔/g, '<->')
    .replace(/≤/g, '<=')
    .replace(/≥/g, '>=')
    .replace(/≈/g, '~');
}

describe('checklistPdf with characters the standard fonts cannot encode', () => {
  it('maps → ≤ ≥ ≈ ↔ ✅ to ASCII, other characters (emoji, CJK, Cyrillic) to "?", and never throws', async () => {
    const base = twoRtx3090Checklist();
    const exotic: Checklist = {
      ...base,
      title: 'Build checklist: 模型 🦙 → 2× GPU ≤ 48 GiB',
      checks: [
        {
          area: 'power',
          id: 'power.exotic',
          status: 'warn',
          reason: 'Draw ≈ 900 W ≥ 850 W ✅ ⚠️ Привет',
          fix: 'GPU 0↔1',
        },
        ...base.checks,
      ],
      sections: [
        {
          title: 'Exotic 🚀',
          items: [
            { text: `One very long word: ${'x'.repeat(400)} then more words.`, done: true },
            { code: `hf download 模型/😀 --local-dir "/models/${'y'.repeat(300)}"\n\ttabbed` },
          ],
        },
      ],
    };
    const pdf = await pdfText(await checklistPdf(exotic));
    const text = pdf.pages.join('\n');
    expect(text).toContain('Build checklist: ?? ? -> 2× GPU <= 48 GiB');
    expect(text).toContain('Draw ~ 900 W >= 850 W [ok] [!] ??????');
    expect(text).toContain('Fix: GPU 0<->1');
    expect(text).toContain('Exotic ?');
    expect(text).toContain('hf download ??/? --local-dir');
    expect(text).toMatch(/^ {0,4}tabbed$/m);
  });
});

describe('pdf-layout helpers', () => {
  it('wraps to the width, splitting a word longer than a line, and breaks code without losing characters', async () => {
    const doc = await PDFDocument.create();
    const helvetica = await doc.embedFont(StandardFonts.Helvetica);
    const courier = await doc.embedFont(StandardFonts.Courier);
    const text = `Seat GPU 0 in a slot wired for PCIe Gen4 x16 ${'z'.repeat(200)} and leave room.`;
    const lines = wrapText(text, helvetica, 10, 200);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(helvetica.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(200);
    expect(bare(lines.join(''))).toBe(bare(text));
    expect(lines[0]).toBe('Seat GPU 0 in a slot wired for PCIe Gen4');
    const code = `CUDA_VISIBLE_DEVICES=0,1 llama-server -m ${'m'.repeat(150)}.gguf -c 8192 → done`;
    const pieces = breakCodeLine(code, courier, 8, 240);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(courier.widthOfTextAtSize(piece, 8)).toBeLessThanOrEqual(240);
    expect(pieces.join('')).toBe(encodable(code, courier));
    expect(encodable('a → b 模 😀\u00a0é', courier)).toBe('a -> b ? ?\u00a0é');
  });
});
