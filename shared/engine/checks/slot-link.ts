/**
 * One GPU's host link, judged by how much the strategy moves over it: the slot the user entered
 * (EngineGpu.placement) wins over the link the scan measured, and the reason names both. A chipset
 * slot shares the chipset's one link to the CPU (the CPU catalog's chipsetLinkLanes) with USB, SATA
 * and NVMe. A layer split moves ~7 MB/s between cards while decoding, tensor parallel ~1.4 GB/s.
 */
import { findCpuFamily } from '../../catalog/cpus';
import type { GpuProfile, HardwareProfile } from '../../hardware/profile';
import { formatGBs } from '../format-bandwidth';
import { measuredHostLink, type EngineGpu, type EngineMachine } from '../machine';
import type { UserInput } from '../user-inputs';
import type { Strategy } from '../planner/plan-types';
import { placementText, type SlotAttachment, type SlotPlacement } from '../slot-placement';
import { PCIE_LANE_GBS } from '../thresholds';
import { CHECK, SRC } from './check-thresholds';
import { check, type Check, type CheckStatus } from './check-types';
import { linkHow } from './vendor-tools';

/** Whether the strategy moves activations between GPUs every layer (tensor/row parallel). */
export const usesLinkHeavily = (s: Strategy): boolean =>
  s.gpuIndices.length > 1 &&
  (s.tensorParallel > 1 || s.split === 'row' || s.split === 'tensor' || s.split === 'tp');

interface Link {
  readonly gen: number;
  readonly lanes: number;
  readonly gbs: number;
}

const toLink = (l: { gen: number; lanes: number } | null): Link | null =>
  l ? { ...l, gbs: (PCIE_LANE_GBS[l.gen] ?? 0) * l.lanes } : null;

/** What the check judges for one GPU: the link and the attachment, each with where it came from. */
interface Seen {
  readonly gpu: EngineGpu;
  readonly scanned: GpuProfile | undefined;
  readonly placement: SlotPlacement | null;
  readonly measured: Link | null;
  /** The entered link when a generation or width was entered, else the measured one. */
  readonly link: Link | null;
  readonly linkEntered: boolean;
  readonly attachment: SlotAttachment | null;
  readonly attachmentEntered: boolean;
  /** Lanes of the chipset's link to the CPU, when the CPU is in the catalog. */
  readonly uplinkLanes: number | null;
}

/**
 * The link the check judges is the one the planner planned with (`gpu.pcie`), when it was measured
 * or entered; a catalog card's own interface is only an assumption, so it counts as unknown here.
 */
function seenOf(gpu: EngineGpu, profile: HardwareProfile | null): Seen {
  const scanned = profile?.gpus.find((g) => g.index === gpu.index);
  const placement = gpu.placement ?? null;
  const measured = toLink(measuredHostLink(scanned));
  const known = gpu.linkSource === 'measured' || gpu.linkSource === 'entered';
  const family = profile?.cpu.model ? findCpuFamily(profile.cpu.model) : null;
  const uplinkKnown = family && !family.unsourcedFields?.includes('chipsetLinkLanes');
  return {
    gpu,
    scanned,
    placement,
    measured,
    link: known ? toLink(gpu.pcie) : null,
    linkEntered: gpu.linkSource === 'entered',
    attachment: gpu.attachment,
    attachmentEntered: (placement?.attachment ?? null) !== null,
    uplinkLanes: uplinkKnown ? family.chipsetLinkLanes : null,
  };
}

function origin(v: Seen): string {
  if (!v.placement || (!v.linkEntered && !v.attachmentEntered)) return '';
  const scan = v.measured ? `; the scan measured Gen${v.measured.gen} x${v.measured.lanes}` : '';
  return ` (you entered ${placementText(v.placement)}${scan})`;
}

function where(v: Seen): string {
  if (v.attachment === 'chipset') {
    const uplink = v.uplinkLanes ? `x${v.uplinkLanes} ` : '';
    return `, attached through the chipset (sharing its ${uplink}link to the CPU with USB, SATA and NVMe)`;
  }
  return v.attachment === 'cpu' ? ', attached to the CPU' : ', CPU or chipset attachment unknown';
}

