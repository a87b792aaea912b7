/**
 * The checks that depend on the strategy and can fail it: the runtime's compute-capability floor,
 * one vendor per process, and each host link the strategy leans on. The planner's gate (set by the
 * advisor) runs exactly these on every strategy, and the software and slots checks produce the same
 * checks for the strategy followed — so a strategy the checks fail is never "fits", and the table and
 * the checks give the same reason.
 */
import type { HardwareProfile } from '../../hardware/profile';
import { gpusOnNode, type EngineMachine } from '../machine';
import type { Blocker, Strategy } from '../planner/plan-types';
import { computeCheck, vendorCheck } from './check-software';
import type { Check } from './check-types';
import { linkCheck } from './slot-link';

/** The strategy-dependent checks for `s` on this machine (the ones a gate reads). */
export function strategyChecks(
  profile: HardwareProfile | null,
  machine: EngineMachine,
  s: Strategy,
): Check[] {
  const links = gpusOnNode(machine, 0)
    .filter((g) => s.gpuIndices.includes(g.index))
    .map((g) => linkCheck(g, profile, machine, s));
  return [vendorCheck(machine, s), computeCheck(machine, s), ...links].filter((c): c is Check => c !== null);
}

/** The failing ones, as the blockers the planner records on the strategy. */
export function blockersOf(checks: readonly Check[]): Blocker[] {
  return checks.filter((c) => c.status === 'fail').map((c) => ({ check: c.id, reason: c.reason }));
}

/** The gate the advisor gives the planner for this machine. */
export function strategyGate(profile: HardwareProfile | null, machine: EngineMachine) {
  return (s: Strategy): Blocker[] => blockersOf(strategyChecks(profile, machine, s));
}
