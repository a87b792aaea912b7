/**
 * Page object for naming the GPUs a capture did not name: each such GPU card on the Machine step has
 * a searchable catalog Select "Which card is GPU n?".
 */
import type { Locator, Page } from '@playwright/test';
import { savedAppState } from './app-state';
import type { FlowPage } from './flow-page';

/** How many GPUs the state main keeps says follow another's pick ("same card as GPU n"). */
export async function followersSaved(page: Page): Promise<number> {
  const identities = (await savedAppState(page))?.identities;
  return Array.isArray(identities)
    ? identities.filter((i) => typeof (i as { sameAs?: unknown }).sameAs === 'number').length
    : 0;
}

export class IdentifyPage {
  readonly machineError: Locator;

  constructor(
    readonly page: Page,
    private readonly flow: FlowPage,
  ) {
    this.machineError = page.getByTestId('machine-error');
  }

  /** The GPU card with this index. */
  gpuCard(index: number): Locator {
    return this.page.locator(`[data-testid="gpu-card"][data-gpu-index="${index}"]`);
  }

  /** The "Which card is GPU n?" Select. */
  picker(index: number): Locator {
    return this.page.getByRole('combobox', { name: `Which card is GPU ${index}?` });
  }

  /** Keyboard only: focuses GPU `index`'s picker, types `search` and takes the first option with Enter. */
  async identifyByKeyboard(index: number, search: string): Promise<void> {
    await this.picker(index).focus();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(search);
    await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Enter');
  }

  /** The chosen card's memory line, marked "you said". */
  chosenSpec(index: number): Locator {
    return this.gpuCard(index).getByTestId('gpu-identity-spec');
  }

  /** On the Machine step: searches GPU `index`'s picker and picks the option whose label starts with `name ·`. */
  async identify(index: number, search: string, name: string): Promise<void> {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await this.flow.choose(this.picker(index), search, new RegExp(`^${escaped} ·`));
  }
}
