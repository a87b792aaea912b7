/**
 * Shared source references for the GPU catalog. Every `says` text quotes or paraphrases what the page
 * or file states; the catalog test checks that each number in a record appears in one of them.
 */
import type { GpuSpec, Source } from '../types';

/** The PCI ID repository file (pci-ids.ucw.cz), as mirrored in pciutils/pciids. */
export const PCI_IDS = 'pciutils/pciids pci.ids@006181e2c5d5b9a3b57d252aa5b3d827971d41a9';
export const pciIds = (says: string): Source => ({ ref: PCI_IDS, says });
/** A later snapshot of the same file (2026-08-22), for device ids added after the one above (Arc Pro B70). */
export const PCI_IDS_2026_08 = 'pciutils/pciids pci.ids@c1c12547d626ebf05fd0223144ad87fab5e95d06';
export const pciIds2026 = (says: string): Source => ({ ref: PCI_IDS_2026_08, says });

/** Hugging Face hardware pages: memory, power, launch price and year per device. */
export const hf = (slug: string, says: string): Source => ({
  ref: `https://huggingface.co/hardware/${slug}`,
  says,
});
export const HF_TABLE = 'https://huggingface.co/hardware?view=table';

/** NVIDIA's CUDA GPUs page (compute capability), and its legacy page for older cards. */
export const cuda = (says: string): Source => ({ ref: 'https://developer.nvidia.com/cuda-gpus', says });
export const cudaLegacy = (says: string): Source => ({
  ref: 'https://developer.nvidia.com/cuda-legacy-gpus',
  says,
});

/** Hugging Face's GPU table in huggingface.js (compute capability, memory, TFLOPS). */
export const HF_JS =
  'huggingface/huggingface.js packages/tasks/src/hardware-gpu-nvidia.ts@2ad47a384d1d53dbc840f7febeeeda86d534833c';
export const hfJs = (says: string): Source => ({ ref: HF_JS, says });

/** Markdown table of GeForce RTX 30/40/50 memory size, bus and bandwidth. */
export const cybird = (says: string): Source => ({
  ref: 'CYBIRD-D/How-to-Choose-your-LLM-Model-for-translation Nvidia_GPU_Specification.md@52379077acab0e1d450adb86345f9e705bb6cade',
  says,
});
/** TDP table of consumer cards. */
export const breno = (says: string): Source => ({
  ref: 'brenosabino/gpu-price-comparison src/data/gpuScores.ts@231ff5df96cd0fb4d14a008c36d654a314b7ee37',
  says,
});
export const stas = (says: string): Source => ({
  ref: 'stas00/ml-engineering compute/accelerator/README.md@b9e29720eebd4aa946fa9678975385efbc90a777',
  says,
});
export const winston = (says: string): Source => ({
  ref: 'winston-zhang-orz/gpu-specs specs.md@097f0fb34b7530bb7aa83535e5170a4c6701b5d7',
  says,
});
export const kpu = (says: string): Source => ({
  ref: 'stillwater-sc/kpu-sim docs/design/nvidia-gpu-products.md@67fc0e168084a270105d0a0eeaa62fd3ef148785',
  says,
});
/** NVIDIA datasheet transcriptions for RTX Ada / RTX PRO cards. */
export const atineo = (file: string, says: string): Source => ({
  ref: `atineoSE/coding-model-seeks-gpu pipeline/pipeline/sources/${file}@ff052946489e8bb55dce164802bdb7c01251fde6`,
  says,
});
export const web = (ref: string, says: string): Source => ({ ref, says });

