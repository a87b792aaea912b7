/**
 * Tokens per second. Decoding one step reads every active weight once, plus each sequence's KV cache up
 * to its depth, so its floor is bytes ÷ memory bandwidth. What each strategy does to that:
 * - layer split runs the GPUs one after another: times add (more memory, not more speed);
 * - tensor parallel reads the shards at the same time but pays two all-reduces per layer, each a ring of
 *   2 × (TP − 1) steps over the slowest link;
 * - layers, experts or the KV cache left in system RAM are read at RAM bandwidth;
 * - MoE models read only the routed experts in use;
 * - several sequences at once share the weight read and add their own KV reads, until the batch turns
 *   compute-bound.
 * Each part is a term: a physical coefficient (seconds of reads at the card's bandwidth, layers, ring
 * steps) times fitted parameters (speed-params.ts), so the calibration can refit them and score the
 * model on sources it was not fitted to.
 */
import { decodeLossAt } from './checks/power-limit-loss';
import { formatGBs } from './format-bandwidth';
import { allReduceBytes, allReduceBytesPerToken } from './link-traffic';
import type { EngineGpu, EngineLink, EngineMachine } from './machine';
import { SPEED_FIT, SPEED_PARAMS, type SpeedParamKey, type SpeedParams } from './speed-params';
import { ENGINE, PCIE_LANE_GBS } from './thresholds';

export type SpeedRuntime = 'llama.cpp' | 'vllm' | 'ollama' | 'sglang' | 'exllamav2';

/** What one device (or the CPU) reads and runs per decode step. */
export interface DeviceLoad {
  /** GPU index, or null for the CPU. */
  readonly gpu: number | null;
  /** Weight bytes read once per step (shared by every sequence in the batch). */
  readonly bytesPerToken: number;
  /** KV cache bytes read per sequence per step (its context so far on this device). */
  readonly kvBytesPerSeq?: number;
  /**
   * Every routed expert's bytes held here (MoE), and the share one token uses (active ÷ experts): a
   * batch reads each expert any of its tokens picked, so the read grows with the batch (expertUnion).
   */
  readonly expertBytes?: number;
  readonly expertShare?: number;
  readonly layers: number;
  /** Of those, layers of linear attention (Gated DeltaNet, Mamba) that update a recurrent state instead of reading a KV cache. */
  readonly linearLayers?: number;
}

/**
 * Share of the experts a batch of `sequences` tokens reads when each token picks `share` of them at
 * random: 1 − (1 − share)^sequences (one token: `share`; many: nearly all).
 */
export const expertUnion = (share: number, sequences: number): number =>
  1 - (1 - share) ** Math.max(1, sequences);

export interface Range {
  readonly expected: number;
  readonly low: number;
  readonly high: number;
}

/** One part of a step's time: `coef` × the product of the named parameters, seconds. */
export interface SpeedTerm {
  readonly coef: number;
  readonly keys: readonly SpeedParamKey[];
  /** Which part it is, for the bottleneck text. */
  readonly part: 'gpu' | 'cpu' | 'overhead' | 'link' | 'network' | 'compute';
}

/**
 * A decode step as terms: memory-side time (reads, overheads, links) and the compute floor of the
 * batch; the step takes the larger. Tokens/s = sequences ÷ step.
 */
export interface StepModel {
  readonly memory: readonly SpeedTerm[];
  readonly compute: readonly SpeedTerm[];
  readonly sequences: number;
}

export interface SpeedEstimate {
  readonly decode: Range | null;
  readonly prefill: Range | null;
  /** Physical ceiling: bandwidth over bytes per token, ignoring every overhead. */
  readonly limitTokPerSec: number | null;
  /** What bounds decode, in words. */
  readonly bottleneck: string;
  /** The step as terms, to re-evaluate with other parameters (calibration); null when unknown. */
  readonly model: StepModel | null;
}

/**
 * The range a decode estimate carries: the out-of-fold spread of measured ÷ predicted in the
 * calibration (10th–90th percentile, speed-params.fitted.json `band`), widened to ±40 % for plans that
 * cross a network (few multi-node measurements exist); ±25 % before any fit.
 */
