/**
 * Slots and lanes: each GPU's PCIe link (generation × width, GB/s, how much slower than the card's
 * own memory), CPU- or chipset-attached, CPU lanes against what the cards could use, free slots for
 * another card, and the BIOS settings multi-GPU needs. Whether a narrow link matters depends on the
 * split: a layer split moves ~7 MB/s between cards while decoding, tensor parallel ~1.4 GB/s.
 */
import { findCpuFamily } from '../../catalog/cpus';
import type { GpuProfile, HardwareProfile, SlotProfile } from '../../hardware/profile';
import type { EngineGpu } from '../machine';
import type { Strategy } from '../planner/plan-types';
import { PCIE_LANE_GBS } from '../thresholds';
import { CHECK, SRC } from './check-thresholds';
import { check, type Check, type CheckStatus, type ChecksInput } from './check-types';

/** Whether the strategy moves activations between GPUs every layer (tensor/row parallel). */
export const usesLinkHeavily = (s: Strategy): boolean =>
  s.gpuIndices.length > 1 &&
  (s.tensorParallel > 1 || s.split === 'row' || s.split === 'tensor' || s.split === 'tp');

interface Link {
  readonly gen: number;
  readonly lanes: number;
  readonly gbs: number;
}

function measuredLink(g: GpuProfile | undefined): Link | null {
  const gen = g?.pcie.genMax ?? g?.pcie.genCurrent ?? null;
  const lanes = g?.pcie.widthCurrent ?? g?.pcie.widthMax ?? null;
  if (gen === null || lanes === null) return null;
  return { gen, lanes, gbs: (PCIE_LANE_GBS[gen] ?? 0) * lanes };
}

function linkText(gpu: EngineGpu, seen: GpuProfile, link: Link): string {
  const mem = gpu.bandwidthGBs
    ? `, ${Math.round(gpu.bandwidthGBs / link.gbs)}× slower than its own memory (${gpu.bandwidthGBs} GB/s)`
    : '';
  const narrow =
    seen.pcie.widthMax !== null && link.lanes < seen.pcie.widthMax
      ? ` of the card's x${seen.pcie.widthMax} (slot wiring or shared lanes)`
      : '';
  const where =
    seen.attachment === 'chipset'
      ? ', attached through the chipset (sharing its uplink with USB, SATA and NVMe)'
      : seen.attachment === 'cpu'
        ? ', attached to the CPU'
        : ', CPU or chipset attachment unknown';
  return `GPU ${gpu.index} links at PCIe Gen${link.gen} x${link.lanes}${narrow} (${link.gbs.toFixed(1)} GB/s)${where}${mem}`;
}

/** Status and the second half of the sentence for a measured link under strategy `s`. */
function linkVerdict(
  gpu: EngineGpu,
  seen: GpuProfile,
  link: Link,
  s: Strategy,
): { status: CheckStatus; tail: string; fix: string } {
  const tp = CHECK.tensorParallelTrafficGBs;
  if (s.gpuIndices.length < 2 || !s.gpuIndices.includes(gpu.index))
    return {
      status: 'pass',
      tail: `${s.id} does not pass data between cards through it, so it matters only for load time`,
      fix: '',
    };
  if (!usesLinkHeavily(s))
    return {
      status: 'pass',
      tail: `with ${s.id} the cards exchange only ~${CHECK.layerSplitTrafficMBs} MB/s while decoding, so the link hardly matters beyond load time`,
      fix: '',
    };
  const fix = `Move the card to a CPU-attached x8 or x16 slot, or use a layer split (-sm layer / pipeline parallel), which moves only ~${CHECK.layerSplitTrafficMBs} MB/s.`;
  if (link.gbs < tp)
    return {
      status: 'fail',
      tail: `${s.id} moves ~${tp} GB/s per card while decoding, more than this link carries`,
      fix,
    };
  if (seen.attachment === 'chipset' || link.lanes <= CHECK.narrowLinkLanes)
    return {
      status: 'warn',
      tail: `${s.id} moves ~${tp} GB/s per card while decoding, so this narrow or shared link slows every token`,
      fix,
    };
  return { status: 'pass', tail: `wide enough for the ~${tp} GB/s ${s.id} moves while decoding`, fix: '' };
}

function linkCheck(gpu: EngineGpu, profile: HardwareProfile | null, s: Strategy): Check {
  const id = `slots.link.gpu${gpu.index}`;
  const seen = profile?.gpus.find((g) => g.index === gpu.index);
  const link = measuredLink(seen);
  if (!seen || !link) {
    const assumed = gpu.pcie ? ` (the plan assumes Gen${gpu.pcie.gen} x${gpu.pcie.lanes})` : '';
    return check(
      'slots',
      id,
      'unknown',
      `GPU ${gpu.index}'s PCIe link was not measured${assumed}.`,
      'Scan the machine, or run `nvidia-smi -q -d PCIE` (Max and Current link) while a model is loaded; idle cards train their link down.',
    );
  }
  const v = linkVerdict(gpu, seen, link, s);
  return check('slots', id, v.status, `${linkText(gpu, seen, link)}; ${v.tail}.`, v.fix, [SRC.linkTraffic]);
}

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

function biosCheck(gpuCount: number): Check | null {
  if (gpuCount < 2) return null;
  return check(
    'slots',
    'slots.bios',
    'unknown',
    'Several GPUs need Above 4G Decoding (and benefit from Resizable BAR) in the BIOS, and the probe cannot read BIOS settings.',
    'Enable "Above 4G Decoding" and "Re-Size BAR Support" in the BIOS (PCIe/PCI subsystem settings); check from Linux with `nvidia-smi -q | grep -A3 BAR1` (BAR1 total near the memory size means Resizable BAR is on).',
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
  const links = machine.gpus.map((g) => linkCheck(g, profile, strategy));
  return [...links, lanesCheck(profile), freeSlotsCheck(profile), biosCheck(machine.gpus.length)].filter(
    (c): c is Check => c !== null,
  );
}
