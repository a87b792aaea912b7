import { describe, expect, it } from 'vitest';
import { loadCaptureFixtures } from '../../../test/support/capture-fixtures';
import { normalisePciAddress } from './pci-address';
import { parseAmdSmiJson, parseRocmSmiJson, parseRocmSmiText } from './parse-rocm-smi';

interface ExpectedGpu {
  card?: string;
  gpu?: number;
  pci_bus?: string;
  name?: string | null;
  device_id?: string;
  vram_total_mib?: number;
  pcie_clock_level?: string;
  max_graphics_package_power_w?: string;
  numa_node?: string | number;
}
interface Expected {
  format: string;
  driver_version?: string;
  gpu_count: number;
  gpus: ExpectedGpu[];
  topology_pairs?: Record<string, { weight: string; hops: string; link_type: string }>;
}

/** Golden pairs: real rocm-smi captures (telegraf test data, a ROCm issue) in fixtures/captures/rocm. */
const fixtures = () => loadCaptureFixtures<Expected>(['rocm']);

/** rocm-smi 4.3 put the vendor id `0x1002` in `Card series`: the parser gives null (+ a warning). */
const nameOf = (want: string | null | undefined): string | null =>
  want === undefined || want === null || /^0x[0-9a-f]+$/i.test(want) ? null : want;

describe('rocm-smi golden captures', () => {
  it.each(fixtures())('$base', ({ text, expected }) => {
    const isJson = expected.format.includes('--json');
    const { value, issues } = isJson ? parseRocmSmiJson(text) : parseRocmSmiText(text);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(value.gpus).toHaveLength(expected.gpu_count);
    expected.gpus.forEach((want, i) => {
      const got = value.gpus[i];
      const label = want.card ?? `GPU${want.gpu}`;
      expect(got?.index, label).toBe(want.gpu ?? Number(want.card?.replace('card', '')));
      if (want.numa_node !== undefined) expect(got?.numaNode, label).toBe(Number(want.numa_node));
      if (!isJson) return;
      expect(got?.card, label).toBe(want.card);
      expect(got?.pciBusId, label).toBe(normalisePciAddress(want.pci_bus));
      expect(got?.name, label).toBe(nameOf(want.name));
      expect(got?.deviceId, label).toBe(want.device_id);
      expect(got?.vramTotalMiB, label).toBe(want.vram_total_mib);
      expect(got?.powerMaxW, label).toBe(Number(want.max_graphics_package_power_w));
      const [, gts, lanes] = /\(([\d.]+)GT\/s x(\d+)\)/.exec(want.pcie_clock_level ?? '') ?? [];
      expect(got?.pcieGenCurrent, label).toBe({ '8.0': 3, '16.0': 4 }[gts ?? ''] ?? null);
      expect(got?.pcieWidthCurrent, label).toBe(Number(lanes));
      expect(got?.driverVersion, label).toBe(expected.driver_version);
    });
    const pairs = Object.entries(expected.topology_pairs ?? {}).map(([key, p]) => {
      const [a, b] = key.split('-').map(Number);
      return { a, b, type: p.link_type, hops: Number(p.hops), weight: Number(p.weight) };
    });
    expect(value.links).toEqual(pairs);
    if (expected.gpus.some((g) => /^0x/.test(g.name ?? ''))) {
      expect(issues.some((i) => i.message.includes('PCI id'))).toBe(true);
    }
  });
});

/** Hand-written sample (not a capture) in the shape rocm_smi.py prints for `--showtopo --showbus`. */
const HAND_WRITTEN_TOPO = `
============================ ROCm System Management Interface ============================
================================ Weight between two GPUs =================================
       GPU0         GPU1
GPU0   0            15
GPU1   15           0

================================= Hops between two GPUs ==================================
       GPU0         GPU1
GPU0   0            1
GPU1   1            0

=============================== Link Type between two GPUs ===============================
       GPU0         GPU1
GPU0   0            XGMI
GPU1   XGMI         0

======================================= PCI Bus ID =======================================
GPU[0]\t\t: PCI Bus: 0000:0C:00.0
GPU[1]\t\t: PCI Bus: 0000:22:00.0
================================== End of ROCm SMI Log ===================================
`;

