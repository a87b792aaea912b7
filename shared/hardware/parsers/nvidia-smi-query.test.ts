import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURES_DIR, loadCaptureFixtures } from '../../../test/support/capture-fixtures';
import { parseNvidiaSmiQuery } from './parse-nvidia-smi-query';

interface Expected {
  kind: string;
  notes: string;
  gpu_rows: number;
  gpus: Record<string, string>[];
}

/** Every capture whose expected.json says `kind: nvidia-smi-csv`, in its own folder or in win/. */
const fixtures = () =>
  loadCaptureFixtures<Expected>(['nvidia-smi-csv', 'win'], (e) => e.kind === 'nvidia-smi-csv');

/** The expected files hold values as printed; these are the record's readings of them. */
const isNa = (v: string) => /^\[.*\]$/.test(v) || v === 'N/A';
const num = (v: string | undefined) => (v === undefined || isNa(v) ? null : Number.parseFloat(v));
const str = (v: string | undefined) => (v === undefined || isNa(v) ? null : v);

/** Query field → [record field, reading]. */
const FIELDS: Record<string, [string, (v: string | undefined) => unknown]> = {
  index: ['index', num],
  name: ['name', str],
  uuid: ['uuid', str],
  'pci.bus_id': ['pciBusId', (v) => v?.replace(/^0000(?=0000:)/, '').toLowerCase()],
  'memory.total': ['vramTotalMiB', num],
  'memory.used': ['vramUsedMiB', num],
  'power.limit': ['powerLimitW', num],
  'power.max_limit': ['powerMaxLimitW', num],
  'power.default_limit': ['powerDefaultLimitW', num],
  'pcie.link.gen.current': ['pcieGenCurrent', num],
  'pcie.link.gen.max': ['pcieGenMax', num],
  'pcie.link.gen.gpumax': ['pcieGenMaxDevice', num],
  'pcie.link.gen.hostmax': ['pcieGenMaxHost', num],
  'pcie.link.width.current': ['pcieWidthCurrent', num],
  'pcie.link.width.max': ['pcieWidthMax', num],
  'temperature.gpu': ['temperatureC', num],
  driver_version: ['driverVersion', str],
  'mig.mode.current': ['migMode', str],
  'driver_model.current': ['driverModel', str],
};

const label = (f: { name: string; expected: Expected }) => `${f.name} — ${f.expected.notes.slice(0, 90)}`;

describe('parseNvidiaSmiQuery on real captures', () => {
  it.each(fixtures().map((f) => [label(f), f] as const))('%s', (_name, { text, expected }) => {
    const { value, issues } = parseNvidiaSmiQuery(text);
    expect(issues).toEqual([]);
    expect(value.gpus).toHaveLength(expected.gpu_rows);
    expected.gpus.forEach((e, i) => {
      const gpu = value.gpus[i] as unknown as Record<string, unknown>;
      const known = Object.keys(e).filter((k) => k in FIELDS);
      const got = Object.fromEntries(known.map((k) => [k, gpu[FIELDS[k]![0]]]));
      const want = Object.fromEntries(known.map((k) => [k, FIELDS[k]![1](e[k])]));
      expect(got).toEqual(want);
    });
  });

  it('reads compute capability, device id and count from the wide query', () => {
    const text = readFileSync(
      resolve(CAPTURES_DIR, 'nvidia-smi-csv/nge-h100-80gb-hbm3-590-wide.txt'),
      'utf8',
    );
    const { value } = parseNvidiaSmiQuery(text);
    expect(value).toMatchObject({ driverVersion: '590.48.01', attachedGpus: 1 });
    expect(value.gpus[0]).toMatchObject({
      computeCapability: '9.0',
      pciDeviceId: '0x233010DE',
      pciBusId: '0000:00:09.0',
    });
  });

  it('nounits: bare numbers under "memory.used [MiB]" headers, no memory.total column → null', () => {
    const text = readFileSync(resolve(CAPTURES_DIR, 'nvidia-smi-csv/netdata-tesla-p100-nounits.txt'), 'utf8');
    const gpu = parseNvidiaSmiQuery(text).value.gpus[0];
    expect(gpu).toMatchObject({
      index: 0,
      vramUsedMiB: 0,
      vramTotalMiB: null,
      temperatureC: 37,
      pciBusId: null,
    });
  });
});

describe('parseNvidiaSmiQuery on other inputs', () => {
  const header = 'index, name, pci.bus_id, memory.total [MiB], power.limit [W], pcie.link.gen.max';

  it('Windows CRLF line ends and two GPUs', () => {
    const text = `${header}\r\n0, NVIDIA GeForce RTX 3090, 00000000:0A:00.0, 24576 MiB, 350.00 W, 4\r\n1, NVIDIA GeForce RTX 3090, 00000000:0B:00.0, 24576 MiB, [Not Supported], [Unknown Error]\r\n`;
    const { value, issues } = parseNvidiaSmiQuery(text);
    expect(issues).toEqual([]);
    expect(value.gpus.map((g) => [g.index, g.pciBusId, g.vramTotalMiB, g.powerLimitW, g.pcieGenMax])).toEqual(
      [
        [0, '0000:0a:00.0', 24576, 350, 4],
        [1, '0000:0b:00.0', 24576, null, null],
      ],
    );
  });

  it('a row with a missing column gives a warning and reads the cells it has', () => {
    const { value, issues } = parseNvidiaSmiQuery(`${header}\n0, Tesla T4, 00000000:00:1E.0, 15360 MiB\n`);
    expect(issues).toEqual([
      { severity: 'warning', message: 'row has 4 cells but the header has 6 columns', line: 2 },
    ]);
    expect(value.gpus[0]).toMatchObject({
      name: 'Tesla T4',
      vramTotalMiB: 15360,
      powerLimitW: null,
      pcieGenMax: null,
    });
  });

  it.each([
    ['empty text', ''],
    ['noheader output', '0, Tesla T4, 00000000:00:1E.0, 15360 MiB\n'],
    ['an invalid-field error', 'Field "memory.totl" is not a valid field to query.\n'],
    ['binary bytes', '\u0000\u0001\u00ff\ufffd,\u0007'],
  ])('%s gives an error issue and no GPUs, without throwing', (_name, text) => {
    const { value, issues } = parseNvidiaSmiQuery(text);
    expect(value.gpus).toEqual([]);
    expect(issues.map((i) => i.severity)).toEqual(['error']);
  });
});
