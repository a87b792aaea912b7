/**
 * The checklist as an A4 PDF, drawn with pdf-lib's standard fonts (no font files, no DOM, no Node), so
 * the CLI (`checklist --format pdf`) and the browser's Save as PDF make the same file. The desktop app
 * prints checklistHtml instead (electron/main/report). Same content as render-checklist.ts: title,
 * summary, the checks — as blocks, since a five-column table does not fit a page — then each section.
 */
import { PDFDocument, StandardFonts, rgb, type RGB } from 'pdf-lib';
import type { Check, CheckStatus } from '../checks/check-types';
import type { Checklist, ChecklistSection } from './build-checklist';
import { MUTED, PageLayout, breakCodeLine, textWidth, wrapText, type TextStyle } from './pdf-layout';

export interface ChecklistPdfOptions {
  /** Creation and modification date written to the metadata; default now (fix it for stable bytes). */
  readonly createdAt?: Date;
}

const STATUS: Readonly<Record<CheckStatus, { readonly word: string; readonly color: RGB }>> = {
  pass: { word: 'PASS', color: rgb(0, 0.45, 0.3) },
  warn: { word: 'WARN', color: rgb(0.7, 0.38, 0) },
  fail: { word: 'FAIL', color: rgb(0.75, 0, 0) },
  unknown: { word: 'UNKNOWN', color: MUTED },
};

/** Indent of a check's text after its status word, pt (fits "UNKNOWN" in bold 9 pt). */
const STATUS_COLUMN = 62;
/** Indent of an item's text after its checkbox, pt. */
const ITEM_INDENT = 16;
/** Space inside a code block before the text; continuation marks sit in it, pt. */
const CODE_GUTTER = 12;
/** Starts a continued code line: outside the code text, so copying a line does not pick it up. */
export const CONTINUATION_MARK = '»';
const CODE_BACKGROUND = rgb(0.95, 0.95, 0.95);
const MAX_UNBROKEN_CODE_LINES = 20;

interface Styles {
  readonly title: TextStyle;
  readonly heading: TextStyle;
  readonly body: TextStyle;
  readonly bold: TextStyle;
  readonly muted: TextStyle;
  readonly code: TextStyle;
}

function header(layout: PageLayout, s: Styles, list: Checklist): void {
  layout.paragraph(list.title, s.title);
  layout.space(4);
  layout.paragraph(list.summary, s.body);
  const counts = (Object.keys(STATUS) as CheckStatus[])
    .map((status) => `${list.checks.filter((c) => c.status === status).length} ${status}`)
    .join(', ');
  layout.paragraph(`${list.checks.length} checks: ${counts}.`, s.muted);
}

function heading(layout: PageLayout, s: Styles, title: string): void {
  // Keep a heading with at least two lines of what follows it.
  layout.ensure(PageLayout.lineHeight(s.heading) + 2 * PageLayout.lineHeight(s.body) + 14);
  layout.space(12);
  layout.line(title, s.heading);
  const y = layout.y + 2;
  layout.page.drawLine({
    start: { x: layout.left, y },
    end: { x: layout.left + layout.width, y },
    thickness: 0.5,
    color: MUTED,
  });
  layout.space(4);
}

function checkBlock(layout: PageLayout, s: Styles, check: Check): void {
  const width = layout.width - STATUS_COLUMN;
  const reason = wrapText(check.reason, s.body.font, s.body.size, width);
  const fix = check.fix ? wrapText(`Fix: ${check.fix}`, s.body.font, s.body.size, width) : [];
  const lineHeight = PageLayout.lineHeight(s.body);
  // One check stays on one page when it fits.
  layout.ensure(lineHeight * (1 + reason.length + fix.length));
  const status = STATUS[check.status];
  const idX = layout.left + STATUS_COLUMN;
  layout.row([
    { text: status.word, style: { ...s.bold, size: 9, color: status.color }, x: layout.left },
    { text: check.id, style: s.bold, x: idX },
    { text: `(${check.area})`, style: s.muted, x: idX + textWidth(check.id, s.bold) + 6 },
  ]);
  for (const line of [...reason, ...fix]) layout.line(line, s.body, idX);
  layout.space(5);
}

