/**
 * Every strategy the planner tried, best first for the goal: predicted speed as a range, the
 * bandwidth ceiling, the largest context, where the model lives (all on GPU, partly in RAM, does not
 * fit) and why — a check that blocks a strategy first. Picking a row makes the checks, commands and
 * checklist follow it.
 */
import { Badge, Group, List, Radio, Stack, Table, Text } from '@mantine/core';
import { CalibratedMark } from '../../components/CalibratedMark';
import type { PlanResult, Strategy } from '@shared/engine/planner/plan-types';
import { StrategyFitBadge } from '../../components/FitBadge';
import { shortRange, tokens } from '../../components/format-advisor';
import { strategyInWords } from '../../components/plain-words';
import { Term } from '../../components/Term';

export interface StrategyTableProps {
  readonly result: PlanResult;
  /** Users at once: with several, the speeds are the total for all of them (the header says so). */
  readonly concurrency?: number;
  readonly selected: string | null;
  readonly onSelect: (id: string) => void;
}

function Why({ s }: { s: Strategy }) {
  // A blocker's reason leads the reasons; it is shown on its own, above them.
  const blocked = new Set(s.blockers.map((b) => b.reason));
  const reasons = s.reasons.filter((r) => !blocked.has(r));
  return (
    <Stack gap={2}>
      {s.blockers.map((b) => (
        <Text
          key={b.check}
          size="xs"
          className="fail-text"
          fw={600}
          data-testid="strategy-blocker"
          data-check={b.check}
        >
          Blocked: {b.reason}
        </Text>
      ))}
      <Text size="xs" c="dimmed">
        Bound by {s.bottleneck}
      </Text>
      {(reasons.length > 0 || s.warnings.length > 0) && (
        <List size="xs" spacing={2}>
          {reasons.map((r) => (
            <List.Item key={r}>{r}</List.Item>
          ))}
          {s.warnings.map((w) => (
            <List.Item key={w} className="warn-text">
              {w}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function Row({
  s,
  result,
  selected,
  onSelect,
}: { s: Strategy; selected: boolean } & Omit<StrategyTableProps, 'selected'>) {
  const recommended = s.id === result.recommended;
  return (
    <Table.Tr
      data-testid="strategy-row"
      data-strategy-id={s.id}
      data-fits={s.fits}
      data-fit={s.fit}
      data-blocked={s.blockers.length > 0}
      data-nodes={s.nodes}
      bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
      onClick={() => onSelect(s.id)}
      style={{ cursor: 'pointer', verticalAlign: 'top' }}
    >
      <Table.Td>
        <Radio value={s.id} aria-label={`Follow ${s.id}`} />
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {strategyInWords(s)}
          </Text>
          <Text ff="monospace" size="xs" c="dimmed">
            {s.id}
          </Text>
          <Group gap={4}>
            {recommended && (
              <Badge
                size="xs"
                color={s.fit === 'gpu' ? undefined : 'yellow'}
                variant={s.fit === 'gpu' ? 'filled' : 'light'}
              >
                {s.fit === 'gpu' ? 'recommended' : 'best available'}
              </Badge>
            )}
            <StrategyFitBadge size="xs" strategy={s} />
            {s.nodes > 1 && (
              <Badge size="xs" variant="light" color="grape">
                {s.nodes} machines
              </Badge>
            )}
          </Group>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {shortRange(s.decodeTokPerSec)}
        </Text>
        {s.decodeTokPerSec && (
          <Text size="xs" c="dimmed">
            expected {s.decodeTokPerSec.expected.toFixed(1)}
          </Text>
        )}
        <CalibratedMark strategy={s} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{shortRange(s.prefillTokPerSec)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{s.limitTokPerSec ? s.limitTokPerSec.toFixed(1) : '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{s.maxContext ? tokens(s.maxContext) : '—'}</Text>
      </Table.Td>
      <Table.Td maw={520}>
        <Why s={s} />
      </Table.Td>
    </Table.Tr>
  );
}

export function StrategyTable({ result, selected, onSelect, concurrency = 1 }: StrategyTableProps) {
  return (
    <Radio.Group value={selected} onChange={onSelect} aria-label="Strategy to follow">
      <Table.ScrollContainer minWidth={660}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36} />
              <Table.Th>Strategy</Table.Th>
              <Table.Th>
                <Term term="generation">Generation</Term>, <Term term="tok/s">tok/s</Term>
                {concurrency > 1 ? ` (total, ${concurrency} users)` : ''}
              </Table.Th>
              <Table.Th>
                <Term term="prompt">Prompt</Term>, tok/s
              </Table.Th>
              <Table.Th>
                <Term term="bandwidth limit">Bandwidth limit</Term>, tok/s
              </Table.Th>
              <Table.Th>
                <Term term="largest context">Largest context</Term>
              </Table.Th>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.strategies.map((s) => (
              <Row key={s.id} s={s} result={result} selected={s.id === selected} onSelect={onSelect} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Radio.Group>
  );
}
