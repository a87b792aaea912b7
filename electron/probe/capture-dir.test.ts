import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureBundle, CaptureManifest } from '@shared/hardware/capture-format';
import { CaptureDirError, readCaptureDir, writeCaptureDir } from './capture-dir';

let tmp = '';
beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rig-capture-dir-'));
});
afterEach(() => rm(tmp, { recursive: true, force: true }));

const manifest: CaptureManifest = {
  format: 1,
  version: '0.1.0',
  platform: 'linux',
  capturedAt: '2026-01-02T03:04:05.000Z',
  isRoot: false,
  writer: 'rig-advisor',
  files: {
    'nvidia-smi-query.csv': {
      command: 'nvidia-smi --query-gpu=index --format=csv',
      exitCode: 0,
      durationMs: 12,
      errorKind: null,
      error: null,
      written: true,
    },
    'lspci.txt': {
      command: 'lspci -D -vvv -nn',
      exitCode: null,
      durationMs: 0,
      errorKind: 'missing-tool',
      error: 'lspci not found',
      written: false,
    },
    'cpuinfo.txt': {
      command: '/proc/cpuinfo',
      exitCode: null,
      durationMs: 1,
      errorKind: null,
      error: null,
      written: true,
    },
  },
};
const bundle: CaptureBundle = {
  manifest,
  files: {
    'nvidia-smi-query.csv': 'index\n0\n',
    'cpuinfo.txt': 'processor\t: 0\nmodel name\t: AMD EPYC 7543 32-Core Processor\n',
  },
  readIssues: [],
};

async function expectDirError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CaptureDirError);
  expect((error as Error).message).toMatch(pattern);
}

describe('writeCaptureDir / readCaptureDir', () => {
  it('round trip: same files, same manifest, no issues', async () => {
    const dir = join(tmp, 'new', 'capture');
    expect(await writeCaptureDir(dir, bundle)).toEqual([
      'nvidia-smi-query.csv',
      'cpuinfo.txt',
      'manifest.json',
    ]);
    expect(await readCaptureDir(dir)).toEqual(bundle);
  });

  it('a bundle without a manifest gets one, so the folder reads back', async () => {
    await writeCaptureDir(tmp, { manifest: null, files: { 'lspci.txt': 'x\n' }, readIssues: [] });
    const back = await readCaptureDir(tmp);
    expect(back.manifest?.files['lspci.txt']).toMatchObject({ written: true });
    expect(back.readIssues).toEqual([]);
  });

  it('refuses a non-empty folder that is not a capture', async () => {
    await writeFile(join(tmp, 'thesis.docx'), 'precious');
    await expectDirError(writeCaptureDir(tmp, bundle), /not empty and is not a capture/);
    expect(await readFile(join(tmp, 'thesis.docx'), 'utf8')).toBe('precious');
  });

  it('overwrites an earlier capture without mixing in its stale files', async () => {
    await writeCaptureDir(tmp, { ...bundle, files: { ...bundle.files, 'lspci.txt': 'old\n' } });
    await writeFile(join(tmp, 'notes.txt'), 'mine');
    await writeCaptureDir(tmp, bundle);
    expect(readdirSync(tmp).sort()).toEqual([
      'cpuinfo.txt',
      'manifest.json',
      'notes.txt',
      'nvidia-smi-query.csv',
    ]);
  });

  it('only known capture file names reach the disk', async () => {
    const hostile = {
      manifest: null,
      files: { '../escape.txt': 'x', 'lspci.txt': 'y' },
      readIssues: [],
    } as unknown as CaptureBundle;
    await writeCaptureDir(join(tmp, 'c'), hostile);
    expect(existsSync(join(tmp, 'escape.txt'))).toBe(false);
  });
});

