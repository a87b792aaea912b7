import { describe, expect, it } from 'vitest';
import { manifestFileSchema } from '@shared/hardware/capture-format';
import type { DmiIdRecord, SysfsPciDevice } from '@shared/hardware/records';
import {
  createFakeFileSource,
  createFakeRunner,
  fakeDenied,
  fakeExit,
  fakeFail,
  fakeHang,
  type FakeRule,
} from '../../../test/support/fake-runner';
import type { FileSource } from '../file-source';
import { AMD_COLLECTORS, rocmSmi } from './amd';
import { dmiId } from './dmi-id';
import { cpuinfo, dmidecode, lspci } from './linux-tools';
import { MACOS_COLLECTORS } from './macos';
import { NVIDIA_QUERY_FIELDS, nvidiaSmiQuery, nvidiaSmiTopo, nvidiaSmiXml } from './nvidia-smi';
import { sysfsPci } from './sysfs-pci';
import { systeminformationCollector, type SiLike } from './systeminformation';
import type { CollectContext, Collector } from './types';
import { WINDOWS_COLLECTORS } from './windows';

function context(rules: readonly FakeRule[], extra: Partial<CollectContext> = {}) {
  const runner = createFakeRunner(rules);
  const ctx: CollectContext = {
    runner,
    files: createFakeFileSource({}),
    isRoot: true,
    timeoutMs: 200,
    maxBufferBytes: 1 << 20,
    signal: new AbortController().signal,
    ...extra,
  };
  return { ctx, runner };
}

async function collect(collector: Collector, ctx: CollectContext) {
  const outcome = await collector.collect(ctx);
  expect(manifestFileSchema.safeParse(outcome.entry).success).toBe(true);
  return outcome;
}

const CSV = 'index, uuid, name\n0, GPU-9a9a6c50-2a47-2f51-a902-b82c3b127e94, NVIDIA A10G\n';

describe('command collectors against the fake runner', () => {
  it('success: the output is the file, entry says written', async () => {
    const { ctx } = context([{ when: 'nvidia-smi -q -x', respond: fakeExit('<nvidia_smi_log/>\n') }]);
    const out = await collect(nvidiaSmiXml, ctx);
    expect(out.text).toBe('<nvidia_smi_log/>\n');
    expect(out.entry).toMatchObject({
      command: 'nvidia-smi -q -x',
      exitCode: 0,
      errorKind: null,
      written: true,
    });
  });

  it('missing tool: no file, missing-tool', async () => {
    const { ctx } = context([]);
    const out = await collect(lspci, ctx);
    expect(out.text).toBeNull();
    expect(out.entry).toMatchObject({ errorKind: 'missing-tool', written: false });
  });

  it('permission denied: not-permitted with the message', async () => {
    const { ctx } = context([
      {
        when: 'dmidecode',
        respond: fakeDenied('/sys/firmware/dmi/tables/smbios_entry_point: Permission denied'),
      },
    ]);
    const out = await collect(dmidecode, ctx);
    expect(out.entry).toMatchObject({ errorKind: 'not-permitted', exitCode: 1 });
    expect(out.entry.error).toContain('Permission denied');
  });

  it('dmidecode as a normal user is not even tried, and the manifest says why', async () => {
    const { ctx, runner } = context([{ when: 'dmidecode', respond: fakeExit('x') }], { isRoot: false });
    const out = await collect(dmidecode, ctx);
    expect(runner.calls).toHaveLength(0);
    expect(out.entry).toMatchObject({
      errorKind: 'not-permitted',
      written: false,
      command: 'dmidecode -t 2,9,16,17',
    });
  });

  it('a tool that never exits: timed-out at the command timeout', async () => {
    const { ctx } = context([{ when: 'nvidia-smi topo', respond: fakeHang() }], { timeoutMs: 50 });
    const out = await collect(nvidiaSmiTopo, ctx);
    expect(out.entry).toMatchObject({ errorKind: 'timed-out', exitCode: null, written: false });
  });

  it('a failing tool that printed something keeps it (nvidia-smi complains on stdout)', async () => {
    const { ctx } = context([
      {
        when: 'nvidia-smi',
        respond: fakeExit('Failed to initialize NVML: Driver/library version mismatch\n', { exitCode: 18 }),
      },
    ]);
    const out = await collect(nvidiaSmiXml, ctx);
    expect(out.entry).toMatchObject({ errorKind: 'failed', exitCode: 18, written: true });
    expect(out.entry.error).toContain('version mismatch');
  });
});

