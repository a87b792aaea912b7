import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURES_DIR, loadCaptureFixtures } from '../../../test/support/capture-fixtures';
import { genFromDesignation, parseDmidecode } from './parse-dmidecode';

/** Golden pairs: real dmidecode dumps (linuxhw/DMI) in fixtures/captures/dmidecode. */
const DIR = join(CAPTURES_DIR, 'dmidecode');

interface ExpectedSlot {
  designation: string;
  type_raw: string;
  slot_type: string;
  pcie_gen: number | null;
  electrical_width: string | null;
  physical_width: string | null;
  current_usage: string;
  bus_address: string | null;
  data_bus_width_raw?: string;
}
interface ExpectedDimm {
  locator: string;
  bank_locator: string;
  size_mib: number;
  type: string;
  speed: string;
  configured_speed: string;
  manufacturer: string;
  part_number: string;
}
interface Expected {
  dmidecode_version: string;
  smbios_version: string;
  baseboard: { manufacturer: string; product_name: string; version: string };
  system: { manufacturer: string; product_name: string };
  processors: { socket: string; version: string; core_count: number; thread_count: number }[];
  slot_count: number;
  slots_in_use: number;
  slots: ExpectedSlot[];
  memory: {
    dimm_slots_total: number;
    dimms_populated: number;
    total_mib: number;
    types: string[];
    speeds: string[];
  };
  dimms: ExpectedDimm[];
}

const fixtures = () => loadCaptureFixtures<Expected>(['dmidecode']);

/** `x16` → 16, null stays null. */
const width = (w: string | null): number | null => (w === null ? null : Number(w.replace(/^x/, '')));
const mts = (n: number | null): string | null => (n === null ? null : `${n} MT/s`);
/** The parser reports a blank or missing DIMM text field as null; the expected files write "". */
const blankAsNull = (d: ExpectedDimm): ExpectedDimm =>
  ({ ...d, manufacturer: d.manufacturer || null, part_number: d.part_number || null }) as ExpectedDimm;

describe('parseDmidecode golden captures', () => {
  it.each(fixtures())('$base', ({ text, expected }) => {
    const { value, issues } = parseDmidecode(text);
    expect(issues).toEqual([]);
    expect(value.permissionDenied).toBe(false);
    expect([value.dmidecodeVersion, value.smbiosVersion]).toEqual([
      expected.dmidecode_version,
      expected.smbios_version,
    ]);
    const bb = expected.baseboard;
    expect(value.baseboard).toEqual({
      manufacturer: bb.manufacturer,
      product: bb.product_name,
      version: bb.version,
    });
    expect(value.system).toEqual({
      manufacturer: expected.system.manufacturer,
      product: expected.system.product_name,
    });
    expect(value.processors).toEqual(
      expected.processors.map((p) => ({
        socket: p.socket,
        version: p.version,
        cores: p.core_count,
        threads: p.thread_count,
      })),
    );

    expect(value.slots).toHaveLength(expected.slot_count);
    expect(value.slots.filter((s) => s.currentUsage === 'In Use')).toHaveLength(expected.slots_in_use);
    expected.slots.forEach((want, i) => {
      const got = value.slots[i];
      const label = `slot ${i} ${want.designation}`;
      expect(got?.designation, label).toBe(want.designation);
      expect(got?.typeRaw, label).toBe(want.type_raw);
      expect(got?.slotType, label).toBe(want.slot_type);
      expect(got?.pcieGen, label).toBe(want.pcie_gen);
      expect(got?.widthElectrical, label).toBe(width(want.electrical_width));
      expect(got?.widthPhysical, label).toBe(width(want.physical_width));
      expect(got?.currentUsage, label).toBe(want.current_usage);
      expect(got?.busAddress, label).toBe(want.bus_address);
      if (want.data_bus_width_raw !== undefined)
        expect(got?.dataBusWidthRaw, label).toBe(want.data_bus_width_raw);
    });

    const mem = value.memory;
    expect(mem.dimmSlots).toBe(expected.memory.dimm_slots_total);
    expect(mem.dimms).toHaveLength(expected.memory.dimms_populated);
    expect(mem.totalMiB).toBe(expected.memory.total_mib);
    expect([...new Set(mem.dimms.map((d) => d.type))]).toEqual(expected.memory.types);
    expect([...new Set(mem.dimms.map((d) => mts(d.speedMTs)))]).toEqual(expected.memory.speeds);
    expect(
      mem.dimms.map((d) => ({
        locator: d.locator,
        bank_locator: d.bankLocator,
        size_mib: d.sizeMiB,
        type: d.type,
        speed: mts(d.speedMTs),
        configured_speed: mts(d.configuredSpeedMTs),
        manufacturer: d.manufacturer,
        part_number: d.partNumber,
      })),
    ).toEqual(expected.dimms.map(blankAsNull));
  });
});