export function decodeRange(value: number, overNetwork = false): Range {
  if (overNetwork)
    return {
      expected: value,
      low: value * (1 - ENGINE.clusterDecodeBand),
      high: value * (1 + ENGINE.clusterDecodeBand),
    };
  const band = SPEED_FIT.band ?? { low: 1 - ENGINE.decodeBand, high: 1 + ENGINE.decodeBand };
  return { expected: value, low: value * Math.min(1, band.low), high: value * Math.max(1, band.high) };
}

const termSeconds = (t: SpeedTerm, p: SpeedParams): number => t.keys.reduce((v, k) => v * p[k], t.coef);
const sumSeconds = (terms: readonly SpeedTerm[], p: SpeedParams): number =>
  terms.reduce((s, t) => s + termSeconds(t, p), 0);

/** Seconds per decode step under these parameters. */
export function stepSeconds(model: StepModel, p: SpeedParams = SPEED_PARAMS): number {
  return Math.max(sumSeconds(model.memory, p), sumSeconds(model.compute, p));
}

/** Aggregate decode tokens/s of the step model under these parameters. */
export function decodeRate(model: StepModel, p: SpeedParams = SPEED_PARAMS): number {
  return model.sequences / stepSeconds(model, p);
}

/**
 * A decode step of a server under load: each of the `sequences` streams sends a prompt of
 * `promptTokens` for every `outputTokens` it gets back, so while one stream decodes its answer the GPUs
 * also process the other streams' prompts (vLLM and llama-server interleave them with the decode
 * steps). Per step that adds (sequences − 1) × prompt ÷ output prompt tokens at the prompt model's
 * time per token — its larger side (matmuls or reads) under these parameters — to both sides of the
 * step, so a long prompt and a short answer at high concurrency turn decode prompt-bound.
 */
export function withPromptLoad(
  decode: StepModel,
  prefill: StepModel,
  promptTokens: number,
  outputTokens: number,
  p: SpeedParams = SPEED_PARAMS,
): StepModel {
  const others = decode.sequences - 1;
  if (others < 1 || promptTokens <= 0 || outputTokens <= 0) return decode;
  const side =
    sumSeconds(prefill.compute, p) >= sumSeconds(prefill.memory, p) ? prefill.compute : prefill.memory;
  const scale = (others * promptTokens) / outputTokens / prefill.sequences;
  const load = side.map((t) => ({ ...t, coef: t.coef * scale, part: 'compute' as const }));
  return { ...decode, memory: [...decode.memory, ...load], compute: [...decode.compute, ...load] };
}

type Family = 'llama' | 'vllm' | 'exl';
const familyOf = (runtime: SpeedRuntime): Family =>
  runtime === 'vllm' || runtime === 'sglang' ? 'vllm' : runtime === 'exllamav2' ? 'exl' : 'llama';

/**
 * Share of the card's default decode speed left at its power limit: decode is memory-bound, so a
 * moderate limit costs little (check-thresholds `powerLimitLoss`, a sweep on RTX 3090s).
 */
export function powerLimitFactor(gpu: EngineGpu): number {
  const { limitW, defaultW } = gpu.power;
  if (!limitW || !defaultW || limitW >= defaultW) return 1;
  return 1 - decodeLossAt(limitW / defaultW);
}

/**
 * Host time per token of the program serving the model, beyond the runtime's own step. ExLlama is
 * planned behind TabbyAPI, the server the generated commands launch (commands/build-exllamav2-command.ts),
 * which streams every token: `host.exl.server`. The calibration drops this term for rows timed by a
 * direct library call (speed-samples.ts `exllamaFrontend`). The other runtimes' step terms hold their own.
 */
export const SERVER_HOST_KEY: SpeedParamKey = 'host.exl.server';
function frontendTerms(family: Family): SpeedTerm[] {
  return family === 'exl' ? [{ coef: 1, keys: [SERVER_HOST_KEY], part: 'overhead' }] : [];
}

