/**
 * Collector layer, bottom half: run one external command and say what happened. Plain Node (no
 * `electron`), so the CLI and the app run the same code. `run` never rejects and never hangs past
 * its timeout: every failure becomes a `CommandResult` with an `errorKind` the manifest can record.
 */
import { spawn, type ChildProcess, type ExecFileException } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { CollectErrorKind } from '@shared/hardware/capture-format';
import { forgetGroup, IS_WINDOWS, killTree, trackGroup } from './process-tree';

export {
  createNodeFileSource,
  type FileSource,
  type FileReadResult,
  type DirReadResult,
  type RealpathResult,
} from './file-source';

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  /** Null when the process never exited normally (not started, killed, timed out). */
  readonly exitCode: number | null;
  /** Wall-clock time from spawn to result, ms. */
  readonly durationMs: number;
  readonly errorKind: CollectErrorKind | null;
  /** Short human text when `errorKind` is set. */
  readonly error: string | null;
}

export interface RunOptions {
  /** Kill the process and everything it started (SIGKILL) after this many ms. */
  readonly timeoutMs: number;
  /** Cap on stdout or stderr, bytes; output beyond it kills the process (`too-large`). */
  readonly maxBufferBytes?: number;
  /** Aborting kills the process and resolves as `timed-out` (the overall scan deadline). */
  readonly signal?: AbortSignal;
}

export interface CommandRunner {
  run(command: string, args: readonly string[], opts: RunOptions): Promise<CommandResult>;
}

export const DEFAULT_MAX_BUFFER_BYTES = 16 * 1024 * 1024;
/** After SIGKILL, how long to wait for the pipes to close before giving up on the child (ms). */
const KILL_GRACE_MS = 1500;

/** Text that tools print when they need privileges they lack (dmidecode, nvidia-smi, lspci). */
const PERMISSION_PATTERN =
  /permission denied|must be run as root|operation not permitted|insufficient permissions|you must be root/i;

export function looksNotPermitted(text: string): boolean {
  return PERMISSION_PATTERN.test(text);
}

/** First few lines of an error text, for the manifest and the user. */
export function firstLines(text: string, lines = 5, maxChars = 600): string {
  const head = text.trim().split(/\r?\n/).slice(0, lines).join('\n');
  return head.length > maxChars ? `${head.slice(0, maxChars)}…` : head;
}

interface RawOutcome {
  readonly error: ExecFileException | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly aborted: boolean;
}

/** Maps Node's execFile outcome onto the manifest's error kinds. Exported for tests. */
export function classifyExecOutcome(
  raw: RawOutcome,
  command: string,
  timeoutMs: number,
): Pick<CommandResult, 'exitCode' | 'errorKind' | 'error'> {
  const { error, stderr, stdout } = raw;
  if (!error) return { exitCode: 0, errorKind: null, error: null };
  const code = error.code;
  if (code === 'ENOENT') return { exitCode: null, errorKind: 'missing-tool', error: `${command} not found` };
  if (code === 'EACCES' || code === 'EPERM') {
    return { exitCode: null, errorKind: 'not-permitted', error: `${command}: ${error.message}` };
  }
  if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return { exitCode: null, errorKind: 'too-large', error: `${command} printed more than the output limit` };
  }
  if (raw.aborted || code === 'ABORT_ERR') {
    return { exitCode: null, errorKind: 'timed-out', error: `${command} was stopped at the scan deadline` };
  }
  if (error.killed || (typeof code !== 'number' && error.signal)) {
    return {
      exitCode: null,
      errorKind: 'timed-out',
      error: `${command} did not finish within ${timeoutMs} ms`,
    };
  }
  const exitCode = typeof code === 'number' ? code : null;
  // Tools disagree on where they complain: nvidia-smi prints errors on stdout.
  const said = stderr.trim() || stdout.trim() || error.message;
  if (looksNotPermitted(said)) return { exitCode, errorKind: 'not-permitted', error: firstLines(said) };
  return { exitCode, errorKind: 'failed', error: firstLines(said) };
}

const notRun = (command: string): CommandResult => ({
  stdout: '',
  stderr: '',
  exitCode: null,
  durationMs: 0,
  errorKind: 'failed',
  error: `${command} not run: the probe's time ran out`,
});

