import { describe, expect, it } from 'vitest';
import { applySuggestion } from './apply-suggestion';

describe('applySuggestion', () => {
  it('a quantization is looked up in the model’s format first: awq stays a checkpoint, Q3_K_M a GGUF', () => {
    expect(applySuggestion({ quant: 'IQ2_XS' }, 'gguf').actions).toEqual([
      { type: 'quant', key: 'gguf:IQ2_XS' },
    ]);
    expect(applySuggestion({ quant: 'bf16' }, 'vllm').actions).toEqual([{ type: 'quant', key: 'vllm:bf16' }]);
    expect(applySuggestion({ quant: 'BF16' }, 'gguf').actions).toEqual([{ type: 'quant', key: 'gguf:BF16' }]);
  });

  it('llama.cpp with a GGUF of a checkpoint model: the runtime first, then the GGUF quantization', () => {
    expect(applySuggestion({ runtime: 'llama.cpp', quant: 'Q4_K_M' }, 'vllm').actions).toEqual([
      { type: 'runtime', runtime: 'llama.cpp' },
      { type: 'quant', key: 'gguf:Q4_K_M' },
    ]);
  });

  it('the strategy pick comes last, after every change that re-plans', () => {
    const { actions } = applySuggestion(
      { cacheType: 'q8_0', ctx: 4096, concurrency: 1, runtime: 'vllm', strategy: 'vllm:tp2' },
      'vllm',
    );
    expect(actions.map((a) => a.type)).toEqual(['runtime', 'llamaPins', 'ctx', 'concurrency', 'strategy']);
  });

  it('power limits become one action per GPU; a PSU goes to the notes', () => {
    const applied = applySuggestion(
      {
        powerLimits: [
          { gpuIndex: 0, watts: 250 },
          { gpuIndex: 1, watts: 260 },
        ],
      },
      'gguf',
    );
    expect(applied).toEqual({
      actions: [
        { type: 'powerLimit', gpuIndex: 0, watts: 250 },
        { type: 'powerLimit', gpuIndex: 1, watts: 260 },
      ],
      psuWatts: null,
      psuAtx3: false,
    });
    expect(applySuggestion({ psuWatts: 1200, psuAtx3: true }, 'gguf')).toEqual({
      actions: [],
      psuWatts: 1200,
      psuAtx3: true,
    });
    expect(applySuggestion({ split: 'auto', strategy: 'vllm:tp1' }, 'vllm').actions).toEqual([
      { type: 'split', split: 'auto' },
      { type: 'strategy', id: 'vllm:tp1' },
    ]);
  });
});
