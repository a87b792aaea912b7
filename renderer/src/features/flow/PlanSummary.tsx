/**
 * One line that stays above every step: the machine, the model and how it runs, and the strategy the
 * later steps follow with its predicted range. `plan-ready` marks that a plan is on screen.
 */
import { Group, Paper, Text } from '@mantine/core';
import { CalibratedMark } from '../../components/CalibratedMark';
import type { EngineMachine } from '@shared/engine/machine';
import { StrategyFitBadge } from '../../components/FitBadge';
import { formatRange, tokens } from '../../components/format-advisor';
import { headline, strategyInWords } from '../../components/plain-words';
import type { Advisor } from '../../state/use-advisor';

function machineText(machine: EngineMachine, source: 'scan' | 'catalog'): string {
  const counts = new Map<string, number>();
  // This machine's cards; the others of a cluster are copies of it.
  for (const g of machine.gpus.filter((g) => (g.node ?? 0) === 0))
    counts.set(g.name, (counts.get(g.name) ?? 0) + 1);
  const cards = [...counts].map(([name, n]) => `${n} × ${name.replace(/^NVIDIA /, '')}`).join(' + ');
  const nodes = machine.nodeCount && machine.nodeCount > 1 ? `, ${machine.nodeCount} machines` : '';
  return `${cards} (${source === 'scan' ? 'scanned' : 'catalog build'}${nodes})`;
}

export function PlanSummary({ advisor }: { advisor: Advisor }) {
  const { machine, request, result, strategy, inputs } = advisor;
  return (
    <Paper px="md" py="sm" shadow="xs" data-testid="plan-summary">
      <Group gap="lg" justify="space-between" wrap="wrap">
        <Group gap="lg" wrap="wrap">
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              Machine{' '}
            </Text>
            {machine.machine ? machineText(machine.machine, inputs.machine.source) : (machine.error ?? '—')}
          </Text>
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              Model{' '}
            </Text>
            {request
              ? `${request.model.spec.name} · ${request.model.quantLabel} · ${tokens(request.ctx)} tokens`
              : 'not chosen yet'}
            {request?.contextCap && (
              <Text span fw={600} size="sm" data-testid="context-cap">
                {' '}
                (capped: {tokens(request.contextCap.asked)} asked, the model holds{' '}
                {tokens(request.contextCap.limit)})
              </Text>
            )}
          </Text>
        </Group>
        {result && strategy && request ? (
          <Group
            gap="xs"
            data-testid="plan-ready"
            data-strategy-id={strategy.id}
            data-fits={strategy.fits}
            data-fit={strategy.fit}
            data-goal={result.goal}
          >
            <StrategyFitBadge strategy={strategy} />
            <Text size="sm" title={strategy.id}>
              {strategyInWords(strategy)}
            </Text>
            <Text size="sm">
              {formatRange(strategy.decodeTokPerSec)}
              {request.concurrency > 1 ? ` in total for ${request.concurrency} users` : ''}
            </Text>
            <CalibratedMark strategy={strategy} />
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Pick a model to see the plan.
          </Text>
        )}
      </Group>
      {result && strategy && request && (
        <Text size="md" fw={600} mt={4} data-testid="plan-headline">
          {headline(strategy, request)}
        </Text>
      )}
    </Paper>
  );
}
