import { describe, expect, it } from 'vitest';
import {
  formatGiB,
  formatPcieLink,
  formatPower,
  formatSlotWidth,
  legendFor,
  originLabel,
  summariseDimms,
} from './format';
import { findUnknown, sourcesFor } from './unknowns';

const link = (
  genCurrent: number | null,
  genMax: number | null,
  widthCurrent: number | null,
  widthMax: number | null,
) => ({
  genCurrent,
  genMax,
  widthCurrent,
  widthMax,
});

describe('formatPcieLink', () => {
  it.each([
    [
      'idle link trained down in speed only: explain why',
      link(1, 4, 16, 16),
      'Gen4 x16 (now Gen1 x16 — idle links train down)',
    ],
    ['link at its maximum: just the link', link(5, 5, 16, 16), 'Gen5 x16'],
    ['narrower than possible: no idle excuse', link(4, 4, 8, 16), 'Gen4 x16 (now Gen4 x8)'],
    ['only the current link known', link(3, null, 16, null), 'Gen3 x16 (maximum not reported)'],
    ['only the maximum known', link(null, 4, null, 16), 'Gen4 x16 (current link not reported)'],
    ['nothing known: null so the UI says unknown', link(null, null, null, null), null],
  ])('%s', (_why, input, expected) => expect(formatPcieLink(input)).toBe(expected));
});

describe('display helpers', () => {
  it('writes MiB as GiB with one decimal', () => expect(formatGiB(24564)).toBe('24.0 GiB'));
  it('writes power limit and maximum', () => {
    expect(formatPower(230, 230)).toBe('230 W (max 230 W)');
    expect(formatPower(null, null)).toBeNull();
  });
  it('explains a slot wired narrower than its connector', () =>
    expect(formatSlotWidth(4, 16)).toBe('x4 in an x16 slot'));
  it('groups identical DIMMs', () =>
    expect(
      summariseDimms([1, 2].map(() => ({ locator: null, sizeMiB: 32768, speedMTs: 3200, type: 'DDR4' }))),
    ).toEqual(['2 × 32 GiB DDR4 @ 3200 MT/s']));
  it('maps NV4 to the NV# legend entry', () => expect(legendFor('NV4').kind).toBe('NV#'));
  it('shortens a capture path to its folder name', () =>
    expect(originLabel({ kind: 'capture', label: '/x/fixtures/capture-dirs/h100-sxm-vm' })).toBe(
      'h100-sxm-vm',
    ));
  it('shows a saved machine by its whole name, slashes and all', () =>
    expect(originLabel({ kind: 'saved', label: 'Lab box / 2× 3090', machineId: 'lab-box' })).toBe(
      'Lab box / 2× 3090',
    ));
});

describe('findUnknown', () => {
  const unknowns = [
    { field: 'slots', reason: 'needs root', hint: 'run as root' },
    { field: 'gpus[*].numaNode', reason: 'no topo', hint: 'capture topo' },
    { field: 'gpus[1].pcie', reason: 'no link', hint: 'lspci' },
  ];
  it.each([
    ['exact field', 'slots', 'needs root'],
    ['an entry for every GPU explains one GPU', 'gpus[0].numaNode', 'no topo'],
    ['a parent entry explains its child', 'gpus[1].pcie.genMax', 'no link'],
    ['nothing matching', 'cpu.model', null],
  ])('%s', (_why, path, reason) => expect(findUnknown(unknowns, path)?.reason ?? null).toBe(reason));

  it('collects the sources under a key', () =>
    expect(
      sourcesFor(
        { 'pcie.genMax': 'lspci.txt', 'pcie.genCurrent': 'nvidia-smi-q.xml', vramMiB: 'nvidia-smi-q.xml' },
        'pcie',
      ),
    ).toEqual(['lspci.txt', 'nvidia-smi-q.xml']));
});
