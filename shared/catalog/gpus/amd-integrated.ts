/**
 * AMD integrated GPUs that share the system's memory: the Ryzen AI Max ("Strix Halo") Radeon 8060S and 8050S.
 * Modelled like the DGX Spark's GB10: `cooler: 'integrated'` on a non-Apple vendor tells the engine the GPU uses
 * system memory (`vramGiB` is the largest memory option of the platform; the GPU gets the part the BIOS / driver
 * assigns). There is no board: no slot, length or PCIe link of its own, and no power connector (an IGP).
 *
 * `fp16Tflops` is null: the 29.7 TFLOPS the Hugging Face and TechPowerUp tables give for the 8060S is the shader
 * (vector) FP16 rate, not the dense matrix figure the field holds, and no source read gives that one.
 * Both GPUs carry PCI id 1586; `matchDetectedGpu` picks between them by the printed name.
 */
import type { GpuSpec } from '../types';
import { hf, hfJsAmd, msrp, pciIds, tpu, web } from './sources';

const STRIX_HALO = web(
  'https://www.svethardware.cz/amd-predstavuje-ryzen-ai-max-strix-halo-s-az-16-jadry-a-gpu-se-40-cu/61477',
  'AMD Ryzen AI Max (Strix Halo) launch: Ryzen AI Max+ 395 with the Radeon 8060S, RDNA 3.5, 40 CU at 2900 MHz; default TDP 55 W, configurable 45 to 120 W; LPDDR5x-8000 on a 256-bit interface, memory bandwidth 256 GB/s. Ryzen AI Max 390: 12 cores, its GPU has 32 CU and is named Radeon 8050S',
);
const FRAMEWORK = web(
  'https://techpowerup.com/334069/framework-dives-deep-into-desktop-models-deployment-of-ryzen-ai-max',
  'Framework (2025-03-13): Ryzen AI Max has a 256-bit LPDDR5x memory bus supporting up to 128 GB of memory; 40 RDNA 3.5 CUs in the Radeon 8060S configuration',
);
const PUREPC = web(
  'https://www.purepc.pl/amd-ryzen-ai-max-395-ryzen-ai-max-390-ryzen-ai-max-385-ryzen-ai-max-pro-380-oficjalna-zapowiedz-procesorow-strix-halo',
  '2025-01, AMD announcement: 7 Strix Halo processors, the PRO versions share the specification of the others: Ryzen AI Max+ (PRO) 395, Ryzen AI Max (PRO) 390, Ryzen AI Max (PRO) 385, Ryzen AI Max PRO 380',
);
const GFX1151 = web(
  'https://packages.gentoo.org/useflags/amdgpu_targets_gfx1151',
  'amdgpu_targets_gfx1151: RDNA 3.5 APU (Strix Halo), including Radeon 8060S',
);
const PCI_1586 = pciIds('1586 Strix Halo [Radeon Graphics / Radeon 8050S Graphics / Radeon 8060S Graphics]');

const base = {
  vendor: 'amd',
  segment: 'consumer',
  arch: 'RDNA 3.5',
  computeCapability: 'gfx1151',
  fp16Tflops: null,
  transientPeakW: null,
  powerConnectors: [{ type: 'none', count: 0 }],
  slotWidth: null,
  lengthMm: null,
  cooler: 'integrated',
  pcieGen: null,
  pcieLanes: null,
  nvlink: 'none',
  nvlinkGBs: null,
  p2pOverPcie: null,
  pciDeviceIds: ['0x1586'],
} as const satisfies Partial<GpuSpec>;

export const AMD_INTEGRATED: readonly GpuSpec[] = [
  {
    ...base,
    id: 'radeon-8060s',
    name: 'Radeon 8060S Graphics',
    aliases: [
      'AMD Radeon 8060S Graphics',
      'AMD Radeon 8060S LPDDR5X-8000',
      'Radeon 8060S',
      '8060S',
      'Ryzen AI Max+ 395',
      'AMD Ryzen AI Max+ 395',
      'Ryzen AI Max+ PRO 395',
      'AMD RYZEN AI MAX+ 395 w/ Radeon 8060S',
    ],
    // boardPowerW: Hugging Face's 120 W, the top of AMD's configurable 45–120 W (the default TDP is 55 W).
    vramGiB: 128,
    memoryBandwidthGBs: 256,
    boardPowerW: 120,
    // Hugging Face's price for a machine with the chip, as for the Apple entries.
    price: msrp(
      1500,
      '2025',
      hfJsAmd(
        '"Ryzen AI Max+ 395": memory [64, 96, 128], gfxVersion gfx1151, msrp $1,500, power 120, releaseYear 2025, aliases ["Strix Halo"]',
      ),
    ),
    released: '2025-01-06',
    sources: [
      STRIX_HALO,
      FRAMEWORK,
      tpu(
        'radeon-8060s.c4270',
        'Radeon 8060S: Strix Halo, RDNA 3.5, 2560 shaders, system shared memory, TDP 55 W, IGP, released 2025-01-06',
      ),
      hfJsAmd('"Ryzen AI Max+ 395": memory [64, 96, 128], gfxVersion gfx1151, power 120'),
      hf('ryzen-ai-max-395', 'Ryzen AI Max+ 395: 128GB, 29.7 TFLOPS, 120W, $1.5k, 2025'),
      PUREPC,
      GFX1151,
      PCI_1586,
    ],
  },
  {
    ...base,
    id: 'radeon-8050s',
    name: 'Radeon 8050S Graphics',
    aliases: [
      'AMD Radeon 8050S Graphics',
      'Radeon 8050S',
      '8050S',
      'Ryzen AI Max 390',
      'AMD Ryzen AI Max 390',
      'Ryzen AI Max PRO 390',
      'Ryzen AI Max 385',
      'AMD Ryzen AI Max 385',
      'Ryzen AI Max PRO 385',
    ],
    // The 32-CU bin of the Ryzen AI Max 390 and 385. Memory bus and the 128 GB ceiling are stated for the Ryzen AI
    // Max platform, not per model (doubtful for these bins). The 390 was reported with the 8060S before launch; the
    // launch coverage gives it the 8050S. boardPowerW: the 55 W default TDP (no configurable range read for these).
    vramGiB: 128,
    memoryBandwidthGBs: 256,
    boardPowerW: 55,
    price: null,
    released: '2025-01-06',
    sources: [
      STRIX_HALO,
      FRAMEWORK,
      tpu(
        'radeon-8050s.c4271',
        'Radeon 8050S: Strix Halo, RDNA 3.5, 2048 shaders, system shared memory, TDP 55 W, IGP, released 2025-01-06',
      ),
      web(
        'https://topcpu.net/it/news/amds-most-powerful-integrated-gpu-with-40-units-gets-a-name-radeon-8060s-8050s-vs-mobile-rtx-4070-showdown',
        'pre-launch report: Ryzen AI MAX 385, 8 cores / 16 threads, 32-unit GPU named Radeon 8050S (it lists the 390 with the 40-unit 8060S)',
      ),
      PUREPC,
      GFX1151,
      PCI_1586,
    ],
  },
];
