/**
 * Cooling: card thickness against the slots the cards sit in (stacked open-air cards breathe each
 * other's exhaust), whether the case has the slot positions, passive cards needing chassis airflow,
 * measured temperatures, and risers.
 */
import type { HardwareProfile, SlotProfile } from '../../hardware/profile';
import type { UserNotes } from '../rig-notes';
import type { EngineGpu, EngineMachine } from '../machine';
import { CHECK, SRC } from './check-thresholds';
import { busIdHow, temperatureHow } from './vendor-tools';
import { check, type Check, type ChecksInput } from './check-types';

interface Placed {
  readonly gpu: EngineGpu;
  /** Position in the firmware's slot list (taken as board order, one position apart). */
  readonly position: number;
  readonly slot: SlotProfile;
}

const howToPlace = (machine: EngineMachine): string =>
  `Match each GPU's bus id (${busIdHow(machine.gpus.map((g) => g.vendor))}) to a slot's Bus Address in \`sudo dmidecode -t slot\`, or look inside: a card N slots thick needs the next card at least N+1 positions lower to keep one slot of air between them.`;

/** Each GPU's slot, by its bus address; null unless every GPU maps to a distinct slot. */
function placeGpus(profile: HardwareProfile | null, machine: EngineMachine): Placed[] | null {
  if (!profile || profile.slots.length === 0) return null;
  const placed = machine.gpus.map((gpu) => {
    const bus = profile.gpus.find((g) => g.index === gpu.index)?.pciBusId ?? null;
    const position = bus === null ? -1 : profile.slots.findIndex((s) => s.busAddress === bus);
    const slot = profile.slots[position];
    return slot ? { gpu, position, slot } : null;
  });
  if (placed.some((p) => p === null)) return null;
  const ok = placed as Placed[];
  return new Set(ok.map((p) => p.position)).size === ok.length
    ? ok.sort((a, b) => a.position - b.position)
    : null;
}

const cooler = (g: EngineGpu): string => g.spec?.cooler ?? 'unknown';

function pairCheck(upper: Placed, lower: Placed): Check {
  const id = `cooling.spacing.gpu${upper.gpu.index}-gpu${lower.gpu.index}`;
  const width = upper.gpu.spec?.slotWidth ?? null;
  const where = `GPU ${upper.gpu.index} (${upper.slot.designation}) and GPU ${lower.gpu.index} (${lower.slot.designation})`;
  if (width === null)
    return check(
      'cooling',
      id,
      'unknown',
      `The thickness of ${upper.gpu.name} is not in the catalog, so the gap between ${where} is unknown.`,
      'Look at the card: count the slot brackets it covers, and the empty positions below it.',
    );
  const gap = lower.position - upper.position - Math.ceil(width);
  const label = `${where} are ${lower.position - upper.position} slot positions apart (assuming the firmware lists slots in board order) and GPU ${upper.gpu.index} is ${width} slots thick`;
  if (gap < 0)
    return check(
      'cooling',
      id,
      'fail',
      `${label}: the cards overlap.`,
      'Move the lower card down, or use a riser cable.',
      [SRC.coolerLayout],
    );
  if (gap === 0 && cooler(upper.gpu) === 'open-air')
    return check(
      'cooling',
      id,
      'warn',
      `${label}, so they touch: the upper open-air card breathes the lower card's exhaust.`,
      `Leave a free slot between them, use blower cards, or cap the power (\`sudo nvidia-smi -i ${upper.gpu.index} -pl W\`).`,
      [SRC.coolerLayout],
    );
  return check(
    'cooling',
    id,
    'pass',
    `${label}${gap === 0 ? `; it is a ${cooler(upper.gpu)} card, which exhausts out of the case` : `, leaving ${gap} free`}.`,
    '',
    [SRC.coolerLayout],
  );
}

