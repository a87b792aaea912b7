import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURES_DIR, loadCaptureFixtures } from '../../../test/support/capture-fixtures';
import { parseNvidiaSmiXml } from './parse-nvidia-smi-xml';
import { normalisePciAddress } from './pci-address';

interface ExpectedGpu {
  order_in_file: number;
  minor_number: number | 'N/A';
  name: string;
  architecture?: string;
  uuid: string;
  vram_total_mib: number;
  vram_used_mib: number;
  pci_bus_id: string;
  pcie_gen_current: number | 'N/A';
  pcie_gen_max: number | 'N/A';
  pcie_width_current: number | 'N/A';
  pcie_width_max: number | 'N/A';
  pcie_gen_max_device?: number | 'N/A';
  pcie_gen_max_host?: number | 'N/A';
  power_limit_w: number | 'N/A';
  default_power_limit_w: number | 'N/A';
  max_power_limit_w: number | 'N/A';
  temperature_c: number;
  driver_model_current: string;
  mig_mode_current?: string;
}

interface Expected {
  kind: string;
  notes: string;
  driver_version: string;
  cuda_version: string;
  attached_gpus: number;
  gpu_count: number;
  gpus: ExpectedGpu[];
}

/** Every capture whose expected.json says `kind: nvidia-smi-xml`, in its own folder or in win/. */
const fixtures = () =>
  loadCaptureFixtures<Expected>(['nvidia-smi-xml', 'win'], (e) => e.kind === 'nvidia-smi-xml');

/** The expected files keep nvidia-smi's "N/A"; the record says null. */
const na = <T>(v: T | 'N/A' | undefined): T | null => (v === 'N/A' || v === undefined ? null : v);

const label = (f: { name: string; expected: Expected }) => `${f.name} — ${f.expected.notes.slice(0, 90)}`;

describe('parseNvidiaSmiXml on real captures', () => {
  it.each(fixtures().map((f) => [label(f), f] as const))('%s', (_name, { text, expected }) => {
    const { value, issues } = parseNvidiaSmiXml(text);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(value.driverVersion).toBe(expected.driver_version);
    expect(value.cudaVersion).toBe(expected.cuda_version);
    expect(value.attachedGpus).toBe(expected.attached_gpus);
    expect(value.gpus).toHaveLength(expected.gpu_count);
    expected.gpus.forEach((e, i) => {
      const g = value.gpus[i];
      expect(g, `gpu ${i}`).toBeDefined();
      expect({
        index: g?.index,
        minorNumber: g?.minorNumber,
        name: g?.name,
        architecture: g?.architecture,
        uuid: g?.uuid,
        vramTotalMiB: g?.vramTotalMiB,
        vramUsedMiB: g?.vramUsedMiB,
        pciBusId: g?.pciBusId,
        pcieGenCurrent: g?.pcieGenCurrent,
        pcieGenMax: g?.pcieGenMax,
        pcieGenMaxDevice: g?.pcieGenMaxDevice,
        pcieGenMaxHost: g?.pcieGenMaxHost,
        pcieWidthCurrent: g?.pcieWidthCurrent,
        pcieWidthMax: g?.pcieWidthMax,
        powerLimitW: g?.powerLimitW,
        powerDefaultLimitW: g?.powerDefaultLimitW,
        powerMaxLimitW: g?.powerMaxLimitW,
        temperatureC: g?.temperatureC,
        driverModel: g?.driverModel,
        migMode: g?.migMode,
        computeCapability: g?.computeCapability,
      }).toEqual({
        index: e.order_in_file,
        minorNumber: na(e.minor_number),
        name: e.name,
        architecture: e.architecture ?? null,
        uuid: e.uuid,
        vramTotalMiB: e.vram_total_mib,
        vramUsedMiB: e.vram_used_mib,
        pciBusId: normalisePciAddress(e.pci_bus_id),
        pcieGenCurrent: na(e.pcie_gen_current),
        pcieGenMax: na(e.pcie_gen_max),
        pcieGenMaxDevice: na(e.pcie_gen_max_device),
        pcieGenMaxHost: na(e.pcie_gen_max_host),
        pcieWidthCurrent: na(e.pcie_width_current),
        pcieWidthMax: na(e.pcie_width_max),
        powerLimitW: na(e.power_limit_w),
        powerDefaultLimitW: na(e.default_power_limit_w),
        powerMaxLimitW: na(e.max_power_limit_w),
        temperatureC: e.temperature_c,
        driverModel: na(e.driver_model_current),
        migMode: na(e.mig_mode_current),
        computeCapability: null,
      });
    });
  });
});