function read(name: string): string {
  return readFileSync(join(DIR, `${name}.txt`), 'utf8');
}

describe('parseDmidecode details', () => {
  it('names the generation from the designation when the type is <OUT OF SPEC> (dmidecode 3.2/3.3)', () => {
    const z790 = parseDmidecode(read('asus-proart-z790-creator')).value.slots;
    expect(z790[0]).toMatchObject({ typeRaw: 'x16 <OUT OF SPEC>', pcieGen: null, pcieGenFromDesignation: 5 });
    const tnr = parseDmidecode(read('supermicro-as-4124gs-tnr')).value.slots;
    expect(tnr.map((s) => s.pcieGenFromDesignation)).toEqual(tnr.map(() => 4));
  });

  it.each([
    ['PCIEx16(G5)_1', 5],
    ['SLOT1 PCI-E 4.0 X16', 4],
    ['SLOT3 PCIe5.0X16', 5],
    ['CPU SLOT1 PCI-E GEN 4.0 x16', 4],
    ['PCIE1', null],
    ['M.2_1', null],
    ['J6009', null],
  ])('designation %s → gen %s', (designation, gen) => {
    expect(genFromDesignation(designation)).toBe(gen);
  });

  it('reads a `dmidecode -t 2,9,16,17` subset (types cut from a real dump)', () => {
    const full = read('asrockrack-romed8-2t');
    const [header, ...blocks] = full.split(/\n(?=Handle 0x)/);
    const subset = [header, ...blocks.filter((b) => /DMI type (2|9|16|17),/.test(b))].join('\n');
    const { value, issues } = parseDmidecode(subset);
    expect(issues).toEqual([]);
    expect(value.system).toBeNull();
    expect(value.processors).toEqual([]);
    expect(value.baseboard?.product).toBe('ROMED8-2T');
    expect(value.slots).toHaveLength(11);
    expect(value.memory).toMatchObject({ dimmSlots: 8, totalMiB: 262144 });
  });

  it('reads older `MHz` speeds and MB sizes (hand-written sample)', () => {
    const text = [
      'Handle 0x0020, DMI type 17, 40 bytes',
      'Memory Device',
      '\tSize: 16384 MB',
      '\tLocator: DIMM_A1',
      '\tType: DDR4',
      '\tSpeed: 2400 MHz',
      '\tConfigured Clock Speed: 2133 MHz',
      '',
      'Handle 0x0021, DMI type 17, 40 bytes',
      'Memory Device',
      '\tSize: No Module Installed',
      '\tLocator: DIMM_A2',
    ].join('\n');
    const { value } = parseDmidecode(text);
    expect(value.memory.dimms).toEqual([
      expect.objectContaining({
        locator: 'DIMM_A1',
        sizeMiB: 16384,
        speedMTs: 2400,
        configuredSpeedMTs: 2133,
      }),
    ]);
  });
});

describe('parseDmidecode on hostile input', () => {
  it.each([
    [
      '/dev/mem: Permission denied',
      '# dmidecode 3.3\n/sys/firmware/dmi/tables/smbios_entry_point: Permission denied\n/dev/mem: Permission denied\n',
    ],
    ["Can't read memory", "# dmidecode 2.12\nCan't read memory from /dev/mem\n"],
  ])('%s → permissionDenied with an error issue', (_name, text) => {
    const { value, issues } = parseDmidecode(text);
    expect(value.permissionDenied).toBe(true);
    expect(issues.some((i) => i.severity === 'error')).toBe(true);
    expect(value.slots).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['garbage', '\u0000\u0001garbage: : :\n\t\tHandle'],
    ['no SMBIOS', '# dmidecode 3.5\n# No SMBIOS nor DMI entry point found, sorry.\n'],
    ['not text', 42],
    ['huge line', ' '.repeat(200_000) + 'x:' + ' -'.repeat(100_000) + 'y'],
  ])('%s: issues, no throw', (_name, input) => {
    const { value, issues } = parseDmidecode(input as string);
    expect(issues.length).toBeGreaterThan(0);
    expect(value.permissionDenied).toBe(false);
    expect(value.memory.dimms).toEqual([]);
  });

  it('keeps the structures before a cut-off', () => {
    const text = read('hp-z8-g4');
    const cut = text.slice(0, Math.floor(text.length / 2));
    expect(() => parseDmidecode(cut)).not.toThrow();
    expect(parseDmidecode(cut).value.baseboard?.product).toBe('81C7');
  });

  it('warns about a memory size it does not understand', () => {
    const { issues } = parseDmidecode('Handle 0x1, DMI type 17, 40 bytes\nMemory Device\n\tSize: lots\n');
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', line: 1 })]);
  });
});
