/**
 * The app's request handlers, one small group per domain, composed into the `AppHandlers` table.
 * Plain Node: Electron's `ipcMain` and the web bridge both call these through `dispatch`.
 */
import type { AppInfo } from '@shared/ipc/contract';
import type { CaptureFileName } from '@shared/hardware/capture-format';
import type { HardwareService } from '../../probe/hardware-service';
import type { AppHandlers } from './dispatch';
import type { SettingsHandle } from '../store/settings-store';
import type { PdfRenderer } from '../report/pdf-report';
import { createCaptureHandlers } from './capture-handlers';
import { createMachineHandlers } from './machine-handlers';
import { createModelHandlers } from './model-handlers';
import { createReportHandlers } from './report-handlers';

/** What only the desktop app can do; absent under `npm run web`, where those channels fail `unsupported`. */
export interface DesktopServices {
  /** Hidden-window printToPDF and the save dialog. */
  readonly pdf: PdfRenderer;
  /** The folder dialog for File → Open capture…; null when the user cancels. */
  pickCaptureFolder(): Promise<string | null>;
}

export interface AppServices {
  readonly hardware: HardwareService;
  readonly settings: SettingsHandle;
  readonly info: Omit<AppInfo, 'notices'>;
  /** Present in Electron only; it also enables `model:import-file` (reading a path the user chose). */
  readonly desktop?: DesktopServices;
}

export function createAppHandlers(services: AppServices): AppHandlers {
  const { hardware, settings, info, desktop } = services;
  return {
    'hardware:scan': async (_input, ctx) => hardware.scanLive(ctx.emitProgress),
    'hardware:load-capture': async (input) =>
      hardware.analyseFiles(input.files as Partial<Record<CaptureFileName, string>>, input.label),
    ...createCaptureHandlers(hardware, desktop ? () => desktop.pickCaptureFolder() : undefined),
    'settings:get-notes': async () => settings.getNotes(),
    'settings:set-notes': async (notes) => settings.setNotes(notes),
    'app:info': async () => ({ ...info, notices: settings.notices }),
    ...createMachineHandlers(settings),
    ...createModelHandlers(desktop !== undefined),
    ...createReportHandlers(desktop?.pdf),
  };
}
