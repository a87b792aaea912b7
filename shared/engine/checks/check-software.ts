/**
 * Software: driver present, compute capability against what the runtime needs (vLLM ≥ 7.0;
 * FlashAttention-2 on Ampere/Ada/Hopper), peer-to-peer between the cards, NVLink, and MIG.
 */
import type { HardwareProfile } from '../../hardware/profile';
import { canBridge, gpusOnNode, type EngineGpu, type EngineMachine, type P2pStatus } from '../machine';
import type { PlanResult, Strategy } from '../planner/plan-types';
import { CHECK, SRC } from './check-thresholds';
import { check, type Check, type ChecksInput } from './check-types';
import { usesLinkHeavily } from './check-slots';

const seenGpu = (p: HardwareProfile | null, index: number) => p?.gpus.find((g) => g.index === index);

function driverCheck(profile: HardwareProfile | null, gpus: readonly EngineGpu[]): Check {
  if (!profile)
    return check(
      'software',
      'software.driver',
      'unknown',
      'The machine was not scanned, so the GPU driver is unknown.',
      'Scan the machine; `nvidia-smi` (or `rocm-smi --showdriverversion`) prints the driver version.',
    );
  const versions = gpus.map((g) => seenGpu(profile, g.index)?.driverVersion ?? null);
  const missing = gpus.filter((_, i) => versions[i] === null).map((g) => `GPU ${g.index}`);
  if (missing.length > 0)
    return check(
      'software',
      'software.driver',
      'unknown',
      `No driver version was reported for ${missing.join(', ')}.`,
      'Install the GPU driver and check that `nvidia-smi` (or `rocm-smi`) lists every card with a driver version.',
    );
  return check(
    'software',
    'software.driver',
    'pass',
    `Driver ${[...new Set(versions)].join(', ')} is loaded for every GPU.`,
  );
}

/** The GPU's compute capability as a number (the machine carries the measured one over the catalog's). */
const ccOf = (g: EngineGpu): number | null => {
  const cc = g.computeCapability;
  return cc !== null && /^\d+\.\d+$/.test(cc) ? Number(cc) : null;
};

const CC_HOW = 'Run `nvidia-smi --query-gpu=index,compute_cap --format=csv`.';

function vllmCcCheck(s: Strategy, cards: readonly { g: EngineGpu; cc: number | null }[]): Check {
  const id = 'software.compute';
  const unknown = cards.filter((c) => c.cc === null);
  if (unknown.length > 0)
    return check(
      'software',
      id,
      'unknown',
      `The compute capability of ${unknown.map((c) => `GPU ${c.g.index}`).join(', ')} is unknown, and ${s.runtime} needs ${CHECK.vllmMinCc.toFixed(1)} or higher.`,
      CC_HOW,
      [SRC.vllmCc],
    );
  const low = cards.filter((c) => (c.cc ?? 0) < CHECK.vllmMinCc);
  const list = cards.map((c) => `GPU ${c.g.index} ${c.cc?.toFixed(1)}`).join(', ');
  if (low.length > 0)
    return check(
      'software',
      id,
      'fail',
      `${s.runtime} needs compute capability ${CHECK.vllmMinCc.toFixed(1)} or higher and the cards have ${list}.`,
      'Use llama.cpp (GGUF) on these cards, or newer GPUs (Volta or later).',
      [SRC.vllmCc],
    );
  return check(
    'software',
    id,
    'pass',
    `${s.runtime} needs compute capability ${CHECK.vllmMinCc.toFixed(1)} or higher; the cards have ${list}.`,
    '',
    [SRC.vllmCc],
  );
}

/** The NVIDIA cards a vLLM / SGLang strategy runs on, with their compute capability. */
const nvidiaCards = (machine: EngineMachine, s: Strategy) =>
  machine.gpus
    .filter((g) => s.gpuIndices.includes(g.index) && g.vendor === 'nvidia')
    .map((g) => ({ g, cc: ccOf(g) }));

/** `software.compute` for a vLLM / SGLang strategy on NVIDIA cards; null for other runtimes. */
export function computeCheck(machine: EngineMachine, s: Strategy): Check | null {
  const cards = nvidiaCards(machine, s);
  return (s.runtime === 'vllm' || s.runtime === 'sglang') && cards.length > 0 ? vllmCcCheck(s, cards) : null;
}

