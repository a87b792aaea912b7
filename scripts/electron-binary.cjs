// Finds the Electron binary WITHOUT triggering Electron's download-on-require (which hangs or
// throws where its download host is unreachable). Returns { path } or { reason }.
// CommonJS so both `npm start` (ESM) and the Playwright spec (transpiled TS) can load it.
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

function findElectronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed (run npm ci)' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidate = override
    ? join(override, relative ?? 'electron')
    : relative
      ? join(pkgDir, 'dist', relative)
      : null;
  if (candidate && existsSync(candidate)) return { path: candidate };
  return {
    reason: candidate
      ? `the Electron binary is missing at ${candidate}`
      : 'the Electron binary has not been downloaded (Electron fetches it on first use, and its download host is not reachable from here; ELECTRON_OVERRIDE_DIST_PATH can point at a local Electron build)',
  };
}

module.exports = { findElectronBinary };
