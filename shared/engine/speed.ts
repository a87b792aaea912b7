/**
 * Tokens per second. Decoding one token reads every active weight once, plus the KV cache of the
 * context so far, so its floor is bytes ÷ memory bandwidth. What each strategy does to that:
 * - layer split runs the GPUs one after another: times add (more memory, not more speed);
 * - tensor parallel reads the shards at the same time but pays two all-reduces per layer over the link;
 * - layers or experts left in system RAM are read at RAM bandwidth;
 * - MoE models read only the routed experts in use.
 * Efficiencies and overheads are the fitted constants in thresholds.ts.
 */
import { decodeLossAt } from './checks/power-limit-loss';
import { allReduceBytes, allReduceBytesPerToken } from './link-traffic';
import type { EngineGpu, EngineLink, EngineMachine } from './machine';
import { ENGINE } from './thresholds';

export type SpeedRuntime = 'llama.cpp' | 'vllm' | 'ollama' | 'sglang' | 'exllamav2';

/** Bytes one device (or the CPU) reads per generated token, and how many layers it runs. */
export interface DeviceLoad {
  /** GPU index, or null for the CPU. */
  readonly gpu: number | null;
  readonly bytesPerToken: number;
  readonly layers: number;
}

export interface Range {
  readonly expected: number;
  readonly low: number;
  readonly high: number;
}

export interface SpeedEstimate {
  readonly decode: Range | null;
  readonly prefill: Range | null;
  /** Physical ceiling: bandwidth over bytes per token, ignoring every overhead. */
  readonly limitTokPerSec: number | null;
  /** What bounds decode, in words. */
  readonly bottleneck: string;
}

const range = (value: number, band: number): Range => ({
  expected: value,
  low: value * (1 - band),
  high: value * (1 + band),
});

function backendOf(gpu: EngineGpu): keyof typeof ENGINE.perLayerMs {
  return gpu.vendor === 'apple' ? 'metal' : gpu.vendor === 'amd' ? 'rocm' : 'cuda';
}

/**
 * Share of the card's default decode speed left at its power limit: decode is memory-bound, so a
 * moderate limit costs little (check-thresholds `powerLimitLoss`, a sweep on RTX 3090s).
 */
export function powerLimitFactor(gpu: EngineGpu): number {
  const { limitW, defaultW } = gpu.power;
  if (!limitW || !defaultW || limitW >= defaultW) return 1;
  return 1 - decodeLossAt(limitW / defaultW);
}

function efficiency(gpu: EngineGpu, runtime: SpeedRuntime): number {
  const base =
    (runtime === 'vllm' || runtime === 'sglang') && gpu.memoryClass !== 'apple'
      ? ENGINE.vllmDecodeEfficiency
      : ENGINE.decodeEfficiency[gpu.memoryClass];
  return base * powerLimitFactor(gpu);
}

function perLayerMs(gpu: EngineGpu | null, runtime: SpeedRuntime): number {
  if (!gpu) return ENGINE.perLayerMs.cpu;
  return runtime === 'vllm' || runtime === 'sglang'
    ? ENGINE.vllmPerLayerMs
    : ENGINE.perLayerMs[backendOf(gpu)];
}

/** Seconds one device spends per token: its bytes at effective bandwidth plus per-layer overhead. */
function deviceSeconds(
  load: DeviceLoad,
  machine: EngineMachine,
  runtime: SpeedRuntime,
): { real: number; ideal: number } | null {
  const gpu = load.gpu === null ? null : (machine.gpus.find((g) => g.index === load.gpu) ?? null);
  const bandwidth = gpu ? gpu.bandwidthGBs : machine.ramBandwidthGBs;
  if (!bandwidth) return null;
  const eff = gpu ? efficiency(gpu, runtime) : ENGINE.decodeEfficiency.cpu;
  const ideal = load.bytesPerToken / (bandwidth * 1e9);
  return { ideal, real: ideal / eff + (load.layers * perLayerMs(gpu, runtime)) / 1000 };
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
  const bytes = hiddenSize * (kind === 'rpc' ? 4 : 4);
  const trips = kind === 'rpc' ? ENGINE.rpcRoundTripsPerHop : 1;
  const perHop =
    (trips * 2 * network.latencyUs) / 1e6 + bytes / (network.bandwidthGBs * 1e9) + ENGINE.networkHopMs / 1000;
  return hops * perHop;
}

