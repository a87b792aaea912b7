/**
 * vLLM and SGLang: tensor parallel inside a node, pipeline parallel across the rest. Rules
 * (../shared/RUNTIMES.md): attention heads % TP == 0 (vllm/config/model.py verify_with_parallel_config);
 * KV heads divisible by TP, or TP a multiple of them (then KV heads are replicated); no NVLink →
 * prefer PP over TP (docs/serving/parallelism_scaling.md); no Apple GPUs.
 */
import type { EngineGpu } from '../machine';
import { isFullAttentionLayer, kvBytesPerTokenAllLayers } from '../kv-cache';
import { overheadCalibration } from '../calibrated-buffers';
import { balancedStageLayers, sglangMemFractionStatic, vllmMemory, vllmServeDefaults } from '../vllm-memory';
import {
  decodeRange,
  decodeRate,
  decodeTensorParallel,
  networkHopSeconds,
  prefillRate,
  type Range,
  type SpeedTerm,
  type StepModel,
} from '../speed';
import { ENGINE } from '../thresholds';
import type { GpuUse, PlanRequest, Runtime, Strategy } from './plan-types';
import { decodeDepth } from './defaults';
import { fitsAll, shortfall } from './llama-cpp-strategies';

const MIB = 1024 * 1024;
const toMiB = (b: number): number => Math.round(b / MIB);

/** Why vLLM refuses this TP size, or null when it accepts it. */
export function tensorParallelProblem(
  heads: number,
  kvHeads: number,
  tp: number,
  runtime = 'vLLM',
): string | null {
  if (heads % tp !== 0)
    return `Total number of attention heads (${heads}) must be divisible by tensor parallel size (${tp}) — ${runtime} refuses TP ${tp} for this model`;
  if (kvHeads >= tp ? kvHeads % tp !== 0 : tp % kvHeads !== 0)
    return `${kvHeads} KV heads cannot be split over ${tp} GPUs (they must divide, or be a divisor of, the TP size)`;
  return null;
}

/**
 * Stages run one after another: their per-step times add, plus the network hand-offs between machines,
 * and the runtime's fixed per-step time counts once. Null when a stage's speed is unknown.
 */
export function pipelineModel(
  stages: readonly (StepModel | null)[],
  networkSeconds: number,
): StepModel | null {
  if (stages.length === 0 || stages.some((m) => m === null)) return null;
  const models = stages as StepModel[];
  const isStep = (t: SpeedTerm) => t.keys.length === 1 && t.keys[0]?.startsWith('step.');
  return {
    memory: [
      ...models.flatMap((m, i) => (i === 0 ? m.memory : m.memory.filter((t) => !isStep(t)))),
      ...(networkSeconds > 0 ? [{ coef: networkSeconds, keys: [], part: 'network' as const }] : []),
    ],
    compute: models.flatMap((m) => m.compute),
    sequences: models[0]?.sequences ?? 1,
  };
}

function pipelineRange(model: StepModel | null, networkSeconds: number): Range | null {
  if (!model) return null;
  return decodeRange(decodeRate(model), networkSeconds > 0);
}

