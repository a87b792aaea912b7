import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestSchema } from '@shared/hardware/capture-format';
import { collectCapture, planCollectors, type CaptureProgress } from './capture-plan';
import { commandCollector } from './collectors/command-collector';
import type { SiLike } from './collectors/systeminformation';
import type { Collector } from './collectors/types';
import {
  createFakeFileSource,
  createFakeRunner,
  fakeExit,
  fakeHang,
  type FakeRule,
} from '../../test/support/fake-runner';
import { createExecFileRunner } from './runner';

const fakeSi = async (): Promise<SiLike> => ({
  cpu: async () => ({ brand: 'x' }),
  mem: async () => ({}),
  memLayout: async () => [],
  baseboard: async () => ({}),
  system: async () => ({}),
  osInfo: async () => ({ hostname: 'rig-01' }),
});

const UUID = 'GPU-9a9a6c50-2a47-2f51-a902-b82c3b127e94';

function options(rules: readonly FakeRule[], extra: Partial<Parameters<typeof collectCapture>[0]> = {}) {
  return {
    runner: createFakeRunner(rules),
    files: createFakeFileSource({ '/proc/cpuinfo': 'processor\t: 0\n', '/proc/meminfo': 'MemTotal: 1 kB\n' }),
    platform: 'linux',
    isRoot: false,
    loadSystemInformation: fakeSi,
    now: () => new Date('2026-01-02T03:04:05Z'),
    ...extra,
  };
}

describe('planCollectors', () => {
  const files = (p: string) => planCollectors(p).map((c) => c.file);
  it('Linux: NVIDIA, AMD, PCI, DMI, /proc and systeminformation', () => {
    expect(files('linux')).toEqual([
      'nvidia-smi-query.csv',
      'nvidia-smi-q.xml',
      'nvidia-smi-topo.txt',
      'nvidia-smi-p2p.txt',
      'nvidia-smi-nvlink.txt',
      'rocm-smi.json',
      'amd-smi.json',
      'lspci.txt',
      'sysfs-pci.json',
      'dmi-id.json',
      'dmidecode.txt',
      'cpuinfo.txt',
      'meminfo.txt',
      'systeminformation.json',
    ]);
  });
  it('Windows: nvidia-smi plus WMI; macOS: system_profiler; others: nvidia-smi', () => {
    expect(files('win32')).toEqual(
      expect.arrayContaining([
        'nvidia-smi-query.csv',
        'nvidia-smi-topo.txt',
        'win-videocontroller.txt',
        'win-baseboard.txt',
        'systeminformation.json',
      ]),
    );
    expect(files('win32')).not.toContain('lspci.txt');
    expect(files('darwin')).toEqual(['mac-displays.json', 'mac-hardware.json', 'systeminformation.json']);
    expect(files('freebsd')).toContain('nvidia-smi-query.csv');
  });
});

