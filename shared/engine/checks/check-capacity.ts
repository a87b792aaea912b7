/**
 * Capacity: where the chosen strategy puts the model — all on the GPUs (pass), partly in system RAM
 * (warn: how much, and the speed it costs against the same cards without offload), or nowhere (fail) —
 * per GPU (used against the budget the planner judges by), how long a context fits, and whether RAM
 * holds what is offloaded. What to change comes from the engine's suggestions, each re-planned.
 */
import type { GpuUse, PlanResult, Strategy } from '../planner/plan-types';
import type { Suggestion } from '../suggestion-types';
import { CHECK } from './check-thresholds';
import { check, gib, type Check, type ChecksInput } from './check-types';

const parts = (u: GpuUse): string =>
  `weights ${gib(u.weightsMiB)}, KV cache ${gib(u.kvCacheMiB)}, compute ${gib(u.computeMiB)}, runtime overhead ${gib(u.overheadMiB)} GiB`;

function gpuCheck(u: GpuUse): Check {
  const id = `capacity.gpu${u.index}`;
  const used = `GPU ${u.index} (${u.name}) needs ${gib(u.totalMiB)} of ${gib(u.capacityMiB)} GiB (${parts(u)})`;
  if (u.totalMiB > u.capacityMiB)
    return check('capacity', id, 'fail', `${used}: it does not fit.`, 'See capacity.fit for what to change.');
  if (u.totalMiB > u.budgetMiB)
    return check(
      'capacity',
      id,
      'fail',
      `${used}, more than the ${gib(u.budgetMiB)} GiB the runtime may fill (the rest is kept free for fragmentation and other processes).`,
      'See capacity.fit for what to change.',
    );
  return check('capacity', id, 'pass', `${used}, leaving ${gib(u.capacityMiB - u.totalMiB)} GiB free.`);
}

function contextCheck(s: Strategy, ctx: number): Check {
  if (s.maxContext >= ctx)
    return check(
      'capacity',
      'capacity.context',
      'pass',
      `Up to ${s.maxContext} tokens of context per request fit with ${s.id} (asked for ${ctx}).`,
    );
  const reason =
    s.maxContext > 0
      ? `Only ${s.maxContext} tokens of context fit with ${s.id}, fewer than the ${ctx} asked for.`
      : `No context fits with ${s.id}: the weights alone do not fit.`;
  return check('capacity', 'capacity.context', 'fail', reason, 'See capacity.fit for what to change.');
}

function hostRamCheck(s: Strategy, ramMiB: number | null): Check | null {
  const host = s.hostWeightsMiB + s.hostKvCacheMiB;
  if (host <= 1024) return null;
  // The token embedding is in RAM too (llama.cpp keeps it there, a lookup): it takes RAM, but is not read per token.
  const lookup = host - s.ramOffloadMiB;
  const what = `${gib(host)} GiB stay in system RAM (${gib(s.ramOffloadMiB)} GiB of weights and cache read every token${lookup > 64 ? `, ${gib(lookup)} GiB of token embedding only looked up` : ''})`;
  if (ramMiB === null)
    return check(
      'capacity',
      'capacity.ram',
      'unknown',
      `${what}, but the machine's RAM size is unknown.`,
      'Scan the machine, or enter the RAM size; on Linux `free -g` shows the total.',
      [],
      ['ramGiB'],
    );
  const limit = ramMiB * CHECK.hostRamFraction;
  const status = host <= limit ? 'pass' : 'fail';
  return check(
    'capacity',
    'capacity.ram',
    status,
    `${what}, against ${gib(ramMiB)} GiB of RAM (${Math.round(CHECK.hostRamFraction * 100)}% usable).`,
    status === 'fail' ? 'Add RAM, or keep more layers on the GPUs (smaller quantization).' : '',
  );
}

