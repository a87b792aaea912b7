/** Page object for the advisor flow: the step tabs, the model pickers, and the key blocks of each step. */
import { readFileSync } from 'node:fs';
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

  /** On the Checklist step: clicks Save as PDF and returns the downloaded file's name and bytes. */
  async savePdf(): Promise<{ fileName: string; bytes: Buffer }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Save as PDF' }).click();
    const file = await download;
    return { fileName: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
  }

  /** The checklist preview's checks as `{ id, status }`, in order. */
  async checklistChecks(): Promise<{ id: string; status: string }[]> {
    const rows = this.page.getByTestId('checklist-preview').locator('[data-check-id]');
    const out: { id: string; status: string }[] = [];
    for (const row of await rows.all())
      out.push({
        id: (await row.getAttribute('data-check-id')) ?? '',
        status: (await row.locator('[data-status]').getAttribute('data-status')) ?? '',
      });
    return out;
  }
}
