/**
 * Accessibility scan of every step of the flow with axe-core (WCAG 2 A and AA rules): no violation
 * of impact `serious` or `critical` may remain; the lesser ones are printed so they can be worked on.
 */
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FlowPage, type FlowStep } from '../pages/flow-page';
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

async function scan(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
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

// Two halves per scheme, so each test stays short on a busy machine (every scan walks a large page).
const HALVES = [STEPS.slice(0, 4), STEPS.slice(4)] as const;

test.describe('accessibility, replaying two RTX A5000', () => {
  for (const scheme of ['light', 'dark'] as const)
    for (const steps of HALVES)
      test(`${steps.map((s) => s.id).join(', ')}: no serious or critical axe violation (${scheme})`, async ({
        page,
        webApp,
      }) => {
        const flow = new FlowPage(page);
        await flow.open(webApp.url);
        if (scheme === 'dark') {
          await page.getByRole('button', { name: 'Switch to dark theme' }).click();
          await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
        }
        await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
        await expect(flow.planReady).toBeVisible();
        const serious: string[] = [];
        for (const { tab, id } of steps) {
          await flow.goTo(tab);
          await expect(flow.step(id)).toBeVisible();
          if (id === 'upgrade') await expect(page.getByTestId('upgrade-row').first()).toBeVisible();
          if (id === 'compare') {
            await page.getByRole('button', { name: 'Compare' }).click();
            await expect(page.getByTestId('compare-verdict')).toBeVisible();
          }
          // Scan at rest: no open popover, no hover tooltip.
          await page.mouse.move(0, 0);
          serious.push(...(await scan(page, `${scheme}/${id}`)));
        }
        expect(serious, serious.join('\n')).toEqual([]);
      });
});

// Other captures draw other parts of the Machine step (topology kinds, unnamed cards, slot tables).
for (const capture of ['club3090-2x-rtx3090-h12ssl', 'wrx80e-sage-dmidecode', 'mi100-x4']) {
  test.describe(`accessibility of the Machine step, replaying ${capture}`, () => {
    test.use({ replayDir: join(CAPTURE_DIRS, capture) });
    for (const scheme of ['light', 'dark'] as const) {
      test(`no serious or critical axe violation (${scheme})`, async ({ page, webApp }) => {
        const flow = new FlowPage(page);
        await flow.open(webApp.url);
        if (scheme === 'dark') {
          await page.getByRole('button', { name: 'Switch to dark theme' }).click();
          await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
        }
        await page.mouse.move(0, 0);
        const serious = await scan(page, `${capture}/${scheme}/machine`);
        expect(serious, serious.join('\n')).toEqual([]);
      });
    }
  });
}
