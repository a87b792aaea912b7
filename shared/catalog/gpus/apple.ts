/**
 * Apple silicon (unified memory). `vramGiB` is the largest memory option of the chip (the GPU can use
 * most, not all, of it); bandwidth is for the fastest bin of the chip. There are no PCIe slots for
 * GPUs and no NVLink. `boardPowerW` is the power figure on the Hugging Face hardware page (a chip-level
 * figure, not a measured wall draw) — the best sourced number available. `price` is the HF page's
 * price for a machine with that chip, not for the chip.
 * Excluded: M1 Ultra, M2 Ultra (no power figure found).
 */
import type { GpuSpec } from '../types';
import { hf, HF_TABLE, msrp, web } from './sources';

const GAMEBASTION = web(
  'https://gamebastion.com/n/apple-s-m4-max-is-the-first-non-ultra/474547',
  'M4 Pro 273GB/s, up to 64GB; M4 Max 546GB/s, up to 128GB; M1 Ultra up to 128GB, 800GB/s',
);
const KEVINWATSON = web(
  'kevinwatson/personal-computing-history-book 060-chapter-05.md',
  'M1 Pro: up to 32GB unified memory, 200GB/s; M1 Max: up to 64GB, 400GB/s',
);

const base = {
  vendor: 'apple',
  segment: 'apple',
  fp16Tflops: null,
  transientPeakW: null,
  powerConnectors: [],
  slotWidth: null,
  lengthMm: null,
  cooler: 'integrated',
  pcieGen: null,
  pcieLanes: null,
  nvlink: 'none',
  nvlinkGBs: null,
  p2pOverPcie: null,
  pciDeviceIds: [],
  computeCapability: null,
} as const satisfies Partial<GpuSpec>;

