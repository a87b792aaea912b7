/**
 * Reading files and directories for collectors (/proc, /sys) and for capture directories. Like the
 * command runner, nothing here rejects: each failure comes back with a `CollectErrorKind`.
 */
import { open, readdir, realpath } from 'node:fs/promises';
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
