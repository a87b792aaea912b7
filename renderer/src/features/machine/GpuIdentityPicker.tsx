/**
 * "Which card is GPU n?" for a GPU the catalog does not know — unnamed by the capture, or named but not
 * in the catalog (`AMD Instinct MI308X OAM`, a 141 GB H800). Never a dead end: the closest catalog names
 * one click away, the whole catalog searchable, the user's own described cards, or "describe it" (memory,
 * bandwidth, power) right here. One pick can apply to every identical card; those then say "same as GPU n"
 * instead of repeating the picker.
 */
import { Anchor, Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { customGpuSpec, findCustomGpu, type CustomGpuEntry } from '@shared/catalog/custom-gpu';
import { gpuById } from '@shared/catalog/gpus/index';
import type { GpuSpec } from '@shared/catalog/types';
import { captureNamedGpu, suggestedCards } from '@shared/engine/gpu-identity';
import { CustomGpuForm } from './CustomGpuForm';
import { HwValue } from './HwValue';
import { gpuOptionGroups, specSourceLines, type GpuOptionGroup } from './gpu-options';
import type { GpuProfile } from './types';

const CATALOG_OPTIONS = gpuOptionGroups();

/** What the picker shows and does for one GPU; `MachineScreen` wires it to the advisor. */
export interface GpuIdentityChoice {
  readonly gpuId: string | null;
  readonly customs: readonly CustomGpuEntry[];
  /** The other GPUs that look identical (same name and memory, or all unnamed), in GPU order. */
  readonly identical: readonly number[];
  /** Set when this GPU follows another's pick ("same as GPU 0"), kept with the identities across reloads. */
  readonly follows: number | null;
  /** Pick a card (or none) for this GPU, and for `alsoFor` too. */
  readonly onPick: (gpuId: string | null, alsoFor: readonly number[]) => void;
  /** A card the user described: kept with the machine's cards and picked for this GPU (and `alsoFor`). */
  readonly onDescribe: (entry: CustomGpuEntry, alsoFor: readonly number[]) => void;
  /** Stop following: this GPU gets its own picker, keeping the card for now. */
  readonly onUnfollow: () => void;
}

export const pickedSpec = (gpuId: string | null, customs: readonly CustomGpuEntry[]): GpuSpec | null =>
  gpuId === null ? null : (gpuById(gpuId) ?? findCustomGpu(customs, gpuId));

const specLine = (spec: GpuSpec): string =>
  `${spec.vramGiB} GB · ${spec.memoryBandwidthGBs} GB/s · ${spec.boardPowerW} W`;

function optionsWith(customs: readonly CustomGpuEntry[]): GpuOptionGroup[] {
  if (customs.length === 0) return CATALOG_OPTIONS;
  const described = customs
    .map(customGpuSpec)
    .map((s) => ({ value: s.id, label: `${s.name} · ${s.vramGiB} GB` }));
  return [{ group: 'Cards you described', items: described }, ...CATALOG_OPTIONS];
}

const gpuList = (indices: readonly number[]): string =>
  indices.length === 1 ? `GPU ${indices[0]}` : `GPUs ${indices.join(', ')}`;

/** The card picked, marked as what the user said, with its sources. */
function PickedSpec({ spec, gpu }: { spec: GpuSpec; gpu: GpuProfile }) {
  return (
    <Group gap="xs" data-testid="gpu-identity-spec">
      <Text size="sm" c="dimmed">
        Memory
      </Text>
      <HwValue
        value={specLine(spec)}
        sources={spec.custom ? ['user'] : ['user', 'catalog']}
        details={[`you said ${spec.name}`, ...specSourceLines(spec)]}
      />
      <Badge variant="light" color="gray">
        {spec.custom ? 'your numbers' : 'you said'}
      </Badge>
      {gpu.vramMiB !== null && Math.abs(spec.vramGiB * 1024 - gpu.vramMiB) > 0.15 * gpu.vramMiB && (
        <Text size="xs" c="orange.8">
          The capture reported {(gpu.vramMiB / 1024).toFixed(0)} GiB: the plan uses that.
        </Text>
      )}
    </Group>
  );
}

export function GpuIdentityPicker({ gpu, choice }: { gpu: GpuProfile; choice: GpuIdentityChoice }) {
  const [describing, setDescribing] = useState(false);
  const spec = pickedSpec(choice.gpuId, choice.customs);
  const named = captureNamedGpu(gpu);
  if (choice.follows !== null)
    return (
      <Group gap="xs" mb="sm" data-testid="gpu-identity-follows">
        <Text size="sm">
          Same card as GPU {choice.follows}
          {spec ? `: ${spec.name}` : ''}
        </Text>
        <Anchor component="button" type="button" size="sm" onClick={choice.onUnfollow}>
          Pick separately
        </Anchor>
      </Group>
    );
  const suggestions = suggestedCards(gpu).filter((s) => s.id !== choice.gpuId);
  return (
    <Stack gap={6} mb="sm" data-testid="gpu-identity">
      <Select
        label={`Which card is GPU ${gpu.index}?`}
        description={
          named
            ? `The catalog does not know "${gpu.name}"${gpu.vramMiB === null ? ' and the capture reported no memory' : ''}: pick the card, or describe it.`
            : 'The capture did not name it or report its memory; the plan needs to know.'
        }
        placeholder="Search: 3090, A6000, H100, MI300X, 7900…"
        data={optionsWith(choice.customs)}
        searchable
        clearable
        value={choice.gpuId}
        onChange={(id) => choice.onPick(id, [])}
        nothingFoundMessage="No card of that name: describe it below"
        maxDropdownHeight={320}
        error={spec || !choice.gpuId ? undefined : `"${choice.gpuId}" is not in the catalog`}
      />
      {suggestions.length > 0 && !spec && (
        <Group gap={6} data-testid="gpu-identity-suggestions">
          <Text size="xs" c="dimmed">
            Closest in the catalog:
          </Text>
          {suggestions.map((s) => (
            <Button key={s.id} size="compact-xs" variant="light" onClick={() => choice.onPick(s.id, [])}>
              {s.name} · {s.vramGiB} GB
            </Button>
          ))}
        </Group>
      )}
      {spec && <PickedSpec spec={spec} gpu={gpu} />}
      {spec && choice.identical.length > 0 && (
        <Group>
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => choice.onPick(choice.gpuId, choice.identical)}
            data-testid="gpu-identity-apply-all"
          >
            Same card for {gpuList(choice.identical)}
          </Button>
        </Group>
      )}
      {describing ? (
        <CustomGpuForm
          suggestedNames={named ? [gpu.name] : []}
          onAdd={(entry) => {
            setDescribing(false);
            choice.onDescribe(entry, []);
          }}
        />
      ) : (
        <Group>
          <Anchor component="button" type="button" size="sm" onClick={() => setDescribing(true)}>
            Not in the list? Describe it (memory, bandwidth, power)
          </Anchor>
        </Group>
      )}
    </Stack>
  );
}
