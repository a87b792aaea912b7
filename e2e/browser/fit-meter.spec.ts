/**
 * The fit meter everywhere, in its three states — All on GPU, Partly in RAM (how much, how fast), Does not
 * fit — on the headline, each quantization and each catalog model in the pickers; and one click to the
 * largest quantization and the longest context that keep the model all on the GPUs.
 */
import { join } from 'node:path';
import { AdvicePage } from '../pages/advice-page';
import { seriousViolations } from '../pages/axe-check';
import { FlowPage } from '../pages/flow-page';
import { SCREENSHOTS, expect, test } from './fixtures';

test('one RTX 3090 with Llama 3.1 70B: partly in RAM said with its cost, then one click to what fits', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  const advice = new AdvicePage(page, flow);
  await flow.open(webApp.url);
  await advice.catalogBuild('3090', /^GeForce RTX 3090 · 24 GB$/, '64');
  await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
  await expect(flow.planReady).toHaveAttribute('data-fit', 'offload');
  await expect(page.getByTestId('plan-headline')).toContainText(/GiB of it in system RAM, read every token/);

  // Each quantization in the picker says its size and where the model would live at it.
  await flow.quantSelect.click();
  await flow.quantSelect.fill('Q8_0');
  const q8 = page.getByRole('option', { name: /^Q8_0 · 8\.50 bits\/weight · \d+\.\d GiB/ });
  await expect(q8.getByTestId('fit-badge')).toHaveAttribute('data-fit', /offload|none/);
  await flow.quantSelect.fill('IQ2_XXS');
  const iq2 = page.getByRole('option', { name: /^IQ2_XXS · / });
  await expect(iq2.getByTestId('fit-badge')).toHaveAttribute('data-fit', 'gpu');
  await flow.quantSelect.fill('Q');
  await expect(page.getByRole('option').getByTestId('fit-badge').first()).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'fit-meter-quantizations.png') });
  // The open dropdown's scroll area takes no focus by design: the combobox keeps it and moves the
  // active option (aria-activedescendant), so axe's scrollable-region rule does not apply to it.
  expect(
    await seriousViolations(
      page,
      ['[role="listbox"]', '[data-testid="plan-summary"]'],
      ['scrollable-region-focusable'],
    ),
  ).toEqual([]);
  await page.keyboard.press('Escape');

  // Catalog models in the search carry the same meter.
  await flow.modelSelect.click();
  await flow.modelSelect.fill('llama 3.1');
  const small = page.getByRole('option', { name: 'Llama 3.1 8B', exact: true });
  await expect(small.getByTestId('fit-badge')).toHaveAttribute('data-fit', 'gpu');
  await page.keyboard.press('Escape');

  await page.getByTestId('largest-quant').click();
  await expect(flow.planReady).toHaveAttribute('data-fit', 'gpu');
  await expect(page.getByTestId('fit-shortcut-note')).toContainText(
    'the largest that keeps it all on the GPUs',
  );
  await expect(page.getByTestId('plan-headline')).toContainText(/^About \d+(\.\d)? tok\/s, the GPU, /);

  // Longest context that still fits on the GPU: one click, and the plan stays all on the GPU.
  const longest = page.getByTestId('longest-context');
  await expect(longest).toContainText(/Longest context that fits on the GPUs: [\d,]+ tokens/);
  await longest.click();
  await expect(flow.planReady).toHaveAttribute('data-fit', 'gpu');
  await expect(longest).toHaveCount(0);

  // The context slider shows where the plan stops fitting; its far end is the model's own limit.
  const slider = page.getByTestId('context-slider');
  await expect(slider).toHaveAttribute('data-on-gpus', /^[1-9]\d*$/);
  await slider.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'context-slider.png') });
  await slider.getByRole('slider').focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('plan-summary')).toContainText('131,072 tokens');
});

test('a model that fits nowhere says Does not fit, in the headline and on the strategy', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  const advice = new AdvicePage(page, flow);
  await flow.open(webApp.url);
  await advice.catalogBuild('3060', /^GeForce RTX 3060 12GB · 12 GB$/, '16');
  await flow.pickModel('llama-3.1-405b', 'Llama 3.1 405B', 'Q4_K_M');
  await expect(page.getByTestId('plan-summary').getByTestId('fit-badge')).toHaveAttribute(
    'data-fit',
    /none|blocked/,
  );
  await expect(page.getByTestId('plan-headline')).toContainText(/^(Does not fit as asked|Blocked): /);
});
