/**
 * The machine as the engine needs it: per GPU its usable memory, bandwidth and link, how each pair
 * of GPUs talks, and the system RAM available for offload. Built from a scanned profile (values
 * joined to the GPU catalog, or the card the user said a GPU is when the capture did not name it) or
 * from GPU names typed on the command line.
 */
import type { GpuSpec } from '../catalog/types';
import { findGpu, matchDetectedGpu } from '../catalog/gpu-lookup';
import { gpuById } from '../catalog/gpus/index';
import { findCpuFamily } from '../catalog/cpus';
import type { GpuLinkKind, GpuProfile, HardwareProfile } from '../hardware/profile';
import {
  captureNamedGpu,
  GpuIdentityError,
  UnidentifiedGpuError,
  type GpuIdentity,
  type UnplannableGpu,
} from './gpu-identity';
import { enteredSlotNote, inEnteredSlot, type SlotPlacement } from './slot-placement';
import { ENGINE, PCIE_LANE_GBS, type MemoryClass } from './thresholds';

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
  readonly powerLimitW: number | null;
  /** The slot the user entered for this card; it wins over the measured link (slot-placement.ts). */
  readonly placement?: SlotPlacement;
}

export type InterconnectKind = 'nvlink' | 'pcie-p2p' | 'pcie-host' | 'xgmi' | 'unified';

export interface EngineLink {
  readonly a: number;
  readonly b: number;
  readonly kind: InterconnectKind;
  /** Per-direction bandwidth, GB/s. */
  readonly bandwidthGBs: number;
  /** The topology code as nvidia-smi printed it, when known. */
  readonly topoKind: GpuLinkKind | null;
}

export interface EngineMachine {
  readonly gpus: readonly EngineGpu[];
  readonly links: readonly EngineLink[];
  readonly ramMiB: number | null;
  /** System RAM bandwidth for CPU offload, GB/s. */
  readonly ramBandwidthGBs: number;
  /** What was assumed rather than known, in words (shown with every plan). */
  readonly assumptions: readonly string[];
}

export type LinkOverride =
  { readonly kind: 'nvlink' } | { readonly kind: 'pcie'; readonly gen: number; readonly lanes: number };

/** `pcie4x8`, `pcie3x16`, `nvlink` → a link override; null when not understood. */
export function parseLinkOption(text: string): LinkOverride | null {
  const t = text.trim().toLowerCase();
  if (t === 'nvlink') return { kind: 'nvlink' };
  const m = /^pcie([1-6])x(1|2|4|8|16)$/.exec(t);
  return m ? { kind: 'pcie', gen: Number(m[1]), lanes: Number(m[2]) } : null;
}

export const pcieGBs = (link: { gen: number; lanes: number } | null): number | null =>
  link ? (PCIE_LANE_GBS[link.gen] ?? 0) * link.lanes : null;

function memoryClassOf(spec: GpuSpec | null, vendor: EngineGpu['vendor']): MemoryClass {
  if (vendor === 'apple') return 'apple';
  // HBM parts: datacenter cards above ~1.2 TB/s (A100, H100, MI2xx/3xx); L40S/A40/L4 are GDDR.
  return spec && spec.segment === 'datacenter' && spec.memoryBandwidthGBs >= 1200 ? 'hbm' : 'gddr';
}

/** A catalog card as the engine sees it (capacity from the catalog unless the driver reported it). */
export function gpuFromSpec(
  index: number,
  spec: GpuSpec,
  capacityMiB: number | null,
  pcie: EngineGpu['pcie'],
): EngineGpu {
  const unified = spec.vendor === 'apple';
  const rawMiB = capacityMiB ?? spec.vramGiB * 1024;
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
    pcie: pcie ?? (spec.pcieGen && spec.pcieLanes ? { gen: spec.pcieGen, lanes: spec.pcieLanes } : null),
    powerLimitW: spec.boardPowerW,
  };
}

/** How two GPUs talk: NVLink when bridged, else PCIe with or without peer-to-peer. */
export function pairLink(
  a: EngineGpu,
  b: EngineGpu,
  override: LinkOverride | null,
  topo: GpuLinkKind | null,
  p2p: string | null,
): EngineLink {
  const nvlinkAllowed = override?.kind === 'nvlink' || (topo !== null && topo.startsWith('NV'));
  if (a.vendor === 'apple')
    return { a: a.index, b: b.index, kind: 'unified', bandwidthGBs: a.bandwidthGBs ?? 100, topoKind: topo };
  if (nvlinkAllowed) {
    const perGpu = Math.min(a.spec?.nvlinkGBs ?? 112.5, b.spec?.nvlinkGBs ?? 112.5);
    return { a: a.index, b: b.index, kind: 'nvlink', bandwidthGBs: perGpu / 2, topoKind: topo };
  }
  const bw = Math.min(pcieGBs(a.pcie) ?? 15.75, pcieGBs(b.pcie) ?? 15.75);
  const p2pOk =
    p2p === 'OK' || (p2p === null && a.spec?.p2pOverPcie === true && b.spec?.p2pOverPcie === true);
  // Without P2P every transfer bounces through host memory: two trips over the links.
  return {
    a: a.index,
    b: b.index,
    kind: p2pOk ? 'pcie-p2p' : 'pcie-host',
    bandwidthGBs: p2pOk ? bw : bw / 2,
    topoKind: topo,
  };
}

