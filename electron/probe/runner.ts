/**
 * Collector layer, bottom half: run one external command and say what happened. Plain Node (no
 * `electron`), so the CLI and the app run the same code. `run` never rejects and never hangs past
 * its timeout: every failure becomes a `CommandResult` with an `errorKind` the manifest can record.
 */
import { execFile, type ExecFileException } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { CollectErrorKind } from '@shared/hardware/capture-format';

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
  /** Kill the process (SIGKILL) after this many ms. */
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

/** One execFile call, with a guard so a child that cannot be reaped still yields a result. */
function execOnce(
  command: string,
  args: readonly string[],
  opts: RunOptions,
  env: NodeJS.ProcessEnv,
): Promise<CommandResult> {
  return new Promise<CommandResult>((resolve) => {
    const start = performance.now();
    let settled = false;
    const finish = (
      raw: RawOutcome,
      forced?: Pick<CommandResult, 'exitCode' | 'errorKind' | 'error'>,
    ): void => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      const verdict = forced ?? classifyExecOutcome(raw, command, opts.timeoutMs);
      resolve({ stdout: raw.stdout, stderr: raw.stderr, durationMs: performance.now() - start, ...verdict });
    };
    const empty: RawOutcome = { error: null, stdout: '', stderr: '', aborted: false };
    // A child stuck in the kernel (or a grandchild holding the pipe) survives SIGKILL; don't wait on it.
    const guard = setTimeout(
      () =>
        finish(empty, {
          exitCode: null,
          errorKind: 'timed-out',
          error: `${command} did not exit after being killed`,
        }),
      opts.timeoutMs + KILL_GRACE_MS,
    );
    guard.unref?.();
    const options = {
      env,
      timeout: opts.timeoutMs,
      killSignal: 'SIGKILL' as const,
      maxBuffer: opts.maxBufferBytes ?? DEFAULT_MAX_BUFFER_BYTES,
      windowsHide: true,
      encoding: 'utf8' as const,
      signal: opts.signal,
    };
    try {
      execFile(command, [...args], options, (error, stdout, stderr) => {
        finish({
          error,
          stdout: String(stdout ?? ''),
          stderr: String(stderr ?? ''),
          aborted: opts.signal?.aborted ?? false,
        });
      });
    } catch (thrown) {
      // Synchronous throws: bad arguments (e.g. a NUL byte) or spawn limits.
      finish(empty, {
        exitCode: null,
        errorKind: 'failed',
        error: thrown instanceof Error ? thrown.message : String(thrown),
      });
    }
  });
}

/** The real runner: `execFile` (never a shell), fixed argv, `LC_ALL=C` so output is not localised. */
export function createExecFileRunner(options: { env?: NodeJS.ProcessEnv } = {}): CommandRunner {
  const env = { ...(options.env ?? process.env), LC_ALL: 'C', LANG: 'C' };
  return { run: (command, args, opts) => execOnce(command, args, opts, env) };
}
