// UI speed benchmarks in real Chromium (not timed tests): run after `npm run build`; `npm run bench` runs it.
//   re-plan  — change the goal on the Model step: re-plan + React commit + the next frame (budget 100 ms)
//   what-if  — open "Add a card?": every catalog GPU planned as the next card, rows painted (budget 300 ms)
//   re-rank  — type a price into the what-if list: ranked again and painted (budget 300 ms)
// Against `npm run web -- --replay` of the two-RTX-A5000 capture, Llama 3.1 70B Q4_K_M.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function startServer(userData) {
  const child = spawn(
    process.execPath,
    ['out/node/web.js', '--replay', 'fixtures/capture-dirs/dual-rtx-a5000', '--user-data', userData],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`web server exited with ${code}`)));
  });
  return { child, url };
}

/** Clicks `locator` inside the page and resolves after the commit and one frame, or when `done()` holds. */
function clickAndTime(locator, doneSelector) {
  return locator.evaluate(async (element, selector) => {
    const win = element.ownerDocument.defaultView;
    const start = win.performance.now();
    element.click();
    const frame = () => new Promise((r) => win.requestAnimationFrame(() => setTimeout(r, 0)));
    await frame();
    // Work deferred past the click (the what-if ranking runs off a timer) finishes when the marker shows.
    while (selector && !element.ownerDocument.querySelector(selector)) await frame();
    return win.performance.now() - start;
  }, doneSelector ?? null);
}

const userData = mkdtempSync(join(os.tmpdir(), 'rig-bench-ui-'));
const server = startServer(userData);
const browser = await chromium.launch({ executablePath: CHROMIUM });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(await server.url);
  await page.getByTestId('scan-ready').waitFor();
  await page.getByRole('tab', { name: /Model/ }).click();
  const modelSelect = page.getByRole('combobox', { name: 'From the catalog' });
  await modelSelect.click();
  await modelSelect.fill('llama-3.1-70b');
  await page.getByRole('option', { name: 'Llama 3.1 70B', exact: true }).click();
  await page.getByTestId('plan-ready').waitFor();

  const replan = [];
  const goals = ['Longest context', 'Many users', 'One user, fastest'];
  for (let i = 0; i < 15; i += 1) {
    const label = page.locator('label').filter({ hasText: new RegExp(`^${goals[i % goals.length]}$`) });
    replan.push(await clickAndTime(label));
  }

  const whatIf = [];
  const rerank = [];
  for (let i = 0; i < 5; i += 1) {
    await page.getByRole('tab', { name: /^1\. Machine/ }).click();
    whatIf.push(
      await clickAndTime(
        page.getByRole('tab', { name: 'Add a card?' }),
        '[data-testid="upgrade-view"][data-busy="false"] [data-testid="upgrade-row"]',
      ),
    );
    // A typed price re-ranks the list (committed on Enter).
    const price = page.getByRole('textbox', { name: /^Price of / }).first();
    await price.fill(String(500 + i * 50));
    rerank.push(
      await price.evaluate(async (input) => {
        const win = input.ownerDocument.defaultView;
        const start = win.performance.now();
        input.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        const frame = () => new Promise((r) => win.requestAnimationFrame(() => setTimeout(r, 0)));
        await frame();
        while (!input.ownerDocument.querySelector('[data-testid="upgrade-view"][data-busy="false"]'))
          await frame();
        return win.performance.now() - start;
      }),
    );
  }

  const rows = [
    ['re-plan + repaint after a goal change (median of 15)', median(replan), '≤ 100 ms'],
    ['"Add a card?" ranked and painted (median of 5)', median(whatIf), '≤ 300 ms'],
    ['re-ranked after a typed price (median of 5)', median(rerank), '≤ 300 ms'],
  ];
  for (const [what, ms, budget] of rows)
    console.log(`${what.padEnd(54)} ${`${ms.toFixed(0)} ms`.padStart(8)}  budget ${budget}`);
  console.log(`  (Chromium ${browser.version()}, 2× RTX A5000 replay, Llama 3.1 70B Q4_K_M)`);
} finally {
  await browser.close();
  server.child.kill('SIGTERM');
  rmSync(userData, { recursive: true, force: true });
}
