/**
 * Where each card sits (or will sit), as the user enters it: CPU- or chipset-attached, and the slot's
 * PCIe generation and electrical width. This is engine input, not part of the HardwareProfile (which
 * holds only what was measured): nvidia-smi cannot tell CPU lanes from chipset lanes, a catalog build
 * has nothing to measure, and the user may be planning to move a card.
 *
 * Precedence: an entered value wins over the measured link for planning (speed estimates, the slots
 * check); the check's text names both. Per card it also wins over `--link pcieGxW`, which sets every
 * card's host link at once. `--link nvlink` is the card-to-card bridge and leaves host links alone.
 */

export const SLOT_ATTACHMENTS = ['cpu', 'chipset'] as const;
export type SlotAttachment = (typeof SLOT_ATTACHMENTS)[number];
/** PCIe generations a slot can be (1.0 … 6.0). */
export const SLOT_GENS = [1, 2, 3, 4, 5, 6] as const;
/** Electrical widths a slot can be wired for, lanes. */
export const SLOT_LANES = [1, 2, 4, 8, 16] as const;

export interface SlotPlacement {
  /** The GPU's index as the machine numbers it (nvidia-smi order; a catalog build counts from 0). */
  readonly gpuIndex: number;
  /** Whose lanes the slot uses; null = not entered. */
  readonly attachment: SlotAttachment | null;
  /** The slot's PCIe generation (1–6); null = not entered. */
  readonly gen: number | null;
  /** The slot's electrical width, lanes (1, 2, 4, 8, 16); null = not entered. */
  readonly lanes: number | null;
}

/** A PCIe link: generation × lanes. */
export interface PcieLinkSpec {
  readonly gen: number;
  readonly lanes: number;
}

export const isEmptyPlacement = (p: SlotPlacement): boolean =>
  p.attachment === null && p.gen === null && p.lanes === null;

/** The placement entered for this GPU, or null when none (an all-empty entry counts as none). */
export function placementFor(
  slots: readonly SlotPlacement[] | undefined,
  gpuIndex: number,
): SlotPlacement | null {
  const p = slots?.find((s) => s.gpuIndex === gpuIndex);
  return p && !isEmptyPlacement(p) ? p : null;
}

const minKnown = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);

/**
 * The link a card trains to in the entered slot: the lower generation and the narrower width of card
 * and slot (a Gen4 card in a Gen5 slot runs Gen4; an x16 card in an x4 slot runs x4). Without an
 * entered generation or width, the card's own link; null when neither side knows both halves.
 */
export function linkInSlot(card: PcieLinkSpec | null, p: SlotPlacement | null): PcieLinkSpec | null {
  if (!p || (p.gen === null && p.lanes === null)) return card;
  const gen = minKnown(p.gen, card?.gen ?? null);
  const lanes = minKnown(p.lanes, card?.lanes ?? null);
  return gen !== null && lanes !== null ? { gen, lanes } : null;
}

/** What `inEnteredSlot` needs of a GPU (an EngineGpu). */
export interface PlaceableGpu {
  readonly index: number;
  readonly pcie: PcieLinkSpec | null;
  readonly placement?: SlotPlacement;
}

/**
 * The card in the slot the user entered: `placement` set, and its host link (`pcie`) the link that
 * slot gives `card` (the card's own interface). Unchanged when nothing was entered for it.
 */
export function inEnteredSlot<G extends PlaceableGpu>(
  gpu: G,
  card: PcieLinkSpec | null,
  slots: readonly SlotPlacement[] | undefined,
): G {
  const placement = placementFor(slots, gpu.index);
  if (!placement) return gpu;
  // Only an attachment entered: the link stays as measured (or as the catalog says).
  if (placement.gen === null && placement.lanes === null) return { ...gpu, placement };
  return { ...gpu, placement, pcie: linkInSlot(card ?? gpu.pcie, placement) ?? gpu.pcie };
}

/** What the plan took from an entered slot, for the machine's assumptions list. */
export function enteredSlotNote(gpu: PlaceableGpu, measured: PcieLinkSpec | null): string[] {
  if (!gpu.placement) return [];
  const planned = gpu.pcie ? `, planned at PCIe Gen${gpu.pcie.gen} x${gpu.pcie.lanes}` : '';
  const scan = measured ? ` (the scan measured Gen${measured.gen} x${measured.lanes})` : '';
  return [`GPU ${gpu.index} in the slot you entered: ${placementText(gpu.placement)}${planned}${scan}`];
}

/** `chipset Gen4 x4`, `CPU x16`, `chipset`: what was entered, in words. */
export function placementText(p: SlotPlacement): string {
  const where = p.attachment === 'cpu' ? 'CPU' : p.attachment === 'chipset' ? 'chipset' : null;
  const parts = [where, p.gen !== null ? `Gen${p.gen}` : null, p.lanes !== null ? `x${p.lanes}` : null];
  return parts.filter((s): s is string => s !== null).join(' ');
}

const LINK_TOKEN = /^(?:gen|pcie)?([1-6])?x(1|2|4|8|16)$/;
const GEN_TOKEN = /^gen([1-6])$/;

/**
 * The CLI's `--slot` value: `GPU:WHERE[:LINK]` or `GPU:LINK`, where WHERE is `cpu` or `chipset` and
 * LINK is generation×width (`4x4`, `gen3x8`, `pcie5x16`), a width alone (`x4`) or a generation alone
 * (`gen4`). `1:chipset:4x4` = GPU 1 in a chipset-attached Gen4 x4 slot. Null when not understood.
 */
export function parseSlotOption(text: string): SlotPlacement | null {
  const [index, ...rest] = text.trim().toLowerCase().split(':');
  if (index === undefined || !/^\d{1,2}$/.test(index) || rest.length < 1 || rest.length > 2) return null;
  let attachment: SlotAttachment | null = null;
  let link: { gen: number | null; lanes: number | null } | null = null;
  for (const token of rest) {
    if (token === 'cpu' || token === 'chipset') {
      if (attachment) return null;
      attachment = token;
      continue;
    }
    const m = LINK_TOKEN.exec(token);
    const g = GEN_TOKEN.exec(token);
    if (link || (!m && !g)) return null;
    link = m
      ? { gen: m[1] ? Number(m[1]) : null, lanes: Number(m[2]) }
      : { gen: Number(g?.[1]), lanes: null };
  }
  return { gpuIndex: Number(index), attachment, gen: link?.gen ?? null, lanes: link?.lanes ?? null };
}

/** Placements whose GPU the machine does not have, and GPUs entered twice — each in words. */
export function placementProblems(slots: readonly SlotPlacement[], gpuIndices: readonly number[]): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const s of slots) {
    if (seen.has(s.gpuIndex)) problems.push(`GPU ${s.gpuIndex} is given more than once`);
    else if (!gpuIndices.includes(s.gpuIndex))
      problems.push(`there is no GPU ${s.gpuIndex} (the machine has GPU ${gpuIndices.join(', ')})`);
    seen.add(s.gpuIndex);
  }
  return problems;
}
