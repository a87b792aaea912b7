/** Dropping a model file onto the Model card opens it like the button: a real config.json is planned. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FlowPage } from '../pages/flow-page';
import { expect, REPO_ROOT, test } from './fixtures';

/** Drops files (name → text) onto the element, as a drag from the file manager would. */
async function dropFiles(flow: FlowPage, testId: string, files: Record<string, string>): Promise<void> {
  const zone = flow.page.getByTestId(testId);
  // Built in the page's own window (this file is type-checked without the DOM library).
  const transfer = await zone.evaluateHandle((element, entries) => {
    const win = element.ownerDocument.defaultView as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: string[], name: string, options: { type: string }) => unknown;
    };
    const data = new win.DataTransfer();
    for (const [name, text] of entries)
      data.items.add(new win.File([text], name, { type: 'application/json' }));
    return data;
  }, Object.entries(files));
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await expect(zone).toHaveAttribute('data-dragging', 'true');
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

test('a config.json dropped onto the Model card is read and planned', async ({ page, webApp }) => {
  const flow = new FlowPage(page);
  await flow.open(webApp.url);
  await flow.goTo('Model');
  const config = readFileSync(
    join(REPO_ROOT, 'fixtures', 'model-configs', 'qwen2.5-14b.config.json'),
    'utf8',
  );
  await dropFiles(flow, 'model-drop-zone', { 'config.json': config });
  await expect(page.getByTestId('model-facts')).toContainText('48 layers');
  await expect(flow.planReady).toBeVisible();
  await expect(page.getByTestId('model-drop-zone')).not.toHaveAttribute('data-dragging', 'true');
});

test('dropping two files at once asks for one, and keeps the model', async ({ page, webApp }) => {
  const flow = new FlowPage(page);
  await flow.open(webApp.url);
  await flow.pickModel('llama-3.1-70b', 'Llama 3.1 70B', 'Q4_K_M');
  await dropFiles(flow, 'model-drop-zone', { 'a.json': '{}', 'b.json': '{}' });
  await expect(page.getByTestId('model-file-message')).toContainText('Drop one file');
  await expect(page.getByTestId('model-facts')).toContainText('80 layers');
});
