import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { MAX_REPORT_HTML_CHARS } from '@shared/ipc/contract';
import { dispatch } from '../ipc/dispatch';
import { createReportHandlers, SAVE_PDF_WEB_MESSAGE } from '../ipc/report-handlers';
import {
  DEFAULT_PDF_NAME,
  htmlSource,
  isPdf,
  isReportRequestAllowed,
  MAX_URL_CHARS,
  pdfFileName,
  savePdfReport,
  type PdfRenderer,
} from './pdf-report';
import { tempDirs } from '../../../test/support/temp-dirs';

const newTempDir = tempDirs('rig-pdf-');

const ctx = { emitProgress: () => undefined };
const PDF = new TextEncoder().encode('%PDF-1.7\n%fake\n');

function fakeRenderer(savePath: string | null, bytes: Uint8Array = PDF): PdfRenderer {
  return { render: vi.fn(async () => bytes), askSavePath: vi.fn(async () => savePath) };
}

describe('PDF report', () => {
  it.each([
    ['Checklist 2× RTX 3090 — Llama 3.1 70B', 'Checklist 2× RTX 3090 — Llama 3.1 70B.pdf'],
    ['report.PDF', 'report.pdf'],
    ['../../etc/passwd', 'passwd.pdf'],
    ['C:\\Users\\me\\rig:plan?.pdf', 'rigplan.pdf'],
    ['  ..hidden  ', 'hidden.pdf'],
    ['CON', DEFAULT_PDF_NAME],
    ['', DEFAULT_PDF_NAME],
    ['tab\tand\nnewline', 'tabandnewline.pdf'],
  ])('offers %j as %j', (suggested, expected) => {
    expect(pdfFileName(suggested)).toBe(expected);
  });

  it('keeps names short', () => {
    expect(pdfFileName('x'.repeat(500))).toHaveLength(124);
  });

  it('recognises PDF bytes', () => {
    expect(isPdf(PDF)).toBe(true);
    expect(isPdf(new TextEncoder().encode('<html>'))).toBe(false);
    expect(isPdf(new Uint8Array())).toBe(false);
  });

  it('loads a normal report as a base64 data URL', async () => {
    const html = '<!doctype html><title>Plan</title><p>2× RTX 3090 — ü</p>';
    const source = await htmlSource(html);
    expect(source.url.startsWith('data:text/html;base64,')).toBe(true);
    const decoded = Buffer.from(source.url.split(',')[1] as string, 'base64').toString('utf8');
    expect(decoded).toBe(html);
    await source.dispose();
  });

  it('writes a report too big for a URL to a private temp file, removed afterwards', async () => {
    const html = `<!doctype html><p>${'x'.repeat(MAX_URL_CHARS)}</p>`;
    const source = await htmlSource(html);
    expect(source.url.startsWith('file://')).toBe(true);
    const path = fileURLToPath(source.url);
    expect(readFileSync(path, 'utf8')).toBe(html);
    await source.dispose();
    expect(existsSync(path)).toBe(false);
  });

  it('lets the report load itself and inline data, nothing else', () => {
    const source = 'data:text/html;base64,PHA+';
    expect(isReportRequestAllowed(source, source)).toBe(true);
    expect(isReportRequestAllowed('data:image/png;base64,iVBOR', source)).toBe(true);
    expect(isReportRequestAllowed('https://tracker.example/pixel.gif', source)).toBe(false);
    expect(isReportRequestAllowed('file:///etc/passwd', source)).toBe(false);
  });

  it('renders, asks where to save with a clean name, and writes the PDF (adding .pdf)', async () => {
    const dir = newTempDir();
    const renderer = fakeRenderer(join(dir, 'my plan'));
    const result = await savePdfReport({ html: '<p>x</p>', suggestedName: 'rig/plan' }, renderer);
    expect(result).toEqual({ path: join(dir, 'my plan.pdf') });
    expect(renderer.askSavePath).toHaveBeenCalledWith('plan.pdf');
    expect(await readFile(join(dir, 'my plan.pdf'))).toEqual(Buffer.from(PDF));
  });

  it('returns null when the user cancels, and writes nothing', async () => {
    const write = vi.fn();
    expect(
      await savePdfReport({ html: '<p>x</p>', suggestedName: 'a' }, fakeRenderer(null), write),
    ).toBeNull();
    expect(write).not.toHaveBeenCalled();
  });

  it('refuses bytes that are not a PDF, and says where a write failed', async () => {
    const notPdf = fakeRenderer('/tmp/x.pdf', new TextEncoder().encode('<html>'));
    await expect(savePdfReport({ html: '<p>x</p>', suggestedName: 'a' }, notPdf)).rejects.toThrow(
      /not a PDF/,
    );
    const denied = async () => {
      throw Object.assign(new Error('denied'), { code: 'EACCES' });
    };
    await expect(
      savePdfReport({ html: '<p>x</p>', suggestedName: 'a' }, fakeRenderer('/root/x.pdf'), denied),
    ).rejects.toThrow('The PDF could not be written to /root/x.pdf (EACCES).');
  });

  it('report:save-pdf validates its input, and fails as unsupported in the web bridge', async () => {
    const desktop = createReportHandlers(fakeRenderer(null)) as Parameters<typeof dispatch>[0];
    for (const bad of [
      { html: '', suggestedName: 'a' },
      { html: '<p>x</p>' },
      { html: 'x'.repeat(MAX_REPORT_HTML_CHARS + 1), suggestedName: 'a' },
    ]) {
      const result = await dispatch(desktop, 'report:save-pdf', bad, ctx);
      expect(result.ok ? null : result.error.code).toBe('bad-input');
    }
    expect(await dispatch(desktop, 'report:save-pdf', { html: '<p>x</p>', suggestedName: 'a' }, ctx)).toEqual(
      { ok: true, value: null },
    );
    const web = createReportHandlers(undefined) as Parameters<typeof dispatch>[0];
    expect(await dispatch(web, 'report:save-pdf', { html: '<p>x</p>', suggestedName: 'a' }, ctx)).toEqual({
      ok: false,
      error: { code: 'unsupported', message: SAVE_PDF_WEB_MESSAGE },
    });
  });
});
