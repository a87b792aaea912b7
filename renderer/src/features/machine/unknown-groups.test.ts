import { describe, expect, it } from 'vitest';
import { captureProfile } from '../../../../test/support/capture-dirs';
import { gpuRange, groupUnknowns } from './unknown-groups';

describe('groupUnknowns: one line per fix, in words', () => {
  it('eight unnamed AMD GPUs missing memory and link: 19 paths become 4 actions, no profile paths', () => {
    const { unknowns } = captureProfile('amd-8gpu-toponuma');
    expect(unknowns.length).toBeGreaterThanOrEqual(16);
    const groups = groupUnknowns(unknowns);
    expect(groups.length).toBeLessThanOrEqual(5);
    const memory = groups.find((g) => g.fields.includes('gpus[0].vramMiB'));
    expect(memory?.what).toEqual(['GPUs 0–7: memory']);
    expect(memory?.command).toBe('rig-advisor capture');
    const lspci = groups.find((g) => g.fields.includes('gpus[3].pcie'));
    expect(lspci?.what).toEqual(['GPUs 0–7: PCIe link']);
    expect(lspci?.command).toBe('sudo apt install pciutils');
    expect(lspci?.reasons).toEqual(['the capture has no lspci.txt']);
    for (const g of groups) for (const w of g.what) expect(w).not.toMatch(/\[|\]|MiB|[a-z][A-Z]/);
  });

  it('one fix for several system values lists each in words', () => {
    const groups = groupUnknowns([
      {
        field: 'slots',
        reason: 'not permitted: dmidecode needs root',
        hint: 'run the capture as root: `sudo rig-advisor capture --out DIR`',
      },
      {
        field: 'memory.dimms',
        reason: 'not permitted: dmidecode needs root',
        hint: 'run the capture as root: `sudo rig-advisor capture --out DIR`',
      },
      { field: 'gpus[1].powerLimitW', reason: 'x', hint: 'update the GPU driver and capture again' },
    ]);
    expect(groups).toHaveLength(2);
    expect(groups[0]?.what).toEqual(['PCIe slots', 'RAM sticks (DIMMs) and their speed']);
    expect(groups[0]?.reasons).toEqual(['not permitted: dmidecode needs root']);
    expect(groups[1]).toMatchObject({ what: ['GPU 1: power limit'], command: null });
  });

  it('GPU ranges: runs as a dash, gaps listed', () => {
    expect(gpuRange([3])).toBe('GPU 3');
    expect(gpuRange([2, 0, 1])).toBe('GPUs 0–2');
    expect(gpuRange([0, 2, 5])).toBe('GPUs 0, 2 and 5');
  });
});
