// `npm start` (after the build): opens the desktop app; where no Electron binary exists, says why and
// serves the same UI on a loopback URL instead (`npm run web`), so the app can still be used.
import { spawn } from 'node:child_process';
import { findElectronBinary } from './electron-binary.cjs';

const electron = findElectronBinary();
const [command, args] = electron.path
  ? [electron.path, ['.', ...process.argv.slice(2)]]
  : [process.execPath, ['out/node/web.js', ...process.argv.slice(2)]];
if (!electron.path) {
  console.error(`Electron cannot start here: ${electron.reason}.`);
  console.error('Serving the same app in your browser instead — open the URL below:');
}
const child = spawn(command, args, { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
