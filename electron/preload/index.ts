/**
 * The preload: builds the narrow `AppApi` from the shared contract and exposes it as
 * `window.rigAdvisor`. Named functions only — the page can never pick a channel itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHOD_CHANNELS, IPC_EVENTS, type AppApi, type ScanProgress } from '@shared/ipc/contract';

const invoke =
  (channel: string) =>
  (input?: unknown): Promise<never> =>
    ipcRenderer.invoke(channel, input) as Promise<never>;

const api: AppApi = {
  scanHardware: () => invoke(API_METHOD_CHANNELS.scanHardware)(),
  loadCapture: (input) => invoke(API_METHOD_CHANNELS.loadCapture)(input),
  getNotes: () => invoke(API_METHOD_CHANNELS.getNotes)(),
  setNotes: (notes) => invoke(API_METHOD_CHANNELS.setNotes)(notes),
  appInfo: () => invoke(API_METHOD_CHANNELS.appInfo)(),
  onScanProgress: (listener) => {
    const wrapped = (_event: IpcRendererEvent, progress: ScanProgress): void => listener(progress);
    ipcRenderer.on(IPC_EVENTS.scanProgress, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENTS.scanProgress, wrapped);
  },
};

contextBridge.exposeInMainWorld('rigAdvisor', api);
