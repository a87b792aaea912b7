/**
 * The cheap changes that flip a verdict, each tried by re-planning with that one change (through the
 * same gated planner) and kept only when it does better: a q8_0 / q4_0 KV cache, the largest
 * quantization that fits all on the GPUs, the longest context that does, experts or layers in RAM, one
 * request at a time, another runtime, a power limit, a bigger PSU. Front ends word `change` their way.
 */
import { findQuant } from '../../catalog/quantizations';
import type { QuantSpec } from '../../catalog/types';
import type { HardwareProfile } from '../../hardware/profile';
import { modelFromCatalog } from '../../model-import/catalog-model';
import type { EngineModel } from '../../model-import/model-weights';
import type { PowerAssessment } from '../checks/power-rule';
import { gib } from '../checks/check-types';
import type { CacheType } from '../kv-cache';
import type { EngineMachine } from '../machine';
import { chosenStrategy } from '../planner/defaults';
import type { FitState, PlanRequest, PlanResult, Strategy } from '../planner/plan-types';
import type { Suggestion, SuggestionChange, SuggestionKind } from '../suggestion-types';

/** Common quantizations, largest first, per format (the ones people actually download). */
const LADDERS: Readonly<Record<string, readonly string[]>> = {
  gguf: ['Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'IQ4_XS', 'Q3_K_M', 'IQ3_XXS', 'Q2_K', 'IQ2_XS'],
  vllm: ['bf16', 'fp8', 'gptq-int8', 'awq'],
  exl2: ['8.0bpw', '6.0bpw', '5.0bpw', '4.0bpw', '3.5bpw', '3.0bpw', '2.5bpw'],
};

const LLAMA_FAMILY = new Set(['llama.cpp', 'ollama']);
const FIT_RANK: Readonly<Record<FitState, number>> = { none: 0, offload: 1, gpu: 2 };

export interface SuggestionInput {
  readonly request: PlanRequest;
  readonly profile: HardwareProfile | null;
  readonly plan: PlanResult;
  /** The strategy the advice follows. */
  readonly strategy: Strategy | null;
  readonly power: PowerAssessment;
  /** The gated planner, to re-plan a changed request. */
  readonly replan: (req: PlanRequest) => PlanResult;
}

const speed = (s: Strategy | null | undefined): string =>
  s?.decodeTokPerSec ? `~${s.decodeTokPerSec.expected.toFixed(1)} tok/s` : 'speed unknown';

function where(s: Strategy): string {
  if (s.fit === 'gpu') return `all on the GPUs with ${s.id}`;
  if (s.fit === 'offload') return `with ${s.id}, ${gib(s.ramOffloadMiB)} GiB in system RAM`;
  return `nowhere (${s.id} still does not fit)`;
}

function suggestion(kind: SuggestionKind, change: SuggestionChange, s: Strategy, what: string): Suggestion {
  return {
    kind,
    change,
    effect: { fit: s.fit, decodeTokPerSec: s.decodeTokPerSec, maxContext: s.maxContext, strategy: s.id },
    summary: `${what}: fits ${where(s)}, ${speed(s)}, up to ${s.maxContext} tokens of context`,
  };
}

/** Whether `next` is a better outcome than `now` for a request of `ctx` tokens. */
function better(now: Strategy | null, next: Strategy | undefined, ctx: number): next is Strategy {
  if (!next || !next.fits) return false;
  if (!now) return true;
  const rank = FIT_RANK[next.fit] - FIT_RANK[now.fit];
  if (rank !== 0) return rank > 0;
  return now.maxContext < ctx && next.maxContext >= ctx;
}

function outcome(input: SuggestionInput, req: PlanRequest): Strategy | undefined {
  return chosenStrategy(input.replan(req), req);
}

function kvCache(input: SuggestionInput): Suggestion | null {
  const { request: req, strategy: s } = input;
  if (!s || !LLAMA_FAMILY.has(s.runtime) || !s.llama || s.llama.cacheTypeK !== 'f16') return null;
  if (s.fit === 'gpu' && s.maxContext >= req.ctx) return null;
  for (const type of ['q8_0', 'q4_0'] as CacheType[]) {
    const next = outcome(input, { ...req, llama: { ...req.llama, cacheTypeK: type, cacheTypeV: type } });
    const share = type === 'q8_0' ? 'about half' : 'about a quarter of';
    if (better(s, next, req.ctx))
      return suggestion('kv-cache', { cacheType: type }, next, `a ${type} KV cache (${share} the KV memory)`);
  }
  return null;
}

/** The model at another quantization, when its weights can be re-derived (not a GGUF file's own tensors). */
function requantized(model: EngineModel, q: QuantSpec): EngineModel | null {
  if (model.weights.origin === 'gguf' || model.weights.origin === 'safetensors-index') return null;
  return modelFromCatalog(model.spec, q);
}

/** Smaller common quantizations of the model's format, largest first. */
function smallerQuants(model: EngineModel): QuantSpec[] {
  const current = model.quant;
  if (!current) return [];
  return (LADDERS[current.format] ?? [])
    .map((id) => findQuant(id, current.format))
    .filter((q): q is QuantSpec => q !== undefined && q.bitsPerWeight < current.bitsPerWeight);
}

function quant(input: SuggestionInput): Suggestion | null {
  const { request: req, strategy: s } = input;
  if (s && s.fit === 'gpu' && s.maxContext >= req.ctx) return null;
  let fallback: Suggestion | null = null;
  for (const q of smallerQuants(req.model)) {
    const model = requantized(req.model, q);
    if (!model) return null;
    const next = outcome(input, { ...req, model });
    if (!better(s, next, req.ctx)) continue;
    const what = `${q.id} (${q.bitsPerWeight.toFixed(2)} bits/weight)`;
    if (next.fit === 'gpu')
      return suggestion(
        'quant',
        { quant: q.id },
        next,
        `the largest quantization that fits on the GPUs, ${what}`,
      );
    fallback ??= suggestion('quant', { quant: q.id }, next, `a smaller quantization, ${what}`);
  }
  return fallback;
}

function context(input: SuggestionInput): Suggestion | null {
  const { request: req, strategy: s, plan } = input;
  if (s && s.fit === 'gpu' && s.maxContext >= req.ctx) return null;
  // The followed strategy's own longest context on the GPUs, else the longest any GPU-only strategy holds.
  const onGpus = plan.strategies.filter(
    (x) => x.split !== 'offload' && !x.invalid && x.blockers.length === 0,
  );
  const own = s && s.split !== 'offload' && !s.invalid ? s.maxContext : 0;
  const longest = own >= 256 ? own : Math.max(0, ...onGpus.map((x) => x.maxContext));
  if (longest < 256 || longest >= req.ctx) return null;
  const next = outcome(input, { ...req, ctx: longest });
  if (!better(s, next, longest) || next.fit !== 'gpu') return null;
  return suggestion('context', { ctx: longest }, next, `a shorter context of ${longest} tokens`);
}

function offload(input: SuggestionInput): Suggestion | null {
  const { plan, strategy: s } = input;
  if (!s || s.fits) return null;
  const o = plan.strategies.find((x) => x.split === 'offload' && x.fits);
  if (!o?.llama) return null;
  const what =
    o.llama.nCpuMoe > 0
      ? `the experts of ${o.llama.nCpuMoe} layers in system RAM`
      : `${o.llama.ngl ?? 'all'} layers on the GPUs and the rest in system RAM`;
  return suggestion('offload', { strategy: o.id }, o, what);
}

function oneRequest(input: SuggestionInput): Suggestion | null {
  const { request: req, strategy: s } = input;
  const slots = s?.llama?.parallel ?? req.concurrency;
  if (!s || slots <= 1 || (s.fit === 'gpu' && s.maxContext >= req.ctx)) return null;
  const next = outcome(input, { ...req, concurrency: 1, llama: { ...req.llama, parallel: 1 } });
  if (!better(s, next, req.ctx)) return null;
  return suggestion(
    'concurrency',
    { concurrency: 1 },
    next,
    `1 request at a time instead of ${slots} (each holds its own KV cache)`,
  );
}

/** The GGUF quantization nearest below this one's bits, for a model llama.cpp can run instead. */
function ggufFor(model: EngineModel): QuantSpec[] {
  const bits = model.quant?.bitsPerWeight ?? 4.5;
  return LADDERS.gguf!.map((id) => findQuant(id, 'gguf')).filter(
    (q): q is QuantSpec => q !== undefined && q.bitsPerWeight <= Math.max(bits, 4.9),
  );
}

function runtime(input: SuggestionInput): Suggestion | null {
  const { request: req, strategy: s } = input;
  if (s && s.fit === 'gpu' && s.maxContext >= req.ctx) return null;
  // The re-plan lifts a pinned split; the change says so, or the pinned split would come back.
  const lifted = req.split !== 'auto' ? { split: 'auto' as const } : {};
  if (req.runtime !== null || req.split !== 'auto') {
    const free = { ...req, runtime: null, split: 'auto' as const };
    const next = outcome(input, free);
    if (next && next.runtime !== s?.runtime && better(s, next, req.ctx))
      return suggestion(
        'runtime',
        { runtime: next.runtime, ...lifted, strategy: next.id },
        next,
        `${next.runtime} instead`,
      );
    if (next && next.id !== s?.id && better(s, next, req.ctx))
      return suggestion(
        'strategy',
        { ...lifted, strategy: next.id },
        next,
        `${next.id} instead of ${s?.id ?? 'what was asked'}`,
      );
  }
  // A checkpoint only vLLM / SGLang load, on cards they cannot use: llama.cpp with a GGUF of similar size.
  if (req.model.quant && req.model.quant.format !== 'gguf' && (!s || !s.fits)) {
    for (const q of ggufFor(req.model)) {
      const model = requantized(req.model, q);
      if (!model) return null;
      const next = outcome(input, { ...req, model, runtime: null, split: 'auto' });
      if (better(s, next, req.ctx))
        return suggestion(
          'runtime',
          { runtime: next.runtime, ...lifted, quant: q.id },
          next,
          `${next.runtime} with a ${q.id} GGUF`,
        );
    }
  }
  return null;
}

/** The machine with the power limits set as if entered (so the speed model applies them). */
function limited(machine: EngineMachine, watts: ReadonlyMap<number, number>): EngineMachine {
  return {
    ...machine,
    gpus: machine.gpus.map((g) =>
      watts.has(g.index)
        ? { ...g, power: { ...g.power, limitW: watts.get(g.index) ?? null, source: 'entered' } }
        : g,
    ),
  };
}

function power(input: SuggestionInput): Suggestion[] {
  const { power: a, strategy: s, request: req } = input;
  if (a.verdict !== 'power-limit' && a.verdict !== 'bigger-psu') return [];
  const out: Suggestion[] = [];
  if (a.powerLimit && s) {
    const watts = new Map(a.powerLimit.gpus.map((g) => [g.index, g.watts]));
    const next = chosenStrategy(input.replan({ ...req, machine: limited(req.machine, watts) }), req) ?? s;
    const list = a.powerLimit.gpus.map((g) => `GPU ${g.index} at ${g.watts} W`).join(', ');
    out.push({
      ...suggestion(
        'power-limit',
        { powerLimits: a.powerLimit.gpus.map((g) => ({ gpuIndex: g.index, watts: g.watts })) },
        next,
        `power limits (${list})`,
      ),
      summary: `power limits (${list}) bring the PSU within its rating: ${speed(next)} instead of ${speed(s)} (~${(a.powerLimit.loss * 100).toFixed(1)}% slower decode)`,
    });
  }
  if (a.minPsuW !== null && s)
    out.push({
      ...suggestion('psu', { psuWatts: a.minPsuW, psuAtx3: true }, s, `a ${a.minPsuW} W ATX 3.x PSU`),
      summary: `a PSU of at least ${a.minPsuW} W (ATX 3.x) runs the cards at their full limits: ${speed(s)}`,
    });
  return out;
}

/** Every suggestion for this plan, most useful first (those that put it all on the GPUs lead). */
export function suggestionsFor(input: SuggestionInput): Suggestion[] {
  const found = [
    kvCache(input),
    quant(input),
    context(input),
    offload(input),
    oneRequest(input),
    runtime(input),
  ];
  const fits = found
    .filter((x): x is Suggestion => x !== null)
    .sort((a, b) => FIT_RANK[b.effect.fit] - FIT_RANK[a.effect.fit]);
  return [...fits, ...power(input)];
}
