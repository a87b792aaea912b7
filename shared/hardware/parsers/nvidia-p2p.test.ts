import { describe, expect, it } from 'vitest';
import { loadCaptureFixtures } from '../../../test/support/capture-fixtures';
import { parseNvidiaP2p } from './parse-nvidia-p2p';

interface Expected {
  kind: string;
  notes: string;
  gpus: string[];
  matrix: Record<string, string>;
  p2p_supported_any: boolean;
}

/** Every capture whose expected.json says `kind: p2p`. */
const fixtures = () => loadCaptureFixtures<Expected>(['p2p'], (e) => e.kind === 'p2p');

const label = (f: { name: string; expected: Expected }) => `${f.name} — ${f.expected.notes.slice(0, 90)}`;

describe('parseNvidiaP2p on real captures', () => {
  it.each(fixtures().map((f) => [label(f), f] as const))('%s', (_name, { text, expected }) => {
    const { value, issues } = parseNvidiaP2p(text);
    expect(issues).toEqual([]);
    expect(value.gpus).toEqual(expected.gpus);
    const matrix = Object.fromEntries(value.pairs.map((p) => [`GPU${p.from}-GPU${p.to}`, p.status]));
    expect(matrix).toEqual(expected.matrix);
    expect(value.pairs.some((p) => p.status === 'OK')).toBe(expected.p2p_supported_any);
  });
});

describe('parseNvidiaP2p on hostile input', () => {
  it.each([
    ['empty text', ''],
    ['an error message', 'Failed to initialize NVML: Driver/library version mismatch\n'],
    ['binary bytes', '\u0000\u0001\u00ff\ufffd\u0007'],
  ])('%s gives an error issue and no pairs, without throwing', (_name, text) => {
    const { value, issues } = parseNvidiaP2p(text);
    expect(value).toEqual({ gpus: [], pairs: [] });
    expect(issues.map((i) => i.severity)).toEqual(['error']);
  });

  it('a cut-off matrix keeps the rows it has and names the missing ones', () => {
    const { value, issues } = parseNvidiaP2p(' \tGPU0\tGPU1\tGPU2\t\n GPU0\tX\tOK\tCNS\t\n GPU1\tOK\tX');
    expect(value.pairs).toEqual([
      { from: 0, to: 1, status: 'OK' },
      { from: 0, to: 2, status: 'CNS' },
      { from: 1, to: 0, status: 'OK' },
    ]);
    expect(issues.map((i) => i.message)).toEqual([
      'GPU1: 2 cells for 3 GPUs',
      'matrix rows missing (truncated?): GPU2',
    ]);
  });

  it('keeps an unknown status code with a warning', () => {
    const { value, issues } = parseNvidiaP2p('\tGPU0\tGPU1\nGPU0\tX\tZZ\nGPU1\tOK\tX\n');
    expect(value.pairs[0]).toEqual({ from: 0, to: 1, status: 'ZZ' });
    expect(issues).toEqual([{ severity: 'warning', message: 'unknown P2P status "ZZ"', line: 2 }]);
  });
});
