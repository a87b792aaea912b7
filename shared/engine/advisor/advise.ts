/**
 * The advisor: one pipeline from the machine, the model, the user's notes and pins to everything the
 * front ends show — the plan (every strategy, gated by the checks that can fail it), the strategy
 * followed, the power verdict, the suggestions, the checks, the commands and the checklist. The CLI
 * calls `advise`; the renderer memoises each stage below on its own inputs. Both get the same answer
 * because there is only one way to get it.
 */
import type { HardwareProfile } from '../../hardware/profile';
import type { EngineModel } from '../../model-import/model-weights';
import { buildChecklist, type Checklist } from '../checklist/build-checklist';
import type { Check } from '../checks/check-types';
import { assessPower, type PowerAssessment } from '../checks/power-rule';
import { runChecks } from '../checks/run-checks';
import { strategyGate } from '../checks/strategy-gates';
import {
  benchmarkShape,
  buildBenchmarkCommand,
  type BenchmarkShape,
} from '../commands/build-benchmark-command';
import { buildCommands, withRenderings, type ClusterOptions } from '../commands/build-commands';
import type { CommandOptions, RenderedCommand } from '../commands/command-types';
import { parseVersion, type RuntimeVersions } from '../commands/flags/runtime-version';
import type { LlamaCppSettings } from '../llama-cpp-memory';
import { gpusOnNode, type EngineMachine } from '../machine';
import { chosenStrategy, defaultContext } from '../planner/defaults';
import type { Goal, PlanRequest, PlanResult, Runtime, SplitMode, Strategy } from '../planner/plan-types';
import { plan } from '../planner/planner';
import type { UserNotes } from '../rig-notes';
import type { Range } from '../speed';
import type { Suggestion } from '../suggestion-types';
import { suggestionsFor } from './suggestions';

/** How the user wants it run; null / `auto` leave the choice to the advisor. */
export interface RunOptions {
  /** Context per request, tokens; null = the model's default. */
  readonly ctx: number | null;
  readonly goal: Goal;
  /** Requests served at once. */
  readonly concurrency: number;
  readonly runtime: Runtime | null;
  readonly split: SplitMode | 'auto';
  /** llama.cpp settings the user pinned. */
  readonly llama: Partial<LlamaCppSettings>;
  /** vLLM / SGLang `--gpu-memory-utilization`; null = the runtime's default. */
  readonly gpuMemoryUtilization: number | null;
  /** Tokens already in each sequence when decode speed is quoted; absent/null = half the context. */
  readonly depth?: number | null;
  /** Each request's prompt and answer lengths when serving several at once (PlanRequest.serving). */
  readonly serving?: { readonly promptTokens: number; readonly outputTokens: number } | null;
}

export const DEFAULT_RUN: RunOptions = {
  ctx: null,
  goal: 'latency',
  concurrency: 1,
  runtime: null,
  split: 'auto',
  llama: {},
  gpuMemoryUtilization: null,
};

/** What the commands need beyond the plan: where the weights are, and the cluster's addresses. */
export interface CommandRequest {
  /** Model file or folder / Hugging Face repo (a placeholder with a note when absent). */
  readonly modelPath?: string;
  readonly host?: string;
  readonly port?: number;
  /** Address of this machine as the others reach it (multi-node). */
  readonly headAddress?: string;
  /** Addresses of the other machines, in node order. */
  readonly workerAddresses?: readonly string[];
  /** The runtime versions the user has (`--runtime-version`): commands use the spellings those take. */
  readonly versions?: RuntimeVersions;
}

export interface AdviceInput {
  readonly machine: EngineMachine;
  /** The scanned profile behind the machine; null for a catalog build. */
  readonly profile: HardwareProfile | null;
  readonly model: EngineModel;
  readonly run: RunOptions;
  readonly notes: UserNotes;
  /** The strategy the user picked; null = the advisor's choice. */
  readonly strategyId?: string | null;
  readonly commands?: CommandRequest;
  /**
   * `full` (default): everything. `verdicts`: plan, power and checks only — what `upgrade` and
   * `compare` need for each of many machines.
   */
  readonly depth?: 'full' | 'verdicts';
}

export interface Advice {
  readonly request: PlanRequest;
  readonly plan: PlanResult;
  /** The strategy the checks, commands and checklist follow (picked, else the advisor's choice); null when nothing can run. */
  readonly strategy: Strategy | null;
  readonly power: PowerAssessment;
  readonly suggestions: readonly Suggestion[];
  readonly checks: readonly Check[];
  readonly commands: readonly RenderedCommand[];
  readonly checklist: Checklist | null;
}

/** How to run it, as a request already says (to plan another machine the same way). */
export function runOfRequest(r: PlanRequest): RunOptions {
  return {
    ctx: r.ctx,
    goal: r.goal,
    concurrency: r.concurrency,
    runtime: r.runtime,
    split: r.split,
    llama: r.llama,
    gpuMemoryUtilization: r.gpuMemoryUtilization,
    depth: r.depth ?? null,
    serving: r.serving ?? null,
  };
}

