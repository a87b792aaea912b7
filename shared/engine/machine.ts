/**
 * The machine as the engine needs it: per GPU its usable memory, bandwidth and link, how each pair
 * of GPUs talks, and the system RAM available for offload. Built from a scanned profile (values
 * joined to the GPU catalog, or the card the user said a GPU is when the capture did not name it) or
 * from GPU names typed on the command line.
 */
import type { GpuSpec } from '../catalog/types';
import { cardNameKey } from '../catalog/custom-gpu';
import { findGpu } from '../catalog/gpu-lookup';
import { gpuById } from '../catalog/gpus/index';
import { findCpuFamily } from '../catalog/cpus';
import { linkLookup, type GpuLinkKind, type GpuProfile, type HardwareProfile } from '../hardware/profile';
import {
  captureNamedGpu,
  catalogCardOf,
  GpuIdentityError,
  UnidentifiedGpuError,
  type GpuIdentity,
  type UnplannableGpu,
} from './gpu-identity';
import type { RigCalibration } from './rig-calibration';
import { enteredSlotNote, inEnteredSlot, type SlotAttachment, type SlotPlacement } from './slot-placement';
import { ENGINE, PCIE_LANE_GBS, type MemoryClass } from './thresholds';
import type { UserInput } from './user-inputs';

/** Something the numbers rest on that was not measured, and the inputs that would replace it. */
export interface Assumption {
  /** Stable id: `ram.bandwidth`, `ram.size`, `links.default`, `slot.gpu1`, `identity.gpu0`, `power.gpu0`. */
  readonly id: string;
  /** What was assumed, in words (no front-end field or flag names: each front end adds its own). */
  readonly text: string;
  /** The inputs that replace the assumption. */
  readonly inputs: readonly UserInput[];
}

/** A GPU's power limit as the user set it (`nvidia-smi -pl`), W. */
export interface PowerLimitEntry {
  readonly gpuIndex: number;
  readonly watts: number;
}

/** Where a GPU's power limit comes from. */
export type PowerSource = 'measured' | 'entered' | 'catalog' | 'max';

export interface GpuPowerInfo {
  /** The limit in force, W: entered, else measured, else the catalog board power, else the highest settable limit. */
  readonly limitW: number | null;
  readonly source: PowerSource | null;
  /** The default limit, W (what speed measurements are made at). */
  readonly defaultW: number | null;
  /** The highest settable limit, W, when the driver reports it. */
  readonly maxW: number | null;
}

export interface EngineGpu {
  readonly index: number;
  readonly name: string;
  readonly spec: GpuSpec | null;
  readonly vendor: 'nvidia' | 'amd' | 'intel' | 'apple' | 'other';
  /** Memory a runtime may use, MiB (Apple: the GPU's share of unified memory). */
  readonly capacityMiB: number;
  /** Memory bandwidth, GB/s; null when the card is not in the catalog. */
  readonly bandwidthGBs: number | null;
  readonly fp16Tflops: number | null;
  readonly computeCapability: string | null;
  readonly memoryClass: MemoryClass;
  /**
   * Host link used for estimates: generation × lanes (the maximum, since idle links train down); the
   * link in the slot the user entered (`placement`) when there is one.
   */
  readonly pcie: { readonly gen: number; readonly lanes: number } | null;
  /** Where `pcie` comes from: the scan, the slot the user entered, or the card's own interface (catalog). */
  readonly linkSource: 'measured' | 'entered' | 'catalog' | null;
  /** CPU- or chipset-attached: entered, else as the probe found it; null when unknown. */
  readonly attachment: SlotAttachment | null;
  readonly power: GpuPowerInfo;
  /** The slot the user entered for this card; it wins over the measured link (slot-placement.ts). */
  readonly placement?: SlotPlacement;
  /** Which machine of a multi-node cluster holds the card (0 = this one, the head); absent = 0. */
  readonly node?: number;
  /** The card's index on its own machine (for `CUDA_VISIBLE_DEVICES` there); absent = `index`. */
  readonly localIndex?: number;
}

