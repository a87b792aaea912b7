/**
 * `plan`: every strategy that applies to this machine, model and quantization, sized and timed,
 * then ranked for the user's goal. When the user names a runtime or split, that strategy comes
 * first even if it does not fit — with the reason. A gate (the advisor passes the checks that can
 * fail a strategy) runs before ranking, so a strategy a check fails is never "fits" and never
 * recommended, and it carries the check's own reason.
 */
import { gpusOnNode, type EngineGpu } from '../machine';
import { decodeRate, withPromptLoad } from '../speed';
import { speedBasis } from '../speed-params';
import { planBackend } from '../memory-calibration';
import { activeWeightGiB, calibrate, gpuKindsOf, kvTypeOf } from '../rig-calibration';
import { decodeDepth } from './defaults';
import { totalWeightBytes } from '../../model-import/model-weights';
import { llamaStrategy, rowSplitRuns } from './llama-cpp-strategies';
import { clusterLayouts, parallelLayouts, vllmStrategy } from './vllm-strategies';
import type { Blocker, Goal, PlanRequest, PlanResult, Runtime, SplitMode, Strategy } from './plan-types';

/** Runtimes that can load this quantization (and honour the pinned llama.cpp settings). */
export function runtimesFor(req: PlanRequest): Runtime[] {
  const apple = req.machine.gpus.some((g) => g.vendor === 'apple');
  const format = req.model.quant?.format ?? 'gguf';
  if (format === 'exl2') return ['exllamav2'];
  // A pinned --tensor-split reaches Ollama's runner too: from 0.30 it is llama-server, which reads
  // LLAMA_ARG_TENSOR_SPLIT from the server's environment (ollama #18525; #7047 asks for a setting).
  if (format === 'gguf') return ['llama.cpp', 'ollama'];
  if (apple) return [];
  const gptq = /^gptq/.test(req.model.quant?.id ?? '');
  return ['vllm', 'sglang', ...(gptq ? (['exllamav2'] as const) : [])];
}

/** Largest GPU first: the one a single-GPU plan uses. */
function biggest(gpus: readonly EngineGpu[]): EngineGpu[] {
  return [...gpus]
    .sort((a, b) => b.capacityMiB - a.capacityMiB || (b.bandwidthGBs ?? 0) - (a.bandwidthGBs ?? 0))
    .slice(0, 1);
}

/** Whether two strategies would run the same way (the same llama.cpp settings on the same GPUs). */
const sameRun = (a: Strategy, b: Strategy): boolean =>
  a.runtime === b.runtime &&
  a.gpuIndices.join() === b.gpuIndices.join() &&
  JSON.stringify(a.llama) === JSON.stringify(b.llama);

function offloadStrategies(req: PlanRequest, runtime: Runtime, gpus: readonly EngineGpu[]): Strategy[] {
  // Experts in RAM is llama.cpp's `--n-cpu-moe` / `-ot`; Ollama's runner has no such setting (num_gpu only).
  const experts = req.model.spec.experts && runtime === 'llama.cpp';
  const variants = experts ? (['moe-offload', 'offload'] as const) : (['offload'] as const);
  const planned = variants.map((v) => llamaStrategy(req, runtime, v, gpus));
  // Listed only when it moves something to system RAM (or was asked for, or nothing fits); else it
  // repeats the layer split. Two variants that end up the same run once.
  const listed = planned.filter((o) => o.ramOffloadMiB > 0 || req.split === 'offload' || !o.fits);
  return listed.filter((o, i) => !listed.slice(0, i).some((p) => sameRun(p, o)));
}

