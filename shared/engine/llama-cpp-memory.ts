/**
 * What llama.cpp allocates on each device, reconstructed the way it does it:
 * - layers go to devices by `--tensor-split` (default: in proportion to each device's free memory),
 *   with `il / (n_gpu_layers)` compared against the cumulative split (src/llama-model.cpp, get_layer_buft_list);
 *   the output layer counts as layer n_layer, so it lands on the last GPU when every layer is offloaded;
 * - `-ngl N` below n_layer keeps the first n_layer − N layers (and the output) on the CPU;
 * - `--n-cpu-moe N` keeps the routed experts of the first N layers in system RAM;
 * - the token embedding always stays in host memory;
 * - each layer's KV cache lives with the layer; compute buffers depend on n_ubatch, flash attention,
 *   the context (without flash attention the attention scores are materialised) and, on the device
 *   with the output layer, the vocabulary (logits).
 * Checked against the per-device buffers in fixtures/calibration/memory-logs (see memory test).
 */
import { paramBreakdown } from '../catalog/model-params';
import type { EngineModel } from '../model-import/model-weights';
import { kvBytesPerLayer, type CacheType } from './kv-cache';
import { ENGINE } from './thresholds';

export interface LlamaCppSettings {
  /** Context per slot, tokens. */
  readonly ctx: number;
  /** `-np` parallel slots. */
  readonly parallel: number;
  /** `-ngl`; null means all layers (n_layer + 1). */
  readonly ngl: number | null;
  /** `--tensor-split` proportions, one per GPU; null = by free memory. */
  readonly tensorSplit: readonly number[] | null;
  readonly nCpuMoe: number;
  readonly cacheTypeK: CacheType;
  readonly cacheTypeV: CacheType;
  readonly ubatch: number;
  readonly flashAttention: boolean;
  /** `-nkvo`: KV cache in host memory. */
  readonly kvOnHost?: boolean;
  /** The llama.cpp build the plan is for, when known (`bNNNN`); absent = a current build. */
  readonly llamaBuild?: number | null;
}

export const DEFAULT_LLAMA_SETTINGS: Omit<LlamaCppSettings, 'ctx'> = {
  parallel: 1,
  ngl: null,
  tensorSplit: null,
  nCpuMoe: 0,
  cacheTypeK: 'f16',
  cacheTypeV: 'f16',
  ubatch: 512,
  flashAttention: true,
};

/**
 * What sets a device's compute buffer: `output` the logits of the device with the output layer,
 * `offload` the prompt's matmuls on weights left in RAM (the first GPU, offloadedMatmulBytes), `layers`
 * the attention and FFN scratch of a device with layers only. A measured buffer calibrates one of these.
 */
export type ComputeRole = 'output' | 'offload' | 'layers';

/**
 * The machine's own measurements applied to one device's compute buffer (memory-calibration.ts):
 * `bytes` as modelled for `role` with settings `s` in, the calibrated bytes out.
 */
export type ComputeAdjust = (device: number, role: ComputeRole, bytes: number, s: LlamaCppSettings) => number;

export interface DeviceBuffers {
  readonly modelBytes: number;
  readonly kvBytes: number;
  /** The compute buffer, calibrated when an adjustment was given. */
  readonly computeBytes: number;
  /** The compute buffer as modelled, before any calibration. */
  readonly uncalibratedComputeBytes: number;
  /** What sets the compute buffer; null when the device has none. */
  readonly computeRole: ComputeRole | null;
  /** Layers (0-based) held here; the output layer is reported separately. */
  readonly layers: readonly number[];
  readonly holdsOutput: boolean;
}

export interface LlamaCppMemory {
  readonly devices: readonly DeviceBuffers[];
  readonly host: { readonly modelBytes: number; readonly kvBytes: number };
  /** The tensor split actually used (normalised), for the generated command. */
  readonly split: readonly number[];
  /** Per layer, the device index or −1 for the CPU; index n_layer is the output layer. */
  readonly placement: readonly number[];
}

