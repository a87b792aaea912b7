/** machines:* and state:* through the real dispatch, handlers and a conf store in a temp folder. */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeProfile } from '@shared/hardware/merge/merge-profile';
import type { HardwareProfile } from '@shared/hardware/profile';
import type { IpcChannel } from '@shared/ipc/contract';
import { MAX_SAVED_MACHINES } from '@shared/settings/saved-machine';
import { EMPTY_USER_NOTES } from '@shared/settings/settings-schema';
import { readCaptureDir } from '../../probe/capture-dir';
import { openConfSettings } from '../store/conf-settings';
import { dispatch, type AppHandlers } from './dispatch';
import { createAppHandlers } from './handlers';
import { tempDirs } from '../../../test/support/temp-dirs';

const newTempDir = tempDirs('rig-machines-');

const CAPTURES = resolve(__dirname, '../../../fixtures/capture-dirs');
const ctx = { emitProgress: () => undefined };

function handlersIn(dir: string): AppHandlers {
  return createAppHandlers({
    hardware: {
      scanLive: async () => ({}) as never,
      analyseFiles: async () => ({}) as never,
      analyseDir: async () => ({}) as never,
    },
    settings: openConfSettings(dir),
    info: { version: '0.0.0-test', platform: 'linux', shell: 'web' },
  });
}

/** Dispatches and returns the value, failing the test on an error result. */
async function ok<C extends IpcChannel>(handlers: AppHandlers, channel: C, input?: unknown) {
  const result = await dispatch(handlers, channel, input, ctx);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const freshDir = (): string => newTempDir();
let profile: HardwareProfile;

beforeAll(async () => {
  profile = mergeProfile(await readCaptureDir(join(CAPTURES, 'dual-rtx-a5000')));
});

describe('machines and state channels', () => {
  it('saves a scanned machine, lists it, exports it as a file; importing it back keeps one row; deletes it', async () => {
    const handlers = handlersIn(freshDir());
    const saved = await ok(handlers, 'machines:save', {
      name: 'Workstation',
      kind: 'scanned',
      profile,
      notes: EMPTY_USER_NOTES,
    });
    expect(await ok(handlers, 'machines:list')).toEqual([saved]);

    const text = await ok(handlers, 'machines:export', { id: saved.id });
    expect(JSON.parse(text)).toEqual({ format: 'rig-advisor-machine', version: 1, machine: saved });

    // The same machine again is the one already saved, not a second identical row.
    const imported = await ok(handlers, 'machines:import', { text });
    expect(imported).toEqual(saved);
    expect((await ok(handlers, 'machines:list')).map((m) => m.id)).toEqual([saved.id]);

    expect(await ok(handlers, 'machines:delete', { id: saved.id })).toEqual([]);
  });

  it('accepts the profile of every capture fixture as a scanned machine', async () => {
    const handlers = handlersIn(freshDir());
    for (const name of readdirSync(CAPTURES)) {
      const scanned = mergeProfile(await readCaptureDir(join(CAPTURES, name)));
      const result = await dispatch(
        handlers,
        'machines:save',
        { name, kind: 'scanned', profile: scanned, notes: EMPTY_USER_NOTES },
        ctx,
      );
      expect(result.ok, `${name}: ${JSON.stringify(result)}`).toBe(true);
    }
  });

  it.each([
    ['machines:save', { name: '', kind: 'planned', gpus: ['rtx-3090'], notes: EMPTY_USER_NOTES }, /name/],
    ['machines:save', { name: 'x', kind: 'planned', notes: EMPTY_USER_NOTES }, /list of GPUs/],
    ['machines:save', { name: 'x', kind: 'planned', gpus: ['RTX 3090!'], notes: EMPTY_USER_NOTES }, /gpus/],
    ['machines:delete', { id: '../settings' }, /machine id/],
    ['machines:export', undefined, /machines:export/],
    ['machines:import', { text: 42 }, /text/],
    ['state:set', { step: 'commands', runtime: 'tgi' }, /runtime/],
    ['state:set', { stepp: 'commands' }, /state:set/],
    ['state:get', { sneaky: true }, /state:get/],
  ] as const)('%s refuses bad input %j before any handler runs', async (channel, input, pattern) => {
    const result = await dispatch(handlersIn(freshDir()), channel, input, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad-input');
      expect(result.error.message).toMatch(pattern);
    }
  });

  it('says clearly why a machine file cannot be opened, and what is missing on export', async () => {
    const handlers = handlersIn(freshDir());
    const notJson = await dispatch(handlers, 'machines:import', { text: 'PK\u0003\u0004' }, ctx);
    expect(notJson).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message: expect.stringMatching(/^This is not a machine file: it is not valid JSON/),
      },
    });
    const other = await dispatch(handlers, 'machines:import', { text: '{"format":"vscode"}' }, ctx);
    expect(other.ok ? '' : other.error.message).toMatch(/not a Rig Advisor machine file/);
    const missing = await dispatch(handlers, 'machines:export', { id: 'gone' }, ctx);
    expect(missing.ok ? '' : missing.error.message).toBe('There is no saved machine with id gone.');
  });

  it(`stops at ${MAX_SAVED_MACHINES} saved machines with a message`, async () => {
    const dir = freshDir();
    const machines = Array.from({ length: MAX_SAVED_MACHINES }, (_, i) => ({
      id: `m${i}`,
      name: `Machine ${i}`,
      savedAt: '2025-01-01T00:00:00.000Z',
      kind: 'planned',
      gpus: ['rtx-3090'],
      notes: EMPTY_USER_NOTES,
    }));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ notes: EMPTY_USER_NOTES, machines }));
    const full = await dispatch(
      handlersIn(dir),
      'machines:save',
      { name: 'One more', kind: 'planned', gpus: ['rtx-3090'], notes: EMPTY_USER_NOTES },
      ctx,
    );
    expect(full.ok ? '' : full.error.message).toMatch(/100 saved machines.*delete one first/);
  });

  it('keeps the wizard state across restarts', async () => {
    const dir = freshDir();
    expect(await ok(handlersIn(dir), 'state:get')).toBeNull();
    const state = {
      step: 'checklist',
      modelId: 'qwen2.5-72b',
      quant: 'Q4_K_M',
      ctx: 16384,
      goal: 'throughput',
      runtime: null,
      split: 'auto',
      machineSource: { kind: 'planned', gpus: ['rtx-4090', 'rtx-4090'] },
    } as const;
    expect(await ok(handlersIn(dir), 'state:set', state)).toEqual(state);
    expect(await ok(handlersIn(dir), 'state:get')).toEqual(state);
  });

  it('reports a corrupt settings file with saved machines through app:info, and starts empty', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'settings.json'), '{"machines": [{"id": "m1", "name": "Rig"');
    const handlers = handlersIn(dir);
    const info = await ok(handlers, 'app:info');
    expect(info.notices).toEqual([
      expect.stringMatching(
        /could not be read because it is not valid JSON.*settings\.corrupt-.*fresh settings/,
      ),
    ]);
    expect(await ok(handlers, 'machines:list')).toEqual([]);
  });
});