export const APPLE_GPUS: readonly GpuSpec[] = [
  {
    ...base,
    id: 'm1-pro',
    name: 'Apple M1 Pro',
    arch: 'Apple M1',
    aliases: ['Apple M1 Pro', 'M1 Pro'],
    // identified in the HF table by its memory range and 5.2 TFLOPS (doubtful row match).
    vramGiB: 32,
    memoryBandwidthGBs: 200,
    boardPowerW: 30,
    price: msrp(2900, '2021', web(HF_TABLE, 'Apple M1 Pro row: 16-32GB, 5.2 TFLOPS, 30W, $2.9k, 2021')),
    released: '2021',
    sources: [KEVINWATSON, web(HF_TABLE, 'Apple M1 Pro row: 16-32GB, 30W')],
  },
  {
    ...base,
    id: 'm1-max',
    name: 'Apple M1 Max',
    arch: 'Apple M1',
    aliases: ['Apple M1 Max', 'M1 Max'],
    vramGiB: 64,
    memoryBandwidthGBs: 400,
    boardPowerW: 60,
    price: msrp(3900, '2021', hf('apple-m1-max', 'Apple M1 Max: 16-64GB, 60W, $3.9k, 2021')),
    released: '2021',
    sources: [KEVINWATSON, hf('apple-m1-max', 'Apple M1 Max: 16-64GB, 60W')],
  },
  {
    ...base,
    id: 'm2-pro',
    name: 'Apple M2 Pro',
    arch: 'Apple M2',
    aliases: ['Apple M2 Pro', 'M2 Pro'],
    vramGiB: 32,
    memoryBandwidthGBs: 200,
    boardPowerW: 35,
    price: msrp(2800, '2023', hf('apple-m2-pro', 'Apple M2 Pro: 16-32GB, 35W, $2.8k, 2023')),
    released: '2023',
    sources: [
      web('https://goodcom.pages.dev/ (M2 Pro article)', 'M2 Pro: up to 32GB unified memory, 200GB/s'),
      hf('apple-m2-pro', 'Apple M2 Pro: 16-32GB, 35W'),
    ],
  },
  {
    ...base,
    id: 'm2-max',
    name: 'Apple M2 Max',
    arch: 'Apple M2',
    aliases: ['Apple M2 Max', 'M2 Max'],
    vramGiB: 96,
    memoryBandwidthGBs: 400,
    boardPowerW: 80,
    price: msrp(4500, '2023', hf('apple-m2-max', 'Apple M2 Max: 32-96GB, 80W, $4.5k, 2023')),
    released: '2023',
    sources: [
      web(
        'https://blog.patti.tech/2023/06/05/as-rumored-the-mac-studio-gets-an-m2-refresh-including-fused-together-m2-ultra',
        'M2 Max: up to 96 GB unified memory, 400 GB/s',
      ),
      hf('apple-m2-max', 'Apple M2 Max: 32-96GB, 80W'),
    ],
  },
  {
    ...base,
    id: 'm3-pro',
    name: 'Apple M3 Pro',
    arch: 'Apple M3',
    aliases: ['Apple M3 Pro', 'M3 Pro'],
    // bandwidth derived: 25% less than the M1/M2 Pro's 200 GB/s (doubtful: derived, not stated).
    vramGiB: 36,
    memoryBandwidthGBs: 150,
    boardPowerW: 40,
    price: msrp(2400, '2023', hf('apple-m3-pro', 'Apple M3 Pro: 18-36GB, 40W, $2.4k, 2023')),
    released: '2023',
    sources: [
      web(
        'https://forums.macrumors.com/ (thread "M3 Pro has 25% less memory bandwidth than M1/M2 Pro")',
        'M3 Pro memory bandwidth is 25% below the M1/M2 Pro (200 GB/s), i.e. 150 GB/s',
      ),
      hf('apple-m3-pro', 'Apple M3 Pro: 18-36GB, 40W'),
    ],
  },
  {
    ...base,
    id: 'm3-max',
    name: 'Apple M3 Max',
    arch: 'Apple M3',
    aliases: ['Apple M3 Max', 'M3 Max'],
    // 400 GB/s is the 40-core-GPU bin; the 30-core bin has less.
    vramGiB: 128,
    memoryBandwidthGBs: 400,
    boardPowerW: 90,
    price: msrp(5000, '2023', hf('apple-m3-max', 'Apple M3 Max: 36-128GB, 90W, $5.0k, 2023')),
    released: '2023',
    sources: [
      web('https://www.macmegasite.com/ (M3 Max article)', 'M3 Max: 400 GB/s memory bandwidth'),
      hf('apple-m3-max', 'Apple M3 Max: 36-128GB, 90W'),
    ],
  },
  {
    ...base,
    id: 'm1-ultra',
    name: 'Apple M1 Ultra',
    arch: 'Apple M1',
    aliases: ['Apple M1 Ultra', 'M1 Ultra'],
    vramGiB: 128,
    memoryBandwidthGBs: 800,
    // Whole Mac Studio at the wall, maximum (Apple's figure); there is no separate GPU power.
    boardPowerW: 215,
    price: null,
    released: '2022',
    sources: [
      web(
        'https://www.notebookcheck.net/Apple-M1-Ultra-revealed-with-UltraFusion-architecture-a-20-core-CPU-and-up-to-a-64-core-GPU.607117.0.html',
        'M1 Ultra: up to a 64-core GPU, 800 GB/s of memory bandwidth, 128 GB of unified memory',
      ),
      web(
        'https://support.apple.com/en-my/102027',
        'Mac Studio M1 Ultra 20-Core CPU & 48-Core GPU: power consumption max 215 W',
      ),
    ],
  },
  {
    ...base,
    id: 'm2-ultra',
    name: 'Apple M2 Ultra',
    arch: 'Apple M2',
    aliases: ['Apple M2 Ultra', 'M2 Ultra'],
    vramGiB: 192,
    memoryBandwidthGBs: 800,
    // Whole Mac Studio at the wall, maximum (Apple's figure); there is no separate GPU power.
    boardPowerW: 295,
    price: null,
    released: '2023',
    sources: [
      web(
        'https://beebom.com/apple-m2-ultra',
        'M2 Ultra: 60 or 76 GPU cores, unified memory up to 192GB, memory bandwidth 800GBps',
      ),
      web(
        'https://support.apple.com/en-my/102027',
        'Mac Studio M2 Ultra 24-Core CPU & 76-Core GPU, 192GB: power consumption max 295 W',
      ),
    ],
  },
  {
    ...base,
    id: 'm3-ultra',
    name: 'Apple M3 Ultra',
    arch: 'Apple M3',
    aliases: ['Apple M3 Ultra', 'M3 Ultra'],
    vramGiB: 512,
    memoryBandwidthGBs: 819,
    boardPowerW: 180,
    price: msrp(9500, '2025', hf('apple-m3-ultra', 'Apple M3 Ultra: 96-512GB, 180W, $9.5k, 2025')),
    released: '2025',
    sources: [
      web(
        'https://www.lilaclabs.ai/blog/2026/05/13/qwen-3-6-gemma-4-on-m3-ultra-mac-studio',
        'M3 Ultra Mac Studio: 512 GB unified memory, 819 GB/s',
      ),
      hf('apple-m3-ultra', 'Apple M3 Ultra: 96-512GB, 180W'),
    ],
  },
  {
    ...base,
    id: 'm4-pro',
    name: 'Apple M4 Pro',
    arch: 'Apple M4',
    aliases: ['Apple M4 Pro', 'M4 Pro'],
    vramGiB: 64,
    memoryBandwidthGBs: 273,
    boardPowerW: 45,
    price: msrp(2600, '2024', web(HF_TABLE, 'Apple M4 Pro row: 24-64GB, 45W, $2.6k, 2024')),
    released: '2024',
    sources: [GAMEBASTION, web(HF_TABLE, 'Apple M4 Pro row: 24-64GB, 45W')],
  },
  {
    ...base,
    id: 'm4-max',
    name: 'Apple M4 Max',
    arch: 'Apple M4',
    aliases: ['Apple M4 Max', 'M4 Max'],
    // 546 GB/s is the 40-core-GPU bin.
    vramGiB: 128,
    memoryBandwidthGBs: 546,
    boardPowerW: 100,
    price: msrp(5000, '2024', hf('apple-m4-max', 'Apple M4 Max: 36-128GB, 100W, $5.0k, 2024')),
    released: '2024',
    sources: [GAMEBASTION, hf('apple-m4-max', 'Apple M4 Max: 36-128GB, 100W')],
  },
];