const VENDOR_NAMES: Readonly<Record<string, string>> = {
  nvidia: 'NVIDIA (CUDA)',
  amd: 'AMD (ROCm)',
  intel: 'Intel',
  apple: 'Apple',
  other: 'other',
};

/**
 * `software.vendors`: one process splitting one model over cards of different vendors. Each runtime's
 * GPU build targets one vendor (CUDA, ROCm); only llama.cpp's Vulkan backend, or RPC between a CUDA and a
 * ROCm build, spans both — slower, and not what the speed here is predicted for. Null for one vendor.
 */
export function vendorCheck(machine: EngineMachine, s: Strategy): Check | null {
  const used = machine.gpus.filter((g) => s.gpuIndices.includes(g.index) && (g.node ?? 0) === 0);
  const vendors = [...new Set(used.map((g) => g.vendor))];
  if (vendors.length < 2) return null;
  return check(
    'software',
    'software.vendors',
    'fail',
    `${s.id} would split one model over ${vendors.map((v) => VENDOR_NAMES[v] ?? v).join(' and ')} cards, and ${s.runtime} runs on one vendor's GPUs per process.`,
    "Run the model on one vendor's cards, or try llama.cpp's Vulkan backend (or RPC between a CUDA and a ROCm build), which can mix them at a lower speed than planned here.",
  );
}

function fa2Check(cards: readonly { g: EngineGpu; cc: number | null }[]): Check | null {
  const known = cards.filter((c) => c.cc !== null);
  if (known.length === 0) return null;
  const id = 'software.flash-attention';
  const old = known.filter((c) => (c.cc ?? 0) < CHECK.fa2MinCc);
  const newer = known.filter((c) => (c.cc ?? 0) > CHECK.fa2MaxCc);
  const list = known.map((c) => `GPU ${c.g.index} ${c.cc?.toFixed(1)}`).join(', ');
  if (old.length > 0)
    return check(
      'software',
      id,
      'warn',
      `FlashAttention-2 supports Ampere, Ada and Hopper (compute capability 8.0-9.0) and the cards have ${list}, so the runtime must use another, usually slower, attention backend.`,
      'Expect slower prompt processing at long contexts; the backend vLLM picked is named in its startup log.',
      [SRC.fa2],
    );
  if (newer.length > 0)
    return check(
      'software',
      id,
      'unknown',
      `The FlashAttention-2 README lists only Ampere, Ada and Hopper, and the cards have ${list}.`,
      'Check which attention backend the runtime reports at startup (vLLM logs "Using ... backend").',
      [SRC.fa2],
    );
  return check('software', id, 'pass', `FlashAttention-2 supports these cards (${list}).`, '', [SRC.fa2]);
}

type P2p = 'nvlink' | P2pStatus;

/** How a pair talks, from the machine: the bridge (measured, or entered as the link), else P2P over PCIe. */
function pairP2p(machine: EngineMachine, a: EngineGpu, b: EngineGpu): { p: P2p; entered: boolean } {
  const link = machine.links.find(
    (l) => (l.a === a.index && l.b === b.index) || (l.a === b.index && l.b === a.index),
  );
  if (!link) return { p: 'unknown', entered: false };
  if (link.kind === 'nvlink' || link.kind === 'xgmi')
    return { p: 'nvlink', entered: link.source === 'entered' };
  return { p: link.p2p, entered: false };
}

const P2P_WORDS: Readonly<Record<P2p, string>> = {
  yes: 'P2P over PCIe',
  nvlink: 'NVLink',
  no: 'no P2P',
  unknown: 'unknown',
};

interface Pair {
  readonly a: EngineGpu;
  readonly b: EngineGpu;
  readonly p: P2p;
}

/**
 * What to do about missing P2P, from the plan's own ranking: the fastest strategy that needs little
 * link traffic, against this one. When the link-heavy one is still ahead, P2P or a bridge is worth having.
 */