function linkText(v: Seen): string {
  const { gpu, link, scanned } = v;
  if (!link) return `GPU ${gpu.index}'s slot generation and width are unknown${origin(v)}${where(v)}`;
  const mem = gpu.bandwidthGBs
    ? `, ${Math.round(gpu.bandwidthGBs / link.gbs)}× slower than its own memory (${gpu.bandwidthGBs} GB/s)`
    : '';
  const max = scanned?.pcie.widthMax ?? null;
  const narrow =
    !v.linkEntered && max !== null && link.lanes < max
      ? ` of the card's x${max} (slot wiring or shared lanes)`
      : '';
  return `GPU ${gpu.index} links at PCIe Gen${link.gen} x${link.lanes}${narrow} (${formatGBs(link.gbs)})${origin(v)}${where(v)}${mem}`;
}

/** Whether every link from this GPU to the strategy's other GPUs is a bridge (NVLink, xGMI). */
function bridged(gpu: EngineGpu, machine: EngineMachine, s: Strategy): boolean {
  const others = s.gpuIndices.filter((i) => i !== gpu.index);
  const links = machine.links.filter(
    (l) => (l.a === gpu.index && others.includes(l.b)) || (l.b === gpu.index && others.includes(l.a)),
  );
  return links.length === others.length && links.every((l) => l.kind === 'nvlink' || l.kind === 'xgmi');
}

interface Verdict {
  readonly status: CheckStatus;
  readonly tail: string;
  readonly fix: string;
  readonly inputs?: readonly UserInput[];
}

/** Status and the second half of the sentence for this link under strategy `s`. */
function linkVerdict(v: Seen, machine: EngineMachine, s: Strategy): Verdict {
  const tp = CHECK.tensorParallelTrafficGBs;
  const { gpu, link } = v;
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
  if (bridged(gpu, machine, s))
    return {
      status: 'pass',
      tail: `${s.id} sends its ~${tp} GB/s per card over the bridge between the cards, so this link matters only for load time`,
      fix: '',
    };
  const fix = `Move the card to a CPU-attached x8 or x16 slot, or use a layer split (-sm layer / pipeline parallel), which moves only ~${CHECK.layerSplitTrafficMBs} MB/s.`;
  if (link && link.gbs < tp)
    return {
      status: 'fail',
      tail: `${s.id} moves ~${tp} GB/s per card while decoding, more than this link carries`,
      fix,
    };
  if (v.attachment === 'chipset')
    return {
      status: 'warn',
      tail: `${s.id} moves ~${tp} GB/s per card while decoding, and through the chipset that traffic queues behind everything else on its link, slowing every token`,
      fix,
    };
  if (link && link.lanes <= CHECK.narrowLinkLanes)
    return {
      status: 'warn',
      tail: `${s.id} moves ~${tp} GB/s per card while decoding, so this narrow link slows every token`,
      fix,
    };
  if (!link)
    return {
      status: 'unknown',
      tail: `${s.id} moves ~${tp} GB/s per card while decoding, so the slot's width matters`,
      fix: "Enter the slot's PCIe generation and width, from the board manual.",
      inputs: ['slot'],
    };
  return { status: 'pass', tail: `wide enough for the ~${tp} GB/s ${s.id} moves while decoding`, fix: '' };
}

/** `slots.link.gpuN`: the GPU's host link under the strategy, from the slot entered or the scan. */
export function linkCheck(
  gpu: EngineGpu,
  profile: HardwareProfile | null,
  machine: EngineMachine,
  s: Strategy,
): Check {
  const id = `slots.link.gpu${gpu.index}`;
  const v = seenOf(gpu, profile);
  if (!v.link && !v.attachment) {
    const assumed = gpu.pcie ? ` (the plan assumes Gen${gpu.pcie.gen} x${gpu.pcie.lanes})` : '';
    return check(
      'slots',
      id,
      'unknown',
      `GPU ${gpu.index}'s PCIe link was not measured or entered${assumed}.`,
      linkHow(gpu.vendor),
      [],
      ['slot'],
    );
  }
  const verdict = linkVerdict(v, machine, s);
  return check(
    'slots',
    id,
    verdict.status,
    `${linkText(v)}; ${verdict.tail}.`,
    verdict.fix,
    [SRC.linkTraffic],
    verdict.inputs ?? [],
  );
}
