/**
 * Every number the rig checks judge by, each with where it comes from. Values marked ASSUMPTION are
 * stated to the user as assumptions in the check's reason; all others come from the source named.
 */

import { ENGINE } from '../thresholds';

/** Source references shown with the checks (`Check.sources`). */
export const SRC = {
  psuHeadroomGn:
    'https://www.gamersnexus.net/dictionary/6-psu/46-maximum-power-watts (PSUs most efficient at 60-80% load; rate the PSU ~20% above the system draw)',
  psuHeadroomToms:
    'https://www.tomshardware.com/reviews/geforce-radeon-power,2122-10.html (optimal constant load 65-85% of the PSU rating)',
  atx3Excursion:
    'https://hothardware.com/news/psu-manufs-can-skirt-atx-30-tolerance-testing (ATX 3.0 PSUs with 12VHPWR: 200% for 100 us, 180% 1 ms, 160% 10 ms, 120% 100 ms)',
  atx2NoTransientSpec:
    "https://www.slashgear.com/1902896/rtx-5090-how-much-power-can-pull-nvidia-geforce-gpu/ (ATX 2.51 had no transient-load specification; Igor's Lab: RTX 5090 738 W for up to 10 ms)",
  ampereSpike:
    'https://www.cclonline.com/article/2123/News/Power-Supplies/ATX-3-0-PSUs-Explained-Will-You-Need-One-/ (Gamers Nexus: RTX 3080 transient of 533 W, ~100 us, on a 320 W card)',
  pcieConnectors:
    'http://what-when-how.com/Tutorial/topic-1055jk35/Upgrading-and-Repairing-PCs-935.html (PCIe spec: 6-pin 75 W, 8-pin 150 W; x16 slot 75 W)',
  connector12vhpwr:
    'https://tomshardware.com/news/intel-atx-v3-psu-standard (12VHPWR can deliver up to 600 W)',
  twelvePinAdapter:
    'https://www.dsogaming.com/news/seasonic-psu-brand-confirms-12-pin-micro-fit-3-0-power-connector-for-nvidias-rtx-30-founders-edition-gpus/ (RTX 30 Founders Edition 12-pin fed from two 8-pin PCIe cables)',
  hedtCpuPower:
    'https://wccftech.com/review/amd-ryzen-threadripper-3970x-trx40-aorus-master-review/2 (Threadripper 3000 platform: chips up to 280 W TDP)',
  intelBudget:
    'https://www.tweaktown.com/news/85717/pcie-5-0-gpus-can-have-power-excursions-use-up-to-1800w-of/index.html (Intel example budget: 300 W GPU + 300 W CPU + 150 W rest of the system)',
  powerLimitSweep:
    'https://llmgarage.ai/power-limit-tokens-per-second-benchmark (llama.cpp on 6x RTX 3090, decode tok/s at 350/300/250/200/150/100 W: 72.6/72.1/70.7/68.3/62.6/12.1)',
  powerLimit3090:
    'https://jeanfbrito.github.io/posts/rtx-3090-power-limit-sweet-spot/ (RTX 3090 at 280 W: <1% slower decode; below 200 W performance collapses)',
  idleTemp:
    'https://mikescomputerinfo.com/articles/normal-cpu-gpu-temperatures-for-your-pc/ (GPU idle: <55 C ideal, 55-65 good, 65-80 risky, >80 danger)',
  coolerLayout:
    "https://www.computeatlas.ai/guides/multi-gpu-airflow-cooling-ai-workstations (adjacent open-air cards ingest each other's exhaust; blowers eject heat out of the case)",
  linkTraffic:
    'noonghunna/club-3090 PR #888 via shared/RUNTIMES.md (decode traffic: layer split ~7 MB/s, row/tensor ~1.4 GB/s)',
  bar: 'https://superuser.com/questions/1239231/what-is-above-4g-decoding (Above 4G decoding maps 64-bit PCIe BARs above 4 GB; enabled for many GPUs/compute cards)',
  rebar:
    'https://mundobytes.com/en/above-4g-decoding-and-resizable-bar-what-are-they (Resizable BAR requires Above 4G Decoding)',
  vllmCc:
    'https://docs.vllm.ai/en/v0.14.0/getting_started/installation/gpu/ (GPU: compute capability 7.0 or higher)',
  fa2: 'https://github.com/Dao-AILab/flash-attention README (FlashAttention-2 with CUDA supports Ampere, Ada, or Hopper GPUs; Turing: separate repo)',
  mig: 'https://docs.nvidia.com/datacenter/tesla/mig-user-guide/ (MIG partitions a GPU into instances with a fixed share of memory and compute)',
  llamaP2p:
    'ggml-org/llama.cpp PR #21910 via shared/RUNTIMES.md (P2P off by default; GGML_CUDA_P2P=1 opts in)',
} as const;

