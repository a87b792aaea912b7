/**
 * Every GPU name printed in the real captures (fixtures/captures, the repository's copy of the shared capture set)
 * resolves to the catalog card the capture is of, or is listed below as not in the catalog with the reason.
 * Names are read from the outputs themselves: nvidia-smi XML `<product_name>` and CSV `name`, `nvidia-smi nvlink`
 * "GPU n: NAME (UUID…)" lines, rocm-smi "Card series" / "Card SKU" / "Device Name", lspci device descriptions and the
 * Windows names (PowerShell records, as their expected.json holds them). A new capture with a new name fails the
 * first test until the name is added here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findGpu, matchDetectedGpu } from './gpu-lookup';

const CAPTURES = join(__dirname, '../../fixtures/captures');

/** Name as printed → catalog id, from what the capture (or its expected.json) says the card is. */
const RESOLVES: Readonly<Record<string, string>> = {
  // nvidia-smi XML / CSV / nvlink
  'NVIDIA A100-SXM4-40GB': 'a100-40gb-sxm',
  'NVIDIA A100-SXM4-80GB': 'a100-80gb-sxm',
  'NVIDIA A10G': 'a10g',
  'NVIDIA GeForce RTX 2070': 'rtx-2070',
  'NVIDIA GeForce RTX 2080': 'rtx-2080',
  'NVIDIA GeForce RTX 2080 SUPER': 'rtx-2080-super',
  'NVIDIA GeForce RTX 3060': 'rtx-3060-12gb', // the capture reports 12288 MiB
  'NVIDIA GeForce RTX 3080': 'rtx-3080-10gb', // both captures report 10 GB
  'NVIDIA GeForce RTX 3090': 'rtx-3090',
  'NVIDIA GeForce RTX 4080 SUPER': 'rtx-4080-super',
  'NVIDIA GeForce RTX 4090': 'rtx-4090',
  'NVIDIA H100 80GB HBM3': 'h100-sxm',
  'NVIDIA H200': 'h200-sxm',
  'NVIDIA L40S': 'l40s',
  'NVIDIA RTX 4000 SFF Ada Generation': 'rtx-4000-sff-ada',
  'NVIDIA RTX A5000': 'rtx-a5000',
  'NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition': 'rtx-pro-6000-blackwell-max-q',
  'Tesla P100-PCIE-16GB': 'tesla-p100-16gb-pcie',
  'Tesla T4': 'tesla-t4',
  // Windows (Get-PnpDevice FriendlyName)
  'NVIDIA GeForce RTX 5090 Laptop GPU': 'rtx-5090-laptop',
  // rocm-smi (the "Card series" of ROCm 5+ is the pci.ids name, with the product in brackets)
  'Arcturus GL-XL [Instinct MI100]': 'mi100',
  'Radeon Instinct MI50 32GB': 'mi50-32gb',
  // lspci
  'NVIDIA Corporation AD102GL [RTX 6000 Ada Generation]': 'rtx-6000-ada',
  'NVIDIA Corporation AD102GL [RTX 6000 Ada Generation] (rev a1) (prog-if 00 [VGA controller])':
    'rtx-6000-ada',
};

/** Names printed for cards no sourced catalog entry covers, with the reason. */
const NOT_IN_CATALOG: Readonly<Record<string, string>> = {
  'NVIDIA GeForce GT 1030': '2 GB card, below what the catalog covers',
  'Quadro P400': '2 GB card, below what the catalog covers',
  'Quadro P2000': '5 GB card, below what the catalog covers',
  'Graphics Device':
    'generic name an old driver printed for a GTX 1660 Ti (6 GB Turing without tensor cores, not catalogued)',
  'NVIDIA GeForce RTX 3060 Laptop GPU':
    'laptop GPU not catalogued (power and clocks depend on the laptop; only the RTX 5090 Laptop GPU is)',
  'NVIDIA GeForce RTX 3050 Ti Laptop GPU': 'laptop GPU not catalogued (4 GB)',
  'GRID P4-1Q': 'a vGPU profile (a 1 GB slice of a Tesla P4), not a card',
  'Intel(R) UHD Graphics': 'integrated graphics',
  'Navi 22 [Radeon RX 6700/6700 XT / 6800M]':
    'one pci.ids name for three cards: the name alone does not say which (PCI id and memory pick the RX 6700 XT below)',
  '0x1002':
    'ROCm 4.3 prints the PCI vendor id as the card series (the card is matched by its PCI id instead)',
};

/** rocm-smi "Card SKU" values are board part codes, not model names: they must resolve to nothing. */
const SKU_CODES = new Set(['D05101', 'D16317', 'D3430400', 'D3431401', '67XA6S', '67XA6SSB1']);

const files = (dir: string, suffix: string): string[] =>
  readdirSync(join(CAPTURES, dir))
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(CAPTURES, dir, f));
const read = (path: string): string => readFileSync(path, 'utf8');

function csvNames(text: string): string[] {
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const col = (header ?? '')
    .split(',')
    .map((c) => c.trim())
    .indexOf('name');
  if (col < 0) return [];
  return rows.map((r) => r.split(',').map((c) => c.trim())[col] ?? '');
}