/** Collects one stream up to `maxBytes`; `push` says false once the cap is passed. */
function cappedSink(maxBytes: number): { push: (chunk: Buffer) => boolean; text: () => string } {
  const chunks: Buffer[] = [];
  let total = 0;
  return {
    push(chunk) {
      const room = maxBytes - total;
      if (room > 0) chunks.push(room >= chunk.length ? chunk : chunk.subarray(0, room));
      total += chunk.length;
      return total <= maxBytes;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

type StopReason = 'timeout' | 'abort' | 'too-large';

/** The error Node's execFile would have given, so `classifyExecOutcome` reads both alike. */
function exitError(
  command: string,
  code: number | null,
  signal: NodeJS.Signals | null,
  stop: StopReason | null,
): ExecFileException | null {
  if (stop === 'too-large')
    return Object.assign(new Error(`${command}: output too large`), {
      code: 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER',
    });
  if (stop === 'timeout')
    return Object.assign(new Error(`${command} timed out`), { killed: true, signal: 'SIGKILL' as const });
  if (code === 0 && stop === null) return null;
  return Object.assign(new Error(`Command failed: ${command}`), {
    code: code ?? undefined,
    signal: signal ?? undefined,
  }) as ExecFileException;
}

/**
 * One tool run. It leads its own process group, and every way of stopping it (its timeout, the scan
 * deadline, too much output) kills the whole group, so nothing it started outlives the scan. A guard
 * still resolves when a child stuck in the kernel survives SIGKILL and keeps the pipe open.
 */
function execOnce(
  command: string,
  args: readonly string[],
  opts: RunOptions,
  env: NodeJS.ProcessEnv,
): Promise<CommandResult> {
  if (opts.signal?.aborted) return Promise.resolve(notRun(command));
  return new Promise<CommandResult>((resolve) => {
    const start = performance.now();
    const out = cappedSink(opts.maxBufferBytes ?? DEFAULT_MAX_BUFFER_BYTES);
    const err = cappedSink(opts.maxBufferBytes ?? DEFAULT_MAX_BUFFER_BYTES);
    let child: ChildProcess | undefined;
    let stop: StopReason | null = null;
    let settled = false;
    let guard: ReturnType<typeof setTimeout> | undefined;
    const finish = (verdict: Pick<CommandResult, 'exitCode' | 'errorKind' | 'error'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(guard);
      opts.signal?.removeEventListener('abort', onAbort);
      if (child && (stop !== null || verdict.errorKind !== null)) killTree(child);
      else if (child) forgetGroup(child);
      resolve({ stdout: out.text(), stderr: err.text(), durationMs: performance.now() - start, ...verdict });
    };
    const halt = (reason: StopReason): void => {
      if (stop !== null || settled) return;
      stop = reason;
      killTree(child);
      guard = setTimeout(() => {
        const error = `${command} did not exit after being killed`;
        finish({ exitCode: null, errorKind: 'timed-out', error });
      }, KILL_GRACE_MS);
      guard.unref?.();
    };
    const onAbort = (): void => halt('abort');
    const timer = setTimeout(() => halt('timeout'), opts.timeoutMs);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const raw = (error: ExecFileException | null): RawOutcome => ({
      error,
      stdout: out.text(),
      stderr: err.text(),
      aborted: stop === 'abort',
    });
    try {
      child = spawn(command, [...args], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: !IS_WINDOWS,
        windowsHide: true,
      });
    } catch (thrown) {
      // Synchronous throws: bad arguments (e.g. a NUL byte) or spawn limits.
      const error = thrown instanceof Error ? thrown.message : String(thrown);
      return finish({ exitCode: null, errorKind: 'failed', error });
    }
    trackGroup(child);
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk) || halt('too-large'));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk) || halt('too-large'));
    child.on('error', (error) => finish(classifyExecOutcome(raw(error), command, opts.timeoutMs)));
    child.on('close', (code, signal) =>
      finish(classifyExecOutcome(raw(exitError(command, code, signal, stop)), command, opts.timeoutMs)),
    );
  });
}

/** The real runner: `spawn` (never a shell), fixed argv, no stdin, `LC_ALL=C` so output is not localised. */
export function createExecFileRunner(options: { env?: NodeJS.ProcessEnv } = {}): CommandRunner {
  const env = { ...(options.env ?? process.env), LC_ALL: 'C', LANG: 'C' };
  return { run: (command, args, opts) => execOnce(command, args, opts, env) };
}
