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
});