function p2pAdvice(plan: PlanResult, s: Strategy): string {
  const light = plan.strategies.find((x) => x.fits && !usesLinkHeavily(x) && x.gpuIndices.length > 1);
  const mine = s.decodeTokPerSec?.expected ?? null;
  const theirs = light?.decodeTokPerSec?.expected ?? null;
  const bridge = 'NVLink-capable cards with a bridge (RTX 3090, RTX A-series) lift it';
  if (!light || mine === null || theirs === null)
    return `Without P2P the all-reduces are planned through system memory, as the speed above already assumes; ${bridge}.`;
  if (theirs >= mine)
    return `${light.id} is predicted at ${theirs.toFixed(1)} tok/s against ${mine.toFixed(1)} for ${s.id} on these links: use it, or ${bridge.replace(' lift it', '')} for ${s.id}.`;
  return `${s.id} is still predicted fastest here (${mine.toFixed(1)} tok/s, ${light.id} ${theirs.toFixed(1)}), with the all-reduces through system memory already counted; ${bridge} further.`;
}

function p2pVerdict(pairs: readonly Pair[], s: Strategy, plan: PlanResult, text: string): Check {
  const id = 'software.p2p';
  if (!usesLinkHeavily(s))
    return check(
      'software',
      id,
      'pass',
      `${text}; ${s.id} passes only a small activation between cards, so peer-to-peer hardly matters.`,
      '',
      [SRC.linkTraffic],
    );
  const none = pairs.filter((x) => x.p === 'no');
  if (none.length > 0) {
    const geforce = none.some((x) => x.a.spec?.segment === 'consumer' || x.b.spec?.segment === 'consumer');
    return check(
      'software',
      id,
      'warn',
      `${text}; without P2P every ${s.id} all-reduce goes through system memory${geforce ? ' (GeForce drivers disable P2P)' : ''}.`,
      p2pAdvice(plan, s),
      [SRC.linkTraffic],
    );
  }
  if (pairs.some((x) => x.p === 'unknown'))
    return check(
      'software',
      id,
      'unknown',
      `${text}; ${s.id} is faster with peer-to-peer.`,
      'Run `nvidia-smi topo -p2p r`: pairs that can read each other show OK.',
      [],
      ['link'],
    );
  const llama = (s.runtime === 'llama.cpp' || s.runtime === 'ollama') && pairs.some((x) => x.p === 'yes');
  const fix = llama ? 'llama.cpp uses P2P only with GGML_CUDA_P2P=1 in the environment.' : '';
  return check('software', id, 'pass', `${text}.`, fix, llama ? [SRC.llamaP2p] : []);
}

function p2pCheck(machine: EngineMachine, plan: PlanResult, s: Strategy): Check | null {
  const gpus = gpusOnNode(machine, 0).filter((g) => s.gpuIndices.includes(g.index) && g.vendor === 'nvidia');
  if (gpus.length < 2) return null;
  const pairs = gpus.flatMap((a, i) =>
    gpus.slice(i + 1).map((b) => {
      const { p, entered } = pairP2p(machine, a, b);
      return { a, b, p, entered };
    }),
  );
  const text = pairs
    .map(
      ({ a, b, p, entered }) =>
        `GPU ${a.index}↔${b.index}: ${P2P_WORDS[p]}${entered ? ' (as you entered)' : ''}`,
    )
    .join(', ');
  return p2pVerdict(pairs, s, plan, text);
}

/**
 * An NVLink the user entered for cards without the connector: set aside (planned over PCIe), and said.
 * `linkEntered` is whether the machine was described with an NVLink link.
 */
function impossibleNvlink(machine: EngineMachine, linkEntered: boolean): Check | null {
  const head = gpusOnNode(machine, 0);
  const without = head.filter((g) => !canBridge(g));
  if (!linkEntered || head.length < 2 || without.length === 0) return null;
  return check(
    'software',
    'software.nvlink',
    'warn',
    `You entered an NVLink bridge, but ${without.map((g) => `GPU ${g.index} (${g.name})`).join(', ')} ${without.length === 1 ? 'has' : 'have'} no NVLink connector, so ${without.length === 1 ? 'its' : 'their'} links are planned over PCIe.`,
    'Check the link you entered: NVLink bridges exist for RTX 3090 / A-series / older datacenter PCIe cards.',
    [],
    ['link'],
  );
}

