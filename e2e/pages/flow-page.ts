/** Page object for the advisor flow: the step tabs, the model pickers, and the key blocks of each step. */
import type { Locator, Page } from '@playwright/test';

export type FlowStep =
  'Machine' | 'Model' | 'Checks' | 'Strategy' | 'Commands' | 'Checklist' | 'Add a card?' | 'Compare builds';

export class FlowPage {
  readonly scanReady: Locator;
  readonly planReady: Locator;
  readonly modelSelect: Locator;
  readonly quantSelect: Locator;

  constructor(readonly page: Page) {
    this.scanReady = page.getByTestId('scan-ready');
    this.planReady = page.getByTestId('plan-ready');
    this.modelSelect = page.getByRole('combobox', { name: 'From the catalog' });
    this.quantSelect = page.getByRole('combobox', { name: 'Quantization' });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.scanReady.waitFor();
  }

  tab(step: FlowStep): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^(\\d\\. )?${step.replace(/[?]/g, '\\?')}`) });
  }

  /** The open step's panel, by its `step-<name>` test id. */
  step(name: string): Locator {
    return this.page.getByTestId(`step-${name}`);
  }

  async goTo(step: FlowStep): Promise<void> {
    await this.tab(step).click();
  }

  /** Opens a Mantine Select, searches it (when `search` is given) and picks the option with this name. */
  async choose(select: Locator, search: string, option: string | RegExp): Promise<void> {
    await select.click();
    if (search) await select.fill(search);
    await this.page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  }

  async pickModel(search: string, name: string, quant: string): Promise<void> {
    await this.goTo('Model');
    await this.choose(this.modelSelect, search, name);
    await this.choose(this.quantSelect, quant, new RegExp(`^${quant} ·`));
  }
}
