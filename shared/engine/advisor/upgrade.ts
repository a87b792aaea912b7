/**
 * "What if I add a card?": every catalog GPU as the next card on this machine, each planned and
 * checked by the advisor exactly as `plan` and `check` would for the machine with that card — the
 * same gated plan, the same checks, the same power rule — and ranked by tokens/s gained per dollar.
 * A card that only needs a power limit is feasible with that note; one that needs a bigger PSU is
 * listed, marked, with the PSU size; one a check fails carries that check's reason.
 */
import type { GpuSpec } from '../../catalog/types';
import { gpuPrice, type PriceBasis } from '../../catalog/gpu-price';
import { GPU_CATALOG } from '../../catalog/gpus/index';
import type { HardwareProfile } from '../../hardware/profile';
import { CHECK_AREAS } from '../checks/check-types';
import type { PowerVerdict } from '../checks/power-rule';
import { gpuFromSpec, gpusOnNode, pairLink, type EngineGpu, type EngineMachine } from '../machine';
import type { FitState, PlanRequest, Strategy } from '../planner/plan-types';
import type { UserNotes } from '../rig-notes';
import { inEnteredSlot, placementText, type SlotPlacement } from '../slot-placement';
import type { Range } from '../speed';
import { advise, runOfRequest } from './advise';
import { compatLines, type CompatLine } from './compat';

/** Where an option stands: ready (maybe with a power limit), only with a bigger PSU, or stopped by a check. */
export type UpgradeStatus = 'feasible' | 'needs-psu' | 'blocked';

export interface UpgradeOption {
  readonly gpu: string;
  readonly gpuId: string;
  readonly priceUsd: number | null;
  /** Which price that is (yours, a dated street price with its source, or the launch MSRP). */
  readonly priceLabel: string | null;
  readonly priceBasis: PriceBasis | null;
  /** True when nothing stops it here (a power limit may be needed: see `notes`). */
  readonly feasible: boolean;
  readonly status: UpgradeStatus;
  /** What stops it: the failing checks' reasons, as `check` gives them, and a missing slot. */
  readonly blockers: readonly string[];
  /** What it needs besides the card (a power limit, a bigger PSU), and where the model would live. */
  readonly notes: readonly string[];
  /** Strategy the advisor follows with the card added (id), or null when nothing fits. */
  readonly strategy: string | null;
  readonly fit: FitState;
  readonly decodeTokPerSec: number | null;
  /** The predicted decode range with the card added (expected, low, high), tokens/s. */
  readonly decodeRange: Range | null;
  /**
   * Tokens/s the card itself adds: over the best the machine can do today with any strategy, not over the
   * advisor's pick — switching strategy needs no card (`UpgradeResult.baseline.bestToday`).
   */
  readonly gainFromCard: number | null;
  /** Tokens/s gained per 1000 USD from the card itself (null without a price or a gain). */
  readonly gainPerDollar: number | null;
  /** Slot, lanes, spacing, PSU, cables, case, runtime, driver: ✓ / ? / ! / ✕ from the checks with the card in. */
  readonly compat: readonly CompatLine[];
  /** The power rule's verdict for the machine with the card, and the PSU that needs no limit. */
  readonly power: { readonly verdict: PowerVerdict; readonly minPsuW: number | null };
}

export interface UpgradeResult {
  readonly baseline: {
    readonly strategy: string | null;
    readonly fit: FitState;
    readonly decodeTokPerSec: number | null;
    /** The predicted decode range today, tokens/s. */
    readonly decodeRange: Range | null;
    /**
     * The fastest strategy the machine can run today (no check against it), when faster than the pick:
     * part of any card's apparent gain is only this switch, which needs no new card.
     */
    readonly bestToday: { readonly strategy: string; readonly decodeTokPerSec: number } | null;
  };
  /** Catalog cards left out, and why (SXM/OAM modules for a PCIe machine). */
  readonly excluded: readonly string[];
  /** Where the new card is planned to sit, in words (entered, or the free slot the firmware lists). */
  readonly slot: string | null;
  readonly options: readonly UpgradeOption[];
}

export interface UpgradeInput {
  readonly request: PlanRequest;
  readonly profile: HardwareProfile | null;
  readonly notes: UserNotes;
  /** Where the new card would sit (its `gpuIndex` is the next GPU index); else the widest free slot listed. */
  readonly slot?: SlotPlacement | null;
  /** USD prices the user typed, by catalog id; they replace the catalog's dated prices. */
  readonly priceOverrides?: Readonly<Record<string, number>>;
  /** Only these catalog ids (all non-Apple cards when absent). */
  readonly candidates?: readonly string[];
}

/** The free slot a new card would use: the widest electrical width among free slots, when the firmware lists slots. */
function freeSlot(profile: HardwareProfile | null): {
  known: boolean;
  link: { gen: number; lanes: number } | null;
} {
  if (!profile || profile.slots.length === 0) return { known: false, link: null };
  const free = profile.slots.filter(
    (s) => s.inUse === false && (s.widthPhysical ?? s.widthElectrical ?? 0) >= 16,
  );
  const best = free.sort((a, b) => (b.widthElectrical ?? 0) - (a.widthElectrical ?? 0))[0];
  return { known: true, link: best ? { gen: best.pcieGen ?? 4, lanes: best.widthElectrical ?? 16 } : null };
}

