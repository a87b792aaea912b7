// Tests for shared/hardware/redact.ts (kept here with the probe tests that own it).
import { describe, expect, it } from 'vitest';
import { redactCaptureFiles } from '@shared/hardware/redact';

const A = 'GPU-9a9a6c50-2a47-2f51-a902-b82c3b127e94';
const B = 'GPU-11111111-2222-3333-4444-555555555555';
const P1 = 'GPU-00000000-0000-0000-0000-000000000001';
const P2 = 'GPU-00000000-0000-0000-0000-000000000002';

describe('redactCaptureFiles', () => {
  it('GPU UUIDs: UUID-shaped placeholders, the same in every file (joins still work)', () => {
    const { files, replacements } = redactCaptureFiles({
      'nvidia-smi-query.csv': `index, uuid, serial\n0, ${A}, 1324021012345\n1, ${B}, [N/A]\n`,
      'nvidia-smi-nvlink.txt': `GPU 0: NVIDIA A10G (UUID: ${A})\nGPU 1: NVIDIA A10G (UUID: ${B})\n`,
      'nvidia-smi-q.xml': `<uuid>${A}</uuid>\n<mig_device><uuid>MIG-${B}</uuid></mig_device>\n`,
    });
    expect(files['nvidia-smi-query.csv']).toBe(
      `index, uuid, serial\n0, ${P1}, REDACTED-SERIAL-1\n1, ${P2}, [N/A]\n`,
    );
    expect(files['nvidia-smi-nvlink.txt']).toBe(
      `GPU 0: NVIDIA A10G (UUID: ${P1})\nGPU 1: NVIDIA A10G (UUID: ${P2})\n`,
    );
    expect(files['nvidia-smi-q.xml']).toBe(
      `<uuid>${P1}</uuid>\n<mig_device><uuid>MIG-${P2}</uuid></mig_device>\n`,
    );
    expect(replacements).toBe(7);
  });

  it('nvidia-smi XML serials and other identifying tags; N/A stays N/A', () => {
    const xml =
      '<serial>1324021012345</serial>\n<chassis_serial_number>N/A</chassis_serial_number>\n<product_name>NVIDIA A10G</product_name>\n';
    expect(redactCaptureFiles({ 'nvidia-smi-q.xml': xml }).files['nvidia-smi-q.xml']).toBe(
      '<serial>REDACTED-SERIAL-1</serial>\n<chassis_serial_number>N/A</chassis_serial_number>\n<product_name>NVIDIA A10G</product_name>\n',
    );
  });

  it('dmidecode: Serial Number, UUID and Asset Tag lines; placeholders for "Not Specified" untouched', () => {
    const text =
      'Base Board Information\n\tManufacturer: ASRockRack\n\tSerial Number: M80-ABC123\n\tAsset Tag: Default string\n\tUUID: 4c4c4544-0032-4a10-8054\nMemory Device\n\tSerial Number: Not Specified\n\tSerial Number: 1A2B3C4D\n';
    expect(redactCaptureFiles({ 'dmidecode.txt': text }).files['dmidecode.txt']).toBe(
      'Base Board Information\n\tManufacturer: ASRockRack\n\tSerial Number: REDACTED-SERIAL-1\n\tAsset Tag: Default string\n\tUUID: REDACTED-ID-1\nMemory Device\n\tSerial Number: Not Specified\n\tSerial Number: REDACTED-SERIAL-2\n',
    );
  });

  it('lspci: PCIe Device Serial Number capability and VPD [SN]', () => {
    const text =
      '\tCapabilities: [140 v1] Device Serial Number 48-b0-2d-ff-ff-12-34-56\n\t\t\t[SN] Serial number: MT2049X12345\n\t\t\t[PN] Part number: MCX623106AN\n';
    expect(redactCaptureFiles({ 'lspci.txt': text }).files['lspci.txt']).toBe(
      '\tCapabilities: [140 v1] Device Serial Number REDACTED-SERIAL-2\n\t\t\t[SN] Serial number: REDACTED-SERIAL-1\n\t\t\t[PN] Part number: MCX623106AN\n',
    );
  });

  it('rocm-smi / amd-smi / systeminformation / system_profiler JSON keep their formatting', () => {
    const rocm =
      '{\n    "card0": {\n        "Unique ID": "0x79ccd55167a2124a",\n        "Serial Number": "N/A",\n        "Card series": "Arcturus GL-XL [Instinct MI100]"\n    }\n}';
    const si =
      '{"system": {"uuid": "4c4c4544-0032", "serial": "CZ1234"}, "osInfo": {"hostname": "rig-01", "fqdn": "rig-01.lab"}, "memLayout": [{"serialNum": 12345678}]}';
    const mac =
      '{"SPHardwareDataType": [{"serial_number": "C02XYZ", "platform_UUID": "ABCD-1234", "chip_type": "Apple M2 Max"}]}';
    const { files } = redactCaptureFiles({
      'rocm-smi.json': rocm,
      'systeminformation.json': si,
      'mac-hardware.json': mac,
    });
    // Placeholder numbers follow file-name order (mac-hardware.json first), so match the kind only.
    expect(files['rocm-smi.json']?.replace(/REDACTED-ID-\d+/, 'X')).toBe(
      rocm.replace('0x79ccd55167a2124a', 'X'),
    );
    expect(JSON.parse(files['systeminformation.json'] ?? '')).toEqual({
      system: {
        uuid: expect.stringMatching(/^REDACTED-ID-\d+$/),
        serial: expect.stringMatching(/^REDACTED-SERIAL-\d+$/),
      },
      osInfo: { hostname: 'REDACTED-HOST-1', fqdn: 'REDACTED-HOST-2' },
      memLayout: [{ serialNum: expect.stringMatching(/^REDACTED-SERIAL-\d+$/) }],
    });
    expect(files['mac-hardware.json']).toContain('"chip_type": "Apple M2 Max"');
    expect(files['mac-hardware.json']).not.toMatch(/C02XYZ|ABCD-1234/);
  });

  it('Windows: SerialNumber; host and user names only in Win32_ComputerSystem (Name is the GPU elsewhere)', () => {
    const { files } = redactCaptureFiles({
      'win-baseboard.txt': 'Product      : PRO WS WRX80E-SAGE SE WIFI\r\nSerialNumber : 210685830300123\r\n',
      'win-computersystem.txt':
        'Name         : DESKTOP-ABC\r\nUserName     : DESKTOP-ABC\\alice\r\nModel        : System Product Name\r\n',
      'win-videocontroller.txt': 'Name : NVIDIA GeForce RTX 3080\r\n',
    });
    expect(files['win-baseboard.txt']).toBe(
      'Product      : PRO WS WRX80E-SAGE SE WIFI\r\nSerialNumber : REDACTED-SERIAL-1\r\n',
    );
    expect(files['win-computersystem.txt']).toBe(
      'Name         : REDACTED-HOST-1\r\nUserName     : REDACTED-USER-1\r\nModel        : System Product Name\r\n',
    );
    expect(files['win-videocontroller.txt']).toBe('Name : NVIDIA GeForce RTX 3080\r\n');
  });

  it('leaves text without identifiers alone and does not modify its input', () => {
    const input = {
      'nvidia-smi-topo.txt': '\tGPU0\tGPU1\nGPU0\t X \tNV12\n',
      'meminfo.txt': 'MemTotal: 1 kB\n',
    } as const;
    const copy = { ...input };
    const { files, replacements } = redactCaptureFiles(input);
    expect(files).toEqual(copy);
    expect(input).toEqual(copy);
    expect(replacements).toBe(0);
  });

  it('redacting twice changes nothing more', () => {
    const once = redactCaptureFiles({
      'dmidecode.txt': '\tSerial Number: ABC\n',
      'nvidia-smi-nvlink.txt': `(UUID: ${A})`,
    }).files;
    const twice = redactCaptureFiles(once);
    expect(twice.files).toEqual(once);
  });

  it('CSV rows with more or fewer cells than the header: identifying cells still go, by either end', () => {
    const csv = [
      'index, name, serial, host_id',
      '0, NVIDIA RTX A6000, 1320121000001, rig-07',
      // A comma in the name: the serial is the third cell from the end, not the third from the start.
      '1, NVIDIA RTX A6000, Rev 2, 1320121000002, rig-07',
      // Cut short: the serial is still where the header says.
      '2, NVIDIA RTX A6000, 1320121000003',
      '',
    ].join('\n');
    const out = redactCaptureFiles({ 'nvidia-smi-query.csv': csv }).files['nvidia-smi-query.csv'] ?? '';
    expect(out).not.toMatch(/132012100000|rig-07/);
    expect(out.split('\n')[1]).toBe('0, NVIDIA RTX A6000, REDACTED-SERIAL-1, REDACTED-ID-1');
  });

  it('host_id and machine-id keys, in JSON and in text', () => {
    const { files } = redactCaptureFiles({
      'amd-smi.json': '[{"gpu": 0, "host_id": "a1b2c3d4", "asic": {"market_name": "MI300X"}}]',
      'dmi-id.json': '{"machine_id": "5f2b8c0e9d7a4b1c", "board_vendor": "Supermicro"}',
      'rocm-smi.txt': 'GPU[0]\t\t: Host ID: 0x7f000101\nGPU[0]\t\t: Serial Number: 692209000123\n',
    });
    expect(files['amd-smi.json']).toBe(
      '[{"gpu": 0, "host_id": "REDACTED-ID-1", "asic": {"market_name": "MI300X"}}]',
    );
    expect(files['dmi-id.json']).not.toContain('5f2b8c0e9d7a4b1c');
    // rocm-smi prefixes each line with `GPU[0] :`; the key is what follows.
    expect(files['rocm-smi.txt']).toBe(
      'GPU[0]\t\t: Host ID: REDACTED-ID-3\nGPU[0]\t\t: Serial Number: REDACTED-SERIAL-1\n',
    );
  });

  it('MAC addresses in any file, with colons or dashes; PCI addresses and 8-byte serials are not MACs', () => {
    const { files } = redactCaptureFiles({
      'lspci.txt':
        '0000:01:00.0 Ethernet controller\n\tMAC: aa:bb:cc:dd:ee:ff\n\tCapabilities: [140 v1] Device Serial Number 48-b0-2d-ff-ff-12-34-56\n',
      'win-computersystem.txt': 'Model : X\r\nAdapter : AA-BB-CC-DD-EE-FF\r\n',
      'systeminformation.json':
        '{"net": [{"iface": "eth0", "mac": "AA:BB:CC:DD:EE:FF"}, {"mac": "00:00:00:00:00:00"}]}',
      'nvidia-smi-topo.txt': 'NIC0\t 0000:41:00.0 12:34:56\n',
    });
    expect(files['lspci.txt']).toContain('0000:01:00.0 Ethernet controller');
    expect(files['lspci.txt']).toMatch(/MAC: REDACTED-MAC-1\n/);
    expect(files['lspci.txt']).toContain('Device Serial Number REDACTED-SERIAL-1');
    // One adapter in any spelling is one placeholder; a zero MAC identifies nothing.
    expect(files['win-computersystem.txt']).toBe('Model : X\r\nAdapter : REDACTED-MAC-1\r\n');
    expect(JSON.parse(files['systeminformation.json'] ?? '')).toEqual({
      net: [{ iface: 'eth0', mac: 'REDACTED-MAC-1' }, { mac: '00:00:00:00:00:00' }],
    });
    expect(files['nvidia-smi-topo.txt']).toBe('NIC0\t 0000:41:00.0 12:34:56\n');
  });

  it('user names in home paths: /home, /Users, C:\\Users (also JSON-escaped); shared folders kept', () => {
    const { files } = redactCaptureFiles({
      'sysfs-pci.json':
        '{"log": "/home/alice/.cache/x", "mac_home": "/Users/bob.smith/Library", "win": "C:\\\\Users\\\\carol\\\\AppData", "pub": "C:\\\\Users\\\\Public\\\\x", "shared": "/Users/Shared/y"}',
      'win-processor.txt': 'Path : C:\\Users\\carol\\Desktop\r\nOther: D:\\users\\dave\r\n',
      'lspci.txt': 'see /home/alice and /homework/x\n',
    });
    const json = JSON.parse(files['sysfs-pci.json'] ?? '') as Record<string, string>;
    expect(json).toEqual({
      log: '/home/REDACTED-USER-1/.cache/x',
      mac_home: '/Users/REDACTED-USER-2/Library',
      win: 'C:\\Users\\REDACTED-USER-3\\AppData',
      pub: 'C:\\Users\\Public\\x',
      shared: '/Users/Shared/y',
    });
    expect(files['win-processor.txt']).toBe(
      'Path : C:\\Users\\REDACTED-USER-3\\Desktop\r\nOther: D:\\users\\REDACTED-USER-4\r\n',
    );
    expect(files['lspci.txt']).toBe('see /home/REDACTED-USER-1 and /homework/x\n');
  });

  it('JSON arrays of serials and ids', () => {
    const json =
      '{"serials": ["X1", "X2", "N/A"], "uuids":[12345678, "ab-cd"], "names": ["RTX 3090", "RTX 3090"], "serial": []}';
    const out = redactCaptureFiles({ 'amd-smi.json': json }).files['amd-smi.json'] ?? '';
    expect(JSON.parse(out)).toEqual({
      serials: ['REDACTED-SERIAL-1', 'REDACTED-SERIAL-2', 'N/A'],
      uuids: ['REDACTED-ID-1', 'REDACTED-ID-2'],
      names: ['RTX 3090', 'RTX 3090'],
      serial: [],
    });
  });

  it('XML tags with attributes, CDATA and identifying attributes', () => {
    const xml = [
      '<serial type="x">ABC123</serial>',
      `<uuid foo="bar">${A}</uuid>`,
      '<board_uuid kind="sys">4c4c4544-0032-4a10</board_uuid >',
      '<serial><![CDATA[CDATA777]]></serial>',
      '<gpu id="00000000:01:00.0" serial="ATTR999" uuid=\'ATTR-ID\'>',
      '<product_name note="serial">NVIDIA A10G</product_name>',
      '',
    ].join('\n');
    const out = redactCaptureFiles({ 'nvidia-smi-q.xml': xml }).files['nvidia-smi-q.xml'] ?? '';
    expect(out).not.toMatch(/ABC123|9a9a6c50|4c4c4544|CDATA777|ATTR999|ATTR-ID/);
    expect(out).toContain('<serial type="x">REDACTED-SERIAL-');
    expect(out).toContain(`<uuid foo="bar">${P1}</uuid>`);
    expect(out).toContain('<gpu id="00000000:01:00.0" serial="REDACTED-SERIAL-');
    expect(out).toContain('<product_name note="serial">NVIDIA A10G</product_name>');
  });

  it('the new cases redact once: a second pass changes nothing', () => {
    const once = redactCaptureFiles({
      'lspci.txt': 'MAC aa:bb:cc:dd:ee:ff in /home/alice\n',
      'amd-smi.json': '{"serials": ["X1"], "host_id": "h"}',
      'nvidia-smi-q.xml': '<serial a="b">S</serial>',
      'nvidia-smi-query.csv': 'name, serial\nA, B, C\n',
    }).files;
    expect(redactCaptureFiles(once).files).toEqual(once);
  });

  // Hang guard (the suite's timeout): before, a line of 20 000 spaces took the key: value pattern
  // minutes, and an unclosed JSON string of escaped quotes grew with the square of its length.
  it('odd input stays linear: long blank runs, unclosed strings, long names', () => {
    const blanks = ' '.repeat(200_000);
    const { files } = redactCaptureFiles({
      'lspci.txt': `${blanks}x\nSerial${blanks}:${blanks}S1\n`,
      'amd-smi.json': `"${'\\"'.repeat(100_000)}`,
      'rocm-smi.json': '"serial": ['.repeat(50_000),
      'nvidia-smi-q.xml': `<${'serial'.repeat(50_000)} ${'a="b" '.repeat(50_000)}`,
      'nvidia-smi-query.csv': `serial\n${blanks}x\n${'a,b,c\n'.repeat(50_000)}`,
    });
    expect(files['lspci.txt']).toBe(`${blanks}x\nSerial${blanks}:${blanks}REDACTED-SERIAL-1\n`);
  });
});
