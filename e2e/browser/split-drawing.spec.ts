/**
 * The split drawing tells the truth about memory: each card's memory to scale, an overflow in red; the
 * links under the arrows are the machine's own, by kind; eight GPUs wrap into rows that stay readable.
 */
import { join } from 'node:path';
import { AdvicePage } from '../pages/advice-page';
import { seriousViolations } from '../pages/axe-check';
import { FlowPage } from '../pages/flow-page';
import { SCREENSHOTS, expect, test } from './fixtures';

test('memory to scale, and a strategy that does not fit shows its overflow in red', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  await flow.open(webApp.url);
  await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
  await flow.goTo('Strategy');
  const diagram = page.getByTestId('split-diagram');
  await expect(diagram.getByTestId('memory-bar')).toHaveCount(2);
  await expect(diagram.locator('[data-testid="memory-bar"][data-over="true"]')).toHaveCount(0);
  await expect(diagram.locator('[data-link]').first()).toBeAttached();
  await expect(diagram.getByTestId('link-legend')).toBeVisible();
  // Terms of art explain themselves on hover (and on keyboard focus).
  await page.locator('[data-term="all-reduce"]').first().hover();
  await expect(page.getByRole('tooltip')).toContainText('adding up their partial results');
  // One card alone cannot hold 70B Q4_K_M: followed anyway, the drawing says by how much.
  await page.locator('[data-testid="strategy-row"][data-strategy-id="llama.cpp:none"]').click();
  await expect(diagram.locator('[data-testid="memory-bar"][data-over="true"]')).toHaveCount(1);
  await expect(diagram).toContainText('GiB too much');
});

test('eight GPUs wrap into two rows of four', async ({ page, webApp }) => {
  const flow = new FlowPage(page);
  const advice = new AdvicePage(page, flow);
  await flow.open(webApp.url);
  await advice.catalogBuild('3090', /^GeForce RTX 3090 · 24 GB$/, '256');
  await page.getByRole('textbox', { name: 'How many GeForce RTX 3090' }).fill('8');
  await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q8_0');
  await flow.goTo('Strategy');
  const diagram = page.getByTestId('split-diagram');
  await expect(diagram).toHaveAttribute('data-rows', '2');
  await expect(diagram.getByTestId('memory-bar')).toHaveCount(8);
  await diagram.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'split-8-gpus.png') });
  expect(await seriousViolations(page, ['[data-testid="split-diagram"]'])).toEqual([]);
});