/** The machine with `gpu` added beside the head's cards (the links as for any catalog card). */
export function withCard(machine: EngineMachine, gpu: EngineGpu): EngineMachine {
  const links = gpusOnNode(machine, 0).map((g) => pairLink(g, gpu, null, null, null));
  return { ...machine, gpus: [...machine.gpus, gpu], links: [...machine.links, ...links] };
}

/** The new card, in the slot entered for it or the free slot the firmware lists. */
function newCard(
  spec: GpuSpec,
  index: number,
  input: UpgradeInput,
  free: ReturnType<typeof freeSlot>,
): EngineGpu {
  const card = gpuFromSpec(index, spec, null, input.slot ? null : free.link);
  const own = spec.pcieGen && spec.pcieLanes ? { gen: spec.pcieGen, lanes: spec.pcieLanes } : null;
  const placed = input.slot ? inEnteredSlot(card, own, [{ ...input.slot, gpuIndex: index }]) : card;
  return placed.placement
    ? {
        ...placed,
        attachment: placed.placement.attachment,
        linkSource:
          placed.placement.gen !== null || placed.placement.lanes !== null ? 'entered' : card.linkSource,
      }
    : placed;
}

/** SXM/OAM modules need a baseboard with their sockets; a PCIe machine cannot take one. */
function formFactorBlocker(machine: EngineMachine, spec: GpuSpec): string | null {
  const sxmHere = gpusOnNode(machine, 0).some((g) => g.spec?.cooler === 'sxm');
  if (spec.cooler !== 'sxm' || sxmHere) return null;
  return `${spec.name} is an SXM/OAM module: it needs a baseboard with its sockets (HGX/OAM), not a PCIe slot`;
}

/** An option as planned and checked, before its price: what a typed price does not change. */
type PlannedOption = Omit<
  UpgradeOption,
  'priceUsd' | 'priceLabel' | 'priceBasis' | 'gainFromCard' | 'gainPerDollar'
>;

/**
 * The plans of the last ranking, per request: a typed price changes only prices and the order, so the
 * same request, profile, notes and slot reuse them instead of planning every card again.
 */
const plannedCache = new WeakMap<
  PlanRequest,
  { profile: unknown; notes: unknown; slot: unknown; byId: Map<string, PlannedOption> }
>();

function plannedFor(
  input: UpgradeInput,
  spec: GpuSpec,
  index: number,
  free: ReturnType<typeof freeSlot>,
): PlannedOption {
  let entry = plannedCache.get(input.request);
  const slot = input.slot ?? null;
  if (!entry || entry.profile !== input.profile || entry.notes !== input.notes || entry.slot !== slot) {
    entry = { profile: input.profile, notes: input.notes, slot, byId: new Map() };
    plannedCache.set(input.request, entry);
  }
  const known = entry.byId.get(spec.id);
  if (known) return known;
  const planned = planOption(input, spec, index, free);
  entry.byId.set(spec.id, planned);
  return planned;
}

function planOption(
  input: UpgradeInput,
  spec: GpuSpec,
  index: number,
  free: ReturnType<typeof freeSlot>,
): PlannedOption {
  const machine = withCard(input.request.machine, newCard(spec, index, input, free));
  const advice = advise({
    machine,
    profile: input.profile,
    model: input.request.model,
    run: runOfRequest(input.request),
    notes: input.notes,
    depth: 'verdicts',
  });
  const chosen: Strategy | null = advice.strategy;
  // The same checks `check` runs for this machine: any failure outside power stops the card.
  const failing = advice.checks.filter(
    (c) => c.status === 'fail' && c.area !== 'power' && CHECK_AREAS.includes(c.area),
  );
  const blockers = [
    ...(!input.slot && free.known && !free.link
      ? ['no free x16-size slot on this board (enter where the card would go)']
      : []),
    ...[...new Set(failing.map((c) => c.reason))],
  ];
  const power = advice.power;
  const notes: string[] = [];
  if (power.verdict === 'power-limit' && power.powerLimit)
    notes.push(
      `needs power limits on this PSU: ${power.powerLimit.gpus.map((g) => `GPU ${g.index} ${g.watts} W`).join(', ')} (~${(power.powerLimit.loss * 100).toFixed(1)}% slower decode), or a ${power.minPsuW} W PSU`,
    );
  if (power.verdict === 'bigger-psu')
    notes.push(`needs a PSU of at least ${power.minPsuW} W (${power.psuWatts} W now)`);
  if (power.verdict === 'unknown')
    notes.push(
      `power not checked: enter your PSU${power.minPsuW ? ` (this build needs at least ${power.minPsuW} W)` : ''}`,
    );
  if (chosen?.fit === 'offload')
    notes.push(`still keeps ${(chosen.ramOffloadMiB / 1024).toFixed(1)} GiB in system RAM`);
  const present = [...new Set(gpusOnNode(input.request.machine, 0).map((g) => g.vendor))];
  const compat = compatLines(advice.checks, chosen, index, { added: spec.vendor, present });
  // A card the runtime cannot run beside the cards there has no speed to show, and cannot go in.
  const runtime = compat.find((l) => l.topic === 'runtime');
  const runtimeOk = runtime?.status !== 'no';
  if (!runtimeOk && runtime && chosen?.fits) blockers.push(runtime.reason);
  const rate = chosen?.fits && runtimeOk ? (chosen.decodeTokPerSec?.expected ?? null) : null;
  const status: UpgradeStatus =
    blockers.length > 0 ? 'blocked' : power.verdict === 'bigger-psu' ? 'needs-psu' : 'feasible';
  return {
    gpu: spec.name,
    gpuId: spec.id,
    feasible: status === 'feasible',
    status,
    blockers,
    notes,
    strategy: chosen?.fits ? chosen.id : null,
    fit: chosen?.fit ?? 'none',
    decodeTokPerSec: rate,
    decodeRange: rate !== null ? (chosen?.decodeTokPerSec ?? null) : null,
    compat,
    power: { verdict: power.verdict, minPsuW: power.minPsuW },
  };
}

