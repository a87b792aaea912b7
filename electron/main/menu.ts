/**
 * The application menu as plain data: File (open a capture, save the report, print, quit), Edit,
 * View, Help. No electron import — app-menu.ts turns it into a `Menu`, and the template is tested here.
 * The item shape is a subset of Electron's `MenuItemConstructorOptions` (tsc checks it still fits).
 */

/** The Electron roles this menu uses. */
export type MenuRole =
  | 'appMenu'
  | 'windowMenu'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen';

export interface MenuItemSpec {
  readonly id?: string;
  readonly label?: string;
  readonly role?: MenuRole;
  readonly type?: 'separator';
  readonly accelerator?: string;
  readonly enabled?: boolean;
  readonly click?: () => void;
  readonly submenu?: MenuItemSpec[];
}

export interface MenuHandlers {
  /** Ask the renderer to open a capture folder (`menu:open-capture`). */
  openCapture(): void;
  /** Ask the renderer to save the report (`menu:save-report`). */
  saveReport(): void;
  /** Print the page shown (`webContents.print()`). */
  print(): void;
  /** Open the documentation: the https homepage in the browser, or the bundled README. */
  openDocs(): void;
  /** Version, runtime versions and where the settings live (macOS has this in the app menu). */
  about(): void;
}

export interface MenuOptions {
  /** Development build (electron-vite dev): adds reload and developer tools. */
  readonly isDev: boolean;
  readonly platform: NodeJS.Platform;
  /** Whether there is documentation to open (see `documentationTarget`); the item is disabled if not. */
  readonly hasDocs: boolean;
}

/** Where Help → Documentation leads: an https homepage, else the README shipped with the app. */
export type DocsTarget =
  { readonly kind: 'url'; readonly url: string } | { readonly kind: 'file'; readonly path: string };

/**
 * The homepage when it is an https URL (nothing else is opened in the browser), else the first README
 * that exists (packaged: the app's resources folder; development: the repository), else null.
 */
export function documentationTarget(
  homepage: unknown,
  readmeCandidates: readonly string[],
  exists: (path: string) => boolean,
  isAllowedUrl: (url: string) => boolean,
): DocsTarget | null {
  if (typeof homepage === 'string' && isAllowedUrl(homepage)) return { kind: 'url', url: homepage };
  const readme = readmeCandidates.find(exists);
  return readme ? { kind: 'file', path: readme } : null;
}

const separator: MenuItemSpec = { type: 'separator' };

function fileMenu(handlers: MenuHandlers, isMac: boolean): MenuItemSpec {
  return {
    label: 'File',
    submenu: [
      { id: 'open-capture', label: 'Open capture…', accelerator: 'CmdOrCtrl+O', click: handlers.openCapture },
      { id: 'save-report', label: 'Save report…', accelerator: 'CmdOrCtrl+S', click: handlers.saveReport },
      { id: 'print', label: 'Print…', accelerator: 'CmdOrCtrl+P', click: handlers.print },
      separator,
      // On macOS Quit lives in the app menu; File ends with Close Window there.
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
}

const editMenu: MenuItemSpec = {
  label: 'Edit',
  submenu: [
    { role: 'undo' },
    { role: 'redo' },
    separator,
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    { role: 'pasteAndMatchStyle' },
    { role: 'delete' },
    separator,
    { role: 'selectAll' },
  ],
};

function viewMenu(isDev: boolean): MenuItemSpec {
  const dev: MenuItemSpec[] = isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator]
    : [];
  return {
    label: 'View',
    submenu: [
      ...dev,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
}

/** The whole menu bar for this platform. */
export function buildMenuTemplate(handlers: MenuHandlers, options: MenuOptions): MenuItemSpec[] {
  const isMac = options.platform === 'darwin';
  const docs: MenuItemSpec = {
    id: 'docs',
    label: 'Documentation',
    enabled: options.hasDocs,
    click: handlers.openDocs,
  };
  const help: MenuItemSpec = {
    label: 'Help',
    submenu: isMac
      ? [docs]
      : [docs, separator, { id: 'about', label: 'About Rig Advisor', click: handlers.about }],
  };
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    fileMenu(handlers, isMac),
    editMenu,
    viewMenu(options.isDev),
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
    help,
  ];
}