export type InterconnectKind = 'nvlink' | 'pcie-p2p' | 'pcie-host' | 'xgmi' | 'unified' | 'network';

/** Whether two GPUs can read each other's memory directly over PCIe. */
export type P2pStatus = 'yes' | 'no' | 'unknown';

export interface EngineLink {
  readonly a: number;
  readonly b: number;
  readonly kind: InterconnectKind;
  /** Per-direction bandwidth, GB/s. */
  readonly bandwidthGBs: number;
  /** The topology code as nvidia-smi printed it, when known. */
  readonly topoKind: GpuLinkKind | null;
  /** Peer-to-peer over PCIe: measured (`topo -p2p r`), or from the catalog; NVLink counts as yes. */
  readonly p2p: P2pStatus;
  /** Where the link kind comes from: the scan, the user (`link` input), or an assumption. */
  readonly source: 'measured' | 'entered' | 'assumed';
  /** One-way small-message latency, µs (network links only). */
  readonly latencyUs?: number;
}

export interface EngineMachine {
  readonly gpus: readonly EngineGpu[];
  readonly links: readonly EngineLink[];
  readonly ramMiB: number | null;
  /** System RAM bandwidth for CPU offload, GB/s. */
  readonly ramBandwidthGBs: number;
  /** What was assumed rather than known (shown with every plan). */
  readonly assumptions: readonly Assumption[];
  /** The link between the cards the user entered (NVLink, or every card's PCIe link), when one was. */
  readonly enteredLink?: LinkOverride | null;
  /** Machines in a multi-node cluster (1 for one machine), and the network between them. */
  readonly nodeCount?: number;
  readonly network?: NetworkSpec | null;
  /** The machine's own measured runs, which its plans are calibrated on (absent/null: none, or turned off). */
  readonly calibration?: RigCalibration | null;
}

/** A network between the machines of a cluster (cluster.ts has the table). */
export interface NetworkSpec {
  readonly id: string;
  readonly name: string;
  /** Usable per-direction bandwidth, GB/s. */
  readonly bandwidthGBs: number;
  /** One-way small-message latency, µs. */
  readonly latencyUs: number;
  readonly source: string;
}

/** The GPUs of one machine of the cluster (node 0 is this machine). */
export const gpusOnNode = (machine: EngineMachine, node: number): EngineGpu[] =>
  machine.gpus.filter((g) => (g.node ?? 0) === node);

export type LinkOverride =
  | { readonly kind: 'nvlink' }
  | {
      readonly kind: 'pcie';
      readonly gen: number;
      readonly lanes: number;
      /** Set when the entry named no width (`pcie4`): read as x16, and said so. */
      readonly widthAssumed?: boolean;
    };

/** `pcie4x8`, `pcie3x16`, `nvlink`, or `pcie4` (read as x16) → a link override; null when not understood. */
export function parseLinkOption(text: string): LinkOverride | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/^pcie\s*(?:gen)?\s*/, 'pcie');
  if (t === 'nvlink') return { kind: 'nvlink' };
  const m = /^pcie([1-6])(?:\.0)?(?:\s*x(1|2|4|8|16))?$/.exec(t);
  if (!m) return null;
  return m[2]
    ? { kind: 'pcie', gen: Number(m[1]), lanes: Number(m[2]) }
    : { kind: 'pcie', gen: Number(m[1]), lanes: 16, widthAssumed: true };
}

/** The note a link entered without a width carries. */
export function linkWidthNote(link: LinkOverride | null): Assumption | null {
  if (link?.kind !== 'pcie' || !link.widthAssumed) return null;
  return {
    id: 'links.width-assumed',
    text: `PCIe ${link.gen}.0 entered without a width: read as x16, the width of a full-length slot wired to the CPU. A chipset slot is often x4 — enter pcie${link.gen}x4 (or the slot) if yours is`,
    inputs: ['link'],
  };
}

export const pcieGBs = (link: { gen: number; lanes: number } | null): number | null =>
  link ? (PCIE_LANE_GBS[link.gen] ?? 0) * link.lanes : null;

type Link = EngineGpu['pcie'];

