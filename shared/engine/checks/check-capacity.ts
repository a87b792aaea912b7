/**
 * Capacity: does the chosen strategy fit, per GPU (used vs capacity, with the planner's free margin),
 * how long a context fits, whether host RAM holds what is offloaded, and — when it does not fit —
 * what to change, with numbers from re-running the planner.
 */
import type { GpuUse, Strategy } from '../planner/plan-types';
import { ENGINE } from '../thresholds';
import { baseRequest, capacitySuggestions, outcome } from './capacity-suggestions';
import { CHECK } from './check-thresholds';
import { check, gib, type Check, type ChecksInput } from './check-types';

const parts = (u: GpuUse): string =>
  `weights ${gib(u.weightsMiB)}, KV cache ${gib(u.kvCacheMiB)}, compute ${gib(u.computeMiB)}, runtime overhead ${gib(u.overheadMiB)} GiB`;

function gpuCheck(u: GpuUse): Check {
  const id = `capacity.gpu${u.index}`;
  const used = `GPU ${u.index} (${u.name}) needs ${gib(u.totalMiB)} of ${gib(u.capacityMiB)} GiB (${parts(u)})`;
  if (u.totalMiB > u.capacityMiB)
    return check('capacity', id, 'fail', `${used}: it does not fit.`, 'See capacity.fit for what to change.');
  if (u.totalMiB > u.capacityMiB - ENGINE.fitMarginMiB)
    return check(
      'capacity',
      id,
      'warn',
      `${used}, leaving less than the ${ENGINE.fitMarginMiB} MiB the planner keeps free for fragmentation and other processes.`,
      'Shorten the context a little or move a layer to another GPU (-ts) so the card keeps some memory free.',
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
  const what = `${gib(host)} GiB of weights and cache stay in system RAM`;
  if (ramMiB === null)
    return check(
      'capacity',
      'capacity.ram',
      'unknown',
      `${what}, but the machine's RAM size is unknown.`,
      'Scan the machine, or enter System RAM on the Machine step (--ram-gib on the CLI); on Linux `free -g` shows the total.',
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

function fitCheck(input: ChecksInput): Check {
  const { plan, strategy: s } = input;
  if (s.fits && s.maxContext >= plan.ctx)
    return check(
      'capacity',
      'capacity.fit',
      'pass',
      `${plan.model.name} ${plan.model.quant} fits with ${s.id}.`,
    );
  if (s.invalid) {
    const other = plan.strategies.find((x) => x.fits);
    return check(
      'capacity',
      'capacity.fit',
      'fail',
      `${s.id} cannot run here: ${s.reasons[0] ?? 'the runtime refuses it'}.`,
      other
        ? `Use ${other.id}, which ${outcome(other, plan.ctx)}.`
        : 'Nothing in the plan fits: use a smaller model or add GPU memory.',
    );
  }
  const req = baseRequest(input.machine, plan, s, input.request);
  const ideas = capacitySuggestions(req, plan, s);
  return check(
    'capacity',
    'capacity.fit',
    'fail',
    `${plan.model.name} ${plan.model.quant} (${plan.model.weightsGiB} GiB of weights) does not fit with ${s.id} at ${plan.ctx} tokens.`,
    ideas.length > 0 ? `Options: ${ideas.join('; ')}.` : 'Use a smaller model or add GPU memory.',
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
