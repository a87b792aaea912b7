/**
 * Measure on your rig: a llama-bench output users published, opened on the Strategy step, is read in the
 * page and set beside the plan's prediction for the same run; a file that is none is refused in words.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FlowPage } from '../pages/flow-page';
import { expect, REPO_ROOT, test } from './fixtures';

const MEASUREMENTS = join(REPO_ROOT, '..', 'shared', 'measurements');

test('a llama-bench table opened on the Strategy step: each test beside its predicted range', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  await flow.open(webApp.url);
  // The machine the file was measured on (2× RX 7900 XTX), as a catalog build.
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
  await flow.goTo('Strategy');
  const file = 'llama-bench-01-2xRX7900XTX-vulkan-radv-llama2-7b.md';
  await page.getByTestId('measured-file-input').setInputFiles({
    name: file,
    mimeType: 'text/markdown',
    buffer: readFileSync(join(MEASUREMENTS, file)),
  });
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
  const panel = page.getByTestId('measured-drop-zone');
  await panel.scrollIntoViewIfNeeded();
  mkdirSync(join(REPO_ROOT, 'docs', 'screenshots'), { recursive: true });
  await panel.screenshot({ path: join(REPO_ROOT, 'docs', 'screenshots', 'measured-vs-predicted.png') });

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
