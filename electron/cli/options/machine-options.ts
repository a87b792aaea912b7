/**
 * Machine options shared by `plan` and the advisor commands: `--replay DIR`, `--profile FILE`
 * (a saved `scan --json`), or repeated `--gpu NAME` with `--link`, `--ram-gib`, `--ram-gbps`; and
 * with any of them, repeated `--slot GPU:WHERE[:LINK]` for where each card sits (slot-placement.ts).
 * With a scanned machine, repeated `--gpu-model GPU=NAME` says which card a GPU is that the capture
 * did not name (gpu-identity.ts). Repeated `--gpu-spec "NAME:vram=24GiB,bw=936GBs,tdp=350W"` describes a
 * card the catalog lacks (custom-gpu.ts): alone, each is one card; otherwise `--gpu NAME`, a detected
 * GPU of that name, or `--gpu-model GPU=NAME` uses it.
 */
import {
  CustomGpuError,
  findCustomGpu,
  parseGpuSpecOption,
  type CustomGpuEntry,
} from '@shared/catalog/custom-gpu';
import { closestGpus, findGpu } from '@shared/catalog/gpu-lookup';
import {
  MachineInputError,
  resolveMachine,
  type MachineDescription,
} from '@shared/engine/advisor/machine-input';
import { findNetwork, NETWORK_IDS, type ClusterNode } from '@shared/engine/cluster';
import {
  GpuIdentityError,
  UnidentifiedGpuError,
  unplannableMessage,
  type GpuIdentity,
} from '@shared/engine/gpu-identity';
import { mergeProfile } from '@shared/hardware/merge/merge-profile';
import { MAX_GPUS } from '@shared/hardware/parsers/gpu-cap';
import type { HardwareProfile } from '@shared/hardware/profile';
import { hardwareProfileSchema } from '@shared/hardware/profile-schema';
import {
  parseLinkOption,
  UnknownGpuError,
  type EngineMachine,
  type PowerLimitEntry,
} from '@shared/engine/machine';
import { parseSlotOption, type SlotPlacement } from '@shared/engine/slot-placement';
import { readCaptureDir } from '../../probe/capture-dir';
import { CliUsageError } from '../cli-error';
import { FLAG_RANGES, flagNumber, numberIn } from './ranges';
import { readCapped } from './read-capped';

export interface MachineOptionValues {
  readonly replay?: string;
  readonly profile?: string;
  readonly gpu?: readonly string[];
  readonly link?: string;
  readonly slot?: readonly string[];
  readonly 'gpu-model'?: readonly string[];
  readonly 'gpu-spec'?: readonly string[];
  readonly 'ram-gib'?: string;
  readonly 'ram-gbps'?: string;
  readonly 'power-limit'?: readonly string[];
  readonly node?: readonly string[];
  readonly network?: string;
}

export const MACHINE_OPTIONS = {
  replay: { type: 'string' },
  profile: { type: 'string' },
  gpu: { type: 'string', multiple: true },
  link: { type: 'string' },
  slot: { type: 'string', multiple: true },
  'gpu-model': { type: 'string', multiple: true },
  'gpu-spec': { type: 'string', multiple: true },
  'ram-gib': { type: 'string' },
  'ram-gbps': { type: 'string' },
  'power-limit': { type: 'string', multiple: true },
  node: { type: 'string', multiple: true },
  network: { type: 'string' },
} as const;

// As many cards as the app plans in one machine, and machines in one cluster (app-state.ts `planned`
// gpus and `nodes.count`); over all machines, as many as one profile holds (gpu-cap.ts). The planner
// pairs every two GPUs, so thousands would cost millions of pairs.
const MAX_GPUS_PER_MACHINE = 64;
const MAX_MACHINES = 64;

/** `--node: at most 64 GPUs in one machine (got 65)`. */
function atMost(count: number, max: number, lead: string, what: string): void {
  if (count > max) throw new CliUsageError(`${lead}at most ${max} ${what} (got ${count})`);
}

