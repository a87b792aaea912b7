/**
 * The machine screen against real captures replayed by `npm run web`: GPUs, unknowns, rescan,
 * opening another capture folder, a garbled capture, the PSU and case notes, and the README screenshots.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { FlowPage } from '../pages/flow-page';
import { MachinePage } from '../pages/machine-page';
import { SlotsPage } from '../pages/slots-page';
import { CAPTURE_DIRS, SCREENSHOTS, expect, test } from './fixtures';

test.describe('machine screen, replaying two RTX A5000', () => {
  test('shows one card per GPU with VRAM and the link now vs its maximum', async ({ page, webApp }) => {
    const machine = new MachinePage(page);
    await machine.open(webApp.url);
    await expect(page).toHaveURL(`${webApp.origin}/`); // the token left the address bar
    await expect(machine.gpuCards).toHaveCount(2);
    for (const card of await machine.gpuCards.all()) {
      await expect(card.getByRole('heading')).toHaveText('NVIDIA RTX A5000');
      await expect(machine.gpuField(card, 'VRAM')).toHaveText('24.0 GiB');
      await expect(machine.gpuField(card, 'PCIe link')).toHaveText(
        'Gen4 x16 (now Gen1 x16 — idle links train down)',
      );
      await expect(machine.gpuField(card, 'Power limit')).toHaveText('230 W (max 230 W)');
    }
    await expect(machine.gpuField(machine.gpuCards.first(), 'Bus ID')).toHaveText('0000:81:00.0');
    await expect(page.getByTestId('scan-origin')).toContainText('dual-rtx-a5000');
  });

  test('says where each value came from, and why the slots are unknown', async ({ page, webApp }) => {
    const machine = new MachinePage(page);
    await machine.open(webApp.url);
    const vram = machine.gpuField(machine.gpuCards.first(), 'VRAM').locator('[data-source]');
    await vram.focus();
    await expect(page.getByRole('tooltip')).toContainText('nvidia-smi-q.xml');
    const slots = machine.unknowns.locator('[data-fields~="slots"]');
    await expect(slots).toBeVisible();
    await expect(slots).toContainText(/root/i);
    await expect(page.getByTestId('slots-section')).toContainText(/unknown/);
  });

  test('Rescan disables itself, shows progress and lands a fresh profile', async ({ page, webApp }) => {
    const machine = new MachinePage(page);
    await machine.open(webApp.url);
    await expect(machine.ready).toHaveAttribute('data-generation', '1');
    // Hold the scan's answer so the in-flight state can be seen, then let it through.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/hardware:scan', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    await machine.rescan.click();
    await expect(machine.progress).toBeVisible();
    await expect(machine.progress.getByRole('progressbar')).toBeVisible();
    await expect(machine.rescan).toBeDisabled();
    await expect(machine.openCapture).toBeDisabled();
    release();
    await expect(machine.ready).toHaveAttribute('data-generation', '2');
    await expect(machine.progress).toBeHidden();
    await expect(machine.rescan).toBeEnabled();
    await expect(machine.gpuCards).toHaveCount(2);
  });

  test('the actions are reachable from the keyboard', async ({ page, webApp }) => {
    const machine = new MachinePage(page);
    await machine.open(webApp.url);
    // Past the build picker and the saved machines above it.
    for (let presses = 0; presses < 20; presses += 1) {
      if (await machine.rescan.evaluate((el) => el.ownerDocument.activeElement === el)) break;
      await page.keyboard.press('Tab');
    }
    await expect(machine.rescan).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(machine.ready).toHaveAttribute('data-generation', '2');
    await page.keyboard.press('Tab');
    await expect(machine.openCapture).toBeFocused();
  });

  test('Open capture… switches the view to the machine in the picked folder', async ({ page, webApp }) => {
    const machine = new MachinePage(page);
    await machine.open(webApp.url);
    await machine.captureInput.setInputFiles(join(CAPTURE_DIRS, 'h100-sxm-vm'));
    await machine.waitForOrigin('h100-sxm-vm');
    await expect(machine.gpuCards).toHaveCount(1);
    const h100 = machine.gpuCard(/H100/);
    await expect(h100.getByRole('heading')).toHaveText('NVIDIA H100 80GB HBM3');
    await expect(machine.gpuField(h100, 'NVLink')).toHaveText(/^18 active links/);
    await expect(machine.gpuField(h100, 'PCIe link')).toHaveText('Gen5 x16');
    await expect(page.getByTestId('scan-origin')).toContainText('h100-sxm-vm');
  });

  test('slots entered for one machine are cleared when another capture replaces it', async ({
    page,
    webApp,
  }) => {
    const machine = new MachinePage(page);
    const slots = new SlotsPage(page);
    await machine.open(webApp.url);
    await slots.enter(1, { attachment: 'chipset', gen: 4, lanes: 4 });
    await expect(page.getByLabel('GPU 1 slot attachment')).toHaveValue('chipset');
    await machine.captureInput.setInputFiles(join(CAPTURE_DIRS, 'dual-rtx-2070'));
    await machine.waitForOrigin('dual-rtx-2070');
    // GPU 1 of this machine is another card in another slot: nothing carried over.
    await expect(page.getByLabel('GPU 1 slot attachment')).toHaveValue('');
    await expect(slots.planLink(1)).not.toContainText('x4');
  });

  test('PSU notes typed for one machine are not silently applied to another: kept or cleared, as asked', async ({
    page,
    webApp,
  }) => {
    const machine = new MachinePage(page);
    await machine.open(webApp.url);
    await machine.setPsu({ watts: '1600', pcie8: '6', hpwr: '1', note: 'AX1600i' });
    await expect(page.getByTestId('psu-status')).toHaveText('Saved');
    await machine.captureInput.setInputFiles(join(CAPTURE_DIRS, 'dual-rtx-2070'));
    await machine.waitForOrigin('dual-rtx-2070');
    const question = page.getByTestId('notes-from-other-machine');
    await expect(question).toContainText('entered for dual-rtx-a5000');
    await question.getByRole('button', { name: 'Clear them' }).click();
    await expect(question).toHaveCount(0);
    await expect(machine.psuForm.getByLabel('Rated output')).toHaveValue('');
    // Without notes, the next machine asks nothing.
    await machine.captureInput.setInputFiles(join(CAPTURE_DIRS, 'h100-sxm-vm'));
    await machine.waitForOrigin('h100-sxm-vm');
    await expect(question).toHaveCount(0);
  });

  test.describe('with a broken or empty folder', () => {
    let dir: string;
    test.beforeEach(() => {
      dir = mkdtempSync(join(os.tmpdir(), 'rig-e2e-capture-'));
    });
    test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

    test('a garbled nvidia-smi-q.xml is named as a capture problem', async ({ page, webApp }) => {
      const folder = join(dir, 'garbled-capture');
      mkdirSync(folder);
      writeFileSync(
        join(folder, 'nvidia-smi-q.xml'),
        '<nvidia_smi_log><gpu id="oops"><product_name>\u0000\u0001 not xml at all',
      );
      const machine = new MachinePage(page);
      await machine.open(webApp.url);
      await machine.captureInput.setInputFiles(folder);
      await machine.waitForOrigin('garbled-capture');
      await expect(machine.captureIssues).toContainText('nvidia-smi-q.xml');
    });

    test('a folder with no capture files gives a clear error and keeps the current machine', async ({
      page,
      webApp,
    }) => {
      const folder = join(dir, 'holiday-photos');
      mkdirSync(folder);
      writeFileSync(join(folder, 'beach.txt'), 'sand');
      const machine = new MachinePage(page);
      await machine.open(webApp.url);
      await machine.captureInput.setInputFiles(folder);
      await expect(machine.error).toContainText('"holiday-photos" is not a capture folder');
      await expect(machine.gpuCards).toHaveCount(2);
    });
  });

  test('PSU notes are saved and survive a reload', async ({ page, webApp }) => {
    const machine = new MachinePage(page);
    await machine.open(webApp.url);
    await machine.setPsu({ watts: '1600', pcie8: '6', hpwr: '1', note: 'Corsair AX1600i, Titanium' });
    await expect(page.getByTestId('psu-status')).toHaveText('Saved');
    await page.reload();
    await machine.ready.waitFor();
    await expect(machine.psuForm.getByLabel('Rated output')).toHaveValue('1600 W');
    await expect(machine.psuForm.getByLabel('8-pin PCIe cables')).toHaveValue('6');
    await expect(machine.psuForm.getByLabel('12VHPWR cables')).toHaveValue('1');
    await expect(machine.psuForm.getByLabel('Note', { exact: true })).toHaveValue(
      'Corsair AX1600i, Titanium',
    );
  });

  test('case notes are saved, survive a reload, and answer the case check', async ({ page, webApp }) => {
    const machine = new MachinePage(page);
    const flow = new FlowPage(page);
    await machine.open(webApp.url);
    await machine.setCase({ slots: '8', note: 'Fractal Meshify 2 XL, front mesh' });
    await expect(page.getByTestId('psu-status')).toHaveText('Saved');
    await page.reload();
    await machine.ready.waitFor();
    await expect(machine.psuForm.getByLabel('Expansion slots')).toHaveValue('8');
    await expect(machine.psuForm.getByLabel('Case note')).toHaveValue('Fractal Meshify 2 XL, front mesh');
    // The catalog knows how thick an RTX 3090 is (3 slots; the A5000's thickness is not in it).
    await page.locator('label', { hasText: 'A build from the catalog' }).click();
    const add = page.getByRole('combobox', { name: 'Add a GPU from the catalog' });
    await flow.choose(add, '3090', /^GeForce RTX 3090 · 24 GB$/);
    await page.getByRole('textbox', { name: 'How many GeForce RTX 3090' }).fill('2');
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await flow.goTo('Checks');
    const caseCheck = page.locator('[data-check-id="cooling.case"]');
    await expect(caseCheck).toHaveAttribute('data-status', 'pass');
    await expect(caseCheck).toContainText('The cards cover 6 slot positions and the case has 8');
  });
});

test.describe('a card the catalog lacks', () => {
  test('described by its numbers, it joins the build and is planned with them (no "? tok/s")', async ({
    page,
    webApp,
  }) => {
    const machine = new MachinePage(page);
    const flow = new FlowPage(page);
    await machine.open(webApp.url);
    await page.locator('label', { hasText: 'A build from the catalog' }).click();
    await page.getByRole('button', { name: 'Card not in the catalog? Describe it' }).click();
    const form = page.getByTestId('custom-gpu-form');
    await form.getByRole('textbox', { name: 'Name' }).fill('Radeon Pro W7900');
    // A missing value is refused with a reason, and nothing is added.
    await form.getByRole('textbox', { name: 'Memory' }).fill('48');
    await form.getByRole('textbox', { name: 'Board power' }).fill('295');
    await form.getByRole('button', { name: 'Add this card' }).click();
    await expect(form.getByRole('alert')).toContainText("the card's memory bandwidth is missing");
    await expect(page.getByTestId('catalog-card')).toHaveCount(0);
    await form.getByRole('textbox', { name: 'Bandwidth' }).fill('864');
    await form.getByRole('button', { name: 'Add this card' }).click();
    await expect(page.getByTestId('catalog-card')).toContainText('Radeon Pro W7900');
    await page.getByRole('textbox', { name: 'How many Radeon Pro W7900' }).fill('2');
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await flow.goTo('Strategy');
    await expect(flow.planReady).toHaveAttribute('data-fits', 'true');
    await expect(page.getByRole('region', { name: 'What the plan assumes' })).toContainText(
      'planned with the numbers you entered for Radeon Pro W7900',
    );
    await expect(page.getByTestId('strategy-row').first()).toContainText(
      /\d+(\.\d)?–\d+(\.\d)?expected \d+(\.\d)?/,
    );
    await expect(page.getByTestId('speed-basis')).toContainText('on sources the fit did not see');
  });
});

test.describe('README screenshots', () => {
  test.use({ replayDir: join(CAPTURE_DIRS, 'dual-rtx-a5000') });

  test('light and dark', async ({ page, webApp }) => {
    const machine = new MachinePage(page);
    await machine.open(webApp.url);
    const shots = SCREENSHOTS;
    mkdirSync(shots, { recursive: true });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(shots, 'machine.png'), fullPage: true });
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await page.mouse.move(0, 0);
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await expect(page.getByRole('tooltip')).toHaveCount(0);
    await page.screenshot({ path: join(shots, 'machine-dark.png'), fullPage: true });
  });
});
