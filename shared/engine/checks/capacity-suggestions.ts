/**
 * What to change when a strategy does not fit: each idea is tried by re-running `plan()` with one
 * thing changed (KV cache q8_0, a smaller quantization, one slot) and reported with its numbers;
 * offload and "another card" come from the plan already made.
 */
import { findModel } from '../../catalog/model-lookup';
import { findQuant } from '../../catalog/quantizations';
import { modelFromCatalog } from '../../model-import/catalog-model';
import type { EngineMachine } from '../machine';
import { plan } from '../planner/planner';
import type { PlanRequest, PlanResult, Strategy } from '../planner/plan-types';
import { ENGINE } from '../thresholds';
import { gib } from './check-types';

/** Common quantizations, largest first, per format (the ones people actually download). */
const LADDERS: Readonly<Record<string, readonly string[]>> = {
  gguf: ['Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'IQ4_XS', 'Q3_K_M', 'IQ3_XXS', 'Q2_K', 'IQ2_XS'],
  vllm: ['bf16', 'fp8', 'gptq-int8', 'awq'],
  exl2: ['8.0bpw', '6.0bpw', '5.0bpw', '4.0bpw', '3.5bpw', '3.0bpw', '2.5bpw'],
};

const LLAMA_FAMILY = new Set(['llama.cpp', 'ollama']);

/**
 * The request behind the plan: the one given, or rebuilt from the catalog by model id and quant
 * (null when the model or quant is not catalogued, e.g. an imported GGUF).
 */
export function baseRequest(
  machine: EngineMachine,
  result: PlanResult,
  strategy: Strategy,
  given: PlanRequest | undefined,
): PlanRequest | null {
  if (given) return given;
  const spec = findModel(result.model.id);
  const quant = findQuant(result.model.quant);
  if (!spec || !quant) return null;
  const s = strategy.llama;
  return {
    machine,
    model: modelFromCatalog(spec, quant),
    ctx: result.ctx,
    runtime: strategy.runtime,
    split: 'auto',
    // The plan does not record the request's concurrency; speeds are compared for one request.
    concurrency: 1,
    goal: result.goal,
    llama: s
      ? { parallel: s.parallel, cacheTypeK: s.cacheTypeK, cacheTypeV: s.cacheTypeV, ubatch: s.ubatch }
      : {},
    gpuMemoryUtilization: null,
  };
}

const replan = (req: PlanRequest, id: string): Strategy | undefined =>
  plan(req).strategies.find((s) => s.id === id);

const speed = (s: Strategy): string =>
  s.decodeTokPerSec ? `, ~${s.decodeTokPerSec.expected.toFixed(1)} tok/s` : '';

/** "fits with up to 32768 tokens, ~15.2 tok/s" or "still does not fit". */
export function outcome(s: Strategy | undefined, ctx: number): string {
  if (!s || s.invalid) return 'is not possible with this strategy';
  if (s.fits) return `fits with up to ${s.maxContext} tokens of context${speed(s)}`;
  return s.maxContext > 0
    ? `still does not fit ${ctx} tokens (up to ${s.maxContext} would fit)`
    : 'still does not fit';
}

function kvQ8(req: PlanRequest, s: Strategy): string | null {
  const l = s.llama;
  if (!LLAMA_FAMILY.has(s.runtime) || !l || s.split === 'tensor' || l.cacheTypeK === 'q8_0') return null;
  const flag =
    s.runtime === 'ollama' ? 'OLLAMA_KV_CACHE_TYPE=q8_0' : '-ctk q8_0 -ctv q8_0, needs flash attention';
  const tried = replan({ ...req, llama: { ...req.llama, cacheTypeK: 'q8_0', cacheTypeV: 'q8_0' } }, s.id);
  return `KV cache q8_0 (${flag}) ${outcome(tried, req.ctx)}`;
}

function smallerQuant(req: PlanRequest, s: Strategy): string | null {
  const current = req.model.quant;
  const spec = req.model.spec;
  if (!current) return null;
  const candidates = (LADDERS[current.format] ?? [])
    .map((id) => findQuant(id, current.format))
    .filter(
      (q) => q !== undefined && q.bitsPerWeight < current.bitsPerWeight && q.runtimes.includes(s.runtime),
    );
  for (const q of candidates) {
    if (!q) continue;
    const tried = replan({ ...req, model: modelFromCatalog(spec, q) }, s.id);
    if (tried?.fits)
      return `a smaller quantization, ${q.id} (${q.bitsPerWeight.toFixed(2)} bits/weight), ${outcome(tried, req.ctx)}`;
  }
  return candidates.length > 0
    ? `no smaller common quantization (down to ${candidates.at(-1)?.id}) fits either`
    : null;
}

function fewerSlots(req: PlanRequest, s: Strategy): string | null {
  const slots = s.llama?.parallel ?? req.concurrency;
  if (slots <= 1) return null;
  const tried = replan({ ...req, concurrency: 1, llama: { ...req.llama, parallel: 1 } }, s.id);
  return `1 parallel slot instead of ${slots} (-np 1; each slot holds its own KV cache) ${outcome(tried, req.ctx)}`;
}

function offload(result: PlanResult, s: Strategy): string | null {
  if (!LLAMA_FAMILY.has(s.runtime) || s.split === 'offload') return null;
  const o = result.strategies.find((x) => x.id === `${s.runtime}:offload`);
  if (!o?.fits || !o.llama) return null;
  const moe = o.llama.nCpuMoe > 0;
  const flag = moe
    ? `--n-cpu-moe ${o.llama.nCpuMoe} (MoE experts of the first ${o.llama.nCpuMoe} layers in RAM)`
    : `-ngl ${o.llama.ngl ?? 'all'} (the other layers in system RAM)`;
  return `offload to system RAM with ${flag}: ${gib(o.hostWeightsMiB)} GiB in RAM, ${outcome(o, result.ctx)}`;
}

function anotherCard(s: Strategy): string | null {
  const short = s.perGpu.reduce(
    (sum, u) => sum + Math.max(0, u.totalMiB - (u.capacityMiB - ENGINE.fitMarginMiB)),
    0,
  );
  return short > 0 ? `about ${gib(short)} GiB more GPU memory (another card, then a layer split)` : null;
}

function otherStrategy(result: PlanResult, s: Strategy): string | null {
  // Offload is reported by `offload` with its flags; name another GPU-only strategy here.
  const other = result.strategies.find((x) => x.fits && x.id !== s.id && x.split !== 'offload');
  return other ? `strategy ${other.id} ${outcome(other, result.ctx)}` : null;
}

/** Concrete alternatives for a strategy that does not fit, each with its numbers. */
export function capacitySuggestions(req: PlanRequest | null, result: PlanResult, s: Strategy): string[] {
  const shorter =
    s.maxContext > 0 && s.maxContext < result.ctx ? `a shorter context: -c ${s.maxContext} fits` : null;
  const replanned = req
    ? [kvQ8(req, s), smallerQuant(req, s), fewerSlots(req, s)]
    : ['(the model is not in the catalog, so smaller quantizations and KV cache types were not re-planned)'];
  return [shorter, ...replanned, offload(result, s), otherStrategy(result, s), anotherCard(s)].filter(
    (x): x is string => x !== null,
  );
}
