/**
 * A card the catalog lacks, described by the three numbers the plan needs (memory, memory bandwidth,
 * board power; FP16 TFLOPS optional, for prompt speed). In a build it becomes a card of the build; for a
 * scanned machine, a GPU the scan shows by that name is planned with it. custom-gpu.ts checks the values.
 */
import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import {
  CUSTOM_GPU_LIMITS,
  CustomGpuError,
  customGpuSpec,
  validCustomGpu,
  type CustomGpuEntry,
} from '@shared/catalog/custom-gpu';
import { rangeError } from '../../components/RangedNumberInput';

export interface CustomGpuFormProps {
  /** Names the scan shows that the catalog lacks: offered as the name. */
  readonly suggestedNames: readonly string[];
  readonly onAdd: (entry: CustomGpuEntry, id: string) => void;
}

const num = (v: string | number): number => (v === '' ? Number.NaN : Number(v));

/** Out of range is said on the field as it is typed (never clamped); Add names a missing one. */
function limitError(key: keyof typeof CUSTOM_GPU_LIMITS, raw: string | number): string | null {
  const { range, unit } = CUSTOM_GPU_LIMITS[key];
  return rangeError(raw, { min: range[0], max: range[1], unit, integer: false });
}

export function CustomGpuForm({ suggestedNames, onAdd }: CustomGpuFormProps) {
  const [name, setName] = useState(suggestedNames[0] ?? '');
  const [vram, setVram] = useState<string | number>('');
  const [bw, setBw] = useState<string | number>('');
  const [tdp, setTdp] = useState<string | number>('');
  const [tflops, setTflops] = useState<string | number>('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    try {
      const entry = validCustomGpu({
        name,
        vramGiB: num(vram),
        bandwidthGBs: num(bw),
        boardPowerW: num(tdp),
        fp16Tflops: tflops === '' ? null : num(tflops),
      });
      setError(null);
      onAdd(entry, customGpuSpec(entry).id);
    } catch (e) {
      if (e instanceof CustomGpuError) setError(e.message);
      else throw e;
    }
  };
  return (
    <Stack gap="xs" data-testid="custom-gpu-form">
      <Text size="sm" fw={600}>
        A card the catalog lacks
      </Text>
      <Text size="xs">
        Its memory, memory bandwidth and board power are enough to plan it (from the maker&apos;s spec sheet
        or TechPowerUp). The plan says the numbers are yours.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 5 }} spacing="xs">
        <TextInput
          label="Name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={80}
        />
        <NumberInput
          label="Memory"
          suffix=" GiB"
          clampBehavior="none"
          error={limitError('vramGiB', vram)}
          value={vram}
          onChange={setVram}
        />
        <NumberInput
          label="Bandwidth"
          suffix=" GB/s"
          clampBehavior="none"
          error={limitError('bandwidthGBs', bw)}
          value={bw}
          onChange={setBw}
        />
        <NumberInput
          label="Board power"
          suffix=" W"
          clampBehavior="none"
          error={limitError('boardPowerW', tdp)}
          value={tdp}
          onChange={setTdp}
        />
        <NumberInput
          label="FP16 TFLOPS"
          placeholder="optional"
          clampBehavior="none"
          error={limitError('fp16Tflops', tflops)}
          value={tflops}
          onChange={setTflops}
        />
      </SimpleGrid>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Group>
        <Button variant="default" onClick={add}>
          Add this card
        </Button>
      </Group>
    </Stack>
  );
}
