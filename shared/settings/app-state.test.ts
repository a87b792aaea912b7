import { describe, expect, it } from 'vitest';
import { appStateSchema, parseAppState } from './app-state';

const state = {
  step: 'commands',
  modelId: 'llama-3.1-70b',
  quant: 'Q4_K_M',
  ctx: 32768,
  goal: 'latency',
  runtime: 'llama.cpp',
  split: 'layer',
  machineSource: { kind: 'saved', machineId: 'abc' },
} as const;

describe('app state', () => {
  it('keeps a valid stored state as is', () => {
    expect(parseAppState(state)).toEqual({ state, dropped: [] });
  });

  it('drops only the fields that no longer validate (an old runtime, a bad context), and unknown ones', () => {
    const { state: kept, dropped } = parseAppState({
      ...state,
      runtime: 'tgi',
      ctx: -5,
      theme: 'dark',
    });
    expect(dropped).toEqual(['ctx', 'runtime', 'theme']);
    const { runtime: _runtime, ctx: _ctx, ...rest } = state;
    expect(kept).toEqual(rest);
  });

  it('reads nothing saved as empty, and a stored non-object as all dropped', () => {
    expect(parseAppState(null)).toEqual({ state: {}, dropped: [] });
    expect(parseAppState('oops')).toEqual({ state: {}, dropped: ['(all of it)'] });
  });

  it('takes a partial state on input but refuses unknown fields (typos show at once)', () => {
    expect(appStateSchema.safeParse({ step: 'model' }).success).toBe(true);
    expect(appStateSchema.safeParse({ stpe: 'model' }).success).toBe(false);
    expect(appStateSchema.safeParse({ machineSource: { kind: 'planned', gpus: [] } }).success).toBe(false);
  });

  it.each([
    ['GPU 1 on a chipset Gen4 x4 slot', [{ gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 4 }], true],
    ['only the attachment entered', [{ gpuIndex: 0, attachment: 'cpu', gen: null, lanes: null }], true],
    ['an x3 slot (no such width)', [{ gpuIndex: 1, attachment: 'cpu', gen: 4, lanes: 3 }], false],
    ['PCIe Gen7', [{ gpuIndex: 1, attachment: 'cpu', gen: 7, lanes: 16 }], false],
    ['an attachment other than cpu/chipset', [{ gpuIndex: 1, attachment: 'riser', gen: 4, lanes: 4 }], false],
    [
      'an unknown field in an entry',
      [{ gpuIndex: 1, attachment: 'cpu', gen: 4, lanes: 4, slot: 'PCIE2' }],
      false,
    ],
    [
      'the same GPU twice',
      [
        { gpuIndex: 1, attachment: 'cpu', gen: 4, lanes: 16 },
        { gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 4 },
      ],
      false,
    ],
  ])('slots: %s → valid %s', (_name, slots, valid) => {
    expect(appStateSchema.safeParse({ slots }).success).toBe(valid);
  });

  it.each([
    ['q8_0 and a 3,1 split', { cacheType: 'q8_0', tensorSplit: [3, 1] }, true],
    ["nothing pinned (the planner's choice)", { cacheType: null, tensorSplit: null }, true],
    ['fractions, one share 0', { cacheType: 'q4_0', tensorSplit: [0.7, 0.3, 0] }, true],
    ['a cache type llama.cpp lacks', { cacheType: 'q3_0', tensorSplit: null }, false],
    ['a negative share', { cacheType: null, tensorSplit: [3, -1] }, false],
    ['every share 0', { cacheType: null, tensorSplit: [0, 0] }, false],
    ['an empty split', { cacheType: null, tensorSplit: [] }, false],
    ['a field left out', { cacheType: 'f16' }, false],
    ['an unknown field', { cacheType: null, tensorSplit: null, ngl: 10 }, false],
  ])('llamaPins: %s → valid %s', (_name, llamaPins, valid) => {
    expect(appStateSchema.safeParse({ llamaPins }).success).toBe(valid);
  });

  it('drops bad llama.cpp pins alone on reading back, keeping the rest', () => {
    const { state: kept, dropped } = parseAppState({
      ...state,
      llamaPins: { cacheType: 'q8_0', tensorSplit: ['3', '1'] },
    });
    expect(dropped).toEqual(['llamaPins']);
    expect(kept).toEqual(state);
  });

  it.each([
    [
      'GPU 0 and GPU 1 as RTX 3090',
      [
        { gpuIndex: 0, gpuId: 'rtx-3090' },
        { gpuIndex: 1, gpuId: 'rtx-3090' },
      ],
      true,
    ],
    ['none', [], true],
    ['a name, not a catalog id', [{ gpuIndex: 0, gpuId: 'GeForce RTX 3090' }], false],
    ['a negative GPU index', [{ gpuIndex: -1, gpuId: 'rtx-3090' }], false],
    ['an unknown field', [{ gpuIndex: 0, gpuId: 'rtx-3090', vramGiB: 24 }], false],
    [
      'the same GPU twice',
      [
        { gpuIndex: 0, gpuId: 'rtx-3090' },
        { gpuIndex: 0, gpuId: 'rtx-4090' },
      ],
      false,
    ],
  ])('identities: %s → valid %s', (_name, identities, valid) => {
    expect(appStateSchema.safeParse({ identities }).success).toBe(valid);
  });

  it('drops bad identities alone on reading back, keeping the rest', () => {
    const { state: kept, dropped } = parseAppState({ ...state, identities: [{ gpuIndex: 0, gpuId: 42 }] });
    expect(dropped).toEqual(['identities']);
    expect(kept).toEqual(state);
  });

  it('drops bad slots alone on reading back, keeping the rest', () => {
    const { state: kept, dropped } = parseAppState({
      ...state,
      slots: [{ gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 5 }],
    });
    expect(dropped).toEqual(['slots']);
    expect(kept).toEqual(state);
  });
});