function layerKey(gpu: EngineGpu | null, family: Family): SpeedParamKey {
  if (!gpu) return 'layer.cpu';
  if (family === 'vllm') return 'layer.vllm';
  if (family === 'exl') return 'layer.exl';
  if (gpu.vendor === 'apple') return 'layer.metal';
  if (gpu.vendor === 'amd') return 'layer.rocm';
  if (gpu.vendor === 'intel') return 'layer.intel';
  return 'layer.cuda';
}

/** NVIDIA generations with their own fitted factors (decode `arch.*`, prompt `pf.*`), by catalog `arch`. */
const NVIDIA_GENERATION: Readonly<Record<string, string>> = {
  Pascal: 'pascal',
  Volta: 'volta',
  Turing: 'turing',
  Ampere: 'ampere',
  'Ada Lovelace': 'ada',
  Hopper: 'hopper',
  Blackwell: 'blackwell',
};

/** The card's generation (NVIDIA, catalog cards) or vendor (AMD, Intel, Apple) that names its fitted factors; null when none. */
function generationOf(gpu: EngineGpu): string | null {
  if (gpu.vendor !== 'nvidia') return gpu.vendor;
  if (!gpu.spec || gpu.spec.custom) return null;
  return NVIDIA_GENERATION[gpu.spec.arch] ?? null;
}

/** The card generation's own factor (cache sizes and kernel tuning differ by generation), if it has one. */
function archKey(gpu: EngineGpu): SpeedParamKey | null {
  // Apple's bandwidth share is its memory class's own (`bw.apple`).
  const generation = gpu.vendor === 'apple' ? null : generationOf(gpu);
  return generation ? (`arch.${generation}` as SpeedParamKey) : null;
}

function bandwidthKeys(gpu: EngineGpu | null, family: Family): SpeedParamKey[] {
  if (!gpu) return ['bw.cpu'];
  const base: SpeedParamKey = gpu.memoryClass === 'cpu' ? 'bw.cpu' : `bw.${gpu.memoryClass}`;
  const arch = archKey(gpu);
  const keys: SpeedParamKey[] = arch ? [base, arch] : [base];
  return family === 'vllm' ? [...keys, 'fam.vllm'] : family === 'exl' ? [...keys, 'fam.exl'] : keys;
}

/** One device's terms for a step of `sequences`; null when its bandwidth is unknown. */
function deviceTerms(
  load: DeviceLoad,
  machine: EngineMachine,
  runtime: SpeedRuntime,
  sequences: number,
): { terms: SpeedTerm[]; ideal: number } | null {
  const gpu = load.gpu === null ? null : (machine.gpus.find((g) => g.index === load.gpu) ?? null);
  const bandwidth = gpu ? gpu.bandwidthGBs : machine.ramBandwidthGBs;
  if (!bandwidth) return null;
  const family = familyOf(runtime);
  const experts = (load.expertBytes ?? 0) * expertUnion(load.expertShare ?? 0, sequences);
  const bytes = load.bytesPerToken + experts + sequences * (load.kvBytesPerSeq ?? 0);
  const ideal = bytes / (bandwidth * 1e9);
  const part = gpu ? 'gpu' : 'cpu';
  // A power limit lowers the clocks: the sweep behind it measured whole decode steps, reads and kernels alike.
  const slow = gpu ? 1 / powerLimitFactor(gpu) : 1;
  const terms: SpeedTerm[] = [
    { coef: ideal * slow, keys: bandwidthKeys(gpu, family), part },
    { coef: load.layers * slow, keys: [layerKey(gpu, family)], part: 'overhead' },
  ];
  // A linear-attention layer runs more small kernels (convolution, gates, the state update) than an attention layer.
  if (load.linearLayers)
    terms.push({
      coef: load.linearLayers * slow,
      keys: [layerKey(gpu, family), 'lin.ratio'],
      part: 'overhead',
    });
  if (sequences > 1 && load.layers > 0)
    terms.push({ coef: (sequences - 1) * load.layers, keys: [`seq.${family}`], part: 'overhead' });
  return { terms, ideal };
}

