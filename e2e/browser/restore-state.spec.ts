/** The flow reopens where it was left: model, quantization and step survive a reload (kept in settings by main). */
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
    .poll(() =>
      page.evaluate(async () => {
        const token =
          (Reflect.get(globalThis, 'sessionStorage') as { getItem(k: string): string | null }).getItem(
            'rig-advisor-token',
          ) ?? '';
        const res = await fetch('/api/state:get', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-rig-token': token },
          body: '{}',
        });
        const body = (await res.json()) as { ok: boolean; value?: { modelId?: string; step?: string } };
        return body.ok ? `${body.value?.modelId}/${body.value?.step}` : 'error';
      }),
    )
    .toBe('qwen3-32b/strategy');
  await page.reload();
  // Reopened on the Strategy step (the machine screen, with its scan marker, is not mounted there).
  await flow.planReady.waitFor();
  await expect(flow.step('strategy')).toBeVisible();
  await expect(page.getByText('Qwen3 32B').first()).toBeVisible();
  await expect(page.getByText(/IQ4_XS/).first()).toBeVisible();
});