/**
 * The host link a scanned GPU has, as the planner and the slots check both read it: the highest
 * generation (idle cards train down to Gen1, so the current one says little) at the current width
 * (the width the slot gave it: an x16 card in an x4-wired slot reports Max x16, Current x4).
 */
export function measuredHostLink(g: Pick<GpuProfile, 'pcie'> | undefined): Link {
  const gen = g?.pcie.genMax ?? g?.pcie.genCurrent ?? null;
  const current = g?.pcie.widthCurrent ?? null;
  const max = g?.pcie.widthMax ?? null;
  const lanes = current !== null && current > 0 ? (max !== null ? Math.min(current, max) : current) : max;
  return gen === null || lanes === null ? null : { gen, lanes };
}

function memoryClassOf(spec: GpuSpec | null, vendor: EngineGpu['vendor']): MemoryClass {
  if (vendor === 'apple') return 'apple';
  // HBM parts: datacenter cards above ~1.2 TB/s (A100, H100, MI2xx/3xx); L40S/A40/L4 are GDDR.
  return spec && spec.segment === 'datacenter' && spec.memoryBandwidthGBs >= 1200 ? 'hbm' : 'gddr';
}

const specLink = (spec: GpuSpec | null): Link =>
  spec?.pcieGen && spec.pcieLanes ? { gen: spec.pcieGen, lanes: spec.pcieLanes } : null;

/** A catalog card as the engine sees it (capacity from the catalog unless the driver reported it). */
export function gpuFromSpec(index: number, spec: GpuSpec, capacityMiB: number | null, pcie: Link): EngineGpu {
  const unified = spec.vendor === 'apple';
  // A GPU on the system's own memory (DGX Spark's GB10) shares it with the CPU and the OS.
  const sharedMemory = !unified && spec.cooler === 'integrated';
  const rawMiB = (capacityMiB ?? spec.vramGiB * 1024) * (sharedMemory ? ENGINE.sharedMemoryGpuFraction : 1);
  return {
    index,
    name: spec.name,
    spec,
    vendor: spec.vendor,
    capacityMiB: Math.floor(unified ? rawMiB * ENGINE.appleGpuMemoryFraction : rawMiB),
    bandwidthGBs: spec.memoryBandwidthGBs,
    fp16Tflops: spec.fp16Tflops,
    computeCapability: spec.computeCapability,
    memoryClass: memoryClassOf(spec, spec.vendor),
    pcie: pcie ?? specLink(spec),
    linkSource: pcie ? 'entered' : specLink(spec) ? 'catalog' : null,
    attachment: null,
    power: {
      limitW: spec.boardPowerW,
      source: 'catalog',
      defaultW: spec.boardPowerW,
      maxW: null,
    },
  };
}

/** The scanned power limits over the catalog's, and the user's entry over both. */
function withPower(gpu: EngineGpu, seen: GpuProfile | null, entered: PowerLimitEntry | undefined): EngineGpu {
  const board = gpu.spec?.boardPowerW ?? null;
  const measured = seen?.powerLimitW ?? null;
  const max = seen?.powerMaxW ?? null;
  const limitW = entered?.watts ?? measured ?? board ?? max;
  const source: PowerSource | null = entered
    ? 'entered'
    : measured !== null
      ? 'measured'
      : board !== null
        ? 'catalog'
        : max !== null
          ? 'max'
          : null;
  return { ...gpu, power: { limitW, source, defaultW: seen?.powerDefaultW ?? board, maxW: max } };
}

/** `topo -p2p` codes: OK, or a reason it is not supported (NS, CNS, GNS, TNS, DR); U = unknown. */
const p2pFromTopo = (code: string): P2pStatus => (code === 'OK' ? 'yes' : code === 'U' ? 'unknown' : 'no');

/** Whether a card has an NVLink connector (a bridge or SXM); unknown cards are taken at the user's word. */
export const canBridge = (g: EngineGpu): boolean =>
  !g.spec ||
  g.spec.nvlink === 'bridge' ||
  g.spec.nvlink === 'sxm' ||
  g.spec.unsourcedFields?.includes('nvlink') === true;