/** Device for each layer index 0..n_layer (the last is the output layer), −1 = CPU. */
export function assignLayers(nLayer: number, ngl: number | null, split: readonly number[]): number[] {
  const gpuLayers = Math.min(ngl ?? nLayer + 1, nLayer + 1);
  const start = Math.max(nLayer - gpuLayers, 0);
  const total = split.reduce((a, b) => a + b, 0);
  const cumulative = split.map((_, i) => split.slice(0, i + 1).reduce((a, b) => a + b, 0) / total);
  return Array.from({ length: nLayer + 1 }, (_, il) => {
    if (il < start || il - start >= gpuLayers || split.length === 0) return -1;
    const fraction = (il - start) / gpuLayers;
    const device = cumulative.findIndex((c) => c > fraction);
    return device === -1 ? split.length - 1 : device;
  });
}

const MIB = 1024 * 1024;

/** Compute buffer of one device: attention scratch (or logits on the output device) + FFN and residual scratch. */
export function computeBufferBytes(
  model: EngineModel,
  s: LlamaCppSettings,
  holdsOutput: boolean,
  cells: number,
): number {
  const spec = model.spec;
  const ub = s.ubatch;
  const qWidth = spec.attentionHeads * spec.headDim;
  const attention = s.flashAttention
    ? 2 * qWidth * ub * 4
    : spec.attentionHeads * cells * ub * 4 + cells * ub * 2 + 2 * qWidth * ub * 4;
  const logits = holdsOutput ? spec.vocabSize * ub * 4 : 0;
  const ffnWidth = spec.experts
    ? spec.experts.expertIntermediateSize * spec.experts.active
    : spec.intermediateSize;
  const bytes = Math.max(attention, logits) + ffnWidth * ub * 4 + spec.hiddenSize * ub * 4;
  // Devices without the output layer still keep a few hundred MiB (calibration README); never report less.
  return Math.max(bytes, holdsOutput ? 0 : ENGINE.minComputeMiB * MIB);
}

/** Tokens a batch needs before CUDA runs a matmul on a host weight (ggml-cuda.cu GGML_OP_OFFLOAD_MIN_BATCH). */
const OP_OFFLOAD_MIN_BATCH = 32;

/**
 * A prompt batch's matmuls run on the first GPU even where their weights sit in RAM: llama.cpp's
 * scheduler hands an op on a host weight to the first GPU backend that offloads it (ggml-backend.cpp,
 * op_offload), which CUDA does from 32 tokens a batch (ggml-cuda.cu GGML_OP_OFFLOAD_MIN_BATCH, default
 * 32; ggml-org/llama.cpp @3f545bec). Each such weight is copied into that GPU's compute buffer — one at a
 * time: a copied weight starts a new split so the next reuses the memory — beside the activations its
 * matmul gathers (every token once per expert it picked). So the buffer is at least the largest weight
 * matrix left in RAM plus those activations (memory-llama.csv: Qwen3-235B Q6_K with experts in RAM,
 * 774 MiB on CUDA0 against 305 on CUDA1; with -ngl 0, 742 MiB on CUDA0). 0 when nothing is offloaded.
 */
export function offloadedMatmulBytes(
  model: EngineModel,
  s: LlamaCppSettings,
  placement: readonly number[],
): number {
  if (s.ubatch < OP_OFFLOAD_MIN_BATCH) return 0;
  const spec = model.spec;
  const w = model.weights;
  const b = paramBreakdown(spec);
  // A layer's dense bytes hold attention and (dense layers) a gated MLP of three equal matrices.
  const mlpShare = b.denseMlpPerLayer / 3 / Math.max(1, b.attentionPerLayer + b.denseMlpPerLayer);
  let largest = 0;
  for (let il = 0; il < spec.layers; il += 1) {
    const layer = w.layers[il] ?? { denseBytes: 0, expertBytes: 0 };
    const onCpu = (placement[il] ?? -1) < 0;
    if (onCpu || il < s.nCpuMoe) largest = Math.max(largest, layer.expertBytes / 3);
    if (onCpu && layer.expertBytes === 0) largest = Math.max(largest, layer.denseBytes * mlpShare);
  }
  // The output head in RAM (the token embedding itself when they are tied) is a matmul too.
  if ((placement[spec.layers] ?? -1) < 0)
    largest = Math.max(largest, w.tiedOutput ? w.tokenEmbdBytes : w.outputBytes);
  if (largest === 0) return 0;
  const e = spec.experts;
  const gathered = e
    ? e.active * (spec.hiddenSize + e.expertIntermediateSize) + spec.hiddenSize
    : spec.intermediateSize + spec.hiddenSize;
  return largest + s.ubatch * gathered * 4;
}