/** The same runtime over the same cards with nothing in RAM (layer split, or the one GPU): what offload costs. */
function allOnGpus(plan: PlanResult, s: Strategy): Strategy | undefined {
  const split = s.gpuIndices.length > 1 ? 'layer' : 'none';
  return plan.strategies.find((x) => x.id === `${s.runtime}:${split}`);
}

const speed = (s: Strategy | undefined): string =>
  s?.decodeTokPerSec ? `~${s.decodeTokPerSec.expected.toFixed(1)} tok/s` : 'unknown speed';

/** The suggestions that would change this verdict: those reaching all-on-GPU, or any fit when nothing fits. */
function relevant(suggestions: readonly Suggestion[], s: Strategy): Suggestion[] {
  return suggestions.filter((x) =>
    s.fit === 'none' ? x.effect.fit !== 'none' : x.effect.fit === 'gpu' && x.kind !== 'power-limit',
  );
}

function withSuggestions(c: Check, ideas: readonly Suggestion[], fallback: string): Check {
  const fix = ideas.length > 0 ? `Options: ${ideas.map((x) => x.summary).join('; ')}.` : fallback;
  return { ...c, fix, ...(ideas.length > 0 ? { suggestions: [...new Set(ideas.map((x) => x.kind))] } : {}) };
}

function fitCheck(input: ChecksInput): Check {
  const { plan, strategy: s } = input;
  const ideas = relevant(input.suggestions ?? [], s);
  const model = `${plan.model.name} ${plan.model.quant}`;
  if (s.blockers.length > 0 || s.invalid) {
    const other = plan.strategies.find((x) => x.fits);
    const why = s.reasons[0] ?? 'the runtime refuses it';
    const refused = check(
      'capacity',
      'capacity.fit',
      'fail',
      `${s.id} cannot be used here: ${why.replace(/\.$/, '')}.`,
    );
    if (other)
      return {
        ...refused,
        fix: `Use ${other.id}, which fits${other.fit === 'offload' ? ` with ${gib(other.ramOffloadMiB)} GiB in system RAM` : ' on the GPUs'} at ${speed(other)}.`,
      };
    return withSuggestions(
      refused,
      ideas,
      'Nothing in the plan fits: use a smaller model or add GPU memory.',
    );
  }
  if (s.fit === 'gpu' && s.maxContext >= plan.ctx)
    return check('capacity', 'capacity.fit', 'pass', `${model} fits on the GPUs with ${s.id}.`);
  if (s.fit === 'offload') {
    const gpuOnly = allOnGpus(plan, s);
    const cost =
      gpuOnly?.decodeTokPerSec && s.decodeTokPerSec
        ? `: decode ${speed(s)}, against ${speed(gpuOnly)} if it all fit on the same cards (${gpuOnly.id})`
        : '';
    return withSuggestions(
      check(
        'capacity',
        'capacity.fit',
        'warn',
        `${model} fits with ${s.id} only by keeping ${gib(s.ramOffloadMiB)} GiB in system RAM, read at RAM speed every token${cost}.`,
      ),
      ideas,
      'More GPU memory (another card), or a smaller quantization, keeps it all on the GPUs.',
    );
  }
  return withSuggestions(
    check(
      'capacity',
      'capacity.fit',
      'fail',
      `${model} (${plan.model.weightsGiB} GiB of weights) does not fit with ${s.id} at ${plan.ctx} tokens.`,
    ),
    ideas,
    'Use a smaller model or add GPU memory.',
  );
}

/** Capacity checks for the strategy in `input`: overall fit, each GPU, context, host RAM. */
export function checkCapacity(input: ChecksInput): Check[] {
  const s = input.strategy;
  // A strategy the runtime refuses has no meaningful per-GPU numbers: only say why and what instead.
  if (s.invalid) return [fitCheck(input)];
  const ram = hostRamCheck(s, input.machine.ramMiB);
  return [fitCheck(input), ...s.perGpu.map(gpuCheck), contextCheck(s, input.plan.ctx), ...(ram ? [ram] : [])];
}