/** How two GPUs talk: NVLink when bridged, else PCIe with or without peer-to-peer. */
export function pairLink(
  a: EngineGpu,
  b: EngineGpu,
  override: LinkOverride | null,
  topo: GpuLinkKind | null,
  p2p: string | null,
): EngineLink {
  // An NVLink the user entered counts only between cards that have the connector (catalog `nvlink`);
  // the NVLink check says when it was set aside.
  const entered = override?.kind === 'nvlink' && canBridge(a) && canBridge(b);
  const bridged = entered || (topo !== null && topo.startsWith('NV'));
  const source = entered ? 'entered' : topo !== null || p2p !== null ? 'measured' : 'assumed';
  if (a.vendor === 'apple')
    return {
      a: a.index,
      b: b.index,
      kind: 'unified',
      bandwidthGBs: a.bandwidthGBs ?? 100,
      topoKind: topo,
      p2p: 'yes',
      source,
    };
  if (bridged) {
    const perGpu = Math.min(a.spec?.nvlinkGBs ?? 112.5, b.spec?.nvlinkGBs ?? 112.5);
    return {
      a: a.index,
      b: b.index,
      kind: 'nvlink',
      bandwidthGBs: perGpu / 2,
      topoKind: topo,
      p2p: 'yes',
      source,
    };
  }
  const bw = Math.min(pcieGBs(a.pcie) ?? 15.75, pcieGBs(b.pcie) ?? 15.75);
  const specs = [a.spec?.p2pOverPcie ?? null, b.spec?.p2pOverPcie ?? null];
  const status: P2pStatus =
    p2p !== null && p2p !== 'U'
      ? p2pFromTopo(p2p)
      : specs.includes(false)
        ? 'no'
        : specs.every((x) => x === true)
          ? 'yes'
          : 'unknown';
  // Without P2P every transfer bounces through host memory: two trips over the links. Unknown P2P is
  // planned as none (the slower case) and the P2P check says how to find out.
  return {
    a: a.index,
    b: b.index,
    kind: status === 'yes' ? 'pcie-p2p' : 'pcie-host',
    bandwidthGBs: status === 'yes' ? bw : bw / 2,
    topoKind: topo,
    p2p: status,
    source,
  };
}

export function allPairs(
  gpus: readonly EngineGpu[],
  make: (a: EngineGpu, b: EngineGpu) => EngineLink,
): EngineLink[] {
  const out: EngineLink[] = [];
  for (let i = 0; i < gpus.length; i += 1)
    for (let j = i + 1; j < gpus.length; j += 1) out.push(make(gpus[i]!, gpus[j]!));
  return out;
}

export interface NamedMachineOptions {
  readonly gpuNames: readonly string[];
  readonly link?: LinkOverride | null;
  /** Where each card sits, as entered; for its card it wins over a PCIe `link`. */
  readonly slots?: readonly SlotPlacement[];
  readonly ramGiB?: number | null;
  readonly ramGBs?: number | null;
  /** Power limits the user set, by GPU index. */
  readonly powerLimits?: readonly PowerLimitEntry[];
}

/** The user's power limit for this GPU, if any. */
const limitFor = (limits: readonly PowerLimitEntry[] | undefined, index: number) =>
  limits?.find((l) => l.gpuIndex === index);

/** The card in its entered slot, with its attachment as entered (over the scanned one). */
function placed(gpu: EngineGpu, card: Link, slots: readonly SlotPlacement[] | undefined): EngineGpu {
  const moved = inEnteredSlot(gpu, card, slots);
  if (!moved.placement) return moved;
  const p = moved.placement;
  return {
    ...moved,
    attachment: p.attachment ?? moved.attachment,
    linkSource: p.gen !== null || p.lanes !== null ? 'entered' : moved.linkSource,
  };
}

function enteredLimitNotes(gpus: readonly EngineGpu[]): Assumption[] {
  return gpus
    .filter((g) => g.power.source === 'entered')
    .map((g) => ({
      id: `power.gpu${g.index}`,
      text: `GPU ${g.index} at the ${g.power.limitW} W power limit you entered${g.power.defaultW ? ` (default ${g.power.defaultW} W)` : ''}`,
      inputs: ['powerLimit'] as const,
    }));
}