function nvlinkCheck(
  profile: HardwareProfile | null,
  machine: EngineMachine,
  linkEntered: boolean,
): Check | null {
  const impossible = impossibleNvlink(machine, linkEntered);
  if (impossible) return impossible;
  const entered = machine.links.filter((l) => l.kind === 'nvlink' && l.source === 'entered');
  if (entered.length > 0) {
    const seen = (profile?.nvlink ?? []).some((n) => n.activeLinks > 0);
    const scanned = profile && profile.nvlink.length > 0 && !seen;
    return check(
      'software',
      'software.nvlink',
      scanned ? 'warn' : 'pass',
      `You entered an NVLink bridge between the cards${scanned ? ', but the capture shows no active NVLink' : ''}; the plan uses it for ${entered.map((l) => `GPU ${l.a}↔${l.b}`).join(', ')}.`,
      scanned
        ? 'Seat the bridge firmly and check `nvidia-smi nvlink -s` shows active links, then scan again.'
        : '',
      [],
      scanned ? ['link'] : [],
    );
  }
  const active = (profile?.nvlink ?? []).filter((n) => n.activeLinks > 0);
  if (active.length > 0) {
    const text = active
      .map(
        (n) =>
          `GPU ${n.index}: ${n.activeLinks} active NVLinks${n.linkSpeedsGBs[0] ? ` at ${n.linkSpeedsGBs[0]} GB/s each` : ''}`,
      )
      .join('; ');
    return check('software', 'software.nvlink', 'pass', `${text}.`);
  }
  const sxm = machine.gpus.filter((g) => g.spec?.nvlink === 'sxm');
  if (profile && profile.nvlink.length > 0 && sxm.length > 0)
    return check(
      'software',
      'software.nvlink',
      'warn',
      `${sxm.map((g) => `GPU ${g.index}`).join(', ')} ${sxm.length > 1 ? 'are SXM cards' : 'is an SXM card'} but no NVLink is active.`,
      'Run `nvidia-smi nvlink -s`; on NVSwitch systems the fabric manager service must be running.',
    );
  const bridgeable = machine.gpus.filter((g) => g.spec?.nvlink === 'bridge');
  if (bridgeable.length >= 2)
    return check(
      'software',
      'software.nvlink',
      'pass',
      `The cards support an NVLink bridge but none is active, so they talk over PCIe.`,
      'A bridge helps tensor parallel only; a layer split does not need it.',
    );
  return null;
}

function migCheck(profile: HardwareProfile | null): Check | null {
  const modes = (profile?.gpus ?? []).filter((g) => g.migMode !== null);
  if (modes.length === 0) return null;
  const on = modes.filter((g) => g.migMode === 'Enabled');
  if (on.length === 0)
    return check('software', 'software.mig', 'pass', 'MIG is disabled: runtimes see whole GPUs.', '', [
      SRC.mig,
    ]);
  const cmds = on.map((g) => `sudo nvidia-smi -i ${g.index} -mig 0`).join(' && ');
  return check(
    'software',
    'software.mig',
    'warn',
    `MIG is enabled on ${on.map((g) => `GPU ${g.index}`).join(', ')}: the GPU is split into instances, each with a fixed share of its memory, and a runtime gets only one.`,
    `To give one model the whole card: \`${cmds}\` (stop GPU processes first; a GPU reset or reboot may be needed).`,
    [SRC.mig],
  );
}

/** Software checks: driver, compute capability for the runtime, P2P, NVLink, MIG. */
export function checkSoftware(input: ChecksInput): Check[] {
  const { profile, machine, strategy: s } = input;
  if (machine.gpus.every((g) => g.vendor === 'apple'))
    return [
      check(
        'software',
        'software.driver',
        'pass',
        'Apple silicon runs through Metal; no separate GPU driver is needed.',
      ),
    ];
  const vllmFamily = s.runtime === 'vllm' || s.runtime === 'sglang';
  const nvidia = nvidiaCards(machine, s);
  const head = gpusOnNode(machine, 0);
  return [
    driverCheck(profile, head),
    vendorCheck(machine, s),
    computeCheck(machine, s),
    vllmFamily && nvidia.length > 0 ? fa2Check(nvidia) : null,
    p2pCheck(machine, input.plan, s),
    nvlinkCheck(profile, machine, machine.enteredLink?.kind === 'nvlink'),
    migCheck(profile),
  ].filter((c): c is Check => c !== null);
}
