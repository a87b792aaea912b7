/**
 * llama.cpp (and Ollama, which runs llama.cpp underneath) strategies: one GPU, layer split, row
 * split, tensor mode, partial offload to system RAM (whole layers, or a MoE model's experts), and a
 * layer split over several machines with llama.cpp's RPC backend — each sized with llama-cpp-memory
 * and timed with speed. Runtime rules from ../shared/RUNTIMES.md (docs/multi-gpu.md).
 */
import { attentionLayerCount, isFullAttentionLayer, kvBytesPerLayer } from '../kv-cache';
import type { EngineGpu } from '../machine';
import type { EngineModel } from '../../model-import/model-weights';
import {
  DEFAULT_LLAMA_SETTINGS,
  llamaCppMemory,
  type ComputeAdjust,
  type ComputeRole,
  type LlamaCppMemory,
  type LlamaCppSettings,
} from '../llama-cpp-memory';
import { appliedCompute, computeAdjustFor, type SizedCompute } from '../calibrated-buffers';
import {
  decodeSequential,
  decodeTensorParallel,
  expertUnion,
  networkHopSeconds,
  prefillRate,
  type DeviceLoad,
} from '../speed';
import { ENGINE } from '../thresholds';
import { decodeDepth } from './defaults';
import { balancedSplit, smallestPassing } from './moe-placement';
import type { FitState, GpuUse, PlanRequest, Runtime, SplitMode, Strategy } from './plan-types';

const MIB = 1024 * 1024;
const toMiB = (b: number): number => Math.round(b / MIB);

/**
 * Architectures llama.cpp's experimental `-sm tensor` refuses ("LLAMA_SPLIT_MODE_TENSOR not implemented
 * for architecture"): llm_arch_supports_sm_tensor, src/llama-arch.cpp:1048 at ggml-org/llama.cpp 3f545bec
 * (b10587). docs/multi-gpu.md's list is older than the code. GGUF `general.architecture` names.
 */
export const TENSOR_MODE_EXCLUDED: ReadonlySet<string> = new Set([
  'grok',
  'mpt',
  'plamo2',
  'minicpm3',
  'gemma3n',
  'mamba',
  'mamba2',
  'jamba',
  'falcon-h1',
  'olmo2',
  'olmoe',
  'deepseek2',
  'deepseek32',
  'deepseek4',
  'dots3note',
  'glm-dsa',
  'bitnet',
  't5',
  'nemotron_h',
  'nemotron_h_moe',
  'granitehybrid',
  'minimax-01',
  'minimax-m2',
  'minimax-m3',
  'mistral4',
  'kimi-linear',
  'bailingmoe3',
  'kimi-k3',
  'qwen3tts',
]);

/** Which llama.cpp strategy is being sized: the split mode, and for offload what goes to RAM. */
export type LlamaVariant = SplitMode | 'moe-offload' | 'rpc';

/**
 * The llama.cpp settings for a request: one slot per request served at once (`-np`, each with its own
 * `ctx` of KV cache) unless pinned, the chosen overrides, then the user's pins.
 */
export function settingsFor(req: PlanRequest, overrides: Partial<LlamaCppSettings> = {}): LlamaCppSettings {
  return {
    ...DEFAULT_LLAMA_SETTINGS,
    ctx: req.ctx,
    parallel: Math.max(1, req.concurrency),
    ...overrides,
    ...req.llama,
  } as LlamaCppSettings;
}

function gpuUse(
  gpu: EngineGpu,
  weights: number,
  kv: number,
  compute: number,
  computeRole: ComputeRole | null,
): GpuUse {
  const overheadMiB = gpu.vendor === 'apple' ? 0 : ENGINE.cudaContextMiB;
  const parts = { weightsMiB: toMiB(weights), kvCacheMiB: toMiB(kv), computeMiB: toMiB(compute) };
  return {
    index: gpu.index,
    name: gpu.name,
    capacityMiB: gpu.capacityMiB,
    budgetMiB: gpu.capacityMiB - ENGINE.fitMarginMiB,
    ...parts,
    computeRole,
    overheadMiB,
    totalMiB: parts.weightsMiB + parts.kvCacheMiB + parts.computeMiB + overheadMiB,
  };
}

