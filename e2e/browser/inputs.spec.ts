/**
 * Inputs that talk back (issue 13): a number out of range is said on the field (aria-invalid, the range
 * and unit), the plan on screen stays the last valid one, and nothing is clamped or saved silently.
 */
import { FlowPage } from '../pages/flow-page';
import { MachinePage } from '../pages/machine-page';
import { expect, test } from './fixtures';

test('a context beyond the model: the error on the field, the last valid plan kept', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  await flow.open(webApp.url);
  await flow.pickModel('llama-3.1-8b', 'Llama 3.1 8B', 'Q4_K_M');
  await expect(flow.planReady).toBeVisible();
  const context = page.getByRole('textbox', { name: 'Context per request' });
  await context.fill('16384');
  await expect(page.getByTestId('plan-summary')).toContainText('16,384 tokens');
  const before = await flow.planReady.textContent();
  await context.fill('99999999999');
  await expect(context).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Out of range: 256–131,072 tokens')).toBeVisible();
  await context.blur();
  // Not clamped to the limit, not planned: what was typed stays, and so does the plan.
  await expect(context).toHaveValue('99,999,999,999 tokens');
  await expect(page.getByTestId('plan-summary')).toContainText('16,384 tokens');
  await expect(flow.planReady).toHaveText(before ?? '');
  await context.fill('32768');
  await expect(context).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('plan-summary')).toContainText('32,768 tokens');
});

test('a PSU of −500 W: said on the field, and Save waits until it is fixed', async ({ page, webApp }) => {
  const machine = new MachinePage(page);
  await machine.open(webApp.url);
  const watts = machine.psuForm.getByLabel('Rated output');
  await watts.fill('-500');
  await expect(watts).toHaveAttribute('aria-invalid', 'true');
  await expect(machine.psuForm.getByText('Out of range: 1–10,000 W')).toBeVisible();
  const save = machine.psuForm.getByRole('button', { name: /save/i });
  await expect(save).toBeDisabled();
  await watts.blur();
  await expect(watts).toHaveValue('-500 W');
  await watts.fill('1200');
  await expect(save).toBeEnabled();
});
