/** The compared builds side by side, and the verdict. */
import { Alert, Badge, List, Table, Text } from '@mantine/core';
import type { BuildResult } from '@shared/engine/advisor/compare';
import { shortRange } from '../../components/format-advisor';

export interface Compared {
  readonly builds: readonly BuildResult[];
  readonly verdict: string;
}

export function CompareTable({ compared }: { compared: Compared }) {
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" data-testid="compare-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Build</Table.Th>
              <Table.Th>Fits?</Table.Th>
              <Table.Th>Generation, tok/s</Table.Th>
              <Table.Th>Price</Table.Th>
              <Table.Th>PSU at least</Table.Th>
              <Table.Th>What it takes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {compared.builds.map((b) => (
              <Table.Tr key={b.build} data-testid="compare-row" style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Text fw={600} size="sm">
                    {b.build}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {b.strategy ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={b.fits ? 'teal' : 'red'} variant="light">
                    {b.fits ? 'fits' : 'does not fit'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{shortRange(b.decodeTokPerSec)}</Text>
                  {b.decodeTokPerSec && (
                    <Text size="xs" c="dimmed">
                      expected {b.decodeTokPerSec.expected.toFixed(1)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{b.priceUsd ? `$${b.priceUsd.toLocaleString('en')}` : 'unknown'}</Table.Td>
                <Table.Td>{b.psuWattsNeeded ? `${b.psuWattsNeeded} W` : 'unknown'}</Table.Td>
                <Table.Td>
                  <List size="xs" spacing={2}>
                    {b.notes.map((n) => (
                      <List.Item key={n}>{n}</List.Item>
                    ))}
                  </List>
                </Table.Td>
              </Table.Tr>
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
