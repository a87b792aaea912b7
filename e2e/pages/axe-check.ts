/** Serious or critical axe findings (WCAG 2 A/AA) inside the given blocks, with the pointer parked out of the way. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export async function seriousViolations(
  page: Page,
  selectors: readonly string[],
  disabledRules: readonly string[] = [],
): Promise<string[]> {
  await page.mouse.move(0, 0);
  let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).disableRules([...disabledRules]);
  for (const s of selectors) axe = axe.include(s);
  const results = await axe.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
