import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURES_DIR, loadCaptureFixtures } from '../../../test/support/capture-fixtures';
import { parseNvidiaTopo } from './parse-nvidia-topo';

interface ExpectedAffinity {
  cpu_affinity?: string;
  numa_affinity?: string;
  gpu_numa_id?: string;
}

interface Expected {
  kind: string;
  notes: string;
  error?: boolean;
  gpus: string[];
  nics?: string[];
  gpu_pair_matrix?: Record<string, string>;
  gpu_nic_matrix?: Record<string, string> | null;
  affinity?: Record<string, ExpectedAffinity>;
}

/** Every capture whose expected.json says `kind: topo`, in topo/ or win/. */
const fixtures = () => loadCaptureFixtures<Expected>(['topo', 'win'], (e) => e.kind === 'topo');

/** Expected files keep cells as printed; the record reads blank and `N/A` as null. */
const cell = (v: string | undefined): string | null =>
  v === undefined || v === '' || v === 'N/A' ? null : v;

const label = (f: { name: string; expected: Expected }) => `${f.name} — ${f.expected.notes.slice(0, 90)}`;

describe('parseNvidiaTopo on real captures', () => {
  it.each(fixtures().map((f) => [label(f), f] as const))('%s', (name, { text, expected }) => {
    const { value, issues } = parseNvidiaTopo(text);
    if (expected.error) {
      expect(issues.some((i) => i.severity === 'error')).toBe(true);
      expect(value).toEqual({ gpus: [], nics: [], gpuPairs: [], gpuNic: {}, affinity: [] });
      return;
    }
    if (name.includes('damaged')) expect(issues.map((i) => i.severity)).not.toContain('error');
    else expect(issues).toEqual([]);
    expect(value.gpus).toEqual(expected.gpus);
    expect(value.nics).toEqual(expected.nics ?? []);
    const pairs = Object.fromEntries(value.gpuPairs.map((p) => [`GPU${p.a}-GPU${p.b}`, p.code]));
    expect(pairs).toEqual(expected.gpu_pair_matrix ?? {});
    if (expected.gpu_nic_matrix !== null) expect(value.gpuNic).toEqual(expected.gpu_nic_matrix ?? {});
    const affinity = Object.fromEntries(value.affinity.map((a) => [`GPU${a.gpu}`, a]));
    for (const [gpu, e] of Object.entries(expected.affinity ?? {})) {
      expect(affinity[gpu], gpu).toEqual({
        gpu: Number(gpu.slice(3)),
        cpuAffinity: cell(e.cpu_affinity),
        numaAffinity: cell(e.numa_affinity),
        gpuNumaId: cell(e.gpu_numa_id),
      });
    }
    expect(value.affinity).toHaveLength(Object.keys(expected.affinity ?? {}).length);
  });
});

const read = (name: string) => readFileSync(resolve(CAPTURES_DIR, name), 'utf8');

describe('parseNvidiaTopo on damaged and hostile input', () => {
  it('splits cells glued by a lost TAB and recovers the GPU→NIC codes behind them', () => {
    const { value, issues } = parseNvidiaTopo(
      read('topo/vllm-13855-8x-h100-nv18-12nic-damaged-truncated.txt'),
    );
    expect(value.gpuNic).toMatchObject({
      'GPU4-NIC8': 'NODE',
      'GPU4-NIC9': 'NODE',
      'GPU5-NIC8': 'NODE',
      'GPU5-NIC9': 'PXB',
      'GPU7-NIC11': 'PXB',
    });
    expect(Object.keys(value.gpuNic)).toHaveLength(8 * 12);
    expect(issues.filter((i) => /glued/.test(i.message)).map((i) => i.line)).toEqual([1, 6, 7, 8, 9]);
    expect(issues.at(-1)?.message).toMatch(/^matrix rows missing \(truncated output\?\): NIC0, NIC1/);
  });

  it('a matrix cut mid-row keeps the readable pairs and reports the rest', () => {
    const text = '\tGPU0\tGPU1\tGPU2\tCPU Affinity\nGPU0\t X \tNV4\tSYS\t0-15\nGPU1\tNV4\t X \tSY';
    const { value, issues } = parseNvidiaTopo(text);
    expect(value.gpuPairs).toEqual([
      { a: 0, b: 1, code: 'NV4' },
      { a: 0, b: 2, code: 'SYS' },
      { a: 1, b: 2, code: 'SY' },
    ]);
    expect(issues.map((i) => i.message)).toEqual([
      'matrix rows missing (truncated output?): GPU2',
      'unknown link code "SY" for GPU1-GPU2',
      'GPU1: affinity cells missing',
    ]);
  });

  it('warns on an asymmetric matrix and keeps the upper triangle', () => {
    const { value, issues } = parseNvidiaTopo('\tGPU0\tGPU1\nGPU0\t X \tPHB\nGPU1\tSYS\t X \n');
    expect(value.gpuPairs).toEqual([{ a: 0, b: 1, code: 'PHB' }]);
    expect(issues.map((i) => i.message)).toEqual(['asymmetric matrix: GPU0-GPU1 is PHB, GPU1-GPU0 is SYS']);
  });

  it.each([
    ['empty text', ''],
    ['an NVML failure', "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n"],
    ['binary bytes', '\u0000\u0001\u00ff\ufffd\u001b[4m'],
  ])('%s gives one error issue and an empty record, without throwing', (_name, text) => {
    const { value, issues } = parseNvidiaTopo(text);
    expect(value).toEqual({ gpus: [], nics: [], gpuPairs: [], gpuNic: {}, affinity: [] });
    expect(issues.map((i) => i.severity)).toEqual(['error']);
  });
});
