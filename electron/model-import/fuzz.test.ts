/**
 * Fuzzing the model-file importers with the fixtures the other tests use: the tiny GGUF models of
 * test/support/gguf-models and the real config.json / index files of fixtures/model-configs, cut short,
 * bit-flipped, given huge counts and hostile values by a seeded PRNG (the same inputs on every run).
 * Every input must either import as a sane model — which `plan` then plans without an internal error —
 * or be refused with a one-line ModelImportError: never another error, never a hang, never a heap that
 * grows by more than a small input could justify.
 */
import { mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelImportError } from '@shared/model-import/model-import-error';
import { totalWeightBytes, type EngineModel } from '@shared/model-import/model-weights';
import { runCli } from '../cli/main';
import { captureCliIo } from '../../test/support/cli-io';
import { buildTestGguf, type GgufTestTensor, type GgufTestValue } from '../../test/support/gguf-writer';
import {
  testGgufFile,
  tinyGemma3Tied,
  tinyLlama,
  tinyQwen3Moe,
  type TestGgufModel,
} from '../../test/support/gguf-models';
import { readModelImport } from './read-model-file';

const FIXTURES = fileURLToPath(new URL('../../fixtures/model-configs/', import.meta.url));
const SEED = 0x5eed_f00d;
/** Hang guard only: a tiny input takes milliseconds; one that takes this long is looping. */
const HANG_MS = 15_000;
/** Heap growth one input may cause: the inputs are a few KB, so tens of MB already means a count ran away. */
const HEAP_GROWTH_LIMIT = 96 * 2 ** 20;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rig-fuzz-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** mulberry32: a small seeded PRNG, so every run tries the same inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
/** The PRNG of the running test; each test seeds its own, so running one alone tries the same inputs. */
let rand = prng(SEED);
const int = (n: number): number => Math.floor(rand() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

/** One input: the files to write (bytes, or a sparse size past them) and the path to import. */
interface FuzzCase {
  readonly label: string;
  readonly files: readonly { readonly name: string; readonly bytes: Uint8Array; readonly size?: number }[];
  readonly open: string;
}

// ---- GGUF -------------------------------------------------------------------------------------------

const GGUF_MODELS: readonly (readonly [string, () => TestGgufModel])[] = [
  ['tiny-llama', tinyLlama],
  ['tiny-qwen3moe', tinyQwen3Moe],
  ['tiny-gemma3', tinyGemma3Tied],
];
const HUGE_U64 = [2n ** 64n - 1n, 2n ** 63n, 2n ** 32n, 2n ** 32n - 1n, 1_000_000n, 5_000_000n, 0n];
const HOSTILE_VALUES: readonly GgufTestValue[] = [
  2n ** 64n - 1n,
  2n ** 63n,
  -1,
  0,
  2 ** 31,
  1.5,
  Number.NaN,
  1e6,
];
const HOSTILE_DIMS = [0, 3, 2 ** 32, 2 ** 31 + 1];
const HOSTILE_TYPES = [4, 31, 42, 200, 255, 256, 9999, 2 ** 32 - 1];

function ggufCase(label: string, header: Uint8Array, size: number): FuzzCase {
  return { label, files: [{ name: 'model.gguf', bytes: header, size }], open: 'model.gguf' };
}

function mutateGgufBytes(name: string, model: TestGgufModel): FuzzCase {
  const file = testGgufFile(model);
  const full = file.header.length + file.dataBytes;
  const header = file.header.slice();
  const kind = int(3);
  if (kind === 0) {
    const cut = int(full);
    return ggufCase(`${name} cut at ${cut}`, header.subarray(0, Math.min(cut, header.length)), cut);
  }
  if (kind === 1) {
    const flips: string[] = [];
    for (let i = 1 + int(8); i > 0; i--) {
      const at = int(header.length);
      const bit = int(8);
      header[at] = (header[at] as number) ^ (1 << bit);
      flips.push(`${at}.${bit}`);
    }
    return ggufCase(`${name} bits flipped at ${flips.join(' ')}`, header, full);
  }
  const at = int(header.length - 8);
  const value = pick(HUGE_U64);
  new DataView(header.buffer).setBigUint64(at, value, true);
  return ggufCase(`${name} u64 ${value} at ${at}`, header, full);
}

/** A well-formed file whose values are hostile: the fuzz reaches the metadata and tensor checks. */
function mutateGgufValues(name: string, model: TestGgufModel): FuzzCase {
  const kv: Record<string, GgufTestValue> = { ...model.kv };
  const tensors: GgufTestTensor[] = [...model.tensors];
  let what: string;
  if (rand() < 0.6) {
    const key = pick(Object.keys(kv).filter((k) => typeof kv[k] !== 'string'));
    const value = pick(HOSTILE_VALUES);
    kv[key] = value;
    what = `${key}=${String(value)}`;
  } else {
    const i = int(tensors.length);
    const t = tensors[i] as GgufTestTensor;
    const change = int(3);
    if (change === 0) {
      const dim = pick(HOSTILE_DIMS);
      tensors[i] = { ...t, shape: [dim, ...t.shape.slice(1)], bytes: 64 };
      what = `${t.name} dim ${dim}`;
    } else if (change === 1) {
      const type = pick(HOSTILE_TYPES);
      tensors[i] = { ...t, ggmlType: type, bytes: 64 };
      what = `${t.name} type ${type}`;
    } else {
      const block = pick([2, 63, 1023, 1024, 100_000, 2 ** 40]);
      tensors[i] = { ...t, name: `blk.${block}.attn_q.weight` };
      what = `${t.name} renamed to block ${block}`;
    }
  }
  const file = buildTestGguf(kv, tensors);
  return ggufCase(`${name} ${what}`, file.header, file.header.length + file.dataBytes);
}

// ---- config.json and model.safetensors.index.json --------------------------------------------------

const CONFIGS = [
  'llama-3.1-8b.config.json',
  'llama-3.1-8b-instruct-bnb8.config.json',
  'qwen3-30b-a3b.config.json',
  'gemma-3-27b.config.json',
  'deepseek-v3.config.json',
  'gpt-oss-20b.config.json',
];
const HOSTILE_JSON: readonly unknown[] = [0, -1, 2.5, 1e15, 1e308, 2 ** 53, '7', null, true, [], {}, 2000];
const JUNK_CHARS = '0123456789{}[]",:-e. ';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Paths of every value in a JSON tree (objects only, arrays as leaves). */
function paths(value: unknown, prefix: readonly string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [[...prefix]];
  return Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]));
}

