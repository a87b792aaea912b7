/**
 * Layout: the Machine step shows the scan first, then what to fill in, then other machines; at 800 px
 * wide the strategy table and Add a card keep every column on screen (no sideways scrolling).
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FlowPage } from '../pages/flow-page';
import { SCREENSHOTS, expect, test } from './fixtures';

test.use({ viewport: { width: 800, height: 900 } });

const top = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().boundingBox())?.y ?? Number.NaN;

/** Whether a table's scroll container scrolls sideways (a column hidden off to the right). */
const scrollsSideways = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .first()
    .evaluate((row) => {
      const box = row.closest('.mantine-Table-scrollContainer') ?? row.closest('table')?.parentElement;
      return box ? box.scrollWidth > box.clientWidth + 1 : true;
    });

test('800 px: the scan first, then what to fill in; the tables keep every column on screen', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  await flow.open(webApp.url);
  expect(await top(page, 'gpu-card')).toBeLessThan(await top(page, 'psu-form'));
  expect(await top(page, 'psu-form')).toBeLessThan(await top(page, 'build-picker'));
  await page.screenshot({ path: join(SCREENSHOTS, 'machine-800px.png') });

  await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
  await flow.goTo('Strategy');
  await expect(page.getByTestId('strategy-row').first()).toBeVisible();
  expect(await scrollsSideways(page, 'strategy-row')).toBe(false);
  await flow.goTo('Add a card?');
  await expect(page.getByTestId('upgrade-view')).toHaveAttribute('data-busy', 'false');
  expect(await scrollsSideways(page, 'upgrade-row')).toBe(false);
});