describe('readCaptureDir: the folder itself is unusable → CaptureDirError', () => {
  it('missing folder', async () => {
    await expectDirError(readCaptureDir(join(tmp, 'nope')), /does not exist/);
  });
  it('a file instead of a folder', async () => {
    await writeFile(join(tmp, 'lspci.txt'), 'x');
    await expectDirError(readCaptureDir(join(tmp, 'lspci.txt')), /is a file, not a capture directory/);
  });
  it('a folder with no capture files', async () => {
    await writeFile(join(tmp, 'holiday.jpg'), 'x');
    await expectDirError(readCaptureDir(tmp), /holds no capture files/);
  });
});

describe('readCaptureDir: one bad file is an issue, the rest is read', () => {
  beforeEach(() => writeFile(join(tmp, 'meminfo.txt'), 'MemTotal: 1 kB\n'));

  it('binary / garbled file', async () => {
    await writeFile(
      join(tmp, 'lspci.txt'),
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00, 0xff, 0x10]),
    );
    const back = await readCaptureDir(tmp);
    expect(back.files).toEqual({ 'meminfo.txt': 'MemTotal: 1 kB\n' });
    expect(back.readIssues).toEqual([
      { file: 'lspci.txt', message: 'binary or garbled content, not text; skipped' },
    ]);
  });

  it('huge file (over 16 MiB) is not read', async () => {
    await writeFile(join(tmp, 'dmidecode.txt'), '');
    await truncate(join(tmp, 'dmidecode.txt'), 17 * 1024 * 1024); // sparse: cheap to make
    const back = await readCaptureDir(tmp);
    expect(back.files['dmidecode.txt']).toBeUndefined();
    expect(back.readIssues[0]).toMatchObject({
      file: 'dmidecode.txt',
      message: expect.stringMatching(/larger than 16777216 bytes/),
    });
  });

  it('a directory under a capture name', async () => {
    await mkdir(join(tmp, 'cpuinfo.txt'));
    expect((await readCaptureDir(tmp)).readIssues).toEqual([
      { file: 'cpuinfo.txt', message: 'not a regular file; skipped' },
    ]);
  });

  it('bad manifest.json: issue, manifest null, files still read', async () => {
    await writeFile(join(tmp, 'manifest.json'), '{"format": 2}');
    const back = await readCaptureDir(tmp);
    expect(back.manifest).toBeNull();
    expect(back.files['meminfo.txt']).toBeDefined();
    expect(back.readIssues[0]?.file).toBe('manifest.json');
    await writeFile(join(tmp, 'manifest.json'), '{not json');
    expect((await readCaptureDir(tmp)).readIssues[0]?.message).toMatch(/not valid JSON/);
  });

  it('PowerShell 5 redirect (UTF-16LE with BOM) is converted, with a note', async () => {
    const text = 'Name : NVIDIA GeForce RTX 3080\r\n';
    await writeFile(
      join(tmp, 'win-videocontroller.txt'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    const back = await readCaptureDir(tmp);
    expect(back.files['win-videocontroller.txt']).toBe(text);
    expect(back.readIssues[0]?.message).toMatch(/UTF-16LE/);
  });

  it('unknown names (fixtures, notes) are ignored; listed-but-missing files are reported', async () => {
    await writeFile(join(tmp, 'lspci.expected.json'), '{}');
    await writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest));
    const back = await readCaptureDir(tmp);
    expect(Object.keys(back.files)).toEqual(['meminfo.txt']);
    expect(back.readIssues.map((i) => i.file).sort()).toEqual(['cpuinfo.txt', 'nvidia-smi-query.csv']);
  });
});

describe('the repository capture fixtures read cleanly', () => {
  const root = resolve(__dirname, '../../fixtures/capture-dirs');
  const dirs = existsSync(root) ? readdirSync(root) : [];
  it.skipIf(dirs.length === 0)(
    'every fixture directory has a valid manifest and no read issues',
    async () => {
      for (const name of dirs) {
        const back = await readCaptureDir(join(root, name));
        expect(back.manifest, name).not.toBeNull();
        expect(back.readIssues, name).toEqual([]);
      }
    },
  );
});
