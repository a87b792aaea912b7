import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURES_DIR, loadCaptureFixtures } from '../../../test/support/capture-fixtures';
import { nvlinkActiveLinkCount, parseNvidiaNvlink } from './parse-nvidia-nvlink';

interface ExpectedGpu {
  index: number;
  name: string;
  uuid?: string;
  state?: string;
  active_links: number | null;
  links_listed?: number;
  speed_gbps_per_link?: number;
  links?: { link: number; speed_gbps: number }[];
}

interface Expected {
  kind: string;
  notes: string;
  gpus: ExpectedGpu[];
  total_gbps_per_gpu?: number;
}

/** Every capture whose expected.json says `kind: nvlink`. */
const fixtures = () => loadCaptureFixtures<Expected>(['nvlink'], (e) => e.kind === 'nvlink');

const label = (f: { name: string; expected: Expected }) => `${f.name} — ${f.expected.notes.slice(0, 90)}`;

describe('parseNvidiaNvlink on real captures', () => {
  it.each(fixtures().map((f) => [label(f), f] as const))('%s', (_name, { text, expected }) => {
    const { value, issues } = parseNvidiaNvlink(text);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(value.gpus).toHaveLength(expected.gpus.length);
    expected.gpus.forEach((e, i) => {
      const g = value.gpus[i];
      expect({ index: g?.index, name: g?.name }).toEqual({ index: e.index, name: e.name });
      if (e.uuid !== undefined) expect(g?.uuid).toBe(e.uuid);
      if (e.state !== undefined) expect(g?.state).toBe(e.state);
      expect(g && nvlinkActiveLinkCount(g)).toBe(e.active_links);
      if (e.links_listed !== undefined) expect(g?.links).toHaveLength(e.links_listed);
      if (e.links)
        expect(g?.links).toEqual(
          e.links.map((l) => ({ link: l.link, speedGBs: l.speed_gbps, active: true })),
        );
      if (expected.total_gbps_per_gpu !== undefined) {
        const total = g?.links.reduce((sum, l) => sum + (l.speedGBs ?? 0), 0);
        expect(total).toBeCloseTo(expected.total_gbps_per_gpu, 3);
      }
      if (e.speed_gbps_per_link !== undefined) {
        expect(new Set(g?.links.map((l) => l.speedGBs))).toEqual(new Set([e.speed_gbps_per_link]));
      }
    });
  });

  it('flags the user-truncated paste and marks the cut GPU truncated, not "1 link"', () => {
    const text = readFileSync(
      resolve(CAPTURES_DIR, 'nvlink/nccl-tests-228-a100-sxm4-80gb-user-truncated.txt'),
      'utf8',
    );
    const { value, issues } = parseNvidiaNvlink(text);
    expect(value.gpus.map((g) => g.state)).toEqual(['links_reported', 'links_reported', 'truncated']);
    expect(issues).toEqual([{ severity: 'warning', message: 'output cut off after GPU 2', line: 29 }]);
  });
});

describe('parseNvidiaNvlink on other inputs', () => {
  it('reads <inactive> links as inactive and counts only the active ones', () => {
    const text =
      'GPU 0: NVIDIA GeForce RTX 3090 (UUID: GPU-1)\n\t Link 0: 14.062 GB/s\n\t Link 1: <inactive>\n';
    const gpu = parseNvidiaNvlink(text).value.gpus[0];
    expect(gpu?.links).toEqual([
      { link: 0, speedGBs: 14.062, active: true },
      { link: 1, speedGBs: null, active: false },
    ]);
    expect(gpu && nvlinkActiveLinkCount(gpu)).toBe(1);
  });

  it.each([
    ['empty text', ''],
    ['an NVML failure', "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n"],
    ['binary bytes', '\u0000\u0001\u00ff\ufffd'],
  ])('%s gives an error issue and no GPUs, without throwing', (_name, text) => {
    const { value, issues } = parseNvidiaNvlink(text);
    expect(value.gpus).toEqual([]);
    expect(issues.map((i) => i.severity)).toEqual(['error']);
  });

  it('a GPU line with nothing after it is state unknown, link count null', () => {
    const gpu = parseNvidiaNvlink('GPU 3: Tesla V100-SXM2-32GB (UUID: GPU-x)').value.gpus[0];
    expect(gpu).toMatchObject({
      index: 3,
      name: 'Tesla V100-SXM2-32GB',
      uuid: 'GPU-x',
      state: 'unknown',
      links: [],
    });
    expect(gpu && nvlinkActiveLinkCount(gpu)).toBeNull();
  });
});
