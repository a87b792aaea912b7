/** hardware:open-capture-dialog: a real capture folder through the dialog, cancel, a wrong folder, the web shell. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHardwareService } from '../../probe/hardware-service';
import { createCaptureHandlers, OPEN_CAPTURE_WEB_MESSAGE } from './capture-handlers';
import { dispatch } from './dispatch';

const A5000 = resolve(__dirname, '../../../fixtures/capture-dirs/dual-rtx-a5000');
const ctx = { emitProgress: () => undefined };
const hardware = createHardwareService();
const handlersPicking = (dir: string | null) =>
  createCaptureHandlers(hardware, async () => dir) as Parameters<typeof dispatch>[0];

let notACapture: string;
beforeAll(async () => {
  notACapture = await mkdtemp(join(tmpdir(), 'rig-not-capture-'));
  await writeFile(join(notACapture, 'holiday.jpg'), 'not a capture file');
});
afterAll(() => rm(notACapture, { recursive: true, force: true }));

describe('hardware:open-capture-dialog', () => {
  it('reads the chosen folder as a capture and labels it with the folder', async () => {
    const result = await dispatch(handlersPicking(A5000), 'hardware:open-capture-dialog', undefined, ctx);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value?.origin).toEqual({ kind: 'capture', label: A5000 });
    expect(result.value?.profile.gpus.map((g) => g.name)).toEqual(['NVIDIA RTX A5000', 'NVIDIA RTX A5000']);
  });

  it('answers null when the dialog is cancelled', async () => {
    expect(await dispatch(handlersPicking(null), 'hardware:open-capture-dialog', undefined, ctx)).toEqual({
      ok: true,
      value: null,
    });
  });

  it('says in one line why a folder is not a capture', async () => {
    const result = await dispatch(
      handlersPicking(notACapture),
      'hardware:open-capture-dialog',
      undefined,
      ctx,
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'failed', message: expect.stringMatching(/holds no capture files/) },
    });
  });

  it('is unsupported without the desktop dialog (npm run web)', async () => {
    const web = createCaptureHandlers(hardware, undefined) as Parameters<typeof dispatch>[0];
    expect(await dispatch(web, 'hardware:open-capture-dialog', undefined, ctx)).toEqual({
      ok: false,
      error: { code: 'unsupported', message: OPEN_CAPTURE_WEB_MESSAGE },
    });
  });
});