describe('nvidia-smi query: compute_cap retry', () => {
  it('an old driver rejecting compute_cap gets one retry without it', async () => {
    const { ctx, runner } = context([
      {
        when: (_c, args) => args.some((a) => a.includes('compute_cap')),
        respond: fakeExit('Field "compute_cap" is not a valid field to query.\n', { exitCode: 2 }),
      },
      { when: 'nvidia-smi --query-gpu', respond: fakeExit(CSV) },
    ]);
    const out = await collect(nvidiaSmiQuery, ctx);
    expect(runner.calls).toHaveLength(2);
    expect(runner.calls[1]?.args[0]).toBe(
      `--query-gpu=${NVIDIA_QUERY_FIELDS.filter((f) => f !== 'compute_cap').join(',')}`,
    );
    expect(out.text).toBe(CSV);
    expect(out.entry.errorKind).toBeNull();
    expect(out.entry.command).not.toContain('compute_cap');
  });

  it('a current driver is asked once, with every field and the header row', async () => {
    const { ctx, runner } = context([{ when: 'nvidia-smi', respond: fakeExit(CSV) }]);
    await collect(nvidiaSmiQuery, ctx);
    expect(runner.calls).toEqual([
      { command: 'nvidia-smi', args: [`--query-gpu=${NVIDIA_QUERY_FIELDS.join(',')}`, '--format=csv'] },
    ]);
  });

  it('other failures are not retried', async () => {
    const { ctx, runner } = context([{ when: 'nvidia-smi', respond: fakeFail('No devices were found', 6) }]);
    expect((await collect(nvidiaSmiQuery, ctx)).entry.errorKind).toBe('failed');
    expect(runner.calls).toHaveLength(1);
  });
});

describe('rocm-smi retry and other platforms', () => {
  it('old rocm-smi rejecting a flag is retried with the basic set', async () => {
    const { ctx, runner } = context([
      {
        when: 'rocm-smi',
        respond: [
          fakeFail('rocm-smi: error: unrecognized arguments: --showmaxpower', 2),
          fakeExit('{"card0": {}}'),
        ],
      },
    ]);
    const out = await collect(rocmSmi, ctx);
    expect(runner.calls).toHaveLength(2);
    expect(out.text).toBe('{"card0": {}}');
  });

  it('fixed argv: PowerShell without profile or prompts, system_profiler JSON, amd-smi JSON', () => {
    for (const c of WINDOWS_COLLECTORS)
      expect(c.command).toMatch(
        /^powershell\.exe -NoProfile -NonInteractive -Command 'Get-CimInstance Win32_\w+ \| Format-List \* \| Out-String -Width 4096'$/,
      );
    expect(MACOS_COLLECTORS.map((c) => c.command)).toEqual([
      'system_profiler SPDisplaysDataType -json',
      'system_profiler SPHardwareDataType -json',
    ]);
    expect(AMD_COLLECTORS.map((c) => c.file)).toEqual(['rocm-smi.json', 'amd-smi.json']);
  });
});

