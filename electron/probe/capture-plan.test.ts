import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    expect(Date.now() - started).toBeLessThan(300 + 1500);
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
    expect(Date.now() - started).toBeLessThan(300 + 1500);
    expect(bundle.manifest?.files['lspci.txt']).toMatchObject({ errorKind: 'timed-out', written: false });
  });

  it('collectors queued behind hung ones are recorded as not started', async () => {
    const hang: Collector = { file: 'lspci.txt', command: 'hang', collect: () => new Promise(() => {}) };
    const queued: Collector = {
      file: 'cpuinfo.txt',
      command: 'queued',
      collect: async () => ({
        text: 'x',
        entry: { command: 'queued', exitCode: 0, durationMs: 0, errorKind: null, written: true },
      }),
    };
    const { bundle } = await collectCapture(
      options([], { collectors: [hang, queued], concurrency: 1, deadlineMs: 100 }),
    );
    expect(bundle.manifest?.files['cpuinfo.txt']?.error).toMatch(/not started/);
    expect(bundle.manifest?.files['lspci.txt']?.error).toMatch(/still running/);
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
