import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelImportError } from '@shared/model-import/model-import-error';
import { buildTestGguf, type GgufTestTensor } from '../../test/support/gguf-writer';
import {
  testGgufFile,
  tinyGemma3Tied,
  tinyLlama,
  tinyQwen3Moe,
  type TestGgufModel,
} from '../../test/support/gguf-models';
import { readGgufImport, readGgufModel } from './read-gguf';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rig-gguf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes header + (sparse) tensor data of the exact size; returns the path. */
async function writeModel(
  name: string,
  kv: TestGgufModel['kv'],
  tensors: readonly GgufTestTensor[],
): Promise<string> {
  const file = buildTestGguf(kv, tensors);
  const path = join(dir, name);
  await writeFile(path, file.header);
  await truncate(path, file.header.length + file.dataBytes);
  return path;
}

async function rejection(run: Promise<unknown>): Promise<ModelImportError> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelImportError);
  const e = err as ModelImportError;
  expect(e.message).not.toMatch(/\n/);
  return e;
}

describe('readGgufModel on real files', () => {
  it('dense llama: the header read through @huggingface/gguf gives the exact byte sums', async () => {
    const m = tinyLlama();
    const path = await writeModel('tiny-llama.gguf', m.kv, m.tensors);
    const model = await readGgufModel(path);
    expect(model.path).toBe(path);
    expect(model.quantLabel).toBe('Q4_K_M');
    expect(model.weights.tokenEmbdBytes).toBe(46080);
    expect(model.weights.outputBytes).toBe(68224);
    expect(model.weights.layers).toEqual([
      { denseBytes: 376064, expertBytes: 0 },
      { denseBytes: 376064, expertBytes: 0 },
    ]);
    expect(model.spec).toMatchObject({ arch: 'llama', vocabSize: 320, kvHeads: 2, maxContext: 4096 });
  });

  it('MoE qwen3moe: expert tensors counted apart', async () => {
    const m = tinyQwen3Moe();
    const model = await readGgufModel(await writeModel('tiny-moe.gguf', m.kv, m.tensors));
    expect(model.weights.layers.map((l) => l.expertBytes)).toEqual([573440, 573440]);
    expect(model.weights.layers.map((l) => l.denseBytes)).toEqual([219648, 219648]);
    expect(model.spec.experts?.total).toBe(8);
  });

  it('tied gemma3 with a tensor of an unknown type: sized from the offsets in the file', async () => {
    const m = tinyGemma3Tied();
    const { model, notes } = await readGgufImport(await writeModel('tiny-gemma.gguf', m.kv, m.tensors));
    expect(model.weights.tiedOutput).toBe(true);
    expect(model.weights.layers[6]?.denseBytes).toBe(262144 + 1024);
    expect(model.spec.slidingWindow).toEqual({ window: 512, layers: 6 });
    expect(notes.length).toBeGreaterThan(0);
  });

  it('split GGUF: all shards are read and summed; the name comes from general.name', async () => {
    const m = tinyLlama();
    const parts = [m.tensors.slice(0, 4), m.tensors.slice(4, 12), m.tensors.slice(12)];
    await mkdir(join(dir, 'split'));
    const paths: string[] = [];
    for (const [i, tensors] of parts.entries()) {
      const kv = i === 0 ? { ...m.kv, 'split.no': 0, 'split.count': 3 } : { 'split.no': i, 'split.count': 3 };
      paths.push(await writeModel(`split/tiny-0000${i + 1}-of-00003.gguf`, kv, tensors));
    }
    const model = await readGgufModel(paths[1] as string);
    const whole = await readGgufModel(await writeModel('tiny-whole.gguf', m.kv, m.tensors));
    expect(model.weights).toEqual(whole.weights);
    expect(model.spec.name).toBe('Tiny Llama');
  });

  it('split GGUF with a shard missing names the missing file', async () => {
    const m = tinyLlama();
    await mkdir(join(dir, 'split-missing'));
    const first = await writeModel(
      'split-missing/big-00001-of-00003.gguf',
      { ...m.kv, 'split.count': 3 },
      m.tensors.slice(0, 4),
    );
    await writeModel('split-missing/big-00003-of-00003.gguf', { 'split.count': 3 }, m.tensors.slice(12));
    const e = await rejection(readGgufModel(first));
    expect(e.code).toBe('missing-shard');
    expect(e.message).toMatch(/part 1 of a GGUF split into 3 files, but big-00002-of-00003\.gguf is missing/);
  });

  it('a 20 GiB sparse file is read from its header only: little memory, little time', async () => {
    // 40 layers of one F16 16384×16384 tensor (512 MiB each) = 20 GiB of tensor data, all sparse.
    const tensors: GgufTestTensor[] = [{ name: 'token_embd.weight', shape: [16384, 1024], ggmlType: 1 }];
    for (let i = 0; i < 40; i++)
      tensors.push({ name: `blk.${i}.attn_q.weight`, shape: [16384, 16384], ggmlType: 1 });
    const kv = {
      ...tinyLlama().kv,
      'llama.block_count': 40,
      'llama.embedding_length': 16384,
      'llama.attention.head_count': 128,
    };
    const path = await writeModel('big-sparse.gguf', kv, tensors);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const model = await readGgufModel(path);
    const ms = performance.now() - started;
    const grownMiB = (process.memoryUsage().rss - before) / 2 ** 20;
    expect(model.weights.layers).toHaveLength(40);
    expect(model.weights.layers[0]?.denseBytes).toBe(512 * 2 ** 20);
    expect(ms).toBeLessThan(5000);
    expect(grownMiB).toBeLessThan(150);
  });
});