/** The compute floor of a step: `sequences` tokens × 2 FLOPs per active parameter over these GPUs. */
function computeTerms(gpus: readonly EngineGpu[], flopsPerToken: number, sequences: number): SpeedTerm[] {
  if (sequences < 2 || flopsPerToken <= 0 || gpus.length === 0) return [];
  if (gpus.some((g) => !g.fp16Tflops)) return [];
  const total = gpus.reduce((s, g) => s + (g.fp16Tflops ?? 0), 0);
  return [{ coef: (sequences * flopsPerToken) / (total * 1e12), keys: ['flops'], part: 'compute' }];
}

/** Layers run one after another: the batch's compute floor is each GPU's share of the layers at its speed. */
function sequentialCompute(
  parts: readonly { l: DeviceLoad }[],
  machine: EngineMachine,
  flopsPerToken: number,
  sequences: number,
): SpeedTerm[] {
  const total = parts.reduce((s, p) => s + p.l.layers, 0);
  if (sequences < 2 || flopsPerToken <= 0 || total === 0) return [];
  let seconds = 0;
  for (const p of parts) {
    if (p.l.gpu === null) continue;
    const gpu = machine.gpus.find((g) => g.index === p.l.gpu);
    if (!gpu?.fp16Tflops) return [];
    seconds += p.l.layers / total / (gpu.fp16Tflops * 1e12);
  }
  return seconds > 0 ? [{ coef: sequences * flopsPerToken * seconds, keys: ['flops'], part: 'compute' }] : [];
}

/**
 * Seconds per token spent crossing the network between machines, for devices run in this order
 * (layer split over llama.cpp RPC, or pipeline stages over several nodes). Each hand-off between
 * machines moves one token's activations (`rpc`: f32 hidden state, with about
 * `ENGINE.rpcRoundTripsPerHop` blocking round trips of llama.cpp's RPC protocol; `pipeline`: vLLM's
 * bf16 hidden state and residual, one NCCL send) at the network's bandwidth and latency. Zero within one machine.
 */
export function networkHopSeconds(
  machine: EngineMachine,
  order: readonly number[],
  hiddenSize: number,
  kind: 'rpc' | 'pipeline',
): number {
  const network = machine.network;
  if (!network || (machine.nodeCount ?? 1) < 2) return 0;
  const nodeOf = (i: number) => machine.gpus.find((g) => g.index === i)?.node ?? 0;
  const nodes = order.map(nodeOf);
  // llama.cpp starts each token on this machine (embeddings on the CPU) and ends it here (logits).
  const path = kind === 'rpc' ? [0, ...nodes, 0] : nodes;
  let hops = 0;
  for (let i = 1; i < path.length; i += 1) if (path[i] !== path[i - 1]) hops += 1;
  const bytes = hiddenSize * 4;
  const trips = kind === 'rpc' ? ENGINE.rpcRoundTripsPerHop : 1;
  const perHop =
    (trips * 2 * network.latencyUs) / 1e6 + bytes / (network.bandwidthGBs * 1e9) + ENGINE.networkHopMs / 1000;
  return hops * perHop;
}

const UNKNOWN: SpeedEstimate = {
  decode: null,
  prefill: null,
  limitTokPerSec: null,
  bottleneck: 'a GPU with unknown memory bandwidth',
  model: null,
};

/** Options every decode estimate takes. */
export interface DecodeOptions {
  /** Sequences decoded together (users at once). */
  readonly concurrency?: number;
  /** FLOPs per generated token (2 × active parameters), for the batch's compute floor. */
  readonly flopsPerToken?: number;
}

