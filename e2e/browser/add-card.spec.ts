/**
 * Add a card as a compatibility list: each row ✓ / ? / ! / ✕ for slot, lanes, spacing, PSU watts and
 * cables, case, system RAM, the runtime with the cards there and the driver; "?" is asked for once above the list;
 * SXM/OAM modules are not offered for a PCIe machine; a card of another vendor shows no speed.
 */
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { seriousViolations } from '../pages/axe-check';
import { FlowPage } from '../pages/flow-page';
import { SCREENSHOTS, expect, test } from './fixtures';

/** Two RTX A5000 (the replay) with Llama 3.1 70B Q4_K_M, on Add a card with its rows ranked. */
async function openAddACard(page: Page, url: string): Promise<Locator> {
  const flow = new FlowPage(page);
  await flow.open(url);
  await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
  await flow.goTo('Add a card?');
  const view = page.getByTestId('upgrade-view');
  await expect(view).toHaveAttribute('data-busy', 'false');
  return view;
}

test('two RTX A5000 with Llama 3.1 70B: every card says what works here, and the PSU is asked once', async ({
  page,
  webApp,
}) => {
  const view = await openAddACard(page, webApp.url);
  const first = page.getByTestId('upgrade-row').first();
  await expect(first.getByTestId('compat-line')).toHaveCount(9);
  // Catalog prices with cents (679.99) are valid prices, not fields in error.
  await expect(page.locator('[data-testid="upgrade-row"] [aria-invalid="true"]')).toHaveCount(0);
  // No PSU entered: the PSU line is a question, and the row is not called a fit.
  await expect(first.locator('[data-topic="psu"]')).toHaveAttribute('data-status', 'unknown');
  await expect(first.getByTestId('upgrade-status')).toContainText('not checked');
  await expect(page.getByTestId('upgrade-excluded')).toContainText('SXM/OAM modules');

  // One answer, every row re-checked.
  const questions = page.getByTestId('upgrade-questions');
  const watts = questions.getByRole('textbox', { name: 'PSU rated output' });
  // Out of range is said on the field and cannot be saved; leaving the field does not clamp it to 1 W.
  await watts.fill('-500');
  await watts.blur();
  await expect(watts).toHaveValue('-500 W');
  await expect(watts).toHaveAttribute('aria-invalid', 'true');
  await expect(questions).toContainText('Out of range: 1–10,000 W');
  await expect(questions.getByRole('button', { name: 'Save' }).first()).toBeDisabled();
  await watts.fill('1600');
  await questions.getByRole('button', { name: 'Save' }).first().click();
  await expect(view).toHaveAttribute('data-busy', 'false');
  await expect(first.locator('[data-topic="psu"]')).toHaveAttribute('data-status', /ok|warn/);
  await page.screenshot({ path: join(SCREENSHOTS, 'add-a-card-compatibility.png') });
  // Price against speed, with the best buys joined.
  await expect(page.getByTestId('value-chart')).toBeVisible();
  await expect(page.getByTestId('value-chart')).toHaveAttribute('data-frontier', /\S/);
  await page.getByTestId('value-chart').scrollIntoViewIfNeeded();
  expect(
    await seriousViolations(page, [
      '[data-testid="upgrade-questions"]',
      '[data-testid="upgrade-row"]:first-child',
      '[data-testid="value-chart"]',
    ]),
  ).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'add-a-card-value.png') });
});

// Its own test: the whole list (121 rows) is the heaviest page to draw, and the test above is long already.
test('a card of another vendor cannot share the model with the NVIDIA cards: no speed, blocked', async ({
  page,
  webApp,
}) => {
  await openAddACard(page, webApp.url);
  await page.getByRole('button', { name: /^Show all/ }).click();
  const amd = page.locator('[data-testid="upgrade-row"][data-gpu-id="rx-7900-xtx"]');
  await expect(amd.locator('[data-topic="runtime"]')).toHaveAttribute('data-status', 'no');
  await expect(amd).toHaveAttribute('data-status', 'blocked');
  await expect(amd.getByTestId('upgrade-gain')).toHaveText('—');
});

test('a build with its RAM unknown: a card that still leaves part of the model in RAM is a "?", until the RAM is typed', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  await flow.open(webApp.url);
  await page.locator('label', { hasText: 'A build from the catalog' }).click();
  await flow.choose(
    page.getByRole('combobox', { name: 'Add a GPU from the catalog' }),
    '3090',
    /^GeForce RTX 3090 · 24 GB$/,
  );
  await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
  await flow.goTo('Add a card?');
  const view = page.getByTestId('upgrade-view');
  await expect(view).toHaveAttribute('data-busy', 'false');
  const offload = page.locator('[data-testid="upgrade-row"][data-fit="offload"]').first();
  const gpuId = await offload.getAttribute('data-gpu-id');
  const row = page.locator(`[data-testid="upgrade-row"][data-gpu-id="${gpuId}"]`);
  await expect(row.locator('[data-topic="ram"]')).toHaveAttribute('data-status', 'unknown');
  await expect(row.getByTestId('upgrade-status')).toContainText('not checked');
  // A card that holds it all on the GPUs does not depend on the RAM.
  const allOnGpus = page.locator('[data-testid="upgrade-row"][data-fit="gpu"]').first();
  await expect(allOnGpus.locator('[data-topic="ram"]')).toHaveAttribute('data-status', 'ok');

  // Asked once above the list, as the Machine step's System RAM.
  const ram = page.getByTestId('answer-capacity.ram');
  await expect(ram).toHaveCount(1);
  const ramField = ram.getByRole('textbox', { name: 'System RAM' });
  await ramField.fill('99999');
  await ramField.blur();
  await expect(ramField).toHaveValue('99999 GiB');
  await expect(ramField).toHaveAttribute('aria-invalid', 'true');
  await expect(ram.getByRole('button', { name: 'Save' })).toBeDisabled();
  await ramField.fill('128');
  await ram.getByRole('button', { name: 'Save' }).click();
  await expect(view).toHaveAttribute('data-busy', 'false');
  await expect(row.locator('[data-topic="ram"]')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('answer-capacity.ram')).toHaveCount(0);
  expect(await seriousViolations(page, ['[data-testid="upgrade-questions"]'])).toEqual([]);
});
