/** Type-level pins of the IPC contract: a channel's input and output types cannot drift apart silently. */
import { describe, expectTypeOf, it } from 'vitest';
import type { UserNotes } from '../settings/settings-schema';
import type { API_METHOD_CHANNELS, IPC_CHANNELS } from './contract';
import { type AppApi, type IpcInput, type IpcOutputs, type IpcResult, type ScanResult } from './contract';

describe('IPC contract', () => {
  it('maps every AppApi method to a channel, and every channel has an output type', () => {
    expectTypeOf<keyof typeof API_METHOD_CHANNELS>().toEqualTypeOf<Exclude<keyof AppApi, 'onScanProgress'>>();
    expectTypeOf<(typeof IPC_CHANNELS)[number]>().toEqualTypeOf<keyof IpcOutputs>();
  });

  it('pins the inputs and outputs of each channel', () => {
    expectTypeOf<IpcInput<'settings:set-notes'>>().toEqualTypeOf<UserNotes>();
    expectTypeOf<IpcInput<'hardware:scan'>>().toEqualTypeOf<undefined>();
    expectTypeOf<IpcOutputs['hardware:load-capture']>().toEqualTypeOf<ScanResult>();
    expectTypeOf<AppApi['scanHardware']>().returns.resolves.toEqualTypeOf<IpcResult<ScanResult>>();
    expectTypeOf<AppApi['setNotes']>().parameter(0).toEqualTypeOf<UserNotes>();
  });
});
