/** Page object for "Where the cards sit" on the Machine step: one row of native selects per GPU. */
import type { Locator, Page } from '@playwright/test';

export type SlotAttachmentOption = 'cpu' | 'chipset' | '';

export class SlotsPage {
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId('slot-placement-form');
  }

  row(gpu: number): Locator {
    return this.form.locator(`[data-testid="slot-placement-row"][data-gpu-index="${gpu}"]`);
  }

  /** The link the plan uses for this GPU, as the row states it. */
  planLink(gpu: number): Locator {
    return this.row(gpu).getByTestId('slot-plan-link');
  }

  /** Enters where GPU `gpu` sits: attachment, PCIe generation and electrical width ('' = not entered). */
  async enter(
    gpu: number,
    slot: { attachment: SlotAttachmentOption; gen: number | null; lanes: number | null },
  ): Promise<void> {
    await this.page.getByLabel(`GPU ${gpu} slot attachment`).selectOption(slot.attachment);
    await this.page
      .getByLabel(`GPU ${gpu} slot generation`)
      .selectOption(slot.gen === null ? '' : String(slot.gen));
    await this.page
      .getByLabel(`GPU ${gpu} slot width`)
      .selectOption(slot.lanes === null ? '' : String(slot.lanes));
  }
}