function setAt(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

function mutateJsonText(text: string): { text: string; what: string } {
  const kind = int(4);
  const json = JSON.parse(text) as Record<string, unknown>;
  const leaves = paths(json).filter((p) => p.length > 0);
  if (kind === 0) {
    const path = pick(leaves);
    const value = pick(HOSTILE_JSON);
    setAt(json, path, value);
    return { text: JSON.stringify(json), what: `${path.join('.')}=${JSON.stringify(value)}` };
  }
  if (kind === 1) {
    const path = pick(leaves);
    setAt(json, path, undefined);
    return { text: JSON.stringify(json), what: `without ${path.join('.')}` };
  }
  if (kind === 2) {
    const cut = int(text.length);
    return { text: text.slice(0, cut), what: `cut at ${cut}` };
  }
  const chars = [...text];
  const flips = 1 + int(6);
  for (let i = 0; i < flips; i++) chars[int(chars.length)] = pick([...JUNK_CHARS]);
  return { text: chars.join(''), what: `${flips} characters changed` };
}

async function configCase(fixture: string): Promise<FuzzCase> {
  const { text, what } = mutateJsonText(await readFile(join(FIXTURES, fixture), 'utf8'));
  return {
    label: `${fixture} ${what}`,
    files: [{ name: 'config.json', bytes: encode(text) }],
    open: 'config.json',
  };
}

async function indexCase(): Promise<FuzzCase> {
  const config = await readFile(join(FIXTURES, 'deepseek-v3.config.json'));
  const index = JSON.parse(await readFile(join(FIXTURES, 'deepseek-v3.index-trimmed.json'), 'utf8')) as {
    metadata: Record<string, unknown>;
    weight_map: Record<string, unknown>;
  };
  const kind = int(4);
  let what: string;
  if (kind === 0) {
    const total = pick<unknown>(['1e400', -1, 2 ** 60, 'lots', 1e12, 0, null, 700e9]);
    index.metadata.total_size = total;
    what = `total_size ${JSON.stringify(total)}`;
  } else if (kind === 1) {
    const layer = pick([61, 62, 1023, 1024, 1e6, 2 ** 53]);
    index.metadata.total_size = 700e9;
    index.weight_map[`model.layers.${layer}.mlp.gate.weight`] = 'x.safetensors';
    what = `weight_map names layer ${layer}`;
  } else if (kind === 2) {
    const copies = 1 + int(2000);
    for (let i = 0; i < copies; i++) index.weight_map[`model.layers.${int(61)}.mlp.experts.${i}.w`] = 'x';
    index.metadata.total_size = 700e9;
    what = `${copies} more expert tensors`;
  } else {
    const value = pick(HOSTILE_JSON);
    (index as Record<string, unknown>).weight_map = value;
    what = `weight_map=${JSON.stringify(value)}`;
  }
  return {
    label: `deepseek-v3 index ${what}`,
    files: [
      { name: 'config.json', bytes: config },
      { name: 'model.safetensors.index.json', bytes: encode(JSON.stringify(index)) },
    ],
    open: 'config.json',
  };
}

// ---- hand-written hostile files ----------------------------------------------------------------------

/** A GGUF header from raw parts: magic, version (as 4 bytes), then `rest`. */
function rawGguf(
  version: readonly number[],
  rest: readonly number[],
  size = 4096,
): FuzzCase['files'][number] {
  return { name: 'model.gguf', bytes: new Uint8Array([0x47, 0x47, 0x55, 0x46, ...version, ...rest]), size };
}
const le64 = (n: bigint): number[] => [...new Uint8Array(new BigUint64Array([n]).buffer)];
const le32 = (n: number): number[] => [...new Uint8Array(new Uint32Array([n]).buffer)];

function handCases(): FuzzCase[] {
  const llama = tinyLlama();
  const gguf = (label: string, file: FuzzCase['files'][number]): FuzzCase => ({
    label,
    files: [file],
    open: 'model.gguf',
  });
  const json = (label: string, text: string): FuzzCase => ({
    label,
    files: [{ name: 'config.json', bytes: encode(text) }],
    open: 'config.json',
  });
  const config = {
    model_type: 'llama',
    hidden_size: 64,
    num_hidden_layers: 2,
    num_attention_heads: 4,
    vocab_size: 100,
    max_position_embeddings: 512,
  };
  const withAlignment = (alignment: GgufTestValue) => {
    const f = buildTestGguf({ ...llama.kv, 'general.alignment': alignment }, llama.tensors.slice(0, 4));
    return { name: 'model.gguf', bytes: f.header, size: f.header.length + f.dataBytes };
  };
  return [
    gguf(
      'big-endian version 3, counts 2^64−1',
      rawGguf([0, 0, 0, 3], [...le64(2n ** 64n - 1n), ...le64(2n ** 64n - 1n)]),
    ),
    gguf('version 1 (uint32 counts), 2^32−1 tensors', rawGguf(le32(1), [...le32(2 ** 32 - 1), ...le32(0)])),
    gguf('version 99', rawGguf(le32(99), [...le64(0n), ...le64(0n)])),
    gguf(
      'a key/value of value type 77',
      rawGguf(le32(3), [...le64(0n), ...le64(1n), ...le64(1n), 0x61, ...le32(77)]),
    ),
    // bigints and strings: the test writer then lays the file out at the default alignment of 32
    gguf('general.alignment 0', withAlignment(0n)),
    gguf('general.alignment 2^52', withAlignment(2n ** 52n)),
    gguf('general.alignment "abc"', withAlignment('abc')),
    gguf('the magic and nothing else, in a 1 GiB sparse file', rawGguf(le32(3), [], 2 ** 30)),
    json(
      'JSON nested a million levels deep',
      `{"model_type":"llama","text_config":${'['.repeat(1e6)}${']'.repeat(1e6)}}`,
    ),
    json(
      'a million architectures',
      JSON.stringify({ ...config, architectures: Array(1e6).fill('LlamaForCausalLM') }),
    ),
    json(
      '__proto__ and constructor keys',
      `{"__proto__":{"num_hidden_layers":2e9},"constructor":1,${JSON.stringify(config).slice(1)}`,
    ),
    json('text_config that is a string', JSON.stringify({ ...config, text_config: 'x'.repeat(1e5) })),
    json('a model_type of 4 MB', JSON.stringify({ ...config, model_type: 'x'.repeat(4e6) })),
    json('numbers as strings', JSON.stringify({ ...config, num_hidden_layers: '32' })),
    json('an empty file', ''),
    json('a UTF-8 byte order mark', `\ufeff${JSON.stringify(config)}`),
  ];
}

// ---- running and judging ----------------------------------------------------------------------------

/** What is wrong with an imported model, or [] when every number is one a real model can have. */
function insanity(model: EngineModel): string[] {
  const s = model.spec;
  const w = model.weights;
  const problems: string[] = [];
  const check = (what: string, v: number, min: number, max: number) => {
    if (!(Number.isFinite(v) && v >= min && v <= max)) problems.push(`${what} ${v}`);
  };
  check('layers', s.layers, 1, 1024);
  if (!Number.isInteger(s.layers)) problems.push(`layers ${s.layers}`);
  check('weight layers', w.layers.length, s.layers, 1024);
  check('hidden', s.hiddenSize, 1, 2 ** 20);
  check('heads', s.attentionHeads, 1, 2 ** 14);
  check('kv heads', s.kvHeads, 1, 2 ** 14);
  check('head dim', s.headDim, Number.MIN_VALUE, 2 ** 16);
  check('vocab', s.vocabSize, 1, 2 ** 22);
  check('context', s.maxContext, 1, 2 ** 24);
  check('params', s.paramsB, 0, 1e7);
  if (s.experts) {
    check('experts', s.experts.total, 1, 4096);
    check('active experts', s.experts.active, 1, s.experts.total);
    check('dense layers', s.experts.denseLayers ?? 0, 0, s.layers);
  }
  for (const [i, l] of w.layers.entries()) {
    check(`layer ${i} dense bytes`, l.denseBytes, 0, 2 ** 50);
    check(`layer ${i} expert bytes`, l.expertBytes, 0, 2 ** 50);
  }
  check('embedding bytes', w.tokenEmbdBytes, 0, 2 ** 50);
  check('output bytes', w.outputBytes, 0, 2 ** 50);
  check('total bytes', totalWeightBytes(w), 1, 2 ** 52);
  return problems;
}

type Outcome =
  | { readonly kind: 'parsed'; readonly model: EngineModel }
  | { readonly kind: 'refused' }
  | { readonly kind: 'crash'; readonly error: string }
  | { readonly kind: 'hang' };

async function importOnce(path: string): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'hang' }), HANG_MS);
  });
  const run = readModelImport(path).then(
    ({ model }): Outcome => ({ kind: 'parsed', model }),
    (err: unknown): Outcome =>
      err instanceof ModelImportError && !/\n/.test(err.message)
        ? { kind: 'refused' }
        : { kind: 'crash', error: err instanceof Error ? (err.stack ?? err.message) : String(err) },
  );
  try {
    return await Promise.race([run, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** `plan` on an imported file: 0 or 2, never 1 (an internal error). */
async function planExit(path: string): Promise<{ code: number; stderr: string }> {
  const io = captureCliIo();
  const code = await runCli(['plan', '--gpu', 'RTX 3090', '--model', path], io);
  return { code, stderr: io.stderr.join('\n') };
}

interface Tally {
  tried: number;
  parsed: number;
  refused: number;
  crashes: string[];
  hangs: string[];
  insane: string[];
  planCrashes: string[];
  maxHeapGrowth: number;
  /** Each input's outcome, by label. */
  outcomes: Map<string, Outcome['kind']>;
}

async function runCases(cases: readonly FuzzCase[]): Promise<Tally> {
  const tally: Tally = {
    tried: 0,
    parsed: 0,
    refused: 0,
    crashes: [],
    hangs: [],
    insane: [],
    planCrashes: [],
    maxHeapGrowth: 0,
    outcomes: new Map(),
  };
  for (const [n, c] of cases.entries()) {
    const caseDir = join(dir, String(n));
    await mkdir(caseDir);
    for (const f of c.files) {
      const path = join(caseDir, f.name);
      await writeFile(path, f.bytes);
      if (f.size !== undefined && f.size > f.bytes.length) await truncate(path, f.size);
    }
    const path = join(caseDir, c.open);
    const heapBefore = process.memoryUsage().heapUsed;
    const outcome = await importOnce(path);
    tally.maxHeapGrowth = Math.max(tally.maxHeapGrowth, process.memoryUsage().heapUsed - heapBefore);
    tally.tried++;
    tally.outcomes.set(c.label, outcome.kind);
    if (outcome.kind === 'refused') tally.refused++;
    else if (outcome.kind === 'hang') tally.hangs.push(c.label);
    else if (outcome.kind === 'crash') tally.crashes.push(`${c.label}: ${outcome.error}`);
    else {
      tally.parsed++;
      const problems = insanity(outcome.model);
      if (problems.length) tally.insane.push(`${c.label}: ${problems.slice(0, 3).join(', ')}`);
      const plan = await planExit(path);
      if (plan.code !== 0 && plan.code !== 2) tally.planCrashes.push(`${c.label}: ${plan.stderr}`);
    }
    await rm(caseDir, { recursive: true, force: true });
  }
  return tally;
}

function expectClean(what: string, tally: Tally): void {
  console.log(
    `fuzz ${what}: ${tally.tried} inputs, ${tally.parsed} imported, ${tally.refused} refused in one line, ` +
      `${tally.crashes.length} crashes, ${tally.hangs.length} hangs, ${tally.insane.length} insane models, ` +
      `${tally.planCrashes.length} plan crashes, max heap growth ${(tally.maxHeapGrowth / 2 ** 20).toFixed(1)} MiB`,
  );
  expect(tally.crashes).toEqual([]);
  expect(tally.hangs).toEqual([]);
  expect(tally.insane).toEqual([]);
  expect(tally.planCrashes).toEqual([]);
  expect(tally.maxHeapGrowth).toBeLessThan(HEAP_GROWTH_LIMIT);
  // Both outcomes occur, so the mutations reach past the first check and the sane path is exercised.
  expect(tally.parsed).toBeGreaterThan(0);
  expect(tally.refused).toBeGreaterThan(0);
}

describe('fuzzing the importers (seeded, deterministic)', () => {
  it('GGUF bytes: truncation, bit flips, huge counts, hostile values and tensors', async () => {
    rand = prng(SEED);
    const cases: FuzzCase[] = [];
    for (const [name, model] of GGUF_MODELS) {
      for (let i = 0; i < 45; i++) cases.push(mutateGgufBytes(name, model()));
      for (let i = 0; i < 45; i++) cases.push(mutateGgufValues(name, model()));
    }
    expectClean('GGUF', await runCases(cases));
  }, 240_000);

  it('config.json: hostile values, missing keys, truncation, changed characters', async () => {
    rand = prng(SEED + 1);
    const cases: FuzzCase[] = [];
    for (const fixture of CONFIGS) for (let i = 0; i < 30; i++) cases.push(await configCase(fixture));
    expectClean('config.json', await runCases(cases));
  }, 240_000);

  it('hand-written hostile files: odd versions and endianness, alignment, deep or huge JSON', async () => {
    const tally = await runCases(handCases());
    expectClean('hand-written', tally);
    // The configs with odd extras are valid and import; every other input is refused.
    const imported = [...tally.outcomes].filter(([, kind]) => kind === 'parsed').map(([label]) => label);
    expect(imported).toEqual([
      '__proto__ and constructor keys',
      'text_config that is a string',
      'a model_type of 4 MB',
    ]);
  }, 240_000);

  it('model.safetensors.index.json: hostile total_size, layer indices, sizes and shapes', async () => {
    rand = prng(SEED + 2);
    const cases: FuzzCase[] = [];
    for (let i = 0; i < 60; i++) cases.push(await indexCase());
    expectClean('index', await runCases(cases));
  }, 240_000);
});
