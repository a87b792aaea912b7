/**
 * "Add a card?" ranking for the current plan: every catalog GPU planned as the next card (82 plans),
 * run only while this view is open, off the click that opened it (a paint first), and again only when
 * the plan, the notes, where the card would sit or a typed price changes.
 */
import { useEffect, useState } from 'react';
import { rankUpgrades, type UpgradeResult } from '@shared/engine/advisor/upgrade';
import type { PlanRequest } from '@shared/engine/planner/plan-types';
import type { UserNotes } from '@shared/engine/rig-notes';
import type { SlotPlacement } from '@shared/engine/slot-placement';
import type { HardwareProfile } from '@shared/hardware/profile';

export interface UpgradeState {
  readonly result: UpgradeResult | null;
  /** True while a ranking for newer inputs is being computed. */
  readonly busy: boolean;
}

export interface UpgradeInputs {
  readonly request: PlanRequest | null;
  readonly profile: HardwareProfile | null;
  readonly notes: UserNotes;
  /** Where the new card would sit; null = the widest free slot the board lists. */
  readonly slot: SlotPlacement | null;
  readonly priceOverrides: Readonly<Record<string, number>>;
}

export function useUpgrades({ request, profile, notes, slot, priceOverrides }: UpgradeInputs): UpgradeState {
  const [state, setState] = useState<{ key: unknown[]; result: UpgradeResult | null }>({
    key: [],
    result: null,
  });
  const key = [request, profile, notes, slot, priceOverrides];
  const current = key.every((k, i) => Object.is(k, state.key[i]));
  useEffect(() => {
    if (!request) return;
    const timer = setTimeout(() => {
      const result = rankUpgrades({ request, profile, notes, slot, priceOverrides });
      setState({ key: [request, profile, notes, slot, priceOverrides], result });
    }, 16);
    return () => clearTimeout(timer);
  }, [request, profile, notes, slot, priceOverrides]);
  return { result: state.result, busy: !current };
}
