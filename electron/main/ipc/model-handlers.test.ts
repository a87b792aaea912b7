/** model:import-file: path checks, a real GGUF header on disk, and the web bridge's refusal. */
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGgufFile, tinyLlama } from '../../../test/support/gguf-models';
import { dispatch } from './dispatch';
import { createModelHandlers, MODEL_IMPORT_WEB_MESSAGE } from './model-handlers';

const ctx = { emitProgress: () => undefined };
const desktop = createModelHandlers(true) as Parameters<typeof dispatch>[0];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rig-model-ipc-'));
  const file = testGgufFile(tinyLlama());
  await writeFile(join(dir, 'tiny.gguf'), file.header);
  await truncate(join(dir, 'tiny.gguf'), file.header.length + file.dataBytes);
  await writeFile(join(dir, 'broken.gguf'), 'not a gguf at all');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function failure(input: unknown, handlers = desktop) {
  const result = await dispatch(handlers, 'model:import-file', input, ctx);
  if (result.ok) throw new Error('expected a failure');
  expect(result.error.message).not.toMatch(/\n/);
  return result.error;
}

describe('model:import-file', () => {
  it('imports a real GGUF file and returns plain JSON: the model and the notes', async () => {
    const result = await dispatch(desktop, 'model:import-file', { path: join(dir, 'tiny.gguf') }, ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.model).toMatchObject({
      spec: { arch: 'llama', layers: 2 },
      quantLabel: 'Q4_K_M',
      weights: { origin: 'gguf' },
    });
    expect(JSON.parse(JSON.stringify(result.value))).toEqual(result.value);
  });

  it.each([
    ['a relative path', 'models/tiny.gguf', /"models\/tiny\.gguf" is not an absolute path/],
    [
      'a file of another kind',
      '/models/tiny.safetensors',
      /neither a \.gguf file nor a model's config\.json/,
    ],
  ])('refuses %s before reading anything', async (_case, path, pattern) => {
    expect(await failure({ path })).toEqual({ code: 'failed', message: expect.stringMatching(pattern) });
  });

  it('says which file is missing, or what is wrong inside it, in one line', async () => {
    const missing = join(dir, 'gone.gguf');
    expect((await failure({ path: missing })).message).toBe(`${missing} does not exist`);
    expect((await failure({ path: join(dir, 'broken.gguf') })).message).toMatch(/broken\.gguf/);
  });

  it('refuses an unknown quantization and malformed input', async () => {
    expect((await failure({ path: join(dir, 'tiny.gguf'), quant: 'Q9_Z' })).message).toMatch(/Q9_Z/);
    expect((await failure({})).code).toBe('bad-input');
    expect((await failure({ path: '' })).code).toBe('bad-input');
  });

  it('fails as unsupported in the web bridge, pointing to the desktop app or the CLI', async () => {
    const web = createModelHandlers(false) as Parameters<typeof dispatch>[0];
    expect(await failure({ path: join(dir, 'tiny.gguf') }, web)).toEqual({
      code: 'unsupported',
      message: MODEL_IMPORT_WEB_MESSAGE,
    });
  });
});
