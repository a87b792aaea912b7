import { describe, expect, it, vi } from 'vitest';
import { EMPTY_USER_NOTES } from '@shared/settings/settings-schema';
import { dispatch, dispatchFromSender, UserFacingError, type AppHandlers } from './dispatch';

const ctx = { emitProgress: () => undefined };

function fakeHandlers(overrides: Partial<AppHandlers> = {}): AppHandlers {
  return {
    'hardware:scan': vi.fn(),
    'hardware:load-capture': vi.fn(
      async (input) => ({ origin: { kind: 'capture', label: input.label } }) as never,
    ),
    'settings:get-notes': vi.fn(async () => EMPTY_USER_NOTES),
    'settings:set-notes': vi.fn(async (notes) => notes),
    'app:info': vi.fn(),
    ...overrides,
  } as AppHandlers;
}

describe('IPC dispatch', () => {
  it('refuses a request from a frame that is not the app page, before running anything', async () => {
    const handlers = fakeHandlers();
    const result = await dispatchFromSender(
      handlers,
      'settings:get-notes',
      { url: 'https://evil.example/', isAppUrl: () => false },
      undefined,
      ctx,
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('evil.example') },
    });
    expect(handlers['settings:get-notes']).not.toHaveBeenCalled();
  });

  it('rejects invalid input with the field that failed, without calling the handler', async () => {
    const handlers = fakeHandlers();
    const bad = { ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: -5 } };
    const result = await dispatch(handlers, 'settings:set-notes', bad, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        code: 'bad-input',
        message: expect.stringContaining('psu.watts'),
      });
    expect(handlers['settings:set-notes']).not.toHaveBeenCalled();
  });

  it('rejects capture files with names outside the capture format (no smuggled paths)', async () => {
    const result = await dispatch(
      fakeHandlers(),
      'hardware:load-capture',
      { label: 'x', files: { '../../etc/passwd': 'root' } },
      ctx,
    );
    expect(result.ok).toBe(false);
  });

  it('rejects input on channels that take none', async () => {
    const result = await dispatch(fakeHandlers(), 'settings:get-notes', { sneaky: true }, ctx);
    expect(result.ok).toBe(false);
  });

  it('passes valid input through and wraps the answer', async () => {
    const result = await dispatch(
      fakeHandlers(),
      'hardware:load-capture',
      { label: 'rig', files: { 'lspci.txt': '' } },
      ctx,
    );
    expect(result).toEqual({ ok: true, value: { origin: { kind: 'capture', label: 'rig' } } });
  });

  it('turns a user-facing failure into its message and a bug into a generic failure', async () => {
    const handlers = fakeHandlers({
      'settings:get-notes': async () => {
        throw new UserFacingError('the settings file is locked');
      },
    });
    expect(await dispatch(handlers, 'settings:get-notes', undefined, ctx)).toEqual({
      ok: false,
      error: { code: 'failed', message: 'the settings file is locked' },
    });
  });

  it('passes the unsupported code through, so the renderer can fall back', async () => {
    const handlers = fakeHandlers({
      'settings:get-notes': async () => {
        throw new UserFacingError('desktop only', 'unsupported');
      },
    });
    expect(await dispatch(handlers, 'settings:get-notes', undefined, ctx)).toEqual({
      ok: false,
      error: { code: 'unsupported', message: 'desktop only' },
    });
  });
});