/** Strings under the given keys anywhere in a parsed JSON value. */
function valuesOf(json: unknown, keys: ReadonlySet<string>): string[] {
  if (Array.isArray(json)) return json.flatMap((v) => valuesOf(v, keys));
  if (json === null || typeof json !== 'object') return [];
  return Object.entries(json).flatMap(([k, v]) =>
    keys.has(k) && typeof v === 'string' ? [v] : valuesOf(v, keys),
  );
}

function printedNames(): Map<string, string> {
  const found = new Map<string, string>(); // name → first file it was seen in
  const add = (file: string, names: readonly string[]) => {
    for (const n of names.map((x) => x.trim()).filter((x) => x !== '')) if (!found.has(n)) found.set(n, file);
  };
  for (const f of [...files('nvidia-smi-xml', '.txt'), ...files('win', '.txt')])
    add(
      f,
      [...read(f).matchAll(/<product_name>([^<]*)</g)].map((m) => m[1] ?? ''),
    );
  for (const f of [...files('nvidia-smi-csv', '.txt'), ...files('win', '-csv.txt')])
    add(f, csvNames(read(f)));
  for (const f of files('nvlink', '.txt'))
    add(
      f,
      [...read(f).matchAll(/^GPU \d+: (.+?) \(UUID/gm)].map((m) => m[1] ?? ''),
    );
  for (const f of files('rocm', '.txt')) {
    const text = read(f);
    if (!text.trimStart().startsWith('{')) continue; // the text-format capture prints no names
    add(f, valuesOf(JSON.parse(text), new Set(['Card series', 'Card Series', 'Card SKU', 'Device Name'])));
  }
  for (const f of files('lspci', '.expected.json')) {
    const json = JSON.parse(read(f)) as {
      devices?: { class?: string; description?: string }[];
      gpus?: unknown[];
    };
    const display = (json.devices ?? []).filter((d) => /VGA|3D|Display/.test(d.class ?? ''));
    add(f, [...display.map((d) => d.description ?? ''), ...valuesOf(json.gpus ?? [], new Set(['name']))]);
  }
  for (const f of files('win', '.expected.json')) {
    const json = JSON.parse(read(f)) as { gpus?: unknown[] };
    add(f, valuesOf(json.gpus ?? [], new Set(['name', 'Name', 'FriendlyName'])));
  }
  return found;
}

describe('GPU names printed in the real captures', () => {
  const names = printedNames();

  it('reads the captures, and every name it finds has an expectation here', () => {
    expect(names.size).toBeGreaterThan(25);
    const unlisted = [...names.keys()].filter(
      (n) => !(n in RESOLVES) && !(n in NOT_IN_CATALOG) && !SKU_CODES.has(n),
    );
    expect(unlisted, 'add these names to RESOLVES or NOT_IN_CATALOG').toEqual([]);
    // and no stale expectation: each listed name still occurs in some capture
    for (const n of [...Object.keys(RESOLVES), ...Object.keys(NOT_IN_CATALOG), ...SKU_CODES])
      expect(names.has(n), n).toBe(true);
  });

  it.each(Object.entries(RESOLVES))('%s → %s', (name, id) => {
    expect(findGpu(name)?.id).toBe(id);
  });

  it.each(Object.entries(NOT_IN_CATALOG))('%s is not in the catalog (%s)', (name) => {
    expect(findGpu(name)).toBeNull();
  });

  it('rocm-smi SKU codes resolve to nothing', () => {
    for (const sku of SKU_CODES) expect(findGpu(sku), sku).toBeNull();
  });
});

describe('rocm-smi cards: name and memory from the capture pick the card', () => {
  interface RocmGpu {
    readonly name: string | null;
    readonly device_id: string;
    readonly vram_total_mib: number;
  }
  const cases = files('rocm', '.expected.json').flatMap((f) => {
    const json = JSON.parse(read(f)) as { gpus?: Partial<RocmGpu>[] };
    return (json.gpus ?? [])
      .filter((g): g is RocmGpu => typeof g.vram_total_mib === 'number' && typeof g.device_id === 'string')
      .map((g) => [f.split('/').at(-1) ?? f, g] as const);
  });
  const WANT: Readonly<Record<string, string | null>> = {
    'Arcturus GL-XL [Instinct MI100]': 'mi100',
    'Radeon Instinct MI50 32GB': 'mi50-32gb',
    // the RX 6700 XT capture: PCI id 73df with 12 GB is the one catalogued 12 GB card on that id
    'Navi 22 [Radeon RX 6700/6700 XT / 6800M]': 'rx-6700-xt',
    '0x1002': 'rx-6700-xt',
  };

  it.each(cases.filter(([, g]) => g.name !== null && g.name in WANT))('%s', (_, g) => {
    const want = WANT[g.name ?? ''] ?? null;
    expect(
      matchDetectedGpu({ name: g.name ?? '', vramMiB: g.vram_total_mib, pciDeviceId: g.device_id })?.id ??
        null,
    ).toBe(want);
  });
});
