import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
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

  it('a run asked for after the deadline passed is not started, and not called timed-out', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await runner.run('true', [], { timeoutMs: 5000, signal: controller.signal });
    expect(r).toMatchObject({ errorKind: 'failed', error: "true not run: the probe's time ran out" });
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

/** True while `pid` is a live process (a zombie waiting for its reaper counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 40 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

describe.skipIf(process.platform === 'win32')('a hung tool leaves no process behind', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rig-hung-'));
    // Like a wrapper script around a hung driver call: the real work is a grandchild holding stdout.
    await writeFile(join(dir, 'hung-tool'), '#!/bin/sh\nsleep 300 &\necho $! > "$1"\nwait\n');
    await chmod(join(dir, 'hung-tool'), 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const grandchild = async (pidFile: string): Promise<number> => Number(await readFile(pidFile, 'utf8'));

  it('at its own timeout the whole process group is killed, grandchildren included', async () => {
    const pidFile = join(dir, 'timeout.pid');
    const r = await runner.run(join(dir, 'hung-tool'), [pidFile], { timeoutMs: 300 });
    expect(r).toMatchObject({ errorKind: 'timed-out', exitCode: null });
    expect(await gone(await grandchild(pidFile))).toBe(true);
  });

  it('Ctrl+C on the CLI (SIGINT) kills the running tools too: they are no longer in its group', async () => {
    const pidFile = join(dir, 'sigint.pid');
    const running = runner.run(join(dir, 'hung-tool'), [pidFile], { timeoutMs: 60_000 });
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '')
      await new Promise((r) => setTimeout(r, 20));
    // Another listener stands in for the CLI's own, so the signal is not raised again at this worker.
    const stayAlive = (): void => {};
    process.on('SIGINT', stayAlive);
    try {
      process.emit('SIGINT', 'SIGINT');
      expect(await gone(await grandchild(pidFile))).toBe(true);
      expect((await running).errorKind).not.toBeNull();
    } finally {
      process.off('SIGINT', stayAlive);
    }
  });

  it('at the scan deadline (abort) likewise', async () => {
    const pidFile = join(dir, 'abort.pid');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const r = await runner.run(join(dir, 'hung-tool'), [pidFile], {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    expect(r.errorKind).toBe('timed-out');
    expect(await gone(await grandchild(pidFile))).toBe(true);
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