describe('collectCapture', () => {
  it('a machine with nothing installed still gives a valid manifest that says why', async () => {
    const progress: CaptureProgress[] = [];
    const { bundle } = await collectCapture(options([], { onProgress: (p) => progress.push(p) }));
    const manifest = manifestSchema.parse(bundle.manifest);
    expect(manifest).toMatchObject({
      format: 1,
      platform: 'linux',
      isRoot: false,
      capturedAt: '2026-01-02T03:04:05.000Z',
      redacted: false,
    });
    expect(manifest.files['nvidia-smi-query.csv']).toMatchObject({
      errorKind: 'missing-tool',
      written: false,
    });
    expect(manifest.files['dmidecode.txt']).toMatchObject({ errorKind: 'not-permitted' });
    expect(manifest.files['sysfs-pci.json']).toMatchObject({ errorKind: 'not-applicable' });
    expect(Object.keys(bundle.files).sort()).toEqual([
      'cpuinfo.txt',
      'meminfo.txt',
      'systeminformation.json',
    ]);
    expect(progress.at(-1)).toMatchObject({ done: 14, total: 14 });
  });

  it('a tool that never exits: returns within the deadline, that file recorded as timed-out, the rest kept', async () => {
    const rules: FakeRule[] = [
      { when: 'nvidia-smi topo -m', respond: fakeHang() },
      { when: 'nvidia-smi --query-gpu', respond: fakeExit(`index, uuid\n0, ${UUID}\n`) },
    ];
    const started = Date.now();
    const { bundle } = await collectCapture(options(rules, { deadlineMs: 300, perCommandTimeoutMs: 60_000 }));
    // A hang guard, not a timing: without the deadline this waits 30–60 s.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(bundle.manifest?.files['nvidia-smi-topo.txt']).toMatchObject({
      errorKind: 'timed-out',
      written: false,
    });
    expect(bundle.manifest?.files['nvidia-smi-query.csv']).toMatchObject({ errorKind: null, written: true });
    expect(bundle.files['nvidia-smi-query.csv']).toContain(UUID);
  });

  it('with the real runner, a command that outlives the deadline is killed and the scan returns', async () => {
    const sleeper = commandCollector({ file: 'lspci.txt', command: 'sleep', args: ['30'] });
    const started = Date.now();
    const { bundle } = await collectCapture(
      options([], { runner: createExecFileRunner(), collectors: [sleeper], deadlineMs: 300 }),
    );
    // A hang guard, not a timing: without the deadline this waits 30–60 s.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(bundle.manifest?.files['lspci.txt']).toMatchObject({ errorKind: 'timed-out', written: false });
  });

  it('a command queued behind hung ones is "not run", never "timed out" after 0 s', async () => {
    const hang: Collector = { file: 'lspci.txt', command: 'hang', collect: () => new Promise(() => {}) };
    const queued: Collector = {
      file: 'dmidecode.txt',
      command: 'queued',
      collect: async () => ({
        text: 'x',
        entry: { command: 'queued', exitCode: 0, durationMs: 0, errorKind: null, written: true },
      }),
    };
    const { bundle } = await collectCapture(
      options([], { collectors: [hang, queued], concurrency: 1, deadlineMs: 100 }),
    );
    expect(bundle.manifest?.files['dmidecode.txt']).toMatchObject({
      errorKind: 'failed',
      error: "not run: the probe's time ran out",
      written: false,
    });
    expect(bundle.manifest?.files['lspci.txt']).toMatchObject({
      errorKind: 'timed-out',
      error: expect.stringMatching(/still running at the 100 ms scan deadline/),
    });
  });

  it('a collector that throws is recorded as failed; a throwing progress listener is ignored', async () => {
    const broken: Collector = {
      file: 'lspci.txt',
      command: 'broken',
      collect: () => Promise.reject(new Error('bug')),
    };
    const { bundle } = await collectCapture(
      options([], {
        collectors: [broken],
        onProgress: () => {
          throw new Error('window closed');
        },
      }),
    );
    expect(bundle.manifest?.files['lspci.txt']).toMatchObject({ errorKind: 'failed', error: 'bug' });
  });

  it('redact: UUIDs and host names replaced, the manifest says so', async () => {
    const rules: FakeRule[] = [
      { when: 'nvidia-smi --query-gpu', respond: fakeExit(`index, uuid\n0, ${UUID}\n`) },
    ];
    const { bundle } = await collectCapture(options(rules, { redact: true }));
    expect(bundle.manifest?.redacted).toBe(true);
    expect(bundle.files['nvidia-smi-query.csv']).toBe(
      'index, uuid\n0, GPU-00000000-0000-0000-0000-000000000001\n',
    );
    expect(bundle.files['systeminformation.json']).not.toContain('rig-01');
  });
});

describe('terminal escape codes in what tools print never reach the bundle raw', () => {
  // eslint-disable-next-line no-control-regex -- looking for them is the point
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
  it('GPU names, error text and systeminformation strings are cleaned', async () => {
    const rules: FakeRule[] = [
      {
        when: 'nvidia-smi --query-gpu',
        respond: fakeExit(`index, uuid, name\n0, ${UUID}, NVIDIA \u001b]0;pwned\u0007A10G\u001b[2J\n`),
      },
      {
        when: 'nvidia-smi -q',
        respond: fakeExit('', { stderr: '\u001b[31mNVML\u001b[0m: failed\u0007', exitCode: 9 }),
      },
    ];
    const si = async (): Promise<SiLike> => ({
      ...(await fakeSi()),
      cpu: async () => ({ brand: 'EPYC\u001b[8m hidden\u009b2J' }),
    });
    const { bundle } = await collectCapture(options(rules, { loadSystemInformation: si }));
    expect(bundle.files['nvidia-smi-query.csv']).toBe(`index, uuid, name\n0, ${UUID}, NVIDIA A10G\n`);
    expect(bundle.manifest?.files['nvidia-smi-q.xml']?.error).toBe('NVML: failed');
    const data = JSON.parse(bundle.files['systeminformation.json'] ?? '') as { cpu: { brand: string } };
    expect(data.cpu.brand).toBe('EPYC hidden');
    for (const [file, text] of Object.entries(bundle.files)) expect(text, file).not.toMatch(CONTROL);
  });
});

