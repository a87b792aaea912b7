/**
 * llama.cpp settings pinned on the Strategy step, replaying the real two-RTX-A5000 capture: a q8_0
 * KV cache and a 3,1 tensor split reach the plan (KV memory, longest context, weights per card), the
 * llama.cpp command (-ctk/-ctv, -ts) and the Checks step's capacity bars, and survive a reload.
 */
import { savedAppState } from '../pages/app-state';
import { FlowPage } from '../pages/flow-page';
import { LlamaPinsPage } from '../pages/llama-pins-page';
import { expect, test } from './fixtures';

/** `-ctk q8_0` whether the renderer keeps the flag and value on one line or not. */
const flagged = (bash: string, flag: string, value: string): boolean =>
  new RegExp(`(^|\\s)${flag}\\s+${value.replace(/\./g, '\\.')}(\\s|$)`).test(bash);

test.describe('llama.cpp pins, replaying two RTX A5000', () => {
  test('KV cache q8_0 and tensor split 3,1 reach the plan, the command and the capacity bars; a reload keeps them', async ({
    page,
    webApp,
  }) => {
    const flow = new FlowPage(page);
    const pins = new LlamaPinsPage(page, flow);
    await flow.open(webApp.url);
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await flow.choose(page.getByRole('combobox', { name: 'Split' }), '', 'Layer split');
    await flow.goTo('Strategy');
    await expect(flow.planReady).toHaveAttribute('data-strategy-id', 'llama.cpp:layer');
    await expect(pins.cacheType).toHaveValue('Chosen by the planner (f16)');
    await expect(pins.reset).toBeDisabled();
    // The split the plan uses unpinned (by free memory: two equal cards) is the field's placeholder.
    await expect(pins.tensorSplit).toHaveAttribute('placeholder', '0.5,0.5');
    const f16Effect = (await pins.effect.textContent()) ?? '';
    expect(f16Effect).toContain('a f16/f16 KV cache');
    const context = (text: string) => Number(/up to ([\d,]+) tokens/.exec(text)?.[1]?.replace(/,/g, ''));
    const f16Context = context(f16Effect);
    expect(f16Context).toBeGreaterThan(0);
    let bash = await pins.llamaCommand();
    expect(bash).not.toContain('-ctk');
    expect(flagged(bash, '-ts', '0.5,0.5')).toBe(true);

    await flow.goTo('Strategy');
    await pins.setCacheType('q8_0');
    await expect(pins.effect).toContainText('a q8_0/q8_0 KV cache');
    expect(context((await pins.effect.textContent()) ?? '')).toBeGreaterThan(f16Context);
    await expect(pins.reset).toBeEnabled();
    bash = await pins.llamaCommand();
    expect(flagged(bash, '-ctk', 'q8_0'), bash).toBe(true);
    expect(flagged(bash, '-ctv', 'q8_0'), bash).toBe(true);
    expect(flagged(bash, '-fa', 'on'), 'a quantized V cache needs flash attention').toBe(true);

    await flow.goTo('Strategy');
    await pins.setTensorSplit('3,1');
    await expect(pins.effect).toContainText('split 0.75,0.25 (GPU 0 75% · GPU 1 25%)');
    await expect(pins.splitNote).toHaveCount(0);
    bash = await pins.llamaCommand();
    expect(flagged(bash, '-ts', '0.75,0.25'), bash).toBe(true);
    expect(flagged(bash, '-ctk', 'q8_0')).toBe(true);
    await flow.goTo('Checks');
    await expect(flow.step('checks').getByTestId('capacity-bar-gpu0')).toBeVisible();
    const [gpu0, gpu1] = [await pins.weightsMiB(0), await pins.weightsMiB(1)];
    expect(gpu0).toBeGreaterThan(2 * gpu1);
    // Three quarters of 70B on one 24 GB card is too much: the bar says so in words too.
    await expect(flow.step('checks').getByTestId('capacity-bar-gpu0')).toContainText('GiB over');

    // Saved a moment after each change (300 ms): wait until main holds the pins, then reload.
    await expect
      .poll(async () => JSON.stringify((await savedAppState(page))?.llamaPins ?? null))
      .toBe(JSON.stringify({ cacheType: 'q8_0', tensorSplit: [3, 1] }));
    await page.reload();
    await flow.planReady.waitFor();
    await flow.goTo('Strategy');
    await expect(pins.cacheType).toHaveValue('q8_0 — about half the memory');
    await expect(pins.tensorSplit).toHaveValue('3,1');
    await expect(pins.effect).toContainText('split 0.75,0.25');
    bash = await pins.llamaCommand();
    expect(flagged(bash, '-ts', '0.75,0.25')).toBe(true);
    expect(flagged(bash, '-ctk', 'q8_0')).toBe(true);

    // Reset: the planner's choice again, in the field and in the command.
    await flow.goTo('Strategy');
    await pins.reset.click();
    await expect(pins.cacheType).toHaveValue('Chosen by the planner (f16)');
    await expect(pins.tensorSplit).toHaveValue('');
    await expect(pins.effect).toContainText('split 0.5,0.5');
    bash = await pins.llamaCommand();
    expect(bash).not.toContain('-ctk');
  });

  test('a malformed split says why and is not applied; one with too many shares is pinned but ignored', async ({
    page,
    webApp,
  }) => {
    const flow = new FlowPage(page);
    const pins = new LlamaPinsPage(page, flow);
    await flow.open(webApp.url);
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await flow.choose(page.getByRole('combobox', { name: 'Split' }), '', 'Layer split');
    await flow.goTo('Strategy');
    await pins.setTensorSplit('3,-1');
    await expect(pins.tensorSplit).toHaveAccessibleDescription(/Not applied: A share cannot be negative\./);
    await expect(pins.tensorSplit).toHaveAttribute('aria-invalid', 'true');
    await expect(pins.effect).toContainText('split 0.5,0.5');
    await expect(pins.reset).toBeDisabled();

    await pins.setTensorSplit('3,1,1');
    await expect(pins.tensorSplit).not.toHaveAttribute('aria-invalid', 'true');
    await expect(pins.splitNote).toHaveText(
      'Your split 3,1,1 has 3 shares but this machine has 2 GPUs, so the plan ignores it.',
    );
    await expect(pins.effect).toContainText('split 0.5,0.5');
    const bash = await pins.llamaCommand();
    expect(flagged(bash, '-ts', '0.5,0.5')).toBe(true);
  });
});
