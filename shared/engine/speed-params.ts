/**
 * The fitted constants of the speed model (decode, and prompt processing: `pf.*`), by name. Decode time per step is a sum of terms, each a
 * physical coefficient (seconds of memory reads at the card's bandwidth, layers run, all-reduce steps, …)
 * times the product of a few of these parameters (speed.ts). Keeping them apart from the physics lets the
 * calibration fit them on some sources and score the model on others (test/calibration): the values
 * below are the fit on every source, made by `npm run calibration -- --write`, and say what they were fitted on.
 */
import fitted from './speed-params.fitted.json';

export const SPEED_PARAM_INFO = {
  'bw.gddr': {
    initial: 1 / 0.82,
    min: 1,
    max: 3,
    what: 'inverse share of bandwidth llama.cpp reaches on GDDR cards',
  },
  'bw.hbm': {
    initial: 1 / 0.62,
    min: 1,
    max: 4,
    what: 'inverse share of bandwidth llama.cpp reaches on HBM cards',
  },
  'bw.apple': {
    initial: 1 / 0.6,
    min: 1,
    max: 4,
    what: 'inverse share of bandwidth llama.cpp reaches on Apple unified memory',
  },
  'bw.cpu': {
    initial: 1 / 0.65,
    min: 1,
    max: 5,
    what: 'inverse share of system RAM bandwidth the CPU reaches',
  },
  'arch.pascal': {
    initial: 1,
    min: 0.6,
    max: 1.6,
    what: 'Pascal cards (GTX 10, P40, P100) relative to their memory class',
  },
  'arch.volta': { initial: 1, min: 0.6, max: 1.6, what: 'Volta cards (V100) relative to their memory class' },
  'arch.turing': {
    initial: 1,
    min: 0.6,
    max: 1.6,
    what: 'Turing cards (RTX 20, T4) relative to their memory class',
  },
  'arch.ampere': {
    initial: 1,
    min: 0.6,
    max: 1.6,
    what: 'Ampere cards (RTX 30, A-series) relative to their memory class',
  },
  'arch.ada': {
    initial: 1,
    min: 0.6,
    max: 1.6,
    what: 'Ada Lovelace cards (RTX 40, L40S) relative to their memory class',
  },
  'arch.hopper': {
    initial: 1,
    min: 0.6,
    max: 1.6,
    what: 'Hopper cards (H100, H200) relative to their memory class',
  },
  'arch.blackwell': {
    initial: 1,
    min: 0.6,
    max: 1.6,
    what: 'Blackwell cards (RTX 50, RTX PRO, B200) relative to their memory class',
  },
  'arch.amd': {
    initial: 1,
    min: 0.6,
    max: 2,
    what: 'AMD cards (ROCm / Vulkan) relative to their memory class',
  },
  'arch.intel': {
    initial: 1,
    min: 0.6,
    max: 3,
    what: 'Intel Arc cards (SYCL / Vulkan) relative to their memory class',
  },
  'fam.vllm': {
    initial: 1,
    min: 0.5,
    max: 2,
    what: 'vLLM / SGLang bandwidth use relative to llama.cpp on the same memory',
  },
  'fam.exl': {
    initial: 1,
    min: 0.5,
    max: 2,
    what: 'ExLlama bandwidth use relative to llama.cpp on the same memory',
  },
  'layer.cuda': {
    initial: 0.065e-3,
    min: 0,
    max: 1e-3,
    what: 'llama.cpp per-layer launch/sync time on CUDA, s',
  },
  'layer.rocm': {
    initial: 0.09e-3,
    min: 0,
    max: 1e-3,
    what: 'llama.cpp per-layer time on ROCm/Vulkan (AMD), s',
  },
  'layer.metal': { initial: 0.11e-3, min: 0, max: 1e-3, what: 'llama.cpp per-layer time on Metal, s' },
  'layer.intel': {
    initial: 0.15e-3,
    min: 0,
    max: 2e-3,
    what: 'llama.cpp per-layer time on SYCL/Vulkan (Intel), s',
  },
  'layer.cpu': { initial: 0.05e-3, min: 0, max: 1e-3, what: 'per-layer time of layers run on the CPU, s' },
  'layer.vllm': {
    initial: 0.02e-3,
    min: 0,
    max: 1e-3,
    what: 'vLLM / SGLang per-layer time with CUDA graphs, s',
  },
  'layer.exl': { initial: 0.04e-3, min: 0, max: 1e-3, what: 'ExLlama per-layer time, s' },
  'lin.ratio': {
    initial: 1,
    min: 0,
    max: 20,
    what: 'time of a linear-attention layer (Gated DeltaNet, Mamba) beyond an attention layer, in per-layer times',
  },
  'step.llama': {
    initial: 0.5e-3,
    min: 0,
    max: 0.02,
    what: 'llama.cpp fixed time per decode step (sampling, graph), s',
  },
  'step.vllm': {
    initial: 1e-3,
    min: 0,
    max: 0.03,
    what: 'vLLM / SGLang fixed host time per decode step (scheduler, sampling), s',
  },
  'step.exl': { initial: 0.5e-3, min: 0, max: 0.02, what: 'ExLlama fixed time per decode step, s' },
  // A server that streams each token (detokenise, sampler in Python, one HTTP/SSE or Gradio chunk) spends
  // host time per token that a direct library call (test_inference, a benchmark script) does not. Fitted
  // on the ExLlama rows that name text-generation-webui (exllamav2-more.csv: matt-c1's API runs on an RTX
  // 4090, oobabooga's blog and PR #3881 on RTX 3090s — 3 source groups); no pull toward the start value
  // (UNPULLED_SPEED_PARAMS): the start is a guess, the rows set it (≈2.3 ms from a start of 0.5, 2 or 8 ms).
  'host.exl.server': {
    initial: 2e-3,
    min: 0,
    max: 0.03,
    what: 'ExLlama behind a server that streams each token (TabbyAPI, text-generation-webui): host time per token, s',
  },
  hop: { initial: 0.3e-3, min: 0, max: 3e-3, what: 'layer split: time per hand-off between GPUs, s' },
  'sync.nvlink': {
    initial: 15e-6,
    min: 0,
    max: 2e-4,
    what: 'tensor parallel: latency of one all-reduce between two ranks over NVLink/xGMI, s',
  },
  'sync.p2p': {
    initial: 35e-6,
    min: 0,
    max: 4e-4,
    what: 'tensor parallel: latency of one all-reduce between two ranks over PCIe with P2P, s',
  },
  'sync.host': {
    initial: 60e-6,
    min: 0,
    max: 6e-4,
    what: 'tensor parallel: latency of one all-reduce between two ranks over PCIe through host memory, s',
  },
  // Prior 0.5, halfway between vLLM's one-shot custom all-reduce (each rank reads its peers at once: no
  // growth) and a ring of 2 × (TP − 1) steps (NCCL over PCIe without P2P: 1); few rows reach TP > 2.
  'sync.grow': {
    initial: 0.5,
    min: 0,
    max: 2,
    what: 'vLLM / SGLang tensor parallel: share of the two-rank all-reduce latency each further rank adds (a ring: 1)',
  },
  'sync.grow.llama': {
    initial: 1,
    min: 0,
    max: 2,
    what: 'llama.cpp tensor / row modes: share of the two-rank synchronisation each further rank adds (a ring: 1)',
  },
  'sync.tensor': {
    initial: 2.5,
    min: 0.5,
    max: 20,
    what: "llama.cpp tensor mode's synchronisation cost relative to vLLM's",
  },
  'sync.row': {
    initial: 5,
    min: 0.5,
    max: 40,
    what: "llama.cpp row split's synchronisation cost relative to vLLM's",
  },
  'seq.llama': {
    initial: 0.004e-3,
    min: 0,
    max: 1e-3,
    what: 'llama.cpp extra time per additional sequence per layer, s',
  },
  'seq.vllm': {
    initial: 0.002e-3,
    min: 0,
    max: 1e-3,
    what: 'vLLM / SGLang extra time per additional sequence per layer, s',
  },
  'seq.exl': {
    initial: 0.004e-3,
    min: 0,
    max: 1e-3,
    what: 'ExLlama extra time per additional sequence per layer, s',
  },
  'pf.pascal': {
    initial: 1 / 0.45,
    min: 0.02,
    max: 20,
    what: 'prompt: inverse share of FP16 TFLOPS on Pascal (llama.cpp uses FP32/int8 paths there)',
  },
  'pf.volta': { initial: 1 / 0.45, min: 0.1, max: 20, what: 'prompt: inverse share of FP16 TFLOPS on Volta' },
  'pf.turing': {
    initial: 1 / 0.45,
    min: 0.1,
    max: 20,
    what: 'prompt: inverse share of FP16 TFLOPS on Turing',
  },
  'pf.ampere': {
    initial: 1 / 0.45,
    min: 0.1,
    max: 20,
    what: 'prompt: inverse share of FP16 TFLOPS on Ampere',
  },
  'pf.ada': {
    initial: 1 / 0.45,
    min: 0.1,
    max: 20,
    what: 'prompt: inverse share of FP16 TFLOPS on Ada Lovelace',
  },
  'pf.hopper': {
    initial: 1 / 0.45,
    min: 0.1,
    max: 20,
    what: 'prompt: inverse share of FP16 TFLOPS on Hopper',
  },
  'pf.blackwell': {
    initial: 1 / 0.45,
    min: 0.1,
    max: 20,
    what: 'prompt: inverse share of FP16 TFLOPS on Blackwell',
  },
  'pf.apple': {
    initial: 1 / 0.6,
    min: 0.1,
    max: 20,
    what: 'prompt: inverse share of the GPU FP16 rate on Apple silicon',
  },
  'pf.amd': {
    initial: 1 / 0.3,
    min: 0.1,
    max: 20,
    what: 'prompt: inverse share of FP16 TFLOPS on AMD (ROCm / Vulkan)',
  },
  'pf.intel': {
    initial: 1 / 0.2,
    min: 0.1,
    max: 40,
    what: 'prompt: inverse share of FP16 TFLOPS on Intel Arc',
  },
  'pf.bw': {
    initial: 1 / 68,
    min: 1e-3,
    max: 1,
    what: 'prompt, TFLOPS unknown: seconds per 2·params FLOP-bytes of bandwidth (≈ 34 tok/s × B params per GB/s)',
  },
  'pf.attn': {
    initial: 1,
    min: 0.2,
    max: 10,
    what: 'prompt: attention FLOPs relative to the matmuls (FlashAttention reaches less of peak)',
  },
  'pf.moe': {
    initial: 1.5,
    min: 0.5,
    max: 10,
    what: 'prompt: mixture-of-experts matmuls (small per-expert batches) relative to dense ones',
  },
  'pf.tp': { initial: 1.25, min: 0.8, max: 4, what: 'prompt: tensor parallel loss against a perfect split' },
  'pf.vllm': {
    initial: 0.8,
    min: 0.3,
    max: 3,
    what: 'prompt: vLLM / SGLang relative to llama.cpp on the same GPU',
  },
  'pf.exl': { initial: 1, min: 0.3, max: 3, what: 'prompt: ExLlama relative to llama.cpp on the same GPU' },
  'pf.pcie': {
    initial: 1.3,
    min: 0.5,
    max: 6,
    what: 'prompt: inverse share of PCIe bandwidth reached copying RAM-resident weights per batch',
  },
  flops: {
    initial: 1 / 0.45,
    min: 1,
    max: 10,
    what: 'inverse share of dense FP16 throughput reached when a batch turns compute-bound',
  },
} as const;

