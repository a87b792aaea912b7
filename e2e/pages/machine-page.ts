/** Page object for the machine screen: roles and labels first, `data-testid` for the key blocks. */
import type { Locator, Page } from '@playwright/test';

export class MachinePage {
  readonly ready: Locator;
  readonly gpuCards: Locator;
  readonly topology: Locator;
  readonly unknowns: Locator;
  readonly captureIssues: Locator;
  readonly rescan: Locator;
  readonly openCapture: Locator;
  readonly captureInput: Locator;
  readonly progress: Locator;
  readonly error: Locator;
  readonly psuForm: Locator;

  constructor(readonly page: Page) {
    this.ready = page.getByTestId('scan-ready');
    this.gpuCards = page.getByTestId('gpu-card');
    this.topology = page.getByTestId('topology-matrix');
    this.unknowns = page.getByTestId('unknowns-list');
    this.captureIssues = page.getByTestId('capture-issues');
    this.rescan = page.getByRole('button', { name: 'Rescan' });
    this.openCapture = page.getByRole('button', { name: 'Open capture…' });
    this.captureInput = page.getByTestId('capture-input');
    this.progress = page.getByTestId('scan-progress');
    this.error = page.getByTestId('scan-error');
    this.psuForm = page.getByRole('form', { name: 'PSU and case notes' });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.ready.waitFor();
  }

  gpuCard(name: string | RegExp): Locator {
    return this.gpuCards.filter({ has: this.page.getByRole('heading', { name }) });
  }

  /** The value cell of a labelled row in a GPU card. */
  gpuField(card: Locator, label: string): Locator {
    return card.getByRole('row', { name: new RegExp(`^${label}`) }).getByRole('cell');
  }

  /** Waits until the profile from the given capture folder is on screen. */
  async waitForOrigin(label: string): Promise<void> {
    await this.page.locator(`[data-testid="scan-ready"][data-origin="${label}"]`).waitFor();
  }

  async setPsu(values: { watts: string; pcie8: string; hpwr: string; note: string }): Promise<void> {
    await this.psuForm.getByLabel('Rated output').fill(values.watts);
    await this.psuForm.getByLabel('8-pin PCIe cables').fill(values.pcie8);
    await this.psuForm.getByLabel('12VHPWR cables').fill(values.hpwr);
    await this.psuForm.getByLabel('Note', { exact: true }).fill(values.note);
    await this.psuForm.getByRole('button', { name: 'Save notes' }).click();
  }

  async setCase(values: { slots: string; note: string }): Promise<void> {
    await this.psuForm.getByLabel('Expansion slots').fill(values.slots);
    await this.psuForm.getByLabel('Case note').fill(values.note);
    await this.psuForm.getByRole('button', { name: 'Save notes' }).click();
  }
}
