/**
 * What the CLI prints comes partly from outside: GPU names from a capture or a `--profile` file, names
 * typed on the command line and echoed in errors. Their control characters would reach the terminal as
 * commands (colours, a new window title, a cleared screen), so they are dropped before printing;
 * newlines and tabs stay. Applied once, to the CliIo that runCli is given, so nothing slips past.
 */
import type { CliIo } from './io';

// C0 controls but \t and \n, DEL, C1 controls (0x9b is a one-byte CSI), and the bidirectional
// overrides and isolates that make a terminal show text in another order than it reads.
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export const printable = (text: string): string => text.replace(UNPRINTABLE, '');

/** `io` with every line it is given made printable. */
export function printableIo(io: CliIo): CliIo {
  return {
    out: (text) => io.out(printable(text)),
    progress: (text) => io.progress(printable(text)),
    error: (text) => io.error(printable(text)),
  };
}
