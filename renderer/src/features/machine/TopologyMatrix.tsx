/**
 * GPU↔GPU topology as `nvidia-smi topo -m` shows it: one cell per pair with the link kind and the
 * peer-to-peer status, plus the legend that explains each kind.
 */
import { Badge, Card, List, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { HwValue } from './HwValue';
import { RichText } from './RichText';
import { LINK_LEGEND, formatP2p, legendFor } from './format';
import { findUnknown } from './unknowns';
import type { GpuLink, GpuProfile, UnknownField } from './types';

export interface TopologyMatrixProps {
  readonly gpus: readonly GpuProfile[];
  readonly links: readonly GpuLink[];
  readonly unknowns: readonly UnknownField[];
}

function linkBetween(links: readonly GpuLink[], x: number, y: number): GpuLink | null {
  const [a, b] = x < y ? [x, y] : [y, x];
  return links.find((link) => link.a === a && link.b === b) ?? null;
}

interface CellProps {
  readonly link: GpuLink | null;
  readonly unknowns: readonly UnknownField[];
  readonly x: number;
  readonly y: number;
}

function Cell({ link, unknowns, x, y }: CellProps) {
  const linkGap = findUnknown(unknowns, 'gpuLinks');
  if (!link) return <HwValue value={null} unknown={linkGap} />;
  const legend = legendFor(link.kind);
  const p2pGap = link.p2p === null ? findUnknown(unknowns, 'gpuLinks.p2p') : null;
  const parts = [
    `GPU${x} ↔ GPU${y}: ${link.kind}${link.nvlinks > 0 ? ` (${link.nvlinks} NVLinks)` : ''}.`,
    `${link.kind === 'UNKNOWN' && linkGap ? `Unknown: ${linkGap.reason}` : legend.meaning}.`,
    `${formatP2p(link.p2p)}${p2pGap ? `: ${p2pGap.reason}` : ''}.`,
  ];
  const label = parts.join(' ').replace(/`/g, '');
  return (
    <Tooltip label={label}>
      <Stack gap={2} align="center" tabIndex={0} aria-label={label} data-link-kind={link.kind}>
        <Badge color={legend.color} variant="light" radius="sm" size="lg" ff="monospace">
          {link.kind === 'UNKNOWN' ? '?' : link.kind}
        </Badge>
        <Text size="xs" c={link.p2p === 'OK' ? 'teal' : 'dimmed'}>
          {link.p2p === null ? 'P2P ?' : `P2P ${link.p2p}`}
        </Text>
      </Stack>
    </Tooltip>
  );
}

/** Why part of the matrix is unknown, and how to fill it in. */
function TopologyGaps({ unknowns }: { unknowns: readonly UnknownField[] }) {
  const gaps = unknowns.filter((entry) => entry.field === 'gpuLinks' || entry.field.startsWith('gpuLinks.'));
  if (gaps.length === 0) return null;
  return (
    <Stack gap={4} mt="sm" data-testid="topology-gaps">
      {gaps.map((gap) => (
        <Text key={gap.field} size="sm" c="dimmed">
          <Text span fw={600} c="var(--mantine-color-text)">
            {gap.field === 'gpuLinks' ? 'Link kinds' : 'P2P status'} unknown:
          </Text>{' '}
          <RichText text={gap.reason} /> → <RichText text={gap.hint} />
        </Text>
      ))}
    </Stack>
  );
}

function Legend({ used }: { used: ReadonlySet<string> }) {
  return (
    <List spacing={4} size="sm" listStyleType="none" aria-label="Link kinds">
      {LINK_LEGEND.map((entry) => {
        // Kinds not on this machine are told apart by a plain badge and dimmed text, not by fading
        // the whole row (a faded row falls below WCAG AA contrast).
        const inUse = used.size === 0 || used.has(entry.kind);
        return (
          <List.Item key={entry.kind} c={inUse ? undefined : 'dimmed'} data-in-use={inUse}>
            <Badge
              color={inUse ? entry.color : 'gray'}
              variant={inUse ? 'light' : 'default'}
              radius="sm"
              ff="monospace"
              w={76}
              mr="xs"
            >
              {entry.kind === 'UNKNOWN' ? '?' : entry.kind}
            </Badge>
            {entry.meaning}
          </List.Item>
        );
      })}
      <List.Item>
        <Text span size="sm" c="dimmed">
          P2P: OK = peer-to-peer reads supported; NS / CNS / GNS / TNS = not supported (generally, by the
          chipset, the GPU, the topology); ? = not captured.
        </Text>
      </List.Item>
    </List>
  );
}

export function TopologyMatrix({ gpus, links, unknowns }: TopologyMatrixProps) {
  const used = new Set(links.map((link) => legendFor(link.kind).kind));
  return (
    <Card component="section" aria-labelledby="topology-title">
      <Title order={2} size="h3" id="topology-title" mb={4}>
        GPU ↔ GPU topology
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        How each pair of GPUs talks: over NVLink, through a PCIe switch, or across the CPU. Hover a cell for
        details.
      </Text>
      {gpus.length < 2 && (
        <Text size="sm" mb="sm">
          {gpus.length === 0
            ? 'No GPU was seen: there are no GPU↔GPU links to show.'
            : 'Only one GPU: there are no GPU↔GPU links to show.'}
        </Text>
      )}
      <Table.ScrollContainer minWidth={gpus.length * 90 + 90}>
        <Table
          withTableBorder
          withColumnBorders
          data-testid="topology-matrix"
          aria-label="GPU to GPU topology matrix"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              {gpus.map((gpu) => (
                <Table.Th key={gpu.index} scope="col" className="topology-cell">
                  GPU{gpu.index}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {gpus.map((row) => (
              <Table.Tr key={row.index}>
                <Table.Th scope="row">GPU{row.index}</Table.Th>
                {gpus.map((col) => (
                  <Table.Td key={col.index} className="topology-cell">
                    {row.index === col.index ? (
                      <Text c="dimmed" aria-label="same GPU">
                        X
                      </Text>
                    ) : (
                      <Cell
                        link={linkBetween(links, row.index, col.index)}
                        unknowns={unknowns}
                        x={row.index}
                        y={col.index}
                      />
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {gpus.length > 1 && <TopologyGaps unknowns={unknowns} />}
      <Title order={3} size="h5" mt="md" mb="xs">
        Legend
      </Title>
      <Legend used={used} />
    </Card>
  );
}
