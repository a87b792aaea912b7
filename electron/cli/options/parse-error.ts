/**
 * parseArgs' errors as the CLI's one line. Its "argument is ambiguous" error — a value that starts with
 * '-' — takes three lines and never shows the value; since no option takes a negative number, a flag
 * with a range says its range, and any other says how to pass a value that starts with '-'.
 */
import { CliUsageError } from '../cli-error';
import { FLAG_RANGES, rangeWords, type RangedFlag } from './ranges';

const AMBIGUOUS = /^Option '(--[^' ]+)' argument is ambiguous/;

// `--power-limit GPU:W` and `--price GPU=USD` carry more than the number, so their range is not the value's.
const isRanged = (flag: string): flag is RangedFlag =>
  Object.hasOwn(FLAG_RANGES, flag) && flag !== '--power-limit' && flag !== '--price';

/** The CliUsageError for an error thrown by parseArgs over `argv`. */
export function usageFromParseArgs(error: unknown, argv: readonly string[]): CliUsageError {
  const message = error instanceof Error ? error.message : String(error);
  const flag = AMBIGUOUS.exec(message)?.[1];
  if (flag) {
    const at = argv.findIndex((a, i) => a === flag && argv[i + 1]?.startsWith('-'));
    const value = argv[at + 1] ?? '';
    if (isRanged(flag) && /^-[\d.]/.test(value))
      return new CliUsageError(`${flag} must be ${rangeWords(FLAG_RANGES[flag])} (got "${value}")`);
    return new CliUsageError(
      `${flag} needs a value; for one starting with "-" write ${flag}=${value || '-VALUE'}`,
    );
  }
  return new CliUsageError(`${message.split('\n')[0]} (see --help)`);
}
