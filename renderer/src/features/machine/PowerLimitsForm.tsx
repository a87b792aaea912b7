/**
 * Power limits per GPU (`nvidia-smi -pl`), as set or as planned: a card at a lower limit draws less
 * (the power checks) and decodes a little slower (the speed). Empty keeps the measured limit, else the
 * card's board power. Each entry is applied when the field is left or Enter is pressed.
 */
import { useState } from 'react';
import { Card, NumberInput, SimpleGrid, Text, Title } from '@mantine/core';
import type { EngineGpu, PowerLimitEntry } from '@shared/engine/machine';
import { rangeError } from '../../components/RangedNumberInput';

const SOURCE_WORDS = { measured: 'measured', catalog: 'board power', max: 'highest' } as const;

/** What the card runs at without an entry: `230 W (measured)`. */
function withoutEntry(gpu: EngineGpu): string {
  const p = gpu.power;
  if (p.source === 'entered') return p.defaultW ? `${p.defaultW} W (default)` : 'as measured';
  return p.limitW && p.source ? `${p.limitW} W (${SOURCE_WORDS[p.source]})` : 'unknown';
}

function LimitInput({
  gpu,
  entered,
  onCommit,
}: {
  gpu: EngineGpu;
  entered: number | null;
  onCommit: (watts: number | null) => void;
}) {
  const [draft, setDraft] = useState<string | number>(entered ?? '');
  const [shown, setShown] = useState(entered);
  // Changed elsewhere (a suggestion applied, a saved machine opened): show it.
  if (entered !== shown) {
    setShown(entered);
    setDraft(entered ?? '');
  }
  const max = gpu.power.maxW ?? 2000;
  // Out of range is said on the field and not applied; never clamped.
  const error = rangeError(draft, { min: 30, max, unit: 'W' });
  const commit = () => {
    const watts = draft === '' ? null : Number(draft);
    if (watts !== entered && error === null) onCommit(watts);
  };
  return (
    <NumberInput
      label={`GPU ${gpu.index} power limit`}
      description={gpu.name}
      suffix=" W"
      min={30}
      max={max}
      clampBehavior="none"
      error={error}
      allowDecimal={false}
      placeholder={withoutEntry(gpu)}
      value={draft}
      onChange={setDraft}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

export interface PowerLimitsFormProps {
  /** This machine's GPUs (not the other machines of a cluster). */
  readonly gpus: readonly EngineGpu[];
  readonly limits: readonly PowerLimitEntry[];
  readonly onChange: (gpuIndex: number, watts: number | null) => void;
}

export function PowerLimitsForm({ gpus, limits, onChange }: PowerLimitsFormProps) {
  return (
    <Card component="section" aria-labelledby="power-limits-title" data-testid="power-limits-form">
      <Title order={2} size="h3" id="power-limits-title">
        Power limits
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        A limit set with <code>nvidia-smi -pl</code> (or planned) lowers what the card draws and a little of
        its speed. Empty: as measured, else the card&apos;s board power.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {gpus.map((gpu) => (
          <LimitInput
            key={gpu.index}
            gpu={gpu}
            entered={limits.find((l) => l.gpuIndex === gpu.index)?.watts ?? null}
            onCommit={(watts) => onChange(gpu.index, watts)}
          />
        ))}
      </SimpleGrid>
    </Card>
  );
}
