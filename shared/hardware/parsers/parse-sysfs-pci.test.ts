import { describe, expect, it } from 'vitest';
import { parseSysfsPci } from './parse-sysfs-pci';

/** Hand-written sample (no real sysfs-pci.json capture yet) in the collector's documented shape. */
const GPU = {
  address: '0000:C1:00.0',
  path: '/sys/devices/pci0000:c0/0000:c0:01.1/0000:c1:00.0',
  class: '0x030000',
  vendor: '0x10de',
  device: '0x26b1',
  currentLinkSpeed: '2.5 GT/s PCIe',
  currentLinkWidth: '16',
  maxLinkSpeed: '16.0 GT/s PCIe',
  maxLinkWidth: '16',
  numaNode: '-1',
};

describe('parseSysfsPci', () => {
  it('reads an array of devices and normalises the address', () => {
    const { value, issues } = parseSysfsPci(JSON.stringify([GPU]));
    expect(issues).toEqual([]);
    expect(value.devices).toEqual([{ ...GPU, address: '0000:c1:00.0' }]);
  });

  it('reads { devices: [...] }, numbers as text, missing files as null', () => {
    const entry = { address: '0000:01:00.0', currentLinkWidth: 8, numaNode: 0, path: null };
    const { value, issues } = parseSysfsPci(JSON.stringify({ devices: [entry] }));
    expect(issues).toEqual([]);
    expect(value.devices[0]).toMatchObject({
      currentLinkWidth: '8',
      numaNode: '0',
      path: null,
      maxLinkSpeed: null,
    });
  });

  it('skips a bad entry with an issue and keeps the rest', () => {
    const text = JSON.stringify([GPU, { address: 42 }, { address: 'PCI\\VEN_10DE' }, 'x']);
    const { value, issues } = parseSysfsPci(text);
    expect(value.devices).toHaveLength(1);
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringContaining('entry 1'),
      expect.stringContaining('entry 2'),
      expect.stringContaining('entry 3'),
    ]);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'ls: cannot access'],
    ['truncated JSON', '[{"address": "0000:01:00'],
    ['wrong shape', '{"gpus": []}'],
    ['not text', null],
  ])('%s: an error issue, no throw', (_name, input) => {
    const { value, issues } = parseSysfsPci(input as string);
    expect(value.devices).toEqual([]);
    expect(issues.some((i) => i.severity === 'error')).toBe(true);
  });
});