function allPairs(
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
}

type Link = EngineGpu['pcie'];

const specLink = (spec: GpuSpec | null): Link =>
  spec?.pcieGen && spec.pcieLanes ? { gen: spec.pcieGen, lanes: spec.pcieLanes } : null;

/** Machine described on the command line (`--gpu "RTX 3090" --gpu 3090 --link pcie4x8`). Throws on an unknown name. */
export function machineFromNames(
  options: NamedMachineOptions,
  resolve: (name: string) => GpuSpec = requireGpu,
): EngineMachine {
  const override = options.link ?? null;
  const pcie = override?.kind === 'pcie' ? { gen: override.gen, lanes: override.lanes } : null;
  const gpus = options.gpuNames.map((name, i) => {
    const spec = resolve(name);
    return inEnteredSlot(gpuFromSpec(i, spec, null, pcie), specLink(spec), options.slots);
  });
  const assumptions: string[] = gpus.flatMap((g) => enteredSlotNote(g, null));
  if (!override && gpus.length > 1)
    assumptions.push(
      gpus.every((g) => g.placement && (g.placement.gen ?? g.placement.lanes) !== null)
        ? 'GPU links: PCIe through the slots you entered, without NVLink (if the cards are bridged: the link on the Machine step, --link nvlink on the CLI)'
        : 'GPU links: each card at its own PCIe generation and full width, without NVLink (change it on the Machine step: the link and where the cards sit; --link / --slot on the CLI)',
    );
  const ram = ramBandwidth(options.ramGBs ?? null, null, null, assumptions);
  return {
    gpus,
    links: allPairs(gpus, (a, b) => pairLink(a, b, override, null, null)),
    ramMiB: options.ramGiB ? options.ramGiB * 1024 : null,
    ramBandwidthGBs: ram,
    assumptions: options.ramGiB
      ? assumptions
      : [
          ...assumptions,
          'system RAM size unknown (System RAM on the Machine step, --ram-gib on the CLI): CPU offload is not limited by it',
        ],
  };
}

export class UnknownGpuError extends Error {
  override readonly name = 'UnknownGpuError';
}

function requireGpu(name: string): GpuSpec {
  const spec = findGpu(name);
  if (!spec) throw new UnknownGpuError(name);
  return spec;
}

function ramBandwidth(
  explicit: number | null,
  profile: HardwareProfile | null,
  channels: number | null,
  assumptions: string[],
): number {
  if (explicit) return explicit;
  const dimms = profile?.memory.dimms ?? [];
  const speed = dimms.find((d) => d.speedMTs)?.speedMTs ?? null;
  if (speed && channels) {
    const used = Math.min(channels, Math.max(1, dimms.length));
    assumptions.push(
      `RAM bandwidth ${((used * speed * 8) / 1000).toFixed(1)} GB/s from ${used} channel(s) × ${speed} MT/s (DIMM count and the CPU's channels)`,
    );
    return (used * speed * 8) / 1000;
  }
  assumptions.push(
    `RAM bandwidth unknown: assumed ${ENGINE.defaultRamGBs} GB/s (dual-channel DDR4-3200); change it with RAM bandwidth on the Machine step (--ram-gbps on the CLI)`,
  );
  return ENGINE.defaultRamGBs;
}

/**
 * The catalog card each identity names, by GPU index; throws `GpuIdentityError` for an identity that
 * cannot apply. One for a GPU the capture named is refused rather than ignored: the capture measured
 * that card, and a silent override would plan a different machine than the one scanned.
 */
