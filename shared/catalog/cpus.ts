/**
 * CPU platform families: PCIe lanes from the CPU, memory channels and speed (for offload bandwidth).
 * `match` is tested case-insensitively against the model string the OS reports
 * ("AMD Ryzen 9 7950X 16-Core Processor", "Intel(R) Core(TM) i9-14900K", "Apple M2 Max").
 *
 * Families whose figures could not be sourced are left out (findCpuFamily returns null for them):
 * Threadripper 3000/7000 (non-PRO), Threadripper PRO 7000WX/9000WX, Xeon Scalable 1st–3rd gen
 * (Skylake/Cascade Lake/Ice Lake), Xeon E5, Core X (Skylake-X), Ryzen APUs (5x00G, 8x00G), laptops.
 */
import type { CpuFamilySpec, Source } from './types';

const web = (ref: string, says: string): Source => ({ ref, says });

const CORSAIR_Z890 = web(
  'https://www.corsair.com/us/en/explorer/diy-builder/motherboards/z790-vs-z890/',
  'Z790 (Core 12th-14th gen): 16 PCIe 5.0 + 4 PCIe 4.0 lanes from the CPU (20 in total), DMI 4.0 x8, DDR5-5600; Z890 (Core Ultra 200S): 20 PCIe 5.0 + 4 PCIe 4.0 CPU lanes (24 in total), DMI 4.0 x8, DDR5-5600 in the table',
);

