/**
 * Browser e2e fixtures: each test gets its own `node out/node/web.js --replay <dir> --user-data <tmp>`
 * server (URL read from its first stdout line, killed afterwards), and fails if the page reports a
 * CSP violation or an uncaught error.
 *
 * A server takes 0.4–1.5 s to start, so each worker starts the next test's server while the current
 * test runs (see ../support/web-server-pool.ts); every test still gets a fresh process and folder.
 */
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { WebServerPool } from '../support/web-server-pool';

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
/** Replay folders that never change during a run (committed fixtures), so a server may start early. */
const FIXTURES = join(REPO_ROOT, 'fixtures');

export interface WebApp {
  /** `http://127.0.0.1:PORT/?token=…` as the server printed it. */
  readonly url: string;
  readonly origin: string;
  readonly userDataDir: string;
}

export const test = base.extend<
  { replayDir: string; webApp: WebApp; pageErrors: string[] },
  { webServers: WebServerPool }
>({
  /** Capture directory the server replays; override per describe with `test.use({ replayDir })`. */
  replayDir: [join(CAPTURE_DIRS, 'dual-rtx-a5000'), { option: true }],

  webServers: [
    // Playwright reads which fixtures a fixture needs from this pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const pool = new WebServerPool({ entry: WEB_ENTRY, cwd: REPO_ROOT, startEarly: FIXTURES });
      await use(pool);
      await pool.close();
    },
    { scope: 'worker' },
  ],

  webApp: async ({ replayDir, webServers }, use) => {
    const server = webServers.take(replayDir);
    try {
      const url = await server.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
      await use({ url, origin: new URL(url).origin, userDataDir: server.userDataDir });
    } finally {
      await server.stop();
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
