/** Types for electron-binary.mjs (used by the Electron e2e spec). */
export function findElectronBinary():
  { path: string; reason?: undefined } | { path?: undefined; reason: string };
