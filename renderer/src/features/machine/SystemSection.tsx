/** CPU, memory, baseboard and OS: the rest of the machine around the GPUs. */
import type { ReactNode } from 'react';
import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { HwValue } from './HwValue';
import { formatGiB, summariseDimms } from './format';
import { findUnknown } from './unknowns';
import type { HardwareProfile } from './types';

interface Fact {
  readonly label: string;
  readonly value: ReactNode | null;
  readonly path: string;
  /** Keys of `profile.sources` behind the value. */
  readonly sourceKeys: readonly string[];
}

const joinKnown = (...parts: (string | null)[]): string | null => {
  const known = parts.filter((part): part is string => Boolean(part));
  return known.length ? known.join(' ') : null;
};

function coresText(cpu: HardwareProfile['cpu']): string | null {
  if (cpu.cores === null && cpu.threads === null) return null;
  const parts = [
    cpu.cores === null ? null : `${cpu.cores} cores`,
    cpu.threads === null ? null : `${cpu.threads} threads`,
  ];
  if (cpu.sockets !== null && cpu.sockets > 1) parts.push(`${cpu.sockets} sockets`);
  return parts.filter(Boolean).join(' / ');
}

function dimmsText(memory: HardwareProfile['memory']): string | null {
  if (memory.dimms.length === 0) return null;
  const lines = summariseDimms(memory.dimms);
  const slots = memory.dimmSlots === null ? '' : ` (${memory.dimms.length} of ${memory.dimmSlots} slots)`;
  return `${lines.join(', ')}${slots}`;
}

function facts(profile: HardwareProfile): Fact[] {
  const { cpu, memory, baseboard, system, os } = profile;
  return [
    { label: 'CPU', value: cpu.model, path: 'cpu.model', sourceKeys: ['cpu.model'] },
    {
      label: 'Cores / threads',
      value: coresText(cpu),
      path: 'cpu.cores',
      sourceKeys: ['cpu.cores', 'cpu.threads'],
    },
    {
      label: 'RAM total',
      value: memory.totalMiB === null ? null : formatGiB(memory.totalMiB),
      path: 'memory.totalMiB',
      sourceKeys: ['memory.totalMiB'],
    },
    {
      label: 'DIMMs',
      value: dimmsText(memory),
      path: 'memory.dimms',
      sourceKeys: ['memory.dimms', 'memory.dimmSlots'],
    },
    {
      label: 'Baseboard',
      value: joinKnown(baseboard.manufacturer, baseboard.model),
      path: 'baseboard',
      sourceKeys: ['baseboard.manufacturer', 'baseboard.model'],
    },
    {
      label: 'System',
      value: joinKnown(system.manufacturer, system.model),
      path: 'system',
      sourceKeys: ['system.manufacturer', 'system.model'],
    },
    {
      label: 'OS',
      value: joinKnown(os.name, os.kernel ? `(kernel ${os.kernel})` : null),
      path: 'os',
      sourceKeys: ['os.name', 'os.kernel'],
    },
  ];
}

export function SystemSection({ profile }: { profile: HardwareProfile }) {
  return (
    <Card component="section" aria-labelledby="system-title" data-testid="system-section">
      <Title order={2} size="h3" id="system-title" mb="md">
        CPU, memory and board
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
        {facts(profile).map((fact) => (
          <Stack key={fact.label} gap={0} data-field={fact.path}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {fact.label}
            </Text>
            <HwValue
              value={fact.value}
              sources={[...new Set(fact.sourceKeys.flatMap((key) => profile.sources[key] ?? []))]}
              unknown={fact.value === null ? findUnknown(profile.unknowns, fact.path) : null}
            />
          </Stack>
        ))}
      </SimpleGrid>
    </Card>
  );
}
