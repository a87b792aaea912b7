import { describe, expect, it } from 'vitest';
import { exl2Quant, findQuant, parseExl2Bpw, QUANT_CATALOG } from './quantizations';

const REQUIRED_GGUF = [
  'F32',
  'F16',
  'BF16',
  'Q8_0',
  'Q6_K',
  'Q5_K_M',
  'Q5_K_S',
  'Q5_0',
  'Q4_K_M',
  'Q4_K_S',
  'Q4_0',
  'IQ4_XS',
  'Q3_K_M',
  'Q3_K_L',
  'Q2_K',
  'IQ2_XXS',
  'MXFP4',
];
const REQUIRED_VLLM = ['fp16', 'bf16', 'fp8', 'awq', 'gptq-int4', 'gptq-int8', 'nvfp4', 'mxfp4'];

/** ggml block sizes: (bytes per block × 8) / weights per block, from ggml-common.h. */
const BLOCK_BPW: Record<string, number> = {
  Q8_0: ((2 + 32) * 8) / 32,
  Q6_K: ((128 + 64 + 16 + 2) * 8) / 256,
  Q5_0: ((2 + 4 + 16) * 8) / 32,
  Q4_0: ((2 + 16) * 8) / 32,
  IQ4_XS: ((2 + 2 + 4 + 128) * 8) / 256,
  IQ2_XXS: ((2 + 64) * 8) / 256,
  MXFP4: ((1 + 16) * 8) / 32,
  Q4_K_M: ((4 + 12 + 128) * 8) / 256,
  Q5_K_M: ((4 + 12 + 32 + 128) * 8) / 256,
  Q3_K_M: ((32 + 64 + 12 + 2) * 8) / 256,
  Q2_K: ((16 + 64 + 4) * 8) / 256,
};

describe('quantization catalog', () => {
  it('has every required GGUF and vLLM id, unique within its format', () => {
    for (const id of REQUIRED_GGUF) expect(findQuant(id, 'gguf')?.id).toBe(id);
    for (const id of REQUIRED_VLLM) expect(findQuant(id, 'vllm')?.id).toBe(id);
    const keys = QUANT_CATALOG.map((q) => `${q.format}:${q.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(QUANT_CATALOG)('$format $id has sources that say something, and sane bits', (q) => {
    expect(q.sources.length).toBeGreaterThan(0);
    for (const s of q.sources) expect(s.says?.trim() ?? '').not.toBe('');
    expect(q.bitsPerWeight).toBeGreaterThan(1);
    expect(q.bitsPerWeight).toBeLessThanOrEqual(32);
    expect(q.runtimes.length).toBeGreaterThan(0);
    expect(q.bitsPerWeightBasis).toBeDefined();
    if (q.format === 'gguf') expect(q.blockBitsPerWeight).toBeDefined();
  });

  it('stores block sizes that match the ggml struct layouts', () => {
    for (const [id, bpw] of Object.entries(BLOCK_BPW))
      expect(findQuant(id, 'gguf')?.blockBitsPerWeight, id).toBe(bpw);
    expect(findQuant('Q8_0')?.bitsPerWeight).toBe(8.5);
    expect(findQuant('IQ2_XXS')?.bitsPerWeight).toBe(2.0625);
  });

  it('mixed recipes carry a file average above their block type, single types use the block size', () => {
    for (const q of QUANT_CATALOG.filter((e) => e.format === 'gguf')) {
      if (q.bitsPerWeightBasis === 'file-average')
        expect(q.bitsPerWeight, q.id).toBeGreaterThan(q.blockBitsPerWeight!);
      else expect(q.bitsPerWeight, q.id).toBe(q.blockBitsPerWeight);
    }
    // Q4_K_M = 4.58 GiB for 8.03B weights in the README table.
    expect(findQuant('Q4_K_M')?.bitsPerWeight).toBeCloseTo((4.58 * 2 ** 30 * 8) / 8.03e9, 2);
  });

  it('orders the GGUF K-quants by size', () => {
    const order = [
      'Q2_K',
      'Q3_K_S',
      'Q3_K_M',
      'Q3_K_L',
      'Q4_K_S',
      'Q4_K_M',
      'Q5_K_S',
      'Q5_K_M',
      'Q6_K',
      'Q8_0',
      'F16',
    ];
    const bits = order.map((id) => findQuant(id, 'gguf')!.bitsPerWeight);
    expect([...bits].sort((a, b) => a - b)).toEqual(bits);
  });

  it('computes vLLM group-quant sizes from the checkpoint layout', () => {
    expect(findQuant('awq')?.bitsPerWeight).toBe(4 + (16 + 4) / 128);
    expect(findQuant('gptq-int4')?.bitsPerWeight).toBe(4 + (16 + 4) / 128);
    expect(findQuant('gptq-int8')?.bitsPerWeight).toBe(8 + (16 + 8) / 128);
    expect(findQuant('nvfp4')?.bitsPerWeight).toBe(4 + 8 / 16);
    expect(findQuant('mxfp4')?.bitsPerWeight).toBe(4 + 8 / 32);
    expect(findQuant('fp8')?.bitsPerWeight).toBe(8);
  });
});

describe('findQuant', () => {
  it('is case-insensitive and knows aliases', () => {
    expect(findQuant('q4_k_m')?.id).toBe('Q4_K_M');
    expect(findQuant('Q4_K')?.id).toBe('Q4_K_M');
    expect(findQuant('q3_k')?.id).toBe('Q3_K_M');
    expect(findQuant('GPTQ')?.id).toBe('gptq-int4');
    expect(findQuant('MXFP4_MOE')?.format).toBe('gguf');
  });

  it('tells GGUF BF16/MXFP4 from vLLM bf16/mxfp4 by spelling or by format', () => {
    expect(findQuant('BF16')?.format).toBe('gguf');
    expect(findQuant('bf16')?.format).toBe('vllm');
    expect(findQuant('MXFP4')?.format).toBe('gguf');
    expect(findQuant('mxfp4')?.format).toBe('vllm');
    expect(findQuant('bf16', 'gguf')?.id).toBe('BF16');
    expect(findQuant('Bf16', 'vllm')?.id).toBe('bf16');
  });

  it('resolves any EXL2 bitrate and rejects unknown names', () => {
    expect(findQuant('4.0bpw')?.format).toBe('exl2');
    expect(findQuant('4.25bpw')).toMatchObject({ format: 'exl2', bitsPerWeight: 4.25, id: '4.25bpw' });
    expect(findQuant('4.0bpw', 'gguf')).toBeUndefined();
    expect(findQuant('Q9_K')).toBeUndefined();
    expect(findQuant('9.0bpw')).toBeUndefined();
  });
});

describe('parseExl2Bpw', () => {
  it.each([
    ['4.0bpw', 4.0],
    ['4bpw', 4],
    ['4.65bpw', 4.65],
    ['6.0bpw-h6', 6.0],
    ['EXL2-5.0BPW', 5.0],
    ['2.0bpw', 2.0],
    ['8.0bpw', 8.0],
  ])('%s → %d', (text, bpw) => {
    expect(parseExl2Bpw(text)).toBe(bpw);
  });

  it.each(['1.5bpw', '8.5bpw', '4.0', 'bpw', 'Q4_K_M', '', '4.0 bits'])('rejects %j', (text) => {
    expect(parseExl2Bpw(text)).toBeNull();
  });

  it('names generated entries consistently', () => {
    expect(exl2Quant(4).id).toBe('4.0bpw');
    expect(exl2Quant(4.65).id).toBe('4.65bpw');
    expect(exl2Quant(3.5).id).toBe('3.5bpw');
  });
});
