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

/** `All on GPU`, `Partly in RAM (19.4 GiB, ~1.3 tok/s)`, `Does not fit`. */
export function fitText(
  fit: FitState,
  ramOffloadMiB: number | null = null,
  tokPerSec: number | null = null,
): string {
  if (fit === 'gpu') return 'All on GPU';
  if (fit === 'none') return 'Does not fit';
  const what = [
    ...(ramOffloadMiB ? [`${gib(ramOffloadMiB)} GiB`] : []),
    // What RAM costs, right beside it: partial offload is often ten times slower.
    ...(tokPerSec ? [`~${tokPerSec.toFixed(tokPerSec >= 10 ? 0 : 1)} tok/s`] : []),
  ];
  return what.length > 0 ? `Partly in RAM (${what.join(', ')})` : 'Partly in RAM';
}

const SYMBOL: Readonly<Record<FitState, string>> = { gpu: '✓', offload: '!', none: '✕' };

export interface FitBadgeProps {
  readonly fit: FitState;
  /** Weights and KV cache in system RAM, MiB, when known. */
  readonly ramOffloadMiB?: number | null;
  /** Expected tokens/s, said beside "Partly in RAM" (what the RAM costs). */
  readonly tokPerSec?: number | null;
  readonly size?: 'xs' | 'sm' | 'md';
}

export function FitBadge({ fit, ramOffloadMiB = null, tokPerSec = null, size = 'sm' }: FitBadgeProps) {
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
      {SYMBOL[fit]} {fitText(fit, ramOffloadMiB, tokPerSec)}
    </Badge>
  );
}

/** A strategy's state: blocked by a check, refused by its runtime, or where the model lives. */
export function StrategyFitBadge({
  strategy,
  size = 'sm',
}: {
  strategy: Pick<Strategy, 'fit' | 'ramOffloadMiB' | 'blockers' | 'invalid' | 'decodeTokPerSec'>;
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
  return (
    <FitBadge
      fit={strategy.fit}
      ramOffloadMiB={strategy.ramOffloadMiB}
      tokPerSec={strategy.decodeTokPerSec?.expected ?? null}
      size={size}
    />
  );
}
