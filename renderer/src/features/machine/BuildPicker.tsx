/**
 * What the plan is for: the scanned machine, or a build that does not exist yet made of catalog cards —
 * with the link between the cards and the system RAM, which the probe may not know or the user may
 * want to change.
 */
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { RangedNumberInput } from '../../components/RangedNumberInput';
import { useState } from 'react';
import { findCustomGpu, type CustomGpuEntry } from '@shared/catalog/custom-gpu';
import { gpuById } from '@shared/catalog/gpus/index';
import { captureNamedGpu, catalogCardOf } from '@shared/engine/gpu-identity';
import type { HardwareProfile } from '@shared/hardware/profile';
import type { CatalogCard, MachineInputs } from '../../state/advisor-state';
import { CustomGpuForm } from './CustomGpuForm';
import { HwValue } from './HwValue';
import { gpuOptionGroups, specSourceLines } from './gpu-options';

const GPU_OPTIONS = gpuOptionGroups();

const LINKS = [
  { value: 'nvlink', label: 'NVLink bridge' },
  ...[
    [5, 16],
    [4, 16],
    [4, 8],
    [4, 4],
    [3, 16],
    [3, 8],
    [3, 4],
    [3, 1],
  ].map(([gen, lanes]) => ({ value: `pcie${gen}x${lanes}`, label: `PCIe ${gen}.0 x${lanes}` })),
];

