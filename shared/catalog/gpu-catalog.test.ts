import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  closestGpus,
  findGpu,
  findGpuByPciId,
  gpuNameTokens,
  gpusByPciId,
  matchDetectedGpu,
} from './gpu-lookup';
import { GPU_CATALOG } from './gpus/index';
import type { GpuSpec } from './types';

/** Source text with thousands separators removed and "$1.5k" written out, for number checks. */
function normalisedText(texts: readonly (string | undefined)[]): string {
  return texts
    .join(' | ')
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/(\d+(?:\.\d+)?)k\b/g, (_, n: string) => String(Math.round(Number(n) * 1000)));
}
function mentions(text: string, value: number): boolean {
  const v = String(value).replace('.', '\\.');
  return new RegExp(`(^|[^\\d.])${v}(?:\\.0+)?(?!\\d|\\.\\d)`).test(text);
}

const NUMERIC_FIELDS = [
  'vramGiB',
  'memoryBandwidthGBs',
  'fp16Tflops',
  'boardPowerW',
  'transientPeakW',
  'lengthMm',
  'nvlinkGBs',
] as const satisfies readonly (keyof GpuSpec)[];

describe('GPU catalog data', () => {
  it('has at least 60 cards with unique ids', () => {
    expect(GPU_CATALOG.length).toBeGreaterThanOrEqual(60);
    const ids = GPU_CATALOG.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(GPU_CATALOG.map((g) => [g.id, g] as const))(
    '%s: every number appears in one of its sources',
    (_, g) => {
      expect(g.sources.length).toBeGreaterThanOrEqual(1);
      for (const s of g.sources) expect(s.ref.length).toBeGreaterThan(5);
      const text = normalisedText(g.sources.map((s) => s.says));
      for (const field of NUMERIC_FIELDS) {
        const value = g[field];
        if (value !== null) expect(mentions(text, value), `${field} = ${value}`).toBe(true);
      }
      for (const pci of g.pciDeviceIds) expect(text.toLowerCase(), pci).toContain(pci.slice(2));
      if (g.computeCapability !== null) expect(text).toContain(g.computeCapability);
      if (g.price !== null) {
        expect(g.price.usedUsd).toBeNull(); // used prices live in `street`, with their own source
        expect(g.price.asOf).toMatch(/^\d{4}(-\d{2}){0,2}$/);
        if (g.price.newUsd !== null)
          expect(mentions(normalisedText([g.price.source.says]), g.price.newUsd)).toBe(true);
      }
      if (g.street) {
        expect(['used', 'new']).toContain(g.street.kind);
        expect(g.street.asOf).toMatch(/^\d{4}(-\d{2}){0,2}$/);
        expect(g.street.usd).toBeGreaterThan(0);
        expect(g.street.source.ref.length).toBeGreaterThan(5);
        expect(mentions(normalisedText([g.street.source.says]), g.street.usd), `street ${g.street.usd}`).toBe(
          true,
        );
      }
    },
  );

  it('has a dated, sourced street price for at least 25 cards, used ones for the used-market classics', () => {
    const priced = GPU_CATALOG.filter((g) => g.street);
    expect(priced.length).toBeGreaterThanOrEqual(25);
    for (const id of ['rtx-3090', 'rtx-4090', 'tesla-p40', 'rtx-a6000'])
      expect(GPU_CATALOG.find((g) => g.id === id)?.street?.kind, id).toBe('used');
    for (const id of ['rtx-5090', 'rx-9070-xt', 'arc-b580', 'dgx-spark-gb10'])
      expect(GPU_CATALOG.find((g) => g.id === id)?.street?.kind, id).toBe('new');
  });

  it.each(GPU_CATALOG.map((g) => [g.id, g] as const))(
    '%s: values are in sane ranges and consistent',
    (_, g) => {
      // 6 GB: GTX 1060 / RTX 2060; 68.25 GB/s and 15 W: Apple M1 (chip-level power of the base Apple chips).
      expect(g.vramGiB).toBeGreaterThanOrEqual(6);
      expect(g.vramGiB).toBeLessThanOrEqual(512);
      expect(g.memoryBandwidthGBs).toBeGreaterThanOrEqual(60);
      expect(g.memoryBandwidthGBs).toBeLessThanOrEqual(6000);
      expect(g.boardPowerW).toBeGreaterThanOrEqual(10);
      expect(g.boardPowerW).toBeLessThanOrEqual(1000);
      if (g.fp16Tflops !== null) expect(g.fp16Tflops).toBeLessThanOrEqual(2000);
      if (g.transientPeakW !== null) expect(g.transientPeakW).toBeGreaterThan(g.boardPowerW);
      if (g.slotWidth !== null) expect([1, 2, 2.5, 3, 3.5]).toContain(g.slotWidth);
      if (g.lengthMm !== null) expect(g.lengthMm).toBeGreaterThan(150);
      if (g.lengthMm !== null) expect(g.lengthMm).toBeLessThan(360);
      if (g.pcieGen !== null) expect([3, 4, 5]).toContain(g.pcieGen);
      if (g.pcieLanes !== null) expect([8, 16]).toContain(g.pcieLanes);
      if (g.nvlink === 'none') expect(g.nvlinkGBs).toBeNull();
      expect(g.vendor === 'apple').toBe(g.segment === 'apple');
      if (g.vendor === 'apple')
        expect([g.pcieGen, g.slotWidth, g.pciDeviceIds.length]).toEqual([null, null, 0]);
      if (g.cooler === 'sxm') expect([g.slotWidth, g.lengthMm]).toEqual([null, null]);
      for (const id of g.pciDeviceIds) expect(id).toMatch(/^0x[0-9a-f]{4}$/);
      if (g.vendor !== 'apple') expect(g.pciDeviceIds.length).toBeGreaterThan(0);
      if (g.released !== null) expect(g.released).toMatch(/^\d{4}(-\d{2}){0,2}$/);
      for (const f of g.unsourcedFields ?? []) expect(Object.keys(g)).toContain(f);
    },
  );

  it('aliases never collide between cards; same-name cards differ in memory', () => {
    const owner = new Map<string, string>();
    const byBase = new Map<string, GpuSpec[]>();
    for (const g of GPU_CATALOG) {
      for (const name of [g.id, g.name, ...g.aliases]) {
        const tokens = gpuNameTokens(name);
        const full = tokens.join('');
        const prev = owner.get(full);
        expect(prev === undefined || prev === g.id, `"${name}" is claimed by ${prev} and ${g.id}`).toBe(true);
        owner.set(full, g.id);
        const base = tokens.filter((t) => !/^\d+gb$/.test(t)).join('');
        const list = byBase.get(base) ?? [];
        if (!list.includes(g)) byBase.set(base, [...list, g]);
      }
    }
    for (const [base, cards] of byBase) {
      const sizes = cards.map((c) => c.vramGiB);
      expect(new Set(sizes).size, `${base}: ${cards.map((c) => c.id).join(', ')}`).toBe(sizes.length);
    }
  });
});

describe('findGpu', () => {
  it.each([
    ['RTX 3090', 'rtx-3090'],
    ['NVIDIA GeForce RTX 3090', 'rtx-3090'],
    ['3090', 'rtx-3090'],
    ['rtx3090', 'rtx-3090'],
    ['3090 Ti', 'rtx-3090-ti'],
    ['GeForce RTX 3090 Ti', 'rtx-3090-ti'],
    ['4090', 'rtx-4090'],
    ['NVIDIA A100-SXM4-80GB', 'a100-80gb-sxm'],
    ['NVIDIA A100-SXM4-40GB', 'a100-40gb-sxm'],
    ['A100 40GB', 'a100-40gb-sxm'],
    ['A100 80GB', 'a100-80gb-sxm'],
    ['NVIDIA A100 80GB PCIe', 'a100-80gb-pcie'],
    ['NVIDIA A100-PCIE-40GB', 'a100-40gb-pcie'],
    ['NVIDIA H100 80GB HBM3', 'h100-sxm'],
    ['NVIDIA H100 PCIe', 'h100-pcie'],
    ['NVIDIA RTX A5000', 'rtx-a5000'],
    ['A6000', 'rtx-a6000'],
    ['NVIDIA RTX 6000 Ada Generation', 'rtx-6000-ada'],
    ['NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition', 'rtx-pro-6000-blackwell-max-q'],
    ['NVIDIA RTX PRO 6000 Blackwell Workstation Edition', 'rtx-pro-6000-blackwell'],
    ['RTX 3080', 'rtx-3080-10gb'],
    ['RTX 3080 12GB', 'rtx-3080-12gb'],
    ['RTX 4060 Ti 16GB', 'rtx-4060-ti-16gb'],
    ['NVIDIA GeForce RTX 4080 SUPER', 'rtx-4080-super'],
    ['Tesla V100-SXM2-32GB', 'v100-32gb-sxm2'],
    ['AMD Radeon RX 7900 XTX', 'rx-7900-xtx'],
    ['AMD Instinct MI300X', 'mi300x'],
    ['Intel(R) Arc(TM) A770 Graphics', 'arc-a770-16gb'],
    ['Apple M2 Max', 'm2-max'],
    ['m4 pro', 'm4-pro'],
    // names as the tools print them for cards added with the GTX 10 / RTX 20 / H800 / GB10 / RDNA 4 / Instinct batch
    ['AMD Instinct MI300X OAM', 'mi300x'],
    ['NVIDIA H800', 'h800-sxm'],
    ['NVIDIA H800 PCIe', 'h800-pcie'],
    ['NVIDIA GeForce GTX 1070', 'gtx-1070'],
    ['NVIDIA GeForce GTX 1060 6GB', 'gtx-1060-6gb'],
    ['GeForce GTX 1080 Ti', 'gtx-1080-ti'],
    ['NVIDIA GeForce RTX 2060 SUPER', 'rtx-2060-super'],
    ['NVIDIA GeForce RTX 2080 SUPER', 'rtx-2080-super'],
    ['Tesla P40', 'tesla-p40'],
    ['Tesla P100-PCIE-12GB', 'tesla-p100-12gb-pcie'],
    ['Tesla V100-PCIE-32GB', 'v100-32gb-pcie'],
    ['Tesla V100-SXM2-16GB', 'v100-16gb-sxm2'],
    ['NVIDIA GB10', 'dgx-spark-gb10'],
    ['DGX Spark', 'dgx-spark-gb10'],
    ['AMD Radeon AI PRO R9700', 'radeon-ai-pro-r9700'],
    ['AMD Radeon RX 9070', 'rx-9070'],
    ['AMD Radeon RX 9070 XT', 'rx-9070-xt'],
    ['Radeon Instinct MI50 32GB', 'mi50-32gb'],
    ['MI50', 'mi50-16gb'],
    ['AMD Instinct MI100', 'mi100'],
    ['AMD Instinct MI250X', 'mi250x'],
    ['Intel(R) Arc(TM) Pro B60 Graphics', 'arc-pro-b60'],
    ['Apple M1', 'm1'],
    ['Apple M1 (7-core GPU)', 'm1'],
    ['Apple M4 (10-core GPU)', 'm4'],
    ['Apple M3 Max (40-core GPU)', 'm3-max'],
    ['Apple M3 Max (30-core GPU)', 'm3-max-30'],
    ['Apple M4 Max (32-core GPU)', 'm4-max-32'],
    ['Apple M4 Max (40-core GPU)', 'm4-max'],
    ['Apple M1 Pro (14-core GPU)', 'm1-pro'],
    ['Apple M3 Pro (18-core GPU)', 'm3-pro'],
    ['M2 Ultra 76-core GPU', 'm2-ultra'],
    ['NVIDIA Tesla V100 32GB', 'v100-32gb-sxm2'],
    ['NVIDIA GeForce RTX 3090 Ti FE', 'rtx-3090-ti'],
    // a memory size with a unified-memory chip is the machine's memory, up to the chip's maximum
    ['Apple M3 Max (40-core GPU) 64GB', 'm3-max'],
    ['Apple M4 (10-core) 32GB', 'm4'],
    ['Apple M1 (7-core GPU) 8GB', 'm1'],
    // Ryzen AI Max (Strix Halo) integrated GPUs, by GPU or by processor name
    ['AMD Radeon 8060S Graphics', 'radeon-8060s'],
    ['AMD Radeon 8060S LPDDR5X-8000', 'radeon-8060s'],
    ['Radeon 8060S', 'radeon-8060s'],
    ['Ryzen AI Max+ 395', 'radeon-8060s'],
    ['AMD RYZEN AI MAX+ 395 w/ Radeon 8060S', 'radeon-8060s'],
    ['Ryzen AI Max+ 395 64GB', 'radeon-8060s'], // unified memory: any size up to 128 GB
    ['AMD Radeon 8050S Graphics', 'radeon-8050s'],
    ['Ryzen AI Max 390', 'radeon-8050s'],
    ['Ryzen AI Max 385', 'radeon-8050s'],
    ['Apple M5', 'm5'],
    ['Apple M5 (10-core GPU)', 'm5'],
    ['Apple M5 Pro (20-core GPU)', 'm5-pro'],
    ['Apple M5 Max', 'm5-max'],
    ['Apple M5 Max (40-core GPU)', 'm5-max'],
    ['Intel Arc Pro B70', 'arc-pro-b70'],
    ['Intel(R) Arc(TM) Pro B70 Graphics', 'arc-pro-b70'],
    ['NVIDIA Quadro P6000 24GB', 'quadro-p6000'],
    ['Quadro P6000', 'quadro-p6000'],
    ['AMD Radeon RX 6700 XT', 'rx-6700-xt'],
    ['AMD Radeon RX 5700 XT', 'rx-5700-xt'],
    ['NVIDIA GeForce RTX 5090 Laptop GPU', 'rtx-5090-laptop'],
    ['NVIDIA GeForce RTX 5060', 'rtx-5060'],
    ['RTX 5060', 'rtx-5060'],
    // lspci / rocm-smi spellings: the bracketed part names the card
    ['Arcturus GL-XL [Instinct MI100]', 'mi100'],
    ['NVIDIA Corporation AD102GL [RTX 6000 Ada Generation] (rev a1)', 'rtx-6000-ada'],
  ])('%s → %s', (query, id) => {
    expect(findGpu(query)?.id).toBe(id);
  });

  it.each([
    'RTX 4090 D',
    'GeForce RTX 4090D',
    'NVIDIA GeForce RTX 3060 Laptop GPU',
    'Quadro RTX 4000',
    'GT 1030',
    '',
    'NVIDIA',
    'NVIDIA GeForce GTX 1060 3GB', // a different card from the 6 GB one
    'Apple M3 Max (30-core GPU) 128GB', // that bin tops out at 96 GB
    'NVIDIA GeForce RTX 4090 48GB', // a modified board
    'Navi 22 [Radeon RX 6700/6700 XT / 6800M]', // one pci.ids name for three cards
    'AMD Radeon RX 6700', // the 10 GB card is not catalogued
    'AMD Radeon RX 5700',
    'NVIDIA GeForce RTX 5060 Laptop GPU',
    'Apple M5 Max (32-core GPU)', // that bin's bandwidth is unconfirmed
    'NVIDIA RTX A400', // 4 GB, below what the catalog covers
    'Ryzen AI Max+ 395 192GB', // beyond the platform's 128 GB
  ])('%s → null', (query) => {
    expect(findGpu(query)).toBeNull();
  });
});

describe('findGpuByPciId', () => {
  it.each(['0x220410DE', '220410de', '2204', '0x2204', '10de:2204', '10DE:0x2204'])('%s → RTX 3090', (id) => {
    expect(findGpuByPciId(id)?.id).toBe('rtx-3090');
  });
  it('filters by vendor and rejects junk', () => {
    expect(gpusByPciId('1002:744c').map((g) => g.id)).toEqual(['rx-7900-xt', 'rx-7900-xtx']);
    expect(gpusByPciId('1002:1586').map((g) => g.id)).toEqual(['radeon-8060s', 'radeon-8050s']);
    expect(findGpuByPciId('10de:744c')).toBeNull();
    for (const junk of ['[REDACTED]', '0x000000DE', 'N/A', '', '12345'])
      expect(findGpuByPciId(junk)).toBeNull();
  });
});

describe('closestGpus', () => {
  it('suggests the near names first', () => {
    expect(closestGpus('RTX 3090 Tii')[0]?.id).toBe('rtx-3090-ti');
    expect(closestGpus('RTX 4090D').map((g) => g.id)).toContain('rtx-4090');
    expect(closestGpus('A6000 Ada', 3).map((g) => g.id)).toContain('rtx-6000-ada');
    expect(closestGpus('H100', 2)).toHaveLength(2);
    expect(closestGpus('')).toEqual([]);
  });
});

// ── Real nvidia-smi captures ─────────────────────────────────────────────────────────────────────
const CAPTURES = join(__dirname, '../../fixtures/captures');
const EXPECTED: Readonly<Record<string, string | null>> = {
  'netdata-a100-sxm4-40gb-mig-510': 'a100-40gb-sxm',
  'netdata-rtx-3060-laptop-515': null,
  'netdata-rtx-4090-535-gen3-host': 'rtx-4090',
  'netdata-tesla-p100-510': 'tesla-p100-16gb-pcie',
  'telegraf-a100-sxm4-80gb-mig-v12': 'a100-80gb-sxm',
  'telegraf-a10g': 'a10g',
  'telegraf-dual-rtx-2070-v13': 'rtx-2070',
  'telegraf-dual-rtx-2080-v13': 'rtx-2080',
  'telegraf-dual-rtx-a5000-v13': 'rtx-a5000',
  'telegraf-gt-1030': null,
  'telegraf-gtx-1660-ti-418': null,
  'telegraf-quadro-p2000-v12': null,
  'telegraf-quadro-p400-418': null,
  'telegraf-rtx-3060-v12': 'rtx-3060-12gb',
  'telegraf-rtx-3080-v13': 'rtx-3080-10gb',
  'telegraf-rtx-3090-v12-vm': 'rtx-3090',
  'telegraf-rtx-3090-v13': 'rtx-3090',
  'telegraf-rtx-4000-sff-ada-v13': 'rtx-4000-sff-ada',
  'telegraf-rtx-pro-6000-maxq-v13': 'rtx-pro-6000-blackwell-max-q',
  'telegraf-tesla-t4': 'tesla-t4',
  'netdata-tesla-p100-nounits': 'tesla-p100-16gb-pcie',
  'nge-h100-80gb-hbm3-590-wide': 'h100-sxm',
  'nge-h200-mig-590-wide': 'h200-sxm',
  'nge-l40s-595-wide': 'l40s',
  'nge-rtx-4080-super-595-wide': 'rtx-4080-super',
};

interface Detected {
  readonly file: string;
  readonly name: string;
  readonly vramMiB: number | null;
  readonly pciDeviceId: string | null;
}

function xmlCaptures(): Detected[] {
  const dir = join(CAPTURES, 'nvidia-smi-xml');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => {
      const xml = readFileSync(join(dir, f), 'utf8');
      const fb = [...xml.matchAll(/<fb_memory_usage>\s*<total>(\d+) MiB/g)].at(-1); // last = whole GPU (MIG lists instances first)
      return {
        file: f.replace(/\.txt$/, ''),
        name: /<product_name>([^<]*)</.exec(xml)?.[1] ?? '',
        vramMiB: fb ? Number(fb[1]) : null,
        pciDeviceId: /<pci_device_id>([^<]*)</.exec(xml)?.[1] ?? null,
      };
    });
}

function csvCaptures(): Detected[] {
  const dir = join(CAPTURES, 'nvidia-smi-csv');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => {
      const [header, ...rows] = readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
      const cols = (header ?? '').split(',').map((c) => c.trim());
      return rows.map((row) => {
        const cell = (name: string) => row.split(',').map((c) => c.trim())[cols.indexOf(name)];
        const mem = cell('memory.total [MiB]');
        return {
          file: f.replace(/\.txt$/, ''),
          name: cell('name') ?? '',
          vramMiB: mem === undefined ? null : Number.parseInt(mem, 10),
          pciDeviceId: cell('pci.device_id') ?? null,
        };
      });
    });
}

