/** Page object for the Saved machines panel on the Machine step. */
import type { Locator, Page } from '@playwright/test';

export class SavedMachinesPage {
  readonly panel: Locator;
  readonly rows: Locator;
  readonly nameInput: Locator;
  readonly fileInput: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('saved-machines');
    this.rows = this.panel.getByTestId('saved-machine');
    this.nameInput = this.panel.getByRole('textbox', { name: 'Name' });
    this.fileInput = page.getByTestId('machine-file-input');
    this.notice = page.getByTestId('saved-machines-notice');
  }

  row(name: string): Locator {
    return this.panel.locator(`[data-testid="saved-machine"][data-machine-name="${name}"]`);
  }

  /** Saves (or updates) the machine on screen under this name and waits for its row. */
  async save(name: string): Promise<void> {
    await this.nameInput.fill(name);
    await this.panel.getByRole('button', { name: /^(Save this machine|Update saved machine)$/ }).click();
    await this.row(name).waitFor();
  }
}
