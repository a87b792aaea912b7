/**
 * The one IPC contract between renderer and main: channel names (`domain:verb`), input schemas
 * (validated in main), and result types. The preload bridge and the web bridge both implement `AppApi`.
 */
import { z } from 'zod';
import type { HardwareProfile } from '../hardware/profile';
import { CAPTURE_FILE_NAMES } from '../hardware/capture-format';
import type { EngineModel } from '../model-import/model-weights';
import { appStateSchema, type AppState } from '../settings/app-state';
import {
  MAX_MACHINE_FILE_CHARS,
  machineIdSchema,
  saveMachineInputSchema,
  type SavedMachine,
} from '../settings/saved-machine';
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

/** Largest report HTML accepted for `report:save-pdf`, characters (a checklist is ~50 KB). */
export const MAX_REPORT_HTML_CHARS = 5 * 1024 * 1024;

export const machineRefInputSchema = z.object({ id: machineIdSchema });

export const machineImportInputSchema = z.object({
  /** The whole text of a machine file the user picked. */
  text: z.string().max(MAX_MACHINE_FILE_CHARS),
});

export const modelImportInputSchema = z.object({
  /** Absolute path of a `.gguf` or `config.json`-style `.json` file, from the preload's `pathForFile`. */
  path: z.string().min(1).max(4096),
  /** Quantization id for a config.json model (`Q4_K_M`, `awq`); a GGUF file carries its own. */
  quant: z.string().max(40).optional(),
});

export const savePdfInputSchema = z.object({
  /** A complete, self-contained HTML document (the print-ready checklist). Scripts do not run. */
  html: z.string().min(1).max(MAX_REPORT_HTML_CHARS),
  /** File name offered in the save dialog; cleaned up and given a `.pdf` ending in main. */
  suggestedName: z.string().max(200),
});

export const IPC_INPUT_SCHEMAS = {
  'hardware:scan': noInputSchema,
  'hardware:load-capture': captureFilesInputSchema,
  'hardware:open-capture-dialog': noInputSchema,
  'settings:get-notes': noInputSchema,
  'settings:set-notes': userNotesSchema,
  'app:info': noInputSchema,
  'machines:list': noInputSchema,
  'machines:save': saveMachineInputSchema,
  'machines:delete': machineRefInputSchema,
  'machines:export': machineRefInputSchema,
  'machines:import': machineImportInputSchema,
  'state:get': noInputSchema,
  'state:set': appStateSchema,
  'model:import-file': modelImportInputSchema,
  'report:save-pdf': savePdfInputSchema,
} as const;

export type IpcChannel = keyof typeof IPC_INPUT_SCHEMAS;
export const IPC_CHANNELS = Object.keys(IPC_INPUT_SCHEMAS) as IpcChannel[];

export interface ScanResult {
  readonly profile: HardwareProfile;
  /** Where the profile came from: this machine, a capture folder, or the saved-machines list. */
  readonly origin:
    | { readonly kind: 'live' }
    | { readonly kind: 'capture'; readonly label: string }
    | { readonly kind: 'saved'; readonly label: string; readonly machineId: string };
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

/** A model read from a file: the engine's view of it, and what the importer assumed (one sentence each). */
export interface ModelImportResult {
  readonly model: EngineModel;
  readonly notes: readonly string[];
}

export interface IpcOutputs {
  'hardware:scan': ScanResult;
  'hardware:load-capture': ScanResult;
  /** The capture folder chosen in main's folder dialog, analysed; null when the user cancelled. */
  'hardware:open-capture-dialog': ScanResult | null;
  'settings:get-notes': UserNotes;
  'settings:set-notes': UserNotes;
  'app:info': AppInfo;
  'machines:list': readonly SavedMachine[];
  /** The machine as stored (new id and `savedAt` filled in). */
  'machines:save': SavedMachine;
  /** The list left after deleting (unchanged when the id was not there). */
  'machines:delete': readonly SavedMachine[];
  /** The machine file's JSON text: `{ format: 'rig-advisor-machine', version: 1, machine }`. */
  'machines:export': string;
  /** The opened machine, added to the saved list under a new id. */
  'machines:import': SavedMachine;
  /** Where the wizard was left, or null when nothing was saved yet. */
  'state:get': AppState | null;
  'state:set': AppState;
  'model:import-file': ModelImportResult;
  /** Where the PDF was written, or null when the user cancelled the save dialog. */
  'report:save-pdf': { readonly path: string } | null;
}

export type IpcInput<C extends IpcChannel> = z.input<(typeof IPC_INPUT_SCHEMAS)[C]>;

/** `unsupported`: this shell cannot do it (e.g. PDF or GGUF import under `npm run web`); fall back. */
export type IpcErrorCode = 'bad-input' | 'forbidden' | 'failed' | 'unsupported';
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
export const IPC_EVENTS = {
  scanProgress: 'hardware:scan-progress',
  menuOpenCapture: 'menu:open-capture',
  menuSaveReport: 'menu:save-report',
} as const;

/** Application-menu commands the renderer carries out (desktop app only). */
export type MenuAction = 'open-capture' | 'save-report';
export const MENU_ACTION_EVENTS = {
  'open-capture': IPC_EVENTS.menuOpenCapture,
  'save-report': IPC_EVENTS.menuSaveReport,
} as const satisfies Record<MenuAction, string>;

/** The part of a DOM `File` the contract needs (shared/ has no DOM types); a real `File` fits. */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
}

