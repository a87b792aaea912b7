/**
 * llama.cpp (and Ollama, which runs llama.cpp underneath) strategies: one GPU, layer split, row
 * split, tensor mode, and partial offload to system RAM — each sized with llama-cpp-memory and timed
 * with speed. Runtime rules from ../shared/RUNTIMES.md (docs/multi-gpu.md).
 */
import type { EngineGpu } from '../machine';
import type { EngineModel } from '../../model-import/model-weights';
import {
  DEFAULT_LLAMA_SETTINGS,
  llamaCppMemory,
  type LlamaCppMemory,
  type LlamaCppSettings,
} from '../llama-cpp-memory';
import { kvBytesPerLayer } from '../kv-cache';
import { decodeSequential, decodeTensorParallel, prefillRate, type DeviceLoad } from '../speed';
import { ENGINE } from '../thresholds';
import type { GpuUse, PlanRequest, Runtime, SplitMode, Strategy } from './plan-types';

const MIB = 1024 * 1024;
const toMiB = (b: number): number => Math.round(b / MIB);

/** Architectures llama.cpp's experimental `-sm tensor` refuses (docs/multi-gpu.md allow-list). */
const TENSOR_MODE_EXCLUDED = new Set([
  'deepseek2',
  'olmoe',
  'nemotron_h',
  'granitehybrid',
  'jamba',
  'mamba',
  'gemma3n',
  'olmo2',
  't5',
]);

export function settingsFor(req: PlanRequest, overrides: Partial<LlamaCppSettings> = {}): LlamaCppSettings {
  return { ...DEFAULT_LLAMA_SETTINGS, ctx: req.ctx, ...overrides, ...req.llama } as LlamaCppSettings;
}

function gpuUse(gpu: EngineGpu, weights: number, kv: number, compute: number): GpuUse {
  const overheadMiB = gpu.vendor === 'apple' ? 0 : ENGINE.cudaContextMiB;
  const parts = { weightsMiB: toMiB(weights), kvCacheMiB: toMiB(kv), computeMiB: toMiB(compute) };
  return {
    index: gpu.index,
    name: gpu.name,
    capacityMiB: gpu.capacityMiB,
    ...parts,
    overheadMiB,
    totalMiB: parts.weightsMiB + parts.kvCacheMiB + parts.computeMiB + overheadMiB,
  };
}

export const fitsAll = (uses: readonly GpuUse[]): boolean =>
  uses.every((u) => u.totalMiB <= u.capacityMiB - ENGINE.fitMarginMiB);

/** Bytes each device reads per token for a layer placement (active experts only; KV at the decode depth). */
function loadsFor(
  model: EngineModel,
  mem: LlamaCppMemory,
  s: LlamaCppSettings,
  gpus: readonly EngineGpu[],
): DeviceLoad[] {
  const active = model.spec.experts ? model.spec.experts.active / model.spec.experts.total : 1;
  const depth = Math.min(s.ctx, 2048) / (s.ctx * s.parallel);
  const kv = kvBytesPerLayer(model.spec, {
    ctxPerSlot: s.ctx,
    slots: s.parallel,
    ubatch: s.ubatch,
    typeK: s.cacheTypeK,
    typeV: s.cacheTypeV,
    flashAttention: s.flashAttention,
  });
  const loads = new Map<number | null, { bytes: number; layers: number }>();
  mem.placement.forEach((device, il) => {
    const key = device === -1 ? null : (gpus[device]?.index ?? null);
    const entry = loads.get(key) ?? { bytes: 0, layers: 0 };
    if (il === model.spec.layers) entry.bytes += model.weights.outputBytes;
    else {
      const layer = model.weights.layers[il];
      entry.bytes +=
        (layer?.denseBytes ?? 0) +
        (il < s.nCpuMoe ? 0 : (layer?.expertBytes ?? 0) * active) +
        (kv[il] ?? 0) * depth;
      entry.layers += 1;
    }
    loads.set(key, entry);
  });
  if (s.nCpuMoe > 0) {
    const cpu = loads.get(null) ?? { bytes: 0, layers: 0 };
    for (let il = 0; il < Math.min(s.nCpuMoe, model.spec.layers); il += 1)
      cpu.bytes += (model.weights.layers[il]?.expertBytes ?? 0) * active;
    loads.set(null, cpu);
  }
  return [...loads.entries()].map(([gpu, l]) => ({ gpu, bytesPerToken: l.bytes, layers: l.layers }));
}

