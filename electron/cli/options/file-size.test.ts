/**
 * Files the options read (`--profile`, `--measurements`, `bench import FILE`) are read up to a size and
 * no further: an endless one (`/dev/zero`) or a huge one is one line and exit 2, not minutes of reading
 * and half a gigabyte of memory.
 */
import { closeSync, openSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCliIo } from '../../../test/support/cli-io';
import { runCli } from '../main';
import { tempDirs } from '../../../test/support/temp-dirs';

const newTempDir = tempDirs('rig-huge-');

async function run(args: readonly string[]) {
  const io = captureCliIo();
  const code = await runCli(args, io);
  return { code, err: io.stderr.join('\n') };
}

/** A file of `bytes` zero bytes that takes no disk (sparse). */
function hugeFile(bytes: number): string {
  const path = join(newTempDir(), 'huge.json');
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return path;
}

const ONE = ['--gpu', 'RTX 3090', '--model', 'llama-3.1-8b'];
const endless = process.platform === 'win32' ? [] : ['/dev/zero'];

describe('files read by size', () => {
  it.each([...endless, hugeFile(40 * 1024 * 1024)])('--profile %s', async (path) => {
    const r = await run(['plan', '--profile', path, '--model', 'llama-3.1-8b']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `rig-advisor: --profile ${path} is larger than 32 MB: not a saved \`scan --json\` profile`,
    );
  });

  it.each([...endless, hugeFile(30 * 1024 * 1024)])('--measurements %s', async (path) => {
    const r = await run(['plan', ...ONE, '--measurements', path]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`rig-advisor: ${path}: larger than 20 MB, not a benchmark output`);
  });

  it.each(endless)('bench import %s', async (path) => {
    const r = await run(['bench', 'import', path, ...ONE]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`rig-advisor: ${path}: larger than 20 MB, not a benchmark output`);
  });

  it('a directory is one line', async () => {
    const r = await run(['plan', '--profile', tmpdir(), '--model', 'llama-3.1-8b']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`rig-advisor: cannot read --profile ${tmpdir()}: EISDIR`);
  });
});
