/**
 * `node out/node/web.js` servers for the browser e2e tests, one per test, each with its own temp
 * user-data folder. Starting one takes 0.4–1.5 s (Node, the bundle, the settings folder), so when a
 * test takes its server the pool starts a spare for the same replay folder, and the next test in this
 * worker usually finds it already listening. A spare is a server no page has talked to and a folder
 * nothing has written: taking it is the same as starting one then.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** How long a server may take to print its URL, ms (generous: the machine may be busy). */
const START_TIMEOUT_MS = 20_000;
/** How long SIGTERM gets before SIGKILL, ms (the server itself gives up after 3 s). */
const STOP_GRACE_MS = 5_000;

type Child = ChildProcessByStdio<null, Readable, Readable>;

export interface WebServer {
  readonly replayDir: string;
  readonly userDataDir: string;
  /** Resolves to the URL the server printed; rejects, with its stderr, if it printed none. */
  readonly url: Promise<string>;
  /** Stops the server and deletes its user-data folder. */
  stop(): Promise<void>;
}

export interface WebServerPoolOptions {
  /** out/node/web.js */
  readonly entry: string;
  readonly cwd: string;
  /** Spares are started only for replay folders under this one (folders a test makes may be gone by then). */
  readonly startEarly: string;
}

function firstLine(child: Child, timeoutMs: number): Promise<string> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolveLine, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`web server printed no URL within ${timeoutMs} ms\n${stderr}`)),
      timeoutMs,
    );
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolveLine(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web server exited with ${code} before printing its URL\n${stderr}`));
    });
  });
}

async function kill(child: Child): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

function start(entry: string, cwd: string, replayDir: string): WebServer & { readonly child: Child } {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const userDataDir = mkdtempSync(join(os.tmpdir(), 'rig-e2e-user-'));
  const child: Child = spawn(process.execPath, [entry, '--replay', replayDir, '--user-data', userDataDir], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = firstLine(child, START_TIMEOUT_MS);
  // A spare that fails while no test waits on it must not count as an unhandled rejection; the test
  // that takes it still gets the rejection from `url`.
  url.catch(() => undefined);
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= kill(child).finally(() => rmSync(userDataDir, { recursive: true, force: true })));
  return { replayDir, userDataDir, url, child, stop };
}

export class WebServerPool {
  /** At most one spare, for the replay folder of the last test (tests of a file mostly share one). */
  private spare: (WebServer & { readonly child: Child }) | undefined;
  /** Spares given up on (another replay folder came next), still shutting down. */
  private readonly stopping = new Set<Promise<void>>();

  constructor(private readonly options: WebServerPoolOptions) {}

  /** A fresh server replaying `replayDir` for one test; the caller stops it. */
  take(replayDir: string): WebServer {
    const { entry, cwd } = this.options;
    const spare = this.spare;
    this.spare = undefined;
    const usable =
      spare?.replayDir === replayDir && spare.child.exitCode === null && spare.child.signalCode === null;
    if (spare && !usable) {
      const stopping = spare.stop();
      this.stopping.add(stopping);
      void stopping.finally(() => this.stopping.delete(stopping));
    }
    const server = usable ? spare : start(entry, cwd, replayDir);
    if (this.mayStartEarly(replayDir)) this.spare = start(entry, cwd, replayDir);
    return server;
  }

  async close(): Promise<void> {
    await Promise.all([this.spare?.stop(), ...this.stopping]);
    this.spare = undefined;
  }

  private mayStartEarly(replayDir: string): boolean {
    const inside = relative(this.options.startEarly, replayDir);
    return inside !== '' && !inside.startsWith('..') && existsSync(replayDir);
  }
}
