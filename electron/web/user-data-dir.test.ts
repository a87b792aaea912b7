import { chmodSync, mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultUserDataDir, openPrivateDir, UserDataDirError } from './user-data-dir';

const POSIX = process.platform !== 'win32';

describe('defaultUserDataDir: a per-user folder, never the shared temp dir', () => {
  const home = '/home/ada';

  it('uses $XDG_CONFIG_HOME on Linux, else ~/.config', () => {
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, home)).toBe(
      join('/cfg', 'rig-advisor-web'),
    );
    expect(defaultUserDataDir('linux', {}, home)).toBe(join(home, '.config', 'rig-advisor-web'));
    // The XDG spec says a relative value is invalid and must be ignored.
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: 'cfg' }, home)).toBe(
      join(home, '.config', 'rig-advisor-web'),
    );
  });

  it('uses Application Support on macOS and %APPDATA% on Windows', () => {
    expect(defaultUserDataDir('darwin', {}, home)).toBe(
      join(home, 'Library', 'Application Support', 'rig-advisor-web'),
    );
    expect(defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, home)).toBe(
      join('C:\\Users\\ada\\AppData\\Roaming', 'rig-advisor-web'),
    );
    expect(defaultUserDataDir('win32', {}, home)).toBe(join(home, 'AppData', 'Roaming', 'rig-advisor-web'));
  });

  it('is never under the temp dir', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const)
      expect(defaultUserDataDir(platform, {}, os.homedir())).not.toContain(os.tmpdir());
  });
});

describe.skipIf(!POSIX)('openPrivateDir', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(os.tmpdir(), 'rig-web-userdata-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates a missing folder (and its parents) with mode 0700', () => {
    const dir = join(root, 'config', 'rig-advisor-web');
    expect(openPrivateDir(dir)).toBe(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('accepts an existing folder the user owns that others cannot write', () => {
    const dir = join(root, 'mine');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    expect(openPrivateDir(dir)).toBe(dir);
  });

  it.each([
    ['world-writable', 0o777],
    ['group-writable', 0o770],
    ['world-writable, sticky like /tmp', 0o1777],
  ])('refuses a %s folder with one line', (_name, mode) => {
    const dir = join(root, 'planted');
    mkdirSync(dir);
    chmodSync(dir, mode);
    expect(() => openPrivateDir(dir)).toThrow(UserDataDirError);
    expect(() => openPrivateDir(dir)).toThrow(/^[^\n]*other users can write to it[^\n]*$/);
  });

  it("refuses a folder another user owns (another uid than this process's)", () => {
    const dir = join(root, 'theirs');
    mkdirSync(dir, { mode: 0o700 });
    const otherUid = statSync(dir).uid + 1;
    expect(() => openPrivateDir(dir, otherUid)).toThrow(/is owned by another user/);
  });

  it('refuses a path that is a file', () => {
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    expect(() => openPrivateDir(file)).toThrow(UserDataDirError);
  });
});
