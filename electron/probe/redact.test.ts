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
});
