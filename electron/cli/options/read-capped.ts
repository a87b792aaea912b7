/**
 * Reading a file the user names, up to a size. The size is checked while reading, not from `stat`, so
 * a pipe (`--profile <(…)`) still works and an endless device (`/dev/zero`) stops at the cap.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK_BYTES = 1 << 20;

/** The file's UTF-8 text, or null once it holds more than `maxBytes`. Throws what `open`/`read` throw. */
export function readCapped(path: string, maxBytes: number): string | null {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return Buffer.concat(chunks).toString('utf8');
      total += read;
      if (total > maxBytes) return null;
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}
