/** The compared builds side by side — where the model lives, speed, price, power on your PSU, what stops it — and the verdict. */
import { Alert, Badge, List, Stack, Table, Text } from '@mantine/core';
import type { BuildResult } from '@shared/engine/advisor/compare';
import type { PowerVerdict } from '@shared/engine/checks/power-rule';
import { FitBadge } from '../../components/FitBadge';
import { shortRange } from '../../components/format-advisor';

export interface Compared {
  readonly builds: readonly BuildResult[];
  readonly verdict: string;
}

const POWER: Readonly<Record<PowerVerdict, { color: string; text: (b: BuildResult) => string }>> = {
  ok: { color: 'teal', text: () => '✓ PSU enough' },
  'power-limit': { color: 'yellow', text: () => '! needs power limits' },
  'bigger-psu': { color: 'red', text: (b) => `✕ needs a ${b.psuWattsNeeded ?? 'bigger'} W PSU` },
  unknown: { color: 'gray', text: () => '? PSU not entered' },
};

function Power({ b }: { b: BuildResult }) {
  const p = POWER[b.power];
  return (
    <Stack gap={2}>
      <Badge color={p.color} variant="light" tt="none" data-testid="compare-power" data-power={b.power}>
        {p.text(b)}
      </Badge>
      <Text size="xs" c="dimmed">
        {b.psuWattsNeeded ? `${b.psuWattsNeeded} W or more needs no limit` : 'PSU needed unknown'}
      </Text>
    </Stack>
  );
}

function Row({ b }: { b: BuildResult }) {
  return (
    <Table.Tr data-testid="compare-row" data-fit={b.fit} style={{ verticalAlign: 'top' }}>
      <Table.Td>
        <Text fw={600} size="sm">
          {b.build}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {b.strategy ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <FitBadge fit={b.fit} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{shortRange(b.decodeTokPerSec)}</Text>
        {b.decodeTokPerSec && (
          <Text size="xs" c="dimmed">
            expected {b.decodeTokPerSec.expected.toFixed(1)}
          </Text>
        )}
      </Table.Td>
      <Table.Td title={b.priceLabel ?? undefined}>
        {b.priceUsd ? `$${b.priceUsd.toLocaleString('en')}` : 'unknown'}
        {b.priceLabel && <Text size="xs">{b.priceLabel}</Text>}
      </Table.Td>
      <Table.Td>
        <Power b={b} />
      </Table.Td>
      <Table.Td>
        {b.blockers.map((r) => (
          <Text key={r} size="xs" className="fail-text" fw={600} data-testid="compare-blocker">
            Blocked: {r}
          </Text>
        ))}
        <List size="xs" spacing={2}>
          {b.notes.map((n) => (
            <List.Item key={n}>{n}</List.Item>
          ))}
        </List>
      </Table.Td>
    </Table.Tr>
  );
}

export function CompareTable({ compared }: { compared: Compared }) {
  return (
    <>
      <Table.ScrollContainer minWidth={660}>
        <Table verticalSpacing="sm" data-testid="compare-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Build</Table.Th>
              <Table.Th>Where the model lives</Table.Th>
              <Table.Th>Generation, tok/s</Table.Th>
              <Table.Th>Price</Table.Th>
              <Table.Th>On your PSU</Table.Th>
              <Table.Th>What it takes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {compared.builds.map((b) => (
              <Row key={b.build} b={b} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Alert color="blue" variant="light" title="Verdict" data-testid="compare-verdict">
        {compared.verdict}
      </Alert>
    </>
  );
}
