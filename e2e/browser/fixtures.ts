/**
 * Browser e2e fixtures: each test gets its own `node out/node/web.js --replay <dir> --user-data <tmp>`
 * server (URL read from its first stdout line, killed afterwards), and fails if the page reports a
 * CSP violation or an uncaught error.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { test as base, expect } from '@playwright/test';

export const REPO_ROOT = resolve(__dirname, '../..');
export const CAPTURE_DIRS = join(REPO_ROOT, 'fixtures', 'capture-dirs');
/**
 * Where the README screenshots are written: docs/screenshots when asked (`UPDATE_SCREENSHOTS=1`), else
 * test-results/screenshots, so an ordinary test run leaves the committed pictures alone.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(REPO_ROOT, 'docs', 'screenshots')
  : join(REPO_ROOT, 'test-results', 'screenshots');
const WEB_ENTRY = join(REPO_ROOT, 'out', 'node', 'web.js');

export interface WebApp {
  /** `http://127.0.0.1:PORT/?token=…` as the server printed it. */
  readonly url: string;
  readonly origin: string;
  readonly userDataDir: string;
}

type Server = ChildProcessByStdio<null, Readable, Readable>;

function firstLine(child: Server, timeoutMs: number): Promise<string> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolveLine, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`web server printed no URL within ${timeoutMs} ms\n${stderr}`)),
      timeoutMs,
    );
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolveLine(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web server exited with ${code} before printing its URL\n${stderr}`));
    });
  });
}

async function stop(child: Server): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export const test = base.extend<{ replayDir: string; webApp: WebApp; pageErrors: string[] }>({
  /** Capture directory the server replays; override per describe with `test.use({ replayDir })`. */
  replayDir: [join(CAPTURE_DIRS, 'dual-rtx-a5000'), { option: true }],

  webApp: async ({ replayDir }, use) => {
    if (!existsSync(WEB_ENTRY)) throw new Error(`${WEB_ENTRY} is missing: run npm run build first`);
    const userDataDir = mkdtempSync(join(os.tmpdir(), 'rig-e2e-user-'));
    const child = spawn(process.execPath, [WEB_ENTRY, '--replay', replayDir, '--user-data', userDataDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await firstLine(child, 20_000);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
      await use({ url, origin: new URL(url).origin, userDataDir });
    } finally {
      await stop(child);
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },

  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
          errors.push(message.text());
      });
      await use(errors);
      expect(errors, 'CSP violations or uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
