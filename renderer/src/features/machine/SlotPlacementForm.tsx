/**
 * Where each card of the planned machine sits (or will sit): CPU or chipset lanes, and the slot's PCIe
 * generation and electrical width. nvidia-smi cannot tell CPU from chipset lanes, and a build from the
 * catalog has nothing to measure, so the user enters it. The engine decides what an entry changes
 * (shared/engine/slot-placement.ts: an entry wins over the measured link); this form only shows the
 * measured link beside it, with its source, and the link the plan ends up using.
 */
import { Card, Fieldset, Stack, Text, Title } from '@mantine/core';
import type { EngineGpu } from '@shared/engine/machine';
import { placementFor, type SlotPlacement } from '@shared/engine/slot-placement';
import { HwValue } from './HwValue';
import { SlotSelects } from './SlotSelects';
import { ATTACHMENT_LABELS, formatPcieLink } from './format';
import { findUnknown, sourcesFor } from './unknowns';
import type { GpuProfile, HardwareProfile, UnknownField } from './types';

export interface SlotPlacementFormProps {
  /** The GPUs of the machine the plan is for (scanned or a catalog build). */
  readonly gpus: readonly EngineGpu[];
  /** The scanned profile behind them, for the measured links; null for a catalog build. */
  readonly profile: HardwareProfile | null;
  /** What the user entered so far (any GPU index; those the machine lacks are not shown). */
  readonly slots: readonly SlotPlacement[];
  readonly onChange: (placement: SlotPlacement) => void;
}

/** Why the attachment is unknown when the probe gave no reason: in the words of the tool that did run. */
const attachmentUnknown = (vendor: GpuProfile['vendor']) => ({
  reason: `${vendor === 'nvidia' ? 'nvidia-smi does' : vendor === 'amd' ? 'rocm-smi does' : 'the GPU tools do'} not say whether a slot hangs off the CPU or the chipset.`,
  hint: 'The board manual says which slots use chipset lanes (often the lower x4 ones): enter it below.',
});

/** The measured link and attachment, with where they came from; or why there is none. */
function Measured({
  gpu,
  scanned,
  unknowns,
}: {
  gpu: EngineGpu;
  scanned: GpuProfile | undefined;
  unknowns: readonly UnknownField[];
}) {
  if (!scanned)
    return (
      <Text size="sm" c="dimmed">
        Not measured (a build from the catalog)
        {gpu.spec?.pcieGen && gpu.spec.pcieLanes
          ? `; the card itself is Gen${gpu.spec.pcieGen} x${gpu.spec.pcieLanes}`
          : ''}
        .
      </Text>
    );
  const link = formatPcieLink(scanned.pcie);
  return (
    <Stack gap={2}>
      <Text size="sm">
        <Text span size="sm" c="dimmed">
          Measured link:{' '}
        </Text>
        <HwValue
          value={link}
          sources={sourcesFor(scanned.sources, 'pcie')}
          unknown={link === null ? findUnknown(unknowns, `gpus[${scanned.index}].pcie`) : null}
        />
      </Text>
      <Text size="sm">
        <Text span size="sm" c="dimmed">
          Measured attachment:{' '}
        </Text>
        <HwValue
          value={scanned.attachment === 'unknown' ? null : ATTACHMENT_LABELS[scanned.attachment]}
          sources={sourcesFor(scanned.sources, 'attachment')}
          unknown={
            findUnknown(unknowns, `gpus[${scanned.index}].attachment`) ?? {
              field: `gpus[${scanned.index}].attachment`,
              ...attachmentUnknown(scanned.vendor),
            }
          }
        />
      </Text>
    </Stack>
  );
}

interface GpuSlotRowProps {
  readonly gpu: EngineGpu;
  readonly scanned: GpuProfile | undefined;
  readonly unknowns: readonly UnknownField[];
  readonly placement: SlotPlacement | null;
  readonly onChange: (placement: SlotPlacement) => void;
}

function GpuSlotRow({ gpu, scanned, unknowns, placement, onChange }: GpuSlotRowProps) {
  const current: SlotPlacement = placement ?? {
    gpuIndex: gpu.index,
    attachment: null,
    gen: null,
    lanes: null,
  };
  const enteredLink = placement !== null && (placement.gen !== null || placement.lanes !== null);
  const prefix = `GPU ${gpu.index} slot `;
  return (
    <Fieldset
      variant="unstyled"
      legend={
        <Text span fw={600} size="sm">
          GPU {gpu.index} · {gpu.name}
        </Text>
      }
      data-testid="slot-placement-row"
      data-gpu-index={gpu.index}
    >
      <Stack gap={6}>
        <Measured gpu={gpu} scanned={scanned} unknowns={unknowns} />
        <SlotSelects prefix={prefix} value={current} onChange={onChange} />
        <Text size="xs" c="dimmed" data-testid="slot-plan-link" aria-live="polite">
          {gpu.pcie
            ? `The plan uses PCIe Gen${gpu.pcie.gen} x${gpu.pcie.lanes} (${enteredLink ? 'from your entry' : scanned ? 'as measured' : "the card's own link"}).`
            : 'The plan has no link for this card.'}
        </Text>
      </Stack>
    </Fieldset>
  );
}

export function SlotPlacementForm({ gpus, profile, slots, onChange }: SlotPlacementFormProps) {
  return (
    <Card component="section" aria-labelledby="slot-placement-title" data-testid="slot-placement-form">
      <Title order={2} size="h3" id="slot-placement-title">
        Where the cards sit
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        The probe cannot tell CPU from chipset lanes. Enter each card&apos;s slot (or the one you plan to move
        it to): it wins over the measured link in the plan and the checks.
      </Text>
      <Stack gap="md">
        {gpus.map((gpu) => (
          <GpuSlotRow
            key={gpu.index}
            gpu={gpu}
            scanned={profile?.gpus.find((g) => g.index === gpu.index)}
            unknowns={profile?.unknowns ?? []}
            placement={placementFor(slots, gpu.index)}
            onChange={onChange}
          />
        ))}
      </Stack>
    </Card>
  );
}