interface Sized {
  readonly uses: GpuUse[];
  readonly mem: LlamaCppMemory;
}

function sizeLayer(model: EngineModel, s: LlamaCppSettings, gpus: readonly EngineGpu[]): Sized {
  const free = gpus.map((g) => g.capacityMiB - ENGINE.cudaContextMiB);
  const mem = llamaCppMemory(model, s, free);
  return {
    mem,
    uses: gpus.map((g, i) =>
      gpuUse(
        g,
        mem.devices[i]?.modelBytes ?? 0,
        mem.devices[i]?.kvBytes ?? 0,
        mem.devices[i]?.computeBytes ?? 0,
      ),
    ),
  };
}

/** Largest `-ngl` (or smallest `--n-cpu-moe` for MoE models) that fits; null when even 0 GPU layers fail. */
export function chooseOffload(
  model: EngineModel,
  req: PlanRequest,
  gpus: readonly EngineGpu[],
): Partial<LlamaCppSettings> | null {
  if (req.llama.ngl !== undefined || req.llama.nCpuMoe !== undefined) return {};
  const fits = (o: Partial<LlamaCppSettings>) => fitsAll(sizeLayer(model, settingsFor(req, o), gpus).uses);
  if (model.spec.experts) {
    for (let n = 0; n <= model.spec.layers; n += 1) if (fits({ nCpuMoe: n })) return { nCpuMoe: n };
  }
  for (let ngl = model.spec.layers + 1; ngl >= 0; ngl -= 1) if (fits({ ngl })) return { ngl };
  return null;
}

function maxContextFor(model: EngineModel, check: (ctx: number) => boolean): number {
  const ceiling = model.spec.extendedContext?.tokens ?? model.spec.maxContext;
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
    req.machine.ramMiB === null || toMiB(mem.host.modelBytes + mem.host.kvBytes) <= req.machine.ramMiB * 0.9
  );
}

/** Strategies sized and launched with a pinned `--tensor-split`: llama.cpp's layer split and CPU offload. */
export const takesTensorSplit = (runtime: Runtime, split: SplitMode): boolean =>
  runtime === 'llama.cpp' && (split === 'layer' || split === 'offload');

