/**
 * What the advisor suggests and what the user can enter beside the plan: a 70B model partly in RAM on
 * one 24 GB card made to fit by applying the quantization suggestion; two machines over 10 GbE giving a
 * cluster strategy with head and worker commands; a power limit changing the power check.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AdvicePage } from '../pages/advice-page';
import { savedAppState } from '../pages/app-state';
import { FlowPage } from '../pages/flow-page';
import { MachinePage } from '../pages/machine-page';
import { expect, test } from './fixtures';

/** Serious or critical axe findings (WCAG 2 A/AA) inside the given blocks, at rest. */
async function seriousIn(page: Page, ...testIds: string[]): Promise<string[]> {
  await page.mouse.move(0, 0);
  let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  for (const id of testIds) axe = axe.include(`[data-testid="${id}"]`);
  const results = await axe.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('70B Q4_K_M on one RTX 3090 is partly in RAM; applying the quantization suggestion puts it all on the GPU', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  const advice = new AdvicePage(page, flow);
  await flow.open(webApp.url);
  await advice.catalogBuild('3090', /^GeForce RTX 3090 · 24 GB$/, '64');
  await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
  await expect(flow.planReady).toHaveAttribute('data-fit', 'offload');
  await expect(advice.summaryFit).toHaveText(/Partly in RAM \(\d+\.\d GiB, ~\d+(\.\d)? tok\/s\)/);

  await flow.goTo('Checks');
  const fit = page.locator('[data-check-id="capacity.fit"]');
  await expect(fit).toHaveAttribute('data-status', 'warn');
  await expect(fit.getByTestId('check-suggestions')).toContainText('a smaller quantization');
  const quant = advice.suggestion('quant');
  await expect(quant).toHaveAttribute('data-effect-fit', 'gpu');
  await expect(quant).toContainText('Quantization on the Model step');
  expect(await seriousIn(page, 'suggestions', 'fit-alert', 'plan-summary')).toEqual([]);
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  expect(await seriousIn(page, 'suggestions', 'fit-alert', 'plan-summary')).toEqual([]);

  await flow.goTo('Strategy');
  await expect(advice.strategyRow('llama.cpp:offload').getByTestId('fit-badge')).toHaveText(/Partly in RAM/);
  expect(await seriousIn(page, 'step-strategy')).toEqual([]);
  await quant.getByRole('button', { name: /^Apply/ }).click();
  await expect(flow.planReady).toHaveAttribute('data-fit', 'gpu');
  await expect(advice.summaryFit).toHaveText(/All on GPU/);
  await expect(page.getByTestId('plan-summary')).toContainText(/IQ\d/);
  await flow.goTo('Checks');
  await expect(fit).toHaveAttribute('data-status', 'pass');
});

test('two machines over 10 GbE add a cluster strategy; following it gives head and worker commands', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  const advice = new AdvicePage(page, flow);
  await flow.open(webApp.url);
  await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
  await flow.goTo('Strategy');
  await expect(page.locator('[data-testid="strategy-row"][data-nodes="2"]')).toHaveCount(0);
  await advice.severalMachines('2', '10 Gigabit Ethernet');
  await expect(page.getByTestId('plan-summary')).toContainText('2 machines');
  // A GGUF runs on llama.cpp: over two machines, its RPC backend (rpc-server on the other machine).
  const rpc = advice.strategyRow('llama.cpp:rpc');
  await expect(rpc).toHaveAttribute('data-nodes', '2');
  await rpc.click();
  await expect(flow.planReady).toHaveAttribute('data-strategy-id', 'llama.cpp:rpc');
  expect(await seriousIn(page, 'step-strategy')).toEqual([]);

  await flow.goTo('Commands');
  await expect(page.getByTestId('commands-cluster')).toContainText('spans 2 machines');
  const head = page.locator('[data-role="head"]');
  const worker = page.locator('[data-role="worker"]');
  await expect(head.first()).toBeVisible();
  await expect(worker.first()).toBeVisible();
  await expect(worker.first().getByTestId('command-text')).toContainText('rpc-server');
  await expect(head.first().getByTestId('command-text')).toContainText('--rpc');
});

test('a power limit entered on the Machine step changes the power check (PSU entered)', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  const advice = new AdvicePage(page, flow);
  const machine = new MachinePage(page);
  await flow.open(webApp.url);
  // Two A5000 at 230 W, a desktop CPU and the rest: about 685 W, over a 650 W PSU.
  await machine.setPsu({ watts: '650', pcie8: '2', hpwr: '0', note: '' });
  await expect(page.getByTestId('psu-status')).toHaveText('Saved');
  await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
  await flow.goTo('Checks');
  const sustained = page.locator('[data-check-id="power.sustained"]');
  await expect(sustained).toHaveAttribute('data-status', 'fail');
  await expect(sustained).toContainText('230 W GPU 0');

  await flow.goTo('Machine');
  await advice.setPowerLimit(0, '140');
  await advice.setPowerLimit(1, '140');
  expect(await seriousIn(page, 'power-limits-form')).toEqual([]);
  await flow.goTo('Checks');
  await expect(sustained).toHaveAttribute('data-status', 'pass');
  await expect(sustained).toContainText('140 W GPU 0');

  // Kept with the flow's state: a reload plans with them again.
  await expect
    .poll(async () => {
      const state = await savedAppState(page);
      return `${state?.step} ${JSON.stringify(state?.powerLimits)}`;
    })
    .toBe('checks [{"gpuIndex":0,"watts":140},{"gpuIndex":1,"watts":140}]');
  await page.reload();
  await flow.planReady.waitFor();
  await expect(sustained).toHaveAttribute('data-status', 'pass');
});