/** Machine described by card names (`--gpu "RTX 3090" --gpu 3090 --link pcie4x8`). Throws on an unknown name. */
export function machineFromNames(
  options: NamedMachineOptions,
  resolve: (name: string) => GpuSpec = requireGpu,
): EngineMachine {
  const override = options.link ?? null;
  const pcie = override?.kind === 'pcie' ? { gen: override.gen, lanes: override.lanes } : null;
  const gpus = options.gpuNames.map((name, i) => {
    const spec = resolve(name);
    const gpu = withPower(gpuFromSpec(i, spec, null, pcie), null, limitFor(options.powerLimits, i));
    return placed(gpu, specLink(spec), options.slots);
  });
  const assumptions: Assumption[] = gpus.flatMap((g) => slotNote(g, null));
  if (!override && gpus.length > 1)
    assumptions.push({
      id: 'links.default',
      text: gpus.every((g) => g.placement && (g.placement.gen ?? g.placement.lanes) !== null)
        ? 'GPU links: PCIe through the slots you entered, without NVLink'
        : 'GPU links: each card at its own PCIe generation and full width, without NVLink',
      inputs: ['link', 'slot'],
    });
  assumptions.push(...gpus.flatMap((g) => (g.spec?.custom ? [customGpuNote(g.index, g.spec)] : [])));
  assumptions.push(...enteredLimitNotes(gpus));
  const widthNote = linkWidthNote(override);
  if (widthNote) assumptions.push(widthNote);
  const ram = ramBandwidth(options.ramGBs ?? null, null, null, assumptions);
  if (!options.ramGiB)
    assumptions.push({
      id: 'ram.size',
      text: 'system RAM size unknown: CPU offload is not limited by it',
      inputs: ['ramGiB'],
    });
  return {
    gpus,
    links: allPairs(gpus, (a, b) => pairLink(a, b, override, null, null)),
    enteredLink: override,
    ramMiB: options.ramGiB ? options.ramGiB * 1024 : null,
    ramBandwidthGBs: ram,
    assumptions,
  };
}

export class UnknownGpuError extends Error {
  override readonly name = 'UnknownGpuError';
}

export function requireGpu(name: string): GpuSpec {
  const spec = findGpu(name);
  if (!spec) throw new UnknownGpuError(name);
  return spec;
}

function ramBandwidth(
  explicit: number | null,
  profile: HardwareProfile | null,
  channels: number | null,
  assumptions: Assumption[],
): number {
  if (explicit) return explicit;
  const dimms = profile?.memory.dimms ?? [];
  const speed = dimms.find((d) => d.speedMTs)?.speedMTs ?? null;
  if (speed && channels) {
    const used = Math.min(channels, Math.max(1, dimms.length));
    assumptions.push({
      id: 'ram.bandwidth',
      text: `RAM bandwidth ${((used * speed * 8) / 1000).toFixed(1)} GB/s from ${used} channel(s) × ${speed} MT/s (DIMM count and the CPU's channels)`,
      inputs: ['ramGBs'],
    });
    return (used * speed * 8) / 1000;
  }
  assumptions.push({
    id: 'ram.bandwidth',
    text: `RAM bandwidth unknown: assumed ${ENGINE.defaultRamGBs} GB/s (dual-channel DDR4-3200)`,
    inputs: ['ramGBs'],
  });
  return ENGINE.defaultRamGBs;
}

/** The slot note for the assumptions list, as an Assumption. */
function slotNote(gpu: EngineGpu, measured: Link): Assumption[] {
  return enteredSlotNote(gpu, measured).map((text) => ({
    id: `slot.gpu${gpu.index}`,
    text,
    inputs: ['slot'] as const,
  }));
}

/**
 * The catalog card each identity names, by GPU index; throws `GpuIdentityError` for an identity that
 * cannot apply. One for a GPU the catalog already knows is refused rather than ignored: the capture
 * measured that card, and a silent override would plan a different machine than the one scanned.
 */
