/**
 * Context as a slider that shows where the plan stops fitting: the track is green as far as the model
 * stays all on the GPUs, yellow while it fits only with part in system RAM, red beyond — each boundary
 * the planner's own (the strategies' largest context). Powers of two on a log scale, as contexts are
 * chosen; the number field beside it stays for exact values.
 */
import { Slider, Stack, Text } from '@mantine/core';
import { longestContextOnGpus } from '@shared/engine/advisor/fit-options';
import type { PlanRequest, PlanResult } from '@shared/engine/planner/plan-types';
import { tokens } from '../../components/format-advisor';
import type { AdvisorAction } from '../../state/advisor-state';

const MIN_LOG = 8; // 256 tokens

/** The largest context any strategy the checks allow can hold (GPUs and RAM together), tokens. */
export function longestContextAtAll(result: PlanResult): number {
  return Math.max(
    0,
    ...result.strategies.filter((s) => s.blockers.length === 0 && !s.invalid).map((s) => s.maxContext),
  );
}

const FIT = 'var(--mantine-color-teal-filled)';
const RAM = 'var(--mantine-color-yellow-filled)';
const NONE = 'var(--mantine-color-red-filled)';
const UNTRIED = 'var(--mantine-color-gray-4)';

export function ContextSlider({
  request,
  result,
  dispatch,
}: {
  request: PlanRequest;
  result: PlanResult;
  dispatch: (action: AdvisorAction) => void;
}) {
  const limit = request.model.spec.extendedContext?.tokens ?? request.model.spec.maxContext;
  const maxLog = Math.log2(limit);
  const onGpus = Math.min(longestContextOnGpus(result, request) ?? 0, limit);
  const atAll = Math.min(Math.max(longestContextAtAll(result), onGpus), limit);
  // While everything fits on the GPUs the plan tries no RAM offload: past the green, it is not known here.
  const ramTried = result.strategies.some((s) => s.fit === 'offload' || s.split === 'offload');
  const at = (ctx: number) =>
    ctx <= 0 ? 0 : Math.max(0, Math.min(100, ((Math.log2(ctx) - MIN_LOG) / (maxLog - MIN_LOG)) * 100));
  const beyond = ramTried ? NONE : UNTRIED;
  const track = `linear-gradient(to right, ${FIT} 0% ${at(onGpus)}%, ${RAM} ${at(onGpus)}% ${at(atAll)}%, ${beyond} ${at(atAll)}% 100%)`;
  const marks = [4096, 16384, 65536, 262144, 1048576]
    .filter((t) => t <= limit)
    .map((t) => ({ value: Math.log2(t), label: `${t / 1024}K` }));
  return (
    <Stack gap={4} data-testid="context-slider" data-on-gpus={onGpus} data-at-all={atAll}>
      <Slider
        thumbLabel="Context per request (slider)"
        min={MIN_LOG}
        max={maxLog}
        step={0.25}
        value={Math.log2(Math.max(256, request.ctx))}
        label={(v) => `${tokens(Math.round(2 ** v / 256) * 256)} tokens`}
        onChangeEnd={(v) => dispatch({ type: 'ctx', ctx: Math.min(limit, Math.round(2 ** v / 256) * 256) })}
        marks={marks}
        // Mantine paints the track in a ::before from --track-bg: cleared, the gradient on the track shows.
        styles={{
          track: { background: track, borderRadius: 4, ['--track-bg' as string]: 'transparent' },
          bar: { backgroundColor: 'transparent' },
          markLabel: { color: 'var(--mantine-color-text)' },
        }}
        mb="md"
      />
      <Text size="xs" c="dimmed">
        <Text span className="ok-text" fw={600} size="xs">
          all on the GPUs
        </Text>{' '}
        {onGpus > 0 ? `up to ${tokens(onGpus)} tokens` : 'at no context'}
        {atAll > onGpus && (
          <>
            {' · '}
            <Text span className="warn-text" fw={600} size="xs">
              partly in RAM
            </Text>{' '}
            up to {tokens(atAll)}
          </>
        )}
        {atAll < limit &&
          (ramTried ? (
            <>
              {' · '}
              <Text span className="fail-text" fw={600} size="xs">
                does not fit
              </Text>{' '}
              beyond
            </>
          ) : (
            <> · beyond: planned again there (part in system RAM, or not at all)</>
          ))}
      </Text>
    </Stack>
  );
}