const read = (name: string) => readFileSync(resolve(CAPTURES_DIR, name), 'utf8');

describe('parseNvidiaSmiXml quirks', () => {
  it('warns when attached_gpus disagrees with the <gpu> elements, and ignores MIG devices', () => {
    const { value, issues } = parseNvidiaSmiXml(read('nvidia-smi-xml/telegraf-a100-sxm4-80gb-mig-v12.txt'));
    expect(value.gpus).toHaveLength(1);
    expect(value.gpus[0]?.vramTotalMiB).toBe(81920);
    expect(issues).toEqual([
      { severity: 'warning', message: 'attached_gpus says 4 but the file holds 1 <gpu> element(s)' },
    ]);
  });

  it('keeps file order as index when minor numbers are reversed', () => {
    const { value } = parseNvidiaSmiXml(read('nvidia-smi-xml/telegraf-dual-rtx-a5000-v13.txt'));
    expect(value.gpus.map((g) => [g.index, g.minorNumber, g.pciBusId])).toEqual([
      [0, 1, '0000:81:00.0'],
      [1, 0, '0000:c1:00.0'],
    ]);
  });

  it('normalises the device id to 0x + upper-case hex', () => {
    const { value } = parseNvidiaSmiXml(read('nvidia-smi-xml/telegraf-rtx-pro-6000-maxq-v13.txt'));
    expect(value.gpus[0]?.pciDeviceId).toBe('0x2BB410DE');
  });
});

describe('parseNvidiaSmiXml on hostile input', () => {
  const dual = read('nvidia-smi-xml/telegraf-dual-rtx-2070-v13.txt');

  it('truncated inside the second GPU: error issue, the first GPU still read', () => {
    const cut = dual.slice(0, dual.lastIndexOf('<gpu id=') + 2000);
    const { value, issues } = parseNvidiaSmiXml(cut);
    expect(issues[0]?.severity).toBe('error');
    expect(issues[0]?.message).toMatch(/malformed or truncated XML/);
    expect(value.driverVersion).toBe('590.44.01');
    expect(value.gpus.map((g) => g.pciBusId)).toEqual(['0000:01:00.0']);
  });

  it('truncated inside the first GPU: error issue, no GPUs', () => {
    const { value, issues } = parseNvidiaSmiXml(dual.slice(0, 3000));
    expect(issues.some((i) => i.severity === 'error')).toBe(true);
    expect(value.gpus).toEqual([]);
  });

  it.each([
    ['empty text', ''],
    ['plain garbage', 'this is not xml at all'],
    ['binary bytes', '\u0000\u0001<\u00ff>\ufffd</'],
    ['XML of another tool', '<?xml version="1.0"?><rocm><card id="0"/></rocm>'],
    ['an NVML failure', "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."],
  ])('%s gives an error issue and no GPUs, without throwing', (_name, text) => {
    const { value, issues } = parseNvidiaSmiXml(text);
    expect(value.gpus).toEqual([]);
    expect(issues.some((i) => i.severity === 'error')).toBe(true);
  });

  it('a GPU with every value N/A gives nulls, not zeros', () => {
    const xml = `<nvidia_smi_log><driver_version>N/A</driver_version><attached_gpus>1</attached_gpus>
      <gpu id="N/A"><product_name>N/A</product_name><fb_memory_usage><total>N/A</total></fb_memory_usage>
      <power_readings><power_limit>[Not Supported]</power_limit></power_readings></gpu></nvidia_smi_log>`;
    const { value, issues } = parseNvidiaSmiXml(xml);
    expect(issues).toEqual([]);
    expect(value.gpus[0]).toMatchObject({
      index: 0,
      name: null,
      vramTotalMiB: null,
      powerLimitW: null,
      pciBusId: null,
    });
  });
});
