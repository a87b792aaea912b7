/**
 * The power budget of a rig: each GPU's limit (measured, else catalog board power), the CPU (a
 * stated class assumption), the rest of the system, transient peaks, and the PSU cables the cards
 * need. Pure arithmetic; `check-power.ts` turns it into checks.
 */
import { findCpuFamily } from '../../catalog/cpus';
import type { HardwareProfile } from '../../hardware/profile';
import { gpusOnNode, type EngineGpu, type EngineMachine, type PowerSource } from '../machine';
import { CHECK } from './check-thresholds';

export interface GpuPower {
  readonly index: number;
  readonly name: string;
  readonly vendor: EngineGpu['vendor'];
  /**
   * Power limit in force, W: the user's, else measured (nvidia-smi), else the catalog board power,
   * else the highest settable limit the driver reports (an upper bound); null when none is known.
   */
  readonly limitW: number | null;
  readonly limitSource: PowerSource | null;
  /** Default limit, W (what tokens/s estimates were made at). */
  readonly defaultW: number | null;
  /** Highest settable limit, W, when the driver reports it. */
  readonly maxW: number | null;
  /** Short transient peak at the limit in force, W, and where it comes from; null when unmeasured for this card. */
  readonly peakW: number | null;
  readonly peakSource: string | null;
}

export interface PowerBudget {
  readonly gpus: readonly GpuPower[];
  readonly cpuW: number;
  /** The CPU figure in words, e.g. `150 W CPU (assumed …)` (always an assumption by class). */
  readonly cpuLabel: string;
  readonly restW: number;
  /** Σ GPU limits + CPU + rest, W; null when a GPU's power is unknown. */
  readonly sustainedW: number | null;
  /** Σ GPU peaks + CPU + rest, W; null when a GPU's peak is unknown. */
  readonly peakW: number | null;
}

/**
 * A card's transient peak at its default limit: measured (catalog), or the RTX 30 spike ratio.
 * ASSUMPTION: spikes scale with the power limit in force (the limit caps the average the boost
 * algorithm targets); reviews measure peaks at the default limit only.
 */
function peakAtDefault(gpu: EngineGpu): { peakW: number; peakSource: string } | null {
  const spec = gpu.spec;
  if (spec?.transientPeakW) return { peakW: spec.transientPeakW, peakSource: 'measured, catalog' };
  if (spec && spec.arch === 'Ampere' && spec.segment === 'consumer')
    return {
      peakW: Math.round(spec.boardPowerW * CHECK.ampereGeforceTransientFactor),
      peakSource: 'RTX 30 spike ratio',
    };
  return null;
}

/** One GPU's power at `limitW` (its limit in force unless another is given). */
export function gpuPowerAt(gpu: EngineGpu, limitW: number | null = gpu.power.limitW): GpuPower {
  const peak = peakAtDefault(gpu);
  const def = gpu.power.defaultW;
  const scaled =
    peak && limitW !== null && def ? Math.round((peak.peakW * limitW) / def) : (peak?.peakW ?? null);
  const atLimit = peak && limitW !== null && def && limitW !== def;
  return {
    index: gpu.index,
    name: gpu.name,
    vendor: gpu.vendor,
    limitW,
    limitSource: limitW === gpu.power.limitW ? gpu.power.source : 'entered',
    defaultW: def,
    maxW: gpu.power.maxW,
    peakW: scaled,
    peakSource: peak ? `${peak.peakSource}${atLimit ? `, scaled to the ${limitW} W limit` : ''}` : null,
  };
}

const HEDT = /threadripper|epyc|xeon/i;

/** CPU power by class: the catalog has no TDPs, so this is always a stated assumption. */
export function cpuPower(profile: HardwareProfile | null): { watts: number; label: string } {
  const model = profile?.cpu.model ?? null;
  const family = model ? findCpuFamily(model) : null;
  if (family?.vendor === 'apple') return { watts: 0, label: 'Apple silicon (counted in the SoC)' };
  if (family && HEDT.test(family.name))
    return {
      watts: CHECK.cpuHedtW,
      label: `${CHECK.cpuHedtW} W CPU (assumed for the HEDT/server class ${family.name})`,
    };
  if (family)
    return {
      watts: CHECK.cpuDesktopW,
      label: `${CHECK.cpuDesktopW} W CPU (assumed for the desktop class ${family.name})`,
    };
  const what = model ? `"${model}" is not in the CPU catalog` : 'CPU unknown';
  return {
    watts: CHECK.cpuDesktopW,
    label: `${CHECK.cpuDesktopW} W CPU (assumed desktop class: ${what}; HEDT/server ~${CHECK.cpuHedtW} W)`,
  };
}

