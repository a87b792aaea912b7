/** A row of headline figures above the details: GPU count and models, VRAM, CPU, RAM, open questions. */
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { formatGiB } from './format';
import { groupUnknowns } from './unknown-groups';
import type { HardwareProfile } from './types';

interface Tile {
  readonly label: string;
  readonly value: string;
  readonly detail: string;
}

function gpuModels(profile: HardwareProfile): string {
  const counts = new Map<string, number>();
  for (const gpu of profile.gpus) counts.set(gpu.name, (counts.get(gpu.name) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${n} × ${name.replace(/^NVIDIA /, '')}`).join(', ') || 'none found';
}

function tiles(profile: HardwareProfile): Tile[] {
  const known = profile.gpus.filter((gpu) => gpu.vramMiB !== null);
  const vram = known.reduce((sum, gpu) => sum + (gpu.vramMiB ?? 0), 0);
  const missingVram = profile.gpus.length - known.length;
  return [
    { label: 'GPUs', value: String(profile.gpus.length), detail: gpuModels(profile) },
    {
      label: 'VRAM, all GPUs',
      value: known.length ? formatGiB(vram) : 'unknown',
      detail: missingVram
        ? `${missingVram} GPU(s) without a VRAM figure`
        : 'dedicated memory, as the driver reports it',
    },
    {
      label: 'System RAM',
      value: profile.memory.totalMiB === null ? 'unknown' : formatGiB(profile.memory.totalMiB),
      detail: profile.cpu.model ?? 'CPU model unknown',
    },
    {
      label: 'Unknown values',
      value: String(profile.unknowns.length),
      detail: profile.captureIssues.length
        ? `${profile.captureIssues.length} capture file problem(s)`
        : profile.unknowns.length === 0
          ? 'nothing to fill in'
          : `${groupUnknowns(profile.unknowns).length} fix(es) fill them in: see “What the probe could not see”`,
    },
  ];
}

export function MachineSummary({ profile }: { profile: HardwareProfile }) {
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" data-testid="machine-summary">
      {tiles(profile).map((tile) => (
        <Paper key={tile.label} p="md" shadow="xs">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {tile.label}
          </Text>
          <Text fz={26} fw={700} lh={1.2}>
            {tile.value}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={2} title={tile.detail}>
            {tile.detail}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
