/**
 * Saved machines, replaying the real two-RTX-A5000 capture: save the scanned machine (it survives a
 * reload), save a catalog build, share it as a machine file, delete it, open the file again and the
 * build comes back; a file that is not a machine file is refused with the reason.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { savedAppState } from '../pages/app-state';
import { FlowPage } from '../pages/flow-page';
import { MachinePage } from '../pages/machine-page';
import { SavedMachinesPage } from '../pages/saved-machines-page';
import { SlotsPage } from '../pages/slots-page';
import { expect, test } from './fixtures';

test('a scanned machine is saved with its PSU notes and slots, opens again, and reopens after a restart', async ({
  page,
  webApp,
}) => {
  const flow = new FlowPage(page);
  const saved = new SavedMachinesPage(page);
  const machine = new MachinePage(page);
  const slots = new SlotsPage(page);
  await flow.open(webApp.url);
  await machine.setPsu({ watts: '1200', pcie8: '6', hpwr: '0', note: 'Seasonic' });
  await expect(page.getByTestId('psu-status')).toHaveText('Saved');
  await slots.enter(1, { attachment: 'chipset', gen: 4, lanes: 4 });
  await saved.save('Lab box');
  await expect(saved.row('Lab box')).toContainText('2× NVIDIA RTX A5000');
  await expect(saved.row('Lab box')).toContainText('scanned');

  // Another PSU entered since; opening the saved machine brings its own notes back.
  await machine.setPsu({ watts: '500', pcie8: '2', hpwr: '0', note: '' });
  await expect(page.getByTestId('psu-status')).toHaveText('Saved');
  await slots.enter(1, { attachment: '', gen: null, lanes: null });
  await page.reload();
  await flow.scanReady.waitFor();
  await expect(saved.row('Lab box')).toBeVisible();
  await saved.row('Lab box').getByRole('button', { name: 'Open Lab box' }).click();
  await expect(page.getByTestId('scan-origin')).toContainText('Saved: Lab box');
  await expect(page.getByTestId('gpu-card')).toHaveCount(2);
  await expect(machine.psuForm.getByLabel('Rated output')).toHaveValue('1200 W');
  await expect(page.getByLabel('GPU 1 slot attachment')).toHaveValue('chipset');
  await expect(slots.planLink(1)).toContainText('x4');

  // The app reopens on the saved machine, not on a fresh scan of this one (once main holds the state).
  await expect.poll(() => savedAppState(page)).toMatchObject({ machineSource: { kind: 'saved' } });
  await page.reload();
  await expect(page.getByTestId('scan-origin')).toContainText('Saved: Lab box');
  await expect(page.getByLabel('GPU 1 slot attachment')).toHaveValue('chipset');
  // Rescan goes back to this machine.
  await page.getByRole('button', { name: 'Rescan' }).click();
  await expect(page.getByTestId('scan-origin')).toContainText('Capture: dual-rtx-a5000');
  // The same name on this machine (no longer the saved one): saving adds an entry, never overwrites it.
  await saved.nameInput.fill('Lab box');
  await expect(saved.panel.getByRole('button', { name: 'Save this machine' })).toBeVisible();
  await expect(saved.panel).toContainText('"Lab box" is already saved for another machine');
});

test('a catalog build goes out as a machine file and comes back in', async ({ page, webApp }, testInfo) => {
  const flow = new FlowPage(page);
  const saved = new SavedMachinesPage(page);
  await flow.open(webApp.url);

  await page.locator('label', { hasText: 'A build from the catalog' }).click();
  const add = page.getByRole('combobox', { name: 'Add a GPU from the catalog' });
  await flow.choose(add, '3090', /^GeForce RTX 3090 · 24 GB$/);
  await page.getByRole('textbox', { name: 'How many GeForce RTX 3090' }).fill('2');
  await saved.save('Two 3090s');
  await expect(saved.row('Two 3090s')).toContainText('2× GeForce RTX 3090');
  await expect(saved.row('Two 3090s')).toContainText('planned');

  const download = page.waitForEvent('download');
  await saved.row('Two 3090s').getByRole('button', { name: 'Save Two 3090s as a file' }).click();
  const file = join(testInfo.outputDir, (await download).suggestedFilename());
  await (await download).saveAs(file);
  expect(file).toMatch(/Two-3090s\.rig-machine\.json$/);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
    format: 'rig-advisor-machine',
    version: 1,
    machine: { name: 'Two 3090s', kind: 'planned', gpus: ['rtx-3090', 'rtx-3090'] },
  });

  // Delete asks once more before it deletes.
  await saved.row('Two 3090s').getByRole('button', { name: 'Delete Two 3090s' }).click();
  await saved.row('Two 3090s').getByRole('button', { name: 'Confirm: delete Two 3090s' }).click();
  await expect(saved.row('Two 3090s')).toHaveCount(0);

  // Back to this machine, then open the file: the build returns and becomes the plan's machine.
  await page.locator('label', { hasText: 'This machine' }).click();
  await saved.fileInput.setInputFiles(file);
  await expect(saved.notice).toContainText('Added "Two 3090s"');
  await saved.row('Two 3090s').getByRole('button', { name: 'Open Two 3090s' }).click();
  await expect(page.getByRole('radio', { name: 'A build from the catalog' })).toBeChecked();
  await expect(page.getByTestId('catalog-card')).toContainText('GeForce RTX 3090');
  await expect(page.getByRole('textbox', { name: 'How many GeForce RTX 3090' })).toHaveValue('2');
});

test('a file that is not a machine file is refused, saying why', async ({ page, webApp }, testInfo) => {
  const flow = new FlowPage(page);
  const saved = new SavedMachinesPage(page);
  await flow.open(webApp.url);
  const bogus = join(testInfo.outputDir, 'notes.json');
  mkdirSync(testInfo.outputDir, { recursive: true });
  writeFileSync(bogus, JSON.stringify({ format: 'something-else', version: 1 }));
  await saved.fileInput.setInputFiles(bogus);
  await expect(saved.notice).toContainText('not a Rig Advisor machine file');
  await expect(saved.rows).toHaveCount(0);
});