describe('readGgufModel errors: one clear line each', () => {
  it('missing file', async () => {
    const e = await rejection(readGgufModel(join(dir, 'nope.gguf')));
    expect(e.code).toBe('not-found');
    expect(e.message).toMatch(/nope\.gguf does not exist/);
  });

  it('a directory', async () => {
    const e = await rejection(readGgufModel(dir));
    expect(e.code).toBe('is-directory');
  });

  it('an empty file', async () => {
    const path = join(dir, 'empty.gguf');
    await writeFile(path, '');
    const e = await rejection(readGgufModel(path));
    expect(e.code).toBe('empty');
    expect(e.message).toMatch(/is empty \(0 bytes\)/);
  });

  it('not GGUF: says what the file starts with', async () => {
    const path = join(dir, 'config.gguf');
    await writeFile(path, '{\n  "architectures": ["LlamaForCausalLM"]\n}\n');
    const e = await rejection(readGgufModel(path));
    expect(e.code).toBe('not-gguf');
    expect(e.message).toMatch(
      /config\.gguf is not a GGUF file \(it starts with 7B 0A 20 20 22 61 72 63 \("\{\. {2}"arc"\); it looks like JSON\)/,
    );
  });

  it('header cut in the middle', async () => {
    const file = testGgufFile(tinyLlama());
    const path = join(dir, 'cut-header.gguf');
    await writeFile(path, file.header.subarray(0, Math.floor(file.header.length / 2)));
    const e = await rejection(readGgufModel(path));
    expect(e.code).toBe('truncated');
    expect(e.message).toMatch(/cut-header\.gguf is truncated: the GGUF header ends early/);
  });

  it('header cut inside the tensor infos', async () => {
    const file = testGgufFile(tinyLlama());
    const path = join(dir, 'cut-infos.gguf');
    await writeFile(path, file.header.subarray(0, file.header.length - 40));
    const e = await rejection(readGgufModel(path));
    expect(e.code).toBe('truncated');
  });

  it('a header cut anywhere is reported as truncated, never parsed as zeros', async () => {
    const file = testGgufFile(tinyLlama());
    const path = join(dir, 'cut-anywhere.gguf');
    const codes = new Set<string>();
    for (let cut = 4; cut < file.header.length; cut += 61) {
      await writeFile(path, file.header.subarray(0, cut));
      codes.add((await rejection(readGgufModel(path))).code);
    }
    expect([...codes]).toEqual(['truncated']);
  });

  it('complete header, tensor data cut short (an interrupted download)', async () => {
    const file = testGgufFile(tinyLlama());
    const path = join(dir, 'cut-data.gguf');
    await writeFile(path, file.header);
    await truncate(path, file.header.length + Math.floor(file.dataBytes / 2));
    const e = await rejection(readGgufModel(path));
    expect(e.code).toBe('truncated');
    expect(e.message).toMatch(/the tensor data ends early/);
  });

  it('GGUF magic but too short to hold a header', async () => {
    const path = join(dir, 'stub.gguf');
    await writeFile(path, 'GGUF');
    const e = await rejection(readGgufModel(path));
    expect(e.code).toBe('truncated');
  });

  it('a header without the keys llama.cpp needs names the key and the file', async () => {
    const path = await writeModel(
      'no-keys.gguf',
      { 'general.architecture': 'llama' },
      tinyLlama().tensors.slice(0, 1),
    );
    const e = await rejection(readGgufModel(path));
    expect(e.code).toBe('missing-key');
    expect(e.message).toMatch(/no-keys\.gguf: the GGUF header has no llama\.block_count/);
  });
});
