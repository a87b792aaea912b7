/**
 * The happy path from a real capture: 2× RTX 3090 on a Supermicro H12SSL (club-3090; only `nvidia-smi
 * topo -m` and the P2P matrix were published, so the capture names neither GPU). The user says which
 * card each is → Llama 3.1 70B Q4_K_M → checks → strategy → copy the llama.cpp command → checklist PDF.
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { pdfText } from '../../test/support/pdf-text';
import { FlowPage } from '../pages/flow-page';
import { IdentifyPage } from '../pages/identify-page';
import { CAPTURE_DIRS, expect, test } from './fixtures';

test.use({ replayDir: join(CAPTURE_DIRS, 'club3090-2x-rtx3090-h12ssl') });

async function openFlow(page: Page, url: string): Promise<{ flow: FlowPage; identify: IdentifyPage }> {
  const flow = new FlowPage(page);
  await flow.open(url);
  return { flow, identify: new IdentifyPage(page, flow) };
}

async function identifyBoth(identify: IdentifyPage): Promise<void> {
  for (const gpu of [0, 1]) {
    await identify.identify(gpu, '3090', 'GeForce RTX 3090');
    await expect(identify.picker(gpu)).toHaveValue('GeForce RTX 3090 · 24 GB');
    await expect(identify.chosenSpec(gpu)).toContainText('24 GB');
    await expect(identify.chosenSpec(gpu)).toContainText('you said');
  }
}

/**
 * axe (WCAG 2 A and AA) on the card pickers at rest — pointer parked, so no hover tooltip (the theme
 * button has one) — finds something to check and nothing serious or critical.
 */
/** Dark mode changes colours only: its scan checks the colour rules (as a11y.spec.ts), the light scan everything. */
const DARK_RULES = ['color-contrast', 'link-in-text-block'];

async function expectPickersAccessible(
  page: Page,
  check: typeof expect,
  scheme: 'light' | 'dark',
): Promise<void> {
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  // Scoped to the pickers: this capture's topology badges have contrast findings of their own.
  const builder = new AxeBuilder({ page })
    .include('[data-testid="gpu-identity"]')
    .withTags(['wcag2a', 'wcag2aa']);
  const results = await (scheme === 'dark' ? builder.withRules(DARK_RULES) : builder).analyze();
  check(results.passes.length).toBeGreaterThan(0);
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  check(serious).toEqual([]);
}

