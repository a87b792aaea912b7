/**
 * Accessibility scan of every step of the flow with axe-core (WCAG 2 A and AA rules): no violation
 * of impact `serious` or `critical` may remain; the lesser ones are printed so they can be worked on.
 */
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FlowPage, type FlowStep } from '../pages/flow-page';
import { openAtStep } from '../support/open-at-step';
import { CAPTURE_DIRS, expect, test } from './fixtures';

const STEPS: readonly { readonly tab: FlowStep; readonly id: string }[] = [
  { tab: 'Machine', id: 'machine' },
  { tab: 'Model', id: 'model' },
  { tab: 'Checks', id: 'checks' },
  { tab: 'Strategy', id: 'strategy' },
  { tab: 'Commands', id: 'commands' },
  { tab: 'Checklist', id: 'checklist' },
  { tab: 'Add a card?', id: 'upgrade' },
  { tab: 'Compare builds', id: 'compare' },
];

/** Dark mode changes colours only: its scan checks the colour rules, the light scan everything. */
const DARK_RULES = ['color-contrast', 'link-in-text-block'];

async function scan(page: Page, label: string, scheme: 'light' | 'dark' = 'light'): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  const results = await (scheme === 'dark' ? builder.withRules(DARK_RULES) : builder).analyze();
  const lines = (impact: (i: string | null | undefined) => boolean) =>
    results.violations
      .filter((v) => impact(v.impact))
      .map(
        (v) =>
          `${label}: [${v.impact}] ${v.id} — ${v.help}\n` +
          v.nodes
            .slice(0, 5)
            .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ')}`)
            .join('\n'),
      );
  const minor = lines((i) => i !== 'serious' && i !== 'critical');
  if (minor.length > 0) console.log(minor.join('\n'));
  return lines((i) => i === 'serious' || i === 'critical');
}

/**
 * Scans the open step in light, then switches to dark and scans its colours again. Both at rest: no
 * open popover, no hover tooltip (the theme button shows one while the pointer is on it).
 */
async function scanLightThenDark(page: Page, label: string): Promise<void> {
  await page.mouse.move(0, 0);
  const light = await scan(page, `light/${label}`, 'light');
  // Soft: a light failure still lets the dark scan run and report its own.
  expect.soft(light, light.join('\n')).toEqual([]);
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  const dark = await scan(page, `dark/${label}`, 'dark');
  expect(dark, dark.join('\n')).toEqual([]);
}

// One test per step, so each stays short on a busy machine (a scan walks a large page); the dark scan
// reuses the light one's page instead of walking the flow again.
test.describe('accessibility, replaying two RTX A5000', () => {
  for (const { tab, id } of STEPS)
    test(`${id}: no serious or critical axe violation (light, then dark)`, async ({ page, webApp }) => {
      const flow = new FlowPage(page);
      // Other steps reopen on the step with the model chosen: how the user gets there is flow.spec.ts's part.
      if (id === 'machine') await flow.open(webApp.url);
      else await openAtStep(page, webApp.url, { step: id, modelId: 'llama-3.1-70b', quant: 'Q4_K_M' });
      await expect(flow.tab(tab)).toHaveAttribute('aria-selected', 'true');
      await expect(flow.step(id)).toBeVisible();
      if (id !== 'machine') await expect(flow.planReady).toBeVisible();
      if (id === 'upgrade') await expect(page.getByTestId('upgrade-row').first()).toBeVisible();
      if (id === 'compare') {
        await page.getByRole('button', { name: 'Compare' }).click();
        await expect(page.getByTestId('compare-verdict')).toBeVisible();
      }
      await scanLightThenDark(page, id);
    });
});

// Other captures draw other parts of the Machine step (topology kinds, unnamed cards, slot tables).
for (const capture of ['club3090-2x-rtx3090-h12ssl', 'wrx80e-sage-dmidecode', 'mi100-x4']) {
  test.describe(`accessibility of the Machine step, replaying ${capture}`, () => {
    test.use({ replayDir: join(CAPTURE_DIRS, capture) });
    test('no serious or critical axe violation (light, then dark)', async ({ page, webApp }) => {
      const flow = new FlowPage(page);
      await flow.open(webApp.url);
      await scanLightThenDark(page, `${capture}/machine`);
    });
  });
}