function identifiedSpecs(
  profile: HardwareProfile,
  identities: readonly GpuIdentity[],
  customs: readonly GpuSpec[],
): Map<number, GpuSpec> {
  const out = new Map<number, GpuSpec>();
  for (const identity of identities) {
    const gpu = profile.gpus.find((g) => g.index === identity.gpuIndex);
    if (!gpu)
      throw new GpuIdentityError(
        `GPU ${identity.gpuIndex} is not on this machine (it has ${profile.gpus.map((g) => `GPU ${g.index}`).join(', ')})`,
      );
    const known = catalogCardOf(gpu);
    if (known)
      throw new GpuIdentityError(
        `GPU ${gpu.index} is ${gpu.name} as the capture named it (the catalog's ${known.name}); only a GPU the catalog does not know can be identified`,
      );
    if (out.has(gpu.index)) throw new GpuIdentityError(`GPU ${gpu.index} is identified twice`);
    const spec =
      gpuById(identity.gpuId) ?? customs.find((c) => c.id === identity.gpuId || c.name === identity.gpuId);
    if (!spec)
      throw new GpuIdentityError(`"${identity.gpuId}" is not a GPU catalog id or a card you described`);
    out.set(gpu.index, spec);
  }
  return out;
}

/** A detected GPU the catalog does not know: measured values only (its memory must be known). */
function uncataloguedGpu(g: GpuProfile, vramMiB: number, pcie: Link): EngineGpu {
  return {
    index: g.index,
    name: g.name,
    spec: null,
    vendor: g.vendor,
    capacityMiB: vramMiB,
    bandwidthGBs: null,
    fp16Tflops: null,
    computeCapability: g.computeCapability,
    memoryClass: 'gddr',
    pcie,
    linkSource: pcie ? 'measured' : null,
    attachment: null,
    power: { limitW: null, source: null, defaultW: null, maxW: null },
  };
}

export interface ProfileMachineOptions {
  readonly link?: LinkOverride | null;
  readonly ramGBs?: number | null;
  readonly slots?: readonly SlotPlacement[];
  /** Which card each GPU is that the catalog does not know (unnamed, or named but unknown), as the user said. */
  readonly identities?: readonly GpuIdentity[];
  /** Power limits the user set, by GPU index (over the measured ones). */
  readonly powerLimits?: readonly PowerLimitEntry[];
  /**
   * Cards the user described by their numbers (custom-gpu.ts): a detected GPU with that name, or one
   * an identity names, is planned with them.
   */
  readonly customGpus?: readonly GpuSpec[];
}

/** The entered card a detected name refers to (same words, case and spacing ignored; or the name contains it). */
function customFor(name: string, customs: readonly GpuSpec[]): GpuSpec | undefined {
  const key = cardNameKey(name);
  return (
    customs.find((c) => cardNameKey(c.name) === key) ?? customs.find((c) => key.includes(cardNameKey(c.name)))
  );
}

/** The assumption a card planned with the user's numbers carries. */
function customGpuNote(index: number, spec: GpuSpec): Assumption {
  return {
    id: `custom.gpu${index}`,
    text: `GPU ${index}: planned with the numbers you entered for ${spec.name} (${spec.sources[0]?.says ?? ''})`,
    inputs: ['gpuModel'],
  };
}

/** The card's own link (catalog, else as measured), its generation capped by the measured one. */
function cardLink(spec: Link, measured: Link): Link {
  if (!spec || !measured) return spec ?? measured;
  return { gen: Math.min(spec.gen, measured.gen), lanes: spec.lanes };
}