export const CHECK = {
  /** Sustained load at most 80% of the PSU rating (Gamers Nexus ~20% headroom; Tom's 65-85% optimum). */
  psuSustainedMaxFraction: 0.8,
  /** ATX 3.x PSUs (12VHPWR fitted) ride out 160% of rating for 10 ms (the tier the catalog's 10 ms peaks fall in). */
  atx3ExcursionFactor: 1.6,
  /** ATX 2.x has no transient specification: we hold peaks to 100% of rating (slashgear on ATX 2.51). */
  atx2ExcursionFactor: 1.0,
  /** RTX 30 (Ampere GeForce) transient over its board power: 533 W / 320 W measured on an RTX 3080 (Gamers Nexus). */
  ampereGeforceTransientFactor: 533 / 320,
  /** PCIe CEM: 8-pin 150 W, 6-pin 75 W, x16 slot 75 W. */
  pcie8PinW: 150,
  pcie6PinW: 75,
  slotW: 75,
  /** 12VHPWR / 12V-2x6 cable: up to 600 W (ATX 3.0). */
  connector12vhpwrW: 600,
  /** RTX 30 Founders Edition 12-pin: NVIDIA's adapter takes two 8-pin PCIe cables. */
  twelvePinCables: 2,
  /** ASSUMPTION: a desktop CPU under an LLM load (GPU-bound; turbo bursts above it); HEDT/server: 280 W TDP class. */
  cpuDesktopW: 150,
  cpuHedtW: 280,
  /** ASSUMPTION: board, RAM, drives and fans; Intel's ATX 3.0 example budgets 150 W for this, an upper bound. */
  restOfSystemW: 75,
  /** Round PSU recommendations up to this step, W (PSUs are sold in 50 W steps). */
  psuStepW: 50,
  /**
   * Decode tokens/s lost at a power limit, as fraction of the default limit → loss (llmgarage sweep on
   * RTX 3090: 300/250/200/150/100 W of 350 W). An estimate for other cards.
   */
  powerLimitLoss: [
    [1, 0],
    [300 / 350, 0.007],
    [250 / 350, 0.026],
    [200 / 350, 0.059],
    [150 / 350, 0.138],
    [100 / 350, 0.833],
  ] as readonly (readonly [number, number])[],
  /** Below ~57% of default (200 W on a 350 W 3090) decode collapses (jeanfbrito sweep); never suggest less. */
  powerLimitFloorFraction: 200 / 350,
  /** GPU temperature above which an idle card is "risky" (mikescomputerinfo chart), °C. */
  idleTempWarnC: 65,
  /** Decode traffic between GPUs (club-3090 PR #888): layer split ~7 MB/s; row/tensor parallel ~1.4 GB/s. */
  layerSplitTrafficMBs: 7,
  tensorParallelTrafficGBs: 1.4,
  /** A link of at most this many lanes is "narrow" for tensor parallel (x4, typical of chipset slots). */
  narrowLinkLanes: 4,
  /** Host memory a plan may use, share of RAM — the planner's own figure (ENGINE.hostRamFraction). */
  hostRamFraction: ENGINE.hostRamFraction,
  /** vLLM: compute capability 7.0 or higher (vLLM installation docs). */
  vllmMinCc: 7.0,
  /** FlashAttention-2: Ampere (8.0/8.6), Ada (8.9), Hopper (9.0) — flash-attention README. */
  fa2MinCc: 8.0,
  fa2MaxCc: 9.0,
} as const;
