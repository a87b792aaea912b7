/**
 * `report:save-pdf` without Electron: the file name offered, how the HTML reaches the hidden window,
 * the check that the bytes are a PDF, and the render → ask → write sequence. The Electron half
 * (hidden window, printToPDF, save dialog) is the thin print-to-pdf.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserFacingError } from '../ipc/dispatch';

/** Chromium refuses to load a URL longer than this (content/public/common/content_constants.cc, kMaxURLChars). */
export const MAX_URL_CHARS = 2 * 1024 * 1024;
export const DEFAULT_PDF_NAME = 'rig-advisor-report.pdf';

/** The Electron side: HTML → PDF bytes, and the save dialog (null when cancelled). */
export interface PdfRenderer {
  render(html: string): Promise<Uint8Array>;
  askSavePath(defaultName: string): Promise<string | null>;
}

/** A safe file name for the save dialog: no folders, no control or reserved characters, ends in `.pdf`. */
export function pdfFileName(suggested: string): string {
  const base = (suggested.split(/[\\/]/).pop() ?? '')
    .replace(/\.pdf$/i, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  // Windows reserves these device names whatever the extension.
  if (!base || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base)) return DEFAULT_PDF_NAME;
  return `${base}.pdf`;
}

/** The path with `.pdf` added when the user typed a name without it. */
export const withPdfExtension = (path: string): string => (/\.pdf$/i.test(path) ? path : `${path}.pdf`);

/** True when the bytes start like a PDF file (`%PDF-`). */
export function isPdf(bytes: Uint8Array): boolean {
  return String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}

/** Where the hidden window loads the HTML from; `dispose` removes anything written for it. */
export interface HtmlSource {
  readonly url: string;
  dispose(): Promise<void>;
}

/**
 * A `data:text/html;base64,…` URL when it fits Chromium's URL limit (about 1.5 MB of HTML), else the
 * HTML written to a private temporary folder and loaded as a file URL.
 */
export async function htmlSource(html: string): Promise<HtmlSource> {
  const url = `data:text/html;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
  if (url.length <= MAX_URL_CHARS) return { url, dispose: async () => undefined };
  const dir = await mkdtemp(join(tmpdir(), 'rig-report-'));
  const file = join(dir, 'report.html');
  await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
  return { url: pathToFileURL(file).href, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** The report page may load itself and inline `data:` resources, nothing from the network or disk. */
export function isReportRequestAllowed(url: string, sourceUrl: string): boolean {
  return url === sourceUrl || url.startsWith('data:');
}

/** Renders the HTML, asks where to save it, and writes the PDF there; null when the user cancels. */
export async function savePdfReport(
  input: { readonly html: string; readonly suggestedName: string },
  renderer: PdfRenderer,
  write: (path: string, bytes: Uint8Array) => Promise<void> = (path, bytes) => writeFile(path, bytes),
): Promise<{ readonly path: string } | null> {
  const bytes = await renderer.render(input.html);
  if (!isPdf(bytes)) throw new Error('printToPDF returned something that is not a PDF');
  const chosen = await renderer.askSavePath(pdfFileName(input.suggestedName));
  if (chosen === null) return null;
  const path = withPdfExtension(chosen);
  try {
    await write(path, bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserFacingError(`The PDF could not be written to ${path} (${code}).`);
  }
  return { path };
}
