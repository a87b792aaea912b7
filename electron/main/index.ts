/**
 * Electron main: lifecycle only. Everything it serves lives in plain-Node modules (probe, handlers,
 * settings) that the CLI, the web bridge and the tests share.
 */
import { app, BrowserWindow } from 'electron';
import ElectronStore from 'electron-store';
import { join } from 'node:path';
import { createHardwareService } from '../probe/hardware-service';
import { resolveAppLocation } from './app-url';
import { createAppHandlers } from './ipc/handlers';
import { registerIpc } from './ipc/register-ipc';
import { installSecurityHooks } from './security';
import { openSettings } from './store/settings-store';
import { createMainWindow } from './window';

const location = resolveAppLocation(join(__dirname, '../renderer'), process.env.ELECTRON_RENDERER_URL);
installSecurityHooks(location.isAppUrl);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    const settings = openSettings(app.getPath('userData'), (options) => new ElectronStore(options));
    const handlers = createAppHandlers({
      // RIG_ADVISOR_REPLAY shows a capture directory instead of this machine (used by the Electron e2e).
      hardware: createHardwareService({ replayDir: process.env.RIG_ADVISOR_REPLAY || undefined }),
      settings,
      info: { version: app.getVersion(), platform: process.platform, shell: 'electron' },
    });
    registerIpc(handlers, location.isAppUrl);
    createMainWindow(location.url);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(location.url);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
