/**
 * All rig checks for one plan and strategy, in area order: capacity, power, cooling, slots, software.
 */
import { gpusOnNode } from '../machine';
import { checkCapacity } from './check-capacity';
import { checkCooling } from './check-cooling';
import { checkPower } from './check-power';
import { checkSlots } from './check-slots';
import { checkSoftware } from './check-software';
import { CHECK_AREAS, type Check, type CheckArea, type ChecksInput } from './check-types';

const BY_AREA: Readonly<Record<CheckArea, (input: ChecksInput) => Check[]>> = {
  capacity: checkCapacity,
  power: checkPower,
  cooling: checkCooling,
  slots: checkSlots,
  software: checkSoftware,
};

/**
 * Every check, grouped by area in `CHECK_AREAS` order. Cooling is about this machine's case: for a
 * cluster it sees this machine's cards only (the others' cases are not known here).
 */
export function runChecks(input: ChecksInput): Check[] {
  const head = gpusOnNode(input.machine, 0);
  const local =
    head.length === input.machine.gpus.length
      ? input
      : { ...input, machine: { ...input.machine, gpus: head } };
  return CHECK_AREAS.flatMap((area) => BY_AREA[area](area === 'cooling' ? local : input));
}