/** Default split: in proportion to each GPU's free memory (llama.cpp's behaviour without `-ts`). */
export function defaultSplit(freeMiB: readonly number[]): number[] {
  return freeMiB.map((m) => Math.max(m, 0));
}

/** KV cache bytes of each layer with these llama.cpp settings (context × slots, cache types, flash attention). */
export function kvBytesFor(model: EngineModel, s: LlamaCppSettings): number[] {
  return kvBytesPerLayer(model.spec, {
    ctxPerSlot: s.ctx,
    slots: s.parallel,
    ubatch: s.ubatch,
    typeK: s.cacheTypeK,
    typeV: s.cacheTypeV,
    llamaBuild: s.llamaBuild ?? null,
  });
}

/** Which buffer dominates a device's compute memory, and its size (llamaCppMemory's rule). */
export function computeOf(
  device: number,
  own: number,
  offloaded: number,
  holdsOutput: boolean,
): { bytes: number; role: ComputeRole | null } {
  // The first GPU also runs the prompt's matmuls on weights left in RAM (offloadedMatmulBytes).
  if (device === 0 && offloaded > own) return { bytes: offloaded, role: 'offload' };
  if (own <= 0) return { bytes: 0, role: null };
  return { bytes: own, role: holdsOutput ? 'output' : 'layers' };
}

export function llamaCppMemory(
  model: EngineModel,
  s: LlamaCppSettings,
  freeMiB: readonly number[],
  adjust?: ComputeAdjust | null,
): LlamaCppMemory {
  const nLayer = model.spec.layers;
  const split = s.tensorSplit ?? defaultSplit(freeMiB);
  const placement = assignLayers(nLayer, s.ngl, split);
  const kv = kvBytesFor(model, s);
  const w = model.weights;
  const host = { modelBytes: w.tokenEmbdBytes, kvBytes: 0 };
  const devices = split.map(() => ({
    modelBytes: 0,
    kvBytes: 0,
    layers: [] as number[],
    holdsOutput: false,
  }));
  for (let il = 0; il < nLayer; il += 1) {
    const layer = w.layers[il] ?? { denseBytes: 0, expertBytes: 0 };
    const device = devices[placement[il] ?? -1];
    const expertsOnCpu = il < s.nCpuMoe;
    if (!device) {
      host.modelBytes += layer.denseBytes + layer.expertBytes;
      host.kvBytes += kv[il] ?? 0;
      continue;
    }
    device.modelBytes += layer.denseBytes + (expertsOnCpu ? 0 : layer.expertBytes);
    if (expertsOnCpu) host.modelBytes += layer.expertBytes;
    if (s.kvOnHost) host.kvBytes += kv[il] ?? 0;
    else device.kvBytes += kv[il] ?? 0;
    device.layers.push(il);
  }
  const outputDevice = devices[placement[nLayer] ?? -1];
  if (outputDevice) {
    outputDevice.modelBytes += w.outputBytes;
    outputDevice.holdsOutput = true;
  } else host.modelBytes += w.tiedOutput ? 0 : w.outputBytes;
  const cells = s.ctx * s.parallel;
  const total = split.reduce((a, b) => a + b, 0) || 1;
  const offloaded = offloadedMatmulBytes(model, s, placement);
  return {
    devices: devices.map((d, i) => {
      const own =
        d.layers.length > 0 || d.holdsOutput ? computeBufferBytes(model, s, d.holdsOutput, cells) : 0;
      const { bytes, role } = computeOf(i, own, offloaded, d.holdsOutput);
      const computeBytes = adjust && role ? adjust(i, role, bytes, s) : bytes;
      return { ...d, computeBytes, uncalibratedComputeBytes: bytes, computeRole: role };
    }),
    host,
    split: split.map((x) => x / total),
    placement,
  };
}
