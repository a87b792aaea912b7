import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LaunchCommand } from './command-types';
import { quoteBash, renderBash, renderPowerShell } from './render-shell';
import { HOSTILE_PATH, parsePowerShell, printed } from '../../../test/support/shell-probes';

const sandbox = mkdtempSync(join(tmpdir(), 'render-shell-'));
writeFileSync(join(sandbox, 'x.gguf'), 'must survive');
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

/** Runs the bash rendering with `printf '%s\n'` in place of the program; returns the lines it printed. */
function echoArgsViaBash(cmd: LaunchCommand, cwd = sandbox): string {
  const probe: LaunchCommand = { ...cmd, argv: ['printf', '%s\\n', ...cmd.argv.slice(1)] };
  return execFileSync('bash', ['-c', renderBash(probe)], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/home/not-expanded' },
  });
}

const cmd = (argv: string[], env: Record<string, string> = {}): LaunchCommand => ({
  runtime: 'test',
  role: 'single',
  argv,
  env,
  notes: [],
});

const WORDS: [string, string][] = [
  ['the hostile model path from the issue', HOSTILE_PATH],
  ['an empty argument', ''],
  ['a newline inside', 'line one\nline two'],
  ['a lone single quote', "'"],
  ['glob characters', '*.gguf ?[ab]'],
  ['a leading tilde', '~/models/a.gguf'],
  ['a comment character', '#not-a-comment'],
  ['command substitution with $()', '$(touch pwned)'],
  ['a backslash at the end', 'C:\\models\\'],
  ['brace expansion', '{a,b}'],
  ['an equals sign', '--port=8080'],
  ['typographic quotes PowerShell treats as single quotes', 'it’s ‘quoted’ ‚low‛'],
  ['a pipe and redirections', 'a|b>c<d&e'],
  ['non-ASCII text', 'модель 模型 🦙'],
];

describe('renderBash', () => {
  it.each(WORDS)('%s arrives as one intact argument', (_why, word) => {
    expect(echoArgsViaBash(cmd(['llama-server', '-m', word, '--port', '8080']))).toBe(
      printed(['-m', word, '--port', '8080']),
    );
  });

  it('never runs the `; rm -rf x.gguf` inside a path, nor expands $HOME or backticks', () => {
    const out = echoArgsViaBash(cmd(['llama-server', '-m', HOSTILE_PATH]));
    expect(out).toBe(printed(['-m', HOSTILE_PATH]));
    expect(out).not.toContain('/home/not-expanded');
    expect(existsSync(join(sandbox, 'x.gguf'))).toBe(true);
    expect(existsSync(join(sandbox, 'pwned'))).toBe(false);
  });

  it('env assignments reach the program verbatim, and only that program', () => {
    const env = { CUDA_DEVICE_ORDER: 'PCI_BUS_ID', CUDA_VISIBLE_DEVICES: '1,0', ODD: HOSTILE_PATH };
    const line = renderBash(cmd(['printenv', 'CUDA_VISIBLE_DEVICES', 'ODD'], env));
    const out = execFileSync('bash', ['-c', `${line}; printf '[%s]' "$CUDA_VISIBLE_DEVICES"`], {
      cwd: sandbox,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
    expect(out).toBe(`1,0\n${HOSTILE_PATH}\n[]`);
  });

  it('puts each flag on its own continued line, the first argument beside the program', () => {
    const text = renderBash(cmd(['llama-server', '-m', 'a.gguf', '-ngl', 'all'], { A: '1' }));
    expect(text).toBe('A=1 llama-server -m a.gguf \\\n  -ngl all');
  });

  it('quotes a program containing `=` so bash does not read it as an assignment', () => {
    expect(renderBash(cmd(['A=b', 'x']))).toBe("'A=b' x");
  });

  it('leaves plainly safe words bare and single-quotes everything else', () => {
    expect(quoteBash('0.5,0.5')).toBe('0.5,0.5');
    expect(quoteBash('127.0.0.1:8080')).toBe('127.0.0.1:8080');
    expect(quoteBash("it's")).toBe(`'it'\\''s'`);
    expect(quoteBash('')).toBe("''");
  });

  it('rejects an environment name that is not an identifier', () => {
    expect(() => renderBash(cmd(['x'], { 'A;rm': '1' }))).toThrow(/invalid environment variable name/);
    expect(() => renderPowerShell(cmd(['x'], { 'A B': '1' }))).toThrow(/invalid environment variable name/);
    expect(() => renderBash(cmd([]))).toThrow(/program/);
  });
});

describe('renderPowerShell', () => {
  it.each(WORDS)('%s parses back to the same argument', (_why, word) => {
    const argv = ['llama-server', '-m', word, '--port', '8080'];
    expect(parsePowerShell(renderPowerShell(cmd(argv))).argv).toEqual(argv);
  });

  it('writes $env: lines first, then the call operator with single-quoted words', () => {
    const text = renderPowerShell(cmd(['llama-server', '-m', "a'b.gguf"], { CUDA_VISIBLE_DEVICES: '0,1' }));
    expect(text).toBe("$env:CUDA_VISIBLE_DEVICES = '0,1'\n& 'llama-server' '-m' 'a''b.gguf'");
    expect(parsePowerShell(text).env).toEqual({ CUDA_VISIBLE_DEVICES: '0,1' });
  });

  it('warns that Windows PowerShell 5.1 mangles arguments with double quotes', () => {
    expect(renderPowerShell(cmd(['x', HOSTILE_PATH]))).toMatch(/^# Needs PowerShell 7\.3\+/);
    expect(renderPowerShell(cmd(['x', 'plain']))).not.toMatch(/^#/);
  });

  const pwsh = (() => {
    try {
      execFileSync('pwsh', ['-NoProfile', '-Command', 'exit 0'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!pwsh)('pwsh itself passes the hostile path through as one argument', () => {
    const argv = ['printf', '%s\\n', '-m', HOSTILE_PATH, 'it’s'];
    const out = execFileSync('pwsh', ['-NoProfile', '-Command', renderPowerShell(cmd(argv))], {
      cwd: sandbox,
      encoding: 'utf8',
    });
    expect(out).toBe(printed(argv.slice(2)));
  });
});
