/**
 * Scripted stand-ins for the runner and the file source: tests use them for every failure mode
 * (missing tool, permission denied, timeout, a tool that never exits), and a replay can use them
 * to act as a machine without tools. Unscripted commands behave like a missing tool.
 */
import type { CommandResult, CommandRunner, RunOptions } from '../../electron/probe/runner';
import { firstLines, looksNotPermitted } from '../../electron/probe/runner';
import type { FileFailure, FileSource } from '../../electron/probe/file-source';

export type FakeResponse =
  | {
      readonly kind: 'exit';
      readonly stdout: string;
      readonly stderr: string;
      readonly exitCode: number;
      readonly delayMs: number;
    }
  | { readonly kind: 'missing' }
  | { readonly kind: 'hang' };

export const fakeExit = (
  stdout: string,
  opts: { stderr?: string; exitCode?: number; delayMs?: number } = {},
): FakeResponse => ({
  kind: 'exit',
  stdout,
  stderr: opts.stderr ?? '',
  exitCode: opts.exitCode ?? 0,
  delayMs: opts.delayMs ?? 0,
});
export const fakeFail = (stderr: string, exitCode = 1): FakeResponse => fakeExit('', { stderr, exitCode });
export const fakeDenied = (stderr = 'Permission denied'): FakeResponse => fakeFail(stderr, 1);
export const fakeMissing = (): FakeResponse => ({ kind: 'missing' });
/** Never exits: resolves as timed-out when the run's timeout elapses or its signal aborts. */
export const fakeHang = (): FakeResponse => ({ kind: 'hang' });

export interface FakeRule {
  /** Matches when `command args…` starts with this text (whole words), or when the function says so. */
  readonly when: string | ((command: string, args: readonly string[]) => boolean);
  /** One response, or a sequence consumed call by call (the last one repeats). */
  readonly respond: FakeResponse | readonly FakeResponse[];
}

export interface FakeClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: FakeClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface FakeRunner extends CommandRunner {
  readonly calls: { readonly command: string; readonly args: readonly string[] }[];
}

function matches(rule: FakeRule, command: string, args: readonly string[]): boolean {
  if (typeof rule.when === 'function') return rule.when(command, args);
  const line = [command, ...args].join(' ');
  return line === rule.when || line.startsWith(`${rule.when} `) || line.startsWith(`${rule.when}=`);
}

function exitVerdict(r: Extract<FakeResponse, { kind: 'exit' }>): Pick<CommandResult, 'errorKind' | 'error'> {
  if (r.exitCode === 0) return { errorKind: null, error: null };
  const said = r.stderr.trim() || r.stdout.trim() || `exit code ${r.exitCode}`;
  return { errorKind: looksNotPermitted(said) ? 'not-permitted' : 'failed', error: firstLines(said) };
}

/** Waits `ms` (forever when null), cut short by the run's timeout or its abort signal. */
function wait(
  clock: FakeClock,
  ms: number | null,
  opts: RunOptions,
): Promise<'done' | 'timeout' | 'aborted'> {
  return new Promise((resolve) => {
    if (opts.signal?.aborted) return resolve('aborted');
    const handles: unknown[] = [];
    const settle = (how: 'done' | 'timeout' | 'aborted'): void => {
      handles.forEach((h) => clock.clearTimeout(h));
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(how);
    };
    const onAbort = (): void => settle('aborted');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (ms !== null && ms < opts.timeoutMs) handles.push(clock.setTimeout(() => settle('done'), ms));
    else handles.push(clock.setTimeout(() => settle('timeout'), opts.timeoutMs));
  });
}

export function createFakeRunner(
  rules: readonly FakeRule[],
  options: { clock?: FakeClock } = {},
): FakeRunner {
  const clock = options.clock ?? realClock;
  const calls: FakeRunner['calls'] = [];
  const used = new Map<FakeRule, number>();
  const pick = (command: string, args: readonly string[]): FakeResponse => {
    const rule = rules.find((r) => matches(r, command, args));
    if (!rule) return fakeMissing();
    if (!Array.isArray(rule.respond)) return rule.respond as FakeResponse;
    const n = used.get(rule) ?? 0;
    used.set(rule, n + 1);
    return rule.respond[Math.min(n, rule.respond.length - 1)] as FakeResponse;
  };
  return {
    calls,
    async run(command, args, opts) {
      calls.push({ command, args: [...args] });
      const response = pick(command, args);
      const start = clock.now();
      const base = { stdout: '', stderr: '', exitCode: null };
      if (response.kind === 'missing') {
        return { ...base, durationMs: 0, errorKind: 'missing-tool', error: `${command} not found` };
      }
      const how = await wait(clock, response.kind === 'hang' ? null : response.delayMs, opts);
      const durationMs = clock.now() - start;
      if (how !== 'done' || response.kind === 'hang') {
        const error =
          how === 'aborted'
            ? `${command} was stopped at the scan deadline`
            : `${command} did not finish within ${opts.timeoutMs} ms`;
        return { ...base, durationMs, errorKind: 'timed-out', error };
      }
      const { stdout, stderr, exitCode } = response;
      return { stdout, stderr, exitCode, durationMs, ...exitVerdict(response) };
    },
  };
}

/** An in-memory file tree: path → text, or `{ link }` for a symlink target, or a failure. */
export type FakeEntry = string | { readonly link: string } | FileFailure;

export function createFakeFileSource(tree: Readonly<Record<string, FakeEntry>>): FileSource {
  const missing = (path: string): FileFailure => ({
    ok: false,
    errorKind: 'not-applicable',
    error: `${path} does not exist`,
  });
  const trimSlash = (p: string): string => p.replace(/\/+$/, '');
  return {
    async readFile(path, opts) {
      const entry = tree[path];
      if (entry === undefined || (typeof entry === 'object' && 'link' in entry)) return missing(path);
      if (typeof entry !== 'string') return entry;
      if (opts?.maxBytes !== undefined && entry.length > opts.maxBytes)
        return { ok: false, errorKind: 'too-large', error: `${path} is too large` };
      return { ok: true, text: entry };
    },
    async readdir(path) {
      const entry = tree[path];
      if (entry !== undefined && typeof entry === 'object' && 'ok' in entry) return entry;
      const prefix = `${trimSlash(path)}/`;
      const names = new Set(
        Object.keys(tree)
          .filter((p) => p.startsWith(prefix))
          .map((p) => p.slice(prefix.length).split('/')[0] as string),
      );
      return names.size > 0 ? { ok: true, entries: [...names].sort() } : missing(path);
    },
    async realpath(path) {
      const entry = tree[trimSlash(path)];
      if (entry !== undefined && typeof entry === 'object' && 'link' in entry)
        return { ok: true, path: entry.link };
      return { ok: true, path: trimSlash(path) };
    },
  };
}
