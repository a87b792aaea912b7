/**
 * "Add a card?" ranking for the current plan: every catalog GPU planned as the next card (82 plans),
 * run only while this view is open, off the click that opened it (a paint first), and again only when
 * the plan or a typed price changes.
 */
import { useEffect, useState } from 'react';
import { rankUpgrades, type UpgradeResult } from '@shared/engine/advisor/upgrade';
import type { PlanRequest } from '@shared/engine/planner/plan-types';
import type { HardwareProfile } from '@shared/hardware/profile';

export interface UpgradeState {
  readonly result: UpgradeResult | null;
  /** True while a ranking for newer inputs is being computed. */
  readonly busy: boolean;
}

export function useUpgrades(
  request: PlanRequest | null,
  profile: HardwareProfile | null,
  psuWatts: number | null,
  priceOverrides: Readonly<Record<string, number>>,
): UpgradeState {
  const [state, setState] = useState<{ key: unknown[]; result: UpgradeResult | null }>({
    key: [],
    result: null,
  });
  const key = [request, profile, psuWatts, priceOverrides];
  const current = key.every((k, i) => Object.is(k, state.key[i]));
  useEffect(() => {
    if (!request) return;
    const timer = setTimeout(() => {
      const result = rankUpgrades({ request, profile, psuWatts, priceOverrides });
      setState({ key: [request, profile, psuWatts, priceOverrides], result });
    }, 16);
    return () => clearTimeout(timer);
  }, [request, profile, psuWatts, priceOverrides]);
  return { result: state.result, busy: !current };
}