/** Layer split / pipeline (and single GPU, and partial offload): devices run one after another. */
export function decodeSequential(
  loads: readonly DeviceLoad[],
  machine: EngineMachine,
  runtime: SpeedRuntime,
  options: DecodeOptions & { readonly networkSeconds?: number } = {},
): SpeedEstimate {
  const sequences = Math.max(1, options.concurrency ?? 1);
  const networkSeconds = options.networkSeconds ?? 0;
  const parts = loads
    .filter(
      (l) => l.layers > 0 || l.bytesPerToken > 0 || (l.expertBytes ?? 0) > 0 || (l.kvBytesPerSeq ?? 0) > 0,
    )
    .map((l) => ({ l, t: deviceTerms(l, machine, runtime, sequences) }));
  if (parts.some((p) => p.t === null)) return UNKNOWN;
  const gpus = parts.flatMap((p) => machine.gpus.filter((g) => g.index === p.l.gpu));
  const family = familyOf(runtime);
  const memory: SpeedTerm[] = [
    ...parts.flatMap((p) => p.t?.terms ?? []),
    ...(gpus.length > 1
      ? [{ coef: gpus.length - 1, keys: ['hop'] as SpeedParamKey[], part: 'overhead' as const }]
      : []),
    ...(networkSeconds > 0 ? [{ coef: networkSeconds, keys: [], part: 'network' as const }] : []),
    { coef: 1, keys: [`step.${family}`], part: 'overhead' },
    ...frontendTerms(family),
  ];
  const compute = sequentialCompute(parts, machine, options.flopsPerToken ?? 0, sequences);
  const model: StepModel = { memory, compute, sequences };
  const ideal = parts.reduce((s, p) => s + (p.t?.ideal ?? 0), 0);
  return {
    decode: decodeRange(decodeRate(model), networkSeconds > 0),
    prefill: null,
    limitTokPerSec: sequences / ideal,
    bottleneck: sequentialBottleneck(model, parts, machine),
    model,
  };
}

function sequentialBottleneck(
  model: StepModel,
  parts: readonly { l: DeviceLoad; t: { terms: SpeedTerm[] } | null }[],
  machine: EngineMachine,
): string {
  const total = stepSeconds(model);
  const share = (part: SpeedTerm['part']) =>
    model.memory.filter((t) => t.part === part).reduce((s, t) => s + termSeconds(t, SPEED_PARAMS), 0) / total;
  if (sumSeconds(model.compute, SPEED_PARAMS) >= sumSeconds(model.memory, SPEED_PARAMS))
    return `GPU compute: ${model.sequences} sequences at once make each step compute-bound`;
  if (share('network') > 0.3)
    return `the network between machines (${machine.network?.name ?? 'network'}): ${(share('network') * 100).toFixed(0)}% of each token's time is spent handing activations between them`;
  if (share('cpu') > 0.5)
    return `system RAM bandwidth (${machine.ramBandwidthGBs.toFixed(0)} GB/s): ${(share('cpu') * 100).toFixed(0)}% of each token's time is spent reading weights from RAM`;
  const gpusUsed = parts.filter((p) => p.l.gpu !== null);
  if (gpusUsed.length > 1) {
    const slowest = gpusUsed.reduce((a, b) =>
      sumSeconds(b.t?.terms ?? [], SPEED_PARAMS) > sumSeconds(a.t?.terms ?? [], SPEED_PARAMS) ? b : a,
    );
    return `memory bandwidth of each GPU in turn (layer split runs them one after another); slowest part: GPU ${slowest.l.gpu}`;
  }
  return 'GPU memory bandwidth';
}

type SyncMode = 'vllm' | 'tensor' | 'row';

/** The link key of the slowest link between the ranks. */
function syncKey(link: EngineLink | null): SpeedParamKey {
  if (!link) return 'sync.host';
  if (link.kind === 'nvlink' || link.kind === 'xgmi' || link.kind === 'unified') return 'sync.nvlink';
  return link.kind === 'pcie-p2p' ? 'sync.p2p' : 'sync.host';
}

/**
 * Two all-reduces per layer, each a latency over the slowest link that grows with every rank beyond
 * two, plus its bytes at that link's bandwidth; llama.cpp's tensor and row modes synchronise more than vLLM.
 */