export function vllmStrategy(
  req: PlanRequest,
  runtime: Runtime,
  gpus: readonly EngineGpu[],
  tp: number,
  pp: number,
): Strategy {
  const { model, machine } = req;
  const reasons: string[] = [];
  const warnings: string[] = [];
  const problem = tensorParallelProblem(model.spec.attentionHeads, model.spec.kvHeads, tp);
  let invalid = problem !== null || gpus.length < tp * pp;
  if (problem) reasons.push(problem);
  if (gpus.some((g) => g.vendor === 'apple')) {
    invalid = true;
    reasons.push(`${runtime} does not run on Apple GPUs; use llama.cpp or MLX`);
  }
  if (model.quant && model.quant.format === 'gguf' && !/^(F16|BF16|F32)$/i.test(model.quant.id))
    warnings.push(
      `${runtime} is built for awq/gptq/fp8 checkpoints; GGUF loading is experimental — prefer llama.cpp for ${model.quantLabel}`,
    );
  const used = gpus.slice(0, tp * pp);
  const sglang = runtime === 'sglang';
  // SGLang's --mem-fraction-static holds the weights and the KV pool only; its default follows the card.
  const util =
    req.gpuMemoryUtilization ??
    (sglang
      ? sglangMemFractionStatic(Math.min(...used.map((g) => g.capacityMiB)), tp, pp)
      : ENGINE.vllmGpuMemoryUtilization);
  // The plan's 8- or 4-bit KV type is fp8 here (vLLM and SGLang quantize the KV cache to fp8 only).
  const kvCacheFp8 = /^(q|iq)/.test(req.llama.cacheTypeK ?? '');
  const kvBytesPerElement = kvCacheFp8 ? 1 : 2;
  // The machine's own start-up logs: the overhead their KV pools implied, per kind of GPU.
  const calibration = overheadCalibration(machine, runtime, used, model, {
    ctx: req.ctx,
    batchTokens: used.map((g) => vllmServeDefaults(g.capacityMiB, g.name).maxNumBatchedTokens),
  });
  const settings = {
    staticFraction: sglang,
    tensorParallel: tp,
    pipelineParallel: pp,
    gpuMemoryUtilization: util,
    kvBytesPerElement,
    ctx: req.ctx,
    gpuNames: used.map((g) => g.name),
    // The commands pass --max-num-seqs for more than one request at once (build-vllm-command.ts); the
    // sampler's profiling peak follows it.
    ...(req.concurrency > 1 ? { maxNumSeqs: req.concurrency } : {}),
    ...(calibration ? { overheadDeltaBytes: calibration.deltaBytes } : {}),
  };
  const capacities = used.map((g) => g.capacityMiB);
  // Mixed cards over pipeline stages: give the smaller card fewer layers rather than the even split.
  const stageLayers = balancedStageLayers(model, settings, capacities);
  const mem = vllmMemory(model, stageLayers ? { ...settings, stageLayers } : settings, capacities);
  if (stageLayers)
    reasons.push(
      `uneven pipeline stages (${stageLayers.join('+')} layers, VLLM_PP_LAYER_PARTITION): a stage with less room (a smaller card, or the embedding or output layer on top) carries fewer layers, so no stage runs out of KV cache first`,
    );
  if (new Set(used.map((g) => g.spec?.id ?? g.name)).size > 1)
    warnings.push(
      stageLayers
        ? 'mixed GPUs: the ranks inside a stage get the same share, so its smallest card sets that stage'
        : 'mixed GPUs: every rank gets the same share, so the smallest card sets the limit',
    );
  const perGpu: GpuUse[] = used.map((g, i) => {
    const m = mem.gpus[i];
    const weightsMiB = toMiB(m?.weightsBytes ?? 0);
    const overheadMiB = toMiB(m?.overheadBytes ?? 0);
    // vLLM fills `--gpu-memory-utilization` of the card and no more (vllm/config/cache.py): the KV pool
    // takes whatever the weights and the overhead leave of that budget.
    const budgetMiB = Math.floor(g.capacityMiB * util);
    const kvCacheMiB = Math.max(0, budgetMiB - weightsMiB - overheadMiB);
    return {
      index: g.index,
      name: g.name,
      capacityMiB: g.capacityMiB,
      budgetMiB,
      weightsMiB,
      kvCacheMiB,
      computeMiB: 0,
      overheadMiB,
      totalMiB: weightsMiB + kvCacheMiB + overheadMiB,
    };
  });
  const memoryCalibration = calibration?.applied(mem.gpus.map((m) => m.overheadBytes / MIB)) ?? null;
  if (memoryCalibration) reasons.push(memoryCalibration.summary);
  const enoughKv = mem.kvTokens >= req.ctx;
  const fits = !invalid && enoughKv && fitsAll(perGpu);
  if (!invalid && !enoughKv)
    reasons.push(
      mem.kvTokens <= 0
        ? shortfall(perGpu.map((u) => ({ ...u, totalMiB: u.weightsMiB + u.overheadMiB })))
        : `the KV pool holds ${mem.kvTokens} tokens, less than one ${req.ctx}-token request`,
    );
  const nodes = new Set(used.map((g) => g.node ?? 0)).size;
  if (nodes > 1)
    reasons.push(
      `${nodes} machines over ${machine.network?.name ?? 'the network'}: tensor parallel inside each machine, pipeline parallel across them (the vLLM docs' layout); every token crosses the network ${nodes - 1} time${nodes > 2 ? 's' : ''} between stages`,
    );
  if (
    pp > 1 &&
    tp === 1 &&
    !used.some(
      (g, i) =>
        i > 0 && machine.links.some((l) => l.kind === 'nvlink' && (l.a === g.index || l.b === g.index)),
    )
  ) {
    reasons.push(
      'pipeline parallel: each GPU runs its stage in turn and hands one hidden state to the next (the vLLM docs suggest it over TP where there is no NVLink; the ranking here weighs both on these links)',
    );
  }
  const active = model.spec.experts ? model.spec.experts.active / model.spec.experts.total : 1;
  // Each sequence reads its KV cache up to its depth: per rank, its share of the KV heads of the stage's layers.
  const kvPerTokenPerLayer = kvBytesPerTokenAllLayers(model.spec, kvBytesPerElement, tp) / model.spec.layers;
  const kvPerSeq = (count: number) => kvPerTokenPerLayer * count * decodeDepth(req);
  let first = 0;
  const stageRates = mem.stageLayers.map((count, stage) => {
    const layers = model.weights.layers.slice(first, first + count);
    first += count;
    const bytes =
      layers.reduce((s, l) => s + l.denseBytes, 0) + (stage === pp - 1 ? model.weights.outputBytes : 0);
    const expertBytes = layers.reduce((s, l) => s + l.expertBytes, 0);
    let linearLayers = 0;
    for (let il = first - count; il < first; il += 1)
      if (!isFullAttentionLayer(model.spec, il)) linearLayers += 1;
    const ranks = used.slice(stage * tp, stage * tp + tp).map((g) => ({
      gpu: g.index,
      bytes: bytes / tp,
      expertBytes: expertBytes / tp,
      expertShare: active,
      linearLayers,
      kvBytesPerSeq: kvPerSeq(count),
    }));
    return decodeTensorParallel(ranks, count, model.spec.hiddenSize, machine, runtime, {
      concurrency: req.concurrency,
      flopsPerToken: (2 * model.spec.activeParamsB * 1e9 * count) / model.spec.layers,
    });
  });
  const stageFirsts = Array.from({ length: pp }, (_, stage) => used[stage * tp]?.index ?? 0);
  const network = networkHopSeconds(machine, stageFirsts, model.spec.hiddenSize, 'pipeline');
  const step = pipelineModel(
    stageRates.map((r) => r.model),
    network,
  );
  const decode = pipelineRange(step, network);
  const limit = stageRates.every((r) => r.limitTokPerSec)
    ? 1 / stageRates.reduce((s, r) => s + 1 / (r.limitTokPerSec ?? 1), 0)
    : null;
  const prefill = prefillRate(used, model.spec.activeParamsB, tp, {
    machine,
    hiddenSize: model.spec.hiddenSize,
    layers: model.spec.layers,
    tensorParallel: tp,
    attentionWidth: model.spec.attentionHeads * model.spec.headDim,
    promptTokens: req.prompt?.tokens ?? 512,
    depth: req.prompt?.depth ?? 0,
    runtime,
    moe: model.spec.experts !== null,
  });
  return {
    id: `${runtime}:${pp > 1 ? (tp > 1 ? `tp${tp}-pp${pp}` : `pp${pp}`) : `tp${tp}`}`,
    runtime,
    split: pp > 1 && tp === 1 ? 'pp' : 'tp',
    tensorParallel: tp,
    pipelineParallel: pp,
    fits,
    fit: fits ? 'gpu' : 'none',
    ramOffloadMiB: 0,
    blockers: [],
    nodes,
    invalid,
    perGpu,
    hostWeightsMiB: 0,
    hostKvCacheMiB: 0,
    kvCacheTokens: mem.kvTokens,
    maxConcurrency: mem.maxConcurrency,
    decodeTokPerSec: decode,
    prefillTokPerSec: prefill?.range ?? null,
    prefillModel: prefill?.model ?? null,
    limitTokPerSec: limit,
    decodeModel: step,
    bottleneck: stageRates[0]?.bottleneck ?? '',
    maxContext: invalid
      ? 0
      : Math.min(mem.kvTokens, model.spec.extendedContext?.tokens ?? model.spec.maxContext),
    reasons,
    warnings,
    llama: null,
    ...(memoryCalibration ? { memoryCalibration } : {}),
    ...(kvCacheFp8 ? { kvCacheFp8 } : {}),
    ...(stageLayers ? { stageLayers } : {}),
    gpuIndices: used.map((g) => g.index),
  };
}