/** A 256-GPU profile with every link is a few MB; far past that it is some other file. */
const MAX_PROFILE_MB = 32;

/** Where in the profile a schema issue is, e.g. `gpus[0].name`. */
const issuePath = (path: readonly PropertyKey[]): string =>
  path
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
    .join('')
    .replace(/^\./, '');

/** A saved `scan --json`, checked against the profile schema (any other JSON is bad input, exit 2). */
function readProfile(path: string): HardwareProfile {
  let text: string | null;
  try {
    text = readCapped(path, MAX_PROFILE_MB * 1024 * 1024);
  } catch (error) {
    throw new CliUsageError(
      `cannot read --profile ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (text === null)
    throw new CliUsageError(
      `--profile ${path} is larger than ${MAX_PROFILE_MB} MB: not a saved \`scan --json\` profile`,
    );
  const notAProfile = (why: string) =>
    new CliUsageError(`--profile ${path} is not a saved \`scan --json\` profile (${why})`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw notAProfile((error as Error).message);
  }
  const parsed = hardwareProfileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? issuePath(issue.path) : '';
  throw notAProfile(`${where ? `${where}: ` : ''}${issue?.message ?? 'wrong shape'}`);
}

const SLOT_USAGE =
  '--slot takes GPU:cpu|chipset[:GENxWIDTH], e.g. 1:chipset:4x4 (GPU 1 in a chipset Gen4 x4 slot), 0:cpu:5x16, 1:x8';

/** `--slot` values, each understood; checked against the machine's GPUs when it is resolved. */
export function slotsFromOptions(raw: readonly string[] | undefined): SlotPlacement[] {
  return (raw ?? []).map((text) => {
    const placement = parseSlotOption(text);
    if (!placement) throw new CliUsageError(`${SLOT_USAGE} (got "${text}")`);
    return placement;
  });
}

const POWER_USAGE = '--power-limit takes GPU:W, e.g. 0:280 (GPU 0 limited to 280 W with nvidia-smi -pl)';

/** `--power-limit GPU:W` values. */
function powerLimitsFromOptions(raw: readonly string[] | undefined): PowerLimitEntry[] {
  return (raw ?? []).map((text) => {
    const m = /^\s*(\d{1,2})\s*:\s*([^\sw]+)\s*w?\s*$/i.exec(text);
    if (!m?.[2]) throw new CliUsageError(`${POWER_USAGE} (got "${text}")`);
    const watts = numberIn(m[2], `--power-limit ${m[1]}:W`, FLAG_RANGES['--power-limit']);
    return { gpuIndex: Number(m[1]), watts };
  });
}

const GPU_MODEL_USAGE = '--gpu-model takes GPU=NAME, e.g. 0="RTX 3090" (GPU 0 is a GeForce RTX 3090)';

/** `--gpu-model GPU=NAME` values, each name resolved like `--gpu NAME`. */
/** `--gpu-spec NAME:vram=…,bw=…,tdp=…` values: cards the catalog lacks, described by their numbers. */
function customGpusFromOptions(raw: readonly string[] | undefined): CustomGpuEntry[] {
  return (raw ?? []).map((text) => {
    try {
      return parseGpuSpecOption(text);
    } catch (error) {
      if (error instanceof CustomGpuError)
        throw new CliUsageError(`--gpu-spec: ${error.message} (got "${text}")`);
      throw error;
    }
  });
}

function identitiesFromOptions(
  raw: readonly string[] | undefined,
  customs: readonly CustomGpuEntry[],
): GpuIdentity[] {
  return (raw ?? []).map((text) => {
    const m = /^\s*(\d{1,2})\s*=\s*(.*\S)\s*$/.exec(text);
    if (!m) throw new CliUsageError(`${GPU_MODEL_USAGE} (got "${text}")`);
    const name = m[2] ?? '';
    const custom = findCustomGpu(customs, name);
    if (custom) return { gpuIndex: Number(m[1]), gpuId: custom.id };
    const spec = findGpu(name);
    if (!spec) {
      const near = closestGpus(name, 5).map((g) => g.name);
      throw new CliUsageError(`--gpu-model: unknown GPU "${name}"; closest: ${near.join(', ')}`);
    }
    return { gpuIndex: Number(m[1]), gpuId: spec.id };
  });
}

function unknownGpu(name: string, flag: string): CliUsageError {
  const near = closestGpus(name, 5).map((g) => g.name);
  return new CliUsageError(`${flag}: unknown GPU "${name}"; closest: ${near.join(', ')}`);
}

/** One `--node` value: `2x RTX 3090`, `RTX 3090 + RTX 3060`, with an optional `@address`. */
export interface NodeOption {
  readonly gpuNames: string[];
  readonly address: string | null;
}

const NODE_USAGE =
  '--node takes the machine\'s cards, e.g. "2x RTX 3090" or "RTX 3090 + RTX 3060@192.168.1.11"';

export function parseNodeOption(text: string): NodeOption {
  const [cards = '', address, ...extra] = text.split('@');
  if (extra.length > 0 || (address !== undefined && !/^[\w.:-]+$/.test(address.trim())))
    throw new CliUsageError(`${NODE_USAGE} (got "${text}")`);
  const gpuNames = cards.split('+').flatMap((part) => {
    const m = /^\s*(\d{1,2})\s*[x×]\s*(.+?)\s*$/i.exec(part);
    const count = m ? Number(m[1]) : 1;
    const name = (m ? m[2] : part)?.trim() ?? '';
    if (!name || count < 1) throw new CliUsageError(`${NODE_USAGE} (got "${text}")`);
    const spec = findGpu(name);
    if (!spec) throw unknownGpu(name, '--node');
    return Array.from({ length: count }, () => spec.id);
  });
  atMost(gpuNames.length, MAX_GPUS_PER_MACHINE, '--node: ', 'GPUs in one machine');
  return { gpuNames, address: address?.trim() || null };
}

/** The machines besides the head and the network, from `--node` / `--network`. */
function clusterFromOptions(
  nodes: readonly NodeOption[],
  network: string | undefined,
): MachineDescription['cluster'] {
  if (nodes.length === 0) {
    if (network !== undefined)
      throw new CliUsageError(
        '--network describes the link between machines: give --node for each other machine',
      );
    return null;
  }
  const net = findNetwork(network ?? '');
  if (!net)
    throw new CliUsageError(
      `${network === undefined ? 'several machines need --network' : `unknown --network "${network}"`}: one of ${NETWORK_IDS.join(', ')}`,
    );
  return { nodes: nodes.map((n): ClusterNode => ({ gpuNames: n.gpuNames })), network: net };
}

/** The machine description the advisor resolves, from the options (reading a capture or profile when given). */
export interface MachineFromOptions {
  readonly description: MachineDescription;
  /** Addresses given with `@` on `--node`: the head's, then each other machine's. */
  readonly headAddress: string | null;
  readonly workerAddresses: readonly string[];
}

export async function machineDescriptionFromOptions(v: MachineOptionValues): Promise<MachineFromOptions> {
  const link = v.link === undefined ? null : parseLinkOption(v.link);
  if (v.link !== undefined && !link)
    throw new CliUsageError(
      `--link must be nvlink, pcieGxW like pcie4x16, pcie3x8, or pcieG (read as x16) (got "${v.link}")`,
    );
  const nodes = (v.node ?? []).map(parseNodeOption);
  const customGpus = customGpusFromOptions(v['gpu-spec']);
  // Alone, each --gpu-spec is one card of the machine; with --gpu, --replay or --profile it names cards.
  const specCards = customGpus.length > 0 && !v.gpu?.length && !v.replay && !v.profile && nodes.length === 0;
  const gpuList = specCards ? customGpus.map((c) => c.name) : v.gpu;
  const cardFlag = specCards ? '--gpu-spec: ' : '--gpu: ';
  atMost(gpuList?.length ?? 0, MAX_GPUS_PER_MACHINE, cardFlag, 'GPUs in one machine');
  const sources = [v.replay, v.profile, gpuList?.length ? 'gpu' : undefined].filter(Boolean);
  if (sources.length > 1 || (sources.length === 0 && nodes.length === 0))
    throw new CliUsageError(
      'describe the machine with exactly one of --replay DIR, --profile FILE or --gpu NAME (repeatable; or --gpu-spec for a card the catalog lacks), or with --node for each machine (the first is this one)',
    );
  atMost(nodes.length + Math.min(sources.length, 1), MAX_MACHINES, '--node: ', 'machines');
  // Without --replay/--profile/--gpu the first --node is this machine (the head).
  const headNode = sources.length === 0 ? nodes[0] : undefined;
  const others = headNode ? nodes.slice(1) : nodes;
  const identities = identitiesFromOptions(v['gpu-model'], customGpus);
  const common = {
    customGpus,
    link,
    slots: slotsFromOptions(v.slot),
    ramGiB: flagNumber(v['ram-gib'], '--ram-gib'),
    ramGBs: flagNumber(v['ram-gbps'], '--ram-gbps'),
    powerLimits: powerLimitsFromOptions(v['power-limit']),
    cluster: clusterFromOptions(others, v.network),
  };
  const addresses = {
    headAddress: headNode?.address ?? null,
    workerAddresses: others.map((n, i) => n.address ?? `<worker-${i + 1}-ip>`),
  };
  const gpuNames = headNode?.gpuNames ?? gpuList;
  const clusterGpus = (head: number) =>
    atMost(head + others.reduce((n, o) => n + o.gpuNames.length, 0), MAX_GPUS, '', 'GPUs over all machines');
  if (gpuNames?.length) {
    clusterGpus(gpuNames.length);
    if (identities.length > 0)
      throw new CliUsageError(
        '--gpu-model names GPUs of a --replay or --profile machine that the capture did not name; --gpu already names each card',
      );
    return { description: { source: { kind: 'catalog', gpuNames }, ...common }, ...addresses };
  }
  const profile = v.replay ? mergeProfile(await readCaptureDir(v.replay)) : readProfile(v.profile as string);
  if (profile.gpus.length === 0)
    throw new CliUsageError('that machine has no GPU the probe could see; describe one with --gpu NAME');
  clusterGpus(profile.gpus.length);
  return { description: { source: { kind: 'profile', profile }, identities, ...common }, ...addresses };
}

/** The machine, with the CLI's words for what the engine refuses. */
export function resolveMachineForCli(d: MachineDescription): {
  machine: EngineMachine;
  profile: HardwareProfile | null;
} {
  try {
    return resolveMachine(d);
  } catch (error) {
    if (error instanceof UnknownGpuError) throw unknownGpu(error.message, '--gpu');
    if (error instanceof MachineInputError)
      throw new CliUsageError(`--${error.input === 'slot' ? 'slot' : 'power-limit'}: ${error.message}`);
    if (error instanceof GpuIdentityError) throw new CliUsageError(`--gpu-model: ${error.message}`);
    if (error instanceof UnidentifiedGpuError)
      throw new CliUsageError(
        unplannableMessage(
          error.gpus,
          `say which card each is with ${error.gpus
            .map((g) => `--gpu-model ${g.index}=NAME`)
            .join(' ')} (NAME as for --gpu, e.g. "RTX 3090")`,
        ),
      );
    throw error;
  }
}

/** The machine and the scanned profile behind it (`plan`, `check`, … and the tests). */
export async function machineAndProfileFromOptions(
  v: MachineOptionValues,
): Promise<{ machine: EngineMachine; profile: HardwareProfile | null }> {
  return resolveMachineForCli((await machineDescriptionFromOptions(v)).description);
}

export async function machineFromOptions(v: MachineOptionValues): Promise<EngineMachine> {
  return (await machineAndProfileFromOptions(v)).machine;
}