describe('parseRocmSmiText', () => {
  it('reads topology matrices and per-GPU lines (hand-written sample)', () => {
    const { value, issues } = parseRocmSmiText(HAND_WRITTEN_TOPO);
    expect(issues).toEqual([]);
    expect(value.links).toEqual([{ a: 0, b: 1, type: 'XGMI', hops: 1, weight: 15 }]);
    expect(value.gpus.map((g) => g.pciBusId)).toEqual(['0000:0c:00.0', '0000:22:00.0']);
  });
});

/**
 * Hand-written samples (not captures) following AMD's documented `amd-smi static --json` shape:
 * the newer `{ gpu_data: [...] }` with `{ value, unit }` quantities, and the older bare array.
 */
const AMD_SMI_NEW = JSON.stringify({
  gpu_data: [
    {
      gpu: 0,
      asic: { market_name: 'AMD Instinct MI300X', vendor_id: '0x1002', device_id: '0x74A1' },
      bus: { bdf: '0000:0C:00.0', max_pcie_width: 16, max_pcie_speed: { value: 32, unit: 'GT/s' } },
      limit: { max_power: { value: 750, unit: 'W' } },
      driver: { name: 'amdgpu', version: '6.7.0' },
      numa: { node: 0, affinity: 0 },
      vram: { type: 'HBM3', vendor: 'N/A', size: { value: 192, unit: 'GB' } },
    },
  ],
});
const AMD_SMI_OLD = JSON.stringify([
  {
    gpu: 1,
    asic: { market_name: 'N/A', device_id: '0x73ff' },
    bus: { bdf: '0000:0b:00.0' },
    vram: { size: '8176 MB' },
  },
]);

describe('parseAmdSmiJson', () => {
  it('reads the { gpu_data } shape with value/unit quantities (hand-written sample)', () => {
    const { value, issues } = parseAmdSmiJson(AMD_SMI_NEW);
    expect(issues).toEqual([]);
    expect(value.gpus[0]).toMatchObject({
      index: 0,
      card: 'card0',
      name: 'AMD Instinct MI300X',
      pciBusId: '0000:0c:00.0',
      deviceId: '0x74a1',
      vramTotalMiB: 196608,
      powerMaxW: 750,
      numaNode: 0,
      driverVersion: '6.7.0',
      pcieGenCurrent: null,
    });
  });

  it('reads the older bare-array shape with "N MB" strings (hand-written sample)', () => {
    const { value } = parseAmdSmiJson(AMD_SMI_OLD);
    expect(value.gpus[0]).toMatchObject({
      index: 1,
      name: null,
      vramTotalMiB: 8176,
      pciBusId: '0000:0b:00.0',
    });
  });
});

describe('AMD parsers on hostile input', () => {
  const hostile: [string, unknown][] = [
    ['empty', ''],
    ['garbage', 'rocm-smi: command not found'],
    ['truncated JSON', '{"card0": {"PCI Bus": "0000:'],
    ['wrong JSON shape', '[1, 2, 3]'],
    ['JSON null', 'null'],
    ['not text', null],
    ['huge line', ' '.repeat(200_000) + 'x:' + ' -'.repeat(100_000) + 'y'],
  ];
  it.each(hostile)('%s: issues, no throw', (_name, input) => {
    for (const parse of [parseRocmSmiJson, parseRocmSmiText, parseAmdSmiJson]) {
      const { value, issues } = parse(input as string);
      expect(value.gpus).toEqual([]);
      expect(issues.length).toBeGreaterThan(0);
    }
  });

  it('ignores card members of the wrong type', () => {
    const { value } = parseRocmSmiJson(
      '{"card0": {"PCI Bus": 7, "VRAM Total Memory (B)": {"x": 1}, "Card series": null}}',
    );
    expect(value.gpus[0]).toMatchObject({ pciBusId: null, vramTotalMiB: null, name: null });
  });
});