/** The option at its price (yours, else the catalog's dated one), and what the card gains per $1000. */
function optionFor(
  input: UpgradeInput,
  spec: GpuSpec,
  index: number,
  free: ReturnType<typeof freeSlot>,
  bestRate: number,
): UpgradeOption {
  const planned = plannedFor(input, spec, index, free);
  const price = gpuPrice(spec, input.priceOverrides?.[spec.id]);
  const priceUsd = price?.usd ?? null;
  const gain = planned.decodeTokPerSec !== null ? planned.decodeTokPerSec - bestRate : null;
  return {
    ...planned,
    priceUsd,
    priceLabel: price?.label ?? null,
    priceBasis: price?.basis ?? null,
    gainFromCard: gain,
    gainPerDollar: priceUsd && gain !== null && gain > 0 ? (gain / priceUsd) * 1000 : null,
  };
}

const STATUS_RANK: Readonly<Record<UpgradeStatus, number>> = { feasible: 2e6, 'needs-psu': 1e6, blocked: 0 };

export function rankUpgrades(input: UpgradeInput): UpgradeResult {
  const today = advise({
    machine: input.request.machine,
    profile: input.profile,
    model: input.request.model,
    run: runOfRequest(input.request),
    notes: input.notes,
    depth: 'verdicts',
  });
  const base = today.strategy;
  const baseRate = base?.fits ? (base.decodeTokPerSec?.expected ?? 0) : 0;
  const fastest = today.plan.strategies
    .filter((s) => s.fits && s.blockers.length === 0 && s.decodeTokPerSec)
    .reduce<Strategy | null>(
      (best, s) =>
        !best || (s.decodeTokPerSec?.expected ?? 0) > (best.decodeTokPerSec?.expected ?? 0) ? s : best,
      null,
    );
  const fastestRate = fastest?.decodeTokPerSec?.expected ?? 0;
  // Within the planner's own noise of the pick it is the same answer, not a better strategy.
  const bestToday = fastest && fastestRate > baseRate * 1.05 ? fastest : null;
  const free = freeSlot(input.profile);
  const index = Math.max(-1, ...input.request.machine.gpus.map((g) => g.index)) + 1;
  const wanted = input.candidates ? new Set(input.candidates) : null;
  const listed = GPU_CATALOG.filter((spec) => spec.vendor !== 'apple' && (!wanted || wanted.has(spec.id)));
  // An SXM/OAM module cannot go into a PCIe machine at all: not a row that says so, no row.
  const modules = listed.filter((spec) => formFactorBlocker(input.request.machine, spec) !== null);
  const specs = listed.filter((spec) => !modules.includes(spec));
  const bestRate = Math.max(baseRate, bestToday ? fastestRate : baseRate);
  const options = specs.map((spec) => optionFor(input, spec, index, free, bestRate));
  const key = (o: UpgradeOption) => STATUS_RANK[o.status] + (o.gainPerDollar ?? -1);
  const slot = input.slot
    ? `GPU ${index} in the slot you entered: ${placementText(input.slot)}`
    : free.link
      ? `GPU ${index} in the free PCIe Gen${free.link.gen} x${free.link.lanes} slot the board lists`
      : null;
  return {
    baseline: {
      strategy: base?.fits ? base.id : null,
      fit: base?.fit ?? 'none',
      decodeTokPerSec: base?.fits ? (base.decodeTokPerSec?.expected ?? null) : null,
      decodeRange: base?.fits ? base.decodeTokPerSec : null,
      bestToday: bestToday ? { strategy: bestToday.id, decodeTokPerSec: fastestRate } : null,
    },
    excluded:
      modules.length > 0
        ? [
            `${modules.length} SXM/OAM modules (${modules
              .slice(0, 3)
              .map((m) => m.name)
              .join(', ')}${modules.length > 3 ? '…' : ''}): they need an HGX/OAM baseboard, not a PCIe slot`,
          ]
        : [],
    slot,
    options: options.sort((a, b) => key(b) - key(a)),
  };
}
