/**
 * The power budget of a rig: each GPU's limit (measured, else catalog board power), the CPU (a
 * stated class assumption), the rest of the system, transient peaks, and the PSU cables the cards
 * need. Pure arithmetic; `check-power.ts` turns it into checks.
 */
import { findCpuFamily } from '../../catalog/cpus';
import type { HardwareProfile } from '../../hardware/profile';
import type { EngineGpu, EngineMachine } from '../machine';
import { CHECK } from './check-thresholds';

export interface GpuPower {
  readonly index: number;
  readonly name: string;
  readonly vendor: EngineGpu['vendor'];
  /**
   * Power limit in force, W (nvidia-smi), else the catalog board power, else the highest settable
   * limit the driver reports (an upper bound); null when none is known.
   */
  readonly limitW: number | null;
  readonly limitSource: 'measured' | 'catalog' | 'max' | null;
  /** Default limit, W (what tokens/s estimates were made at). */
  readonly defaultW: number | null;
  /** Highest settable limit, W, when the driver reports it. */
  readonly maxW: number | null;
  /** Short transient peak, W, and where it comes from; null when unmeasured for this card. */
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

function peakOf(gpu: EngineGpu): { peakW: number | null; peakSource: string | null } {
  const spec = gpu.spec;
  if (spec?.transientPeakW) return { peakW: spec.transientPeakW, peakSource: 'measured, catalog' };
  if (spec && spec.arch === 'Ampere' && spec.segment === 'consumer')
    return {
      peakW: Math.round(spec.boardPowerW * CHECK.ampereGeforceTransientFactor),
      peakSource: 'RTX 30 spike ratio',
    };
  return { peakW: null, peakSource: null };
}

function gpuPower(gpu: EngineGpu, profile: HardwareProfile | null): GpuPower {
  const seen = profile?.gpus.find((g) => g.index === gpu.index) ?? null;
  const board = gpu.spec?.boardPowerW ?? null;
  const measured = seen?.powerLimitW ?? null;
  const max = seen?.powerMaxW ?? null;
  return {
    index: gpu.index,
    name: gpu.name,
    vendor: gpu.vendor,
    limitW: measured ?? board ?? max,
    limitSource: measured !== null ? 'measured' : board !== null ? 'catalog' : max !== null ? 'max' : null,
    defaultW: seen?.powerDefaultW ?? board,
    maxW: seen?.powerMaxW ?? null,
    ...peakOf(gpu),
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

export function powerBudget(profile: HardwareProfile | null, machine: EngineMachine): PowerBudget {
  const gpus = machine.gpus.map((g) => gpuPower(g, profile));
  const cpu = cpuPower(profile);
  const base = cpu.watts + CHECK.restOfSystemW;
  const sustained = sumOrNull(gpus.map((g) => g.limitW));
  const peaks = sumOrNull(gpus.map((g) => g.peakW ?? null));
  return {
    gpus,
    cpuW: cpu.watts,
    cpuLabel: cpu.label,
    restW: CHECK.restOfSystemW,
    sustainedW: sustained === null ? null : sustained + base,
    peakW: peaks === null ? null : peaks + base,
  };
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
  for (const gpu of machine.gpus) {
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

/** Estimated share of decode tokens/s lost at `fraction` of the default power limit (linear between sweep points). */
export function decodeLossAt(fraction: number): number {
  const pts = CHECK.powerLimitLoss;
  for (let i = 1; i < pts.length; i += 1) {
    const [hiF, hiL] = pts[i - 1] ?? [1, 0];
    const [loF, loL] = pts[i] ?? [0, 1];
    if (fraction >= loF) return fraction >= hiF ? hiL : loL + ((hiL - loL) * (fraction - loF)) / (hiF - loF);
  }
  return pts.at(-1)?.[1] ?? 1;
}
