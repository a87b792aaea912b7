import { describe, expect, it } from 'vitest';
import { formatParamsB } from './format-advisor';

describe('formatParamsB', () => {
  it.each([
    [30.53191168, '30.5B'],
    [8.03, '8.03B'],
    [0.494, '0.49B'],
    [70.6, '70.6B'],
    [671.026, '671B'],
    [7, '7B'],
  ])('%s → %s', (b, text) => expect(formatParamsB(b)).toBe(text));
});
