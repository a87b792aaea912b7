/**
 * Names from a capture, a profile or the command line reach the terminal: their control characters
 * (colour codes, a window-title sequence, a bell) are dropped before anything is printed.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCliIo } from '../../test/support/cli-io';
import { runCli } from './main';
import { printable } from './printable';
import { tempDirs } from '../../test/support/temp-dirs';

const newTempDir = tempDirs('rig-escape-');

const FIXTURES = resolve(__dirname, '../../fixtures/capture-dirs');
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

async function run(args: readonly string[]) {
  const io = captureCliIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('printable', () => {
  it("drops escape sequences' control characters, keeps newlines and tabs", () => {
    expect(printable('RTX\u001b[31m 3090\u001b]0;title\u0007\r\n\tok\u009b2J\u007f')).toBe(
      'RTX[31m 3090]0;title\n\tok2J',
    );
  });

  it('drops text-direction overrides that disguise what is shown', () => {
    expect(printable('abc\u202edcba\u2066x\u2069')).toBe('abcdcbax');
  });

  it('leaves ordinary text alone', () => {
    const text = 'NVIDIA GeForce RTX 3090 — 24.0 GiB, 1–2 × 350 W, Gen4 x16 ✓';
    expect(printable(text)).toBe(text);
  });
});

describe('the CLI prints no control character it was given', () => {
  it('a --profile GPU name with colour and window-title codes', async () => {
    const scan = await run(['scan', '--replay', join(FIXTURES, 'dual-rtx-a5000'), '--json']);
    const profile = JSON.parse(scan.out) as { gpus: { name: string }[] };
    for (const g of profile.gpus) g.name = `NVIDIA RTX A5000\u001b[31m\u001b]0;pwned\u0007`;
    const path = join(newTempDir(), 'profile.json');
    writeFileSync(path, JSON.stringify(profile));
    for (const command of ['plan', 'check', 'commands', 'checklist']) {
      const r = await run([command, '--profile', path, '--model', 'llama-3.1-8b']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).not.toMatch(CONTROL);
      expect(r.err).not.toMatch(CONTROL);
    }
  });

  it('an unknown --gpu name echoed in the error', async () => {
    const r = await run(['plan', '--gpu', 'RTX\u001b[2J\u001b]0;x\u0007 9999', '--model', 'llama-3.1-8b']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown GPU "RTX\[2J\]0;x 9999"/);
    expect(r.err).not.toMatch(CONTROL);
  });

  it('a --replay path with a window-title sequence, echoed in the error', async () => {
    const r = await run(['scan', '--replay', '/nonexistent/\u001b]0;pwned\u0007rig']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('/nonexistent/]0;pwnedrig');
    expect(r.err).not.toMatch(CONTROL);
  });
});
