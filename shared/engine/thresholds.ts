/**
 * Every tuning constant of the engine, in one table, with where it comes from. "Fitted" values
 * were chosen against ../shared/calibration (copied to fixtures/calibration); the calibration test
 * prints the resulting error, so a change here shows up there.
 */

/** PCIe payload bandwidth per lane and direction, GB/s, by generation (PCI-SIG; 128b/130b from Gen3). */
export const PCIE_LANE_GBS: Readonly<Record<number, number>> = {
  1: 0.25,
  2: 0.5,
  3: 0.985,
  4: 1.969,
  5: 3.938,
  6: 7.563,
};

/** Bytes per element of each llama.cpp KV cache type (ggml block size/bytes: q8_0 34/32, q4_0 18/32 …). */
export const KV_CACHE_BYTES: Readonly<Record<string, number>> = {
  f32: 4,
  f16: 2,
  bf16: 2,
  q8_0: 34 / 32,
  q4_0: 18 / 32,
  q4_1: 20 / 32,
  iq4_nl: 18 / 32,
  q5_0: 22 / 32,
  q5_1: 24 / 32,
};

export const ENGINE = {
  /** CUDA context + cuBLAS workspace per GPU that nvidia-smi shows beyond llama.cpp's own buffers, MiB (typical 300–500 MiB on Ampere/Ada; we keep the upper half). */
  cudaContextMiB: 450,
  /** Smallest compute buffer llama.cpp keeps on a GPU without the output layer, MiB ("a few hundred MiB": calibration README). */
  minComputeMiB: 256,
  /** Headroom left free on each GPU when judging "fits" (llama.cpp's own `--fit-target` default is 1024 MiB: docs/multi-gpu.md). */
  fitMarginMiB: 512,
  /** vLLM: `--gpu-memory-utilization` 0.9 (vllm/config/cache.py); what it holds outside the KV pool: vllm-memory.ts. */
  vllmGpuMemoryUtilization: 0.9,
  /**
   * A Linux GPU on the system's own memory (DGX Spark, GB10): the share planned for it. An assumption —
   * no source states a limit; the OS, the CPU side of the runtime and the page cache keep about a tenth.
   */
  sharedMemoryGpuFraction: 0.9,
  /** macOS lets the GPU wire about 75% of unified memory by default (recommendedMaxWorkingSetSize on ≥ 36 GB Macs; ~2/3 below). */
  appleGpuMemoryFraction: 0.75,

  /*
   * Decode and prompt speed: the physical terms are in speed.ts and their fitted constants in
   * speed-params.ts (fitted on the calibration tables, scored leave-one-source-out: npm run calibration).
   */
  /** Low–high band before any fit: ±25% decode, ±40% prefill (the fit's out-of-fold bands replace them). */
  decodeBand: 0.25,
  prefillBand: 0.4,
  /** Default system RAM bandwidth when nothing is known: dual-channel DDR4-3200 (2 × 25.6 GB/s). */
  defaultRamGBs: 51.2,
  /** Share of system RAM a plan may fill with offloaded weights and KV cache (the rest: OS, the runtime, page cache). */
  hostRamFraction: 0.9,

  /**
   * llama.cpp RPC: blocking network round trips per hand-off between machines, per token. Fitted on
   * the one clean A/B: ggml-org/llama.cpp PR #20590 (docs/backend/RPC-RDMA.md), 2× Strix Halo over
   * 25 GbE, layer split 1/1 — TCP 30.19 → RDMA 32.16 tok/s, i.e. 2.0 ms less per token for ~27 µs less
   * one-way latency over 2 hand-offs: ≈ 18 round trips each. One source: the band below is wide.
   */
  rpcRoundTripsPerHop: 18,
  /** Fixed cost of a hand-off between machines beyond the network itself (a sync and a copy, as the fitted `hop`), ms. */
  networkHopMs: 0.3,
  /** Decode band for plans that cross a network: few multi-node measurements exist, so ±40%. */
  clusterDecodeBand: 0.4,
} as const;

/** What a card's memory is, for its share of bandwidth reached (speed-params.ts `bw.*`). */
export type MemoryClass = 'gddr' | 'hbm' | 'apple' | 'cpu';
