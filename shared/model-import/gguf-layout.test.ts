import { describe, expect, it } from 'vitest';
import { GGUF_LAYOUT_LIMITS, scanGgufLayout, type GgufLayoutLimits } from './gguf-layout';
import { ModelImportError } from './model-import-error';
import { testGgufFile, tinyGemma3Tied, tinyLlama, tinyQwen3Moe } from '../../test/support/gguf-models';

const refusal = (run: () => unknown): ModelImportError => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ModelImportError);
    return err as ModelImportError;
  }
  throw new Error('the header was accepted');
};

describe('scanGgufLayout', () => {
  it.each([
    ['tiny llama', tinyLlama],
    ['tiny qwen3moe', tinyQwen3Moe],
    ['tiny gemma3 (a tensor of an unknown type)', tinyGemma3Tied],
  ])('%s: the walk ends where the tensor infos end, inside the padded header', (_why, model) => {
    const file = testGgufFile(model());
    const layout = scanGgufLayout(file.header, file.header.length + file.dataBytes);
    expect(layout.kind).toBe('complete');
    const end = layout.kind === 'complete' ? layout.headerEnd : 0;
    expect(end).toBeLessThanOrEqual(file.header.length);
    expect(end).toBeGreaterThan(file.header.length - 32);
  });

  it('given only the start of a larger file, it asks for more bytes instead of guessing', () => {
    const file = testGgufFile(tinyLlama());
    const layout = scanGgufLayout(file.header.subarray(0, 100), file.header.length + file.dataBytes);
    expect(layout.kind).toBe('need-more');
    expect(layout.kind === 'need-more' && layout.bytes).toBeGreaterThan(100);
  });

  it('a header cut short inside a file that ends there is truncated', () => {
    const file = testGgufFile(tinyLlama());
    const cut = file.header.subarray(0, 700);
    expect(refusal(() => scanGgufLayout(cut, cut.length)).code).toBe('truncated');
  });

  it.each<[string, Partial<GgufLayoutLimits>, string, RegExp]>([
    ['a header past the byte cap', { headerBytes: 1000 }, 'too-large', /larger than/],
    [
      'more array values than the cap in all',
      { arrayElements: 100 },
      'malformed',
      /more than 100 values in all/,
    ],
    [
      'a longer array than the cap',
      { arrayLength: 100 },
      'malformed',
      /tokenizer\.ggml\.tokens is an array of 320 values \(at most 100\)/,
    ],
    [
      'a longer string than the cap',
      { stringBytes: 5 },
      'malformed',
      /holds a string of \d+ bytes \(at most 5\)/,
    ],
    ['more key/values than the cap', { keyValues: 3 }, 'malformed', /declares 13 key\/values \(at most 3\)/],
    ['more tensors than the cap', { tensors: 3 }, 'malformed', /declares 21 tensors \(at most 3\)/],
  ])('%s → refused', (_why, limits, code, message) => {
    const file = testGgufFile(tinyLlama());
    const e = refusal(() =>
      scanGgufLayout(file.header, file.header.length + file.dataBytes, { ...GGUF_LAYOUT_LIMITS, ...limits }),
    );
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});
