/**
 * Catalog record types. Every number carries a source: either per field (`sources`) or for the
 * whole record. A source is a URL or a repository path with commit, plus what it says.
 */

export interface Source {
  /** URL, or `owner/repo path@commit`. */
  readonly ref: string;
  /** What the source states, briefly (e.g. "Memory bandwidth 936 GB/s, TBP 350 W"). */
  readonly says?: string;
}

export type GpuVendorId = 'nvidia' | 'amd' | 'intel' | 'apple';
export type NvlinkSupport = 'none' | 'bridge' | 'sxm';
/** `12-pin`: the NVIDIA 12-pin Micro-Fit of the RTX 30 Founders Editions (predecessor of 12VHPWR). */
export type PowerConnector =
  '8-pin' | '6-pin' | '12-pin' | '12VHPWR' | '12V-2x6' | 'EPS-8' | 'none' | 'sxm' | 'oam';
export type Cooler = 'open-air' | 'blower' | 'passive' | 'liquid' | 'sxm' | 'integrated';

export interface GpuSpec {
  /** Stable id, lower case: `rtx-3090`, `a100-80gb-sxm`, `m2-ultra-76`. */
  readonly id: string;
  /** Display name as the vendor writes it: `GeForce RTX 3090`. */
  readonly name: string;
  /** Other names it is matched by (nvidia-smi names, short names): `NVIDIA GeForce RTX 3090`, `3090`. */
  readonly aliases: readonly string[];
  readonly vendor: GpuVendorId;
  readonly segment: 'consumer' | 'workstation' | 'datacenter' | 'apple';
  /** Architecture name (`Ampere`, `Ada Lovelace`, `RDNA 3`, `CDNA 3`, `Apple M2`). */
  readonly arch: string;
  /** CUDA compute capability (`8.6`), AMD gfx target (`gfx1100`), or null. */
  readonly computeCapability: string | null;
  /** Memory in GiB as marketed (24 for a 24 GB card); Apple: the largest unified memory option. */
  readonly vramGiB: number;
  /** Memory bandwidth, GB/s. */
  readonly memoryBandwidthGBs: number;
  /** Dense FP16 tensor throughput, TFLOPS (no sparsity), FP32-accumulate where the vendor splits them. */
  readonly fp16Tflops: number | null;
  /** Board power / TDP, W. */
  readonly boardPowerW: number;
  /** Typical short transient peak, W (e.g. RTX 3090 spikes well above its limit), or null when unmeasured. */
  readonly transientPeakW: number | null;
  readonly powerConnectors: readonly { readonly type: PowerConnector; readonly count: number }[];
  /** Slots the cooler occupies (2, 2.5, 3, 3.5); null for SXM/OAM/Apple. */
  readonly slotWidth: number | null;
  /** Card length, mm (reference/founders design); null for SXM/OAM/Apple. */
  readonly lengthMm: number | null;
  readonly cooler: Cooler;
  /** PCIe generation and lanes of the card's own interface; null for Apple. */
  readonly pcieGen: number | null;
  readonly pcieLanes: number | null;
  readonly nvlink: NvlinkSupport;
  /** NVLink bandwidth per GPU, GB/s both directions total; null without NVLink. */
  readonly nvlinkGBs: number | null;
  /** Whether the driver allows peer-to-peer over PCIe (GeForce 40-series: no). */
  readonly p2pOverPcie: boolean | null;
  /** PCI device ids (`0x2204`) for matching detected cards, lower case hex. */
  readonly pciDeviceIds: readonly string[];
  /** Typical price in USD, with the date it was seen; the user can override. */
  readonly price: {
    readonly newUsd: number | null;
    readonly usedUsd: number | null;
    readonly asOf: string;
    readonly source: Source;
  } | null;
  /**
   * What a buyer pays today, beside the launch price above: a typical street (new) or used price with
   * its date and source. `upgrade` and `compare` use it by default and say which they used.
   */
  readonly street?: {
    readonly usd: number;
    readonly kind: 'used' | 'new';
    readonly asOf: string;
    readonly source: Source;
  } | null;
  readonly released: string | null;
  /** Sources for the spec fields (memory, bandwidth, power, connectors, size, PCIe, NVLink, TFLOPS, ids). */
  readonly sources: readonly Source[];
  /**
   * Fields whose type allows no null but whose value no source confirms (e.g. `nvlink: 'none'` not
   * stated anywhere read, `powerConnectors: []` = unknown). Consumers should treat them as unknown.
   */
  readonly unsourcedFields?: readonly (keyof GpuSpec)[];
  /** A card the user described by its numbers (custom-gpu.ts), not a catalog entry. */
  readonly custom?: boolean;
}

export interface CpuFamilySpec {
  readonly id: string;
  readonly name: string;
  readonly vendor: 'amd' | 'intel' | 'apple';
  /** Regex (source text) matched against the detected model string. */
  readonly match: string;
  /** PCIe lanes from the CPU usable for slots/M.2 (excluding the chipset link). */
  readonly cpuPcieLanes: number;
  readonly pcieGen: number;
  /** Memory channels per socket and the highest supported speed, MT/s (for CPU-offload bandwidth). */
  readonly memoryChannels: number;
  readonly maxMemoryMTs: number;
  readonly memoryType: string;
  /** Lanes to the chipset (they share one link), or null for chipset-less platforms. */
  readonly chipsetLinkLanes: number | null;
  readonly sources: readonly Source[];
  /** Fields whose value no source confirms, or that do not apply (Apple: no PCIe slots); treat as unknown. */
  readonly unsourcedFields?: readonly (keyof CpuFamilySpec)[];
  /** Free-text caveat shown with the family (e.g. why lanes are 0). */
  readonly note?: string;
}