function spacingChecks(profile: HardwareProfile | null, machine: EngineMachine): Check[] {
  if (machine.gpus.length < 2 || machine.gpus.every((g) => g.vendor === 'apple')) return [];
  const placed = placeGpus(profile, machine);
  if (placed) return placed.slice(1).map((lower, i) => pairCheck(placed[i] as Placed, lower));
  const openAir = machine.gpus.filter((g) => cooler(g) === 'open-air').length;
  const risk =
    openAir >= 2 ? `; ${openAir} are open-air, and stacked open-air cards breathe each other's exhaust` : '';
  return [
    check(
      'cooling',
      'cooling.spacing',
      'unknown',
      `Which slot each GPU sits in is unknown${risk}.`,
      howToPlace(machine),
      [SRC.coolerLayout],
    ),
  ];
}

function caseCheck(machine: EngineMachine, notes: UserNotes): Check | null {
  if (machine.gpus.length < 2) return null;
  const widths = machine.gpus.map((g) => g.spec?.slotWidth ?? null);
  if (widths.some((w) => w === null))
    return check(
      'cooling',
      'cooling.case',
      'unknown',
      'The thickness of some cards is not in the catalog.',
      "Count the slot brackets each card covers and compare with the case's expansion slots.",
    );
  const need = widths.reduce<number>((a, w) => a + Math.ceil(w ?? 0), 0);
  const have = notes.case.expansionSlots;
  if (have === null)
    return check(
      'cooling',
      'cooling.case',
      'unknown',
      `The cards cover ${need} slot positions, but the case's expansion slots are not entered.`,
      'Enter the number of expansion slots of your case (7 on most ATX towers).',
    );
  return need <= have
    ? check(
        'cooling',
        'cooling.case',
        'pass',
        `The cards cover ${need} slot positions and the case has ${have}.`,
      )
    : check(
        'cooling',
        'cooling.case',
        'fail',
        `The cards cover ${need} slot positions but the case has only ${have}.`,
        'Use a case with more expansion slots, thinner cards, or riser cables to a vertical mount.',
      );
}

function passiveCheck(machine: EngineMachine): Check | null {
  const passive = machine.gpus.filter((g) => cooler(g) === 'passive');
  if (passive.length === 0) return null;
  const names = passive.map((g) => `GPU ${g.index} ${g.name}`).join(', ');
  return check(
    'cooling',
    'cooling.passive',
    'unknown',
    `${names} ${passive.length > 1 ? 'have' : 'has'} no fan and rely on the chassis pushing air through the heatsink.`,
    'In a server chassis this is normal; in a tower fit a fan shroud per card and watch `nvidia-smi -q -d TEMPERATURE` under load.',
  );
}

function tempCheck(profile: HardwareProfile | null, gpu: EngineGpu): Check {
  const id = `cooling.temp.gpu${gpu.index}`;
  const t = profile?.gpus.find((g) => g.index === gpu.index)?.temperatureC ?? null;
  if (t === null)
    return check(
      'cooling',
      id,
      'unknown',
      `The temperature of GPU ${gpu.index} was not captured.`,
      temperatureHow(gpu.vendor),
    );
  if (t > CHECK.idleTempWarnC)
    return check(
      'cooling',
      id,
      'warn',
      `GPU ${gpu.index} read ${t} °C at capture time, above the ${CHECK.idleTempWarnC} °C that is already high for an idle card.`,
      'If it was idle: check its fans and the case airflow, and clean the heatsink; under load this is normal.',
      [SRC.idleTemp],
    );
  return check('cooling', id, 'pass', `GPU ${gpu.index} read ${t} °C at capture time.`, '', [SRC.idleTemp]);
}

function riserCheck(notes: UserNotes): Check | null {
  if (!/riser/i.test(notes.case.note)) return null;
  return check(
    'cooling',
    'cooling.risers',
    'pass',
    'The case notes mention risers, which free the cards from the slot spacing.',
    'Use risers rated for the link generation (PCIe 4.0 risers for Gen4); if the link drops to Gen1 or dmesg shows AER errors, force the slot to Gen3 in the BIOS.',
  );
}

/** Cooling checks for every GPU of the machine. */
export function checkCooling(input: ChecksInput): Check[] {
  const { profile, machine, notes } = input;
  return [
    ...spacingChecks(profile, machine),
    caseCheck(machine, notes),
    passiveCheck(machine),
    ...machine.gpus.filter((g) => g.vendor !== 'apple').map((g) => tempCheck(profile, g)),
    riserCheck(notes),
  ].filter((c): c is Check => c !== null);
}
