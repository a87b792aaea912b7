/**
 * The inputs a user can give, by id. The engine names them where a fix, an assumption or a
 * suggestion needs one ("enter the RAM size"); each front end words the id its own way — the CLI as
 * its flag (electron/cli/input-words.ts), the app as the field and the step it is on
 * (renderer/src/components/input-words.ts). No flag or field names live in the engine.
 */
export const USER_INPUTS = [
  /** Which catalog card a GPU is (a capture that did not name it). */
  'gpuModel',
  /** A card the catalog lacks, described by its memory, bandwidth and board power. */
  'gpuSpec',
  /** System RAM size, GiB. */
  'ramGiB',
  /** System RAM bandwidth, GB/s. */
  'ramGBs',
  /** The link between the cards (NVLink bridge, or every card's PCIe link). */
  'link',
  /** Where one card sits: CPU or chipset, PCIe generation and width. */
  'slot',
  /** A card's power limit, W. */
  'powerLimit',
  /** PSU rating, W. */
  'psuWatts',
  /** The PSU's separate 8-pin PCIe cables. */
  'psuPcie8',
  /** The PSU's native 12VHPWR / 12V-2x6 cables. */
  'psu12vhpwr',
  /** Whether the PSU is ATX 3.x (rides out short peaks). */
  'psuAtx3',
  /** Expansion slots the case offers. */
  'caseSlots',
  /** The model's quantization. */
  'quant',
  /** Context per request, tokens. */
  'ctx',
  /** The runtime to plan for. */
  'runtime',
  /** The split to plan for. */
  'split',
  /** The strategy the checks, commands and checklist follow. */
  'strategy',
  /** Requests served at once. */
  'concurrency',
  /** llama.cpp KV cache type (K and V). */
  'cacheType',
  /** llama.cpp `--tensor-split` shares. */
  'tensorSplit',
  /** Other machines of a cluster, and the network between them. */
  'nodes',
  'network',
] as const;

export type UserInput = (typeof USER_INPUTS)[number];
