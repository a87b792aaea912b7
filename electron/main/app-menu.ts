/** Installs the application menu built by menu.ts; the clicks reach the main window or the system browser. */
import { Menu, type BrowserWindow } from 'electron';
import { IPC_EVENTS } from '@shared/ipc/contract';
import packageJson from '../../package.json';
import { isAllowedExternalUrl } from './app-url';
import { buildMenuTemplate } from './menu';
import { openExternalIfAllowed } from './security';

/** The project's documentation: package.json `homepage`, when it is an https URL. */
export function documentationUrl(): string | null {
  const homepage = (packageJson as { homepage?: unknown }).homepage;
  return typeof homepage === 'string' && isAllowedExternalUrl(homepage) ? homepage : null;
}

export function installAppMenu(mainWindow: () => BrowserWindow | null, isDev: boolean): void {
  const contents = () => {
    const window = mainWindow();
    return window && !window.isDestroyed() ? window.webContents : null;
  };
  const docsUrl = documentationUrl();
  const template = buildMenuTemplate(
    {
      openCapture: () => contents()?.send(IPC_EVENTS.menuOpenCapture),
      saveReport: () => contents()?.send(IPC_EVENTS.menuSaveReport),
      print: () => contents()?.print(),
      openDocs: () => {
        if (docsUrl) openExternalIfAllowed(docsUrl);
      },
    },
    { isDev, platform: process.platform, docsUrl },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
