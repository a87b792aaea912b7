/** The flow reopens where it was left: model, quantization and step survive a reload (kept in settings by main). */
import { savedAppState } from '../pages/app-state';
import { FlowPage } from '../pages/flow-page';
import { expect, test } from './fixtures';

test('model, quantization and the open step are restored after a reload', async ({ page, webApp }) => {
  const flow = new FlowPage(page);
  await flow.open(webApp.url);
  await flow.pickModel('qwen3-32b', 'Qwen3 32B', 'IQ4_XS');
  await expect(flow.planReady).toBeVisible();
  await flow.goTo('Strategy');
  await expect(flow.step('strategy')).toBeVisible();
  // The save is debounced (300 ms): wait until main holds the new state, then reload.
  await expect
    .poll(async () => {
      const state = await savedAppState(page);
      return `${state?.modelId}/${state?.step}`;
    })
    .toBe('qwen3-32b/strategy');
  await page.reload();
  // Reopened on the Strategy step (the machine screen, with its scan marker, is not mounted there).
  await flow.planReady.waitFor();
  await expect(flow.step('strategy')).toBeVisible();
  await expect(page.getByText('Qwen3 32B').first()).toBeVisible();
  await expect(page.getByText(/IQ4_XS/).first()).toBeVisible();
});