function llamaFamily(req: PlanRequest, runtime: Runtime): Strategy[] {
  const gpus = gpusOnNode(req.machine, 0);
  const out = [llamaStrategy(req, runtime, 'none', biggest(gpus))];
  if (gpus.length > 1) out.push(llamaStrategy(req, runtime, 'layer', gpus));
  // Row split runs on SYCL (Intel) and older CUDA / ROCm builds only (ROW_SPLIT_GONE): listed there, or when asked for.
  if (
    runtime === 'llama.cpp' &&
    gpus.length > 1 &&
    (rowSplitRuns(gpus, req.llama.llamaBuild) || req.split === 'row')
  )
    out.push(llamaStrategy(req, runtime, 'row', gpus));
  if (runtime === 'llama.cpp' && gpus.length > 1) out.push(llamaStrategy(req, runtime, 'tensor', gpus));
  if (runtime !== 'exllamav2') out.push(...offloadStrategies(req, runtime, gpus));
  if (runtime === 'llama.cpp' && (req.machine.nodeCount ?? 1) > 1) out.push(rpcStrategy(req));
  return out;
}

/**
 * llama.cpp over several machines: rpc-server exposes each other machine's GPUs and the head puts
 * remote devices first (PR #9296), so its own GPUs take the last layers and the logits.
 */
function rpcStrategy(req: PlanRequest): Strategy {
  const remote = req.machine.gpus.filter((g) => (g.node ?? 0) > 0);
  return llamaStrategy(req, 'llama.cpp', 'rpc', [...remote, ...gpusOnNode(req.machine, 0)]);
}

function parallelFamily(req: PlanRequest, runtime: Runtime): Strategy[] {
  const head = gpusOnNode(req.machine, 0);
  // A layout on fewer GPUs than the machine has (TP 1 on one card) takes the biggest card, as llama.cpp's does.
  const local = parallelLayouts(head.length).map(({ tp, pp }) =>
    vllmStrategy(req, runtime, tp * pp < head.length ? biggest(head) : head, tp, pp),
  );
  const nodes = req.machine.nodeCount ?? 1;
  if (nodes < 2) return local;
  const perNode = Array.from({ length: nodes }, (_, n) => gpusOnNode(req.machine, n).length);
  const cluster = clusterLayouts(perNode).map(({ tp, pp }) =>
    vllmStrategy(req, runtime, req.machine.gpus, tp, pp),
  );
  return [...local, ...cluster];
}

function strategiesFor(req: PlanRequest, runtime: Runtime): Strategy[] {
  const planned =
    runtime === 'vllm' || runtime === 'sglang' ? parallelFamily(req, runtime) : llamaFamily(req, runtime);
  return planned.map((s) => calibrated(underPromptLoad(s, req), req));
}

/**
 * The machine's own measurements (rig-calibration.ts) applied to the strategy's speeds, with the
 * uncalibrated figure and the reason kept: never silently. Its load and start-up logs apply where each
 * strategy is sized (memory-calibration.ts, from llama-cpp-strategies and vllm-strategies), since a
 * buffer measured larger changes what fits, not only a figure.
 */
function calibrated(s: Strategy, req: PlanRequest): Strategy {
  const calibration = req.machine.calibration;
  if (!calibration || calibration.points.length === 0) return s;
  const first = req.machine.gpus[s.gpuIndices[0] ?? -1];
  const base = {
    runtime: s.runtime,
    backend: first ? planBackend(first) : null,
    gpus: gpuKindsOf(req.machine, s.gpuIndices),
    split: s.split,
    ramOffload: s.hostWeightsMiB > 0,
    model: req.model.spec.name,
    quant: req.model.quantLabel,
    kv: kvTypeOf(s),
    activeWeightGiB: activeWeightGiB(req.model),
    concurrency: s.decodeModel?.sequences ?? req.concurrency,
  };
  const decode = s.decodeTokPerSec
    ? calibrate(s.decodeTokPerSec, { ...base, phase: 'decode', depth: decodeDepth(req) }, calibration)
    : null;
  const promptDepth = req.prompt?.depth ?? 0;
  const prefill = s.prefillTokPerSec
    ? calibrate(s.prefillTokPerSec, { ...base, phase: 'prefill', depth: promptDepth }, calibration)
    : null;
  if (!decode && !prefill) return s;
  return {
    ...s,
    ...(decode ? { decodeTokPerSec: decode.range } : {}),
    ...(prefill ? { prefillTokPerSec: prefill.range } : {}),
    calibration: { decode: decode?.applied ?? null, prefill: prefill?.applied ?? null },
    reasons: [
      ...s.reasons,
      ...(decode ? [`decode ${decode.applied.summary}`] : []),
      ...(prefill ? [`prompt ${prefill.applied.summary}`] : []),
    ],
  };
}

