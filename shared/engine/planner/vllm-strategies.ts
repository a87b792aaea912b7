/**
 * vLLM and SGLang: tensor parallel inside a node, pipeline parallel across the rest. Rules
 * (../shared/RUNTIMES.md): attention heads % TP == 0 (vllm/config/model.py verify_with_parallel_config);
 * KV heads divisible by TP, or TP a multiple of them (then KV heads are replicated); no NVLink →
 * prefer PP over TP (docs/serving/parallelism_scaling.md); no Apple GPUs.
 */
import type { EngineGpu } from '../machine';
import { balancedStageLayers, vllmMemory } from '../vllm-memory';
import { decodeTensorParallel, networkHopSeconds, prefillRate, type Range } from '../speed';
import { ENGINE } from '../thresholds';
import type { GpuUse, PlanRequest, Runtime, Strategy } from './plan-types';
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

/** Stages run one after another: their per-token times add, plus the network hand-offs between machines. */
function combine(stageRates: readonly (Range | null)[], networkSeconds: number): Range | null {
  if (stageRates.some((r) => r === null)) return null;
  const inv = (pick: (r: Range) => number) =>
    1 / ((stageRates as Range[]).reduce((s, r) => s + 1 / pick(r), 0) + networkSeconds);
  const widen = networkSeconds > 0 ? ENGINE.clusterDecodeBand - ENGINE.decodeBand : 0;
  return {
    expected: inv((r) => r.expected),
    low: inv((r) => r.low) * (1 - widen),
    high: inv((r) => r.high) * (1 + widen),
  };
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
  const util = req.gpuMemoryUtilization ?? ENGINE.vllmGpuMemoryUtilization;
  const settings = {
    tensorParallel: tp,
    pipelineParallel: pp,
    gpuMemoryUtilization: util,
    kvBytesPerElement: 2,
    ctx: req.ctx,
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
  let first = 0;
  const stageRates = mem.stageLayers.map((count, stage) => {
    const layers = model.weights.layers.slice(first, first + count);
    first += count;
    const bytes =
      layers.reduce((s, l) => s + l.denseBytes + l.expertBytes * active, 0) +
      (stage === pp - 1 ? model.weights.outputBytes : 0);
    const ranks = used.slice(stage * tp, stage * tp + tp).map((g) => ({ gpu: g.index, bytes: bytes / tp }));
    return decodeTensorParallel(ranks, count, model.spec.hiddenSize, machine, runtime, req.concurrency);
  });
  const stageFirsts = Array.from({ length: pp }, (_, stage) => used[stage * tp]?.index ?? 0);
  const network = networkHopSeconds(machine, stageFirsts, model.spec.hiddenSize, 'pipeline');
  const decode = combine(
    stageRates.map((r) => r.decode),
    network,
  );
  const limit = stageRates.every((r) => r.limitTokPerSec)
    ? 1 / stageRates.reduce((s, r) => s + 1 / (r.limitTokPerSec ?? 1), 0)
    : null;
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
    prefillTokPerSec: prefillRate(used, model.spec.activeParamsB, tp, {
      machine,
      hiddenSize: model.spec.hiddenSize,
      layers: model.spec.layers,
      tensorParallel: tp,
    }),
    limitTokPerSec: limit,
    bottleneck: stageRates[0]?.bottleneck ?? '',
    maxContext: invalid
      ? 0
      : Math.min(mem.kvTokens, model.spec.extendedContext?.tokens ?? model.spec.maxContext),
    reasons,
    warnings,
    llama: null,
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