describe('file collectors', () => {
  const root = '/sys/bus/pci/devices';
  const gpuAttrs = {
    class: '0x030000\n',
    vendor: '0x10de\n',
    device: '0x2204\n',
    current_link_speed: '16.0 GT/s PCIe\n',
    current_link_width: '16\n',
    max_link_speed: '16.0 GT/s PCIe\n',
    max_link_width: '16\n',
    numa_node: '0\n',
  };
  const tree: Record<string, string | { link: string }> = {
    [`${root}/0000:01:00.0`]: { link: '/sys/devices/pci0000:00/0000:00:01.1/0000:01:00.0' },
    ...Object.fromEntries(Object.entries(gpuAttrs).map(([k, v]) => [`${root}/0000:01:00.0/${k}`, v])),
    [`${root}/0000:00:00.0/class`]: '0x060000\n',
    '/sys/class/dmi/id/board_vendor': 'ASRockRack\n',
    '/sys/class/dmi/id/board_name': 'ROMED8-2T\n',
    '/proc/cpuinfo': 'processor\t: 0\n',
  };
  const files: FileSource = createFakeFileSource(tree);

  it('sysfs-pci.json: one SysfsPciDevice per device, missing attributes null', async () => {
    const out = await collect(sysfsPci, context([], { files }).ctx);
    const devices = JSON.parse(out.text ?? '') as SysfsPciDevice[];
    expect(devices).toHaveLength(2);
    expect(devices[1]).toEqual({
      address: '0000:01:00.0',
      path: '/sys/devices/pci0000:00/0000:00:01.1/0000:01:00.0',
      class: '0x030000',
      vendor: '0x10de',
      device: '0x2204',
      currentLinkSpeed: '16.0 GT/s PCIe',
      currentLinkWidth: '16',
      maxLinkSpeed: '16.0 GT/s PCIe',
      maxLinkWidth: '16',
      numaNode: '0',
    });
    expect(devices[0]).toMatchObject({ address: '0000:00:00.0', class: '0x060000', currentLinkSpeed: null });
  });

  it('no /sys/bus/pci (some containers): not-applicable, no file', async () => {
    const out = await collect(sysfsPci, context([]).ctx);
    expect(out.entry).toMatchObject({ errorKind: 'not-applicable', written: false });
  });

  it('dmi-id.json: a DmiIdRecord, absent files null', async () => {
    const out = await collect(dmiId, context([], { files }).ctx);
    expect(JSON.parse(out.text ?? '') as DmiIdRecord).toEqual({
      boardVendor: 'ASRockRack',
      boardName: 'ROMED8-2T',
      sysVendor: null,
      productName: null,
      biosVersion: null,
    });
    expect((await collect(dmiId, context([]).ctx)).entry.errorKind).toBe('not-applicable');
  });

  it('/proc/cpuinfo is copied as it is', async () => {
    expect((await collect(cpuinfo, context([], { files }).ctx)).text).toBe('processor\t: 0\n');
  });
});

describe('systeminformation collector', () => {
  const fakeSi = (overrides: Partial<SiLike> = {}): SiLike => ({
    cpu: async () => ({ brand: 'EPYC 7543' }),
    mem: async () => ({ total: 1 }),
    memLayout: async () => [],
    baseboard: async () => ({ model: 'ROMED8-2T' }),
    system: async () => ({ model: 'x' }),
    osInfo: async () => ({ distro: 'Ubuntu' }),
    ...overrides,
  });

  it('collects the six sections; a hung or failing one is reported, the rest kept', async () => {
    const si = fakeSi({
      memLayout: () => new Promise(() => {}),
      system: async () => Promise.reject(new Error('boom')),
    });
    const out = await collect(
      systeminformationCollector(async () => si),
      context([], { timeoutMs: 50 }).ctx,
    );
    const data = JSON.parse(out.text ?? '') as Record<string, unknown>;
    expect(data.cpu).toEqual({ brand: 'EPYC 7543' });
    expect(data.errors).toEqual({
      memLayout: 'timed-out: did not answer within 50 ms',
      system: 'failed: boom',
    });
    expect(out.entry).toMatchObject({ errorKind: null, written: true });
  });

  it('never calls graphics() (it runs nvidia-smi synchronously without a timeout)', async () => {
    let graphicsCalled = false;
    const si = {
      ...fakeSi(),
      graphics: async () => {
        graphicsCalled = true;
      },
    };
    await collect(
      systeminformationCollector(async () => si),
      context([]).ctx,
    );
    expect(graphicsCalled).toBe(false);
  });

  it('the module failing to load: failed, no file', async () => {
    const out = await collect(
      systeminformationCollector(() => Promise.reject(new Error('no module'))),
      context([]).ctx,
    );
    expect(out.entry).toMatchObject({ errorKind: 'failed', written: false });
  });
});