/** Decode per stream while the other streams' prompts are processed too (PlanRequest.serving). */
function underPromptLoad(s: Strategy, req: PlanRequest): Strategy {
  const serving = req.serving;
  if (!serving || !s.decodeModel || !s.prefillModel || !s.decodeTokPerSec) return s;
  const loaded = withPromptLoad(s.decodeModel, s.prefillModel, serving.promptTokens, serving.outputTokens);
  if (loaded === s.decodeModel) return s;
  const ratio = decodeRate(loaded) / decodeRate(s.decodeModel);
  const r = s.decodeTokPerSec;
  return {
    ...s,
    decodeModel: loaded,
    decodeTokPerSec: { expected: r.expected * ratio, low: r.low * ratio, high: r.high * ratio },
    reasons: [
      ...s.reasons,
      `decode under load: each of the ${loaded.sequences} streams sends ${serving.promptTokens} prompt tokens per ${serving.outputTokens} generated, and the GPUs process the others' prompts between its tokens (×${ratio.toFixed(2)})`,
    ],
  };
}

/**
 * Risk discounts for one user. llama.cpp's tensor mode must be predicted clearly faster (≥ 1/0.75 = 1.33×)
 * before it is recommended: measured against layer split it swings from 0.37× (4× RTX 4090, 70B Q4_K_M,
 * depth 0, early build) to 1.7× (same, depth 32k) and ≈1× on gpt-oss-120b as merged (calibration rows
 * pr19378-001…008), wider than the speed model's range for it.
 */
const MATURITY: Partial<Record<SplitMode, number>> = { none: 1.03, row: 0.85, tensor: 0.75 };

/**
 * Below every fitting strategy, the ones that do not fit, closest first (the one followed when nothing
 * fits, so its numbers and the suggestions are about the nearest miss); one the runtime or a check
 * refuses comes last.
 */
function missScore(s: Strategy): number {
  if (s.invalid || s.blockers.length > 0) return -1e6;
  const over = Math.max(0, ...s.perGpu.map((u) => (u.totalMiB - u.budgetMiB) / Math.max(u.budgetMiB, 1)));
  return -1 - over;
}

function score(s: Strategy, goal: Goal): number {
  if (!s.fits) return missScore(s);
  const decode = s.decodeTokPerSec?.expected ?? 0;
  if (goal === 'context') return s.maxContext + decode / 1000;
  if (goal === 'throughput') return decode * Math.max(1, Math.min(s.maxConcurrency, 64)) ** 0.5;
  // One user: fastest decode, discounted for risk: row split is deprecated and tensor mode experimental
  // in llama.cpp (docs/multi-gpu.md); a single GPU has the fewest moving parts.
  return decode * (MATURITY[s.split] ?? 1);
}

function matchesRequest(
  s: Strategy,
  runtime: Runtime | null,
  split: SplitMode | 'auto',
  gpuCount: number,
): boolean {
  if (runtime !== null && s.runtime !== runtime) return false;
  if (split === 'auto') return true;
  // "tp" means tensor parallel over every GPU (that is what the user will try), "pp" over every GPU too.
  if (split === 'tp') return s.tensorParallel === gpuCount && s.pipelineParallel === 1;
  if (split === 'pp') return s.pipelineParallel === gpuCount && s.tensorParallel === 1;
  return s.split === split;
}

