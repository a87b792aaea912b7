/**
 * `AppApi` over the loopback web server (`npm run web`): each method POSTs to `/api/<channel>`
 * with the per-run token, progress arrives as Server-Sent Events. Used when there is no preload.
 */
import {
  API_METHOD_CHANNELS,
  IPC_EVENTS,
  type AppApi,
  type IpcChannel,
  type IpcOutputs,
  type IpcResult,
  type ScanProgress,
} from '@shared/ipc/contract';

const TOKEN_KEY = 'rig-advisor-token';

/** Reads `?token=` once, keeps it in sessionStorage and removes it from the address bar. */
export function takeToken(win: Window = window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return win.sessionStorage.getItem(TOKEN_KEY);
}

function failure<T>(message: string, code: 'forbidden' | 'failed' = 'failed'): IpcResult<T> {
  return { ok: false, error: { code, message } };
}

/** What only the desktop app does: `unsupported`, which the page falls back from. */
function desktopOnly<T>(what: string): Promise<IpcResult<T>> {
  return Promise.resolve({
    ok: false,
    error: { code: 'unsupported', message: `${what} needs the desktop app` },
  });
}

function isIpcResult(value: unknown): value is IpcResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

async function post<C extends IpcChannel>(
  token: string,
  channel: C,
  input?: unknown,
): Promise<IpcResult<IpcOutputs[C]>> {
  let response: Response;
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'x-rig-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ input }),
    });
  } catch (error) {
    return failure(
      `Could not reach the Rig Advisor server: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (isIpcResult(body)) return body as IpcResult<IpcOutputs[C]>;
  if (response.status === 403)
    return failure(
      'The server refused the request: the session token is missing or wrong. Open the URL the server printed.',
      'forbidden',
    );
  return failure(`The server answered HTTP ${response.status} to ${channel}.`);
}

export function createHttpBridge(token: string): AppApi {
  const listeners = new Set<(progress: ScanProgress) => void>();
  let source: EventSource | null = null;
  const ensureEvents = (): void => {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.addEventListener(IPC_EVENTS.scanProgress, (event) => {
      const progress = JSON.parse((event as MessageEvent<string>).data) as ScanProgress;
      for (const listener of listeners) listener(progress);
    });
  };
  return {
    scanHardware: () => post(token, API_METHOD_CHANNELS.scanHardware),
    loadCapture: (input) => post(token, API_METHOD_CHANNELS.loadCapture, input),
    // Desktop only: the server answers `unsupported` (a page may not open dialogs on the server's machine).
    openCaptureDialog: () => post(token, API_METHOD_CHANNELS.openCaptureDialog),
    getNotes: () => post(token, API_METHOD_CHANNELS.getNotes),
    setNotes: (notes) => post(token, API_METHOD_CHANNELS.setNotes, notes),
    appInfo: () => post(token, API_METHOD_CHANNELS.appInfo),
    listMachines: () => post(token, API_METHOD_CHANNELS.listMachines),
    saveMachine: (input) => post(token, API_METHOD_CHANNELS.saveMachine, input),
    deleteMachine: (input) => post(token, API_METHOD_CHANNELS.deleteMachine, input),
    exportMachine: (input) => post(token, API_METHOD_CHANNELS.exportMachine, input),
    importMachine: (input) => post(token, API_METHOD_CHANNELS.importMachine, input),
    getState: () => post(token, API_METHOD_CHANNELS.getState),
    setState: (state) => post(token, API_METHOD_CHANNELS.setState, state),
    // Desktop only (the server would answer 501 `unsupported`): said here without a request, so the
    // page falls back (the PDF made in the page, the GGUF message) with no failed request in the console.
    importModelFile: () => desktopOnly('importing a GGUF file'),
    saveReportPdf: () => desktopOnly('saving the checklist as a PDF from the desktop app'),
    // No application menu in a browser.
    onMenu: () => () => undefined,
    // A browser never reveals a file's path.
    pathForFile: () => '',
    onScanProgress: (listener) => {
      listeners.add(listener);
      ensureEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
