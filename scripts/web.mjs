// `npm run web`: the app in a browser. On a fresh clone there is no build yet; build it first (once)
// instead of failing with MODULE_NOT_FOUND, then serve.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const entry = 'out/node/web.js';
if (!existsSync(entry) || !existsSync('out/renderer/index.html')) {
  console.error('No build yet: building first (npm run build)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const child = spawn(process.execPath, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
