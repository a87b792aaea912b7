/**
 * Never a dead end: a real capture of eight AMD GPUs that rocm-smi's text output (`--showtoponuma`, ROCm
 * issue 4740) numbers but does not name or size — a card the app has never seen. The Machine step says
 * truthfully why their memory is unknown, one pick names all eight (and a reload still shows them following
 * GPU 0), and the plan has a number.
 */
import { join } from 'node:path';
import { FlowPage } from '../pages/flow-page';
import { seriousViolations } from '../pages/axe-check';
import { followersSaved, IdentifyPage } from '../pages/identify-page';
import { CAPTURE_DIRS, SCREENSHOTS, expect, test } from './fixtures';

test.use({ replayDir: join(CAPTURE_DIRS, 'amd-8gpu-toponuma') });

test('eight unnamed AMD GPUs: a true reason, and one pick for all eight that each can still leave', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  const identify = new IdentifyPage(page, flow);
  await flow.open(webApp.url);
  await expect(identify.gpuCard(7).getByTestId('gpu-name')).toHaveText('card7');
  // The reason is true: rocm-smi did run (rocm-smi.txt is there), it just does not list memory.
  const vram = identify.gpuCard(0).locator('[data-field="vramMiB"]');
  await expect(vram).toContainText('unknown');
  await expect(page.getByText('no rocm-smi or amd-smi output')).toHaveCount(0);
  await expect(identify.machineError).toContainText('did not name GPU 0, GPU 1');

  await identify.identify(0, 'MI300X', 'Instinct MI300X');
  await expect(identify.chosenSpec(0)).toContainText('192 GB');
  await identify.gpuCard(0).getByTestId('gpu-identity-apply-all').click();
  // The other seven follow GPU 0 instead of repeating the picker.
  await expect(page.getByTestId('gpu-identity-follows')).toHaveCount(7);
  await expect(identify.gpuCard(5).getByTestId('gpu-identity-follows')).toContainText(
    'Same card as GPU 0: Instinct MI300X',
  );
  await expect(identify.machineError).toHaveCount(0);

  // One GPU can still be told apart, keeping its card until changed.
  await identify.gpuCard(7).getByRole('button', { name: 'Pick separately' }).click();
  await expect(identify.picker(7)).toHaveValue('Instinct MI300X · 192 GB');
  await expect(page.getByTestId('gpu-identity-follows')).toHaveCount(6);
  await page.screenshot({ path: join(SCREENSHOTS, 'never-dead-end-amd.png'), fullPage: false });
  expect(await seriousViolations(page, ['[data-testid="gpu-card"]'])).toEqual([]);

  // Who follows whom is saved with the cards: after a reload, the same six follow and GPU 7 has its picker.
  await expect.poll(async () => followersSaved(page)).toBe(6);
  await page.reload();
  await flow.scanReady.waitFor();
  await expect(page.getByTestId('gpu-identity-follows')).toHaveCount(6);
  await expect(identify.gpuCard(3).getByTestId('gpu-identity-follows')).toContainText(
    'Same card as GPU 0: Instinct MI300X',
  );
  await expect(identify.picker(7)).toHaveValue('Instinct MI300X · 192 GB');
  await expect(identify.machineError).toHaveCount(0);
});

test('the eight unknown AMD GPUs, named by one pick, reach a plan with a number', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  const identify = new IdentifyPage(page, flow);
  await flow.open(webApp.url);
  await identify.identify(0, 'MI300X', 'Instinct MI300X');
  await identify.gpuCard(0).getByTestId('gpu-identity-apply-all').click();
  await expect(identify.machineError).toHaveCount(0);
  await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
  await expect(flow.planReady).toBeVisible();
  await expect(flow.planReady).toHaveAttribute('data-fits', 'true');
  await expect(page.getByTestId('plan-summary')).toContainText(/\d+(\.\d+)? tok\/s/);
  await expect(page.getByTestId('plan-summary')).not.toContainText('? tok/s');
});

test('a card nowhere in the catalog is described on the GPU itself and planned with those numbers', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  const identify = new IdentifyPage(page, flow);
  await flow.open(webApp.url);
  const gpu0 = identify.gpuCard(0);
  await gpu0.getByRole('button', { name: /Describe it/ }).click();
  const form = gpu0.getByTestId('custom-gpu-form');
  await form.getByLabel('Name').fill('Lab accelerator');
  await form.getByLabel('Memory').fill('64');
  // A slip of the keyboard is said on the field, not clamped to 20,000 when the field is left.
  await form.getByLabel('Bandwidth').fill('160000');
  await form.getByLabel('Board power').focus();
  await expect(form.getByLabel('Bandwidth')).toHaveValue('160000 GB/s');
  await expect(form).toContainText('Out of range: 10–20,000 GB/s');
  await form.getByLabel('Bandwidth').fill('1600');
  await form.getByLabel('Board power').fill('300');
  await form.getByRole('button', { name: 'Add this card' }).click();
  await expect(identify.picker(0)).toHaveValue('Lab accelerator · 64 GB');
  await expect(identify.chosenSpec(0)).toContainText('your numbers');
  await gpu0.getByTestId('gpu-identity-apply-all').click();
  await expect(identify.machineError).toHaveCount(0);
  await flow.pickModel('llama-3.1-8b', 'Llama 3.1 8B', 'Q4_K_M');
  await expect(flow.planReady).toBeVisible();
  await expect(page.getByTestId('plan-summary')).not.toContainText('? tok/s');
});

test('Compare builds needs no plannable machine: with the GPUs still unknown it compares catalog builds', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  await flow.open(webApp.url);
  await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
  await expect(flow.planReady).toHaveCount(0);
  await flow.goTo('Compare builds');
  await expect(page.getByTestId('compare-view')).toContainText('no machine is planned yet');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByTestId('compare-verdict')).toContainText('wins');
  await expect(page.getByTestId('compare-row')).toHaveCount(2);
  await expect(page.getByTestId('compare-row').nth(1)).toHaveAttribute('data-fit', 'gpu');
  await expect(page.getByTestId('value-chart')).toHaveAttribute('data-frontier', /RTX/);
});
