import { copyFile, mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findQuant } from '@shared/catalog/quantizations';
import { totalWeightBytes } from '@shared/model-import/model-weights';
import { ModelImportError } from '@shared/model-import/model-import-error';
import { testGgufFile, tinyLlama } from '../../test/support/gguf-models';
import { MAX_CONFIG_BYTES, readModelFile, readModelImport } from './read-model-file';

const FIXTURES = fileURLToPath(new URL('../../fixtures/model-configs/', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rig-model-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function modelDir(name: string, fixture: string): Promise<string> {
  const d = join(dir, name);
  await mkdir(d, { recursive: true });
  await copyFile(join(FIXTURES, fixture), join(d, 'config.json'));
  return d;
}

async function writeGguf(path: string): Promise<void> {
  const file = testGgufFile(tinyLlama());
  await writeFile(path, file.header);
  await truncate(path, file.header.length + file.dataBytes);
}

async function failure(run: Promise<unknown>): Promise<ModelImportError> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelImportError);
  return err as ModelImportError;
}

describe('readModelFile dispatch', () => {
  it('a .gguf file → GGUF header', async () => {
    const path = join(dir, 'tiny.gguf');
    await writeGguf(path);
    const model = await readModelFile(path);
    expect(model.weights.origin).toBe('gguf');
    expect(model.quantLabel).toBe('Q4_K_M');
  });

  it('an extension-less blob that starts with GGUF (Ollama stores models this way)', async () => {
    const path = join(dir, 'sha256-0123abcd');
    await writeGguf(path);
    expect((await readModelFile(path)).weights.origin).toBe('gguf');
  });

  it('config.json → transformers config, named after its folder', async () => {
    const d = await modelDir('Qwen3-30B-A3B', 'qwen3-30b-a3b.config.json');
    const model = await readModelFile(join(d, 'config.json'));
    expect(model.spec.arch).toBe('qwen3moe');
    expect(model.spec.name).toBe('Qwen3-30B-A3B');
    expect(model.weights.origin).toBe('hf-config');
  });

  it('a folder with config.json and the index beside it → exact checkpoint size', async () => {
    const d = await modelDir('llama-bnb8', 'llama-3.1-8b-instruct-bnb8.config.json');
    const index = {
      metadata: { total_size: 9086705888 },
      weight_map: { 'model.embed_tokens.weight': 'a', 'lm_head.weight': 'b' },
    };
    await writeFile(join(d, 'model.safetensors.index.json'), JSON.stringify(index));
    const model = await readModelFile(d);
    expect(model.weights.origin).toBe('safetensors-index');
    expect(totalWeightBytes(model.weights)).toBeCloseTo(9086705888, 0);
    // the index path itself leads to the same model
    expect((await readModelFile(join(d, 'model.safetensors.index.json'))).weights).toEqual(model.weights);
  });

  it('a requested quant applies to config.json models', async () => {
    const d = await modelDir('llama-3.1-8b', 'llama-3.1-8b.config.json');
    const model = await readModelFile(join(d, 'config.json'), findQuant('Q4_K_M', 'gguf'));
    expect(model.quantLabel).toBe('Q4_K_M');
  });

  it('a folder with one GGUF model (the mmproj vision file is ignored)', async () => {
    const d = join(dir, 'gguf-folder');
    await mkdir(d);
    await writeGguf(join(d, 'only.gguf'));
    await writeFile(join(d, 'mmproj-F16.gguf'), 'ignored');
    expect((await readModelImport(d)).model.spec.name).toBe('Tiny Llama');
  });
});

describe('readModelFile errors', () => {
  it('missing path', async () => {
    expect((await failure(readModelFile(join(dir, 'missing')))).code).toBe('not-found');
  });

  it('a folder with nothing usable', async () => {
    const d = join(dir, 'empty-folder');
    await mkdir(d);
    const e = await failure(readModelFile(d));
    expect(e.message).toMatch(/holds no config\.json and no \.gguf file/);
  });

  it('a folder with several GGUF models asks to choose one', async () => {
    const d = join(dir, 'two-models');
    await mkdir(d);
    await writeGguf(join(d, 'a.gguf'));
    await writeGguf(join(d, 'b.gguf'));
    expect((await failure(readModelFile(d))).message).toMatch(/several GGUF models \(a\.gguf, b\.gguf\)/);
  });

  it('a config.json over the size cap', async () => {
    const path = join(dir, 'huge', 'config.json');
    await mkdir(join(dir, 'huge'));
    await writeFile(path, '{}');
    await truncate(path, MAX_CONFIG_BYTES + 1);
    const e = await failure(readModelFile(path));
    expect(e.code).toBe('too-large');
  });

  it('invalid JSON', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{ "model_type": ');
    expect((await failure(readModelFile(path))).message).toMatch(/broken\.json is not valid JSON/);
  });

  it('a JSON that is not a config names the file', async () => {
    const path = join(dir, 'tokenizer_config.json');
    await writeFile(path, JSON.stringify({ bos_token: '<s>' }));
    expect((await failure(readModelFile(path))).message).toMatch(
      /tokenizer_config\.json: this JSON is not a transformers config\.json/,
    );
  });

  it('some other file', async () => {
    const path = join(dir, 'weights.bin');
    await writeFile(path, 'PK\x03\x04 zip');
    const e = await failure(readModelFile(path));
    expect(e.message).toMatch(
      /weights\.bin is neither a GGUF file nor a config\.json \(it starts with 50 4B 03 04/,
    );
  });
});