describe('a hung nvidia-smi does not starve the rest of the probe', () => {
  const hungNvidia: FakeRule[] = [
    { when: 'nvidia-smi', respond: fakeHang() },
    { when: 'lspci', respond: fakeExit('0000:01:00.0 VGA compatible controller [0300]: NVIDIA\n') },
  ];
  const sysfs = {
    '/proc/cpuinfo': 'processor\t: 0\n',
    '/proc/meminfo': 'MemTotal: 1 kB\n',
    '/sys/bus/pci/devices/0000:01:00.0/class': '0x030000\n',
  };

  it('files, lspci and systeminformation are captured; nvidia-smi is asked twice at most', async () => {
    const runner = createFakeRunner(hungNvidia);
    const { bundle } = await collectCapture(
      options([], { runner, files: createFakeFileSource(sysfs), deadlineMs: 400 }),
    );
    expect(Object.keys(bundle.files).sort()).toEqual([
      'cpuinfo.txt',
      'lspci.txt',
      'meminfo.txt',
      'sysfs-pci.json',
      'systeminformation.json',
    ]);
    // One program holds at most half the slots; once a call hung, its other calls are not started.
    expect(runner.calls.filter((c) => c.command === 'nvidia-smi').length).toBeLessThanOrEqual(2);
    const nvidia = Object.entries(bundle.manifest?.files ?? {}).filter(([f]) => f.startsWith('nvidia-smi'));
    expect(nvidia).toHaveLength(5);
    for (const [file, entry] of nvidia) {
      if (entry.errorKind === 'timed-out') expect(entry.error, file).toMatch(/did not finish within \d+ ms/);
      else
        expect(entry, file).toMatchObject({
          errorKind: 'failed',
          error: expect.stringMatching(/^not run: /),
        });
    }
  });

  it('each command gets its own timeout inside the deadline: the one behind a hang still runs', async () => {
    const rules: FakeRule[] = [
      { when: 'nvidia-smi', respond: fakeHang() },
      { when: 'rocm-smi', respond: fakeExit('{}', { delayMs: 5 }) },
    ];
    const { bundle } = await collectCapture(
      options(rules, {
        collectors: planCollectors('linux').filter((c) => /nvidia|rocm/.test(c.file)),
        concurrency: 1,
        deadlineMs: 600,
        perCommandTimeoutMs: 100,
      }),
    );
    expect(bundle.manifest?.files['rocm-smi.json']).toMatchObject({ errorKind: null, written: true });
    expect(bundle.manifest?.files['nvidia-smi-query.csv']).toMatchObject({ errorKind: 'timed-out' });
    expect(bundle.manifest?.files['nvidia-smi-nvlink.txt']?.error).toMatch(
      /^not run: nvidia-smi hung on an earlier call/,
    );
  });

  it('/proc and sysfs are read even when every command slot is taken by a hung tool', async () => {
    const hang: Collector = { file: 'lspci.txt', command: 'hang', collect: () => new Promise(() => {}) };
    const { bundle } = await collectCapture(
      options([], {
        collectors: [hang, ...planCollectors('linux').filter((c) => c.file === 'cpuinfo.txt')],
        concurrency: 1,
        deadlineMs: 100,
      }),
    );
    expect(bundle.files['cpuinfo.txt']).toBe('processor\t: 0\n');
  });
});

describe.skipIf(process.platform === 'win32')('with a real hung nvidia-smi script on PATH', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rig-hung-nvidia-'));
    // Each call leaves a grandchild (the hung driver call) and notes its pid.
    await writeFile(join(dir, 'nvidia-smi'), '#!/bin/sh\nsleep 300 &\necho $! >> "$RIG_TEST_PIDS"\nwait\n');
    await chmod(join(dir, 'nvidia-smi'), 0o755);
    await writeFile(join(dir, 'lspci'), '#!/bin/sh\necho "0000:01:00.0 VGA compatible controller"\n');
    await chmod(join(dir, 'lspci'), 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('the capture keeps everything else, and no nvidia-smi child outlives it', async () => {
    const pids = join(dir, 'pids');
    const runner = createExecFileRunner({
      env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}`, RIG_TEST_PIDS: pids },
    });
    const collectors = planCollectors('linux').filter((c) =>
      /^(nvidia-smi|lspci|cpuinfo|meminfo)/.test(c.file),
    );
    const { bundle } = await collectCapture(options([], { runner, collectors, deadlineMs: 1500 }));
    expect(Object.keys(bundle.files).sort()).toEqual(['cpuinfo.txt', 'lspci.txt', 'meminfo.txt']);
    const started = (await readFile(pids, 'utf8')).trim().split('\n').map(Number);
    expect(started.length).toBeGreaterThan(0);
    for (const pid of started) expect(await gone(pid), `pid ${pid}`).toBe(true);
  });
});

/** Whether `pid` has exited (a zombie counts as exited), polling up to 2 s. */
async function gone(pid: number): Promise<boolean> {
  const alive = (): boolean => {
    try {
      process.kill(pid, 0);
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 40 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive();
}

describe('the probe never imports electron (the CLI runs it in plain Node)', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  it('no module under electron/probe imports electron', () => {
    for (const file of sources(__dirname))
      expect(readFileSync(file, 'utf8'), file).not.toMatch(
        /from ['"]electron['"]|require\(['"]electron['"]\)/,
      );
  });
});