/**
 * The llama.cpp build the user named (`--runtime-version llama.cpp=bNNNN`) reaches the plan too: what
 * the runtime can run (row split before b9890) and how big its caches are (MLA's V row before b7832).
 */
function llamaPinsFor(run: RunOptions, versions: RuntimeVersions | undefined): Partial<LlamaCppSettings> {
  const text = versions?.['llama.cpp'];
  const build = text ? parseVersion('llama.cpp', text)?.[0] : undefined;
  return build === undefined ? run.llama : { ...run.llama, llamaBuild: build };
}

/**
 * The plan request from the machine, the model and how to run it. A context beyond what the model holds
 * (its trained length, or the RoPE scaling its card documents) is capped there, and the cap recorded:
 * vLLM and SGLang refuse to start past it, and llama.cpp only warns and then produces garbage.
 * The llama.cpp version the user named (`versions`) joins the llama.cpp settings.
 */
export function requestFor(
  machine: EngineMachine,
  model: EngineModel,
  run: RunOptions,
  versions?: RuntimeVersions,
): PlanRequest {
  const asked = run.ctx ?? defaultContext(model.spec);
  const limit = model.spec.extendedContext?.tokens ?? model.spec.maxContext;
  return {
    machine,
    model,
    ctx: Math.min(asked, limit),
    contextCap: asked > limit ? { asked, limit } : null,
    runtime: run.runtime,
    split: run.split,
    concurrency: run.concurrency,
    goal: run.goal,
    llama: llamaPinsFor(run, versions),
    gpuMemoryUtilization: run.gpuMemoryUtilization,
    // The context read per token cannot exceed the context.
    depth: run.depth == null ? null : Math.min(run.depth, Math.min(asked, limit)),
    serving: run.serving ?? null,
  };
}

/** Every strategy, with the checks that can fail one run on each before ranking. */
export function planFor(request: PlanRequest, profile: HardwareProfile | null): PlanResult {
  return plan(request, { gate: strategyGate(profile, request.machine) });
}

/** The strategy followed: the one picked (when the plan has it), else the advisor's choice. */
export function strategyFor(
  result: PlanResult,
  request: PlanRequest,
  pickedId: string | null,
): Strategy | null {
  return (
    (pickedId ? result.strategies.find((s) => s.id === pickedId) : undefined) ??
    chosenStrategy(result, request) ??
    null
  );
}

export function powerFor(
  machine: EngineMachine,
  profile: HardwareProfile | null,
  notes: UserNotes,
): PowerAssessment {
  return assessPower(machine, profile, notes.psu);
}

export function suggestionsOf(
  request: PlanRequest,
  profile: HardwareProfile | null,
  result: PlanResult,
  strategy: Strategy | null,
  power: PowerAssessment,
): Suggestion[] {
  return suggestionsFor({
    request,
    profile,
    plan: result,
    strategy,
    power,
    replan: (req) => planFor(req, profile),
  });
}

export function checksFor(
  profile: HardwareProfile | null,
  request: PlanRequest,
  result: PlanResult,
  strategy: Strategy | null,
  notes: UserNotes,
  power: PowerAssessment,
  suggestions: readonly Suggestion[],
): Check[] {
  if (!strategy) return [];
  return runChecks({
    profile,
    machine: request.machine,
    plan: result,
    strategy,
    notes,
    request,
    power,
    suggestions,
  });
}

/** The cluster layout the commands need for a strategy over several machines. */
function clusterOf(machine: EngineMachine, s: Strategy, c: CommandRequest): ClusterOptions {
  const workers = Array.from({ length: s.nodes - 1 }, (_, i) =>
    gpusOnNode(machine, i + 1)
      .filter((g) => s.gpuIndices.includes(g.index))
      .map((g) => g.localIndex ?? g.index),
  );
  return {
    count: s.nodes,
    gpusPerNode: gpusOnNode(machine, 0).filter((g) => s.gpuIndices.includes(g.index)).length,
    tensorParallel: s.tensorParallel,
    pipelineParallel: s.pipelineParallel,
    headAddress: c.headAddress?.trim() || '<head-ip>',
    workerAddresses: [...(c.workerAddresses ?? [])],
    workerGpus: workers,
  };
}

/**
 * The figures the benchmark prints, each predicted for the strategy on this machine: llama-bench's
 * pp / tg at depth 0 and at the shape's depth (its tg test starts at `-d`: on average half the generated
 * tokens deeper), or a serving run's per-stream decode at the plan's concurrency under that load.
 */
