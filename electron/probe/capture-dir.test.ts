import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureBundle, CaptureManifest } from '@shared/hardware/capture-format';
import { CaptureDirError, checkCaptureDir, readCaptureDir, writeCaptureDir } from './capture-dir';

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

describe('writeCaptureDir never overwrites what is not ours', () => {
  const extension = { manifest_version: 3, name: 'My Extension', version: '1.0', action: {} };

  it("a folder whose manifest.json is someone else's (a browser extension) is refused, untouched", async () => {
    const own = `${JSON.stringify(extension)}\n`;
    await writeFile(join(tmp, 'manifest.json'), own);
    await writeFile(join(tmp, 'background.js'), 'chrome.runtime;');
    await expectDirError(
      writeCaptureDir(tmp, bundle),
      /manifest\.json is not a Rig Advisor capture manifest/,
    );
    expect(await readFile(join(tmp, 'manifest.json'), 'utf8')).toBe(own);
    expect(readdirSync(tmp).sort()).toEqual(['background.js', 'manifest.json']);
  });

  it('a manifest.json that is not JSON at all is refused too', async () => {
    await writeFile(join(tmp, 'manifest.json'), 'CACHE MANIFEST\n');
    await expectDirError(writeCaptureDir(tmp, bundle), /not a Rig Advisor capture manifest/);
  });

  it('a manifest.json that is a symbolic link (even to a real capture) is refused, the link kept', async () => {
    const other = join(tmp, 'other');
    await writeCaptureDir(other, bundle);
    const dir = join(tmp, 'linked');
    await mkdir(dir);
    await symlink(join(other, 'manifest.json'), join(dir, 'manifest.json'));
    await expectDirError(writeCaptureDir(dir, bundle), /manifest\.json is a symbolic link/);
    expect(lstatSync(join(dir, 'manifest.json')).isSymbolicLink()).toBe(true);
  });

  it('a capture file name that links elsewhere is replaced, never written through', async () => {
    await writeCaptureDir(tmp, bundle);
    const target = join(tmp, 'precious.txt');
    await writeFile(target, 'precious');
    await rm(join(tmp, 'cpuinfo.txt'));
    await symlink(target, join(tmp, 'cpuinfo.txt'));
    await writeCaptureDir(tmp, bundle);
    expect(await readFile(target, 'utf8')).toBe('precious');
    expect(lstatSync(join(tmp, 'cpuinfo.txt')).isFile()).toBe(true);
  });

  it('a folder under a capture file name, or a folder it cannot write: one-line CaptureDirError', async () => {
    await writeCaptureDir(tmp, bundle);
    await rm(join(tmp, 'cpuinfo.txt'));
    await mkdir(join(tmp, 'cpuinfo.txt'));
    await expectDirError(writeCaptureDir(tmp, bundle), /^Cannot replace .*cpuinfo\.txt: .+$/);
  });

  it.skipIf(process.platform !== 'linux')(
    'a folder that cannot be made (under /proc): CaptureDirError, not a hang',
    { timeout: 5000 }, // Node's own recursive mkdir loops forever there
    async () => {
      await expectDirError(
        writeCaptureDir('/proc/self/rig-advisor-capture/inner', bundle),
        /^Cannot create \/proc\/self\/rig-advisor-capture: /,
      );
    },
  );

  it('checkCaptureDir says whether a folder may take a capture, touching nothing', async () => {
    expect(await checkCaptureDir(join(tmp, 'new'))).toBe('absent');
    expect(existsSync(join(tmp, 'new'))).toBe(false);
    expect(await checkCaptureDir(tmp)).toBe('empty');
    await writeCaptureDir(tmp, bundle);
    expect(await checkCaptureDir(tmp)).toBe('ours');
    expect(readdirSync(tmp)).toContain('cpuinfo.txt');
    await writeFile(join(tmp, 'manifest.json'), '{"manifest_version": 3}');
    await expectDirError(checkCaptureDir(tmp), /not a Rig Advisor capture manifest/);
  });

  it('a missing parent chain is created one folder at a time', async () => {
    const dir = join(tmp, 'a', 'b', 'c');
    await writeCaptureDir(dir, bundle);
    expect((await readCaptureDir(dir)).manifest).toEqual(manifest);
  });

  it('the capture.sh manifest and the one written for imported files count as ours', async () => {
    await writeFile(join(tmp, 'manifest.json'), JSON.stringify({ ...manifest, writer: 'capture.sh' }));
    await writeCaptureDir(tmp, bundle);
    await writeCaptureDir(tmp, { manifest: null, files: { 'lspci.txt': 'x\n' }, readIssues: [] });
    await writeCaptureDir(tmp, bundle);
    expect((await readCaptureDir(tmp)).manifest).toEqual(manifest);
  });
});

describe('readCaptureDir reads regular files only', () => {
  it('manifest.json -> a secret file: not read, and none of its bytes in the issues', async () => {
    const secret = join(tmp, 'shadow');
    await writeFile(secret, 'root:$6$SECRETHASH:19000:0:99999:7:::\n');
    const dir = join(tmp, 'cap');
    await mkdir(dir);
    await writeFile(join(dir, 'meminfo.txt'), 'MemTotal: 1 kB\n');
    await symlink(secret, join(dir, 'manifest.json'));
    await symlink(secret, join(dir, 'lspci.txt'));
    const back = await readCaptureDir(dir);
    expect(back.manifest).toBeNull();
    expect(back.files).toEqual({ 'meminfo.txt': 'MemTotal: 1 kB\n' });
    expect(back.readIssues).toEqual([
      { file: 'manifest.json', message: 'a symbolic link; not read' },
      { file: 'lspci.txt', message: 'a symbolic link; not read' },
    ]);
    expect(JSON.stringify(back)).not.toMatch(/root|SECRET/);
  });

  it.skipIf(process.platform === 'win32')(
    'a FIFO under a capture name is skipped, not waited on',
    async () => {
      await writeFile(join(tmp, 'meminfo.txt'), 'MemTotal: 1 kB\n');
      execFileSync('mkfifo', [join(tmp, 'cpuinfo.txt')]);
      expect((await readCaptureDir(tmp)).readIssues).toEqual([
        { file: 'cpuinfo.txt', message: 'not a regular file; skipped' },
      ]);
    },
  );
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

  it('terminal escape codes in a file or in the manifest are removed on reading', async () => {
    // Long enough for the few control bytes not to read as a binary file.
    const rest = '\tSubsystem: NVIDIA Corporation Device 1482\n'.repeat(20);
    await writeFile(join(tmp, 'lspci.txt'), `01:00.0 VGA: NVIDIA \u001b]0;pwned\u0007A10G\u001b[2J\n${rest}`);
    const lspci = { ...manifest.files['lspci.txt']!, error: '\u001b[31mlspci\u001b[0m not found\u0007' };
    await writeFile(
      join(tmp, 'manifest.json'),
      JSON.stringify({ ...manifest, files: { ...manifest.files, 'lspci.txt': lspci } }),
    );
    const back = await readCaptureDir(tmp);
    expect(back.files['lspci.txt']).toBe(`01:00.0 VGA: NVIDIA A10G\n${rest}`);
    expect(back.manifest?.files['lspci.txt']?.error).toBe('lspci not found');
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
