/**
 * Apple silicon (unified memory). `vramGiB` is the largest memory option of the chip or GPU bin (the GPU
 * can use most, not all, of it); `memoryBandwidthGBs` is the bin's. There are no PCIe slots for GPUs and
 * no NVLink. `boardPowerW` is the power figure on the Hugging Face hardware page or table (a chip-level
 * estimate, not a measured wall draw; the same figure for every GPU bin of a chip) — the best sourced
 * number available; for M1/M2 Ultra it is Apple's maximum wall power of the Mac Studio. `price` is the HF
 * price for a machine with that chip, not for the chip.
 *
 * GPU-core bins: a bin has its own entry where its bandwidth or memory ceiling differs (M3 Max 30-core,
 * M4 Max 32-core); bins with the same memory system are aliases of one entry ("Apple M1 Pro (14-core
 * GPU)" resolves to m1-pro), since nothing the catalog models differs between them.
 *
 * `fp16Tflops`: types.ts calls it "dense FP16 tensor throughput". Apple GPUs through M4 have no separate tensor units,
 * so for Apple it is the GPU's shader FP16 rate (FMA = 2 FLOPs): GPU cores × 128 ALUs × 2 × clock. Apple GPUs run
 * FP16 at the FP32 rate: philipturner/metal-benchmarks lists 256 F16 and 256 F32 OPs (FMA) per core-cycle for M1,
 * and equal GOPS16 / GOPS32 for every M1 and M2 chip (FP16_RATE); hmc-tech's spec pages also list equal FP16 and
 * FP32 figures for the M-series GPUs. So Apple's "teraflops" (an FP32 figure) is also the FP16 figure. Where an
 * entry aliases several GPU-core bins, the figure is the largest bin's (like `vramGiB`), so a smaller bin is
 * overstated by the core ratio (e.g. M1 7-core vs 8-core).
 * M1/M2 figures are Apple's (or Turner's where Apple's was not found). M3 and M4 figures are computed from a GPU
 * clock measured on the chip with powermetrics or macmon (the top GPU P-state in powermetrics' residency list, or the
 * clock under full load): M3 1338 MHz, M3 Pro / Max / Ultra 1380 MHz, M4 1470 MHz, M4 Pro / Max 1578 MHz. Spec pages
 * disagree with some of these (M3 and M3 Max: 1398 MHz on hmc-tech, M3 Max 1600 MHz on radargit, M4 1600 MHz on
 * cputime); the measured clocks are used. hmc-tech's M4 figure (1470 MHz, 3.76 TFLOPS) agrees. The base M3 and M4
 * tables were read on MacBook Airs. A smaller bin with its own entry (M3 Max 30-core, M4 Max 32-core) uses its chip's
 * clock, measured on the 40-core bin.
 * M5 generation: each GPU core adds a Neural Accelerator, so the figure is the FP16 matrix rate, not the shader rate
 * (and M5's FP16 shader rate is not its FP32 rate): 1024 FLOPs per core per cycle, measured by Zakharko on the A19
 * GPU (same generation; he expects it to carry over to M5), × cores × measured GPU clock (M5 1578 MHz, M5 Max
 * 1620 MHz). It is an estimate, not a measured M5 matrix throughput. Left null: M5 Pro, for want of a measured GPU
 * clock.
 */
import type { GpuSpec } from '../types';
import { hf, HF_TABLE, hfJsOther, msrp, web } from './sources';

