/**
 * The one way the renderer reaches main: the preload's `window.rigAdvisor` inside Electron,
 * otherwise the loopback HTTP bridge of `npm run web`.
 */
import type { AppApi } from '@shared/ipc/contract';
import { createHttpBridge, takeToken } from './http-bridge';

declare global {
  interface Window {
    /** Exposed by the preload through `contextBridge`; absent in a plain browser. */
    readonly rigAdvisor?: AppApi;
  }
}

let cached: AppApi | null = null;

export function getApi(): AppApi {
  if (cached) return cached;
  cached = window.rigAdvisor ?? createHttpBridge(takeToken() ?? '');
  return cached;
}
