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

type NumberKey = keyof typeof CUSTOM_GPU_LIMITS;

/** The number fields, in order; their ranges are CUSTOM_GPU_LIMITS, the ones the entry is checked against. */
const FIELDS: readonly { key: NumberKey; label: string; suffix?: string; placeholder?: string }[] = [
  { key: 'vramGiB', label: 'Memory', suffix: ' GiB' },
  { key: 'bandwidthGBs', label: 'Bandwidth', suffix: ' GB/s' },
  { key: 'boardPowerW', label: 'Board power', suffix: ' W' },
  { key: 'fp16Tflops', label: 'FP16 TFLOPS', placeholder: 'optional' },
];

/** Out of range is said on the field as it is typed (never clamped); Add names a missing one. */
function limitError(key: NumberKey, raw: string | number): string | null {
  const { range, unit } = CUSTOM_GPU_LIMITS[key];
  return rangeError(raw, { min: range[0], max: range[1], unit, integer: false });
}

export function CustomGpuForm({ suggestedNames, onAdd }: CustomGpuFormProps) {
  const [name, setName] = useState(suggestedNames[0] ?? '');
  const [numbers, setNumbers] = useState<Record<NumberKey, string | number>>({
    vramGiB: '',
    bandwidthGBs: '',
    boardPowerW: '',
    fp16Tflops: '',
  });
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    try {
      const entry = validCustomGpu({
        name,
        vramGiB: num(numbers.vramGiB),
        bandwidthGBs: num(numbers.bandwidthGBs),
        boardPowerW: num(numbers.boardPowerW),
        fp16Tflops: numbers.fp16Tflops === '' ? null : num(numbers.fp16Tflops),
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
        {FIELDS.map(({ key, label, suffix, placeholder }) => (
          <NumberInput
            key={key}
            label={label}
            suffix={suffix}
            placeholder={placeholder}
            clampBehavior="none"
            error={limitError(key, numbers[key])}
            value={numbers[key]}
            onChange={(v) => setNumbers((n) => ({ ...n, [key]: v }))}
          />
        ))}
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
