import { describe, expect, it } from 'vitest';
import { wordCheck } from '@shared/engine/checklist/input-wording';
import { USER_INPUTS } from '@shared/engine/user-inputs';
import { INPUT_FIELDS, suggestionHow, uiInputWords } from './input-words';

describe('the app’s words for the engine’s inputs', () => {
  it('names a field and its step for every input, never a CLI flag', () => {
    for (const input of USER_INPUTS) {
      expect(INPUT_FIELDS[input].field).not.toMatch(/--/);
      expect(uiInputWords([input])).toMatch(/^set .+ on the (Machine|Model|Strategy) step$/);
    }
  });

  it('groups fields by step, in the order given, each once', () => {
    expect(uiInputWords(['ramGiB'])).toBe('set System RAM on the Machine step');
    expect(uiInputWords(['psuWatts', 'psuPcie8', 'psu12vhpwr', 'psuWatts'])).toBe(
      'set PSU rated output, 8-pin PCIe cables and 12VHPWR cables on the Machine step',
    );
    expect(uiInputWords(['quant', 'ramGiB', 'cacheType'])).toBe(
      'set Quantization on the Model step; System RAM on the Machine step; KV cache type on the Strategy step',
    );
    expect(uiInputWords([])).toBe('');
  });

  it('follows a check’s fix with the fields it asks for', () => {
    const check = {
      area: 'capacity' as const,
      id: 'capacity.ram',
      status: 'unknown' as const,
      reason: 'RAM unknown.',
      fix: 'Enter the RAM size.',
      inputs: ['ramGiB' as const],
    };
    expect(wordCheck(check, uiInputWords).fix).toBe(
      'Enter the RAM size — set System RAM on the Machine step.',
    );
  });

  it('says how to make a suggestion’s change by hand', () => {
    expect(suggestionHow({ quant: 'IQ2_XS' })).toEqual(['Quantization on the Model step: IQ2_XS']);
    expect(suggestionHow({ powerLimits: [{ gpuIndex: 1, watts: 250 }] })).toEqual([
      'Power limits on the Machine step: GPU 1 250 W',
    ]);
    expect(suggestionHow({ runtime: 'vllm', strategy: 'vllm:tp2' })).toEqual([
      'Runtime on the Model step: vllm',
    ]);
    expect(suggestionHow({ strategy: 'llama.cpp:offload' })).toEqual([
      'follow llama.cpp:offload in the strategy table on the Strategy step',
    ]);
  });
});