/** Layer split / pipeline (and single GPU, and partial offload): devices run one after another. */
export function decodeSequential(
  loads: readonly DeviceLoad[],
  machine: EngineMachine,
  runtime: SpeedRuntime,
  concurrency = 1,
  networkSeconds = 0,
): SpeedEstimate {
  const parts = loads
    .filter((l) => l.layers > 0 || l.bytesPerToken > 0)
    .map((l) => ({ l, t: deviceSeconds(l, machine, runtime) }));
  if (parts.some((p) => p.t === null))
    return {
      decode: null,
      prefill: null,
      limitTokPerSec: null,
      bottleneck: 'a GPU with unknown memory bandwidth',
    };
  const gpusUsed = parts.filter((p) => p.l.gpu !== null).length;
  const hops = Math.max(0, gpusUsed - 1) * ENGINE.layerHopMs;
  const single = parts.reduce((s, p) => s + (p.t?.real ?? 0), 0) + hops / 1000 + networkSeconds;
  const ideal = parts.reduce((s, p) => s + (p.t?.ideal ?? 0), 0);
  const slowest = parts.reduce((a, b) => ((b.t?.real ?? 0) > (a.t?.real ?? 0) ? b : a));
  const cpuShare = parts.filter((p) => p.l.gpu === null).reduce((s, p) => s + (p.t?.real ?? 0), 0) / single;
  const netShare = networkSeconds / single;
  const bottleneck =
    netShare > 0.3
      ? `the network between machines (${machine.network?.name ?? 'network'}): ${(netShare * 100).toFixed(0)}% of each token's time is spent handing activations between them`
      : cpuShare > 0.5
        ? `system RAM bandwidth (${machine.ramBandwidthGBs.toFixed(0)} GB/s): ${(cpuShare * 100).toFixed(0)}% of each token's time is spent reading weights from RAM`
        : gpusUsed > 1
          ? `memory bandwidth of each GPU in turn (layer split runs them one after another); slowest part: ${slowest.l.gpu === null ? 'CPU' : `GPU ${slowest.l.gpu}`}`
          : 'GPU memory bandwidth';
  const band = networkSeconds > 0 ? ENGINE.clusterDecodeBand : ENGINE.decodeBand;
  return {
    decode: range(batchRate(single, concurrency), band),
    prefill: null,
    limitTokPerSec: 1 / ideal,
    bottleneck,
  };
}

/** Aggregate tokens/s with `concurrency` sequences decoding together (each step reads the weights once). */
function batchRate(stepSeconds: number, concurrency: number): number {
  const step = stepSeconds * (1 + ENGINE.batchSlowdownPerSeq * (concurrency - 1));
  return concurrency / step;
}

function allReduceSeconds(
  links: readonly EngineLink[],
  hiddenSize: number,
  tp: number,
  runtime: SpeedRuntime,
  rowSplit: boolean,
): number {
  const worst = links.reduce<EngineLink | null>(
    (w, l) => (!w || l.bandwidthGBs < w.bandwidthGBs ? l : w),
    null,
  );
  const latencyUs = !worst
    ? 0
    : worst.kind === 'nvlink' || worst.kind === 'xgmi' || worst.kind === 'unified'
      ? ENGINE.allReduceUs.nvlink
      : worst.kind === 'pcie-p2p'
        ? ENGINE.allReduceUs.pcieP2p
        : ENGINE.allReduceUs.pcieHost;
  const bytes = allReduceBytes(hiddenSize, tp);
  const transfer = worst ? bytes / (worst.bandwidthGBs * 1e9) : 0;
  const llama = runtime === 'llama.cpp' || runtime === 'ollama';
  const factor = !llama ? 1 : rowSplit ? ENGINE.llamaRowOverheadFactor : ENGINE.llamaTensorOverheadFactor;
  return (latencyUs / 1e6 + transfer) * factor;
}

