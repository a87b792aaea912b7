/** Installs the application menu built by menu.ts; the clicks reach the main window, the browser or a dialog. */
import { app, dialog, Menu, shell, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IPC_EVENTS } from '@shared/ipc/contract';
import packageJson from '../../package.json';
import { isAllowedExternalUrl } from './app-url';
import { buildMenuTemplate, documentationTarget, type DocsTarget } from './menu';
import { openExternalIfAllowed } from './security';

/** The homepage when it is https, else README.md: in resources when packaged (electron-builder.yml), else the repo's. */
export function findDocumentation(): DocsTarget | null {
  const candidates = app.isPackaged
    ? [join(process.resourcesPath, 'README.md')]
    : [join(app.getAppPath(), 'README.md')];
  return documentationTarget(
    (packageJson as { homepage?: unknown }).homepage,
    candidates,
    existsSync,
    isAllowedExternalUrl,
  );
}

function openDocumentation(target: DocsTarget | null): void {
  if (target?.kind === 'url') openExternalIfAllowed(target.url);
  // A local Markdown file opens in whatever the system uses for .md; nothing is executed.
  else if (target?.kind === 'file') void shell.openPath(target.path);
}

function showAbout(window: BrowserWindow | null): void {
  const options = {
    type: 'info' as const,
    title: 'About Rig Advisor',
    message: `Rig Advisor ${app.getVersion()}`,
    detail: [
      `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
      `Settings and saved machines: ${app.getPath('userData')}`,
    ].join('\n'),
  };
  void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}

export function installAppMenu(mainWindow: () => BrowserWindow | null, isDev: boolean): void {
  const contents = () => mainWindow()?.webContents ?? null;
  const docs = findDocumentation();
  const template = buildMenuTemplate(
    {
      openCapture: () => contents()?.send(IPC_EVENTS.menuOpenCapture),
      saveReport: () => contents()?.send(IPC_EVENTS.menuSaveReport),
      print: () => contents()?.print(),
      openDocs: () => openDocumentation(docs),
      about: () => showAbout(mainWindow()),
    },
    { isDev, platform: process.platform, hasDocs: docs !== null },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
