/** An error the CLI prints as one line on stderr before exiting 2 (bad input, not a bug). */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}