const GAMEBASTION = web(
  'https://gamebastion.com/n/apple-s-m4-max-is-the-first-non-ultra/474547',
  'M4 Pro 273GB/s, up to 64GB; M4 Max 546GB/s, up to 128GB; M1 Ultra up to 128GB, 800GB/s',
);
const KEVINWATSON = web(
  'kevinwatson/personal-computing-history-book 060-chapter-05.md',
  'M1 Pro: up to 32GB unified memory, 200GB/s; M1 Max: up to 64GB, 400GB/s',
);
const CHIPS_GIST = web(
  'https://gist.github.com/kellyshephard (chips_table.md)',
  'Chip / CPU / GPU / RAM / memory bandwidth: M1 (2020) 8-core, 7-core GPU, 8GB, 68.25 GB/s; M2 (2022) 8-core, 8-core GPU, 100 GB/s; M3 (2023) 8-core, 8-core GPU, 100 GB/s; M4 (2024) 10-core, 8-core GPU, 16GB, 120 GB/s',
);
/** llama.cpp's Apple Silicon table; its BW column was read through a secondary transcription, not the discussion. */
const LLAMA_4167 = web(
  'https://github.com/ggml-org/llama.cpp/discussions/4167',
  'Apple Silicon table, BW column (via a transcription): M1 8-core GPU 68; M2 10-core 100; M3 10-core 100; M3 Max 30-core GPU 300 GB/s, 40-core 400 GB/s; M4 10-core 120; M4 Pro 16-core and 20-core 273; M4 Max 32-core GPU 410 GB/s, 40-core 546 GB/s. The same transcription lists the MacBook Pro M3 Max 30-core GPU with 36 or 96 GB',
);
const GIGAZINE_M3_PRO = web(
  'https://gigazine.net/gsc_news/en/20231101-apple-m3-pro-memory-bandwidth',
  'M3 Pro in two models, 11 CPU/14 GPU cores and 12 CPU/18 GPU cores, both with 150GB/s memory bandwidth; M1 Pro and M2 Pro have 200GB/s',
);
const ITMEDIA_M4 = web(
  'https://huggingface.co/datasets/Yinxing/LLM_Dataset/blob/main/MacPro.txt',
  'copy of an ITmedia article on the Oct 2024 MacBook Pro: M4 (10-core CPU/10-core GPU) up to 32GB; M4 Pro 12-core CPU/16-core GPU and 14-core CPU/20-core GPU; M4 Max 14-core CPU/32-core GPU with 36GB only, 16-core CPU/40-core GPU up to 128GB',
);
/** Apple's 2026-03-03 M5 Pro / M5 Max announcement, as reported. */
const HOTHARDWARE_M5 = web(
  'https://hothardware.com/news/apple-unveils-macbook-pro-m5-pro-m5-max',
  '2026-03-03: M5 Pro up to a 20-core GPU, up to 64GB of unified memory, up to 307GB/s of memory bandwidth; M5 Max up to a 40-core GPU, up to 128GB of unified memory, up to 614GB/s',
);
const LOWYAT_M5 = web(
  'https://www.lowyat.net/2026/385170/apple-m5-pro-m5-max',
  "from Apple's press release: M5 Pro up to 20 GPU cores, up to 64GB unified memory, 307GB/s; M5 Max up to 40 GPU cores, up to 128GB, 614GB/s",
);
const MACMEGASITE_M4_MAX = web(
  'https://macmegasite.com/2024/10/30/m4-max-chip-has-16-core-cpu-40-core-gpu-and-35-increase-in-memory-bandwidth',
  'M4 Max in its highest configuration: 16-core CPU, 40-core GPU, 546 GB/s; M3 Max: 40-core GPU, 400 GB/s',
);
/** Philip Turner's Apple GPU microbenchmarks and spec table (GHz, cores, GOPS32 = FP32 GFLOPS, GOPS16 = FP16 GFLOPS). */
const TURNER = 'philipturner/metal-benchmarks README.md@dc2adc640a1588246f4471d415aa6873cb6e3499';
const metalBench = (says: string) => web(TURNER, says);
/** FP16 runs at the FP32 rate on Apple GPUs. */
const FP16_RATE = metalBench(
  'Operations per Second: per core-cycle, F16 OPs (FMA) 256 and F32 OPs (FMA) 256 for M1/A15 (Apple 7/8); the GPU table lists GOPS16 equal to GOPS32 for M1, M1 Pro, M1 Max, M1 Ultra, M2, M2 Pro and M2 Max',
);
/** Tecnoblog on Apple's M1 Pro / M1 Max launch (Oct 2021). */
const TECNOBLOG_M1_PRO_MAX = web(
  'https://techzone.top/apple-m1-pro-and-m1-max-are-up-to-4-times-faster-than-the-first-m1-computer-tecnoblog/',
  'M1 Pro GPU in its full version: 2,048 execution units, up to 5.2 teraflops; M1 Max: up to 32 GPU cores, 4,096 execution units, up to 10.4 teraflops',
);
/** M3 Max GPU clock: Turner reading an M3 Max owner's powermetrics logs, and the clock applegpuinfo then adopted. */
const APPLEGPUINFO_M3_MAX = web(
  'https://github.com/philipturner/applegpuinfo/issues/4',
  'M3 Max report (40-core GPU) with powermetrics logs (gpu_power.txt) attached; Philip Turner: "These clock speeds are news to me: ... GPU: 1.398 GHz -> 1.380 GHz". applegpuinfo commit 1ce1552 ("Add heuristics for M3 series", Sources/AppleGPUInfo/AppleGPUInfo.swift) sets the M3-generation GPU clock to 1.380e9 Hz',
);
/** M3 Pro GPU clock, measured (hoakley, cited by psutil) and in a real powermetrics capture (all-smi test data). */
const HOAKLEY_M3_PRO = web(
  'https://github.com/giampaolo/psutil/pull/2824',
  'references: Eclectic Light (hoakley), "Power modes and Apple silicon GPUs" (measured GPU fmax: M3 Pro 1380 MHz, M4 Pro 1578 MHz)',
);
const ALL_SMI_M3_PRO = web(
  'inureyes/all-smi src/device/powermetrics_parser.rs@7f18cc6c17faf4a09cf741cdcb32c5c6d885c99a',
  'test_parse_powermetrics_m3_pro_real_data ("actual M3 Pro powermetrics output"): GPU HW active residency over 338, 618, 796, 832, 924, 952, 1056, 1064, 1182, 1182, 1312, 1242 and 1380 MHz (P1-P13); the top GPU state is 1380 MHz',
);
/** M4 Pro / M4 Max clock (1578 MHz): hoakley's measured maximum on an M4 Pro. */
const HOAKLEY_M4_PRO = web(
  'https://macmegasite.com/?p=118175',
  'hoakley (Eclectic Light), "M4 Pro full on", 2025-01-22: Mac mini M4 Pro with a 20-core GPU; the test runs the GPU at its maximum frequency of 1,578 MHz (powermetrics)',
);
/** hmc-tech's spec page: M4 FP16 equal to FP32. */
const HMC_M4 = web(
  'https://hmc-tech.com/gpu/apple-10-core-m4-fl-vs-apple-8-core-m4-fl',
  '10-Core M4: 1280 shaders (128 per GPU core); FP16 3.76 TFLOPS, FP32 3.76 TFLOPS (equal rates)',
);
/** adurham/exo: a two-node cluster of Mac Studio M4 Max (40-core GPU, 128 GB), with a 32-core M4 Max laptop. */
const EXO_M4_MAX = 'adurham/exo @e1833008f99737f3727d556f2bd7346655fcc9a0';
/** The M5-generation FP16 matrix rate per GPU core (Neural Accelerators), measured on A19. */
const ZAKHARKO_NA = web(
  'https://tzakharko.github.io/apple-neural-accelerators-benchmark',
  'Taras Zakharko, "Investigating the GPU Neural Accelerators on Apple A19/M5": microbenchmarks on an iPhone 17 (A19, 5 GPU cores), results "should also translate to the new M5 series chips"; Matrix FP16 (accumulating into FP16/FP32) 7500 GFLOPS measured; estimated 1024 FLOPS per GPU core per cycle for FP16 matrix multiply-accumulate; estimated M5 Max (40 cores, ~1750 MHz) 70 TFLOPS',
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
    id: 'm1',
    name: 'Apple M1',
    arch: 'Apple M1',
    aliases: ['Apple M1', 'M1', 'Apple M1 (7-core GPU)', 'Apple M1 (8-core GPU)'],
    vramGiB: 16,
    memoryBandwidthGBs: 68.25,
    fp16Tflops: 2.6, // the 8-core GPU bin
    boardPowerW: 15,
    price: msrp(
      1250,
      '2020',
      hfJsOther(
        '"Apple M1": memory [8, 16], msrp $1,250 (Mac with the largest memory), power 15, releaseYear 2020',
      ),
    ),
    released: '2020',
    sources: [
      CHIPS_GIST,
      LLAMA_4167,
      hfJsOther('"Apple M1": memory [8, 16], power 15'),
      web(
        'https://www.macrumors.com/2020/11/10/apple-announces-m1-chip-for-the-mac/',
        'M1 (Apple announcement): GPU with up to eight cores and 2.6 teraflops of throughput',
      ),
      metalBench('M1: 1.278 GHz, 8 GPU cores, GOPS32 2617, GOPS16 2617'),
      FP16_RATE,
    ],
  },
  {
    ...base,
    id: 'm2',
    name: 'Apple M2',
    arch: 'Apple M2',
    aliases: ['Apple M2', 'M2', 'Apple M2 (8-core GPU)', 'Apple M2 (10-core GPU)'],
    vramGiB: 24,
    memoryBandwidthGBs: 100,
    fp16Tflops: 3.58, // the 10-core GPU bin
    boardPowerW: 20,
    price: msrp(
      1500,
      '2022',
      hfJsOther('"Apple M2": memory [8, 16, 24], msrp $1,500, power 20, releaseYear 2022'),
    ),
    released: '2022',
    sources: [
      CHIPS_GIST,
      LLAMA_4167,
      web(
        'kevinwatson/personal-computing-history-book 060-chapter-05.md',
        'M2: 100GB/s unified memory bandwidth, up to 24GB, up to 10-core GPU',
      ),
      hfJsOther('"Apple M2": memory [8, 16, 24], power 20'),
      metalBench(
        'M2: 1.398 GHz, 10 GPU cores, GOPS32 3579, GOPS16 3579 (10 cores × 128 ALUs × 2 FLOPs × 1.398 GHz = 3.58 TFLOPS)',
      ),
      FP16_RATE,
    ],
  },
  {
    ...base,
    id: 'm3',
    name: 'Apple M3',
    arch: 'Apple M3',
    aliases: ['Apple M3', 'M3', 'Apple M3 (8-core GPU)', 'Apple M3 (10-core GPU)'],
    vramGiB: 24,
    memoryBandwidthGBs: 100,
    // the 10-core GPU bin at the top GPU state powermetrics lists on two M3 MacBook Airs, 1338 MHz (hmc-tech's
    // 1398 MHz and applegpuinfo's hard-coded 1.38 GHz are not measurements of the base M3).
    fp16Tflops: 3.43,
    boardPowerW: 22,
    price: msrp(
      1500,
      '2023',
      hfJsOther('"Apple M3": memory [8, 16, 24], msrp $1,500, power 22, releaseYear 2023'),
    ),
    released: '2023',
    sources: [
      CHIPS_GIST,
      LLAMA_4167,
      hfJsOther('"Apple M3": memory [8, 16, 24], power 22'),
      web(
        'https://github.com/philipturner/applegpuinfo/issues/15',
        '15" MacBook Air M3 (Mac15,13), 10-core GPU: powermetrics GPU HW active residency over 338, 618, 796, 836, 928, 952, 1056, 1053, 1170, 1152, 1278, 1204 and 1338 MHz (13 states, top 1338 MHz); applegpuinfo prints 1.38 GHz, its hard-coded M3-generation clock. Computed: 10 cores × 128 ALUs × 2 FLOPs × 1.338 GHz = 3.43 TFLOPS',
      ),
      web(
        'GitHub file found through the public code index, repository not named there: a Python powermetrics energy sampler for TinyLlama / pythia-70m on MPS, with its raw output pasted',
        'raw powermetrics output from a Mac15,12 (MacBook Air 13" M3, P-cores up to 4056 MHz): GPU HW active residency over 338, 618, 796, 836, 928, 952, 1056, 1053, 1170, 1152, 1278, 1204 and 1338 MHz (13 states)',
      ),
    ],
  },
  {
    ...base,
    id: 'm4',
    name: 'Apple M4',
    arch: 'Apple M4',
    aliases: ['Apple M4', 'M4', 'Apple M4 (8-core GPU)', 'Apple M4 (10-core GPU)'],
    vramGiB: 32,
    memoryBandwidthGBs: 120,
    // the 10-core GPU bin at the top GPU state powermetrics lists on an M4 MacBook Air, 1470 MHz (cputime's 1600 MHz
    // is not a measurement); hmc-tech gives the same 1470 MHz and 3.76 TFLOPS.
    fp16Tflops: 3.76,
    boardPowerW: 22,
    price: msrp(
      1600,
      '2024',
      hfJsOther('"Apple M4": memory [16, 24, 32], msrp $1,600, power 22, releaseYear 2024'),
    ),
    released: '2024',
    sources: [
      CHIPS_GIST,
      LLAMA_4167,
      ITMEDIA_M4,
      hfJsOther('"Apple M4": memory [16, 24, 32], power 22'),
      web(
        'GitHub file found through the public code index, repository not named there: shell notes "print info about hardware / available local compute"',
        'system_profiler: Chipset Model Apple M4, Total Number of Cores 10; sudo powermetrics --samplers gpu_power on a Mac16,13 (MacBook Air 15" M4): GPU HW active residency over 338, 618, 796, 836, 928, 952, 1056, 1053, 1170, 1152, 1278, 1204, 1338, 1326 and 1470 MHz (15 states, top 1470 MHz). Computed: 10 cores × 128 ALUs × 2 FLOPs × 1.47 GHz = 3.76 TFLOPS',
      ),
      HMC_M4,
    ],
  },
  {
    ...base,
    id: 'm1-pro',
    name: 'Apple M1 Pro',
    arch: 'Apple M1',
    aliases: ['Apple M1 Pro', 'M1 Pro', 'Apple M1 Pro (14-core GPU)', 'Apple M1 Pro (16-core GPU)'],
    // identified in the HF table by its memory range and 5.2 TFLOPS (doubtful row match).
    vramGiB: 32,
    memoryBandwidthGBs: 200,
    fp16Tflops: 5.2, // the 16-core GPU bin
    boardPowerW: 30,
    price: msrp(2900, '2021', web(HF_TABLE, 'Apple M1 Pro row: 16-32GB, 5.2 TFLOPS, 30W, $2.9k, 2021')),
    released: '2021',
    sources: [
      KEVINWATSON,
      GIGAZINE_M3_PRO,
      web(HF_TABLE, 'Apple M1 Pro row: 16-32GB, 30W'),
      web(
        'https://stuff.co.za/?p=135995',
        'M1 Pro (Apple launch): 16 GPU cores, capable of up to 5.2 teraflops',
      ),
      TECNOBLOG_M1_PRO_MAX,
      metalBench('M1P: 1.296 GHz, 16 GPU cores, GOPS32 5308, GOPS16 5308'),
      FP16_RATE,
    ],
  },
  {
    ...base,
    id: 'm1-max',
    name: 'Apple M1 Max',
    arch: 'Apple M1',
    aliases: ['Apple M1 Max', 'M1 Max', 'Apple M1 Max (24-core GPU)', 'Apple M1 Max (32-core GPU)'],
    vramGiB: 64,
    memoryBandwidthGBs: 400,
    fp16Tflops: 10.4, // the 32-core GPU bin
    boardPowerW: 60,
    price: msrp(3900, '2021', hf('apple-m1-max', 'Apple M1 Max: 16-64GB, 60W, $3.9k, 2021')),
    released: '2021',
    sources: [
      KEVINWATSON,
      hf('apple-m1-max', 'Apple M1 Max: 16-64GB, 60W'),
      web(
        'https://www.italy24news.com/News/228490.html',
        'Apple reported that the M1 Max with its 32-core GPU reaches 10.4 teraflops, with 4096 execution units',
      ),
      TECNOBLOG_M1_PRO_MAX,
      metalBench('M1M: 1.296 GHz, 32 GPU cores, GOPS32 10617, GOPS16 10617'),
      FP16_RATE,
    ],
  },
  {
    ...base,
    id: 'm2-pro',
    name: 'Apple M2 Pro',
    arch: 'Apple M2',
    aliases: ['Apple M2 Pro', 'M2 Pro', 'Apple M2 Pro (16-core GPU)', 'Apple M2 Pro (19-core GPU)'],
    vramGiB: 32,
    memoryBandwidthGBs: 200,
    fp16Tflops: 6.8, // the 19-core GPU bin
    boardPowerW: 35,
    price: msrp(2800, '2023', hf('apple-m2-pro', 'Apple M2 Pro: 16-32GB, 35W, $2.8k, 2023')),
    released: '2023',
    sources: [
      web('https://goodcom.pages.dev/ (M2 Pro article)', 'M2 Pro: up to 32GB unified memory, 200GB/s'),
      hf('apple-m2-pro', 'Apple M2 Pro: 16-32GB, 35W'),
      metalBench('M2P: 1.398 GHz, 19 GPU cores, GOPS32 6800, GOPS16 6800 (6.8 TFLOPS)'),
      FP16_RATE,
    ],
  },
  {
    ...base,
    id: 'm2-max',
    name: 'Apple M2 Max',
    arch: 'Apple M2',
    aliases: ['Apple M2 Max', 'M2 Max', 'Apple M2 Max (30-core GPU)', 'Apple M2 Max (38-core GPU)'],
    vramGiB: 96,
    memoryBandwidthGBs: 400,
    fp16Tflops: 13.6, // the 38-core GPU bin
    boardPowerW: 80,
    price: msrp(4500, '2023', hf('apple-m2-max', 'Apple M2 Max: 32-96GB, 80W, $4.5k, 2023')),
    released: '2023',
    sources: [
      web(
        'https://blog.patti.tech/2023/06/05/as-rumored-the-mac-studio-gets-an-m2-refresh-including-fused-together-m2-ultra',
        'M2 Max: up to 96 GB unified memory, 400 GB/s',
      ),
      hf('apple-m2-max', 'Apple M2 Max: 32-96GB, 80W'),
      metalBench('M2M: 1.398 GHz, 38 GPU cores, GOPS32 13600, GOPS16 13600 (13.6 TFLOPS)'),
      web(
        'https://hmc-tech.com/gpu/apple-9-core-m3-fl-vs-apple-38-core-m2-max',
        '38-Core M2 Max: 4864 shaders, 1398MHz, FP16 13.6 TFLOPS, FP32 13.6 TFLOPS',
      ),
      FP16_RATE,
    ],
  },
  {
    ...base,
    id: 'm3-pro',
    name: 'Apple M3 Pro',
    arch: 'Apple M3',
    aliases: ['Apple M3 Pro', 'M3 Pro', 'Apple M3 Pro (14-core GPU)', 'Apple M3 Pro (18-core GPU)'],
    // 150 GB/s for both GPU bins (Gigazine quotes Apple's spec page).
    vramGiB: 36,
    memoryBandwidthGBs: 150,
    // the 18-core GPU bin at the measured maximum GPU clock, 1380 MHz.
    fp16Tflops: 6.36,
    boardPowerW: 40,
    price: msrp(2400, '2023', hf('apple-m3-pro', 'Apple M3 Pro: 18-36GB, 40W, $2.4k, 2023')),
    released: '2023',
    sources: [
      web(
        'https://forums.macrumors.com/ (thread "M3 Pro has 25% less memory bandwidth than M1/M2 Pro")',
        'M3 Pro memory bandwidth is 25% below the M1/M2 Pro (200 GB/s), i.e. 150 GB/s',
      ),
      GIGAZINE_M3_PRO,
      hf('apple-m3-pro', 'Apple M3 Pro: 18-36GB, 40W'),
      HOAKLEY_M3_PRO,
      ALL_SMI_M3_PRO,
      web(
        'computed from the measured M3 Pro GPU clock',
        '18 cores × 128 ALUs × 2 FLOPs × 1.38 GHz = 6.36 TFLOPS',
      ),
      FP16_RATE,
    ],
  },
  {
    ...base,
    id: 'm3-max',
    name: 'Apple M3 Max',
    arch: 'Apple M3',
    aliases: ['Apple M3 Max', 'M3 Max', 'Apple M3 Max (40-core GPU)'],
    // the 40-core-GPU bin; the 30-core bin (m3-max-30) has 300 GB/s and at most 96 GB.
    vramGiB: 128,
    memoryBandwidthGBs: 400,
    // at 1380 MHz, the clock in an M3 Max's powermetrics log (hmc-tech's 1398 and radargit's 1600 MHz are not
    // measurements); the M3 Pro and M3 Ultra were also measured at 1380 MHz.
    fp16Tflops: 14.13,
    boardPowerW: 90,
    price: msrp(5000, '2023', hf('apple-m3-max', 'Apple M3 Max: 36-128GB, 90W, $5.0k, 2023')),
    released: '2023',
    sources: [
      web('https://www.macmegasite.com/ (M3 Max article)', 'M3 Max: 400 GB/s memory bandwidth'),
      MACMEGASITE_M4_MAX,
      LLAMA_4167,
      hf('apple-m3-max', 'Apple M3 Max: 36-128GB, 90W'),
      APPLEGPUINFO_M3_MAX,
      web(
        'computed from the M3 Max GPU clock',
        '40 cores × 128 ALUs × 2 FLOPs × 1.38 GHz = 14.13 TFLOPS (applegpuinfo prints "GPU FLOPS: 14.131 TFLOPS" for a 40-core M3 Max at 1.38 GHz)',
      ),
      HOAKLEY_M3_PRO,
      FP16_RATE,
    ],
  },
  {
    ...base,
    id: 'm3-max-30',
    name: 'Apple M3 Max (30-core GPU)',
    arch: 'Apple M3',
    aliases: ['Apple M3 Max (30-core GPU)'],
    // the 14-core-CPU / 30-core-GPU bin: 300 GB/s and at most 96 GB (doubtful: read via a transcription of #4167).
    vramGiB: 96,
    memoryBandwidthGBs: 300,
    fp16Tflops: 10.6, // at the M3 Max's 1380 MHz, measured on the 40-core bin
    boardPowerW: 90,
    price: null,
    released: '2023',
    sources: [
      LLAMA_4167,
      hf('apple-m3-max', 'Apple M3 Max (all bins): 36-128GB, 90W'),
      APPLEGPUINFO_M3_MAX,
      web('computed from the M3 Max GPU clock', '30 cores × 128 ALUs × 2 FLOPs × 1.38 GHz = 10.6 TFLOPS'),
      FP16_RATE,
    ],
  },
  {
    ...base,
    id: 'm1-ultra',
    name: 'Apple M1 Ultra',
    arch: 'Apple M1',
    aliases: ['Apple M1 Ultra', 'M1 Ultra', 'Apple M1 Ultra (48-core GPU)', 'Apple M1 Ultra (64-core GPU)'],
    vramGiB: 128,
    memoryBandwidthGBs: 800,
    fp16Tflops: 21, // the 64-core GPU bin
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
      web(
        'https://techidence.com/apple-m1-ultra-the-most-powerful-apple-chip-stands-out-with-20-cpu-cores-and-64-gpu-cores/',
        'M1 Ultra as presented by Apple: 20 CPU cores, 64 cores for graphics, a power of 21 TFLOPS',
      ),
      metalBench('M1U: 1.296 GHz, 64 GPU cores, GOPS32 21233, GOPS16 21233'),
      FP16_RATE,
    ],
  },
  {
    ...base,
    id: 'm2-ultra',
    name: 'Apple M2 Ultra',
    arch: 'Apple M2',
    aliases: ['Apple M2 Ultra', 'M2 Ultra', 'Apple M2 Ultra (60-core GPU)', 'Apple M2 Ultra (76-core GPU)'],
    vramGiB: 192,
    memoryBandwidthGBs: 800,
    fp16Tflops: 27.2, // the 76-core GPU bin
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
      web(
        'https://www.apple.com/pl/mac-pro/ (read through a mirror of the page)',
        'Apple Mac Pro page (Polish): the M2 Ultra GPU with up to 76 cores reaches up to 27.2 teraflops ("do 27,2 teraflopa")',
      ),
      FP16_RATE,
    ],
  },
  {
    ...base,
    id: 'm3-ultra',
    name: 'Apple M3 Ultra',
    arch: 'Apple M3',
    aliases: ['Apple M3 Ultra', 'M3 Ultra', 'Apple M3 Ultra (60-core GPU)', 'Apple M3 Ultra (80-core GPU)'],
    vramGiB: 512,
    memoryBandwidthGBs: 819,
    // the 80-core GPU bin at 1380 MHz, the clock powermetrics showed at full GPU load on a 512 GB M3 Ultra.
    fp16Tflops: 28.26,
    boardPowerW: 180,
    price: msrp(9500, '2025', hf('apple-m3-ultra', 'Apple M3 Ultra: 96-512GB, 180W, $9.5k, 2025')),
    released: '2025',
    sources: [
      web(
        'https://www.lilaclabs.ai/blog/2026/05/13/qwen-3-6-gemma-4-on-m3-ultra-mac-studio',
        'M3 Ultra Mac Studio: 512 GB unified memory, 819 GB/s',
      ),
      hf('apple-m3-ultra', 'Apple M3 Ultra: 96-512GB, 180W'),
      web(
        'GitHub file found through the public code index, repository not named there: "Cluster Monitor Research", captured from a live Mac Studio cluster on 2026-02-21',
        'powermetrics on a Mac15,14 (M3 Ultra, 512 GB): "GPU HW active frequency: 1380 MHz", "GPU HW active residency: 100.00% (338 MHz: 0% ... 1380 MHz: 100%)", GPU idle residency 0.00%',
      ),
      web(
        'computed from the measured M3 Ultra GPU clock',
        '80 cores × 128 ALUs × 2 FLOPs × 1.38 GHz = 28.26 TFLOPS',
      ),
      HOAKLEY_M3_PRO,
      FP16_RATE,
    ],
  },
  {
    ...base,
    id: 'm4-pro',
    name: 'Apple M4 Pro',
    arch: 'Apple M4',
    aliases: ['Apple M4 Pro', 'M4 Pro', 'Apple M4 Pro (16-core GPU)', 'Apple M4 Pro (20-core GPU)'],
    vramGiB: 64,
    memoryBandwidthGBs: 273,
    // the 20-core GPU bin: computed from the measured maximum GPU clock (no vendor or TechPowerUp figure read).
    fp16Tflops: 8.08,
    boardPowerW: 45,
    price: msrp(2600, '2024', web(HF_TABLE, 'Apple M4 Pro row: 24-64GB, 45W, $2.6k, 2024')),
    released: '2024',
    sources: [
      GAMEBASTION,
      web(HF_TABLE, 'Apple M4 Pro row: 24-64GB, 45W'),
      web(
        'https://macmegasite.com/?p=118175',
        'hoakley (Eclectic Light), "M4 Pro full on", 2025-01-22: Mac mini M4 Pro with a 20-core GPU; the test runs the GPU at its maximum frequency of 1,578 MHz (powermetrics). Computed: 20 cores × 128 ALUs × 2 FLOPs × 1.578 GHz = 8.08 TFLOPS',
      ),
      HMC_M4,
    ],
  },
  {
    ...base,
    id: 'm4-max',
    name: 'Apple M4 Max',
    arch: 'Apple M4',
    aliases: ['Apple M4 Max', 'M4 Max', 'Apple M4 Max (40-core GPU)'],
    // the 40-core-GPU bin; the 32-core bin (m4-max-32) has 410 GB/s and 36 GB only.
    vramGiB: 128,
    memoryBandwidthGBs: 546,
    // at 1578 MHz, the M4 Pro / Max top GPU state (hoakley, M4 Pro); macmon read 1576 MHz on an M4 Max Mac Studio
    // at 99.6 % GPU use.
    fp16Tflops: 16.16,
    boardPowerW: 100,
    price: msrp(5000, '2024', hf('apple-m4-max', 'Apple M4 Max: 36-128GB, 100W, $5.0k, 2024')),
    released: '2024',
    sources: [
      GAMEBASTION,
      MACMEGASITE_M4_MAX,
      ITMEDIA_M4,
      hf('apple-m4-max', 'Apple M4 Max: 36-128GB, 100W'),
      web(
        `${EXO_M4_MAX} docs/minimax-rdma-moe-validation-2026-04-24.md`,
        'cluster of 2× M4 Max (40-GPU-core / 128GB); macmon snapshot from rank 0 during a prefill bench: gpu_usage 99.6 %, gpu_freq 1576 MHz, gpu_power 30.8 W',
      ),
      HOAKLEY_M4_PRO,
      web(
        'computed from the measured M4 Pro / Max GPU clock',
        '40 cores × 128 ALUs × 2 FLOPs × 1.578 GHz = 16.16 TFLOPS',
      ),
      HMC_M4,
    ],
  },
  {
    ...base,
    id: 'm4-max-32',
    name: 'Apple M4 Max (32-core GPU)',
    arch: 'Apple M4',
    aliases: ['Apple M4 Max (32-core GPU)'],
    // the 14-core-CPU / 32-core-GPU bin: 410 GB/s, sold with 36 GB only.
    vramGiB: 36,
    memoryBandwidthGBs: 410,
    // at the M4 Max's 1578 MHz; a dense FP16 GEMM measured 11.66 TFLOPS (90 %) on this bin.
    fp16Tflops: 12.93,
    boardPowerW: 100,
    price: null,
    released: '2024',
    sources: [
      LLAMA_4167,
      ITMEDIA_M4,
      hf('apple-m4-max', 'Apple M4 Max (all bins): 36-128GB, 100W'),
      HOAKLEY_M4_PRO,
      web(
        'computed from the measured M4 Pro / Max GPU clock',
        '32 cores × 128 ALUs × 2 FLOPs × 1.578 GHz = 12.93 TFLOPS',
      ),
      web(
        `${EXO_M4_MAX} docs/dsv4-attention-kernel-efficiency-2026-08-18.md`,
        'run on the laptop M4 Max (32-core GPU); session-measured hardware baselines: dense fp16 square GEMM peak 11.66 TFLOPS',
      ),
    ],
  },
  {
    ...base,
    id: 'm5',
    name: 'Apple M5',
    arch: 'Apple M5',
    aliases: ['Apple M5', 'M5', 'Apple M5 (10-core GPU)'],
    vramGiB: 32,
    memoryBandwidthGBs: 153,
    // FP16 matrix rate of the GPU Neural Accelerators, an estimate: 1024 FLOPs per core per cycle (measured on A19)
    // at the M5's measured 1578 MHz GPU clock.
    fp16Tflops: 16.16,
    boardPowerW: 25,
    price: msrp(
      2000,
      '2025',
      hfJsOther('"Apple M5": memory [16, 24, 32], msrp $2,000, power 25, releaseYear 2025'),
    ),
    released: '2025',
    sources: [
      web(
        'https://dig.watch/updates/apple-launches-m5-with-bigger-ai-gains',
        'M5: a Neural Accelerator in each of the 10 GPU cores, unified memory bandwidth 153 GB/s, unified memory up to 32 GB',
      ),
      web(
        'https://www.fonearena.com/blog/466700/apple-m5-specs-features.html',
        'Apple M5: 10-core CPU, 10-core GPU, 153GB/s unified memory bandwidth',
      ),
      hfJsOther('"Apple M5": memory [16, 24, 32], power 25'),
      web(
        "https://michaelstinkerings.org/apple-m5-gpu-roofline-analysis (with the author's r/hardware summary)",
        "MacBook Air 15-inch (2026), Apple M5, 10-core GPU: measured FP32 peak 3,760 GFLOPS at 94.4 % ALU utilisation, confirmed against the GPU's measured 1578 MHz clock (via powermetrics)",
      ),
      ZAKHARKO_NA,
      web(
        'computed from the measured M5 GPU clock and the A19 per-core matrix rate',
        '10 cores × 1024 FLOPs × 1.578 GHz = 16.16 TFLOPS FP16 matrix (Neural Accelerators)',
      ),
    ],
  },
  {
    ...base,
    id: 'm5-pro',
    name: 'Apple M5 Pro',
    arch: 'Apple M5',
    aliases: ['Apple M5 Pro', 'M5 Pro', 'Apple M5 Pro (20-core GPU)'],
    // the 20-core-GPU bin (the largest); no source read gives a smaller bin's bandwidth.
    vramGiB: 64,
    memoryBandwidthGBs: 307,
    boardPowerW: 50,
    price: msrp(
      2900,
      '2026',
      hfJsOther('"Apple M5 Pro": memory [24, 36, 48, 64], msrp $2,900, power 50, releaseYear 2026'),
    ),
    released: '2026',
    sources: [HOTHARDWARE_M5, LOWYAT_M5, hfJsOther('"Apple M5 Pro": memory [24, 36, 48, 64], power 50')],
  },
  {
    ...base,
    id: 'm5-max',
    name: 'Apple M5 Max',
    arch: 'Apple M5',
    aliases: ['Apple M5 Max', 'M5 Max', 'Apple M5 Max (40-core GPU)'],
    // the 40-core-GPU bin. The 32-core bin is not aliased: its bandwidth is unconfirmed (one page says "around
    // 460 GB/s", another 614 GB/s).
    vramGiB: 128,
    memoryBandwidthGBs: 614,
    // FP16 matrix rate of the GPU Neural Accelerators, an estimate: 1024 FLOPs per core per cycle (measured on A19)
    // at the M5 Max's 1620 MHz top GPU state.
    fp16Tflops: 66.36,
    boardPowerW: 110,
    price: msrp(
      5000,
      '2026',
      hfJsOther('"Apple M5 Max": memory [36, 48, 64, 128], msrp $5,000, power 110, releaseYear 2026'),
    ),
    released: '2026',
    sources: [
      HOTHARDWARE_M5,
      LOWYAT_M5,
      web(
        'https://gonewsdaily.com/apple-m5-pro-and-m5-max-are-official-new-fusion-architecture-and-super-cores/?amp=1',
        'the M5 Max can be configured with a 32-core GPU or a 40-core GPU',
      ),
      hfJsOther('"Apple M5 Max": memory [36, 48, 64, 128], power 110'),
      web(
        'https://github.com/vladkens/macmon/issues/47',
        'M5 Max ioreg dump: "voltage-states14" (the GPU DVFS table, little-endian frequency / voltage pairs) decodes to 338, 486, 636, 796, 888, 988, 1084, 1182, 1278, 1374, 1470, 1578 and 1620 MHz; top state 1620 MHz',
      ),
      web(
        'https://github.com/feedback-assistant/reports/issues/830',
        'FB23754032, M5 Max: healthy sustained GPU regime ~1.62 GHz / ~50 W; powermetrics reported 1620 MHz under the load',
      ),
      ZAKHARKO_NA,
      web(
        'computed from the M5 Max GPU clock and the A19 per-core matrix rate',
        '40 cores × 1024 FLOPs × 1.62 GHz = 66.36 TFLOPS FP16 matrix (Neural Accelerators)',
      ),
    ],
  },
];
