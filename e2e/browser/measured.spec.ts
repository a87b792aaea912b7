/**
 * Measure on your rig: a llama-bench output users published, opened on the Strategy step, is read in the
 * page and set beside the plan's prediction for the same run; a file that is none is refused in words.
 * Then the loop closes: the runs calibrate this machine, and every plan on it says so.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FlowPage } from '../pages/flow-page';
import { expect, REPO_ROOT, SCREENSHOTS, test } from './fixtures';

const MEASUREMENTS = join(REPO_ROOT, '..', 'shared', 'measurements');
/** llama-bench on 2× RX 7900 XTX (Vulkan), Llama 2 7B Q4_0: pp512 2546.13, tg128 129.80. */
const BENCH_2X_XTX = 'llama-bench-01-2xRX7900XTX-vulkan-radv-llama2-7b.md';

/** The machine and model the file was measured on (2× RX 7900 XTX, Llama 2 7B Q4_0), planned as a catalog build. */
async function planMeasuredSetup(page: Page, flow: FlowPage, url: string) {
  await flow.open(url);
  await page.locator('label', { hasText: 'A build from the catalog' }).click();
  await flow.choose(
    page.getByRole('combobox', { name: 'Add a GPU from the catalog' }),
    '7900 XTX',
    /^Radeon RX 7900 XTX · 24 GB$/,
  );
  await page.getByRole('textbox', { name: 'How many Radeon RX 7900 XTX' }).fill('2');
  await expect(page.getByTestId('plan-summary')).toContainText('2 × Radeon RX 7900 XTX (catalog build)');
  await flow.pickModel('llama-2-7b', 'Llama 2 7B', 'Q4_0');
  await expect(flow.planReady).toBeVisible();
}

async function openMeasurement(page: Page, file: string) {
  await page.getByTestId('measured-file-input').setInputFiles({
    name: file,
    mimeType: 'text/plain',
    buffer: readFileSync(join(MEASUREMENTS, file)),
  });
}

test('a llama-bench table opened on the Strategy step: each test beside its predicted range', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  await planMeasuredSetup(page, flow, webApp.url);
  await flow.goTo('Strategy');
  await openMeasurement(page, BENCH_2X_XTX);
  const rows = page.getByTestId('measured-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('pp512');
  await expect(rows.nth(1)).toContainText('tg128');
  await expect(rows.nth(1)).toContainText('129.8');
  // Measured on Vulkan; the plan is for the ROCm build: said beside the numbers.
  await expect(page.getByTestId('measured-note').first()).toContainText("llama.cpp's Vulkan build");
  await expect(rows.nth(1).getByRole('img')).toHaveAttribute(
    'aria-label',
    /predicted [\d.]+ to [\d.]+, measured 129\.8/,
  );
  // The chart: each run's band and measurement, as multiples of the prediction.
  await expect(page.getByTestId('measured-chart').locator('svg.recharts-surface')).toBeVisible();
  const panel = page.getByTestId('measured-drop-zone');
  await panel.scrollIntoViewIfNeeded();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await panel.screenshot({ path: join(SCREENSHOTS, 'measured-vs-predicted.png') });

  // Another quantization: the same measurement against the new plan, without opening the file again.
  const before = await rows.nth(1).textContent();
  await flow.goTo('Model');
  await flow.choose(flow.quantSelect, 'Q8_0', /^Q8_0 ·/);
  await flow.goTo('Strategy');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).not.toHaveText(before ?? '');

  await page.getByTestId('measured-file-input').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('hello\n'),
  });
  await expect(page.getByTestId('measured-error')).toContainText('notes.txt: not llama-bench output');
});

test('predict → import → calibrated plan: the runs calibrate this machine, shown and switchable', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  await planMeasuredSetup(page, flow, webApp.url);
  const summary = page.getByTestId('plan-summary');
  await expect(summary.getByTestId('calibrated-mark')).toHaveCount(0);
  await flow.goTo('Strategy');
  await openMeasurement(page, BENCH_2X_XTX);
  await page.getByTestId('calibrate-machine').click();
  await expect(page.getByTestId('calibrate-machine')).toHaveText('These runs calibrate this machine');
  // Every calibrated number says so: the header, the strategy, the table.
  await expect(summary.getByTestId('calibrated-mark')).toBeVisible();
  // The same configuration now predicts its own measurement within 5%.
  const tg = page.getByTestId('measured-row').nth(1).getByTestId('measured-calibrated');
  const expected = Number((await tg.textContent())?.split(' ')[0]);
  expect(Math.abs(expected / 129.8 - 1)).toBeLessThan(0.05);
  const panel = page.getByTestId('measured-drop-zone');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: join(SCREENSHOTS, 'calibrated-on-your-rig.png') });
  // Turned off: the plans are uncalibrated again; the runs stay.
  await page.getByTestId('calibration-switch').click({ force: true });
  await expect(summary.getByTestId('calibrated-mark')).toHaveCount(0);
  await page.getByTestId('calibration-switch').click({ force: true });
  await expect(summary.getByTestId('calibrated-mark')).toBeVisible();
  // Another model on the same machine moves by the measured ratio, marked as well.
  await flow.pickModel('llama-3.1-8b', 'Llama 3.1 8B', 'Q4_K_M');
  await expect(summary.getByTestId('calibrated-mark')).toBeVisible();
  // Rows others shared in the calibration format join it: those on this machine's GPUs, the rest named.
  await flow.goTo('Strategy');
  await page.getByRole('button', { name: 'Forget the runs' }).click();
  await expect(summary.getByTestId('calibrated-mark')).toHaveCount(0);
  const shared = 'fixtures/calibration/collected/apple-amd-intel.csv';
  await page.getByTestId('measured-file-input').setInputFiles({
    name: 'apple-amd-intel.csv',
    mimeType: 'text/csv',
    buffer: readFileSync(join(REPO_ROOT, shared)),
  });
  await expect(page.getByTestId('calibration-note').first()).toContainText(
    /apple-amd-intel\.csv: \d+ measured figures? for this machine's GPUs/,
  );
  await expect(page.getByTestId('calibration-note').nth(1)).toContainText('which this machine lacks');
  await expect(summary.getByTestId('calibrated-mark')).toBeVisible();
});

test('a llama.cpp load log: the buffers per device beside the plan’s memory', async ({ page, webApp }) => {
  const flow = new FlowPage(page);
  await flow.open(webApp.url);
  await page.locator('label', { hasText: 'A build from the catalog' }).click();
  await flow.choose(
    page.getByRole('combobox', { name: 'Add a GPU from the catalog' }),
    'RTX 4080',
    /^GeForce RTX 4080 · 16 GB$/,
  );
  // The log's model: Llama 3.1 8B, file type Q4_0.
  await flow.pickModel('llama-3.1-8b', 'Llama 3.1 8B', 'Q4_0');
  await expect(flow.planReady).toBeVisible();
  await flow.goTo('Strategy');
  await openMeasurement(page, 'load-log-03-rtx4080-vulkan-llama31-8b.txt');
  const rows = page.getByTestId('measured-memory-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(/\d+ \/ \d+ \/ \d+/);
  // The log's compute buffer calibrates this machine's memory: every plan here is sized with it, and says so.
  await page.getByTestId('calibrate-machine').click();
  await expect(page.getByTestId('calibration-status')).toContainText('memory reading');
  await expect(page.getByTestId('memory-calibrated-mark')).toContainText(/^memory calibrated on 1 load log/);
});
