/**
 * The desktop app itself, through Playwright's `_electron`. Runs only where an Electron binary is
 * installed; elsewhere every test is reported skipped with the reason (no binary can run here).
 *
 * The happy path matches the browser flow (e2e/browser/flow.spec.ts): replayed machine → catalog
 * model → copy a launch command → checklist saved as a PDF — here through the preload, the real
 * clipboard permission, printToPDF and a save dialog mocked in main.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import type { AppApi } from '../../shared/ipc/contract';
import { testGgufFile, tinyLlama } from '../../test/support/gguf-models';
import { findElectronBinary } from '../../scripts/electron-binary.cjs';
import { FlowPage } from '../pages/flow-page';

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

  const launch = (): Promise<ElectronApplication> =>
    electron.launch({
      executablePath: found.path,
      args: [MAIN_ENTRY, `--user-data-dir=${userData}`],
      cwd: REPO_ROOT,
      env: { ...process.env, RIG_ADVISOR_REPLAY: REPLAY_DIR },
    });

  test.beforeEach(async () => {
    userData = mkdtempSync(join(os.tmpdir(), 'rig-electron-user-'));
    app = await launch();
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

  test('happy path: replay → model → copy a command → checklist saved as a PDF', async () => {
    const window = await app.firstWindow();
    const flow = new FlowPage(window);
    await expect(flow.scanReady).toBeVisible({ timeout: 30_000 });

    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await expect(flow.planReady).toHaveAttribute('data-fits', 'true');

    await flow.goTo('Commands');
    const llama = window.getByTestId('command-llama.cpp');
    const bash = (await llama.getByTestId('command-text').first().textContent()) ?? '';
    expect(bash).toContain('llama-server');
    await window.getByTestId('copy-llama.cpp').click();
    await expect(window.getByTestId('copy-llama.cpp')).toHaveText('Copied');
    // The write went through the one permission main grants the app page (clipboard-sanitized-write).
    expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toBe(bash);

    const pdfPath = join(userData, 'checklist.pdf');
    await app.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, pdfPath);
    await flow.goTo('Checklist');
    await expect(window.getByTestId('checklist-preview')).toContainText(
      'Build checklist: Llama 3.1 70B Q4_K_M',
    );
    await window.getByRole('button', { name: 'Save as PDF' }).click();
    await expect(window.getByTestId('checklist-notice')).toContainText(`Saved ${pdfPath}`, {
      timeout: 30_000,
    });
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The hidden report window is gone again.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('a GGUF file picked in the Model step is read through pathForFile and model:import-file', async () => {
    const gguf = join(userData, 'tiny-llama.gguf');
    const file = testGgufFile(tinyLlama());
    writeFileSync(gguf, file.header);
    truncateSync(gguf, file.header.length + file.dataBytes);
    const window = await app.firstWindow();
    const flow = new FlowPage(window);
    await expect(flow.scanReady).toBeVisible({ timeout: 30_000 });
    await flow.goTo('Model');
    await window.getByTestId('model-file-input').setInputFiles(gguf);
    await expect(window.getByTestId('model-facts')).toContainText('2 layers');
  });

  test('saved machines round-trip through the preload, and a machine file opens again', async () => {
    const window = await app.firstWindow();
    const result = await window.evaluate(async () => {
      const api = (window as unknown as { rigAdvisor: AppApi }).rigAdvisor;
      const notes = {
        psu: { watts: 1600, pcie8PinCables: 6, connectors12vhpwr: 2, note: '' },
        case: { note: '', expansionSlots: 8 },
      };
      const saved = await api.saveMachine({ name: 'Planned', kind: 'planned', gpus: ['rtx-4090'], notes });
      if (!saved.ok) return saved;
      const text = await api.exportMachine({ id: saved.value.id });
      if (!text.ok) return text;
      const imported = await api.importMachine({ text: text.value });
      const list = await api.listMachines();
      return { imported, list };
    });
    // The same machine imported again is the one already saved: one row.
    expect(result).toMatchObject({ imported: { ok: true }, list: { ok: true, value: [{}] } });
  });

  test('File → Open capture… and Save report… work from the menu (main dialogs mocked)', async () => {
    const window = await app.firstWindow();
    const flow = new FlowPage(window);
    await expect(flow.scanReady).toBeVisible({ timeout: 30_000 });
    const labels = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((i) => i.label));
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Help']));

    // Open capture…: main's folder dialog answers another fixture; the page shows that machine.
    const other = join(REPO_ROOT, 'fixtures', 'capture-dirs', 'dual-rtx-2070');
    const pdfPath = join(userData, 'from-menu.pdf');
    await app.evaluate(
      ({ dialog }, paths) => {
        dialog.showOpenDialog = (async () => ({
          canceled: false,
          filePaths: [paths.dir],
        })) as typeof dialog.showOpenDialog;
        dialog.showSaveDialog = (async () => ({
          canceled: false,
          filePath: paths.pdf,
        })) as typeof dialog.showSaveDialog;
      },
      { dir: other, pdf: pdfPath },
    );
    const click = (id: string) =>
      app.evaluate(({ Menu }, itemId) => Menu.getApplicationMenu()?.getMenuItemById(itemId)?.click(), id);
    await click('open-capture');
    await expect(window.getByTestId('scan-origin')).toContainText('dual-rtx-2070');
    await expect(window.getByTestId('gpu-card').first()).toContainText('RTX 2070');

    // Save report…: with a plan, the checklist is saved as a PDF without touching the page.
    await flow.pickModel('llama-3.1-8b', 'Llama 3.1 8B', 'Q4_K_M');
    await click('save-report');
    await expect(window.getByTestId('checklist-notice')).toContainText(`Saved ${pdfPath}`, {
      timeout: 30_000,
    });
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  test('the window reopens where it was left', async () => {
    await app.firstWindow();
    const bounds = { x: 40, y: 50, width: 1000, height: 700 };
    await app.evaluate(({ BrowserWindow }, b) => BrowserWindow.getAllWindows()[0]?.setBounds(b), bounds);
    await app.close();
    app = await launch();
    const window = await app.firstWindow();
    await window.waitForLoadState('domcontentloaded');
    const restored = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getBounds());
    expect(restored).toMatchObject({ width: bounds.width, height: bounds.height });
  });
});
