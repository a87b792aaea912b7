/**
 * Page object for the llama.cpp settings on the Strategy step (KV cache type, tensor split, reset),
 * and the two places the pins show up later: the llama.cpp command and the capacity bars.
 */
import type { Locator, Page } from '@playwright/test';
import type { FlowPage } from './flow-page';

export class LlamaPinsPage {
  readonly settings: Locator;
  readonly cacheType: Locator;
  readonly tensorSplit: Locator;
  readonly reset: Locator;
  /** What the followed strategy uses, as the settings card states it. */
  readonly effect: Locator;
  /** Why a pinned split does not shape the plan (absent when it does). */
  readonly splitNote: Locator;

  constructor(
    readonly page: Page,
    private readonly flow: FlowPage,
  ) {
    this.settings = page.getByTestId('llama-settings');
    this.cacheType = this.settings.getByRole('combobox', { name: 'KV cache type' });
    this.tensorSplit = this.settings.getByRole('textbox', { name: 'Tensor split' });
    this.reset = this.settings.getByRole('button', { name: "Reset to the planner's choice" });
    this.effect = page.getByTestId('llama-settings-effect');
    this.splitNote = page.getByTestId('llama-split-note');
  }

  /** Picks a KV cache type by the start of its option label (`q8_0`, `Chosen by the planner`). */
  async setCacheType(type: string): Promise<void> {
    await this.flow.choose(this.cacheType, '', new RegExp(`^${type.replace(/[.()]/g, '\\$&')}`));
  }

  /** Types the split and leaves the field with Enter, as a keyboard user would. */
  async setTensorSplit(text: string): Promise<void> {
    await this.tensorSplit.fill(text);
    await this.tensorSplit.press('Enter');
  }

  /** The first llama.cpp command's bash text on the Commands step. */
  async llamaCommand(): Promise<string> {
    await this.flow.goTo('Commands');
    const block = this.page.getByTestId('command-llama.cpp').getByTestId('command-text').first();
    await block.waitFor();
    return (await block.textContent()) ?? '';
  }

  /** The weights the Checks step's capacity bar shows for this GPU, MiB. */
  async weightsMiB(gpu: number): Promise<number> {
    const bar = this.flow.step('checks').getByTestId(`capacity-bar-gpu${gpu}`);
    return Number(await bar.getAttribute('data-weights-mib'));
  }
}