export interface ModelSpec {
  /** Lower-case id: `llama-3.1-70b`. */
  readonly id: string;
  readonly name: string;
  /** Usual Hugging Face repository. */
  readonly repo: string;
  /** GGUF/llama.cpp architecture name (`llama`, `qwen3moe`, `deepseek2`, `gemma3`, `gpt-oss`). */
  readonly arch: string;
  readonly layers: number;
  readonly hiddenSize: number;
  readonly attentionHeads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly vocabSize: number;
  readonly intermediateSize: number;
  /** Total parameters, billions. */
  readonly paramsB: number;
  /** Parameters read per token, billions (= total for dense models). */
  readonly activeParamsB: number;
  readonly experts: {
    readonly total: number;
    readonly active: number;
    readonly shared: number;
    readonly expertIntermediateSize: number;
    /** Leading layers that keep a dense MLP of `intermediateSize` instead of experts (DeepSeek `first_k_dense_replace`); 0 when absent. */
    readonly denseLayers?: number;
  } | null;
  readonly maxContext: number;
  /**
   * Hybrid models (Qwen3-Next / Qwen3.5 Gated DeltaNet, Jamba / Nemotron-H Mamba, …): how many layers keep
   * a KV cache that grows with the context; the others keep a fixed recurrent state. Absent = every layer.
   */
  readonly fullAttentionLayers?: number;
  /** The fixed recurrent state of the other layers per sequence, bytes, when known (llama.cpp keeps it in f32). */
  readonly recurrentStateBytes?: number;
  /** Quantizations published for it (GGUF, AWQ, GPTQ, FP8, EXL2/EXL3…), each with the repository that has it. */
  readonly published?: readonly { readonly quant: string; readonly repo: string }[];
  /**
   * Sliding-window attention: window tokens and how many of the layers use it (others are global). `global`:
   * the global layers' own KV shape where it differs (Gemma 4: `num_global_key_value_heads` of `global_head_dim`).
   */
  readonly slidingWindow: {
    readonly window: number;
    readonly layers: number;
    readonly global?: { readonly kvHeads: number; readonly headDim: number };
  } | null;
  /** Multi-head latent attention (DeepSeek): KV rank and rope head dim, cached per token per layer. */
  readonly mla: {
    readonly kvLoraRank: number;
    readonly qkRopeHeadDim: number;
    /** Query low-rank dim (`q_lora_rank`), null when queries are projected directly. */
    readonly qLoraRank?: number | null;
    /** Non-rotary part of the query/key head (`qk_nope_head_dim`). */
    readonly qkNopeHeadDim?: number;
    /** Value head dim (`v_head_dim`). */
    readonly vHeadDim?: number;
  } | null;
  readonly tieEmbeddings: boolean;
  /** Weights as released: `bf16`, `fp8`, `mxfp4`. */
  readonly releasedDtype: string;
  /** Other names the lookup accepts (Hugging Face repos, Ollama tags such as `llama3.1:70b`). */
  readonly aliases?: readonly string[];
  /** Billions of parameters in a vision tower shipped in the same checkpoint and counted in `paramsB`. */
  readonly visionParamsB?: number;
  /** Context reachable with documented RoPE scaling beyond `maxContext` (tokens), and how. */
  readonly extendedContext?: {
    readonly tokens: number;
    readonly method: string;
    /** The scaling the model card documents, as the runtimes take it (flags or a config override). */
    readonly rope?: RopeScaling;
  };
  readonly sources: readonly Source[];
}

export type QuantFormat = 'gguf' | 'vllm' | 'exl2';

export interface QuantSpec {
  /** `Q4_K_M`, `awq`, `4.0bpw`. */
  readonly id: string;
  readonly format: QuantFormat;
  /** Average bits per weight over the quantized tensors. */
  readonly bitsPerWeight: number;
  /** Which runtimes load it. */
  readonly runtimes: readonly string[];
  readonly note?: string;
  /**
   * What `bitsPerWeight` measures: `block` = the storage type's own bits per weight (ggml type size);
   * `file-average` = a published whole-file average of a mixed recipe (depends on the model);
   * `format` = computed from the checkpoint layout including group scales/zeros.
   */
  readonly bitsPerWeightBasis?: 'block' | 'file-average' | 'format';
  /** Bits per weight of the main ggml block type (`Q4_K` = 4.5 inside `Q4_K_M`), GGUF only. */
  readonly blockBitsPerWeight?: number;
  /** Other spellings the lookup accepts (`Q4_K` for `Q4_K_M`). */
  readonly aliases?: readonly string[];
  readonly sources: readonly Source[];
}

/** RoPE scaling as a model card documents it (`rope_scaling` in its config.json). */
export interface RopeScaling {
  readonly type: 'yarn';
  readonly factor: number;
  /** `original_max_position_embeddings`: the context the model was trained at. */
  readonly originalContext: number;
  /** `rope_theta` of the model, which the runtimes' override dicts replace along with the scaling. */
  readonly theta: number;
}