function why(best: Strategy | undefined, all: readonly Strategy[], goal: Goal): string {
  if (!best || !best.fits) return "Nothing fits as asked: see each strategy's reasons and the suggestions.";
  const runnerUp = all.find((s) => s !== best && s.fits);
  const speed = (s: Strategy) => `${s.decodeTokPerSec?.expected.toFixed(1) ?? '?'} tok/s`;
  const goalText =
    goal === 'context'
      ? `longest context (${best.maxContext} tokens)`
      : goal === 'throughput'
        ? `most tokens/s across ${best.maxConcurrency} requests`
        : `fastest single-user decode (${speed(best)})`;
  const where =
    best.fit === 'offload' ? ` with ${(best.ramOffloadMiB / 1024).toFixed(1)} GiB in system RAM` : '';
  return `${best.id} fits${where} and gives the ${goalText}${runnerUp ? `; next: ${runnerUp.id} at ${speed(runnerUp)}` : ''}.`;
}

/** Adds one reason saying how a fitting strategy compares with the best one for the goal. */
function withStanding(s: Strategy, best: Strategy | undefined, goal: Goal): Strategy {
  if (!best || s === best || !s.fits || !best.fits) return s;
  const mine = s.decodeTokPerSec?.expected;
  const theirs = best.decodeTokPerSec?.expected;
  let standing: string | null = null;
  if (goal === 'context' && s.maxContext < best.maxContext)
    standing = `holds ${s.maxContext} tokens of context against ${best.maxContext} with ${best.id}`;
  else if (mine && theirs && mine < theirs)
    standing = `${Math.round((1 - mine / theirs) * 100)}% slower than ${best.id} for ${goal === 'throughput' ? 'many users' : 'one user'}`;
  else if (mine && theirs)
    standing = `as fast or faster than ${best.id}, but ${s.split === 'row' ? 'row split is deprecated' : s.split === 'tensor' ? 'tensor mode is experimental' : 'ranked lower for this goal'}`;
  return standing ? { ...s, reasons: [...s.reasons, standing] } : s;
}

/** The strategy as the gate leaves it: a failing check makes it not fit, with the check's reason first. */
function gated(s: Strategy, blockers: readonly Blocker[]): Strategy {
  if (blockers.length === 0) return s;
  // A check about the software (compute capability, runtime support) means it cannot run at all; a
  // link it cannot live with means it runs, too slowly to plan on.
  const software = blockers.some((b) => b.check.startsWith('software.'));
  return {
    ...s,
    fits: false,
    fit: 'none',
    invalid: s.invalid || software,
    blockers,
    reasons: [...blockers.map((b) => b.reason), ...s.reasons],
  };
}

export interface PlanOptions {
  /** The checks that can fail a strategy on this machine (the advisor passes them); none by default. */
  readonly gate?: (s: Strategy) => readonly Blocker[];
}

export function plan(req: PlanRequest, options: PlanOptions = {}): PlanResult {
  const runtimes = req.runtime ? [req.runtime] : runtimesFor(req);
  const gate = options.gate ?? (() => []);
  const all = runtimes.flatMap((r) => strategiesFor(req, r)).map((s) => gated(s, gate(s)));
  const ranked = [...all].sort((a, b) => score(b, req.goal) - score(a, req.goal));
  const asked = req.runtime !== null || req.split !== 'auto';
  const pinned = asked
    ? ranked.find((s) => matchesRequest(s, req.runtime, req.split, gpusOnNode(req.machine, 0).length))
    : undefined;
  const ordered = pinned ? [pinned, ...ranked.filter((s) => s !== pinned)] : ranked;
  const best = pinned ?? ordered.find((s) => s.fits);
  const strategies = ordered.map((s) => withStanding(s, best, req.goal));
  const model = req.model;
  return {
    recommended: best?.fits ? best.id : null,
    why: why(best, strategies, req.goal),
    strategies,
    assumptions: req.machine.assumptions,
    model: {
      id: model.spec.id,
      name: model.spec.name,
      quant: model.quantLabel,
      weightsGiB: Math.round((totalWeightBytes(model.weights) / 2 ** 30) * 100) / 100,
    },
    ctx: req.ctx,
    contextCap: req.contextCap ?? null,
    goal: req.goal,
    speedBasis: speedBasis(decodeDepth(req)),
  };
}
