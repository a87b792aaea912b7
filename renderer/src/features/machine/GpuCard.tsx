/**
 * One card per GPU: what the driver reports, each value with its source or why it is unknown — and,
 * for a GPU the catalog does not know, the picker to say which card it is (GpuIdentityPicker).
 */
import type { ReactNode } from 'react';
import { Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import { HwValue } from './HwValue';
import { ATTACHMENT_LABELS, VENDOR_LABELS, formatGiB, formatPcieLink, formatPower } from './format';
import { findUnknown, sourcesFor } from './unknowns';
import type { GpuProfile, NvlinkGpuStatus, UnknownField, ValueSource } from './types';

export interface GpuCardProps {
  readonly gpu: GpuProfile;
  readonly nvlink: NvlinkGpuStatus | null;
  readonly unknowns: readonly UnknownField[];
  /** "Which card is this?", for a GPU the catalog does not know, when the card feeds a plan. */
  readonly identityPicker?: ReactNode;
}

interface Row {
  readonly label: string;
  readonly value: ReactNode | null;
  /** Keys of `gpu.sources` behind the value. */
  readonly keys: readonly string[];
  /** Path checked in `unknowns` when the value is missing. */
  readonly path: string;
  readonly mono?: boolean;
  /** Source when the value has only one possible origin and the profile keeps none per GPU. */
  readonly onlySource?: ValueSource;
}

function nvlinkText(status: NvlinkGpuStatus | null): string | null {
  if (!status) return null;
  if (status.activeLinks === 0) return 'no active links';
  const speeds = [...new Set(status.linkSpeedsGBs)];
  const each = speeds.length === 1 ? ` × ${speeds[0]} GB/s` : '';
  return `${status.activeLinks} active link${status.activeLinks === 1 ? '' : 's'}${each}`;
}

function rowsFor(gpu: GpuProfile, nvlink: NvlinkGpuStatus | null): Row[] {
  const rows: Row[] = [
    {
      label: 'VRAM',
      value: gpu.vramMiB === null ? null : formatGiB(gpu.vramMiB),
      keys: ['vramMiB'],
      path: 'vramMiB',
    },
    { label: 'PCIe link', value: formatPcieLink(gpu.pcie), keys: ['pcie'], path: 'pcie' },
    {
      label: 'Power limit',
      value: formatPower(gpu.powerLimitW, gpu.powerMaxW),
      keys: ['powerLimitW', 'powerMaxW'],
      path: 'powerLimitW',
    },
    { label: 'Driver', value: gpu.driverVersion, keys: ['driverVersion'], path: 'driverVersion' },
    {
      label: 'Compute capability',
      value: gpu.computeCapability,
      keys: ['computeCapability'],
      path: 'computeCapability',
    },
    { label: 'Bus ID', value: gpu.pciBusId, keys: ['pciBusId'], path: 'pciBusId', mono: true },
    {
      label: 'Attached to',
      value: gpu.attachment === 'unknown' ? null : ATTACHMENT_LABELS[gpu.attachment],
      keys: ['attachment'],
      path: 'attachment',
    },
    {
      label: 'NUMA node',
      value: gpu.numaNode === null ? null : String(gpu.numaNode),
      keys: ['numaNode'],
      path: 'numaNode',
    },
  ];
  if (nvlink)
    rows.push({
      label: 'NVLink',
      value: nvlinkText(nvlink),
      keys: ['nvlink'],
      path: 'nvlink',
      onlySource: 'nvidia-smi-nvlink.txt',
    });
  return rows;
}

export function GpuCard({ gpu, nvlink, unknowns, identityPicker }: GpuCardProps) {
  const headingId = `gpu-${gpu.index}-name`;
  return (
    <Card component="article" aria-labelledby={headingId} data-testid="gpu-card" data-gpu-index={gpu.index}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="sm">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            GPU {gpu.index}
          </Text>
          <Title order={3} size="h4" id={headingId} data-testid="gpu-name">
            {gpu.name}
          </Title>
        </div>
        <Badge
          variant="light"
          color={gpu.vendor === 'nvidia' ? 'green' : gpu.vendor === 'amd' ? 'red' : 'gray'}
        >
          {VENDOR_LABELS[gpu.vendor]}
        </Badge>
      </Group>
      {identityPicker}
      <Table layout="fixed" withRowBorders={false} verticalSpacing={4} horizontalSpacing={0}>
        <Table.Tbody>
          {rowsFor(gpu, nvlink).map((row) => (
            <Table.Tr key={row.label} data-field={row.path}>
              <Table.Th w={150} fw={500} c="dimmed" fz="sm">
                {row.label}
              </Table.Th>
              <Table.Td>
                <HwValue
                  value={row.value}
                  sources={row.onlySource ? [row.onlySource] : sourcesFor(gpu.sources, ...row.keys)}
                  unknown={
                    row.value === null ? findUnknown(unknowns, `gpus[${gpu.index}].${row.path}`) : null
                  }
                  mono={row.mono ?? false}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
