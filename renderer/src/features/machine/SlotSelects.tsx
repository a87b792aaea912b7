/**
 * The three fields of a slot as entered — CPU or chipset, PCIe generation, electrical width — for a
 * card on the Machine step, or for the card "Add a card?" would put in. "Not set" leaves each to the
 * plan (the measured value, or the card's own link).
 */
import { NativeSelect, SimpleGrid, VisuallyHidden } from '@mantine/core';
import {
  SLOT_GENS,
  SLOT_LANES,
  type SlotAttachment,
  type SlotPlacement,
} from '@shared/engine/slot-placement';

/** "Not set": the plan keeps the measured value (or the card's own link for a build). */
const NOT_ENTERED = '';

const ATTACHMENT_OPTIONS = [
  { value: NOT_ENTERED, label: 'Not set' },
  { value: 'cpu', label: 'CPU' },
  { value: 'chipset', label: 'Chipset' },
];
const GEN_OPTIONS = [
  { value: NOT_ENTERED, label: 'Not set' },
  ...[...SLOT_GENS].reverse().map((g) => ({ value: String(g), label: `Gen${g}` })),
];
const WIDTH_OPTIONS = [
  { value: NOT_ENTERED, label: 'Not set' },
  ...[...SLOT_LANES].reverse().map((l) => ({ value: String(l), label: `x${l}` })),
];

const numberOrNull = (v: string): number | null => (v === NOT_ENTERED ? null : Number(v));

export interface SlotSelectsProps {
  /** Said before each label to screen readers only, e.g. `GPU 1 slot ` (the row already shows the GPU). */
  readonly prefix: string;
  readonly value: SlotPlacement;
  readonly onChange: (placement: SlotPlacement) => void;
}

export function SlotSelects({ prefix, value, onChange }: SlotSelectsProps) {
  const edit = (patch: Partial<SlotPlacement>) => onChange({ ...value, ...patch });
  const label = (text: string) => (
    <>
      <VisuallyHidden>{prefix}</VisuallyHidden>
      {text}
    </>
  );
  return (
    <SimpleGrid cols={3} spacing="xs">
      <NativeSelect
        label={label('Attachment')}
        data={ATTACHMENT_OPTIONS}
        value={value.attachment ?? NOT_ENTERED}
        onChange={(e) => edit({ attachment: (e.currentTarget.value || null) as SlotAttachment | null })}
      />
      <NativeSelect
        label={label('Generation')}
        data={GEN_OPTIONS}
        value={value.gen === null ? NOT_ENTERED : String(value.gen)}
        onChange={(e) => edit({ gen: numberOrNull(e.currentTarget.value) })}
      />
      <NativeSelect
        label={label('Width')}
        data={WIDTH_OPTIONS}
        value={value.lanes === null ? NOT_ENTERED : String(value.lanes)}
        onChange={(e) => edit({ lanes: numberOrNull(e.currentTarget.value) })}
      />
    </SimpleGrid>
  );
}