/** What the renderer sees. Every method resolves to an `IpcResult`; none throws for expected failures. */
export interface AppApi {
  scanHardware(): Promise<IpcResult<ScanResult>>;
  loadCapture(input: IpcInput<'hardware:load-capture'>): Promise<IpcResult<ScanResult>>;
  /**
   * Desktop app only (File → Open capture…, where the page has no user gesture to open a picker):
   * main's folder dialog, then the folder read as a capture. Under `npm run web` it fails `unsupported`.
   */
  openCaptureDialog(): Promise<IpcResult<ScanResult | null>>;
  getNotes(): Promise<IpcResult<UserNotes>>;
  setNotes(notes: UserNotes): Promise<IpcResult<UserNotes>>;
  appInfo(): Promise<IpcResult<AppInfo>>;
  /** Subscribe to scan progress; returns the unsubscribe function. */
  onScanProgress(listener: (progress: ScanProgress) => void): () => void;
  listMachines(): Promise<IpcResult<readonly SavedMachine[]>>;
  saveMachine(input: IpcInput<'machines:save'>): Promise<IpcResult<SavedMachine>>;
  deleteMachine(input: IpcInput<'machines:delete'>): Promise<IpcResult<readonly SavedMachine[]>>;
  exportMachine(input: IpcInput<'machines:export'>): Promise<IpcResult<string>>;
  importMachine(input: IpcInput<'machines:import'>): Promise<IpcResult<SavedMachine>>;
  getState(): Promise<IpcResult<AppState | null>>;
  setState(state: IpcInput<'state:set'>): Promise<IpcResult<AppState>>;
  /** Desktop app only; under `npm run web` it fails with code `unsupported`. */
  importModelFile(input: IpcInput<'model:import-file'>): Promise<IpcResult<ModelImportResult>>;
  /** Desktop app only; under `npm run web` it fails with code `unsupported` (use `window.print()`). */
  saveReportPdf(input: IpcInput<'report:save-pdf'>): Promise<IpcResult<{ readonly path: string } | null>>;
  /** Subscribe to application-menu commands; returns the unsubscribe function. Never fires in a browser. */
  onMenu(listener: (action: MenuAction) => void): () => void;
  /**
   * Absolute path of a file the user dropped or picked (Electron's `webUtils.getPathForFile`), for
   * `importModelFile`. Works only in the desktop app; in a browser, and for files not on disk, it is `''`.
   */
  pathForFile(file: PickedFile): string;
}

/** AppApi members that are not invoke channels (events, and local helpers of the preload). */
export type AppApiLocalMember = 'onScanProgress' | 'onMenu' | 'pathForFile';

/** Method name on `AppApi` for each invoke channel; the bridges are built from this table. */
export const API_METHOD_CHANNELS = {
  scanHardware: 'hardware:scan',
  loadCapture: 'hardware:load-capture',
  openCaptureDialog: 'hardware:open-capture-dialog',
  getNotes: 'settings:get-notes',
  setNotes: 'settings:set-notes',
  appInfo: 'app:info',
  listMachines: 'machines:list',
  saveMachine: 'machines:save',
  deleteMachine: 'machines:delete',
  exportMachine: 'machines:export',
  importMachine: 'machines:import',
  getState: 'state:get',
  setState: 'state:set',
  importModelFile: 'model:import-file',
  saveReportPdf: 'report:save-pdf',
} as const satisfies Record<Exclude<keyof AppApi, AppApiLocalMember>, IpcChannel>;
