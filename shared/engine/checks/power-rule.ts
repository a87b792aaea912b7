/**
 * The one power rule `check`, `upgrade`, `compare` and the checklist all apply: sustained draw at most
 * 80% of the PSU, transient peaks within what the PSU rides out (ATX 3.x 160% for 10 ms, ATX 2.x its
 * rating), both at the power limits actually set. When the machine is over, the power limits that
 * bring it back (never below the floor where decode collapses), what they cost in decode speed, and
 * the smallest PSU that needs none.
 */
import type { EngineMachine } from '../machine';
import type { HardwareProfile } from '../../hardware/profile';
import type { PsuNotes } from '../rig-notes';
import { CHECK } from './check-thresholds';
import type { CheckStatus } from './check-types';
import { budgetOf, gpuPowerAt, powerBudget, type PowerBudget } from './power-budget';
import { decodeLossAt } from './power-limit-loss';
import { gpusOnNode } from '../machine';

/** What the machine needs for power: nothing, a power limit, a bigger PSU, or it cannot be told (PSU or a card's power unknown). */
export type PowerVerdict = 'ok' | 'power-limit' | 'bigger-psu' | 'unknown';

export interface PowerLimitPlan {
  /** The limit to set on each card, W, and its share of the card's default. */
  readonly gpus: readonly {
    readonly index: number;
    readonly vendor: string;
    readonly watts: number;
    readonly fraction: number;
  }[];
  /** Share of decode tokens/s lost at those limits against the limits in force now (the worst card's). */
  readonly loss: number;
  /** The budget with the limits set (sustained and peaks at the new limits). */
  readonly budget: PowerBudget;
}

export interface PowerAssessment {
  readonly budget: PowerBudget;
  readonly psuWatts: number | null;
  /** Whether the PSU is ATX 3.x (a 12VHPWR cable, or the note says so): it rides out 160% for 10 ms. */
  readonly atx3: boolean;
  /** Sustained draw against the PSU: pass ≤ 80%, warn ≤ 100%, fail above; unknown without the PSU or a card's power. */
  readonly sustained: CheckStatus;
  /** Sustained draw as a share of the PSU rating. */
  readonly share: number | null;
  /** Peaks against what the PSU rides out: pass or warn; unknown when a peak or the PSU is unknown. */
  readonly transient: CheckStatus;
  /** What the PSU rides out for 10 ms, W. */
  readonly transientLimitW: number | null;
  /** Limits that make both pass, when they stay above the floor; null when none is needed or none works. */
  readonly powerLimit: PowerLimitPlan | null;
  /** Smallest PSU (50 W steps) that needs no power limit, as ATX 3.x; null when a card's power is unknown. */
  readonly minPsuW: number | null;
  readonly verdict: PowerVerdict;
}

const roundUp = (w: number): number => Math.ceil(w / CHECK.psuStepW) * CHECK.psuStepW;

/** Smallest PSU that keeps the sustained draw at 80% and, as ATX 3.x, rides out the peaks. */
export const minPsuW = (b: PowerBudget): number | null =>
  b.sustainedW === null
    ? null
    : roundUp(
        Math.max(b.sustainedW / CHECK.psuSustainedMaxFraction, (b.peakW ?? 0) / CHECK.atx3ExcursionFactor),
      );

/** A 12VHPWR cable, or "ATX 3" in the note (the app's note field; the CLI's `--psu-atx3`). */
export function isAtx3(psu: PsuNotes): boolean {
  return (psu.connectors12vhpwr ?? 0) > 0 || /atx\s*3/i.test(psu.note);
}

/**
 * The largest common scale of every card's limit that keeps the sustained draw at 80% and the peaks
 * within `tolerance` × PSU; the limits it gives (capped at each card's maximum) and their cost.
 */
function limitPlan(
  machine: EngineMachine,
  profile: HardwareProfile | null,
  b: PowerBudget,
  psuW: number,
  tolerance: number,
): PowerLimitPlan | null {
  const base = b.cpuW + b.restW;
  const limits = b.gpus.reduce((a, g) => a + (g.limitW ?? 0), 0);
  const peaks = b.gpus.reduce((a, g) => a + (g.peakW ?? 0), 0);
  const bySustained = (psuW * CHECK.psuSustainedMaxFraction - base) / limits;
  const byPeaks = b.peakW === null || peaks === 0 ? Infinity : (psuW * tolerance - base) / peaks;
  const scale = Math.min(bySustained, byPeaks);
  if (!(scale > 0) || limits === 0) return null;
  const gpus = gpusOnNode(machine, 0).map((gpu, i) => {
    const now = b.gpus[i]?.limitW ?? 0;
    const watts = Math.floor(Math.min(now * scale, gpu.power.maxW ?? Infinity));
    const def = gpu.power.defaultW ?? now;
    // What the new limit costs against the limit in force (a card already limited has paid part of it).
    const cost = 1 - (1 - decodeLossAt(watts / def)) / (1 - decodeLossAt(now / def));
    return { gpu, watts, fraction: watts / def, cost };
  });
  if (gpus.some((p) => p.fraction < CHECK.powerLimitFloorFraction)) return null;
  return {
    gpus: gpus.map((p) => ({
      index: p.gpu.index,
      vendor: p.gpu.vendor,
      watts: p.watts,
      fraction: p.fraction,
    })),
    loss: Math.max(...gpus.map((p) => p.cost)),
    budget: budgetOf(
      gpus.map((p) => gpuPowerAt(p.gpu, p.watts)),
      profile,
    ),
  };
}

/** The power verdict for this machine's PSU, from the budget at the limits in force. */
export function assessPower(
  machine: EngineMachine,
  profile: HardwareProfile | null,
  psu: PsuNotes,
): PowerAssessment {
  const budget = powerBudget(profile, machine);
  const psuW = psu.watts;
  const atx3 = isAtx3(psu);
  const tolerance = atx3 ? CHECK.atx3ExcursionFactor : CHECK.atx2ExcursionFactor;
  const unknown: PowerAssessment = {
    budget,
    psuWatts: psuW,
    atx3,
    sustained: 'unknown',
    share: null,
    transient: 'unknown',
    transientLimitW: psuW === null ? null : Math.round(psuW * tolerance),
    powerLimit: null,
    minPsuW: minPsuW(budget),
    verdict: 'unknown',
  };
  if (psuW === null || budget.sustainedW === null) return unknown;
  const share = budget.sustainedW / psuW;
  const sustained: CheckStatus =
    share <= CHECK.psuSustainedMaxFraction ? 'pass' : share <= 1 ? 'warn' : 'fail';
  const transientLimitW = Math.round(psuW * tolerance);
  const transient: CheckStatus =
    budget.peakW === null ? 'unknown' : budget.peakW <= transientLimitW ? 'pass' : 'warn';
  const over = sustained !== 'pass' || transient === 'warn';
  const plan = over ? limitPlan(machine, profile, budget, psuW, tolerance) : null;
  return {
    ...unknown,
    share,
    sustained,
    transient,
    transientLimitW,
    powerLimit: plan,
    verdict: !over ? 'ok' : plan ? 'power-limit' : 'bigger-psu',
  };
}
