/**
 * The one window factory: every BrowserWindow the app opens is made here. The web preferences are
 * written out literally (not spread from a constant) so the security scanner can read them.
 */
import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { restoreBounds, WINDOW_SIZE, type WindowState } from './window-state';

/** Where the main window's bounds are kept between runs (the settings file's `window` key). */
export interface WindowStateStore {
  getWindowState(): WindowState | null;
  setWindowState(state: WindowState): void;
}

/** In-memory session of the hidden report windows (no cookies, cache or storage shared with the app). */
export const REPORT_PARTITION = 'rig-advisor-report';

export function createMainWindow(appUrl: string, state: WindowStateStore): BrowserWindow {
  const saved = state.getWindowState();
  const bounds = restoreBounds(
    saved?.bounds ?? null,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...(bounds ?? { width: WINDOW_SIZE.width, height: WINDOW_SIZE.height }),
    minWidth: WINDOW_SIZE.minWidth,
    minHeight: WINDOW_SIZE.minHeight,
    show: false,
    title: 'Rig Advisor',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would open links in a new window; navigation is denied anyway, this closes the path.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    const { x, y, width, height } = window.getNormalBounds();
    state.setWindowState({
      bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) },
      maximized: window.isMaximized(),
    });
  });
  void window.loadURL(appUrl);
  return window;
}

/**
 * A hidden window that only renders a report for printToPDF: the main window's hardening, plus no
 * preload (no AppApi), no JavaScript, and its own in-memory session.
 */
export function createReportWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      javascript: false,
      partition: REPORT_PARTITION,
    },
  });
}
