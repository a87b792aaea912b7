/**
 * The app's request handlers, one small group per domain, composed into the `AppHandlers` table.
 * Plain Node: Electron's `ipcMain` and the web bridge both call these through `dispatch`.
 */
import type { AppInfo, ScanResult } from '@shared/ipc/contract';
import type { CaptureFileName } from '@shared/hardware/capture-format';
import type { ScanProgress } from '@shared/ipc/contract';
import type { AppHandlers } from './dispatch';
import type { SettingsHandle } from '../store/settings-store';

export interface HardwareService {
  /** Probe this machine. */
  scanLive(onProgress: (progress: ScanProgress) => void): Promise<ScanResult>;
  /** Analyse capture files picked by the user (a folder from another machine). */
  analyseFiles(files: Partial<Record<CaptureFileName, string>>, label: string): Promise<ScanResult>;
}

export interface AppServices {
  readonly hardware: HardwareService;
  readonly settings: SettingsHandle;
  readonly info: Omit<AppInfo, 'notices'>;
}

export function createAppHandlers(services: AppServices): AppHandlers {
  const { hardware, settings, info } = services;
  return {
    'hardware:scan': async (_input, ctx) => hardware.scanLive(ctx.emitProgress),
    'hardware:load-capture': async (input) =>
      hardware.analyseFiles(input.files as Partial<Record<CaptureFileName, string>>, input.label),
    'settings:get-notes': async () => settings.getNotes(),
    'settings:set-notes': async (notes) => settings.setNotes(notes),
    'app:info': async () => ({ ...info, notices: settings.notices }),
  };
}
