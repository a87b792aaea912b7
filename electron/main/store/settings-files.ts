/**
 * The file operations the settings store does itself (before conf / electron-store opens the file),
 * behind an interface so tests can make them fail the way a user's disk does (EACCES as root, EIO).
 */
import { accessSync, constants, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface SettingsFiles {
  /** Size in bytes, or null when nothing is there; throws for any other failure (e.g. EACCES). */
  size(path: string): number | null;
  read(path: string): string;
  /**
   * Whether Rig Advisor may write it. The mode bits count too, not only access(2): root (and an
   * administrator on Windows) may write a read-only file, but the user marked it so for a reason.
   */
  writable(path: string): boolean;
  /** Writes the whole file through a temporary file and a rename, so a crash never leaves half of it. */
  write(path: string, text: string): void;
  rename(from: string, to: string): void;
}

function writeAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${process.pid}-${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

export const nodeSettingsFiles: SettingsFiles = {
  size: (path) => {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    // Reading a pipe waits forever and /dev/zero never ends: only a regular file is read.
    if (!stats.isFile())
      throw Object.assign(new Error(`${path} is not a regular file`), {
        code: stats.isDirectory() ? 'EISDIR' : 'ENOTREG',
      });
    return stats.size;
  },
  read: (path) => readFileSync(path, 'utf8'),
  writable: (path) => {
    try {
      accessSync(path, constants.W_OK);
      return (statSync(path).mode & 0o222) !== 0;
    } catch (error) {
      // A folder not made yet is writable when the nearest one that exists is (conf makes the rest).
      const parent = dirname(path);
      const absent = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return absent && parent !== path && nodeSettingsFiles.writable(parent);
    }
  },
  write: writeAtomically,
  rename: renameSync,
};

/** Why a file operation failed, in words for the user (the code alone, e.g. EACCES, means little). */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  EISDIR: 'it is a folder, not a file',
  // not an errno: nodeSettingsFiles.size's own code for a device, pipe or socket
  ENOTREG: 'it is not a regular file (a device, a pipe or a socket)',
  ENOTDIR: 'a part of its path is a file, not a folder',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EIO: 'the disk reported an input/output error',
  EBUSY: 'another program has it locked',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'its path is too long',
  ELOOP: 'its path has a symbolic link loop',
};

/** One line saying why: the plain-words reason for a known code, else the error's own message. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const known = code ? REASONS[code] : undefined;
  if (known) return known;
  const message = error instanceof Error ? error.message : String(error);
  // JSON.parse quotes the text it choked on, which may hold NULs or other control characters.
  return (message.split('\n')[0] ?? message).replace(/\p{Cc}/gu, ' ');
}
