/** Building blocks most collectors are made of: run one fixed command, or read one file. */
import { performance } from 'node:perf_hooks';
import type { CaptureFileName, CollectErrorKind } from '@shared/hardware/capture-format';
import type { CommandResult } from '../runner';
import type { CollectContext, CollectOutcome, Collector } from './types';

/** The argv as a readable line for the manifest (never executed: the runner takes the argv itself). */
export function displayCommand(command: string, args: readonly string[]): string {
  const quote = (a: string): string => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return [command, ...args].map(quote).join(' ');
}

const ms = (value: number): number => Math.max(0, Math.round(value));

/** A failed tool may still print something useful (partial XML, an error on stdout): keep any output. */
export function outcomeFromResult(command: string, result: CommandResult, extraMs = 0): CollectOutcome {
  const text = result.stdout.trim().length > 0 ? result.stdout : null;
  return {
    text,
    entry: {
      command,
      exitCode: result.exitCode,
      durationMs: ms(result.durationMs + extraMs),
      errorKind: result.errorKind,
      error: result.error,
      written: text !== null,
    },
  };
}

/** A source that was not even tried (wrong OS, needs root), with the reason. */
export function skippedOutcome(command: string, errorKind: CollectErrorKind, error: string): CollectOutcome {
  return { text: null, entry: { command, exitCode: null, durationMs: 0, errorKind, error, written: false } };
}

export interface CommandSpec {
  readonly file: CaptureFileName;
  readonly command: string;
  readonly args: readonly string[];
  /** Given the first result, the argv for one more try (e.g. without a field an old driver rejects), or null. */
  readonly retry?: (first: CommandResult) => readonly string[] | null;
}

export async function runSpec(spec: CommandSpec, ctx: CollectContext): Promise<CollectOutcome> {
  const opts = { timeoutMs: ctx.timeoutMs, maxBufferBytes: ctx.maxBufferBytes, signal: ctx.signal };
  const first = await ctx.runner.run(spec.command, spec.args, opts);
  const retryArgs = first.errorKind === 'failed' && !ctx.signal.aborted ? spec.retry?.(first) : null;
  if (!retryArgs) return outcomeFromResult(displayCommand(spec.command, spec.args), first);
  const second = await ctx.runner.run(spec.command, retryArgs, opts);
  return outcomeFromResult(displayCommand(spec.command, retryArgs), second, first.durationMs);
}

export function commandCollector(spec: CommandSpec): Collector {
  return {
    file: spec.file,
    command: displayCommand(spec.command, spec.args),
    program: spec.command,
    collect: (ctx) => runSpec(spec, ctx),
  };
}

/** Reads one file as it is (/proc/cpuinfo, /proc/meminfo). */
export function fileCollector(file: CaptureFileName, path: string): Collector {
  return {
    file,
    command: path,
    readsFiles: true,
    async collect(ctx) {
      const start = performance.now();
      const read = await ctx.files.readFile(path, { maxBytes: ctx.maxBufferBytes });
      const durationMs = ms(performance.now() - start);
      if (!read.ok)
        return {
          text: null,
          entry: {
            command: path,
            exitCode: null,
            durationMs,
            errorKind: read.errorKind,
            error: read.error,
            written: false,
          },
        };
      const text = read.text.length > 0 ? read.text : null;
      return {
        text,
        entry: {
          command: path,
          exitCode: null,
          durationMs,
          errorKind: null,
          error: null,
          written: text !== null,
        },
      };
    },
  };
}

/** Wraps a JSON-producing step so its text and manifest entry look like any other collector's. */
export async function jsonOutcome(command: string, produce: () => Promise<unknown>): Promise<CollectOutcome> {
  const start = performance.now();
  try {
    const value = await produce();
    const text = `${JSON.stringify(value, null, 2)}\n`;
    return {
      text,
      entry: {
        command,
        exitCode: null,
        durationMs: ms(performance.now() - start),
        errorKind: null,
        error: null,
        written: true,
      },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      text: null,
      entry: {
        command,
        exitCode: null,
        durationMs: ms(performance.now() - start),
        errorKind: 'failed',
        error: message,
        written: false,
      },
    };
  }
}