function syncTerms(
  links: readonly EngineLink[],
  hiddenSize: number,
  tp: number,
  layers: number,
  mode: SyncMode,
): SpeedTerm[] {
  if (tp < 2) return [];
  const worst = links.reduce<EngineLink | null>(
    (w, l) => (!w || l.bandwidthGBs < w.bandwidthGBs ? l : w),
    null,
  );
  const modeKeys: SpeedParamKey[] = mode === 'tensor' ? ['sync.tensor'] : mode === 'row' ? ['sync.row'] : [];
  const calls = 2 * layers;
  const transfer = worst ? allReduceBytes(hiddenSize, tp) / (worst.bandwidthGBs * 1e9) : 0;
  const latency = [syncKey(worst), ...modeKeys];
  return [
    { coef: calls, keys: latency, part: 'link' },
    // Each rank beyond two adds a share of that latency (fitted: the measured cost grows far slower
    // than a ring's 2 × (TP − 1) steps), vLLM's NCCL / custom all-reduce and llama.cpp's each their own.
    ...(tp > 2
      ? [
          {
            coef: calls * (tp - 2),
            keys: [...latency, mode === 'vllm' ? 'sync.grow' : 'sync.grow.llama'] as SpeedParamKey[],
            part: 'link' as const,
          },
        ]
      : []),
    { coef: calls * transfer, keys: modeKeys, part: 'link' },
  ];
}

/** Tensor parallel: every GPU reads its shard at once; two all-reduces per layer cross the slowest link. */
export function decodeTensorParallel(
  shards: readonly {
    gpu: number;
    bytes: number;
    kvBytesPerSeq?: number;
    expertBytes?: number;
    expertShare?: number;
    linearLayers?: number;
  }[],
  layers: number,
  hiddenSize: number,
  machine: EngineMachine,
  runtime: SpeedRuntime,
  options: DecodeOptions & {
    readonly rowSplit?: boolean;
    /** Bytes read from system RAM per step (experts or layers kept there), by the CPU after the GPUs' part. */
    readonly hostBytesPerToken?: number;
  } = {},
): SpeedEstimate {
  const sequences = Math.max(1, options.concurrency ?? 1);
  const gpus = shards.map((s) => machine.gpus.find((g) => g.index === s.gpu));
  if (gpus.some((g) => !g?.bandwidthGBs)) return UNKNOWN;
  const perShard = shards.map((s) =>
    deviceTerms(
      {
        gpu: s.gpu,
        bytesPerToken: s.bytes,
        kvBytesPerSeq: s.kvBytesPerSeq ?? 0,
        expertBytes: s.expertBytes ?? 0,
        expertShare: s.expertShare ?? 0,
        linearLayers: s.linearLayers ?? 0,
        layers,
      },
      machine,
      runtime,
      sequences,
    ),
  );
  // The ranks wait for each other: the slowest shard sets the pace.
  const slowest = perShard.reduce((a, b) =>
    sumSeconds(b?.terms ?? [], SPEED_PARAMS) > sumSeconds(a?.terms ?? [], SPEED_PARAMS) ? b : a,
  );
  const host = options.hostBytesPerToken ?? 0;
  const used = new Set(shards.map((s) => s.gpu));
  const links = machine.links.filter((l) => used.has(l.a) && used.has(l.b));
  const family = familyOf(runtime);
  const mode: SyncMode = family !== 'llama' ? 'vllm' : options.rowSplit ? 'row' : 'tensor';
  const hostTerms: SpeedTerm[] =
    host > 0 && machine.ramBandwidthGBs
      ? [{ coef: host / (machine.ramBandwidthGBs * 1e9), keys: ['bw.cpu'], part: 'cpu' }]
      : [];
  const memory: SpeedTerm[] = [
    ...(slowest?.terms ?? []),
    ...hostTerms,
    ...syncTerms(links, hiddenSize, used.size, layers, mode),
    { coef: 1, keys: [`step.${family}`], part: 'overhead' },
    ...frontendTerms(family),
  ];
  const compute = computeTerms(gpus as EngineGpu[], options.flopsPerToken ?? 0, sequences);
  const model: StepModel = { memory, compute, sequences };
  const ideal =
    Math.max(...perShard.map((t) => t?.ideal ?? 0)) +
    (machine.ramBandwidthGBs ? host / (machine.ramBandwidthGBs * 1e9) : 0);
  return {
    decode: decodeRange(decodeRate(model)),
    prefill: null,
    limitTokPerSec: sequences / ideal,
    bottleneck: parallelBottleneck(model, links, used.size, machine),
    model,
  };
}