/** Every GPU's use within its budget (the rule the capacity check applies too). */
export const fitsAll = (uses: readonly GpuUse[]): boolean => uses.every((u) => u.totalMiB <= u.budgetMiB);

/** Bytes each device reads per token for a layer placement (active experts only; KV at the decode depth). */
function loadsFor(
  model: EngineModel,
  mem: LlamaCppMemory,
  s: LlamaCppSettings,
  gpus: readonly EngineGpu[],
  depth: number,
): DeviceLoad[] {
  const active = model.spec.experts ? model.spec.experts.active / model.spec.experts.total : 1;
  // Each sequence reads its own KV cache up to its depth, on the device that holds it (the CPU with -nkvo).
  const kvRead = kvBytesPerLayer(model.spec, {
    ctxPerSlot: Math.max(1, depth),
    slots: 1,
    ubatch: s.ubatch,
    typeK: s.cacheTypeK,
    typeV: s.cacheTypeV,
    llamaBuild: s.llamaBuild ?? null,
  });
  const loads = new Map<
    number | null,
    { bytes: number; kv: number; experts: number; layers: number; linear: number }
  >();
  const entry = (key: number | null) => {
    const e = loads.get(key) ?? { bytes: 0, kv: 0, experts: 0, layers: 0, linear: 0 };
    loads.set(key, e);
    return e;
  };
  mem.placement.forEach((device, il) => {
    const key = device === -1 ? null : (gpus[device]?.index ?? null);
    const e = entry(key);
    if (il === model.spec.layers) e.bytes += model.weights.outputBytes;
    else {
      const layer = model.weights.layers[il];
      e.bytes += layer?.denseBytes ?? 0;
      if (il >= s.nCpuMoe) e.experts += layer?.expertBytes ?? 0;
      (s.kvOnHost ? entry(null) : e).kv += kvRead[il] ?? 0;
      e.layers += 1;
      if (!isFullAttentionLayer(model.spec, il)) e.linear += 1;
    }
  });
  if (s.nCpuMoe > 0) {
    const cpu = entry(null);
    for (let il = 0; il < Math.min(s.nCpuMoe, model.spec.layers); il += 1)
      cpu.experts += model.weights.layers[il]?.expertBytes ?? 0;
  }
  return [...loads.entries()].map(([gpu, l]) => ({
    gpu,
    bytesPerToken: l.bytes,
    kvBytesPerSeq: l.kv,
    expertBytes: l.experts,
    expertShare: active,
    layers: l.layers,
    linearLayers: l.linear,
  }));
}

interface Sized {
  readonly uses: GpuUse[];
  readonly mem: LlamaCppMemory;
  /** Each GPU's compute buffer before and after the machine's calibration. */
  readonly compute: readonly SizedCompute[];
}

const freeOf = (gpus: readonly EngineGpu[]): number[] =>
  gpus.map((g) => g.capacityMiB - ENGINE.cudaContextMiB);

/**
 * The settings with a split that uses every GPU: with experts in RAM and no split pinned, the
 * memory-balanced one (moe-placement.ts) instead of llama.cpp's layer-count default.
 */
function withPlacedSplit(
  model: EngineModel,
  s: LlamaCppSettings,
  gpus: readonly EngineGpu[],
  pinnedSplit: boolean,
  adjust: ComputeAdjust | null,
): LlamaCppSettings {
  if (pinnedSplit || s.nCpuMoe <= 0 || gpus.length < 2) return s;
  return { ...s, tensorSplit: balancedSplit(model, s, freeOf(gpus), adjust) };
}

/** Layers by `--tensor-split`; `adjust` is the machine's compute-buffer calibration (memory-calibration.ts). */
function sizeLayer(
  model: EngineModel,
  s: LlamaCppSettings,
  gpus: readonly EngineGpu[],
  adjust: ComputeAdjust | null,
): Sized {
  const mem = llamaCppMemory(model, s, freeOf(gpus), adjust);
  const compute = gpus.map((_, i) => ({
    role: mem.devices[i]?.computeRole ?? null,
    uncalibratedBytes: mem.devices[i]?.uncalibratedComputeBytes ?? 0,
    calibratedBytes: mem.devices[i]?.computeBytes ?? 0,
  }));
  return {
    mem,
    compute,
    uses: gpus.map((g, i) =>
      gpuUse(
        g,
        mem.devices[i]?.modelBytes ?? 0,
        mem.devices[i]?.kvBytes ?? 0,
        compute[i]?.calibratedBytes ?? 0,
        compute[i]?.role ?? null,
      ),
    ),
  };
}

