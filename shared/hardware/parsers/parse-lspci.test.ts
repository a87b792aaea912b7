import { describe, expect, it } from 'vitest';
import { loadCaptureFixtures } from '../../../test/support/capture-fixtures';
import type { PcieLinkState } from '../records';
import { normalisePciAddress } from './pci-address';
import { parseLspci, parseLspciTree } from './parse-lspci';

interface ExpectedLink {
  port?: number;
  speed: string;
  gen: number;
  width: number;
  speed_flag?: string | null;
  width_flag?: string | null;
}
interface ExpectedDevice {
  bdf: string;
  class: string;
  description: string;
  subsystem: string;
  physical_slot?: string;
  numa_node?: string;
  express_port_type: string;
  lnkcap: ExpectedLink;
  lnksta: ExpectedLink;
  lnkcap2_supported_speeds: string;
  lnkctl2_target_speed: string;
  driver: string;
  kernel_modules: string;
}
interface ExpectedTreeDevice {
  bdf: string;
  name: string;
  root_port?: string;
  audio_function?: string;
}
interface Expected {
  command: string;
  device_count?: number;
  devices?: ExpectedDevice[];
  gpu_count?: number;
  domains?: string[];
  gpus?: ExpectedTreeDevice[];
  other_devices_of_interest?: ExpectedTreeDevice[];
}

/** Golden pairs: real `lspci` captures in fixtures/captures/lspci, facts in `<name>.expected.json`. */
const load = (kind: 'vvv' | 'tree') =>
  loadCaptureFixtures<Expected>(['lspci'], (e) => (kind === 'tree') === e.command.includes('-tv'));

function expectLink(got: PcieLinkState | null, want: ExpectedLink): void {
  expect(got).not.toBeNull();
  expect(got?.speedGTs).toBe(Number.parseFloat(want.speed));
  expect(got?.gen).toBe(want.gen);
  expect(got?.width).toBe(want.width);
  if ('speed_flag' in want) expect(got?.speedFlag).toBe(want.speed_flag);
  if ('width_flag' in want) expect(got?.widthFlag).toBe(want.width_flag);
}

describe('parseLspci golden captures (lspci -vvv)', () => {
  it.each(load('vvv'))('$base', ({ text, expected }) => {
    const { value, issues } = parseLspci(text);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(value).toHaveLength(expected.device_count ?? -1);
    for (const want of expected.devices ?? []) {
      const got = value.find((d) => d.address === normalisePciAddress(want.bdf));
      expect(got, want.bdf).toBeDefined();
      if (!got) continue;
      expect(got.className).toBe(want.class);
      expect(got.description).toBe(want.description);
      expect(got.subsystem).toBe(want.subsystem);
      expect(got.physicalSlot).toBe(want.physical_slot ?? null);
      expect(got.numaNode).toBe(want.numa_node === undefined ? null : Number(want.numa_node));
      expect(got.expressPortType).toBe(want.express_port_type);
      expectLink(got.linkCapability, want.lnkcap);
      expect(got.linkPort).toBe(want.lnkcap.port ?? null);
      expectLink(got.linkStatus, want.lnksta);
      expect(got.supportedLinkSpeeds).toBe(want.lnkcap2_supported_speeds);
      expect(got.targetLinkSpeedGTs).toBe(Number.parseFloat(want.lnkctl2_target_speed));
      expect(got.driver).toBe(want.driver);
      expect(got.kernelModules.join(', ')).toBe(want.kernel_modules);
    }
  });
});

describe('parseLspciTree golden captures (lspci -tv)', () => {
  it.each(load('tree'))('$base', ({ text, expected }) => {
    const { value, issues } = parseLspciTree(text);
    expect(issues).toEqual([]);
    const byAddress = new Map(value.devices.map((d) => [d.address, d]));
    const parentOf = new Map(value.edges.map((e) => [e.child, e.parent]));
    const roots = value.devices.filter((d) => !parentOf.has(d.address)).map((d) => d.address.slice(0, 7));
    expect([...new Set(roots)]).toEqual(expected.domains);
    const gpuNames = new Set((expected.gpus ?? []).map((g) => g.name));
    expect(value.devices.filter((d) => gpuNames.has(d.description))).toHaveLength(expected.gpu_count ?? -1);
    for (const gpu of expected.gpus ?? []) {
      expect(byAddress.get(gpu.bdf)?.description, gpu.bdf).toBe(gpu.name);
      expect(parentOf.get(gpu.bdf), `${gpu.bdf} root port`).toBe(gpu.root_port);
      expect(byAddress.has(gpu.audio_function ?? ''), `${gpu.bdf} audio`).toBe(true);
      expect(parentOf.get(gpu.audio_function ?? '')).toBe(gpu.root_port);
    }
    for (const other of expected.other_devices_of_interest ?? []) {
      expect(byAddress.get(other.bdf)?.description, other.bdf).toBe(other.name);
    }
  });
});

