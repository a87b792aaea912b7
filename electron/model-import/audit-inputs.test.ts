/**
 * The audit's hostile model files, end to end through `rig-advisor plan --model FILE`: each must end in
 * exit 2 with one line on stderr (a ModelImportError the CLI maps to bad input), never exit 1 with a
 * stack, never minutes of work.
 */
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/main';
import { captureCliIo } from '../../test/support/cli-io';
import { buildTestGguf, type GgufTestTensor, type GgufTestValue } from '../../test/support/gguf-writer';
import { tinyLlama } from '../../test/support/gguf-models';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rig-audit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function gguf(
  name: string,
  kv: Record<string, GgufTestValue>,
  tensors?: GgufTestTensor[],
): Promise<string> {
  const m = tinyLlama();
  const file = buildTestGguf({ ...m.kv, ...kv }, tensors ?? m.tensors);
  const path = join(dir, name);
  await writeFile(path, file.header);
  await truncate(path, Math.max(16 * 1024, file.header.length + file.dataBytes));
  return path;
}

async function config(name: string, json: unknown, index?: unknown): Promise<string> {
  const folder = join(dir, name);
  await mkdir(folder);
  await writeFile(join(folder, 'config.json'), JSON.stringify(json));
  if (index !== undefined)
    await writeFile(join(folder, 'model.safetensors.index.json'), JSON.stringify(index));
  return join(folder, 'config.json');
}

const LLAMA = {
  model_type: 'llama',
  architectures: ['LlamaForCausalLM'],
  hidden_size: 4096,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  intermediate_size: 14336,
  vocab_size: 128256,
  max_position_embeddings: 131072,
};

async function plan(path: string): Promise<{ code: number; stderr: string[] }> {
  const io = captureCliIo();
  const code = await runCli(['plan', '--gpu', 'RTX 3090', '--model', path], io);
  return { code, stderr: io.stderr };
}

describe('the audit inputs through plan: exit 2 and one line each', () => {
  it.each([
    [
      'GGUF, block_count 2^64−1',
      () => gguf('max.gguf', { 'llama.block_count': 2n ** 64n - 1n }),
      /llama\.block_count is 18446744073709552000/,
    ],
    ['GGUF, block_count −1', () => gguf('neg.gguf', { 'llama.block_count': -1 }), /llama\.block_count is -1/],
    [
      'GGUF, a tensor of ggml type 9999',
      () => {
        const tensors = tinyLlama().tensors.map((t, i) =>
          i === 1 ? { ...t, ggmlType: 9999, bytes: 1024 } : t,
        );
        return gguf('t9999.gguf', {}, tensors);
      },
      /ggml type 9999/,
    ],
    [
      'config.json, every field zero',
      () =>
        config('zero', {
          ...LLAMA,
          hidden_size: 0,
          num_hidden_layers: 0,
          num_attention_heads: 0,
          num_key_value_heads: 0,
          intermediate_size: 0,
          vocab_size: 0,
          max_position_embeddings: 0,
        }),
      /num_hidden_layers is 0/,
    ],
    [
      'config.json, hidden_size 1e15',
      () => config('huge', { ...LLAMA, hidden_size: 1e15 }),
      /hidden_size is 1000000000000000/,
    ],
    [
      'a safetensors index of 150k layer tensors',
      () => {
        const weightMap: Record<string, string> = {};
        for (let i = 0; i < 150_000; i++) weightMap[`model.layers.${i}.mlp.weight`] = 'a.safetensors';
        return config('index', LLAMA, { metadata: { total_size: 16e9 }, weight_map: weightMap });
      },
      /model\.layers\.\d+\.mlp\.weight/,
    ],
  ])('%s', async (_why, write, message) => {
    const result = await plan(await write());
    expect(result.code).toBe(2);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(message);
    expect(result.stderr[0]).not.toMatch(/\n|\bat .*:\d+:\d+/);
  });
});
