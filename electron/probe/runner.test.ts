import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyExecOutcome, createExecFileRunner, createNodeFileSource } from './runner';

const runner = createExecFileRunner();
const opts = { timeoutMs: 5000 };

describe('createExecFileRunner against real commands', () => {
  it('a command that succeeds: exit 0, no error kind', async () => {
    const r = await runner.run('true', [], opts);
    expect(r).toMatchObject({ exitCode: 0, errorKind: null, error: null });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('a command that fails: its exit code, kind failed', async () => {
    expect(await runner.run('false', [], opts)).toMatchObject({ exitCode: 1, errorKind: 'failed' });
  });

  it('a missing binary: missing-tool, never a rejection', async () => {
    expect(await runner.run('rig-advisor-no-such-tool', ['--version'], opts)).toMatchObject({
      exitCode: null,
      errorKind: 'missing-tool',
    });
  });

  it('a command past its timeout is killed: timed-out', async () => {
    const r = await runner.run('sleep', ['5'], { timeoutMs: 200 });
    expect(r).toMatchObject({ exitCode: null, errorKind: 'timed-out' });
  });

  it('output beyond maxBuffer: too-large (and the endless writer is stopped)', async () => {
    const r = await runner.run('yes', [], { timeoutMs: 5000, maxBufferBytes: 1000 });
    expect(r.errorKind).toBe('too-large');
  });

  it('"Permission denied" on stderr with a non-zero exit: not-permitted', async () => {
    const r = await runner.run('sh', ['-c', 'echo "/dev/mem: Permission denied" >&2; exit 1'], opts);
    expect(r).toMatchObject({
      exitCode: 1,
      errorKind: 'not-permitted',
      stderr: '/dev/mem: Permission denied\n',
    });
  });

  it('runs with LC_ALL=C so tool output is not localised', async () => {
    const r = await runner.run('sh', ['-c', 'printf %s "$LC_ALL"'], opts);
    expect(r.stdout).toBe('C');
  });

  it('arguments go to the program as they are, never through a shell', async () => {
    const r = await runner.run('printf', ['%s', '$(echo hi); `id` | x'], opts);
    expect(r.stdout).toBe('$(echo hi); `id` | x');
  });

  it('an aborted signal stops the command: timed-out', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const r = await runner.run('sleep', ['5'], { timeoutMs: 5000, signal: controller.signal });
    expect(r.errorKind).toBe('timed-out');
  });

  it('bad arguments (NUL byte) resolve as failed instead of throwing', async () => {
    expect((await runner.run('echo', ['a\u0000b'], opts)).errorKind).toBe('failed');
  });

  describe('a file that is not executable', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'rig-runner-'));
      await writeFile(join(dir, 'tool'), '#!/bin/sh\necho hi\n');
      await chmod(join(dir, 'tool'), 0o644);
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('EACCES: not-permitted', async () => {
      expect((await runner.run(join(dir, 'tool'), [], opts)).errorKind).toBe('not-permitted');
    });
  });
});

describe('classifyExecOutcome', () => {
  const base = { stdout: '', stderr: '', aborted: false };
  it('nvidia-smi prints its complaints on stdout; they become the error text', () => {
    const error = Object.assign(new Error('Command failed'), { code: 9 });
    const v = classifyExecOutcome(
      {
        ...base,
        error,
        stdout: "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.",
      },
      'nvidia-smi',
      1000,
    );
    expect(v).toMatchObject({ exitCode: 9, errorKind: 'failed' });
    expect(v.error).toContain("couldn't communicate");
  });
  it('"must be run as root": not-permitted', () => {
    const error = Object.assign(new Error('x'), { code: 1 });
    expect(
      classifyExecOutcome({ ...base, error, stderr: 'This program must be run as root' }, 'x', 1).errorKind,
    ).toBe('not-permitted');
  });
});

describe('createNodeFileSource', () => {
  const files = createNodeFileSource();
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rig-files-'));
    await writeFile(join(dir, 'big.txt'), 'x'.repeat(5000));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads /proc files, whose size is reported as 0', async () => {
    const r = await files.readFile('/proc/self/status');
    expect(r.ok && r.text.includes('Name:')).toBe(true);
  });
  it('missing file: not-applicable', async () => {
    expect(await files.readFile(join(dir, 'nope'))).toMatchObject({ ok: false, errorKind: 'not-applicable' });
  });
  it('over the cap: too-large', async () => {
    expect(await files.readFile(join(dir, 'big.txt'), { maxBytes: 1000 })).toMatchObject({
      ok: false,
      errorKind: 'too-large',
    });
  });
  it('readdir sorts; realpath resolves', async () => {
    expect(await files.readdir(dir)).toEqual({ ok: true, entries: ['big.txt'] });
    expect(await files.readdir(join(dir, 'big.txt'))).toMatchObject({
      ok: false,
      errorKind: 'not-applicable',
    });
    expect(await files.realpath(`${dir}/./big.txt`)).toMatchObject({ ok: true });
  });
});
