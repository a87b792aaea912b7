/**
 * Slots and lanes: each GPU's PCIe link (generation × width, GB/s, how much slower than the card's
 * own memory), CPU- or chipset-attached — as measured or as the user entered it (slot-link.ts) — CPU
 * lanes against what the cards could use, free slots for another card, and the BIOS settings
 * multi-GPU needs. Whether a narrow link matters depends on the split: a layer split moves ~7 MB/s
 * between cards while decoding, tensor parallel ~1.4 GB/s.
 */
import { findCpuFamily } from '../../catalog/cpus';
import type { HardwareProfile, SlotProfile } from '../../hardware/profile';
import { gpusOnNode, type EngineGpu } from '../machine';
import { SRC } from './check-thresholds';
import { check, type Check, type ChecksInput } from './check-types';
import { linkCheck } from './slot-link';
import { resizableBarHow } from './vendor-tools';

export { usesLinkHeavily } from './slot-link';

function lanesCheck(profile: HardwareProfile | null): Check {
  const model = profile?.cpu.model ?? null;
  const family = model ? findCpuFamily(model) : null;
  if (!family || family.vendor === 'apple' || family.unsourcedFields?.includes('cpuPcieLanes'))
    return check(
      'slots',
      'slots.lanes',
      'unknown',
      model
        ? `The PCIe lanes of "${model}" are not in the CPU catalog.`
        : 'The CPU model was not captured, so its PCIe lanes are unknown.',
      "Look up the CPU's PCIe lane count on the vendor's spec page and add up the widths of the cards and M.2 drives.",
    );
  const widths = profile?.gpus.map((g) => g.pcie.widthMax) ?? [];
  const want = widths.reduce<number>((a, w) => a + (w ?? 0), 0);
  const unknown = widths.filter((w) => w === null).length;
  const uplink = family.chipsetLinkLanes ? `; the chipset hangs off another x${family.chipsetLinkLanes}` : '';
  const reason = `The cards could use ${want} lanes${unknown ? ` (${unknown} card widths unknown)` : ''} and the ${family.name} provides ${family.cpuPcieLanes} for slots and M.2${uplink}`;
  if (want <= family.cpuPcieLanes) return check('slots', 'slots.lanes', 'pass', `${reason}.`);
  return check(
    'slots',
    'slots.lanes',
    'warn',
    `${reason}: some cards run narrower or through the chipset.`,
    'Check the board manual for how the slots split (x16 → x8/x8) and which M.2 sockets share lanes with a GPU slot; put the busiest card in the CPU x16 slot.',
  );
}

const slotText = (s: SlotProfile): string =>
  `${s.designation} (${s.widthPhysical ? `x${s.widthPhysical}` : 'size unknown'} physical, ${s.widthElectrical ? `x${s.widthElectrical}` : 'unknown'} electrical${s.pcieGen ? `, Gen${s.pcieGen}` : ''})`;

function freeSlotsCheck(profile: HardwareProfile | null): Check {
  const slots = profile?.slots ?? [];
  if (slots.length === 0 || slots.every((s) => s.inUse === null))
    return check(
      'slots',
      'slots.free',
      'unknown',
      "The board's slots were not captured.",
      'Run `sudo dmidecode -t slot` (Linux) and scan again, or read the board manual.',
    );
  const free = slots.filter((s) => s.inUse === false);
  const x16 = free.filter((s) => s.widthPhysical === 16 || s.widthPhysical === null);
  const bifurcation =
    'For another card: a riser from a narrower slot, or PCIe bifurcation (an x16 slot split x8/x8 or x4/x4/x4/x4 in the BIOS, with a bifurcation riser) where the board offers it.';
  if (x16.length === 0)
    return check(
      'slots',
      'slots.free',
      'pass',
      `No free slot can take another GPU directly (${free.length} free: ${free.map(slotText).join(', ') || 'none'}).`,
      bifurcation,
    );
  return check(
    'slots',
    'slots.free',
    'pass',
    `Free slots that can take another card: ${x16.map(slotText).join(', ')}.`,
    'A second card shares the CPU lanes: see slots.lanes for how the slots split.',
  );
}

function biosCheck(gpus: readonly EngineGpu[]): Check | null {
  if (gpus.length < 2) return null;
  return check(
    'slots',
    'slots.bios',
    'unknown',
    'Several GPUs need Above 4G Decoding (and benefit from Resizable BAR) in the BIOS, and the probe cannot read BIOS settings.',
    `Enable "Above 4G Decoding" and "Re-Size BAR Support" in the BIOS (PCIe/PCI subsystem settings); ${resizableBarHow(gpus.map((g) => g.vendor))}.`,
    [SRC.bar, SRC.rebar],
  );
}

/** Slot and lane checks for the machine and the chosen strategy's split. */
export function checkSlots(input: ChecksInput): Check[] {
  const { profile, machine, strategy } = input;
  if (machine.gpus.every((g) => g.vendor === 'apple'))
    return [
      check(
        'slots',
        'slots.lanes',
        'pass',
        "Apple silicon has no PCIe slots for GPUs: the GPU shares the chip's memory.",
      ),
    ];
  const head = gpusOnNode(machine, 0);
  const links = head.map((g) => linkCheck(g, profile, machine, strategy));
  return [...links, lanesCheck(profile), freeSlotsCheck(profile), biosCheck(head)].filter(
    (c): c is Check => c !== null,
  );
}
