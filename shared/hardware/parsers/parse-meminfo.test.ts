import { describe, expect, it } from 'vitest';
import { parseMeminfo } from './parse-meminfo';

/** Hand-written sample (no real /proc/meminfo capture in fixtures/captures), Linux 6.x layout. */
const MEMINFO = [
  'MemTotal:       263842380 kB',
  'MemFree:        251234567 kB',
  'MemAvailable:   257012345 kB',
  'Buffers:          1234567 kB',
  'Cached:           4567890 kB',
  'SwapTotal:        8388604 kB',
  'HugePages_Total:       0',
  'Hugepagesize:       2048 kB',
].join('\n');

describe('parseMeminfo', () => {
  it('converts MemTotal / MemAvailable from kB (KiB) to MiB, rounded down', () => {
    const { value, issues } = parseMeminfo(MEMINFO);
    expect(issues).toEqual([]);
    expect(value).toEqual({ totalMiB: 257658, availableMiB: 250988 });
  });

  it('old kernel without MemAvailable: a warning, total still read', () => {
    const { value, issues } = parseMeminfo('MemTotal:        16303592 kB\r\nMemFree:  1 kB\r\n');
    expect(value).toEqual({ totalMiB: 15921, availableMiB: null });
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning' })]);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'Permission denied'],
    ['truncated', 'MemTot'],
    ['not text', 7],
    ['huge line', ' '.repeat(200_000) + 'x:' + ' -'.repeat(100_000) + 'y'],
  ])('%s: an error issue, no throw', (_name, input) => {
    const { value, issues } = parseMeminfo(input as string);
    expect(value.totalMiB).toBeNull();
    expect(issues.some((i) => i.severity === 'error')).toBe(true);
  });
});
