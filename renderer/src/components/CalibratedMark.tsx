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

/**
 * Marks memory the machine's own load or start-up logs moved ("memory calibrated ×1.43"), each GPU's
 * uncalibrated figure on hover or focus; nothing when no log applied.
 */
export function MemoryCalibratedMark({ strategy }: { strategy: Strategy }) {
  const applied = strategy.memoryCalibration;
  if (!applied) return null;
  const gpus = applied.perGpu
    .map(
      (g) =>
        `GPU ${g.index} ${(g.calibratedMiB / 1024).toFixed(2)} GiB (uncalibrated ${(g.uncalibratedMiB / 1024).toFixed(2)})`,
    )
    .join('; ');
  const label = `${applied.summary}${gpus ? `. ${gpus}` : ''}`;
  return (
    <Tooltip label={label} multiline w={360} withArrow>
      <Badge
        size="xs"
        variant="light"
        color={applied.widened ? 'yellow' : 'teal'}
        tt="none"
        tabIndex={0}
        aria-label={label}
        data-testid="memory-calibrated-mark"
      >
        {applied.summary}
      </Badge>
    </Tooltip>
  );
}
