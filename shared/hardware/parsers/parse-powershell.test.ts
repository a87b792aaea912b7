import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURES_DIR, loadCaptureFixtures } from '../../../test/support/capture-fixtures';
import type { PowerShellRecord } from '../records';
import {
  parsePowerShellList,
  parseWin32BaseBoard,
  parseWin32ComputerSystem,
  parseWin32Processor,
  parseWin32VideoControllers,
} from './parse-powershell';

/**
 * Golden pairs: real PowerShell captures in fixtures/captures/win. Only the PowerShell ones
 * (`kind: "win"`); the nvidia-smi captures in the same folder belong to the NVIDIA parsers.
 */
const DIR = join(CAPTURES_DIR, 'win');

type Facts = Record<string, string | number | boolean | null>;
interface Expected {
  kind: string;
  command: string;
  gpu_count?: number;
  gpus?: Facts[];
  cpus?: Facts[];
  system?: Facts;
  values?: Facts;
}

const fixtures = () => loadCaptureFixtures<Expected>(['win'], (e) => e.kind === 'win');

/** As PowerShell prints it: numbers in decimal, booleans as True/False. */
const printed = (v: string | number | boolean | null): string =>
  typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);

/** Every PascalCase key of the expected facts is a raw property of the object. */
function expectRawProperties(obj: Readonly<Record<string, string>> | undefined, want: Facts): void {
  for (const [key, value] of Object.entries(want)) {
    if (/^[A-Z]/.test(key)) expect(obj?.[key], key).toBe(printed(value));
  }
}

function checkVideo(record: PowerShellRecord, expected: Expected): void {
  const { value, issues } = parseWin32VideoControllers(record);
  const wanted = expected.gpus ?? (expected.values ? [expected.values] : []);
  expect(value).toHaveLength(expected.gpu_count ?? wanted.length);
  wanted.forEach((want, i) => {
    const got = value[i];
    if (want.pci_vendor_id !== undefined)
      expect(got?.pciVendorId).toBe(String(want.pci_vendor_id).toLowerCase());
    if (want.pci_device_id !== undefined)
      expect(got?.pciDeviceId).toBe(String(want.pci_device_id).toLowerCase());
    if (want.subsys !== undefined) expect(got?.pciSubsystemId).toBe(String(want.subsys).toLowerCase());
    if (want.rev !== undefined) expect(got?.pciRevision).toBe(String(want.rev).toLowerCase());
    if (want.Name !== undefined || want.FriendlyName !== undefined)
      expect(got?.name).toBe(want.Name ?? want.FriendlyName);
    if (want.DriverVersion !== undefined) expect(got?.driverVersion).toBe(want.DriverVersion);
    const capped = want.adapter_ram_is_uint32_capped ?? want.AdapterRAM === 4293918720;
    if (want.AdapterRAM !== undefined) {
      expect(got?.adapterRamCapped).toBe(capped);
      expect(got?.vramMiB).toBe(capped ? null : Number(want.AdapterRAM) / 1048576);
    }
  });
  const cappedCount = value.filter((g) => g.adapterRamCapped).length;
  expect(issues.filter((i) => i.message.includes('AdapterRAM'))).toHaveLength(cappedCount);
}

describe('parsePowerShellList golden captures (win)', () => {
  it.each(fixtures())('$base', ({ text, expected }) => {
    const { value: record, issues } = parsePowerShellList(text);
    expect(issues).toEqual([]);
    const cmd = expected.command;
    if (/Win32_VideoController|Get-PnpDevice/.test(cmd)) {
      const wanted = expected.gpus ?? (expected.values ? [expected.values] : []);
      wanted.forEach((want, i) => expectRawProperties(record.objects[i], want));
      checkVideo(record, expected);
    } else if (cmd.includes('Win32_ComputerSystem')) {
      const want = expected.system ?? {};
      expectRawProperties(record.objects[0], want);
      const sys = parseWin32ComputerSystem(record).value;
      expect(sys).toMatchObject({
        manufacturer: want.Manufacturer,
        model: want.Model,
        processors: want.NumberOfProcessors,
        logicalProcessors: want.NumberOfLogicalProcessors,
        hypervisorPresent: want.HypervisorPresent,
      });
      expect(((sys?.totalPhysicalMemoryMiB ?? 0) / 1024).toFixed(1)).toBe(
        String(want.total_physical_memory_gib_approx),
      );
    } else if (cmd.includes('Win32_Processor')) {
      const cpus = parseWin32Processor(record).value;
      expect(cpus).toHaveLength(expected.cpus?.length ?? -1);
      (expected.cpus ?? []).forEach((want, i) => {
        expectRawProperties(record.objects[i], want);
        expect(cpus[i]).toMatchObject({
          name: want.Name,
          cores: want.NumberOfCores,
          threads: want.NumberOfLogicalProcessors,
        });
      });
    } else {
      throw new Error(`no check for command: ${cmd}`);
    }
  });
});

