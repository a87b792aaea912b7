/** Type-level pins of the IPC contract: a channel's input and output types cannot drift apart silently. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AppState } from '../settings/app-state';
import type { SavedMachine, SaveMachineInput } from '../settings/saved-machine';
import type { UserNotes } from '../settings/settings-schema';
import { API_METHOD_CHANNELS, IPC_CHANNELS, IPC_EVENTS, MENU_ACTION_EVENTS } from './contract';
import {
  type AppApi,
  type AppApiLocalMember,
  type IpcErrorCode,
  type IpcInput,
  type IpcOutputs,
  type IpcResult,
  type MenuAction,
  type ModelImportResult,
  type ScanResult,
} from './contract';

describe('IPC contract', () => {
  it('maps every AppApi method to a channel, and every channel has an output type', () => {
    expectTypeOf<keyof typeof API_METHOD_CHANNELS>().toEqualTypeOf<
      Exclude<keyof AppApi, AppApiLocalMember>
    >();
    expectTypeOf<(typeof IPC_CHANNELS)[number]>().toEqualTypeOf<keyof IpcOutputs>();
    expect(new Set(Object.values(API_METHOD_CHANNELS))).toEqual(new Set(IPC_CHANNELS));
  });

  it('pins the inputs and outputs of each channel', () => {
    expectTypeOf<IpcInput<'settings:set-notes'>>().toEqualTypeOf<UserNotes>();
    expectTypeOf<IpcInput<'hardware:scan'>>().toEqualTypeOf<undefined>();
    expectTypeOf<IpcOutputs['hardware:load-capture']>().toEqualTypeOf<ScanResult>();
    expectTypeOf<AppApi['scanHardware']>().returns.resolves.toEqualTypeOf<IpcResult<ScanResult>>();
    expectTypeOf<AppApi['setNotes']>().parameter(0).toEqualTypeOf<UserNotes>();
  });

  it('pins the machine, state, model-file and PDF channels', () => {
    expectTypeOf<IpcInput<'machines:save'>>().toEqualTypeOf<SaveMachineInput>();
    expectTypeOf<IpcOutputs['machines:save']>().toEqualTypeOf<SavedMachine>();
    expectTypeOf<IpcInput<'machines:delete'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<IpcOutputs['machines:export']>().toEqualTypeOf<string>();
    expectTypeOf<IpcInput<'machines:import'>>().toEqualTypeOf<{ text: string }>();
    expectTypeOf<IpcOutputs['state:get']>().toEqualTypeOf<AppState | null>();
    expectTypeOf<IpcInput<'model:import-file'>>().toEqualTypeOf<{
      path: string;
      quant?: string | undefined;
    }>();
    expectTypeOf<IpcOutputs['model:import-file']>().toEqualTypeOf<ModelImportResult>();
    expectTypeOf<IpcInput<'report:save-pdf'>>().toEqualTypeOf<{ html: string; suggestedName: string }>();
    expectTypeOf<IpcOutputs['report:save-pdf']>().toEqualTypeOf<{ readonly path: string } | null>();
    expectTypeOf<IpcErrorCode>().toEqualTypeOf<'bad-input' | 'forbidden' | 'failed' | 'unsupported'>();
  });

  it('names one push event per menu action', () => {
    expectTypeOf<Parameters<Parameters<AppApi['onMenu']>[0]>[0]>().toEqualTypeOf<MenuAction>();
    expect(MENU_ACTION_EVENTS).toEqual({
      'open-capture': IPC_EVENTS.menuOpenCapture,
      'save-report': IPC_EVENTS.menuSaveReport,
    });
    expect(IPC_EVENTS.menuOpenCapture).toBe('menu:open-capture');
    expect(IPC_EVENTS.menuSaveReport).toBe('menu:save-report');
  });
});
