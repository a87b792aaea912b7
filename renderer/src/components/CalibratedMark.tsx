/**
 * Marks a speed that this machine's own measurements moved: "calibrated ×1.10", with what it rests on
 * and the uncalibrated figure on hover or focus. Never silently: every calibrated number carries one.
 */
import { Badge, Tooltip } from '@mantine/core';
import type { Strategy } from '@shared/engine/planner/plan-types';
import { formatRange } from './format-advisor';

export function CalibratedMark({
  strategy,
  phase = 'decode',
}: {
  strategy: Strategy;
  phase?: 'decode' | 'prefill';
}) {
  const applied = strategy.calibration?.[phase];
  if (!applied) return null;
  const label = `${applied.summary}; uncalibrated ${formatRange(applied.uncalibrated)}`;
  return (
    <Tooltip label={label} multiline w={320} withArrow>
      <Badge
        size="xs"
        variant="light"
        color={applied.widened ? 'yellow' : 'teal'}
        tabIndex={0}
        aria-label={label}
        data-testid="calibrated-mark"
        data-ratio={applied.ratio.toFixed(3)}
      >
        calibrated ×{applied.ratio.toFixed(2)}
      </Badge>
    </Tooltip>
  );
}
