/**
 * The one IPC contract between renderer and main: channel names (`domain:verb`), input schemas
 * (validated in main), and result types. The preload bridge and the web bridge both implement `AppApi`.
 */
import { z } from 'zod';
import type { HardwareProfile } from '../hardware/profile';
import { CAPTURE_FILE_NAMES } from '../hardware/capture-format';
import { userNotesSchema, type UserNotes } from '../settings/settings-schema';

/** Largest single capture file accepted over IPC (an 8-GPU `nvidia-smi -q -x` is ~300 KB). */
export const MAX_CAPTURE_FILE_BYTES = 8 * 1024 * 1024;

export const captureFilesInputSchema = z.object({
  /** Capture file name → its text. Unknown names are rejected, so a picked folder cannot smuggle other files in. */
  files: z
    .partialRecord(
      z.enum(CAPTURE_FILE_NAMES as [string, ...string[]]),
      z.string().max(MAX_CAPTURE_FILE_BYTES),
    )
    .refine((files) => Object.keys(files).length > 0, 'the capture has none of the known files'),
  /** Display name of the folder the files came from. */
  label: z.string().max(300),
});

export const noInputSchema = z.undefined();

export const IPC_INPUT_SCHEMAS = {
  'hardware:scan': noInputSchema,
  'hardware:load-capture': captureFilesInputSchema,
  'settings:get-notes': noInputSchema,
  'settings:set-notes': userNotesSchema,
  'app:info': noInputSchema,
} as const;

export type IpcChannel = keyof typeof IPC_INPUT_SCHEMAS;
export const IPC_CHANNELS = Object.keys(IPC_INPUT_SCHEMAS) as IpcChannel[];

export interface ScanResult {
  readonly profile: HardwareProfile;
  /** Where the profile came from: this machine, or a capture folder. */
  readonly origin: { readonly kind: 'live' } | { readonly kind: 'capture'; readonly label: string };
  /** Milliseconds the probe took. */
  readonly durationMs: number;
}

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
  /** `electron` in the desktop app, `web` under `npm run web`. */
  readonly shell: 'electron' | 'web';
  /** Notice shown once, e.g. that a corrupt settings file was backed up. */
  readonly notices: readonly string[];
}

export interface IpcOutputs {
  'hardware:scan': ScanResult;
  'hardware:load-capture': ScanResult;
  'settings:get-notes': UserNotes;
  'settings:set-notes': UserNotes;
  'app:info': AppInfo;
}

export type IpcInput<C extends IpcChannel> = z.input<(typeof IPC_INPUT_SCHEMAS)[C]>;

export type IpcErrorCode = 'bad-input' | 'forbidden' | 'failed';
export type IpcResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: IpcErrorCode; readonly message: string } };

/** Push events from main to the renderer. */
export interface ScanProgress {
  /** Collector that just finished, e.g. `nvidia-smi-q.xml`. */
  readonly step: string;
  readonly done: number;
  readonly total: number;
}
export const IPC_EVENTS = { scanProgress: 'hardware:scan-progress' } as const;

/** What the renderer sees. Every method resolves to an `IpcResult`; none throws for expected failures. */
export interface AppApi {
  scanHardware(): Promise<IpcResult<ScanResult>>;
  loadCapture(input: IpcInput<'hardware:load-capture'>): Promise<IpcResult<ScanResult>>;
  getNotes(): Promise<IpcResult<UserNotes>>;
  setNotes(notes: UserNotes): Promise<IpcResult<UserNotes>>;
  appInfo(): Promise<IpcResult<AppInfo>>;
  /** Subscribe to scan progress; returns the unsubscribe function. */
  onScanProgress(listener: (progress: ScanProgress) => void): () => void;
}

/** Method name on `AppApi` for each invoke channel; the bridges are built from this table. */
export const API_METHOD_CHANNELS = {
  scanHardware: 'hardware:scan',
  loadCapture: 'hardware:load-capture',
  getNotes: 'settings:get-notes',
  setNotes: 'settings:set-notes',
  appInfo: 'app:info',
} as const satisfies Record<Exclude<keyof AppApi, 'onScanProgress'>, IpcChannel>;