export const CPU_CATALOG: readonly CpuFamilySpec[] = [
  {
    id: 'amd-ryzen-5000',
    name: 'AMD Ryzen 5000 (AM4, Zen 3)',
    vendor: 'amd',
    match: String.raw`\bRyzen [3579] 5\d{2}[05](X3D|XT|X)?(?=\s|$)`,
    cpuPcieLanes: 20,
    pcieGen: 4,
    memoryChannels: 2,
    maxMemoryMTs: 3200,
    memoryType: 'DDR4',
    chipsetLinkLanes: 4,
    sources: [
      web(
        'https://techdim.com/ (AM4 PCIe lanes article)',
        'Ryzen on AM4: 24 PCIe lanes in total, 20 usable (16 for graphics + 4 for NVMe), 4 to the chipset',
      ),
      web(
        'https://www.sweclockers.com/nyhet/33442',
        'Ryzen 5000: two (2) DDR4 memory channels and 20 PCIe 4.0 lanes directly from the processor',
      ),
      web(
        'https://www.thefpsreview.com/ (2019-05-24 Ryzen 3000 article)',
        'AM4 Ryzen 3000: DDR4-3200 official memory support',
      ),
      web(
        'https://pcguide101.com/ (AM4 chipset lanes)',
        'the chipset is linked to the CPU over 4 PCIe lanes',
      ),
    ],
    note: 'DDR4-3200 is sourced for Ryzen 3000 on the same AM4 socket; APUs (5600G/5700G) have fewer, Gen3 lanes and are not matched.',
  },
  {
    id: 'amd-ryzen-7000-9000',
    name: 'AMD Ryzen 7000 / 9000 (AM5)',
    vendor: 'amd',
    match: String.raw`\bRyzen [3579] [79]\d{2}0(X3D|X)?(?=\s|$)`,
    cpuPcieLanes: 24,
    pcieGen: 5,
    memoryChannels: 2,
    maxMemoryMTs: 5600,
    memoryType: 'DDR5',
    chipsetLinkLanes: 4,
    sources: [
      web('https://phonedataset.store/ (X870E article)', 'AM5: 24 direct PCIe 5.0 lanes from the CPU'),
      web(
        'https://gamezoom.net/ (AM5 platform article)',
        'Ryzen 7000: 28 PCIe Gen5 lanes, 4 of them to the chipset',
      ),
      web(
        'https://www.xda-developers.com/ (Core i9-14900K vs Ryzen 9 9900X)',
        'Ryzen 9 9900X: dual-channel (2 channels) DDR5-5600; i9-14900K: DDR5-5600',
      ),
      web('https://www.hardwaretimes.com/ (Ryzen 7000 specs)', 'Ryzen 7000: DDR5-5200'),
    ],
    note: 'Ryzen 7000 is rated DDR5-5200, Ryzen 9000 DDR5-5600; APUs (8x00G) are not matched.',
  },
  {
    id: 'amd-threadripper-pro-3000wx-5000wx',
    name: 'AMD Threadripper PRO 3000WX / 5000WX (sWRX8)',
    vendor: 'amd',
    match: String.raw`\bThreadripper PRO [35]9\d{2}WX\b`,
    cpuPcieLanes: 128,
    pcieGen: 4,
    memoryChannels: 8,
    maxMemoryMTs: 3200,
    memoryType: 'DDR4',
    chipsetLinkLanes: null,
    sources: [
      web(
        'https://www.exbulletin.com/tech/1065941/',
        'Threadripper PRO 5995WX: 8-channel DDR4-3200, 128 PCIe 4.0 lanes',
      ),
      web('https://www.heise.de/ (WRX80 article)', 'WRX80: 8 memory channels, 128 PCIe 4.0 lanes'),
      web(
        'https://csitquestions.com/ (Threadripper PRO 3000)',
        'Threadripper PRO 3000: 128 PCIe lanes, 8 memory channels',
      ),
    ],
    unsourcedFields: ['chipsetLinkLanes'],
    note: 'How many of the 128 lanes WRX80 boards spend on the chipset link is not sourced.',
  },
  {
    id: 'amd-epyc-7002-7003',
    name: 'AMD EPYC 7002 / 7003 (Rome / Milan, SP3)',
    vendor: 'amd',
    match: String.raw`\bEPYC 7[0-9A-Z]{2}[23]P?(?=\s|$)`,
    cpuPcieLanes: 128,
    pcieGen: 4,
    memoryChannels: 8,
    maxMemoryMTs: 3200,
    memoryType: 'DDR4',
    chipsetLinkLanes: null,
    sources: [
      web(
        'https://www.anandtech.com/show/14694/amd-rome-epyc-2nd-gen/3',
        'EPYC 7002 (Rome): 128 PCIe 4.0 lanes per socket, 8 DDR4 channels',
      ),
      web(
        'https://imageekhub.com/ (EPYC Milan)',
        'EPYC 7003 (Milan): 8 channels DDR4-3200, 128 PCIe 4.0 lanes',
      ),
      web('https://www.tomshardware.fr/ (EPYC Rome/Milan)', 'Rome and Milan: 8 channels DDR4-3200'),
    ],
    note: 'Single socket; no chipset (SoC). Dual-socket boards expose 128-160 lanes in total.',
  },
  {
    id: 'amd-epyc-9004',
    name: 'AMD EPYC 9004 (Genoa / Bergamo, SP5)',
    vendor: 'amd',
    match: String.raw`\bEPYC 9[0-9]{2}4[PFX]?(?=\s|$)`,
    cpuPcieLanes: 128,
    pcieGen: 5,
    memoryChannels: 12,
    maxMemoryMTs: 4800,
    memoryType: 'DDR5',
    chipsetLinkLanes: null,
    sources: [
      web(
        'https://hothardware.com/news/zen5-epyc-turin-ddr5-leak',
        'SP5 natively provides 128 PCIe 5.0 lanes; Genoa officially supports DDR5-4800',
      ),
      web('https://tech2sports.com/ (EPYC Genoa)', 'EPYC 9004: 12 DDR5 channels up to 4800'),
    ],
    note: 'Single socket; no chipset (SoC).',
  },
  {
    id: 'amd-epyc-9005',
    name: 'AMD EPYC 9005 (Turin, SP5)',
    vendor: 'amd',
    match: String.raw`\bEPYC 9[0-9]{2}5[PF]?(?=\s|$)`,
    cpuPcieLanes: 128,
    pcieGen: 5,
    memoryChannels: 12,
    maxMemoryMTs: 6000,
    memoryType: 'DDR5',
    chipsetLinkLanes: null,
    sources: [
      web(
        'https://hothardware.com/news/zen5-epyc-turin-ddr5-leak',
        'pre-launch leak: Turin on SP5 with 128 PCIe 5.0 lanes, 12 channels, DDR5-6000',
      ),
      web('https://airvers.com/ (EPYC Turin)', 'EPYC 9005 expected: 12 channels, DDR5-6000'),
    ],
    note: 'Figures are from pre-launch reports (doubtful); single socket, no chipset.',
  },
  {
    id: 'intel-core-12-14',
    name: 'Intel Core 12th-14th gen (LGA1700)',
    vendor: 'intel',
    match: String.raw`\bCore\(TM\) i[3579]-1[234]\d{3}(K|KF|KS|F|T)?(?=\s|$)`,
    cpuPcieLanes: 20,
    pcieGen: 5,
    memoryChannels: 2,
    maxMemoryMTs: 5600,
    memoryType: 'DDR5',
    chipsetLinkLanes: 8,
    sources: [
      CORSAIR_Z890,
      web('https://www.xda-developers.com/ (Core i9-14900K vs Ryzen 9 9900X)', 'i9-14900K: DDR5-5600'),
    ],
    unsourcedFields: ['memoryChannels'],
    note: '16 of the 20 lanes are Gen5 (the x16 slot), 4 are Gen4 (M.2). 12th gen is rated DDR5-4800; DDR4 boards exist.',
  },
  {
    id: 'intel-core-ultra-200s',
    name: 'Intel Core Ultra 200S (Arrow Lake, LGA1851)',
    vendor: 'intel',
    match: String.raw`\bCore\(TM\) Ultra [579] 2\d{2}(K|KF|F|T)?(?=\s|$)`,
    cpuPcieLanes: 24,
    pcieGen: 5,
    memoryChannels: 2,
    maxMemoryMTs: 5600,
    memoryType: 'DDR5',
    chipsetLinkLanes: 8,
    sources: [CORSAIR_Z890],
    unsourcedFields: ['memoryChannels'],
    note: '20 of the 24 lanes are Gen5, 4 are Gen4. 5600 MT/s is the sourced table value; Intel rates higher (not sourced here).',
  },
  {
    id: 'intel-xeon-w-2400',
    name: 'Intel Xeon W-2400 (Sapphire Rapids, W790)',
    vendor: 'intel',
    match: String.raw`\bXeon\(R\) w[3579]-24\d{2}X?\b`,
    cpuPcieLanes: 64,
    pcieGen: 5,
    memoryChannels: 4,
    maxMemoryMTs: 4800,
    memoryType: 'DDR5',
    chipsetLinkLanes: null,
    sources: [
      web(
        'https://www.heise.de/news/Sapphire-Rapids-fuer-Workstations',
        'Xeon W-2400: 64 PCIe 5.0 lanes, 4 DDR5-4800 channels; W-3400: 112 lanes, 8 channels',
      ),
      web(
        'https://www.sweclockers.com/nyhet/35696',
        'Xeon W-2400: 64 PCIe 5.0 lanes, quad-channel DDR5-4800; W-3400: 112 lanes, eight channels',
      ),
    ],
    unsourcedFields: ['chipsetLinkLanes'],
  },
  {
    id: 'intel-xeon-w-3400',
    name: 'Intel Xeon W-3400 (Sapphire Rapids, W790)',
    vendor: 'intel',
    match: String.raw`\bXeon\(R\) w[3579]-34\d{2}X?\b`,
    cpuPcieLanes: 112,
    pcieGen: 5,
    memoryChannels: 8,
    maxMemoryMTs: 4800,
    memoryType: 'DDR5',
    chipsetLinkLanes: null,
    sources: [
      web(
        'https://www.heise.de/news/Sapphire-Rapids-fuer-Workstations',
        'Xeon W-3400: 112 PCIe 5.0 lanes, 8 DDR5-4800 channels',
      ),
      web(
        'https://www.sweclockers.com/nyhet/35696',
        'Xeon W-3400: 112 PCIe 5.0 lanes, eight-channel DDR5-4800',
      ),
    ],
    unsourcedFields: ['chipsetLinkLanes'],
  },
  {
    id: 'intel-xeon-scalable-4th',
    name: 'Intel Xeon Scalable 4th gen (Sapphire Rapids)',
    vendor: 'intel',
    match: String.raw`\bXeon\(R\) (Platinum|Gold|Silver|Bronze) [3-9]4\d{2}[A-Z+]*(?=\s|$)`,
    cpuPcieLanes: 80,
    pcieGen: 5,
    memoryChannels: 8,
    maxMemoryMTs: 4800,
    memoryType: 'DDR5',
    chipsetLinkLanes: null,
    sources: [
      web(
        'https://aijishu.com/a/1060000000375564',
        '4th gen Xeon Scalable: 80 PCIe 5.0 lanes, 8 DDR5-4800 channels per socket',
      ),
      web('https://www.sstc.co.jp/ (page 8)', 'Xeon Scalable (Sapphire Rapids): max 80 PCIe lanes'),
    ],
    unsourcedFields: ['chipsetLinkLanes'],
    note: 'Per socket. Bronze/Silver parts run memory slower than 4800 MT/s.',
  },
  {
    id: 'apple-silicon',
    name: 'Apple silicon (M1-M4)',
    vendor: 'apple',
    match: String.raw`^Apple M[1-4]( (Pro|Max|Ultra))?$`,
    cpuPcieLanes: 0,
    pcieGen: 0,
    memoryChannels: 0,
    maxMemoryMTs: 0,
    memoryType: 'unified LPDDR',
    chipsetLinkLanes: null,
    sources: [
      web(
        'https://gamebastion.com/n/apple-s-m4-max-is-the-first-non-ultra/474547',
        'Apple M-series: unified memory (M4 Max 546GB/s), shared by CPU and GPU',
      ),
    ],
    unsourcedFields: ['cpuPcieLanes', 'pcieGen', 'memoryChannels', 'maxMemoryMTs'],
    note: 'No PCIe slots for GPUs: the 0 values mean "not applicable". Memory bandwidth is per chip in the GPU catalog.',
  },
];

const COMPILED = CPU_CATALOG.map((family) => ({ family, re: new RegExp(family.match, 'i') }));

/** The platform family of a detected CPU model string, or null when it is not in the catalog. */
export function findCpuFamily(modelString: string): CpuFamilySpec | null {
  const model = modelString.trim().replace(/\s+/g, ' ');
  if (model === '') return null;
  return COMPILED.find((c) => c.re.test(model))?.family ?? null;
}