function identifiedSpecs(profile: HardwareProfile, identities: readonly GpuIdentity[]): Map<number, GpuSpec> {
  const out = new Map<number, GpuSpec>();
  for (const identity of identities) {
    const gpu = profile.gpus.find((g) => g.index === identity.gpuIndex);
    if (!gpu)
      throw new GpuIdentityError(
        `GPU ${identity.gpuIndex} is not on this machine (it has ${profile.gpus.map((g) => `GPU ${g.index}`).join(', ')})`,
      );
    if (captureNamedGpu(gpu))
      throw new GpuIdentityError(
        `GPU ${gpu.index} is ${gpu.name} as the capture named it; only a GPU the capture did not name can be identified`,
      );
    if (out.has(gpu.index)) throw new GpuIdentityError(`GPU ${gpu.index} is identified twice`);
    const spec = gpuById(identity.gpuId);
    if (!spec) throw new GpuIdentityError(`"${identity.gpuId}" is not a GPU catalog id`);
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
    powerLimitW: g.powerLimitW,
  };
}

export interface ProfileMachineOptions {
  readonly link?: LinkOverride | null;
  readonly ramGBs?: number | null;
  readonly slots?: readonly SlotPlacement[];
  /** Which catalog card each GPU the capture did not name is, as the user said. */
  readonly identities?: readonly GpuIdentity[];
}

/**
 * Machine from a scanned profile: each GPU joined to the catalog by PCI id, then name and memory, or
 * as the user identified it. Throws `UnidentifiedGpuError` when a GPU's memory is unknown (neither
 * reported, nor known from the catalog): planning it as 0 GiB would be a guess.
 */
/** The card's own link (catalog, else as measured), its generation capped by the measured one. */
function cardLink(
  spec: { readonly gen: number; readonly lanes: number } | null,
  measured: { readonly gen: number; readonly lanes: number } | null,
): { readonly gen: number; readonly lanes: number } | null {
  if (!spec || !measured) return spec ?? measured;
  return { gen: Math.min(spec.gen, measured.gen), lanes: spec.lanes };
}

export function machineFromProfile(
  profile: HardwareProfile,
  options: ProfileMachineOptions = {},
): EngineMachine {
  const assumptions: string[] = [];
  const identified = identifiedSpecs(profile, options.identities ?? []);
  const measured = profile.gpus.map((g): Link =>
    g.pcie.genMax && g.pcie.widthMax ? { gen: g.pcie.genMax, lanes: g.pcie.widthMax } : null,
  );
  const unplannable: UnplannableGpu[] = [];
  const detected = profile.gpus.map((g, i): EngineGpu | null => {
    const pcie = measured[i] ?? null;
    const said = identified.get(g.index);
    if (said) {
      assumptions.push(`GPU ${g.index}: you said ${said.name} (the capture did not name it)`);
      return {
        ...gpuFromSpec(i, said, g.vramMiB, pcie),
        index: g.index,
        powerLimitW: g.powerLimitW ?? said.boardPowerW,
      };
    }
    const spec = matchDetectedGpu({ name: g.name, vramMiB: g.vramMiB });
    if (spec)
      return {
        ...gpuFromSpec(i, spec, g.vramMiB, pcie),
        index: g.index,
        name: g.name,
        powerLimitW: g.powerLimitW ?? spec.boardPowerW,
      };
    if (!g.vramMiB) {
      unplannable.push({ index: g.index, name: g.name, canIdentify: !captureNamedGpu(g) });
      return null;
    }
    assumptions.push(
      `${g.name} is not in the GPU catalog: its memory bandwidth is unknown, so its speed is not predicted`,
    );
    return uncataloguedGpu(g, g.vramMiB, pcie);
  });
  if (unplannable.length > 0) throw new UnidentifiedGpuError(unplannable);
  // An entered slot replaces the measured link: the card in that slot. A half the user did not enter
  // comes from the card's interface, its generation capped by the measured one (nvidia-smi's Max includes
  // the host's limit: a Gen4 card on a Gen3 board stays Gen3). The measured width is the slot the card is
  // in now, not the one entered, so it does not cap. The assumptions list shows what was planned.
  const gpus = detected
    .filter((g): g is EngineGpu => g !== null)
    .map((g, i) => inEnteredSlot(g, cardLink(specLink(g.spec), measured[i] ?? null), options.slots));
  assumptions.push(...gpus.flatMap((g, i) => enteredSlotNote(g, measured[i] ?? null)));
  const topo = (a: number, b: number) =>
    profile.gpuLinks.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
  const cpu = profile.cpu.model ? findCpuFamily(profile.cpu.model) : null;
  return {
    gpus,
    links: allPairs(gpus, (a, b) => {
      const t = topo(a.index, b.index);
      return pairLink(a, b, options.link ?? null, t && t.kind !== 'UNKNOWN' ? t.kind : null, t?.p2p ?? null);
    }),
    ramMiB: profile.memory.totalMiB,
    ramBandwidthGBs: ramBandwidth(options.ramGBs ?? null, profile, cpu?.memoryChannels ?? null, assumptions),
    assumptions,
  };
}
