/**
 * Reading files and directories for collectors (/proc, /sys) and for capture directories. Like the
 * command runner, nothing here rejects: each failure comes back with a `CollectErrorKind`.
 */
import { constants as fsConstants } from 'node:fs';
import { lstat, open, readdir, realpath, type FileHandle } from 'node:fs/promises';
import type { CollectErrorKind } from '@shared/hardware/capture-format';

export type FileFailure = {
  readonly ok: false;
  readonly errorKind: CollectErrorKind;
  readonly error: string;
};

export type FileReadResult = { readonly ok: true; readonly text: string } | FileFailure;
export type DirReadResult = { readonly ok: true; readonly entries: readonly string[] } | FileFailure;
export type RealpathResult = { readonly ok: true; readonly path: string } | FileFailure;

export interface FileSource {
  /** Reads UTF-8 text; more than `maxBytes` gives `too-large` (the text is not returned). */
  readFile(path: string, opts?: { readonly maxBytes?: number }): Promise<FileReadResult>;
  /** Entry names, sorted. */
  readdir(path: string): Promise<DirReadResult>;
  realpath(path: string): Promise<RealpathResult>;
}

export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Same vocabulary as the command runner: absent → not-applicable (no such source here), denied → not-permitted. */
export function classifyFsError(error: unknown, path: string): FileFailure {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return { ok: false, errorKind: 'not-applicable', error: `${path} does not exist` };
  if (code === 'EACCES' || code === 'EPERM')
    return { ok: false, errorKind: 'not-permitted', error: `${path}: permission denied` };
  return { ok: false, errorKind: 'failed', error: message };
}

/**
 * Reads at most `maxBytes + 1` bytes. /proc and /sys files report size 0, so the size from `stat`
 * cannot be trusted; reading in chunks up to the cap works for both them and regular files.
 */
async function readCapped(path: string, maxBytes: number): Promise<FileReadResult> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes)
        return { ok: false, errorKind: 'too-large', error: `${path} is larger than ${maxBytes} bytes` };
    }
    return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
  } finally {
    await handle.close();
  }
}

export function createNodeFileSource(): FileSource {
  return {
    async readFile(path, opts) {
      try {
        return await readCapped(path, opts?.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
      } catch (error) {
        return classifyFsError(error, path);
      }
    },
    async readdir(path) {
      try {
        return { ok: true, entries: (await readdir(path)).sort() };
      } catch (error) {
        return classifyFsError(error, path);
      }
    },
    async realpath(path) {
      try {
        return { ok: true, path: await realpath(path) };
      } catch (error) {
        return classifyFsError(error, path);
      }
    },
  };
}

export type RegularFileResult =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly reason: 'symlink' | 'not-regular' | 'too-large'; readonly size?: number };

/** Never follow a link in the last path component; never wait on a FIFO. Absent on Windows (0). */
const NO_FOLLOW = (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

/**
 * Reads a file of a capture directory only if it is a regular file: a capture can come from anyone,
 * and `manifest.json -> /etc/shadow` must not put the first bytes of that file into an error message.
 * `lstat` names what is refused; `O_NOFOLLOW` and the second check on the open handle close the race
 * where the file is swapped for a link in between. Filesystem errors are thrown.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<RegularFileResult> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) return { ok: false, reason: 'symlink' };
  if (!info.isFile()) return { ok: false, reason: 'not-regular' };
  if (info.size > maxBytes) return { ok: false, reason: 'too-large', size: info.size };
  let handle: FileHandle;
  try {
    handle = await open(path, fsConstants.O_RDONLY | NO_FOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return { ok: false, reason: 'symlink' };
    throw error;
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) return { ok: false, reason: 'not-regular' };
    const buffer = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total === buffer.length) {
        if (total > maxBytes) return { ok: false, reason: 'too-large', size: total };
        break; // grew while read: what was there when it was opened is enough
      }
    }
    return { ok: true, bytes: buffer.subarray(0, total) };
  } finally {
    await handle.close();
  }
}