/** Every (TP, PP) with TP × PP = GPU count that vLLM could run, plus single-GPU TP 1. */
export function parallelLayouts(gpuCount: number): { tp: number; pp: number }[] {
  const out: { tp: number; pp: number }[] = [];
  for (let tp = 1; tp <= gpuCount; tp += 1) if (gpuCount % tp === 0) out.push({ tp, pp: gpuCount / tp });
  if (gpuCount > 1) out.push({ tp: 1, pp: 1 });
  return out;
}

/**
 * Layouts over several machines: TP inside each machine (it divides every machine's GPU count, so
 * each stage sits on one machine: vLLM assumes the same TP in every stage), PP over all the GPUs.
 * TP across machines is left out: its two all-reduces per layer over Ethernet cost more than the
 * weights take to read (vLLM docs: efficient cross-node TP needs InfiniBand-class networking).
 */
export function clusterLayouts(gpusPerNode: readonly number[]): { tp: number; pp: number }[] {
  const total = gpusPerNode.reduce((a, b) => a + b, 0);
  const smallest = Math.min(...gpusPerNode);
  const out: { tp: number; pp: number }[] = [];
  for (let tp = 1; tp <= smallest; tp += 1)
    if (gpusPerNode.every((n) => n % tp === 0)) out.push({ tp, pp: total / tp });
  return out;
}
