/**
 * Test helpers for the command renderings (pure, so they sit beside the code like
 * test/support/gguf-writer.ts): the hostile path from the issue, what `printf '%s\n'` prints
 * for some arguments, and a reader for what renderPowerShell writes (pwsh is not installed here).
 */

/** The path from the issue: spaces, both quotes, `$`, backticks and `;`. */
export const HOSTILE_PATH = `/models/My Model's "v2" $HOME \`id\`; rm -rf x.gguf`;

/** What `printf '%s\n' args…` prints. */
export const printed = (args: readonly string[]): string => args.map((a) => `${a}\n`).join('');

/** PowerShell single-quoted string: any of ' ‘ ’ ‚ ‛ doubled stands for one. */
const PS_QUOTED = /'((?:[^'\u2018-\u201B]|(['\u2018-\u201B])\2)*)'/y;
const unquotePs = (s: string): string => s.replace(/(['\u2018-\u201B])\1/g, '$1');

function expectText(text: string, pos: number, want: string): number {
  if (!text.startsWith(want, pos))
    throw new Error(`expected ${JSON.stringify(want)} at ${pos}: ${text.slice(pos, pos + 30)}`);
  return pos + want.length;
}

/** Reads back `# comment` lines, `$env:NAME = '…'` lines and `& 'a' 'b' …`; throws on anything else. */
export function parsePowerShell(text: string): { env: Record<string, string>; argv: string[] } {
  const env: Record<string, string> = {};
  let pos = 0;
  const quoted = (): string => {
    PS_QUOTED.lastIndex = pos;
    const m = PS_QUOTED.exec(text);
    if (!m) throw new Error(`expected a quoted word at ${pos}: ${text.slice(pos, pos + 30)}`);
    pos = PS_QUOTED.lastIndex;
    return unquotePs(m[1] ?? '');
  };
  while (text.startsWith('#', pos)) pos = text.indexOf('\n', pos) + 1;
  for (
    let m = /^\$env:([A-Za-z_][A-Za-z0-9_]*) = /.exec(text.slice(pos));
    m;
    m = /^\$env:([A-Za-z_][A-Za-z0-9_]*) = /.exec(text.slice(pos))
  ) {
    pos += m[0].length;
    env[m[1] as string] = quoted();
    pos = expectText(text, pos, '\n');
  }
  pos = expectText(text, pos, '& ');
  const argv = [quoted()];
  while (pos < text.length) {
    pos = expectText(text, pos, ' ');
    argv.push(quoted());
  }
  return { env, argv };
}
