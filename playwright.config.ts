/**
 * Playwright: `browser` runs the built renderer in Chromium against `npm run web` (works here and
 * in CI); `electron` launches the desktop app and skips itself, with the reason, where no Electron
 * binary exists. Both write to one JSON report that scripts/test-all.sh sums.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';

/**
 * Debian's chromium-headless-shell: the same Blink as /usr/bin/chromium without the desktop browser's
 * shell. Measured on this 2-core machine under load, the same e2e files ran in 98 s and 106 s with it
 * against 184 s and 191 s with the full browser. /usr/bin/chromium where only that is installed.
 */
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
const CHROMIUM = existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium';

export default defineConfig({
  // scripts/test-all.sh runs the e2e tests after the builds, alone: one worker per core. A test is mostly
  // Chromium booting the app and axe walking it, so one worker left a core half idle. Every test has
  // its own server and user-data folder, so tests of one file may run on different workers.
  workers: availableParallelism(),
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Not `test-results` itself: Playwright empties its outputDir, and other runners leave counts there.
  outputDir: 'test-results/playwright-artifacts',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    // A failed test keeps its trace: the actions with their timings, console, network and errors. The
    // DOM snapshots and screencast are left out: recording them for every test (then throwing them away
    // when it passed) took a third of the run's CPU. For the full trace: `--trace retain-on-failure`.
    trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false, sources: true },
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testDir: 'e2e/browser',
      use: {
        browserName: 'chromium',
        viewport: { width: 1440, height: 900 },
        // The app honours reduced motion (theme.respectReducedMotion), so no action waits out a transition.
        reducedMotion: 'reduce',
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    { name: 'electron', testDir: 'e2e/electron' },
  ],
});
