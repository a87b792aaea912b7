/**
 * `npm run web` (= `node out/node/web.js`): the renderer in any browser on this machine, over a
 * loopback server with a per-run token. The first stdout line is the URL to open; logs go to stderr.
 *
 *   node out/node/web.js [--replay DIR] [--user-data DIR] [--port N]
 *
 * Settings live in the per-user app-data folder (see user-data-dir.ts) unless --user-data names one;
 * either way a folder other users could write is refused.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { createAppHandlers } from '../main/ipc/handlers';
import { openConfSettings } from '../main/store/conf-settings';
import { createHardwareService } from '../probe/hardware-service';
import { startWebServer } from './server';
import { defaultUserDataDir, openPrivateDir, UserDataDirError } from './user-data-dir';

const USAGE = 'usage: node out/node/web.js [--replay CAPTURE_DIR] [--user-data DIR] [--port N]';

interface WebArgs {
  readonly replayDir: string | undefined;
  readonly userDataDir: string;
  readonly port: number;
}

function parseWebArgs(argv: readonly string[]): WebArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      replay: { type: 'string' },
      'user-data': { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.error(USAGE);
    process.exit(0);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0–65535, got ${values.port}`);
  const replayDir = values.replay === undefined ? undefined : resolve(values.replay);
  if (replayDir !== undefined && !existsSync(replayDir))
    throw new Error(`--replay: no such directory ${replayDir}`);
  return {
    replayDir,
    userDataDir: resolve(
      values['user-data'] ?? defaultUserDataDir(process.platform, process.env, os.homedir()),
    ),
    port,
  };
}

async function main(): Promise<void> {
  let args: WebArgs;
  try {
    args = parseWebArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  try {
    openPrivateDir(args.userDataDir);
  } catch (error) {
    if (!(error instanceof UserDataDirError)) throw error;
    console.error(`[web] ${error.message}`);
    process.exit(2);
  }
  // The bundle is out/node/web.js; the renderer build sits beside it in out/renderer.
  const staticDir = resolve(__dirname, '../renderer');
  if (!existsSync(join(staticDir, 'index.html')))
    console.error(`[web] ${staticDir}/index.html is missing: run npm run build first`);
  const handlers = createAppHandlers({
    hardware: createHardwareService({ replayDir: args.replayDir }),
    settings: openConfSettings(args.userDataDir),
    info: { version, platform: process.platform, shell: 'web' },
  });
  const server = await startWebServer({ handlers, staticDir, port: args.port });
  process.stdout.write(`${server.url}\n`);
  console.error(
    `[web] serving ${staticDir}; settings in ${args.userDataDir}${args.replayDir ? `; replaying ${args.replayDir}` : ''}`,
  );
  console.error('[web] open the URL above in a browser on this machine; Ctrl+C stops the server');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.error(`[web] ${signal}: shutting down`);
    void server.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main().catch((error: unknown) => {
  console.error('[web] failed to start:', error);
  process.exit(1);
});
