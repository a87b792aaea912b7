/**
 * "What if I add a card?": every catalog GPU as the next card on this machine, planned with the same
 * model and goal, ranked by tokens/s gained per dollar — with what would stop it here (no free slot,
 * PSU too small, a vendor the runtimes cannot mix, unknown price).
 */
import type { GpuSpec } from '../../catalog/types';
import { GPU_CATALOG } from '../../catalog/gpus/index';
import type { HardwareProfile } from '../../hardware/profile';
import { plan } from '../planner/planner';
import type { PlanRequest, Strategy } from '../planner/plan-types';
import { gpuFromSpec, pairLink, type EngineGpu, type EngineMachine } from '../machine';
import { powerBudget } from '../checks/power-budget';
import { CHECK } from '../checks/check-thresholds';
import type { Range } from '../speed';

export interface UpgradeOption {
  readonly gpu: string;
  readonly gpuId: string;
  readonly priceUsd: number | null;
  readonly feasible: boolean;
  readonly blockers: readonly string[];
  /** Strategy the planner picks with the card added (id), or null when nothing fits. */
  readonly strategy: string | null;
  readonly decodeTokPerSec: number | null;
  /** The predicted decode range with the card added (expected, low, high), tokens/s. */
  readonly decodeRange: Range | null;
  /** Tokens/s gained per 1000 USD (null without a price or a gain). */
  readonly gainPerDollar: number | null;
}

export interface UpgradeResult {
  readonly baseline: {
    readonly strategy: string | null;
    readonly decodeTokPerSec: number | null;
    /** The predicted decode range today, tokens/s. */
    readonly decodeRange: Range | null;
  };
  readonly options: readonly UpgradeOption[];
}

export interface UpgradeInput {
  readonly request: PlanRequest;
  readonly profile: HardwareProfile | null;
  /** PSU rating from the user's notes, W. */
  readonly psuWatts: number | null;
  /** USD prices the user typed, by catalog id; they replace the catalog's dated prices. */
  readonly priceOverrides?: Readonly<Record<string, number>>;
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

function withCard(machine: EngineMachine, gpu: EngineGpu): EngineMachine {
  const links = machine.gpus.map((g) => pairLink(g, gpu, null, null, null));
  return { ...machine, gpus: [...machine.gpus, gpu], links: [...machine.links, ...links] };
}

function best(strategies: readonly Strategy[]): Strategy | null {
  return strategies.find((s) => s.fits) ?? null;
}

function blockersFor(
  input: UpgradeInput,
  spec: GpuSpec,
  slot: ReturnType<typeof freeSlot>,
  machine: EngineMachine,
): string[] {
  const blockers: string[] = [];
  const vendors = new Set(input.request.machine.gpus.map((g) => g.vendor));
  if (vendors.size > 0 && !vendors.has(spec.vendor))
    blockers.push(
      `mixing ${[...vendors].join('/')} with ${spec.vendor}: no runtime here splits one model across both (llama.cpp's Vulkan or RPC backends can, slower)`,
    );
  if (slot.known && !slot.link) blockers.push('no free x16-size slot on this board');
  const budget = powerBudget(input.profile, machine);
  if (
    input.psuWatts &&
    budget.sustainedW !== null &&
    budget.sustainedW > input.psuWatts * CHECK.psuSustainedMaxFraction
  ) {
    blockers.push(
      `PSU: ${budget.sustainedW} W sustained with this card is over ${Math.round(CHECK.psuSustainedMaxFraction * 100)}% of ${input.psuWatts} W`,
    );
  }
  return blockers;
}

export function rankUpgrades(input: UpgradeInput): UpgradeResult {
  const base = best(plan(input.request).strategies);
  const baseRate = base?.decodeTokPerSec?.expected ?? 0;
  const slot = freeSlot(input.profile);
  const nextIndex = Math.max(-1, ...input.request.machine.gpus.map((g) => g.index)) + 1;
  const options = GPU_CATALOG.filter((spec) => spec.vendor !== 'apple').map((spec): UpgradeOption => {
    const machine = withCard(input.request.machine, gpuFromSpec(nextIndex, spec, null, slot.link));
    const chosen = best(plan({ ...input.request, machine }).strategies);
    const rate = chosen?.decodeTokPerSec?.expected ?? null;
    const priceUsd = input.priceOverrides?.[spec.id] ?? spec.price?.usedUsd ?? spec.price?.newUsd ?? null;
    const gain = rate !== null ? rate - baseRate : null;
    const blockers = blockersFor(input, spec, slot, machine);
    if (!chosen) blockers.push('the model still does not fit');
    return {
      gpu: spec.name,
      gpuId: spec.id,
      priceUsd,
      feasible: blockers.length === 0,
      blockers,
      strategy: chosen?.id ?? null,
      decodeTokPerSec: rate,
      decodeRange: chosen?.decodeTokPerSec ?? null,
      gainPerDollar: priceUsd && gain !== null && gain > 0 ? (gain / priceUsd) * 1000 : null,
    };
  });
  const key = (o: UpgradeOption) => (o.feasible ? 1e6 : 0) + (o.gainPerDollar ?? -1);
  return {
    baseline: {
      strategy: base?.id ?? null,
      decodeTokPerSec: base?.decodeTokPerSec?.expected ?? null,
      decodeRange: base?.decodeTokPerSec ?? null,
    },
    options: options.sort((a, b) => key(b) - key(a)),
  };
}