test.describe('happy path, replaying 2× RTX 3090 whose capture did not name them', () => {
  test('before the cards are named, the Machine step says why there is no plan and how to fix it', async ({
    page,
    webApp,
  }) => {
    const { flow, identify } = await openFlow(page, webApp.url);
    await expect(identify.gpuCard(0).getByTestId('gpu-name')).toHaveText('GPU0 (model unknown)');
    await expect(identify.machineError).toContainText(
      'The capture did not name GPU 0 and GPU 1 or report their memory, so the plan cannot know how much fits',
    );
    await expect(identify.machineError).toContainText('Which card is GPU 0?');
    await expect(identify.picker(0)).toBeVisible();
    await expect(identify.picker(1)).toBeVisible();
    // Never planned as 0 GiB: with a model picked there is still no plan, only the reason.
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await expect(flow.planReady).toHaveCount(0);
    await expect(page.getByTestId('plan-summary')).toContainText('did not name GPU 0 and GPU 1');

    // One named is not enough: the error now names only the other.
    await flow.goTo('Machine');
    await identify.identify(0, '3090', 'GeForce RTX 3090');
    await expect(identify.machineError).toContainText('did not name GPU 1 or report its memory');
    // Keyboard only: GPU 1 picked by typing and Enter; picking GPU 0's card again deselects it (by pointer:
    // where the keyboard highlight starts in a list that already has a value depends on render timing).
    await identify.identifyByKeyboard(1, '3090');
    await expect(identify.picker(1)).toHaveValue('GeForce RTX 3090 · 24 GB');
    await expect(identify.machineError).toHaveCount(0);
    await identify.identify(0, '3090', 'GeForce RTX 3090');
    await expect(identify.picker(0)).toHaveValue('');
    await expect(identify.chosenSpec(0)).toHaveCount(0);
    await expect(identify.machineError).toContainText('did not name GPU 0 or report its memory');
  });

  test('name both → Llama 3.1 70B Q4_K_M → checks → strategy → copy the llama.cpp command → checklist PDF', async ({
    page,
    context,
    webApp,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webApp.origin });
    const { flow, identify } = await openFlow(page, webApp.url);
    await identifyBoth(identify);
    await expect(identify.machineError).toHaveCount(0);

    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await expect(flow.planReady).toBeVisible();
    await expect(flow.planReady).toHaveAttribute('data-fits', 'true');

    await flow.goTo('Checks');
    const checks = flow.step('checks');
    for (const gpu of [0, 1])
      await expect(checks.getByTestId(`capacity-bar-gpu${gpu}`).getByRole('img')).toHaveAttribute(
        'aria-label',
        new RegExp(`^GPU ${gpu} GeForce RTX 3090: [\\d.]+ of 24\\.0 GiB used — weights`),
      );
    await expect(checks.locator('[data-check-id="capacity.fit"]')).toHaveAttribute('data-status', 'pass');

    await flow.goTo('Strategy');
    // llama.cpp's tensor mode is predicted clearly faster than the layer split here (≥ 1.33×, the bar an
    // experimental mode has to clear): both cards read half of every layer at once.
    await expect(page.getByTestId('plan-why')).toContainText(
      "Recommended: llama.cpp, each layer's tensors split over 2 GPUs (llama.cpp:tensor)",
    );
    await expect(flow.planReady).toHaveAttribute('data-strategy-id', 'llama.cpp:tensor');
    const assumes = page.getByRole('region', { name: 'What the plan assumes' });
    for (const gpu of [0, 1])
      await expect(assumes).toContainText(
        `GPU ${gpu}: you said GeForce RTX 3090 (the capture did not name it)`,
      );
    await expect(page.getByTestId('split-diagram')).toHaveAttribute(
      'aria-label',
      /1\/2 of every one of layers 0–79/,
    );

    await flow.goTo('Commands');
    const llama = page.getByTestId('command-llama.cpp');
    await expect(llama).toBeVisible();
    const bash = (await llama.getByTestId('command-text').first().textContent()) ?? '';
    expect(bash).toContain('llama-server');
    await page.getByTestId('copy-llama.cpp').click();
    await expect(page.getByTestId('copy-llama.cpp')).toHaveText('Copied');
    const clipboard = await page
      .locator('body')
      .evaluate((body) => body.ownerDocument.defaultView?.navigator.clipboard.readText());
    expect(clipboard).toBe(bash);
    // The versions the command needs, and the command for the version the user has.
    await expect(llama.getByTestId('command-needs').first()).toHaveText(
      'needs llama.cpp b8738 or newer (-sm tensor)',
    );
    const version = page.getByTestId('runtime-version');
    await version.fill('b6000');
    await expect(llama.getByTestId('command-text').first()).toContainText('-ngl 999');
    await expect(llama).toContainText('-ngl 999 stands for all layers');
    await version.fill('latest');
    await expect(page.getByText('"latest" is not a llama.cpp version')).toBeVisible();
    await version.fill('');
    await expect(llama.getByTestId('command-text').first()).toHaveText(bash);

    await flow.goTo('Checklist');
    await expect(page.getByTestId('checklist-preview')).toContainText(
      'Build checklist: Llama 3.1 70B Q4_K_M on GeForce RTX 3090 + GeForce RTX 3090',
    );
    const saved = await flow.savePdf();
    expect(saved.fileName).toBe('checklist-llama-3.1-70b-Q4_K_M.pdf');
    expect(saved.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await pdfText(saved.bytes);
    const text = pdf.pages.join('\n');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Build checklist: Llama 3.1 70B Q4_K_M on GeForce RTX 3090 + GeForce RTX 3090',
    );
    const shown = await flow.checklistChecks();
    expect(shown.find((c) => c.id === 'capacity.fit')?.status).toBe('pass');
    expect(shown.length).toBeGreaterThan(3);
    for (const c of shown) expect(text).toContain(`${c.status.toUpperCase()} ${c.id} (`);
    expect(text).toContain('llama-server');
  });

  // Light, then dark on the same page: one walk to the pickers instead of two.
  test('the card pickers have no serious or critical axe violation (light, then dark)', async ({
    page,
    webApp,
  }) => {
    const { identify } = await openFlow(page, webApp.url);
    await identify.identify(0, '3090', 'GeForce RTX 3090');
    await expect(identify.chosenSpec(0)).toBeVisible();
    // Soft: a light failure still lets the dark scan run and report its own.
    await expectPickersAccessible(page, expect.soft, 'light');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expectPickersAccessible(page, expect, 'dark');
  });
});