/**
 * The pins this strategy can honour. A pinned `--tensor-split` is one share per GPU in order, so it
 * only means something for a llama.cpp layer split (or offload) over exactly that many GPUs: applied
 * to one GPU or to more GPUs it would place layers on devices the strategy does not have. Ollama and
 * ExLlamaV2 pick their own split (ollama #7047), and row / tensor mode are sized evenly here.
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

export function llamaStrategy(
  asked: PlanRequest,
  runtime: Runtime,
  split: SplitMode,
  gpus: readonly EngineGpu[],
): Strategy {
  const pins = pinsFor(asked, runtime, split, gpus);
  const req: PlanRequest = { ...asked, llama: pins.llama };
  const { model, machine } = req;
  const reasons: string[] = [];
  const warnings: string[] = pins.note ? [pins.note] : [];
  const parallel = split === 'row' || split === 'tensor';
  let invalid = gpus.length === 0;
  if (parallel && model.spec.experts && split === 'row') {
    invalid = true;
    reasons.push('row split works on dense weights only; this is a MoE model');
  }
  if (split === 'tensor' && TENSOR_MODE_EXCLUDED.has(model.spec.arch)) {
    invalid = true;
    reasons.push(
      `llama.cpp's tensor mode does not support the ${model.spec.arch} architecture (docs/multi-gpu.md)`,
    );
  }
  const offload = split === 'offload' ? chooseOffload(model, req, gpus) : {};
  const s = settingsFor(req, { ...(offload ?? {}), ...(split === 'tensor' ? { flashAttention: true } : {}) });
  if (split === 'tensor' && !['f16', 'bf16', 'f32'].includes(s.cacheTypeK)) {
    invalid = true;
    reasons.push('tensor mode needs an unquantized KV cache (f16/bf16/f32)');
  }
  const sized = parallel ? sizeParallel(model, s, gpus, split) : sizeLayer(model, s, gpus);
  const loads = loadsFor(model, sized.mem, s, gpus);
  const activeB = model.spec.activeParamsB;
  const speed = parallel
    ? decodeTensorParallel(
        gpus.map((g) => ({
          gpu: g.index,
          bytes: loads.reduce((a, l) => a + l.bytesPerToken, 0) / gpus.length,
        })),
        model.spec.layers,
        model.spec.hiddenSize,
        machine,
        runtime,
        req.concurrency,
        split === 'row',
      )
    : decodeSequential(loads, machine, runtime, Math.min(req.concurrency, s.parallel));
  const fits = !invalid && fitsAll(sized.uses) && hostFits(req, sized.mem);
  if (split === 'offload' && offload === null)
    reasons.push('does not fit even with every layer in system RAM');
  const hostMiB = toMiB(sized.mem.host.modelBytes);
  if (hostMiB > 1024 && split === 'offload')
    reasons.push(
      `${(hostMiB / 1024).toFixed(1)} GiB of weights stay in system RAM and are read at its bandwidth every token`,
    );
  if (!fits && !invalid) reasons.push(shortfall(sized.uses));
  if (gpus.length > 1 && !parallel)
    reasons.push(
      'layer split: each GPU holds a slice of the layers and they run one after another — more memory, not more speed; the link carries only a few KB per token',
    );
  if (split === 'row')
    warnings.push(
      'row split is deprecated in llama.cpp (docs/multi-gpu.md) and usually decodes slower than layer split over PCIe',
    );
  if (split === 'tensor')
    warnings.push(
      'tensor mode is experimental in llama.cpp: it needs flash attention, an f16/bf16 KV cache, --fit off, and NCCL for good speed (docs/multi-gpu.md)',
    );
  if (parallel)
    warnings.push(
      'llama.cpp keeps peer-to-peer off unless GGML_CUDA_P2P=1 (PR #21910): without it the per-layer traffic goes through system memory',
    );
  const check = (ctx: number) =>
    fitsAll(
      (parallel ? sizeParallel(model, { ...s, ctx }, gpus, split) : sizeLayer(model, { ...s, ctx }, gpus))
        .uses,
    );
  return {
    id: `${runtime}:${split}`,
    runtime,
    split,
    tensorParallel: parallel ? gpus.length : 1,
    pipelineParallel: parallel ? 1 : Math.max(1, gpus.length),
    fits,
    invalid,
    perGpu: sized.uses,
    hostWeightsMiB: hostMiB,
    hostKvCacheMiB: toMiB(sized.mem.host.kvBytes),
    kvCacheTokens: s.ctx * s.parallel,
    maxConcurrency: s.parallel,
    decodeTokPerSec: speed.decode,
    prefillTokPerSec: prefillRate(gpus, activeB, parallel ? gpus.length : 1),
    limitTokPerSec: speed.limitTokPerSec,
    bottleneck: speed.bottleneck,
    maxContext: invalid ? 0 : maxContextFor(model, check),
    reasons,
    warnings,
    llama: { ...s, tensorSplit: sized.mem.split.map((x) => Math.round(x * 1000) / 1000) },
    gpuIndices: gpus.map((g) => g.index),
  };
}

/** Row / tensor mode: weights split evenly (row keeps KV and scratch on the main GPU, tensor splits KV too). */
function sizeParallel(
  model: EngineModel,
  s: LlamaCppSettings,
  gpus: readonly EngineGpu[],
  split: SplitMode,
): Sized {
  const mem = llamaCppMemory(model, { ...s, tensorSplit: [1] }, [1]);
  const only = mem.devices[0];
  const n = gpus.length;
  const uses = gpus.map((g, i) => {
    const kv = split === 'tensor' ? (only?.kvBytes ?? 0) / n : i === 0 ? (only?.kvBytes ?? 0) : 0;
    return gpuUse(g, (only?.modelBytes ?? 0) / n, kv, only?.computeBytes ?? 0);
  });
  return {
    uses,
    mem: { ...mem, split: gpus.map(() => 1 / n), placement: mem.placement.map((d) => (d === -1 ? -1 : 0)) },
  };
}

export function shortfall(uses: readonly GpuUse[]): string {
  const worst = uses.reduce((w, u) => (u.totalMiB - u.capacityMiB > w.totalMiB - w.capacityMiB ? u : w));
  return `GPU ${worst.index} (${worst.name}) needs ${(worst.totalMiB / 1024).toFixed(1)} GiB but has ${(worst.capacityMiB / 1024).toFixed(1)} GiB`;
}