/** Tensor parallel: every GPU reads its shard at once; two all-reduces per layer cross the slowest link. */
export function decodeTensorParallel(
  shardBytesPerToken: readonly { gpu: number; bytes: number }[],
  layers: number,
  hiddenSize: number,
  machine: EngineMachine,
  runtime: SpeedRuntime,
  concurrency = 1,
  rowSplit = false,
  /** Bytes read from system RAM per token (experts or layers kept there), by the CPU after the GPUs' part. */
  hostBytesPerToken = 0,
): SpeedEstimate {
  const gpus = shardBytesPerToken.map((s) => machine.gpus.find((g) => g.index === s.gpu));
  if (gpus.some((g) => !g?.bandwidthGBs))
    return {
      decode: null,
      prefill: null,
      limitTokPerSec: null,
      bottleneck: 'a GPU with unknown memory bandwidth',
    };
  const shard = shardBytesPerToken.map(
    (s) =>
      deviceSeconds({ gpu: s.gpu, bytesPerToken: s.bytes, layers }, machine, runtime) ?? {
        real: 0,
        ideal: 0,
      },
  );
  const host = hostBytesPerToken / (machine.ramBandwidthGBs * 1e9);
  const compute = Math.max(...shard.map((t) => t.real)) + host / ENGINE.decodeEfficiency.cpu;
  const ideal = Math.max(...shard.map((t) => t.ideal)) + host;
  const used = new Set(shardBytesPerToken.map((s) => s.gpu));
  const links = machine.links.filter((l) => used.has(l.a) && used.has(l.b));
  const comm = 2 * layers * allReduceSeconds(links, hiddenSize, used.size, runtime, rowSplit);
  const worst = links.reduce<EngineLink | null>(
    (w, l) => (!w || l.bandwidthGBs < w.bandwidthGBs ? l : w),
    null,
  );
  const bottleneck =
    host / ENGINE.decodeEfficiency.cpu > compute / 2
      ? `system RAM bandwidth (${machine.ramBandwidthGBs.toFixed(0)} GB/s): the weights kept in RAM take most of each token's time`
      : used.size < 2
        ? 'GPU memory bandwidth'
        : comm > compute
          ? `the link between GPUs (${worst?.kind ?? 'unknown'}, ${worst?.bandwidthGBs.toFixed(0) ?? '?'} GB/s): ${2 * layers} all-reduces per token cost more than reading the weights`
          : `GPU memory bandwidth, read in parallel; all-reduces over ${worst?.kind ?? 'the link'} add ${(comm * 1000).toFixed(1)} ms per token`;
  return {
    decode: range(batchRate(compute + comm, concurrency), ENGINE.decodeBand),
    prefill: null,
    limitTokPerSec: 1 / ideal,
    bottleneck,
  };
}

/** What crosses links during prompt processing, when the strategy spans several GPUs. */
export interface PrefillTraffic {
  readonly machine: EngineMachine;
  readonly hiddenSize: number;
  readonly layers: number;
  /** Tensor-parallel ranks (1 for a layer split / pipeline). */
  readonly tensorParallel: number;
}

/**
 * Seconds per prompt token spent on links: tensor parallel all-reduces every layer over the slowest
 * link between the ranks (two per layer, as in decode); a pipeline or layer split only hands one
 * hidden state across each boundary, which matters only over a network.
 */
function prefillLinkSeconds(gpus: readonly EngineGpu[], t: PrefillTraffic): number {
  const used = new Set(gpus.map((g) => g.index));
  const links = t.machine.links.filter((l) => used.has(l.a) && used.has(l.b));
  if (links.length === 0) return 0;
  if (t.tensorParallel > 1) {
    const slowest = Math.min(...links.map((l) => l.bandwidthGBs));
    return allReduceBytesPerToken(t.hiddenSize, t.layers, t.tensorParallel) / (slowest * 1e9);
  }
  const network = links.filter((l) => l.kind === 'network');
  if (network.length === 0) return 0;
  const nodes = new Set(gpus.map((g) => g.node ?? 0)).size;
  const bw = Math.min(...network.map((l) => l.bandwidthGBs));
  return ((nodes - 1) * t.hiddenSize * 4) / (bw * 1e9);
}

/**
 * Prompt processing: compute-bound at 2 FLOPs per active parameter per token, plus what the split
 * moves over its links per token (an x1 slot or a 1 GbE network caps it).
 */
export function prefillRate(
  gpus: readonly EngineGpu[],
  activeParamsB: number,
  parallelShards: number,
  traffic?: PrefillTraffic,
): Range | null {
  const rates = gpus.map((g) => {
    if (g.fp16Tflops) return (g.fp16Tflops * 1e12 * ENGINE.prefillEfficiency) / (2 * activeParamsB * 1e9);
    return g.bandwidthGBs ? (ENGINE.prefillPerBandwidth * g.bandwidthGBs) / activeParamsB : null;
  });
  if (rates.some((r) => r === null) || rates.length === 0) return null;
  const known = rates as number[];
  // Sequential layer split: each token passes every GPU; its share of layers per GPU is ~1/n.
  const sequential = 1 / known.reduce((s, r) => s + 1 / r / known.length, 0);
  const compute = parallelShards > 1 ? sequential * parallelShards * 0.8 : sequential;
  const link = traffic ? prefillLinkSeconds(gpus, traffic) : 0;
  return range(1 / (1 / compute + link), ENGINE.prefillBand);
}