function parallelBottleneck(
  model: StepModel,
  links: readonly EngineLink[],
  ranks: number,
  machine: EngineMachine,
): string {
  const of = (part: SpeedTerm['part']) =>
    model.memory.filter((t) => t.part === part).reduce((s, t) => s + termSeconds(t, SPEED_PARAMS), 0);
  const worst = links.reduce<EngineLink | null>(
    (w, l) => (!w || l.bandwidthGBs < w.bandwidthGBs ? l : w),
    null,
  );
  if (sumSeconds(model.compute, SPEED_PARAMS) >= sumSeconds(model.memory, SPEED_PARAMS))
    return `GPU compute: ${model.sequences} sequences at once make each step compute-bound`;
  if (of('cpu') > of('gpu') / 2)
    return `system RAM bandwidth (${machine.ramBandwidthGBs.toFixed(0)} GB/s): the weights kept in RAM take most of each token's time`;
  if (ranks < 2) return 'GPU memory bandwidth';
  const comm = of('link');
  if (comm > of('gpu'))
    return `the link between GPUs (${worst?.kind ?? 'unknown'}, ${worst ? formatGBs(worst.bandwidthGBs) : '? GB/s'}): the all-reduces of every layer cost more than reading the weights`;
  return `GPU memory bandwidth, read in parallel; all-reduces over ${worst?.kind ?? 'the link'} add ${(comm * 1000).toFixed(1)} ms per token`;
}

/** What prompt processing moves and computes beyond the weights' matmuls. */
export interface PrefillTraffic {
  readonly machine: EngineMachine;
  readonly hiddenSize: number;
  readonly layers: number;
  /** Tensor-parallel ranks (1 for a layer split / pipeline). */
  readonly tensorParallel: number;
  /**
   * Weight bytes kept in system RAM that llama.cpp copies to the GPU for every prompt batch (experts
   * or layers there: it runs big batches on the GPU), and the batch size.
   */
  readonly hostWeightBytes?: number;
  readonly ubatch?: number;
  /** Query heads × head size (the attention width), for the attention's own FLOPs. */
  readonly attentionWidth?: number;
  /** Tokens of the prompt and tokens already in the context before it (llama-bench `-p`, `-d`). */
  readonly promptTokens?: number;
  readonly depth?: number;
  readonly runtime?: SpeedRuntime;
  /** A mixture of experts: each expert's matmul sees only the tokens routed to it, smaller and less efficient. */
  readonly moe?: boolean;
}

/** The compute key of a GPU: its generation (NVIDIA) or vendor; the fallback by bandwidth when its TFLOPS are unknown. */
function prefillKey(g: EngineGpu): SpeedParamKey {
  return `pf.${generationOf(g) ?? 'ampere'}` as SpeedParamKey;
}

/**
 * Seconds per prompt token as terms (the same form as a decode step, so the calibration can refit the
 * `pf.*` parameters and score them on sources it did not see):
 * - the matmuls: 2 FLOPs per active parameter, each GPU its share of the layers at its dense FP16
 *   TFLOPS times an efficiency per generation (by memory bandwidth where the TFLOPS are unknown);
 *   tensor parallel divides them between the ranks;
 * - attention: 4 FLOPs per attention width per layer per token already in the context (QKᵀ and AV), at
 *   the same TFLOPS;
 * - weights kept in RAM cross the first GPU's PCIe link once per prompt batch;
 * - tensor parallel all-reduces two hidden states per layer over the slowest link; a split over a
 *   network hands one hidden state across each machine boundary.
 */
