/**
 * Page object for what the advisor suggests and what the user enters beside the plan: the suggestions
 * card (Checks and Strategy steps), power limits (Machine step), several machines (Strategy step), and
 * where the model lives as the plan summary and the strategy table show it.
 */
import type { Locator, Page } from '@playwright/test';
import type { FlowPage } from './flow-page';

export class AdvicePage {
  readonly suggestions: Locator;
  readonly summaryFit: Locator;
  readonly cluster: Locator;

  constructor(
    readonly page: Page,
    private readonly flow: FlowPage,
  ) {
    this.suggestions = page.getByTestId('suggestions');
    this.summaryFit = page.getByTestId('plan-summary').getByTestId('fit-badge');
    this.cluster = page.getByTestId('cluster-form');
  }

  suggestion(kind: string): Locator {
    return this.suggestions.locator(`[data-testid="suggestion"][data-kind="${kind}"]`);
  }

  strategyRow(id: string): Locator {
    return this.page.locator(`[data-testid="strategy-row"][data-strategy-id="${id}"]`);
  }

  /** Plans a build of catalog cards on the Machine step, with the system RAM entered. */
  async catalogBuild(search: string, card: RegExp, ramGiB: string): Promise<void> {
    await this.page.locator('label', { hasText: 'A build from the catalog' }).click();
    await this.flow.choose(
      this.page.getByRole('combobox', { name: 'Add a GPU from the catalog' }),
      search,
      card,
    );
    await this.page.getByRole('textbox', { name: 'System RAM' }).fill(ramGiB);
  }

  /** Enters a power limit for a GPU on the Machine step and leaves the field with Enter. */
  async setPowerLimit(gpu: number, watts: string): Promise<void> {
    const field = this.page.getByRole('textbox', { name: `GPU ${gpu} power limit` });
    await field.fill(watts);
    await field.press('Enter');
  }

  /** Turns on several machines on the Strategy step, with this many and this network. */
  async severalMachines(count: string, network: string): Promise<void> {
    await this.cluster.getByRole('switch', { name: 'Several machines' }).click();
    const machines = this.cluster.getByRole('textbox', { name: 'Machines' });
    await machines.fill(count);
    await machines.press('Tab');
    await this.flow.choose(this.cluster.getByRole('combobox', { name: 'Network' }), '', network);
  }
}