const sumOrNull = (xs: readonly (number | null)[]): number | null =>
  xs.some((x) => x === null) ? null : xs.reduce<number>((a, x) => a + (x ?? 0), 0);

/** The budget from each GPU's power: sustained at the limits, peaks at the limits, CPU and the rest. */
export function budgetOf(gpus: readonly GpuPower[], profile: HardwareProfile | null): PowerBudget {
  const cpu = cpuPower(profile);
  const base = cpu.watts + CHECK.restOfSystemW;
  const sustained = sumOrNull(gpus.map((g) => g.limitW));
  const peaks = sumOrNull(gpus.map((g) => g.peakW));
  return {
    gpus,
    cpuW: cpu.watts,
    cpuLabel: cpu.label,
    restW: CHECK.restOfSystemW,
    sustainedW: sustained === null ? null : sustained + base,
    peakW: peaks === null ? null : peaks + base,
  };
}

/**
 * The power budget of this machine's own PSU: its GPUs (the other machines of a cluster have their
 * own supplies) at the limits in force, the CPU by class (from the profile), and the rest.
 */
export function powerBudget(profile: HardwareProfile | null, machine: EngineMachine): PowerBudget {
  return budgetOf(
    gpusOnNode(machine, 0).map((g) => gpuPowerAt(g)),
    profile,
  );
}

export interface CableNeed {
  /** 8-pin PCIe cables (6-pin counted as one 6+2 cable), including adapters for 12VHPWR cards without a native cable. */
  readonly eightPin: number;
  /** Native 12VHPWR / 12V-2x6 cables used. */
  readonly native12v: number;
  /** Per card, in words. */
  readonly perCard: readonly string[];
  /** Cards whose connectors are not known (names). */
  readonly unknown: readonly string[];
}

/** 8-pin cables an adapter needs for a 12VHPWR card: its power above the slot's 75 W, 150 W per cable. */
const adapterCables = (boardW: number): number =>
  Math.max(1, Math.ceil((boardW - CHECK.slotW) / CHECK.pcie8PinW));

function cardNeed(gpu: EngineGpu): { eight: number; hv: number; text: string } | null {
  const spec = gpu.spec;
  if (!spec || spec.unsourcedFields?.includes('powerConnectors') || spec.powerConnectors.length === 0)
    return null;
  let eight = 0;
  let hv = 0;
  for (const c of spec.powerConnectors) {
    if (c.type === '8-pin' || c.type === '6-pin') eight += c.count;
    else if (c.type === '12-pin') eight += c.count * CHECK.twelvePinCables;
    else if (c.type === '12VHPWR' || c.type === '12V-2x6') hv += c.count;
    else if (c.type === 'EPS-8') return null;
  }
  const text = spec.powerConnectors.map((c) => `${c.count}× ${c.type}`).join(' + ');
  return { eight, hv, text: `GPU ${gpu.index} ${spec.name}: ${text}` };
}

/** Cables the cards need, giving native 12VHPWR cables to 12VHPWR cards first, adapters for the rest. */
export function cablesNeeded(machine: EngineMachine, native12vAvailable: number): CableNeed {
  let free12v = native12vAvailable;
  let eightPin = 0;
  let native12v = 0;
  const perCard: string[] = [];
  const unknown: string[] = [];
  for (const gpu of gpusOnNode(machine, 0)) {
    const need = cardNeed(gpu);
    if (!need) {
      if (gpu.vendor !== 'apple' && gpu.spec?.cooler !== 'sxm') unknown.push(`GPU ${gpu.index} ${gpu.name}`);
      continue;
    }
    const native = Math.min(need.hv, free12v);
    const cables = need.eight + (need.hv - native) * adapterCables(gpu.spec?.boardPowerW ?? 600);
    free12v -= native;
    native12v += native;
    eightPin += cables;
    const parts = [cables > 0 ? `${cables} 8-pin` : '', native > 0 ? `${native} native 12VHPWR` : ''];
    perCard.push(`${need.text} → ${parts.filter(Boolean).join(' + ') || 'no cables'}`);
  }
  return { eightPin, native12v, perCard, unknown };
}
