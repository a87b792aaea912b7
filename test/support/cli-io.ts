/**
 * Test support — imported only by tests (the CLI tests in electron/cli), never by app code.
 */
import type { CliIo } from '../../electron/cli/io';

/** A `CliIo` that keeps what the CLI writes: results in `stdout`, progress and errors in `stderr`. */
export function captureCliIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    progress: (t) => stderr.push(t),
    error: (t) => stderr.push(t),
  };
}
