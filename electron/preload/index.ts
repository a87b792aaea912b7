/**
 * The preload: builds the narrow `AppApi` from the shared contract and exposes it as
 * `window.rigAdvisor`. Named functions only — the page can never pick a channel itself.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  API_METHOD_CHANNELS,
  IPC_EVENTS,
  MENU_ACTION_EVENTS,
  type AppApi,
  type MenuAction,
  type ScanProgress,
} from '@shared/ipc/contract';

const invoke =
  (channel: string) =>
  (input?: unknown): Promise<never> =>
    ipcRenderer.invoke(channel, input) as Promise<never>;

const C = API_METHOD_CHANNELS;

const api: AppApi = {
  scanHardware: () => invoke(C.scanHardware)(),
  loadCapture: (input) => invoke(C.loadCapture)(input),
  openCaptureDialog: () => invoke(C.openCaptureDialog)(),
  getNotes: () => invoke(C.getNotes)(),
  setNotes: (notes) => invoke(C.setNotes)(notes),
  appInfo: () => invoke(C.appInfo)(),
  listMachines: () => invoke(C.listMachines)(),
  saveMachine: (input) => invoke(C.saveMachine)(input),
  deleteMachine: (input) => invoke(C.deleteMachine)(input),
  exportMachine: (input) => invoke(C.exportMachine)(input),
  importMachine: (input) => invoke(C.importMachine)(input),
  getState: () => invoke(C.getState)(),
  setState: (state) => invoke(C.setState)(state),
  importModelFile: (input) => invoke(C.importModelFile)(input),
  saveReportPdf: (input) => invoke(C.saveReportPdf)(input),
  onScanProgress: (listener) => {
    const wrapped = (_event: IpcRendererEvent, progress: ScanProgress): void => listener(progress);
    ipcRenderer.on(IPC_EVENTS.scanProgress, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENTS.scanProgress, wrapped);
  },
  onMenu: (listener) => {
    const entries = Object.entries(MENU_ACTION_EVENTS) as [MenuAction, string][];
    const wrapped = entries.map(([action, channel]) => {
      const handler = (): void => listener(action);
      ipcRenderer.on(channel, handler);
      return () => ipcRenderer.removeListener(channel, handler);
    });
    return () => wrapped.forEach((unsubscribe) => unsubscribe());
  },
  // Electron only: the real path of a dropped or picked File ('' for files not on disk).
  pathForFile: (file) => webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]),
};

contextBridge.exposeInMainWorld('rigAdvisor', api);