function checkbox(layout: PageLayout, s: Styles, done: boolean): void {
  const size = 7.5;
  const x = layout.left + 1;
  const y = layout.y - s.body.size;
  layout.page.drawRectangle({ x, y, width: size, height: size, borderColor: MUTED, borderWidth: 0.8 });
  if (done)
    layout.page.drawLine({ start: { x: x + 1.5, y: y + 4 }, end: { x: x + 3.5, y: y + 1.5 }, thickness: 1 });
  if (done)
    layout.page.drawLine({ start: { x: x + 3.5, y: y + 1.5 }, end: { x: x + 7, y: y + 7 }, thickness: 1 });
}

function textItem(layout: PageLayout, s: Styles, text: string, done: boolean): void {
  const lines = wrapText(text, s.body.font, s.body.size, layout.width - ITEM_INDENT);
  // The box goes on the page where the item's first line lands.
  layout.ensure(PageLayout.lineHeight(s.body));
  checkbox(layout, s, done);
  for (const line of lines) layout.line(line, s.body, layout.left + ITEM_INDENT);
  layout.space(2);
}

function codeItem(layout: PageLayout, s: Styles, code: string): void {
  const x = layout.left + ITEM_INDENT;
  const width = layout.width - ITEM_INDENT;
  const lineHeight = PageLayout.lineHeight(s.code);
  const lines = code.split(/\r?\n/).flatMap((line) =>
    breakCodeLine(line, s.code.font, s.code.size, width - CODE_GUTTER - 4).map((text, i) => ({
      text,
      continued: i > 0,
    })),
  );
  layout.space(2);
  // A short block (a launch command) stays on one page; a long one breaks between lines.
  if (lines.length <= MAX_UNBROKEN_CODE_LINES) layout.ensure(lines.length * lineHeight);
  for (const { text, continued } of lines) {
    layout.ensure(lineHeight);
    layout.page.drawRectangle({
      x,
      y: layout.y - lineHeight,
      width,
      height: lineHeight,
      color: CODE_BACKGROUND,
    });
    const parts = [{ text, style: s.code, x: x + CODE_GUTTER }];
    if (continued) parts.push({ text: CONTINUATION_MARK, style: { ...s.code, color: MUTED }, x: x + 3 });
    layout.row(parts);
  }
  layout.space(5);
}

function section(layout: PageLayout, s: Styles, sec: ChecklistSection): void {
  heading(layout, s, sec.title);
  for (const item of sec.items)
    if ('code' in item) codeItem(layout, s, item.code);
    else textItem(layout, s, item.text, item.done ?? false);
}

/** The checklist as PDF bytes (A4, "page N of M" footers, title/creator/producer metadata). */
export async function checklistPdf(list: Checklist, options: ChecklistPdfOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const [regular, bold, mono] = await Promise.all([
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
    doc.embedFont(StandardFonts.Courier),
  ]);
  const s: Styles = {
    title: { font: bold, size: 16 },
    heading: { font: bold, size: 13 },
    body: { font: regular, size: 10 },
    bold: { font: bold, size: 10 },
    muted: { font: regular, size: 10, color: MUTED },
    code: { font: mono, size: 8 },
  };
  const layout = new PageLayout(doc);
  header(layout, s, list);
  heading(layout, s, 'Checks');
  for (const check of list.checks) checkBlock(layout, s, check);
  for (const sec of list.sections) section(layout, s, sec);
  layout.footers(
    (n, total) => `page ${n} of ${total}`,
    { font: regular, size: 8 },
    'Rig Advisor build checklist',
  );

  const date = options.createdAt ?? new Date();
  doc.setTitle(list.title, { showInWindowTitleBar: true });
  doc.setSubject(list.summary);
  doc.setCreator('Rig Advisor');
  doc.setProducer('Rig Advisor (pdf-lib)');
  doc.setLanguage('en');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  return doc.save();
}