describe('matchDetectedGpu on real captures', () => {
  const detected = [...xmlCaptures(), ...csvCaptures()];
  it('reads every expected capture', () => {
    expect(detected.map((d) => d.file)).toEqual(expect.arrayContaining(Object.keys(EXPECTED)));
  });
  it.each(detected.filter((d) => d.file in EXPECTED).map((d) => [d.file, d] as const))('%s', (file, d) => {
    const want = EXPECTED[file] ?? null;
    expect(matchDetectedGpu(d)?.id ?? null).toBe(want);
    // the name + memory path alone (PCI id missing or redacted) gives the same answer
    expect(matchDetectedGpu({ name: d.name, vramMiB: d.vramMiB })?.id ?? null).toBe(want);
  });

  it('uses memory size to split cards that share a PCI id or a name', () => {
    expect(
      matchDetectedGpu({ name: 'AMD Radeon RX 7900 XTX', vramMiB: 24560, pciDeviceId: '1002:744c' })?.id,
    ).toBe('rx-7900-xtx');
    expect(matchDetectedGpu({ name: 'Radeon RX 7900 XT', vramMiB: 20464, pciDeviceId: '744c' })?.id).toBe(
      'rx-7900-xt',
    );
    expect(matchDetectedGpu({ name: 'NVIDIA GeForce RTX 3080', vramMiB: 12288 })?.id).toBe('rtx-3080-12gb');
    expect(matchDetectedGpu({ name: 'NVIDIA GeForce RTX 4060 Ti', vramMiB: 16380 })?.id).toBe(
      'rtx-4060-ti-16gb',
    );
    expect(matchDetectedGpu({ name: 'NVIDIA GeForce RTX 3060', vramMiB: 8192 })).toBeNull(); // 3060 8GB not in catalog
    expect(matchDetectedGpu({ name: 'Apple M2 Max', vramMiB: 32768 })?.id).toBe('m2-max');
    // DGX Spark: unified memory, nvidia-smi reports none ([N/A]); the machine's RAM may be given instead
    expect(matchDetectedGpu({ name: 'NVIDIA GB10', vramMiB: null, pciDeviceId: '0x2E1210DE' })?.id).toBe(
      'dgx-spark-gb10',
    );
    expect(matchDetectedGpu({ name: 'NVIDIA GB10', vramMiB: 122_000 })?.id).toBe('dgx-spark-gb10');
    // MI50 16/32 GB and the MI60 share PCI id 66a1: memory size picks the card
    expect(
      matchDetectedGpu({ name: 'Radeon Instinct MI50', vramMiB: 16368, pciDeviceId: '1002:66a1' })?.id,
    ).toBe('mi50-16gb');
    expect(matchDetectedGpu({ name: '0x1002', vramMiB: 32752, pciDeviceId: '1002:66a1' })?.id).toBe(
      'mi50-32gb',
    );
    expect(
      matchDetectedGpu({ name: 'NVIDIA A100-SXM4-80GB', vramMiB: 40960, pciDeviceId: '0x20B210DE' }),
    ).toBeNull();
  });

  it('lets the name choose among cards that share a PCI id and fit the memory', () => {
    // RX 9070 and 9070 XT: both 16 GB on 7550
    expect(
      matchDetectedGpu({ name: 'AMD Radeon RX 9070', vramMiB: 16304, pciDeviceId: '1002:7550' })?.id,
    ).toBe('rx-9070');
    expect(
      matchDetectedGpu({ name: 'AMD Radeon RX 9070 XT', vramMiB: 16304, pciDeviceId: '1002:7550' })?.id,
    ).toBe('rx-9070-xt');
    // Strix Halo: 8060S and 8050S share 1586 and system memory; a name that says nothing gets the first
    expect(
      matchDetectedGpu({ name: 'AMD Radeon 8050S Graphics', vramMiB: 65536, pciDeviceId: '1002:1586' })?.id,
    ).toBe('radeon-8050s');
    expect(
      matchDetectedGpu({ name: 'AMD Radeon(TM) Graphics', vramMiB: 110511, pciDeviceId: '1002:1586' })?.id,
    ).toBe('radeon-8060s');
    expect(matchDetectedGpu({ name: 'AMD Radeon 8060S', vramMiB: 98304 })?.id).toBe('radeon-8060s');
    // 73df is the RX 6700 (10 GB), 6700 XT, 6750 XT and 6800M (12 GB): only a 12 GB card is taken as the 6700 XT
    expect(
      matchDetectedGpu({
        name: 'Navi 22 [Radeon RX 6700/6700 XT / 6800M]',
        vramMiB: 12272,
        pciDeviceId: '0x73df',
      })?.id,
    ).toBe('rx-6700-xt');
    expect(
      matchDetectedGpu({
        name: 'Navi 22 [Radeon RX 6700/6700 XT / 6800M]',
        vramMiB: 10224,
        pciDeviceId: '0x73df',
      }),
    ).toBeNull();
    expect(
      matchDetectedGpu({
        name: 'NVIDIA GeForce RTX 5090 Laptop GPU',
        vramMiB: 24463,
        pciDeviceId: '10de:2c58',
      })?.id,
    ).toBe('rtx-5090-laptop');
  });
});
