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

  it('a 20 GiB sparse file is read from its header only: little memory', async () => {
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
    // The tensors' 20 GiB are never read: only the header is (memory says so; the benchmark times it).
    const before = process.memoryUsage().rss;
    const model = await readGgufModel(path);
    const grownMiB = (process.memoryUsage().rss - before) / 2 ** 20;
    expect(model.weights.layers).toHaveLength(40);
    expect(model.weights.layers[0]?.denseBytes).toBe(512 * 2 ** 20);
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

/** Little-endian GGUF v3 pieces, for headers the test writer will not produce. */
const u32 = (n: number): number[] => [...new Uint8Array(new Uint32Array([n]).buffer)];
const u64 = (n: bigint): number[] => [...new Uint8Array(new BigUint64Array([n]).buffer)];
const gstr = (s: string): number[] => [...u64(BigInt(s.length)), ...[...s].map((c) => c.charCodeAt(0))];
const STRING = 8;
const ARRAY = 9;
const UINT64 = 10;

/** Magic, version 3, the counts given, then `body`; padded with zeros to `size` bytes. */
async function writeRaw(
  name: string,
  tensors: bigint,
  kvs: bigint,
  body: number[],
  size = 4096,
): Promise<string> {
  const bytes = new Uint8Array(Math.max(size, 24 + body.length));
  bytes.set([0x47, 0x47, 0x55, 0x46, ...u32(3), ...u64(tensors), ...u64(kvs), ...body]);
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

describe('readGgufModel on hostile headers: counts are checked against the bytes the file holds', () => {
  it('the audit file: 16 KB whose llama.block_count is 2^64−1 → one line naming the key, no 5.9 GB', async () => {
    const m = tinyLlama();
    const tensors = [
      { name: 'token_embd.weight', shape: [256, 8], ggmlType: 0 },
      { name: 'blk.0.attn_norm.weight', shape: [256], ggmlType: 0 },
    ];
    const file = buildTestGguf({ ...m.kv, 'llama.block_count': 2n ** 64n - 1n }, tensors);
    expect(file.header.length + file.dataBytes).toBeLessThanOrEqual(16 * 1024);
    const path = join(dir, 'block-count-max.gguf');
    await writeFile(path, file.header);
    await truncate(path, 16 * 1024);
    const e = await rejection(readGgufModel(path));
    expect(e.code).toBe('out-of-range');
    expect(e.message).toMatch(/block-count-max\.gguf: llama\.block_count is 18446744073709552000/);
  });

  it('a negative block_count (INT32 −1) → one line', async () => {
    const m = tinyLlama();
    const e = await rejection(
      readGgufModel(
        await writeModel('block-count-neg.gguf', { ...m.kv, 'llama.block_count': -1 }, m.tensors),
      ),
    );
    expect(e.code).toBe('out-of-range');
  });

  it('five million tensors declared in a 4 KB file: refused from the count, before any is parsed', async () => {
    const e = await rejection(readGgufModel(await writeRaw('many-tensors.gguf', 5_000_000n, 0n, [])));
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(/declares 5000000 tensors/);
  });

  it('fifty thousand key/values declared in a 4 KB file: truncated, said from the count', async () => {
    const e = await rejection(readGgufModel(await writeRaw('many-kvs.gguf', 0n, 50_000n, [])));
    expect(e.code).toBe('truncated');
    expect(e.message).toMatch(
      /many-kvs\.gguf is truncated: the GGUF header ends early \(the header declares 50000 key\/values/,
    );
  });

  it('an array of a million UINT64 in a 4 KB file: truncated, naming the key', async () => {
    const body = [...gstr('general.junk'), ...u32(ARRAY), ...u32(UINT64), ...u64(1_000_000n)];
    const e = await rejection(readGgufModel(await writeRaw('long-array.gguf', 0n, 1n, body)));
    expect(e.code).toBe('truncated');
    expect(e.message).toMatch(/general\.junk is an array of 1000000 values/);
  });

  it('a string of 2^40 bytes: refused, naming the key', async () => {
    const body = [...gstr('general.name'), ...u32(STRING), ...u64(2n ** 40n)];
    const e = await rejection(readGgufModel(await writeRaw('long-string.gguf', 0n, 1n, body)));
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(/general\.name holds a string of 1099511627776 bytes/);
  });

  it('an array of arrays (llama.cpp refuses them): refused, naming the key', async () => {
    const body = [
      ...gstr('general.nest'),
      ...u32(ARRAY),
      ...u32(ARRAY),
      ...u64(1n),
      ...u32(UINT64),
      ...u64(1n),
      ...u64(7n),
    ];
    const e = await rejection(readGgufModel(await writeRaw('nested.gguf', 0n, 1n, body)));
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(/general\.nest is an array of arrays/);
  });

  it('a tensor of 5 dimensions (ggml has at most 4): refused, naming the tensor', async () => {
    const body = [
      ...gstr('blk.0.x.weight'),
      ...u32(5),
      ...u64(1n),
      ...u64(1n),
      ...u64(1n),
      ...u64(1n),
      ...u64(1n),
      ...u32(0),
      ...u64(0n),
    ];
    const e = await rejection(readGgufModel(await writeRaw('five-dims.gguf', 1n, 0n, body)));
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(/tensor blk\.0\.x\.weight has 5 dimensions/);
  });

  it.each([
    ['2^52 (the parser pads with 32-bit bitwise ops: the data would start at byte 0)', 2n ** 52n],
    ['48 (not a power of two)', 48n],
    ['0', 0n],
  ])('general.alignment %s: refused as llama.cpp does', async (_why, alignment) => {
    const m = tinyLlama();
    // a bigint is written as UINT64 and leaves the writer's own layout at the default alignment
    const path = await writeModel('alignment.gguf', { ...m.kv, 'general.alignment': alignment }, m.tensors);
    const e = await rejection(readGgufModel(path));
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(/general\.alignment/);
  });

  it('a tensor of ggml type 9999 in a real file: refused by name', async () => {
    const m = tinyLlama();
    const tensors = m.tensors.map((t, i) => (i === 2 ? { ...t, ggmlType: 9999, bytes: 4608 } : t));
    const e = await rejection(readGgufModel(await writeModel('type-9999.gguf', m.kv, tensors)));
    expect(e.code).toBe('unknown-tensor-type');
    expect(e.message).toMatch(/type-9999\.gguf: tensor blk\.0\.attn_q\.weight has ggml type 9999/);
  });
});
