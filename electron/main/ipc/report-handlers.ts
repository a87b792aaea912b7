/** `report:save-pdf`: the print-ready checklist as a PDF file (desktop app; the browser prints instead). */
import { savePdfReport, type PdfRenderer } from '../report/pdf-report';
import { UserFacingError, type AppHandlers } from './dispatch';

export const SAVE_PDF_WEB_MESSAGE =
  'Saving a PDF needs the desktop app; in the browser use Print and choose "Save as PDF".';

export function createReportHandlers(pdf: PdfRenderer | undefined): Pick<AppHandlers, 'report:save-pdf'> {
  return {
    'report:save-pdf': async (input) => {
      if (!pdf) throw new UserFacingError(SAVE_PDF_WEB_MESSAGE, 'unsupported');
      return savePdfReport(input, pdf);
    },
  };
}
