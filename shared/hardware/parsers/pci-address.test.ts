import { describe, expect, it } from 'vitest';
import { isPciAddress, normalisePciAddress } from './pci-address';

describe('normalisePciAddress', () => {
  it.each([
    ['01:00.0', '0000:01:00.0', 'lspci without -D: domain 0000 assumed'],
    ['0000:01:00.0', '0000:01:00.0', 'already normal'],
    ['00000000:01:00.0', '0000:01:00.0', 'nvidia-smi pads the domain to 8 hex digits'],
    ['00000000:C1:00.0', '0000:c1:00.0', 'upper case from nvidia-smi / rocm-smi'],
    ['0000:A3:00.0', '0000:a3:00.0', 'rocm-smi upper case bus'],
    ['0020:e1:00.3', '0020:e1:00.3', 'non-zero segment kept (dual EPYC)'],
    [' 0000:41:00.0 ', '0000:41:00.0', 'surrounding whitespace'],
  ])('%s → %s (%s)', (raw, want) => {
    expect(normalisePciAddress(raw)).toBe(want);
  });

  it.each([
    [
      'PCI\\VEN_10DE&DEV_2C58&SUBSYS_30111A58&REV_A1\\B73A356AA12DB04800',
      'a Windows PnP id is not an address',
    ],
    ['', 'empty'],
    ['01:00', 'function missing'],
    ['0000:01:20.0', 'device above 0x1f'],
    ['01:00.8', 'function above 7'],
    ['garbage', 'garbage'],
  ])('%s → null (%s)', (raw) => {
    expect(normalisePciAddress(raw)).toBeNull();
    expect(isPciAddress(raw)).toBe(false);
  });

  it('returns null for non-text input', () => {
    expect(normalisePciAddress(null)).toBeNull();
    expect(normalisePciAddress(undefined)).toBeNull();
    expect(normalisePciAddress(42 as unknown as string)).toBeNull();
  });
});