/** A scanned GPU as the engine sees it, before slots and power: catalog card, identified card, or measured only. */
function detectedGpu(
  g: GpuProfile,
  said: GpuSpec | undefined,
  pcie: Link,
  assumptions: Assumption[],
  unplannable: UnplannableGpu[],
): EngineGpu | null {
  // Values the scan measured win over the catalog's: the link as the card trained in this slot, the
  // compute capability the driver reports.
  const measured = (gpu: EngineGpu): EngineGpu => ({
    ...gpu,
    index: g.index,
    linkSource: pcie ? 'measured' : gpu.linkSource,
    attachment: g.attachment === 'unknown' ? null : g.attachment,
    computeCapability: g.computeCapability ?? gpu.computeCapability,
  });
  if (said) {
    assumptions.push(
      said.custom
        ? customGpuNote(g.index, said)
        : {
            id: `identity.gpu${g.index}`,
            text: captureNamedGpu(g)
              ? `GPU ${g.index}: you said ${said.name} (the capture named it ${g.name}, which the catalog does not know)`
              : `GPU ${g.index}: you said ${said.name} (the capture did not name it)`,
            inputs: ['gpuModel'],
          },
    );
    return measured(gpuFromSpec(g.index, said, g.vramMiB, pcie));
  }
  const spec = catalogCardOf(g);
  if (spec) return { ...measured(gpuFromSpec(g.index, spec, g.vramMiB, pcie)), name: g.name };
  if (!g.vramMiB) {
    unplannable.push({ index: g.index, name: g.name, named: captureNamedGpu(g) });
    return null;
  }
  assumptions.push({
    id: `uncatalogued.gpu${g.index}`,
    text: `GPU ${g.index}: ${g.name} is not in the GPU catalog: its memory bandwidth is unknown, so its speed is not predicted until you describe the card (memory, bandwidth, board power)`,
    inputs: ['gpuSpec'],
  });
  return measured(uncataloguedGpu(g, g.vramMiB, pcie));
}

/**
 * Machine from a scanned profile: each GPU joined to the catalog by PCI id, then name and memory, or
 * as the user identified it. Throws `UnidentifiedGpuError` when a GPU's memory is unknown (neither
 * reported, nor known from the catalog): planning it as 0 GiB would be a guess.
 */
export function machineFromProfile(
  profile: HardwareProfile,
  options: ProfileMachineOptions = {},
): EngineMachine {
  const assumptions: Assumption[] = [];
  const customs = options.customGpus ?? [];
  const identified = identifiedSpecs(profile, options.identities ?? [], customs);
  const measured = profile.gpus.map((g) => measuredHostLink(g));
  const unplannable: UnplannableGpu[] = [];
  const detected = profile.gpus.map((g, i) =>
    detectedGpu(
      g,
      identified.get(g.index) ?? customFor(g.name, customs),
      measured[i] ?? null,
      assumptions,
      unplannable,
    ),
  );
  if (unplannable.length > 0) throw new UnidentifiedGpuError(unplannable);
  // An entered slot replaces the measured link: the card in that slot. A half the user did not enter
  // comes from the card's interface, its generation capped by the measured one (nvidia-smi's Max includes
  // the host's limit: a Gen4 card on a Gen3 board stays Gen3). The measured width is the slot the card is
  // in now, not the one entered, so it does not cap. The assumptions list shows what was planned.
  const gpus = detected.flatMap((g, i) => {
    if (!g) return [];
    const seen = profile.gpus[i] ?? null;
    const powered = withPower(g, seen, limitFor(options.powerLimits, g.index));
    return [placed(powered, cardLink(specLink(g.spec), measured[i] ?? null), options.slots)];
  });
  assumptions.push(
    ...gpus.flatMap((g) => slotNote(g, measured[profile.gpus.findIndex((p) => p.index === g.index)] ?? null)),
  );
  assumptions.push(...enteredLimitNotes(gpus));
  const widthNote = linkWidthNote(options.link ?? null);
  if (widthNote) assumptions.push(widthNote);
  const topo = linkLookup(profile.gpuLinks);
  const cpu = profile.cpu.model ? findCpuFamily(profile.cpu.model) : null;
  return {
    gpus,
    links: allPairs(gpus, (a, b) => {
      const t = topo(a.index, b.index);
      return pairLink(a, b, options.link ?? null, t && t.kind !== 'UNKNOWN' ? t.kind : null, t?.p2p ?? null);
    }),
    enteredLink: options.link ?? null,
    ramMiB: profile.memory.totalMiB,
    ramBandwidthGBs: ramBandwidth(options.ramGBs ?? null, profile, cpu?.memoryChannels ?? null, assumptions),
    assumptions,
  };
}
