/**
 * The one place where argv + env become shell text. Nothing is left for the shell to expand:
 * - bash: every word that is not plainly safe goes in single quotes, where nothing is special; a
 *   single quote inside is written `'\''` (close, escaped quote, reopen). Env goes before the
 *   program as `NAME=value` assignments, which apply to that command only.
 * - PowerShell: `$env:NAME = '…'` lines, then `& 'program' 'arg' …`; every word single-quoted,
 *   where only a single quote is special and is doubled. PowerShell also treats the typographic
 *   quotes ‘ ’ ‚ ‛ as single quotes, so those are doubled too.
 */
import type { LaunchCommand } from './command-types';

/** Characters bash never treats specially in an argument (no glob, expansion, `~`, comment or operator). */
const BASH_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Single-quote characters as PowerShell's tokenizer sees them (ASCII ' plus U+2018–U+201B). */
const PS_SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

const singleQuote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/** One word for bash: as is when safe, else single-quoted. */
export function quoteBash(word: string): string {
  return BASH_SAFE.test(word) ? word : singleQuote(word);
}

/** One word for PowerShell, always single-quoted. */
export function quotePowerShell(word: string): string {
  return `'${word.replace(PS_SINGLE_QUOTES, (q) => q + q)}'`;
}

function checkEnvName(name: string): string {
  if (!ENV_NAME.test(name)) throw new Error(`invalid environment variable name: ${JSON.stringify(name)}`);
  return name;
}

function checkArgv(cmd: LaunchCommand): void {
  if (cmd.argv.length === 0 || cmd.argv[0] === '') throw new Error('a command needs a program');
}

/**
 * Bash: `NAME='v' program arg …`, one flag (with its value) per line, joined with ` \` line
 * continuations. The program is quoted like any word; an `=` in it would otherwise make it an assignment.
 */
export function renderBash(cmd: LaunchCommand): string {
  checkArgv(cmd);
  const env = Object.entries(cmd.env).map(([k, v]) => `${checkEnvName(k)}=${quoteBash(v)}`);
  const [program, ...args] = cmd.argv as [string, ...string[]];
  const first = [...env, program.includes('=') ? singleQuote(program) : quoteBash(program)];
  const lines: string[][] = [first];
  args.forEach((arg, i) => {
    // The first argument stays beside the program (`llama-server -m …`, `python3 -m …`).
    if (arg.startsWith('-') && i > 0) lines.push([quoteBash(arg)]);
    else (lines[lines.length - 1] as string[]).push(quoteBash(arg));
  });
  return lines.map((words) => words.join(' ')).join(' \\\n  ');
}

/**
 * PowerShell: one `$env:NAME = '…'` line per variable (they stay set for the rest of the session),
 * then the call operator with every word single-quoted. Windows PowerShell 5.1 drops empty
 * arguments and mangles ones containing `"` when it calls a native program; PowerShell 7.3+ passes
 * them verbatim, so such commands carry a comment saying so.
 */
export function renderPowerShell(cmd: LaunchCommand): string {
  checkArgv(cmd);
  const env = Object.entries(cmd.env).map(([k, v]) => `$env:${checkEnvName(k)} = ${quotePowerShell(v)}`);
  const fragile = cmd.argv.some((a) => a === '' || a.includes('"'));
  const warning = fragile
    ? [
        '# Needs PowerShell 7.3+: Windows PowerShell 5.1 mangles arguments that are empty or contain double quotes.',
      ]
    : [];
  return [...warning, ...env, `& ${cmd.argv.map(quotePowerShell).join(' ')}`].join('\n');
}
