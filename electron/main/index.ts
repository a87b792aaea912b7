/**
 * Electron main: lifecycle only. Everything it serves lives in plain-Node modules (probe, handlers,
 * settings) that the CLI, the web bridge and the tests share.
 */
import { app, type BrowserWindow } from 'electron';
import ElectronStore from 'electron-store';
import { join } from 'node:path';
import { createHardwareService } from '../probe/hardware-service';
import { installAppMenu } from './app-menu';
import { resolveAppLocation } from './app-url';
import { pickCaptureFolder } from './dialogs';
import { createAppHandlers } from './ipc/handlers';
import { registerIpc } from './ipc/register-ipc';
import { createPdfRenderer } from './report/print-to-pdf';
import { installSecurityHooks, registerAppScheme, serveAppScheme } from './security';
import { openSettings } from './store/settings-store';
import { createMainWindow } from './window';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const location = resolveAppLocation(join(__dirname, '../renderer'), devServerUrl);
installSecurityHooks(location.isAppUrl);
// Before ready: the packaged page is served from app://, never file://.
registerAppScheme();

let mainWindow: BrowserWindow | null = null;
const liveMainWindow = (): BrowserWindow | null =>
  mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const window = liveMainWindow();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    if (location.rendererDir) serveAppScheme(location.rendererDir);
    const settings = openSettings(app.getPath('userData'), (options) => new ElectronStore(options));
    const handlers = createAppHandlers({
      // RIG_ADVISOR_REPLAY shows a capture directory instead of this machine (used by the Electron e2e).
      hardware: createHardwareService({ replayDir: process.env.RIG_ADVISOR_REPLAY || undefined }),
      settings,
      info: { version: app.getVersion(), platform: process.platform, shell: 'electron' },
      desktop: {
        pdf: createPdfRenderer(liveMainWindow),
        pickCaptureFolder: () => pickCaptureFolder(liveMainWindow()),
      },
    });
    registerIpc(handlers, location.isAppUrl);
    installAppMenu(liveMainWindow, Boolean(devServerUrl));
    const openWindow = (): void => {
      mainWindow = createMainWindow(location.url, settings);
    };
    openWindow();
    app.on('activate', () => {
      if (!liveMainWindow()) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
