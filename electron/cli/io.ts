/** Where the CLI writes: results to stdout, progress and errors to stderr (so `--json` stays parseable). */
export interface CliIo {
  out(text: string): void;
  progress(text: string): void;
  error(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  progress: (text) => process.stderr.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
};
