/**
 * The Electron half of `report:save-pdf`: render HTML in a hidden report window, printToPDF (A4,
 * backgrounds on), and the save dialog. Everything else is in pdf-report.ts, tested in plain Node.
 */
import { app, dialog, session, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createReportWindow, REPORT_PARTITION } from '../window';
import { htmlSource, isReportRequestAllowed, type PdfRenderer } from './pdf-report';

/** Source URLs of the reports being rendered now; the report session loads nothing else. */
const rendering = new Set<string>();
let guarded = false;

function guardReportSession(): void {
  if (guarded) return;
  guarded = true;
  session.fromPartition(REPORT_PARTITION).webRequest.onBeforeRequest((details, callback) => {
    const allowed = [...rendering].some((source) => isReportRequestAllowed(details.url, source));
    callback({ cancel: !allowed });
  });
}

async function renderPdf(html: string): Promise<Uint8Array> {
  guardReportSession();
  const source = await htmlSource(html);
  rendering.add(source.url);
  const window = createReportWindow();
  try {
    await window.loadURL(source.url);
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    window.destroy();
    rendering.delete(source.url);
    await source.dispose();
  }
}

export function createPdfRenderer(parent: () => BrowserWindow | null): PdfRenderer {
  return {
    render: renderPdf,
    askSavePath: async (defaultName) => {
      const options = {
        title: 'Save report as PDF',
        defaultPath: join(app.getPath('documents'), defaultName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      };
      const window = parent();
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