export function prefillModel(
  gpus: readonly EngineGpu[],
  activeParamsB: number,
  parallelShards: number,
  t?: PrefillTraffic,
): StepModel | null {
  if (gpus.length === 0) return null;
  if (gpus.some((g) => !g.fp16Tflops && !g.bandwidthGBs)) return null;
  const flops = 2 * activeParamsB * 1e9;
  const family = familyOf(t?.runtime ?? 'llama.cpp');
  const familyKeys: SpeedParamKey[] = family === 'vllm' ? ['pf.vllm'] : family === 'exl' ? ['pf.exl'] : [];
  const tpKeys: SpeedParamKey[] = [
    ...(parallelShards > 1 ? (['pf.tp'] as const) : []),
    ...(t?.moe ? (['pf.moe'] as const) : []),
  ];
  const share = 1 / (parallelShards > 1 ? parallelShards : gpus.length);
  const context = (t?.depth ?? 0) + (t?.promptTokens ?? 512) / 2;
  const attnFlops = t?.attentionWidth ? 4 * t.layers * t.attentionWidth * context : 0;
  const terms: SpeedTerm[] = [];
  // Layer split: each token passes every GPU in turn, each with its share of the layers; tensor
  // parallel: every rank at once (the slowest sets the pace, the same cards assumed).
  const ranks =
    parallelShards > 1 ? [gpus.reduce((a, b) => ((a.fp16Tflops ?? 0) <= (b.fp16Tflops ?? 0) ? a : b))] : gpus;
  for (const g of ranks) {
    const key = prefillKey(g);
    if (g.fp16Tflops) {
      terms.push({
        coef: (flops * share) / (g.fp16Tflops * 1e12),
        keys: [key, ...familyKeys, ...tpKeys],
        part: 'compute',
      });
      if (attnFlops > 0)
        terms.push({
          coef: (attnFlops * share) / (g.fp16Tflops * 1e12),
          keys: [key, 'pf.attn', ...familyKeys],
          part: 'compute',
        });
    } else {
      terms.push({
        coef: (flops * share) / ((g.bandwidthGBs ?? 1) * 1e9),
        keys: ['pf.bw', ...familyKeys, ...tpKeys],
        part: 'compute',
      });
    }
  }
  if (t) terms.push(...prefillLinkTerms(gpus, t));
  return { memory: terms, compute: [], sequences: 1 };
}

function prefillLinkTerms(gpus: readonly EngineGpu[], t: PrefillTraffic): SpeedTerm[] {
  const used = new Set(gpus.map((g) => g.index));
  const links = t.machine.links.filter((l) => used.has(l.a) && used.has(l.b));
  const terms: SpeedTerm[] = [];
  if (t.hostWeightBytes && t.hostWeightBytes > 0) {
    const first = gpus[0]?.pcie;
    // The card's own host link; an unknown one counts as PCIe 4.0 x16.
    const pcie = first ? (PCIE_LANE_GBS[first.gen] ?? PCIE_LANE_GBS[4] ?? 2) * first.lanes : 31.5;
    terms.push({
      coef: t.hostWeightBytes / (pcie * 1e9) / Math.max(1, t.ubatch ?? 512),
      keys: ['pf.pcie'],
      part: 'link',
    });
  }
  if (links.length === 0) return terms;
  if (t.tensorParallel > 1) {
    const slowest = links.reduce((m, l) => Math.min(m, l.bandwidthGBs), Infinity);
    terms.push({
      coef: allReduceBytesPerToken(t.hiddenSize, t.layers, t.tensorParallel) / (slowest * 1e9),
      keys: [],
      part: 'link',
    });
    return terms;
  }
  const network = links.filter((l) => l.kind === 'network');
  if (network.length === 0) return terms;
  const nodes = new Set(gpus.map((g) => g.node ?? 0)).size;
  // A reduce, not a spread: a large cluster has more links than a call takes arguments.
  const bw = network.reduce((m, l) => Math.min(m, l.bandwidthGBs), Infinity);
  terms.push({ coef: ((nodes - 1) * t.hiddenSize * 4) / (bw * 1e9), keys: [], part: 'network' });
  return terms;
}

/** Prompt tokens/s with the fitted prompt band (prefillModel). */
export function prefillRate(
  gpus: readonly EngineGpu[],
  activeParamsB: number,
  parallelShards: number,
  traffic?: PrefillTraffic,
): { range: Range; model: StepModel } | null {
  const model = prefillModel(gpus, activeParamsB, parallelShards, traffic);
  if (!model) return null;
  const rate = decodeRate(model);
  const band = SPEED_FIT.prefillBand ?? { low: 1 - ENGINE.prefillBand, high: 1 + ENGINE.prefillBand };
  return {
    range: { expected: rate, low: rate * Math.min(1, band.low), high: rate * Math.max(1, band.high) },
    model,
  };
}
