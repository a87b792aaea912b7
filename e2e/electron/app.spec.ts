/**
 * The desktop app itself, through Playwright's `_electron`. Runs only where an Electron binary is
 * installed; elsewhere every test is reported skipped with the reason (no binary can run here).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.cjs';

const REPO_ROOT = resolve(__dirname, '../..');
const MAIN_ENTRY = join(REPO_ROOT, 'out', 'main', 'index.js');
const REPLAY_DIR = join(REPO_ROOT, 'fixtures', 'capture-dirs', 'dual-rtx-a5000');

// Shared with `npm start`: finds the binary without triggering Electron's download-on-require.
const found: { path?: string; reason?: string } = findElectronBinary();
const skipReason =
  found.reason !== undefined
    ? found.reason
    : !existsSync(MAIN_ENTRY)
      ? `${MAIN_ENTRY} is missing: run npm run build`
      : null;

test.describe('desktop app', () => {
  test.skip(skipReason !== null, `Electron binary not available here: ${skipReason}`);

  let app: ElectronApplication;
  let userData: string;

  test.beforeEach(async () => {
    userData = mkdtempSync(join(os.tmpdir(), 'rig-electron-user-'));
    app = await electron.launch({
      executablePath: found.path,
      args: [MAIN_ENTRY, `--user-data-dir=${userData}`],
      cwd: REPO_ROOT,
      env: { ...process.env, RIG_ADVISOR_REPLAY: REPLAY_DIR },
    });
  });

  test.afterEach(async () => {
    await app?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  test('the window loads and shows the replayed machine', async () => {
    const window = await app.firstWindow();
    await expect(window.getByTestId('scan-ready')).toBeVisible({ timeout: 30_000 });
    await expect(window.getByTestId('gpu-card')).toHaveCount(2);
    await expect(window.getByTestId('unknowns-list')).toBeVisible();
  });

  test('every window is isolated, sandboxed and without Node', async () => {
    await app.firstWindow();
    const preferences = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((window) => {
        // Undocumented but long-standing: the preferences the renderer was really created with.
        const contents = window.webContents as unknown as {
          getLastWebPreferences?: () => Record<string, unknown> | null;
        };
        if (typeof contents.getLastWebPreferences !== 'function')
          throw new Error('webContents.getLastWebPreferences is gone');
        const prefs = contents.getLastWebPreferences() ?? {};
        return {
          contextIsolation: prefs.contextIsolation,
          sandbox: prefs.sandbox,
          nodeIntegration: prefs.nodeIntegration,
          nodeIntegrationInSubFrames: prefs.nodeIntegrationInSubFrames,
          webSecurity: prefs.webSecurity,
        };
      }),
    );
    expect(preferences.length).toBeGreaterThan(0);
    for (const prefs of preferences) {
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(prefs.nodeIntegrationInSubFrames).not.toBe(true);
      expect(prefs.webSecurity).not.toBe(false);
    }
  });

  test('the renderer gets the AppApi from the preload, not Node', async () => {
    const window = await app.firstWindow();
    const globals = await window.evaluate(() => ({
      api: typeof (window as unknown as { rigAdvisor?: unknown }).rigAdvisor,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(globals).toEqual({ api: 'object', require: 'undefined', process: 'undefined' });
  });
});