function CardRow({
  card,
  customs,
  onChange,
}: {
  card: CatalogCard;
  customs: readonly CustomGpuEntry[];
  onChange: (count: number) => void;
}) {
  const spec = gpuById(card.gpuId) ?? findCustomGpu(customs, card.gpuId);
  if (!spec) return null;
  return (
    <Group justify="space-between" wrap="nowrap" data-testid="catalog-card">
      <Stack gap={0}>
        <Text fw={600}>{spec.name}</Text>
        <HwValue
          value={`${spec.vramGiB} GB · ${spec.memoryBandwidthGBs} GB/s · ${spec.boardPowerW} W`}
          sources={spec.custom ? ['user'] : ['catalog']}
          details={specSourceLines(spec)}
        />
      </Stack>
      <Group gap="xs" wrap="nowrap">
        <RangedNumberInput
          aria-label={`How many ${spec.name}`}
          w={120}
          min={1}
          max={16}
          emptyAllowed={false}
          value={card.count}
          onValid={(n) => n !== null && onChange(n)}
        />
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Remove ${spec.name}`}
          onClick={() => onChange(0)}
        >
          ✕
        </ActionIcon>
      </Group>
    </Group>
  );
}

/**
 * The scanned GPUs as cards of a build, for "start from this machine": each as the catalog knows it, as
 * the user said (identity), or as the card they described; the ones still unknown are returned by name.
 */
function cardsOf(
  profile: HardwareProfile,
  value: MachineInputs,
): { cards: CatalogCard[]; unresolved: string[] } {
  const counts = new Map<string, number>();
  const unresolved: string[] = [];
  const customs = value.customGpus ?? [];
  for (const gpu of profile.gpus) {
    const said = value.identities.find((i) => i.gpuIndex === gpu.index)?.gpuId;
    const spec =
      (said ? (gpuById(said) ?? findCustomGpu(customs, said)) : null) ??
      catalogCardOf(gpu) ??
      findCustomGpu(customs, gpu.name);
    if (spec) counts.set(spec.id, (counts.get(spec.id) ?? 0) + 1);
    else unresolved.push(`GPU ${gpu.index} (${gpu.name})`);
  }
  return { cards: [...counts].map(([gpuId, count]) => ({ gpuId, count })), unresolved };
}

export interface BuildPickerProps {
  readonly value: MachineInputs;
  readonly profile: HardwareProfile | null;
  readonly onChange: (patch: Partial<MachineInputs>) => void;
}

function CatalogCards({ value, profile, onChange }: BuildPickerProps) {
  const [unresolved, setUnresolved] = useState<string[]>([]);
  const setCount = (gpuId: string, count: number) =>
    onChange({
      cards: count
        ? value.cards.map((c) => (c.gpuId === gpuId ? { ...c, count } : c))
        : value.cards.filter((c) => c.gpuId !== gpuId),
    });
  const add = (gpuId: string | null) => {
    if (!gpuId) return;
    const there = value.cards.find((c) => c.gpuId === gpuId);
    if (there) setCount(gpuId, there.count + 1);
    else onChange({ cards: [...value.cards, { gpuId, count: 1 }] });
  };
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <Select
          label="Add a GPU from the catalog"
          placeholder="Search: 3090, A6000, H100, 7900…"
          data={GPU_OPTIONS}
          searchable
          clearable
          value={null}
          onChange={add}
          nothingFoundMessage="No card of that name in the catalog"
          style={{ flex: 1 }}
          maxDropdownHeight={320}
        />
        {profile && profile.gpus.length > 0 && (
          <Button
            variant="default"
            onClick={() => {
              const start = cardsOf(profile, value);
              setUnresolved(start.unresolved);
              onChange({ cards: start.cards });
            }}
          >
            Start from this machine
          </Button>
        )}
      </Group>
      {unresolved.length > 0 && (
        <Alert color="yellow" variant="light" data-testid="start-unresolved">
          Not added: {unresolved.join(', ')} — the catalog does not know{' '}
          {unresolved.length === 1 ? 'it' : 'them'}. Say which card{' '}
          {unresolved.length === 1 ? 'it is' : 'each is'} under “This machine” (or describe it below), or add
          the card from the catalog here.
        </Alert>
      )}
      {value.cards.length === 0 ? (
        <Text size="sm" c="dimmed">
          No cards yet: add one or more (several of the same card: raise its count).
        </Text>
      ) : (
        value.cards.map((card) => (
          <CardRow
            key={card.gpuId}
            card={card}
            customs={value.customGpus ?? []}
            onChange={(n) => setCount(card.gpuId, n)}
          />
        ))
      )}
    </Stack>
  );
}

/** Scanned GPUs the catalog does not know (their speed is unknown until described). */
function uncatalogued(profile: HardwareProfile | null): string[] {
  return [
    ...new Set(
      (profile?.gpus ?? []).filter((g) => catalogCardOf(g) === null && captureNamedGpu(g)).map((g) => g.name),
    ),
  ];
}

function CustomCards({ value, profile, onChange }: BuildPickerProps) {
  const catalog = value.source === 'catalog';
  const unknown = catalog ? [] : uncatalogued(profile);
  const [open, setOpen] = useState(unknown.length > 0);
  const customs = value.customGpus ?? [];
  const add = (entry: CustomGpuEntry, id: string) => {
    const others = customs.filter((c) => c.name.toLowerCase() !== entry.name.toLowerCase());
    const there = value.cards.some((c) => c.gpuId === id);
    onChange({
      customGpus: [...others, entry],
      ...(catalog && !there ? { cards: [...value.cards, { gpuId: id, count: 1 }] } : {}),
    });
    setOpen(false);
  };
  if (!catalog && unknown.length === 0 && customs.length === 0) return null;
  return (
    <Stack gap="xs">
      {!catalog &&
        customs.map((c) => (
          <Text size="sm" key={c.name}>
            {c.name}: planned with your numbers ({c.vramGiB} GiB, {c.bandwidthGBs} GB/s, {c.boardPowerW} W).
          </Text>
        ))}
      {open ? (
        <CustomGpuForm key={unknown.join('|')} suggestedNames={unknown} onAdd={add} />
      ) : (
        <Group>
          <Button variant="subtle" size="xs" onClick={() => setOpen(true)}>
            {catalog ? 'Card not in the catalog? Describe it' : 'Describe a GPU the catalog lacks'}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function BuildPicker(props: BuildPickerProps) {
  const { value, onChange } = props;
  const catalog = value.source === 'catalog';
  return (
    <Card component="section" aria-labelledby="build-title" data-testid="build-picker">
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Title order={2} size="h3" id="build-title">
            Plan for
          </Title>
          <Text size="sm" c="dimmed">
            The machine as scanned, or a build that does not exist yet.
          </Text>
        </div>
        <SegmentedControl
          aria-label="Plan for"
          value={value.source}
          onChange={(source) => onChange({ source: source as MachineInputs['source'] })}
          data={[
            { value: 'scan', label: 'This machine' },
            { value: 'catalog', label: 'A build from the catalog' },
          ]}
        />
      </Group>
      <Stack gap="md">
        {catalog && <CatalogCards {...props} />}
        <CustomCards {...props} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label="Link between the cards"
            data={LINKS}
            clearable
            placeholder={catalog ? "Each card's own PCIe, no NVLink" : 'As detected'}
            value={value.link || null}
            onChange={(link) => onChange({ link: link ?? '' })}
          />
          <RangedNumberInput
            label="System RAM"
            suffix=" GiB"
            unit="GiB"
            placeholder={catalog ? 'unknown' : 'as detected'}
            min={1}
            max={16384}
            value={value.ramGiB ?? null}
            onValid={(ramGiB) => onChange({ ramGiB })}
          />
          <RangedNumberInput
            label="RAM bandwidth"
            suffix=" GB/s"
            unit="GB/s"
            placeholder="from the DIMMs, else assumed"
            min={1}
            max={2000}
            allowDecimal
            value={value.ramGBs ?? null}
            onValid={(ramGBs) => onChange({ ramGBs })}
          />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
