import { describe, expect, it } from 'vitest';
import { MODEL_CATALOG } from '../catalog/models/index';
import { ModelImportError } from './model-import-error';
import { inRange, LIMITS, within } from './model-limits';

describe('LIMITS', () => {
  it('every catalogued (real) model lies inside them, so no real file is refused', () => {
    const outside: string[] = [];
    const check = (id: string, key: string, value: number, limit: (typeof LIMITS)[keyof typeof LIMITS]) => {
      try {
        inRange(value, limit, `${id} ${key}`);
      } catch (err) {
        outside.push((err as Error).message);
      }
    };
    for (const m of MODEL_CATALOG) {
      check(m.id, 'layers', m.layers, LIMITS.layers);
      check(m.id, 'hiddenSize', m.hiddenSize, LIMITS.hiddenSize);
      check(m.id, 'attentionHeads', m.attentionHeads, LIMITS.heads);
      check(m.id, 'kvHeads', m.kvHeads, LIMITS.kvHeads);
      check(m.id, 'headDim', m.headDim, LIMITS.headDim);
      check(m.id, 'vocabSize', m.vocabSize, LIMITS.vocab);
      check(m.id, 'intermediateSize', m.intermediateSize, LIMITS.ffn);
      check(m.id, 'maxContext', m.maxContext, LIMITS.context);
      if (m.slidingWindow) check(m.id, 'slidingWindow', m.slidingWindow.window, LIMITS.slidingWindow);
      if (m.experts) {
        check(m.id, 'experts', m.experts.total, LIMITS.experts);
        check(m.id, 'active experts', m.experts.active, within(LIMITS.experts, 1, m.experts.total));
        check(m.id, 'shared experts', m.experts.shared, LIMITS.sharedExperts);
        check(m.id, 'expert FFN', m.experts.expertIntermediateSize, LIMITS.ffn);
      }
      if (m.mla) check(m.id, 'kvLoraRank', m.mla.kvLoraRank, LIMITS.loraRank);
    }
    expect(MODEL_CATALOG.length).toBeGreaterThan(20);
    expect(outside).toEqual([]);
  });

  it.each([
    [
      'a fraction where a count is due',
      2.5,
      LIMITS.layers,
      /x is 2\.5, not a plausible layer count \(expected a whole number from 1 to 1024\)/,
    ],
    ['NaN', Number.NaN, LIMITS.hiddenSize, /x is NaN/],
    ['Infinity', Infinity, LIMITS.context, /x is Infinity/],
    ['0 for a size that must be above 0', 0, LIMITS.headDim, /expected above 0 to 65536/],
  ])('inRange refuses %s in one line', (_why, value, limit, message) => {
    expect(() => inRange(value, limit, 'x')).toThrow(ModelImportError);
    expect(() => inRange(value, limit, 'x')).toThrow(message);
  });
});
