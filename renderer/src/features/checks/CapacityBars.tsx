/**
 * Memory per GPU for the chosen strategy: one stacked bar per card — weights, KV cache, compute
 * buffers, runtime overhead — against what the card holds, with a legend and the numbers spoken out
 * for screen readers. The card's capacity keeps its source (the scan, or the catalog).
 */
import { Box, Group, Paper, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { gpuById } from '@shared/catalog/gpus/index';
import type { EngineMachine } from '@shared/engine/machine';
import type { GpuUse, Strategy } from '@shared/engine/planner/plan-types';
import type { HardwareProfile } from '@shared/hardware/profile';
import { gib } from '../../components/format-advisor';
import { HwValue } from '../machine/HwValue';
import { specSourceLines } from '../machine/gpu-options';

export const PARTS = [
  // Shades chosen so the in-bar labels reach WCAG AA contrast with their ink (white or black).
  { key: 'weightsMiB', label: 'Weights', color: 'blue.8', ink: 'white' },
  { key: 'kvCacheMiB', label: 'KV cache', color: 'grape.8', ink: 'white' },
  { key: 'computeMiB', label: 'Compute', color: 'orange.5', ink: 'black' },
  { key: 'overheadMiB', label: 'Overhead', color: 'gray.5', ink: 'black' },
] as const;

/** What a screen reader hears for one bar: every part and what is left, in GiB. */
export function describeUse(use: GpuUse): string {
  const parts = PARTS.map((p) => `${p.label.toLowerCase()} ${gib(use[p.key])}`).join(', ');
  const left = use.capacityMiB - use.totalMiB;
  const rest = left >= 0 ? `${gib(left)} GiB free` : `${gib(-left)} GiB over`;
  return `GPU ${use.index} ${use.name}: ${gib(use.totalMiB)} of ${gib(use.capacityMiB)} GiB used — ${parts} GiB; ${rest}`;
}

function Capacity({
  use,
  machine,
  profile,
}: {
  use: GpuUse;
  machine: EngineMachine;
  profile: HardwareProfile | null;
}) {
  const scanned = profile?.gpus.find((g) => g.index === use.index);
  const source = scanned?.sources.vramMiB;
  const spec = machine.gpus.find((g) => g.index === use.index)?.spec ?? null;
  const catalogSpec = spec ? gpuById(spec.id) : null;
  return (
    <HwValue
      value={`${gib(use.capacityMiB)} GiB`}
      sources={source ? [source] : ['catalog']}
      details={!source && catalogSpec ? specSourceLines(catalogSpec, 2) : undefined}
    />
  );
}

function Bar({
  use,
  machine,
  profile,
}: {
  use: GpuUse;
  machine: EngineMachine;
  profile: HardwareProfile | null;
}) {
  const scale = Math.max(use.capacityMiB, use.totalMiB) || 1;
  const over = use.totalMiB > use.capacityMiB;
  return (
    <Stack
      gap={4}
      data-testid={`capacity-bar-gpu${use.index}`}
      // The planned MiB, for tests and tools that compare cards without parsing the rounded GiB text.
      data-weights-mib={use.weightsMiB}
      data-kv-cache-mib={use.kvCacheMiB}
      data-total-mib={use.totalMiB}
    >
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          GPU {use.index} · {use.name}
        </Text>
        <Text size="sm" c={over ? 'red' : undefined}>
          {gib(use.totalMiB)} of <Capacity use={use} machine={machine} profile={profile} />
          {over
            ? ` — ${gib(use.totalMiB - use.capacityMiB)} GiB over`
            : ` — ${gib(use.capacityMiB - use.totalMiB)} GiB free`}
        </Text>
      </Group>
      <Box role="img" aria-label={describeUse(use)}>
        <Progress.Root
          size={26}
          radius="sm"
          style={over ? { outline: '2px solid var(--mantine-color-red-6)' } : undefined}
        >
          {PARTS.map((p) => {
            const value = (use[p.key] / scale) * 100;
            return (
              <Tooltip key={p.key} label={`${p.label}: ${gib(use[p.key])} GiB`}>
                <Progress.Section value={value} color={p.color} aria-hidden>
                  {value > 9 && (
                    <Progress.Label c={p.ink}>{`${p.label} ${gib(use[p.key])} GiB`}</Progress.Label>
                  )}
                </Progress.Section>
              </Tooltip>
            );
          })}
        </Progress.Root>
      </Box>
    </Stack>
  );
}

export function Legend() {
  return (
    <Group gap="md" aria-hidden>
      {PARTS.map((p) => (
        <Group key={p.key} gap={6}>
          <Box
            w={12}
            h={12}
            style={{
              borderRadius: 3,
              background: `var(--mantine-color-${p.color.replace('.', '-')}${p.color.includes('.') ? '' : '-filled'})`,
            }}
          />
          <Text size="xs">{p.label}</Text>
        </Group>
      ))}
      <Group gap={6}>
        <Box w={12} h={12} style={{ borderRadius: 3, background: 'var(--mantine-color-default-border)' }} />
        <Text size="xs">Free</Text>
      </Group>
    </Group>
  );
}

export interface CapacityBarsProps {
  readonly strategy: Strategy;
  readonly machine: EngineMachine;
  readonly profile: HardwareProfile | null;
}

export function CapacityBars({ strategy, machine, profile }: CapacityBarsProps) {
  const host = strategy.hostWeightsMiB + strategy.hostKvCacheMiB;
  return (
    <Paper p="md" component="section" aria-labelledby="capacity-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="capacity-title">
          Memory per GPU · {strategy.id}
        </Title>
        <Legend />
      </Group>
      <Stack gap="md">
        {strategy.perGpu.map((use) => (
          <Bar key={use.index} use={use} machine={machine} profile={profile} />
        ))}
        {host > 0 && (
          <Text size="sm" c="dimmed" data-testid="capacity-host">
            System RAM: {gib(strategy.hostWeightsMiB)} GiB of weights
            {strategy.hostKvCacheMiB > 0 ? ` and ${gib(strategy.hostKvCacheMiB)} GiB of KV cache` : ''}
            {machine.ramMiB ? ` of ${gib(machine.ramMiB)} GiB` : ''}
            {strategy.ramOffloadMiB < host
              ? strategy.ramOffloadMiB > 0
                ? `, of which ${gib(strategy.ramOffloadMiB)} GiB is read every token (the rest is the token embedding, only looked up).`
                : ' — the token embedding, only looked up, not read every token.'
              : '.'}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