/**
 * What to keep in system RAM so the rest fits: the largest `-ngl` (whole layers), or for `moe-offload`
 * the smallest `--n-cpu-moe` (experts of the first N layers) with a balanced split. `{}` when the user
 * pinned `-ngl` / `--n-cpu-moe` (their values apply); null when even all of it in RAM does not fit.
 */
export function chooseOffload(
  model: EngineModel,
  req: PlanRequest,
  gpus: readonly EngineGpu[],
  experts: boolean,
  adjust: ComputeAdjust | null = null,
): Partial<LlamaCppSettings> | null {
  if (req.llama.ngl !== undefined || req.llama.nCpuMoe !== undefined) return {};
  const pinnedSplit = req.llama.tensorSplit !== undefined;
  const placed = (o: Partial<LlamaCppSettings>) =>
    withPlacedSplit(model, settingsFor(req, o), gpus, pinnedSplit, adjust);
  const fits = (o: Partial<LlamaCppSettings>) => fitsAll(sizeLayer(model, placed(o), gpus, adjust).uses);
  const layers = model.spec.layers;
  if (experts) {
    // More experts in RAM never needs more GPU memory, so the smallest count that fits is a search.
    const n = smallestPassing(0, layers, (k) => fits({ nCpuMoe: k }));
    return n === null ? null : { nCpuMoe: n, tensorSplit: placed({ nCpuMoe: n }).tensorSplit };
  }
  const kept = smallestPassing(0, layers + 1, (k) => fits({ ngl: layers + 1 - k }));
  return kept === null ? null : { ngl: layers + 1 - kept };
}

/**
 * The model's context ceiling in this runtime: its trained length, or what its documented RoPE scaling
 * reaches — except in Ollama, which caps num_ctx at the trained length and has no scaling setting
 * (llm/server.go @fb307609).
 */
export function contextCeiling(model: EngineModel, runtime: Runtime): number {
  if (runtime === 'ollama') return model.spec.maxContext;
  return model.spec.extendedContext?.tokens ?? model.spec.maxContext;
}