describe('parsePowerShellList layouts', () => {
  it('joins Format-List continuation lines back without a separator (CRLF)', () => {
    const text = [
      '',
      'Name                    : RTX',
      'InstalledDisplayDrivers : C:\\Windows\\a.dll,C',
      '                          :\\Windows\\b.dll',
      'Empty                   :',
      '',
      'Name                    : iGPU',
    ].join('\r\n');
    const { value, issues } = parsePowerShellList(text);
    expect(issues).toEqual([]);
    expect(value.objects).toEqual([
      { Name: 'RTX', InstalledDisplayDrivers: 'C:\\Windows\\a.dll,C:\\Windows\\b.dll', Empty: '' },
      { Name: 'iGPU' },
    ]);
  });

  it('reads a multi-row table with an empty cell (hand-written sample)', () => {
    const text =
      'Name              AdapterRAM DriverVersion\r\n----              ---------- -------------\r\nNVIDIA RTX A6000  4293918720 31.0.15.3623\r\nMicrosoft Basic              10.0.19041.1\r\n';
    const { value } = parsePowerShellList(text);
    expect(value.objects).toEqual([
      { Name: 'NVIDIA RTX A6000', AdapterRAM: '4293918720', DriverVersion: '31.0.15.3623' },
      { Name: 'Microsoft Basic', AdapterRAM: '', DriverVersion: '10.0.19041.1' },
    ]);
    const gpus = parseWin32VideoControllers(value).value;
    expect(gpus[0]).toMatchObject({ vramMiB: null, adapterRamCapped: true, nvidiaDriverVersion: null });
  });
});

describe('Win32 facts', () => {
  it('reads the NVIDIA driver from the Windows version on a real capture (notes: 32.0.15.6590 = 565.90)', () => {
    const text = readFileSync(
      join(DIR, 'ubuntu-insights-win32-videocontroller-msi-rtx3050ti-laptop.txt'),
      'utf8',
    );
    const gpus = parseWin32VideoControllers(parsePowerShellList(text).value).value;
    expect(gpus.map((g) => g.nvidiaDriverVersion)).toEqual(['565.90', null]);
    expect(gpus[0]?.vramMiB).toBeNull();
    expect(gpus[1]?.vramMiB).toBe(1024);
  });

  it('never reports the 4 GiB AdapterRAM ceiling as VRAM, and decodes the NVIDIA driver version', () => {
    const record = {
      objects: [
        {
          Name: 'NVIDIA GeForce RTX 4090',
          AdapterCompatibility: 'NVIDIA',
          AdapterRAM: '4293918720',
          DriverVersion: '32.0.15.6590',
        },
      ],
    };
    const { value, issues } = parseWin32VideoControllers(record);
    expect(value[0]).toMatchObject({ vramMiB: null, adapterRamCapped: true, nvidiaDriverVersion: '565.90' });
    expect(issues[0]?.message).toMatch(/4 GiB or more/);
  });

  it('reads Win32_BaseBoard (hand-written sample)', () => {
    const { value: record } = parsePowerShellList(
      '\r\nManufacturer : ASUSTeK COMPUTER INC.\r\nProduct      : Pro WS WRX90E-SAGE SE\r\nVersion      : Rev 1.xx\r\n',
    );
    expect(parseWin32BaseBoard(record).value).toEqual({
      manufacturer: 'ASUSTeK COMPUTER INC.',
      product: 'Pro WS WRX90E-SAGE SE',
      version: 'Rev 1.xx',
    });
  });
});

describe('PowerShell parsers on hostile input', () => {
  const hostile: [string, unknown][] = [
    ['empty', ''],
    ['CRLF only', '\r\n\r\n'],
    [
      'error text',
      '  + CategoryInfo          : ObjectNotFound: (Get-CimInstance:String) [], CommandNotFoundException',
    ],
    ['not text', undefined],
    ['huge line', ' '.repeat(200_000) + 'x:' + ' -'.repeat(100_000) + 'y'],
  ];
  it.each(hostile)('%s: issues, no throw', (_name, input) => {
    const { value, issues } = parsePowerShellList(input as string);
    expect(value.objects).toEqual([]);
    expect(issues.length).toBeGreaterThan(0);
  });

  it('helpers accept an empty or malformed record', () => {
    for (const record of [{ objects: [] }, {} as PowerShellRecord, null as unknown as PowerShellRecord]) {
      expect(parseWin32VideoControllers(record).value).toEqual([]);
      expect(parseWin32ComputerSystem(record).value).toBeNull();
      expect(parseWin32Processor(record).issues.length).toBeGreaterThan(0);
      expect(parseWin32BaseBoard(record).value).toBeNull();
    }
  });

  it('keeps the objects of a truncated Format-List', () => {
    const { value } = parsePowerShellList('Name : A\r\nDriverVer');
    expect(value.objects[0]).toEqual({ Name: 'A' });
  });
});
