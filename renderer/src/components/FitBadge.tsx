/**
 * Where the model lives, in words and colour, the same everywhere (strategy table, plan summary, Add
 * a card, Compare builds, suggestions): all on the GPUs, partly in system RAM (with how much, when
 * known), or not at all — and, for a strategy, blocked by a check. A symbol goes with the colour, so
 * it does not rely on colour alone.
 */
import { Badge } from '@mantine/core';
import type { FitState, Strategy } from '@shared/engine/planner/plan-types';
import { gib } from './format-advisor';

export const FIT_COLOR: Readonly<Record<FitState, string>> = { gpu: 'teal', offload: 'yellow', none: 'red' };

/** `All on GPU`, `Partly in RAM (19.4 GiB)`, `Does not fit`. */
export function fitText(fit: FitState, ramOffloadMiB: number | null = null): string {
  if (fit === 'gpu') return 'All on GPU';
  if (fit === 'none') return 'Does not fit';
  return ramOffloadMiB ? `Partly in RAM (${gib(ramOffloadMiB)} GiB)` : 'Partly in RAM';
}

const SYMBOL: Readonly<Record<FitState, string>> = { gpu: '✓', offload: '!', none: '✕' };

export interface FitBadgeProps {
  readonly fit: FitState;
  /** Weights and KV cache in system RAM, MiB, when known. */
  readonly ramOffloadMiB?: number | null;
  readonly size?: 'xs' | 'sm' | 'md';
}

export function FitBadge({ fit, ramOffloadMiB = null, size = 'sm' }: FitBadgeProps) {
  return (
    <Badge
      size={size}
      variant="light"
      // As written: `GiB` and `GPU` keep their case.
      tt="none"
      color={FIT_COLOR[fit]}
      data-testid="fit-badge"
      data-fit={fit}
      style={{ flexShrink: 0 }}
    >
      {SYMBOL[fit]} {fitText(fit, ramOffloadMiB)}
    </Badge>
  );
}

/** A strategy's state: blocked by a check, refused by its runtime, or where the model lives. */
export function StrategyFitBadge({
  strategy,
  size = 'sm',
}: {
  strategy: Pick<Strategy, 'fit' | 'ramOffloadMiB' | 'blockers' | 'invalid'>;
  size?: FitBadgeProps['size'];
}) {
  if (strategy.blockers.length > 0 || strategy.invalid)
    return (
      <Badge
        size={size}
        variant="light"
        color="red"
        tt="none"
        data-testid="fit-badge"
        data-fit="blocked"
        title={strategy.blockers[0]?.reason}
        style={{ flexShrink: 0 }}
      >
        ✕ {strategy.blockers.length > 0 ? 'Blocked' : 'Cannot run'}
      </Badge>
    );
  return <FitBadge fit={strategy.fit} ramOffloadMiB={strategy.ramOffloadMiB} size={size} />;
}
