// Electronegativity findings we accept, each with the reason. Anything else above INFORMATIONAL fails the scan.
export const ACCEPTED = [
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    why: "The CSP allows style-src 'unsafe-inline' only: Mantine sets CSS variables through style attributes, which nonces cannot cover. script-src stays 'self', so no injected script runs.",
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main/security.ts',
    why: 'openExternal is reached only through isAllowedExternalUrl, which lets https: URLs alone through (tested in app-url.test.ts).',
  },
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'electron/main/window.ts',
    why: 'The preload is ours and exposes named AppApi functions only (no ipcRenderer, no channel choice) — STYLE.md IPC rules.',
  },
];
