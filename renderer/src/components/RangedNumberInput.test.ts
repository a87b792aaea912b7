import { describe, expect, it } from 'vitest';
import { rangeError } from './RangedNumberInput';

describe('rangeError: out of range is said on the field, never clamped', () => {
  const psu = { min: 1, max: 10000, unit: 'W' };
  it.each([
    ['', null],
    [850, null],
    ['1,200', null],
    [-500, 'Out of range: 1–10,000 W'],
    [99999999, 'Out of range: 1–10,000 W'],
    [0, 'Out of range: 1–10,000 W'],
    [850.5, 'A whole number from 1–10,000 W'],
    ['abc', 'Enter a number from 1–10,000 W'],
  ])('%s → %s', (raw, error) => expect(rangeError(raw, psu)).toBe(error));

  it('a required field says so when empty', () =>
    expect(rangeError('', { min: 1, max: 512, emptyAllowed: false })).toBe('Enter a number'));

  it('a context beyond the model says the model’s limit', () =>
    expect(rangeError(99_999_999_999, { min: 256, max: 131_072, unit: 'tokens' })).toBe(
      'Out of range: 256–131,072 tokens',
    ));
});