export function benchmarkExpectations(
  request: PlanRequest,
  strategy: Strategy,
  shape: BenchmarkShape,
): { test: string; tokPerSec: Range }[] {
  const pinned = { ...request, runtime: strategy.runtime, split: strategy.split };
  const same = (r: PlanRequest) => plan(r).strategies.find((s) => s.id === strategy.id) ?? null;
  if (strategy.runtime === 'vllm' || strategy.runtime === 'sglang') {
    const streams = Math.max(1, request.concurrency);
    const s = same({
      ...pinned,
      depth: shape.promptTokens + shape.genTokens / 2,
      serving: { promptTokens: shape.promptTokens, outputTokens: shape.genTokens },
    });
    const r = s?.decodeTokPerSec;
    return r
      ? [
          {
            test: 'decode per stream',
            tokPerSec: { expected: r.expected / streams, low: r.low / streams, high: r.high / streams },
          },
        ]
      : [];
  }
  const out: { test: string; tokPerSec: Range }[] = [];
  for (const depth of shape.depth > 0 ? [0, shape.depth] : [0]) {
    const at = depth > 0 ? ` @ d${depth}` : '';
    const s = same({
      ...pinned,
      concurrency: 1,
      depth: depth + shape.genTokens / 2,
      prompt: { tokens: shape.promptTokens, depth },
    });
    if (s?.prefillTokPerSec)
      out.push({ test: `pp${shape.promptTokens}${at}`, tokPerSec: s.prefillTokPerSec });
    if (s?.decodeTokPerSec) out.push({ test: `tg${shape.genTokens}${at}`, tokPerSec: s.decodeTokPerSec });
  }
  return out;
}

/** The benchmark command for the strategy (role `benchmark`), with the figures to expect; null for runtimes without one. */
function benchmarkFor(
  result: PlanResult,
  strategy: Strategy,
  request: PlanRequest,
  options: CommandOptions,
): RenderedCommand | null {
  const shape = benchmarkShape(result.ctx);
  const built = buildBenchmarkCommand({ strategy, model: request.model, ctx: result.ctx, options }, shape);
  if (!built) return null;
  return withRenderings(
    { ...built, expected: benchmarkExpectations(request, strategy, shape) },
    options.versions,
  );
}

export function commandsFor(
  result: PlanResult,
  strategy: Strategy | null,
  request: PlanRequest,
  c: CommandRequest = {},
): RenderedCommand[] {
  if (!strategy) return [];
  const path = c.modelPath?.trim();
  // The vendor of the cards the strategy runs on picks the device variables (CUDA or HIP) and which runtimes run.
  const first =
    request.machine.gpus.find((g) => g.index === strategy.gpuIndices[0]) ?? request.machine.gpus[0];
  const options = {
    ...(path ? { modelPath: path } : {}),
    ...(c.host ? { host: c.host } : {}),
    ...(c.port ? { port: c.port } : {}),
    ...(request.gpuMemoryUtilization !== null ? { gpuMemoryUtilization: request.gpuMemoryUtilization } : {}),
    ...(first ? { vendor: first.vendor } : {}),
    concurrency: request.concurrency,
    ...(c.versions ? { versions: c.versions } : {}),
  };
  if (strategy.nodes < 2) {
    const bench = benchmarkFor(result, strategy, request, options);
    return [...buildCommands(result, strategy, request.model, options), ...(bench ? [bench] : [])];
  }
  // The head's commands name its own GPUs; each worker's name that machine's.
  const head = gpusOnNode(request.machine, 0).filter((g) => strategy.gpuIndices.includes(g.index));
  const onHead = { ...strategy, gpuIndices: head.map((g) => g.localIndex ?? g.index) };
  return buildCommands(result, onHead, request.model, {
    ...options,
    nodes: clusterOf(request.machine, strategy, c),
  });
}

export function checklistFor(
  request: PlanRequest,
  result: PlanResult,
  strategy: Strategy | null,
  checks: readonly Check[],
  commands: readonly RenderedCommand[],
): Checklist | null {
  if (!strategy) return null;
  return buildChecklist({ machine: request.machine, plan: result, strategy, checks, commands });
}

/** The whole advice for one machine, model and set of choices. */
export function advise(input: AdviceInput): Advice {
  const { machine, profile, model, notes } = input;
  const request = requestFor(machine, model, input.run, input.commands?.versions);
  const result = planFor(request, profile);
  const strategy = strategyFor(result, request, input.strategyId ?? null);
  const power = powerFor(machine, profile, notes);
  const full = (input.depth ?? 'full') === 'full';
  const suggestions = full ? suggestionsOf(request, profile, result, strategy, power) : [];
  const checks = checksFor(profile, request, result, strategy, notes, power, suggestions);
  const commands = full ? commandsFor(result, strategy, request, input.commands) : [];
  const checklist = full ? checklistFor(request, result, strategy, checks, commands) : null;
  return { request, plan: result, strategy, power, suggestions, checks, commands, checklist };
}
