/**
 * Saving the checklist from the renderer: downloads through a Blob URL (Markdown, and the PDF a browser
 * makes itself), their file name, and Save as PDF — the desktop app's printToPDF first, else a PDF made here.
 */
import type { Checklist } from '@shared/engine/checklist/build-checklist';
import { checklistHtml } from '@shared/engine/checklist/render-checklist';
import type { AppApi } from '@shared/ipc/contract';

/** `checklist-llama-3.1-70b-Q4_K_M`: safe on every file system. */
export function checklistBaseName(modelId: string, quant: string): string {
  return `checklist-${modelId}-${quant}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120);
}

/** Offers `blob` as a download (no dialog in a browser; Electron asks where). */
function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers `text` as a download. */
export function downloadText(text: string, fileName: string, type = 'text/markdown'): void {
  downloadBlob(new Blob([text], { type: `${type};charset=utf-8` }), fileName);
}

export type PdfSaver = Partial<Pick<AppApi, 'saveReportPdf'>>;

export type SaveNotice = { readonly color: 'teal' | 'red'; readonly text: string } | null;

/**
 * Save as PDF: the desktop app prints the checklist HTML to a file it asks for. A browser (`npm run web`)
 * answers `unsupported`, or has no saver: then the PDF is drawn here and downloaded. The generator is
 * loaded on demand, so pdf-lib stays out of the initial bundle.
 */
export async function saveChecklistPdf(
  api: PdfSaver,
  list: Checklist,
  baseName: string,
): Promise<SaveNotice> {
  const fileName = `${baseName}.pdf`;
  if (typeof api.saveReportPdf === 'function') {
    const saved = await api.saveReportPdf({ html: checklistHtml(list), suggestedName: fileName });
    // `null`: the user cancelled the save dialog.
    if (saved.ok) return saved.value ? { color: 'teal', text: `Saved ${saved.value.path}` } : null;
    if (saved.error.code !== 'unsupported')
      return { color: 'red', text: `The PDF was not saved: ${saved.error.message}` };
  }
  try {
    const { checklistPdf } = await import('@shared/engine/checklist/checklist-pdf');
    const bytes = await checklistPdf(list);
    // A copy backed by a plain ArrayBuffer, which is what Blob accepts.
    downloadBlob(new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), fileName);
    return { color: 'teal', text: `${fileName} is downloading.` };
  } catch (error) {
    return { color: 'red', text: `The PDF was not made: ${(error as Error).message}` };
  }
}
