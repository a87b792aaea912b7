/**
 * The advisor flow against a replayed capture (two RTX A5000): pick Llama 3.1 70B Q4_K_M, see the
 * checks, the split drawn, copy the llama.cpp command, and the checklist saved as a PDF whose text is
 * read back — with a screenshot of each step in docs/screenshots/step-<name>.png (light) and a dark
 * one of the strategy step.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { pdfText } from '../../test/support/pdf-text';
import { testGgufFile, tinyLlama } from '../../test/support/gguf-models';
import { FlowPage } from '../pages/flow-page';
import { REPO_ROOT, SCREENSHOTS, expect, test } from './fixtures';

const SHOTS = SCREENSHOTS;

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.mouse.move(0, 0);
  await page.locator('html').evaluate((html) => html.ownerDocument.defaultView?.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `step-${name}.png`), fullPage: true });
}

test.describe('advisor flow, replaying two RTX A5000', () => {
  test('model → checks → split → copy the llama.cpp command → checklist', async ({
    page,
    context,
    webApp,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webApp.origin });
    const flow = new FlowPage(page);
    await flow.open(webApp.url);
    await expect(flow.step('machine')).toBeVisible();
    await expect(page.getByTestId('build-picker')).toBeVisible();
    await shoot(page, 'machine');

    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await expect(flow.planReady).toBeVisible();
    await expect(flow.planReady).toHaveAttribute('data-fits', 'true');
    await expect(page.getByTestId('model-facts')).toContainText('80 layers');
    await shoot(page, 'model');

    await flow.goTo('Checks');
    const checks = flow.step('checks');
    for (const gpu of [0, 1]) {
      const bar = checks.getByTestId(`capacity-bar-gpu${gpu}`);
      await expect(bar).toBeVisible();
      await expect(bar.getByRole('img')).toHaveAttribute(
        'aria-label',
        /^GPU \d NVIDIA RTX A5000: [\d.]+ of 24\.0 GiB used — weights/,
      );
    }
    for (const area of ['power', 'cooling', 'slots', 'software'])
      await expect(checks.getByTestId(`checks-${area}`)).toBeVisible();
    await expect(checks.locator('[data-check-id="capacity.fit"]')).toHaveAttribute('data-status', 'pass');
    await shoot(page, 'checks');

    await flow.goTo('Strategy');
    const diagram = page.getByTestId('split-diagram');
    await expect(diagram).toBeVisible();
    await expect(diagram).toHaveAttribute('role', 'img');
    // Recommended: llama.cpp's tensor mode, predicted clearly faster than the layer split (≥ 1.33×, the
    // bar an experimental mode must clear): both cards hold half of every layer, a thick all-reduce arrow.
    await expect(flow.planReady).toHaveAttribute('data-strategy-id', 'llama.cpp:tensor');
    await expect(diagram).toHaveAttribute('data-mode', 'tensor');
    await expect(diagram).toHaveAttribute('aria-label', /1\/2 of every one of layers 0–79/);
    await expect(diagram.locator('[data-arrow="all-reduce"]')).toHaveCount(1);
    await shoot(page, 'strategy-tensor');
    await expect(page.getByTestId('plan-why')).toContainText('fits');
    const rows = page.getByTestId('strategy-row');
    expect(await rows.count()).toBeGreaterThan(2);
    // Following the layer split redraws it: one range of layers per card, a thin hand-off arrow.
    await page.locator('[data-testid="strategy-row"][data-strategy-id="llama.cpp:layer"]').click();
    await expect(diagram).toHaveAttribute('data-mode', 'layer');
    await expect(diagram).toHaveAttribute(
      'aria-label',
      /GPU 0 holds layers 0–\d+; GPU 1 holds layers \d+–79/,
    );
    await expect(diagram.locator('[data-arrow="hidden-state"]')).toHaveCount(1);
    await expect(flow.planReady).toHaveAttribute('data-strategy-id', 'llama.cpp:layer');
    await shoot(page, 'strategy');
    // Back to the recommended one for the commands and the checklist.
    await page.locator('[data-testid="strategy-row"][data-strategy-id="llama.cpp:tensor"]').click();

    await flow.goTo('Commands');
    const llama = page.getByTestId('command-llama.cpp');
    await expect(llama).toBeVisible();
    const bash = (await llama.getByTestId('command-text').first().textContent()) ?? '';
    expect(bash).toContain('llama-server');
    expect(bash).toContain('CUDA_DEVICE_ORDER=PCI_BUS_ID');
    await page.getByTestId('copy-llama.cpp').click();
    await expect(page.getByTestId('copy-llama.cpp')).toHaveText('Copied');
    const clipboard = await page
      .locator('body')
      .evaluate((body) => body.ownerDocument.defaultView?.navigator.clipboard.readText());
    expect(clipboard).toBe(bash);
    // The command that measures the plan, with what it should print.
    const bench = llama.locator('[data-role="benchmark"]');
    await expect(bench.getByTestId('command-text')).toContainText('llama-bench');
    await expect(bench.getByTestId('command-text')).toContainText('-o json');
    await expect(bench.getByTestId('benchmark-expected')).toContainText(/tg128 ≈ \d/);
    await shoot(page, 'commands');

    await flow.goTo('Checklist');
    const preview = page.getByTestId('checklist-preview');
    await expect(preview).toContainText('Build checklist: Llama 3.1 70B Q4_K_M');
    await expect(preview.locator('[data-check-id="capacity.fit"]')).toBeVisible();
    await expect(preview.locator('[data-check-id="power.sustained"]')).toBeVisible();
    await expect(preview).toContainText('llama-server');
    await shoot(page, 'checklist');

    // Save as PDF in a browser: the PDF is made in the page and downloaded (no print dialog).
    const saved = await flow.savePdf();
    expect(saved.fileName).toBe('checklist-llama-3.1-70b-Q4_K_M.pdf');
    await expect(page.getByTestId('checklist-notice')).toContainText(`${saved.fileName} is downloading.`);
    expect(saved.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await pdfText(saved.bytes);
    const text = pdf.pages.join('\n');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Build checklist: Llama 3.1 70B Q4_K_M on NVIDIA RTX A5000 + NVIDIA RTX A5000',
    );
    const shown = await flow.checklistChecks();
    expect(shown.map((c) => c.id)).toEqual(expect.arrayContaining(['capacity.fit', 'power.sustained']));
    expect(shown.find((c) => c.id === 'capacity.fit')?.status).toBe('pass');
    for (const c of shown) expect(text).toContain(`${c.status.toUpperCase()} ${c.id} (`);
    expect(text).toContain('llama-server');
    expect(text).toContain(`page ${pdf.numPages} of ${pdf.numPages}`);
  });
});

test.describe('advisor flow, the other ways in', () => {
  test('a build from the catalog replaces the scanned machine in the plan', async ({ page, webApp }) => {
    const flow = new FlowPage(page);
    await flow.open(webApp.url);
    await page.locator('label', { hasText: 'A build from the catalog' }).click();
    const add = page.getByRole('combobox', { name: 'Add a GPU from the catalog' });
    await flow.choose(add, '3090', /^GeForce RTX 3090 · 24 GB$/);
    await page.getByRole('textbox', { name: 'How many GeForce RTX 3090' }).fill('2');
    await flow.choose(page.getByRole('combobox', { name: 'Link between the cards' }), '', 'NVLink bridge');
    await expect(page.getByTestId('plan-summary')).toContainText('2 × GeForce RTX 3090 (catalog build)');
    await flow.pickModel('qwen3 32b', 'Qwen3 32B', 'Q4_K_M');
    await expect(flow.planReady).toHaveAttribute('data-fits', 'true');
    await flow.goTo('Checks');
    await expect(page.getByTestId('capacity-bar-gpu1').getByRole('img')).toHaveAttribute(
      'aria-label',
      /GeForce RTX 3090: [\d.]+ of 24\.0 GiB/,
    );
  });

  test('an unknown PSU is answered inline on the Checks step and lands in the PSU notes', async ({
    page,
    webApp,
  }) => {
    const flow = new FlowPage(page);
    await flow.open(webApp.url);
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await flow.goTo('Checks');
    const power = page.locator('[data-check-id="power.sustained"]');
    await expect(power).toHaveAttribute('data-status', 'unknown');
    const answer = page.getByTestId('answer-power.sustained');
    await answer.getByLabel('PSU rated output').fill('1000');
    await answer.getByRole('button', { name: 'Save' }).click();
    await expect(power).toHaveAttribute('data-status', 'pass');
    await expect(answer).toHaveCount(0);
    await flow.goTo('Machine');
    await expect(
      page.getByRole('form', { name: 'PSU and case notes' }).getByLabel('Rated output'),
    ).toHaveValue('1000 W');
  });

  test('a config.json is planned; a GGUF picked in the browser is read from the file in the page', async ({
    page,
    webApp,
  }) => {
    const flow = new FlowPage(page);
    await flow.open(webApp.url);
    await flow.goTo('Model');
    const input = page.getByTestId('model-file-input');
    await input.setInputFiles(join(REPO_ROOT, 'fixtures', 'model-configs', 'qwen2.5-14b.config.json'));
    await expect(page.getByTestId('model-facts')).toContainText('48 layers');
    await expect(flow.planReady).toBeVisible();
    // Not a GGUF: refused in one line, the current model kept.
    await input.setInputFiles({
      name: 'model.gguf',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('{}'),
    });
    await expect(page.getByTestId('model-file-message')).toContainText('model.gguf is not a GGUF file');
    await expect(page.getByTestId('model-facts')).toContainText('48 layers');
    // A real GGUF header (a tiny Llama, tensor data zeroed): read in the page, planned.
    const tiny = testGgufFile(tinyLlama());
    const bytes = Buffer.alloc(tiny.header.length + tiny.dataBytes);
    bytes.set(tiny.header);
    await input.setInputFiles({
      name: 'tiny-llama.gguf',
      mimeType: 'application/octet-stream',
      buffer: bytes,
    });
    await expect(page.getByTestId('model-facts')).toContainText(
      `${tinyLlama().kv['llama.block_count']} layers`,
    );
    await expect(flow.planReady).toBeVisible();
  });

  test('the checklist saves as Markdown with the checks in it', async ({ page, webApp }) => {
    const flow = new FlowPage(page);
    await flow.open(webApp.url);
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await flow.goTo('Checklist');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save as Markdown' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('checklist-llama-3.1-70b-Q4_K_M.md');
    const text = readFileSync((await file.path()) as string, 'utf8');
    expect(text).toMatch(/^# Build checklist: Llama 3\.1 70B Q4_K_M/);
    expect(text).toContain('| power | power.sustained |');
  });

  test('Print… opens the print dialog; Save as PDF in a browser downloads a PDF instead', async ({
    page,
    webApp,
  }) => {
    // Count print() calls instead of opening the dialog.
    await page.addInitScript({
      content:
        'window.print = () => { const d = document.documentElement.dataset; d.printed = String(Number(d.printed || 0) + 1); };',
    });
    const flow = new FlowPage(page);
    await flow.open(webApp.url);
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await flow.goTo('Checklist');
    await page.getByRole('button', { name: 'Print…' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-printed', '1');
    const saved = await flow.savePdf();
    expect(saved.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect(page.getByTestId('checklist-notice')).toContainText('is downloading');
    await expect(page.locator('html')).toHaveAttribute('data-printed', '1');
  });

  test('Add a card? ranks catalog cards with a price to edit; Compare builds gives a verdict', async ({
    page,
    webApp,
  }) => {
    const flow = new FlowPage(page);
    await flow.open(webApp.url);
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await flow.goTo('Add a card?');
    const rows = page.getByTestId('upgrade-row');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBe(15);
    const first = rows.first();
    await expect(first.getByRole('textbox', { name: /^Price of / })).toBeVisible();
    await expect(first).toHaveAttribute('data-status', /^(feasible|needs-psu|blocked)$/);
    await expect(first.getByTestId('fit-badge')).toBeVisible();
    await shoot(page, 'upgrade');
    // Where the new card would sit: a chipset x4 slot, and the ranking is made again for it.
    await page.getByLabel('New card slot Attachment').selectOption('chipset');
    await page.getByLabel('New card slot Width').selectOption('4');
    await expect(page.getByTestId('upgrade-slot-plan')).toHaveText(
      'Planned as GPU 2 in the slot you entered: chipset x4.',
    );
    await expect(page.getByTestId('upgrade-view')).toHaveAttribute('data-busy', 'false');

    await flow.goTo('Compare builds');
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page.getByTestId('compare-verdict')).toContainText('wins');
    await expect(page.getByTestId('compare-row')).toHaveCount(2);
    // 70B Q4_K_M: one 24 GB card keeps part in RAM, two hold it all; no PSU entered.
    await expect(page.getByTestId('compare-row').first()).toHaveAttribute('data-fit', 'offload');
    await expect(page.getByTestId('compare-row').nth(1)).toHaveAttribute('data-fit', 'gpu');
    await expect(page.getByTestId('compare-power').first()).toHaveAttribute('data-power', 'unknown');
    await shoot(page, 'compare');
  });

  test('the steps are tabs: arrow keys move between them', async ({ page, webApp }) => {
    const flow = new FlowPage(page);
    await flow.open(webApp.url);
    await flow.tab('Machine').focus();
    await page.keyboard.press('ArrowRight');
    await expect(flow.tab('Model')).toBeFocused();
    await expect(flow.tab('Model')).toHaveAttribute('aria-selected', 'true');
    await expect(flow.step('model')).toBeVisible();
  });

  // How fast is measured by `npm run bench` (scripts/bench-ui.mjs), not asserted here.
  test('changing the goal re-plans at once', async ({ page, webApp }) => {
    const flow = new FlowPage(page);
    await flow.open(webApp.url);
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    for (const [label, goal] of [
      ['Longest context', 'context'],
      ['Many users', 'throughput'],
      ['One user, fastest', 'latency'],
    ] as const) {
      await page
        .locator('label')
        .filter({ hasText: new RegExp(`^${label}$`) })
        .click();
      await expect(flow.planReady).toHaveAttribute('data-goal', goal);
    }
  });
});

test.describe('dark theme', () => {
  test('the strategy step in dark', async ({ page, webApp }) => {
    const flow = new FlowPage(page);
    await flow.open(webApp.url);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
    await flow.goTo('Strategy');
    await expect(page.getByTestId('split-diagram')).toBeVisible();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await expect(page.getByRole('tooltip')).toHaveCount(0);
    await shoot(page, 'strategy-dark');
    await flow.goTo('Checks');
    await shoot(page, 'checks-dark');
  });
});
