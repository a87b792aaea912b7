import { describe, expect, it } from 'vitest';
import { describeShares, parseTensorSplit, sameSplit, splitText } from './llama-pins';

describe('parseTensorSplit', () => {
  it.each([
    ['3,1', [3, 1]],
    [' 3 , 1 ', [3, 1]],
    ['3 1', [3, 1]],
    ['0.75,0.25', [0.75, 0.25]],
    ['.5,.5,1', [0.5, 0.5, 1]],
    ['1,0', [1, 0]],
  ])('"%s" is the split %j', (text, split) => {
    expect(parseTensorSplit(text)).toEqual({ ok: true, split });
  });

  it("empty means the planner's choice", () => {
    expect(parseTensorSplit('  ')).toEqual({ ok: true, split: null });
  });

  it.each([
    ['3,', /plain numbers/],
    ['3,,1', /plain numbers/],
    ['three,one', /plain numbers/],
    ['3;1', /plain numbers/],
    ['0x10,1', /plain numbers/],
    ['3,-1', /cannot be negative/],
    ['0,0', /at least one share must be above 0/i],
    [Array.from({ length: 65 }, () => '1').join(','), /at most 64 shares/i],
  ])('"%s" is refused, saying why', (text, error) => {
    const entry = parseTensorSplit(text);
    expect(entry.ok).toBe(false);
    if (!entry.ok) expect(entry.error).toMatch(error);
  });
});

describe('split text', () => {
  it('writes a split as -ts takes it, compares by value, and speaks each share', () => {
    expect(splitText([3, 1])).toBe('3,1');
    expect(splitText(null)).toBe('');
    expect(sameSplit([3, 1], [3, 1])).toBe(true);
    expect(sameSplit([3, 1], [1, 3])).toBe(false);
    expect(sameSplit(null, [1])).toBe(false);
    expect(describeShares([0.75, 0.25], [0, 1])).toBe('GPU 0 75% · GPU 1 25%');
    expect(describeShares([1, 1, 2], [2, 3, 5])).toBe('GPU 2 25% · GPU 3 25% · GPU 5 50%');
  });
});