export type SpeedParamKey = keyof typeof SPEED_PARAM_INFO;
export type SpeedParams = Readonly<Record<SpeedParamKey, number>>;
export const SPEED_PARAM_KEYS = Object.keys(SPEED_PARAM_INFO) as SpeedParamKey[];

/**
 * Parameters the fit does not pull toward their starting value: ones with no physical value to start
 * from, which the rows alone set (a fit started anywhere in their range ends at the same value).
 */
export const UNPULLED_SPEED_PARAMS: ReadonlySet<SpeedParamKey> = new Set<SpeedParamKey>(['host.exl.server']);

/** The starting point of a fit (the values before any fit on data). */
export const INITIAL_SPEED_PARAMS: SpeedParams = Object.fromEntries(
  SPEED_PARAM_KEYS.map((k) => [k, SPEED_PARAM_INFO[k].initial]),
) as SpeedParams;

/** What the shipped parameters were fitted on. */
export interface SpeedFit {
  readonly params: Partial<Record<SpeedParamKey, number>>;
  readonly rows: number;
  readonly sources: number;
  /** Out-of-fold median |error| and share within ±25 % of the same model, leave-one-source-out, %. */
  readonly outOfFold: { readonly medianPct: number; readonly within25Pct: number } | null;
  /** Measured ÷ predicted, 10th and 90th percentile out of fold: the range a decode estimate carries. */
  readonly band?: { readonly low: number; readonly high: number };
  /** The same for prompt processing, and the prompt rows' out-of-fold figures. */
  readonly prefillBand?: { readonly low: number; readonly high: number };
  readonly prefillOutOfFold?: {
    readonly medianPct: number;
    readonly within25Pct: number;
    readonly rows: number;
  } | null;
  readonly date: string;
}

export const SPEED_FIT: SpeedFit = fitted as SpeedFit;

/** The parameters the engine predicts with: the fit on every source (initial values for any it lacks). */
export const SPEED_PARAMS: SpeedParams = { ...INITIAL_SPEED_PARAMS, ...SPEED_FIT.params };

/** Where the speed figures come from, for the plan: the fit and its out-of-fold spread. */
export function speedBasis(depth: number): string {
  const f = SPEED_FIT;
  if (!f.outOfFold || !f.band) return 'Speeds: physical model with its starting constants (not fitted yet).';
  const band = `×${f.band.low.toFixed(2)}–×${f.band.high.toFixed(2)}`;
  const prompt = f.prefillBand
    ? `; prompt speed ×${f.prefillBand.low.toFixed(2)}–×${f.prefillBand.high.toFixed(2)}`
    : '';
  return `Speeds: decode at ${depth} tokens of context, from a model fitted to ${f.rows} measured rows from ${f.sources} sources; on sources the fit did not see its median error is ${f.outOfFold.medianPct}%, and the ranges are the 10th–90th percentile of measured ÷ predicted there (decode ${band}${prompt}).`;
}
