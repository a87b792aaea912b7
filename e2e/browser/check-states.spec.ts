/**
 * One flow per checks state, replaying the real two-RTX-A5000 capture (fixtures/capture-dirs):
 * pass, a PSU too small (power fail), a card on a chipset x4 slot (slots warn under a tensor split,
 * pass under a layer split), and a model that does not fit (capacity fail with what to do about it).
 * The capture measures both cards at Gen4 x16 and cannot tell CPU from chipset lanes, so the chipset
 * slot is entered on the Machine step, as a user moving the card would.
 */
import type { Page } from '@playwright/test';
import { FlowPage } from '../pages/flow-page';
import { SlotsPage } from '../pages/slots-page';
import { expect, test } from './fixtures';

/** Pins the split on the Model step (Run options), then opens Checks. */
async function checksWithSplit(page: Page, flow: FlowPage, split: string): Promise<void> {
  await flow.goTo('Model');
  await flow.choose(page.getByRole('combobox', { name: 'Split' }), '', split);
  await flow.goTo('Checks');
}

test.describe('checks states, replaying two RTX A5000', () => {
  test('pass: Llama 3.1 70B Q4_K_M fits, and a 1000 W PSU passes power', async ({ page, webApp }) => {
    const flow = new FlowPage(page);
    await flow.open(webApp.url);
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await flow.goTo('Checks');
    await expect(page.locator('[data-check-id="capacity.fit"]')).toHaveAttribute('data-status', 'pass');
    const answer = page.getByTestId('answer-power.sustained');
    await answer.getByLabel('PSU rated output').fill('1000');
    await answer.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('[data-check-id="power.sustained"]')).toHaveAttribute('data-status', 'pass');
    // The area badge stays 'unknown' here: the capture does not tell the PSU's connectors.
  });

  test('power fail: a 300 W PSU entered inline is too small for two A5000', async ({ page, webApp }) => {
    const flow = new FlowPage(page);
    await flow.open(webApp.url);
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await flow.goTo('Checks');
    const answer = page.getByTestId('answer-power.sustained');
    await answer.getByLabel('PSU rated output').fill('300');
    await answer.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('[data-check-id="power.sustained"]')).toHaveAttribute('data-status', 'fail');
    await expect(page.getByTestId('checks-power').locator('[data-status]').first()).toHaveAttribute(
      'data-status',
      'fail',
    );
    await expect(flow.tab('Checks')).toContainText('fail');
  });

  test('slots warn: GPU 1 on a chipset x4 slot under a tensor split; a layer split passes, saying why', async ({
    page,
    webApp,
  }) => {
    const flow = new FlowPage(page);
    const slots = new SlotsPage(page);
    await flow.open(webApp.url);
    await expect(slots.row(1)).toContainText(/Measured link:\s*Gen4 x16/);
    await slots.enter(1, { attachment: 'chipset', gen: 4, lanes: 4 });
    await expect(slots.planLink(1)).toHaveText('The plan uses PCIe Gen4 x4 (from your entry).');
    await expect(slots.planLink(0)).toHaveText('The plan uses PCIe Gen4 x16 (as measured).');
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');

    await checksWithSplit(page, flow, 'Tensor mode (llama.cpp)');
    const link = page.locator('[data-check-id="slots.link.gpu1"]');
    await expect(link).toHaveAttribute('data-status', 'warn');
    await expect(link).toContainText('you entered chipset Gen4 x4; the scan measured Gen4 x16');
    await expect(link).toContainText('attached through the chipset');
    await expect(link).toContainText(/Fix: Move the card to a CPU-attached x8 or x16 slot/);
    // GPU 0 has nothing entered: judged as measured.
    await expect(page.locator('[data-check-id="slots.link.gpu0"]')).toHaveAttribute('data-status', 'pass');

    await checksWithSplit(page, flow, 'Layer split');
    await expect(link).toHaveAttribute('data-status', 'pass');
    await expect(link).toContainText('you entered chipset Gen4 x4');
    await expect(link).toContainText(/only ~7 MB\/s while decoding/);
  });

  // The capture does not say how much RAM the machine has, and unknown RAM does not limit CPU offload
  // (the plan says so): give it 64 GiB, so 405B Q4_K_M (~230 GiB) cannot spill there either.
  test('capacity fail: Llama 3.1 405B does not fit two 24 GB cards plus 64 GiB of RAM, and says what to do', async ({
    page,
    webApp,
  }) => {
    const flow = new FlowPage(page);
    await flow.open(webApp.url);
    await page.getByRole('textbox', { name: 'System RAM' }).fill('64');
    await flow.pickModel('llama-3.1-405b', 'Llama 3.1 405B', 'Q4_K_M');
    await flow.goTo('Checks');
    const fit = page.locator('[data-check-id="capacity.fit"]');
    await expect(fit).toHaveAttribute('data-status', 'fail');
    await expect(fit).toContainText(/GiB/);
    await expect(flow.tab('Checks')).toContainText('fail');
    // …and what to change. Re-planning finds no cheap change that fits (not even IQ2_XS, ~109 GiB, in
    // 48 GiB of VRAM plus the usable RAM), so there are no suggestions: a smaller model or more memory.
    await expect(fit).toContainText(/smaller model|GPU memory/i);
    await expect(page.getByTestId('suggestions')).toHaveCount(0);
  });
});
