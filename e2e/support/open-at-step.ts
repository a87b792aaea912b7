/**
 * Opens the app on a step with a model already chosen, the way it reopens after a restart: the state
 * is stored through the server's `state:set` (what the page itself saves as the user goes), then the
 * page loads and restores it. For tests about what a step shows, not about how the user got there —
 * picking the model through the comboboxes costs each test 1.5–2 s; flow.spec.ts and
 * restore-state.spec.ts cover the picking and the restoring.
 */
import type { Page } from '@playwright/test';
import { FlowPage } from '../pages/flow-page';

/** What the app restores (a subset of shared/settings/app-state.ts, which `state:set` validates). */
export interface StartState {
  /** Step id, as in the `step-<id>` test ids: `model`, `checks`, `strategy`, … */
  readonly step: string;
  readonly modelId: string;
  readonly quant: string;
}

export async function openAtStep(page: Page, appUrl: string, state: StartState): Promise<void> {
  const url = new URL(appUrl);
  const reply = await fetch(new URL('/api/state:set', url.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rig-token': url.searchParams.get('token') ?? '' },
    body: JSON.stringify({ input: state }),
  });
  if (!reply.ok) throw new Error(`state:set answered ${reply.status}: ${await reply.text()}`);
  const flow = new FlowPage(page);
  await page.goto(appUrl);
  await flow.planReady.waitFor();
  await flow.step(state.step).waitFor();
}