function maxContextFor(model: EngineModel, runtime: Runtime, check: (ctx: number) => boolean): number {
  const ceiling = contextCeiling(model, runtime);
  if (!check(256)) return 0;
  let lo = 256;
  let hi = ceiling;
  if (check(hi)) return hi;
  while (hi - lo > 256) {
    const mid = Math.floor((lo + hi) / 2 / 256) * 256;
    if (check(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

function hostFits(req: PlanRequest, mem: LlamaCppMemory): boolean {
  return (
    req.machine.ramMiB === null ||
    toMiB(mem.host.modelBytes + mem.host.kvBytes) <= req.machine.ramMiB * ENGINE.hostRamFraction
  );
}

/** Strategies sized and launched with a pinned `--tensor-split`: llama.cpp's (and Ollama's) layer split and CPU offload. */
export const takesTensorSplit = (runtime: Runtime, split: SplitMode): boolean =>
  (runtime === 'llama.cpp' || runtime === 'ollama') && (split === 'layer' || split === 'offload');

/**
 * The pins this strategy can honour. A pinned `--tensor-split` is one share per GPU in order, so it
 * only means something for a llama.cpp layer split (or offload) over exactly that many GPUs: applied
 * to one GPU or to more GPUs it would place layers on devices the strategy does not have. Ollama takes
 * it as LLAMA_ARG_TENSOR_SPLIT on `ollama serve` (0.30 and later, ollama #18525); ExLlamaV2 picks its
 * own split, and row / tensor mode are sized evenly here.
 */
function pinsFor(
  req: PlanRequest,
  runtime: Runtime,
  split: SplitMode,
  gpus: readonly EngineGpu[],
): { readonly llama: Partial<LlamaCppSettings>; readonly note: string | null } {
  const { tensorSplit, ...rest } = req.llama;
  if (!tensorSplit) return { llama: req.llama, note: null };
  const sameCount = tensorSplit.length === gpus.length;
  if (takesTensorSplit(runtime, split) && sameCount) return { llama: req.llama, note: null };
  const pinned = tensorSplit.join(',');
  let note: string | null = null;
  if (gpus.length > 1 && !sameCount)
    note = `the pinned tensor split ${pinned} has ${tensorSplit.length} shares for ${gpus.length} GPUs: not used`;
  else if (gpus.length > 1 && runtime !== 'llama.cpp')
    note = `${runtime} picks its own split across the cards: the pinned tensor split ${pinned} is not used`;
  else if (gpus.length > 1)
    note = `${split} mode is planned with an even split: the pinned tensor split ${pinned} is used by the layer split and CPU offload only`;
  return { llama: rest, note };
}

const splitOf = (variant: LlamaVariant): SplitMode =>
  variant === 'moe-offload' ? 'offload' : variant === 'rpc' ? 'layer' : variant;

/**
 * Row split needs a backend with split buffers. CUDA (and ROCm, built from the same code) dropped them in
 * b9890 (ggml-org/llama.cpp 74976e1, PR #24216, 2026-07-06), and llama.cpp now stops at load with
 * "device … does not support split buffers" (src/llama-model.cpp make_gpu_buft_list @3f545bec); Vulkan
 * and Metal never had them (before b9890 they silently ran a layer split). SYCL (Intel) keeps them.
 */
export const ROW_SPLIT_GONE_BUILD = 9890;
export const ROW_SPLIT_GONE =
  'llama.cpp removed row split (-sm row) for CUDA and ROCm in b9890 (PR #24216) and now stops at load with "does not support split buffers"; Vulkan and Metal never had it, only SYCL (Intel Arc) keeps it — tensor mode (-sm tensor) is the parallel split now';

/** Whether llama.cpp can row-split over these GPUs: SYCL, or CUDA / ROCm in a build the user named from before b9890. */
export function rowSplitRuns(gpus: readonly EngineGpu[], llamaBuild: number | null | undefined): boolean {
  const oldBuild = (llamaBuild ?? Infinity) < ROW_SPLIT_GONE_BUILD;
  return gpus.every(
    (g) => g.vendor === 'intel' || (oldBuild && (g.vendor === 'nvidia' || g.vendor === 'amd')),
  );
}

/** Why the runtime refuses this variant for this model and settings (empty when it accepts it). */
function refusals(
  model: EngineModel,
  split: SplitMode,
  s: LlamaCppSettings,
  gpus: readonly EngineGpu[],
): string[] {
  const out: string[] = gpus.length === 0 ? ['no GPU to run on'] : [];
  if (split === 'row' && !rowSplitRuns(gpus, s.llamaBuild)) out.push(ROW_SPLIT_GONE);
  else if (split === 'row' && model.spec.experts)
    out.push('row split works on dense weights only; this is a MoE model');
  if (split === 'tensor' && TENSOR_MODE_EXCLUDED.has(model.spec.arch))
    out.push(
      `llama.cpp's tensor mode does not support the ${model.spec.arch} architecture (src/llama-arch.cpp llm_arch_supports_sm_tensor): use the layer split`,
    );
  // A quantized KV cache is fine in tensor mode since b9455 (PR #23792); flash attention stays required.
  if (split === 'tensor' && !s.flashAttention)
    out.push('tensor mode needs flash attention: llama.cpp refuses -sm tensor with -fa off');
  if (!s.flashAttention && !['f16', 'bf16', 'f32'].includes(s.cacheTypeV))
    out.push(
      `llama.cpp refuses a ${s.cacheTypeV} V cache with flash attention off: V cache quantization needs flash attention`,
    );
  return out;
}

/** Weights and KV in RAM beyond the token embedding (which llama.cpp always keeps on the host), MiB. */
const ramOffloadOf = (model: EngineModel, mem: LlamaCppMemory): number =>
  Math.max(0, toMiB(mem.host.modelBytes - model.weights.tokenEmbdBytes + mem.host.kvBytes));

function fitOf(fits: boolean, ramMiB: number): FitState {
  return !fits ? 'none' : ramMiB > 0 ? 'offload' : 'gpu';
}

function offloadReason(model: EngineModel, s: LlamaCppSettings, hostMiB: number): string {
  const gib = (hostMiB / 1024).toFixed(1);
  if (s.nCpuMoe > 0)
    return `keep the experts of ${s.nCpuMoe} of ${model.spec.layers} layers in RAM (${gib} GiB, --n-cpu-moe ${s.nCpuMoe}); attention, shared weights and the KV cache stay on the GPUs, and only the routed experts in use are read from RAM each token`;
  return `${gib} GiB of weights stay in system RAM and are read at its bandwidth every token`;
}

interface Sizing {
  readonly s: LlamaCppSettings;
  readonly sized: Sized;
  readonly parallel: boolean;
  readonly offload: Partial<LlamaCppSettings> | null;
}

function sizeVariant(
  req: PlanRequest,
  variant: LlamaVariant,
  gpus: readonly EngineGpu[],
  adjust: ComputeAdjust | null,
): Sizing {
  const { model } = req;
  const split = splitOf(variant);
  const parallel = split === 'row' || split === 'tensor';
  const offload =
    split === 'offload' ? chooseOffload(model, req, gpus, variant === 'moe-offload', adjust) : {};
  const base = settingsFor(req, {
    ...(offload ?? {}),
    ...(split === 'tensor' ? { flashAttention: true } : {}),
  });
  const s = parallel ? base : withPlacedSplit(model, base, gpus, req.llama.tensorSplit !== undefined, adjust);
  return {
    s,
    parallel,
    offload,
    sized: parallel ? sizeParallel(model, s, gpus, split, adjust) : sizeLayer(model, s, gpus, adjust),
  };
}

function speedOf(
  req: PlanRequest,
  runtime: Runtime,
  sizing: Sizing,
  gpus: readonly EngineGpu[],
  split: SplitMode,
) {
  const { model, machine } = req;
  const loads = loadsFor(model, sizing.sized.mem, sizing.s, gpus, decodeDepth(req));
  const sequences = Math.min(req.concurrency, sizing.s.parallel);
  const flopsPerToken = 2 * model.spec.activeParamsB * 1e9;
  if (sizing.parallel) {
    // The GPUs read their shards at once; whatever sits in system RAM is read by the CPU on top.
    const sum = (pick: (l: DeviceLoad) => number, onGpu: boolean) =>
      loads.filter((l) => (l.gpu !== null) === onGpu).reduce((a, l) => a + pick(l), 0);
    const kv = sum((l) => l.kvBytesPerSeq ?? 0, true);
    const share = model.spec.experts ? model.spec.experts.active / model.spec.experts.total : 0;
    return decodeTensorParallel(
      gpus.map((g) => ({
        gpu: g.index,
        bytes: sum((l) => l.bytesPerToken, true) / gpus.length,
        expertBytes: sum((l) => l.expertBytes ?? 0, true) / gpus.length,
        expertShare: share,
        linearLayers: model.spec.layers - attentionLayerCount(model.spec),
        // Row split keeps the KV cache on the main GPU; tensor mode splits it with the heads.
        kvBytesPerSeq: split === 'row' ? (g === gpus[0] ? kv : 0) : kv / gpus.length,
      })),
      model.spec.layers,
      model.spec.hiddenSize,
      machine,
      runtime,
      {
        concurrency: sequences,
        flopsPerToken,
        rowSplit: split === 'row',
        hostBytesPerToken: sum(
          (l) =>
            l.bytesPerToken +
            (l.expertBytes ?? 0) * expertUnion(share, sequences) +
            sequences * (l.kvBytesPerSeq ?? 0),
          false,
        ),
      },
    );
  }
  const networkSeconds = networkHopSeconds(
    machine,
    gpus.map((g) => g.index),
    model.spec.hiddenSize,
    'rpc',
  );
  return decodeSequential(loads, machine, runtime, {
    concurrency: sequences,
    flopsPerToken,
    networkSeconds,
  });
}

function describe(
  variant: LlamaVariant,
  split: SplitMode,
  gpus: readonly EngineGpu[],
  req: PlanRequest,
): { reasons: string[]; warnings: string[] } {
  const reasons: string[] = [];
  const warnings: string[] = [];
  const nodes = new Set(gpus.map((g) => g.node ?? 0)).size;
  if (variant === 'rpc')
    reasons.push(
      `llama.cpp RPC: layers split over ${gpus.length} GPUs on ${nodes} machines (rpc-server on the others, remote devices first so the last layers and the logits stay here); each token crosses ${req.machine.network?.name ?? 'the network'} at every hand-off between machines`,
    );
  else if (gpus.length > 1 && split !== 'row' && split !== 'tensor')
    reasons.push(
      'layer split: each GPU holds a slice of the layers and they run one after another — more memory, not more speed; the link carries only a few KB per token',
    );
  if (split === 'row')
    warnings.push(
      'row split is deprecated in llama.cpp (docs/multi-gpu.md), kept by the SYCL backend only, and its synchronisation over PCIe grows with every GPU added',
    );
  if (split === 'tensor')
    warnings.push(
      'tensor mode is experimental in llama.cpp (b8738 and later; a quantized KV cache from b9455): it needs flash attention, and NCCL for good speed (docs/multi-gpu.md)',
    );
  if (split === 'row' || split === 'tensor')
    warnings.push(
      'llama.cpp keeps peer-to-peer off unless GGML_CUDA_P2P=1 (PR #21910): without it the per-layer traffic goes through system memory',
    );
  return { reasons, warnings };
}

const idOf = (runtime: Runtime, variant: LlamaVariant): string => `${runtime}:${variant}`;

export function llamaStrategy(
  asked: PlanRequest,
  runtime: Runtime,
  variant: LlamaVariant,
  gpus: readonly EngineGpu[],
): Strategy {
  const split = splitOf(variant);
  const pins = pinsFor(asked, runtime, split, gpus);
  const req: PlanRequest = { ...asked, llama: pins.llama };
  const { model } = req;
  // The machine's own load logs, applied wherever this strategy is sized (fit, offload, context).
  const adjust = computeAdjustFor(req.machine, runtime, gpus, model);
  const sizing = sizeVariant(req, variant, gpus, adjust);
  const { s, sized, parallel } = sizing;
  const memoryCalibration = adjust
    ? appliedCompute(req.machine, runtime, gpus, model, s, sized.compute)
    : null;
  const refused = refusals(model, split, s, gpus);
  const invalid = refused.length > 0;
  const speed = speedOf(req, runtime, sizing, gpus, split);
  const fits = !invalid && fitsAll(sized.uses) && hostFits(req, sized.mem);
  const prefill = prefillRate(gpus, model.spec.activeParamsB, parallel ? gpus.length : 1, {
    machine: req.machine,
    hiddenSize: model.spec.hiddenSize,
    layers: model.spec.layers,
    tensorParallel: parallel ? gpus.length : 1,
    // Weights left in RAM (experts with --n-cpu-moe, layers beyond -ngl) cross PCIe for every prompt
    // batch: llama.cpp runs batches of 32+ tokens on the GPU (op offload). The token embedding stays put.
    hostWeightBytes: Math.max(0, sized.mem.host.modelBytes - model.weights.tokenEmbdBytes),
    ubatch: s.ubatch,
    attentionWidth: model.spec.attentionHeads * model.spec.headDim,
    promptTokens: req.prompt?.tokens ?? 512,
    depth: req.prompt?.depth ?? 0,
    runtime,
    moe: model.spec.experts !== null,
  });
  const ramOffloadMiB = ramOffloadOf(model, sized.mem);
  const text = describe(variant, split, gpus, req);
  const reasons = [...refused];
  if (split === 'offload' && sizing.offload === null)
    reasons.push('does not fit even with every layer in system RAM');
  if (ramOffloadMiB > 1024 && split === 'offload') reasons.push(offloadReason(model, s, ramOffloadMiB));
  if (!fits && !invalid)
    reasons.push(fitsAll(sized.uses) ? hostShortfall(req, sized.mem) : shortfall(sized.uses));
  const check = (ctx: number) =>
    fitsAll(
      (parallel
        ? sizeParallel(model, { ...s, ctx }, gpus, split, adjust)
        : sizeLayer(model, { ...s, ctx }, gpus, adjust)
      ).uses,
    );
  return {
    id: idOf(runtime, variant),
    runtime,
    split,
    tensorParallel: parallel ? gpus.length : 1,
    pipelineParallel: parallel ? 1 : Math.max(1, gpus.length),
    fits,
    fit: fitOf(fits, ramOffloadMiB),
    ramOffloadMiB,
    blockers: [],
    nodes: new Set(gpus.map((g) => g.node ?? 0)).size,
    invalid,
    perGpu: sized.uses,
    hostWeightsMiB: toMiB(sized.mem.host.modelBytes),
    hostKvCacheMiB: toMiB(sized.mem.host.kvBytes),
    kvCacheTokens: s.ctx * s.parallel,
    maxConcurrency: s.parallel,
    decodeTokPerSec: speed.decode,
    prefillTokPerSec: prefill?.range ?? null,
    prefillModel: prefill?.model ?? null,
    limitTokPerSec: speed.limitTokPerSec,
    decodeModel: speed.model,
    bottleneck: speed.bottleneck,
    maxContext: invalid ? 0 : maxContextFor(model, runtime, check),
    reasons: [...reasons, ...text.reasons, ...(memoryCalibration ? [memoryCalibration.summary] : [])],
    ...(memoryCalibration ? { memoryCalibration } : {}),
    warnings: [
      ...(pins.note ? [pins.note] : []),
      ...(req.ctx > contextCeiling(model, runtime)
        ? [
            `Ollama runs at most the trained ${model.spec.maxContext} tokens of context (no RoPE scaling setting): the ${req.ctx} planned here needs llama.cpp or vLLM`,
          ]
        : []),
      ...text.warnings,
    ],
    llama: { ...s, tensorSplit: sized.mem.split.map((x) => Math.round(x * 1000) / 1000) },
    ...(pins.llama.tensorSplit && gpus.length > 1 ? { splitPinned: true } : {}),
    gpuIndices: gpus.map((g) => g.index),
  };
}

/** Row / tensor mode: weights split evenly (row keeps KV and scratch on the main GPU, tensor splits KV too). */
function sizeParallel(
  model: EngineModel,
  s: LlamaCppSettings,
  gpus: readonly EngineGpu[],
  split: SplitMode,
  adjust: ComputeAdjust | null,
): Sized {
  const mem = llamaCppMemory(model, { ...s, tensorSplit: [1] }, [1]);
  const only = mem.devices[0];
  const n = gpus.length;
  // Every GPU runs the whole graph on its shard: each keeps the one device's buffer, calibrated by its own kind.
  const role = only?.computeRole ?? null;
  const bytes = only?.uncalibratedComputeBytes ?? 0;
  const compute = gpus.map((_, i) => ({
    role,
    uncalibratedBytes: bytes,
    calibratedBytes: adjust && role ? adjust(i, role, bytes, s) : bytes,
  }));
  const uses = gpus.map((g, i) => {
    const kv = split === 'tensor' ? (only?.kvBytes ?? 0) / n : i === 0 ? (only?.kvBytes ?? 0) : 0;
    return gpuUse(g, (only?.modelBytes ?? 0) / n, kv, compute[i]?.calibratedBytes ?? 0, role);
  });
  return {
    compute,
    uses,
    mem: { ...mem, split: gpus.map(() => 1 / n), placement: mem.placement.map((d) => (d === -1 ? -1 : 0)) },
  };
}

/** The GPU furthest over its budget, in words. */
export function shortfall(uses: readonly GpuUse[]): string {
  const worst = uses.reduce((w, u) => (u.totalMiB - u.budgetMiB > w.totalMiB - w.budgetMiB ? u : w));
  return `GPU ${worst.index} (${worst.name}) needs ${(worst.totalMiB / 1024).toFixed(1)} GiB but has ${(worst.budgetMiB / 1024).toFixed(1)} GiB to give`;
}

function hostShortfall(req: PlanRequest, mem: LlamaCppMemory): string {
  const need = toMiB(mem.host.modelBytes + mem.host.kvBytes) / 1024;
  const have = ((req.machine.ramMiB ?? 0) * ENGINE.hostRamFraction) / 1024;
  return `system RAM would hold ${need.toFixed(1)} GiB but has ${have.toFixed(1)} GiB to give (${ENGINE.hostRamFraction * 100}% of ${((req.machine.ramMiB ?? 0) / 1024).toFixed(0)} GiB)`;
}