/** Peer-to-peer over PCIe on GeForce. */
export const P2P_GEFORCE_30: Source = {
  ref: 'https://github.com/NVIDIA/nccl/issues/1127',
  says: 'RTX 3090 pair: CUDA reports the GPUs cannot access each other as peers (no P2P on GeForce)',
};
export const P2P_GEFORCE_40: Source = {
  ref: 'https://github.com/tinygrad/open-gpu-kernel-modules',
  says: 'README: NVIDIA open kernel modules fork "with P2P support added for 4090s" (the stock driver disables it)',
};
export const P2P_GEFORCE_50: Source = {
  ref: 'https://github.com/noonghunna/club-3090/issues/1229',
  says: 'RTX 5090 rig report: "GeForce P2P disabled by driver"',
};
/** NVIDIA publishes no list of which professional boards allow PCIe P2P; kept null for them. */
export const P2P_UNPUBLISHED: Source = {
  ref: 'https://forums.developer.nvidia.com/t/248378',
  says: 'NVIDIA forum: no published list of which GPUs support PCIe peer-to-peer; it depends on board, platform and driver',
};
export const NVLINK_P2P_DOCS = (says: string): Source => ({
  ref: 'https://docs.nvidia.com/ai-enterprise/release-8/8.1/infra-software/vgpu/features/p2p.html',
  says,
});

/** A dated price: launch MSRP (or typical price) as the source states it; used prices are not sourced. */
export function msrp(usd: number, asOf: string, source: Source): NonNullable<GpuSpec['price']> {
  return { newUsd: usd, usedUsd: null, asOf, source };
}

/** A real nvidia-smi capture in this repository (fixtures/captures/…): defaults the driver reports. */
export const capture = (file: string, says: string): Source => ({
  ref: `fixtures/captures/${file} (this repository)`,
  says,
});

/**
 * A newer snapshot of Hugging Face's hardware tables in huggingface.js: GB10, H800, GTX 10 / RTX 2060 cards, the AMD
 * gfx targets, Apple base chips and Arc B60 (memory options, power, price, release year, compute capability).
 */
export const HF_JS_2026 = (file: string): string =>
  `huggingface/huggingface.js packages/tasks/src/${file}@fe42e68017ffc76d09922ea8f9b38a6964345710`;
export const hfJsNvidia = (says: string): Source => ({ ref: HF_JS_2026('hardware-nvidia.ts'), says });
export const hfJsAmd = (says: string): Source => ({ ref: HF_JS_2026('hardware-amd.ts'), says });
export const hfJsOther = (says: string): Source => ({ ref: HF_JS_2026('hardware.ts'), says });

/**
 * A TechPowerUp GPU database page, read through a JSON transcription of the database (one record per page, with the
 * page URL). The transcription rounds values of 1 TB/s and more to three digits ("1.23 TB/s" becomes 1230).
 */
export const TPU_DUMP =
  'reox007/RightNow-GPU-Database data/<vendor>/all.json@dfb3c9a54b092ad78681abb5a044e146398092a2';
export const tpu = (slug: string, says: string): Source => ({
  ref: `https://www.techpowerup.com/gpu-specs/${slug}`,
  says: `${says} (TechPowerUp GPU database, read via ${TPU_DUMP})`,
});

/** A dated street price: a typical used or new price as the source states it, beside the launch price. */
export function street(
  usd: number,
  kind: 'used' | 'new',
  asOf: string,
  source: Source,
): NonNullable<GpuSpec['street']> {
  return { usd, kind, asOf, source };
}

/** Lowest new Newegg price of a non-OC partner card, collected monthly by the Silicon Value Index (2026-03-06). */
export const newegg2026 = (says: string): Source => ({
  ref: 'SiliconValueIndex/siliconvalueindex data/processed/new_prices.csv@2b6e8e1981ab232364956a5cb31791c02b7a238b',
  says: `Newegg, lowest new price of a non-OC model from a reputable AIB, last updated 2026-03-06: ${says}`,
});
/** Used-market prices of datacenter cards for local AI (GPUDojo, updated February 2026). */
export const GPUDOJO_2026_02: Source = {
  ref: 'https://gpudojo.pages.dev/articles/tesla-p100-16gb-ai-review.html',
  says: 'Last updated February 2026; price table: Tesla M40 $80, Tesla P40 $170, Tesla P100 16GB $60, RTX 3060 12GB $200, RTX 3090 $800',
};