/** Hand-written sample (not a capture): `lspci -D -vvv -nn` shape, a root port and a GPU. */
const HAND_WRITTEN_D_NN = [
  '0000:00:01.1 PCI bridge [0604]: Advanced Micro Devices, Inc. [AMD] Device [1022:14ab] (prog-if 00 [Normal decode])',
  '\tCapabilities: [58] Express (v2) Root Port (Slot+), MSI 00',
  '\t\tLnkCap:\tPort #0, Speed 32GT/s, Width x16, ASPM L1, Exit Latency L1 <64us',
  '\t\tLnkSta:\tSpeed 16GT/s (downgraded), Width x8 (downgraded)',
  '\tKernel driver in use: pcieport',
  '',
  '0000:01:00.0 VGA compatible controller [0300]: NVIDIA Corporation AD102 [GeForce RTX 4090] [10de:2684] (rev a1) (prog-if 00 [VGA controller])',
  '\tSubsystem: NVIDIA Corporation Device [10de:167c]',
  '\tNUMA node: 0',
  '\tCapabilities: [78] Express (v2) Legacy Endpoint, MSI 00',
  '\t\tLnkCap:\tPort #0, Speed 16GT/s, Width x16, ASPM L1, Exit Latency L1 <4us',
  '\t\tLnkSta:\tSpeed 16GT/s (ok), Width x16 (ok)',
  '\tKernel driver in use: nvidia',
].join('\r\n');

describe('parseLspci formats', () => {
  it('reads -D and -nn: class code, ids, flags, root port type (hand-written sample, CRLF)', () => {
    const { value, issues } = parseLspci(HAND_WRITTEN_D_NN);
    expect(issues).toEqual([]);
    const [bridge, gpu] = value;
    expect(bridge?.expressPortType).toBe('Root Port');
    expect(bridge?.linkStatus).toEqual({
      speedGTs: 16,
      gen: 4,
      width: 8,
      speedFlag: 'downgraded',
      widthFlag: 'downgraded',
    });
    expect(gpu?.address).toBe('0000:01:00.0');
    expect(gpu?.classCode).toBe('0300');
    expect(gpu?.className).toBe('VGA compatible controller');
    expect([gpu?.vendorId, gpu?.deviceId]).toEqual(['10de', '2684']);
    expect(gpu?.description).toBe(
      'NVIDIA Corporation AD102 [GeForce RTX 4090] (rev a1) (prog-if 00 [VGA controller])',
    );
    expect(gpu?.subsystem).toBe('NVIDIA Corporation Device');
    expect(gpu?.linkStatus).toMatchObject({ gen: 4, speedFlag: 'ok', widthFlag: 'ok' });
  });

  it.each([
    [2.5, 1],
    [5, 2],
    [8, 3],
    [16, 4],
    [32, 5],
    [64, 6],
  ])('%s GT/s is gen %s', (speed, gen) => {
    const { value } = parseLspci(`01:00.0 X: Y\n\tLnkSta:\tSpeed ${speed}GT/s, Width x4`);
    expect(value[0]?.linkStatus?.gen).toBe(gen);
  });

  it('says so when lspci ran without root (capabilities hidden)', () => {
    const { value, issues } = parseLspci(
      '01:00.0 VGA compatible controller: NVIDIA X\n\tCapabilities: <access denied>\n',
    );
    expect(value[0]?.linkCapability).toBeNull();
    expect(issues.some((i) => i.message.includes('access denied'))).toBe(true);
  });
});

describe('parseLspci / parseLspciTree on hostile input', () => {
  const hostile: [string, unknown][] = [
    ['empty', ''],
    ['whitespace', '  \n\n'],
    ['garbage', 'Segmentation fault\n\u0000\u0001 ??? ::: ]]]['],
    ['truncated header', '01:00'],
    ['not text', undefined],
    ['binary-ish', '\uFFFD'.repeat(500)],
    ['huge line', ' '.repeat(200_000) + 'x:' + ' -'.repeat(100_000) + 'y'],
  ];
  it.each(hostile)('%s: issues, no throw', (_name, input) => {
    const flat = parseLspci(input as string);
    expect(flat.value).toEqual([]);
    expect(flat.issues.length).toBeGreaterThan(0);
    const tree = parseLspciTree(input as string);
    expect(tree.value.devices).toEqual([]);
    expect(tree.issues.length).toBeGreaterThan(0);
  });

  it('keeps what it can from a cut-off device block', () => {
    const { value } = parseLspci(
      'c1:00.0 VGA compatible controller: NVIDIA X\n        LnkCap: Port #0, Speed 16GT/s, Wid',
    );
    expect(value[0]?.linkCapability).toMatchObject({ speedGTs: 16, gen: 4, width: null });
  });

  it('reports a tree branch that has no bus above it', () => {
    const { issues } = parseLspciTree('-[0000:00]-+-00.0  A\n                         +-01.0  B');
    expect(issues.some((i) => i.line === 2)).toBe(true);
  });
});
