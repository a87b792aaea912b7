/**
 * The build checklist as structured sections — parts to buy, physical steps, BIOS settings,
 * software install, the launch command, and how to verify with the numbers to expect — built from
 * the profile, the plan, the checks and the commands. Rendered to Markdown and print-ready HTML
 * by render-checklist.ts.
 */
import type { Check } from '../checks/check-types';
import { deviceEnv, type RenderedCommand } from '../commands/command-types';
import { requirementText } from '../commands/flags';
import {
  VERSION_COMMANDS,
  VERSIONED_RUNTIMES,
  type VersionedRuntime,
} from '../commands/flags/runtime-version';
import { groupAssumptions } from '../group-assumptions';
import { gpusOnNode, type EngineMachine } from '../machine';
import type { PlanResult, Strategy } from '../planner/plan-types';
import { placementText } from '../slot-placement';
import type { UserInput } from '../user-inputs';

/** One line to tick; `inputs` are what the user can enter to settle it (each front end names them). */
export interface ChecklistTextItem {
  readonly text: string;
  readonly done?: boolean;
  readonly inputs?: readonly UserInput[];
}

export interface ChecklistSection {
  readonly title: string;
  /** Each item is one line; `code` items render as a code block. */
  readonly items: readonly (ChecklistTextItem | { readonly code: string })[];
}

export interface Checklist {
  readonly title: string;
  readonly summary: string;
  readonly sections: readonly ChecklistSection[];
  readonly checks: readonly Check[];
}

export interface ChecklistInput {
  readonly machine: EngineMachine;
  readonly plan: PlanResult;
  readonly strategy: Strategy;
  readonly checks: readonly Check[];
  readonly commands: readonly RenderedCommand[];
}

const FIT_WORDS: Readonly<Record<Strategy['fit'], (s: Strategy) => string>> = {
  gpu: () => 'fits on the GPUs',
  offload: (s) => `fits with ${(s.ramOffloadMiB / 1024).toFixed(1)} GiB in system RAM`,
  none: () => 'does not fit',
};

const range = (r: { low: number; high: number } | null): string =>
  r ? `${r.low.toFixed(0)}–${r.high.toFixed(0)}` : 'unknown';

/** One item per other machine of a cluster: its cards, and that its own PSU, slots and driver are not checked here. */
function otherMachines(machine: EngineMachine): ChecklistTextItem[] {
  return Array.from({ length: (machine.nodeCount ?? 1) - 1 }, (_, i) => {
    const gpus = gpusOnNode(machine, i + 1);
    return {
      text: `Machine ${i + 2}: ${gpus.map((g) => g.name).join(' + ')}, on ${machine.network?.name ?? 'the network'} — its own PSU, slots, cooling and driver are not checked here; run the capture there too.`,
      inputs: ['nodes'] as const,
    };
  });
}

function parts(input: ChecklistInput): ChecklistSection {
  const flagged = input.checks.filter(
    (c) =>
      (c.status === 'fail' || c.status === 'warn') && c.fix && ['power', 'cooling', 'slots'].includes(c.area),
  );
  // Two checks with the same fix (the power limit settles both sustained draw and peaks) are one part.
  const needs = flagged.filter((c, i) => flagged.findIndex((d) => d.fix === c.fix) === i);
  const others = otherMachines(input.machine);
  const cards = gpusOnNode(input.machine, 0).map((g) => {
    const cables =
      g.spec?.powerConnectors.map((c) => `${c.count}× ${c.type}`).join(' + ') || 'power connectors unknown';
    return { text: `GPU ${g.index}: ${g.name} (${cables})` };
  });
  return {
    title: 'Parts',
    items: [
      ...cards,
      ...others,
      ...needs.map((c) => ({
        text: `${c.fix} — because ${lower(c.reason)}`,
        ...(c.inputs ? { inputs: c.inputs } : {}),
      })),
    ],
  };
}

const lower = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function physical(input: ChecklistInput): ChecklistSection {
  const items = gpusOnNode(input.machine, 0).map((g) => {
    // The slot the card deserves is its own interface; `g.pcie` may be a narrower slot the user entered.
    const own =
      g.spec?.pcieGen && g.spec.pcieLanes ? { gen: g.spec.pcieGen, lanes: g.spec.pcieLanes } : g.pcie;
    const entered = g.placement ? ` (you entered: ${placementText(g.placement)}; see the slots check)` : '';
    const link = own
      ? `a slot wired for PCIe Gen${own.gen} x${own.lanes} (CPU-attached if you can)${entered}`
      : `a CPU-attached x16 slot${entered}`;
    const width = g.spec?.slotWidth
      ? `; it is ${g.spec.slotWidth} slots thick, so leave a free slot below it for air`
      : '';
    return { text: `Seat GPU ${g.index} (${g.name}) in ${link}${width}.` };
  });
  items.push({
    text: 'Use a separate PSU cable for each power connector; no daisy-chained pigtails on high-power cards.',
  });
  const cooling = input.checks.filter(
    (c) => c.area === 'cooling' && (c.status === 'warn' || c.status === 'fail') && c.fix,
  );
  return { title: 'Physical steps', items: [...items, ...cooling.map((c) => ({ text: c.fix }))] };
}

function bios(input: ChecklistInput): ChecklistSection {
  const multi = input.strategy.gpuIndices.length > 1;
  return {
    title: 'BIOS settings',
    items: [
      { text: 'Above 4G Decoding: Enabled (needed to map several large GPU memory windows).' },
      { text: 'Resizable BAR: Enabled where the board offers it.' },
      {
        text: 'PCIe slot speed: Auto or the highest generation every card supports (not Gen1/Gen2 compatibility modes).',
      },
      ...(multi
        ? [
            {
              text: 'If two cards share an x16 link, set that slot to x8/x8 bifurcation as the manual describes.',
            },
          ]
        : []),
    ],
  };
}

function software(input: ChecklistInput): ChecklistSection {
  const runtime = input.strategy.runtime;
  const install: Record<string, string> = {
    'llama.cpp': 'cmake -B build -DGGML_CUDA=ON && cmake --build build --config Release -j',
    ollama: 'curl -fsSL https://ollama.com/install.sh | sh',
    vllm: 'pip install vllm',
    sglang: 'pip install "sglang[all]"',
    exllamav2: 'git clone https://github.com/theroyallab/tabbyAPI && cd tabbyAPI && ./start.sh',
  };
  const nvidia = input.machine.gpus.some((g) => g.vendor === 'nvidia');
  return {
    title: 'Software',
    items: [
      ...(nvidia
        ? [{ text: 'Install the current NVIDIA driver and check that `nvidia-smi` lists every card.' }]
        : []),
      { text: `Install ${runtime}:` },
      { code: install[runtime] ?? `install ${runtime}` },
      ...needs(input).map((text) => ({ text: `The launch command ${text}.` })),
    ],
  };
}

/** The strategy's runtime as the version tables name it (ExLlama runs in TabbyAPI). */
const versionedRuntime = (runtime: string): VersionedRuntime | null =>
  runtime === 'exllamav2'
    ? 'tabbyapi'
    : (VERSIONED_RUNTIMES as readonly string[]).includes(runtime)
      ? (runtime as VersionedRuntime)
      : null;

/** "needs llama.cpp b7553 or newer (…)" for the launch commands, one line per distinct requirement. */
function needs(input: ChecklistInput): string[] {
  const chosen = input.commands.filter((c) => c.runtime === input.strategy.runtime && c.requires);
  return [
    ...new Set(
      chosen.map((c) => (c.requires ? requirementText(c.requires) : null)).filter((t): t is string => !!t),
    ),
  ];
}

function launch(input: ChecklistInput): ChecklistSection {
  const chosen = input.commands.filter((c) => c.runtime === input.strategy.runtime);
  const items = chosen.flatMap((c) => [
    ...(c.files ?? []).flatMap((f) => [{ text: `Write ${f.name}:` }, { code: f.content }]),
    { code: c.bash },
    ...c.notes.map((n) => ({ text: n })),
  ]);
  return {
    title: `Launch (${input.strategy.id})`,
    items: items.length ? items : [{ text: 'No command for this runtime.' }],
  };
}

/**
 * `llama-bench` with the strategy's own placement: the same `-ngl`, experts kept in RAM (`-ncmoe`),
 * split mode, tensor split (llama-bench separates its shares with `/`; a comma would make it a second
 * test) and KV cache types as the launch command (tools/llama-bench/README.md).
 */
function benchLine(s: Strategy): string {
  const l = s.llama;
  const multi = s.gpuIndices.length > 1;
  const mode = s.split === 'row' || s.split === 'tensor' ? s.split : 'layer';
  return [
    'llama-bench -m MODEL.gguf',
    `-ngl ${l?.ngl ?? 99}`,
    l && l.nCpuMoe > 0 ? `-ncmoe ${l.nCpuMoe}` : '',
    multi ? `-sm ${mode}` : '',
    multi && l?.tensorSplit && l.tensorSplit.length > 1 ? `-ts ${l.tensorSplit.join('/')}` : '',
    l && l.cacheTypeK !== 'f16' ? `-ctk ${l.cacheTypeK}` : '',
    l && l.cacheTypeV !== 'f16' ? `-ctv ${l.cacheTypeV}` : '',
    '-p 512 -n 128',
  ]
    .filter(Boolean)
    .join(' ');
}

function verify(input: ChecklistInput): ChecklistSection {
  const s = input.strategy;
  const bench = benchLine(s);
  const runtime = versionedRuntime(s.runtime);
  const required = needs(input);
  const vendor = input.machine.gpus.find((g) => g.index === s.gpuIndices[0])?.vendor ?? 'nvidia';
  const env = Object.entries(deviceEnv(s.gpuIndices, vendor))
    .map(([k, v]) => `${k}=${v} `)
    .join('');
  return {
    title: 'Verify',
    items: [
      ...(runtime
        ? [
            {
              text: `Runtime version${required.length ? `: the launch command ${required.join('; ')}` : ''}:`,
            },
            { code: VERSION_COMMANDS[runtime] },
          ]
        : []),
      { text: 'Topology: every card listed, pairs as expected (NV# over NVLink, PHB/NODE/SYS over PCIe):' },
      { code: 'nvidia-smi topo -m' },
      { text: 'Links under load (idle cards train down): generation and width should reach their maximum:' },
      {
        code: 'nvidia-smi --query-gpu=index,name,pcie.link.gen.current,pcie.link.gen.max,pcie.link.width.current,pcie.link.width.max --format=csv',
      },
      ...speedItems(input, `${env}${bench}`),
    ],
  };
}

/**
 * Speed: the plan's benchmark command (role `benchmark`) with the figures it should print, each with its
 * range; where the runtime has none the product reads, a llama-bench line with the same placement.
 */
function speedItems(input: ChecklistInput, fallback: string): ChecklistSection['items'] {
  const s = input.strategy;
  const bench = input.commands.find((c) => c.role === 'benchmark');
  if (!bench?.expected?.length)
    return [
      {
        text: `Speed: expect about ${range(s.decodeTokPerSec)} tok/s generation and ${range(s.prefillTokPerSec)} tok/s prompt processing:`,
      },
      { code: fallback },
    ];
  const each = bench.expected.map(
    (e) => `${e.test} ${e.tokPerSec.expected.toFixed(1)} (${range(e.tokPerSec)})`,
  );
  return [
    { text: `Speed: measure it, then compare with \`bench import\`; expected tok/s: ${each.join(', ')}:` },
    { code: bench.bash },
  ];
}

/**
 * What the numbers rest on that nobody measured (an assumed RAM bandwidth, a card the user named, a
 * slot the user entered): one item each (identical ones of several GPUs as one), to confirm before
 * buying or building on them.
 */
function assumed(input: ChecklistInput): ChecklistSection[] {
  const items = groupAssumptions(input.plan.assumptions).map((a) => ({
    text: `Confirm: ${a.text}`,
    inputs: a.inputs,
  }));
  return items.length ? [{ title: 'What the plan assumes', items }] : [];
}

export function buildChecklist(input: ChecklistInput): Checklist {
  const s = input.strategy;
  const model = input.plan.model;
  return {
    title: `Build checklist: ${model.name} ${model.quant} on ${input.machine.gpus.map((g) => g.name).join(' + ')}`,
    summary: `${s.id}: ${FIT_WORDS[s.fit](s)}, about ${range(s.decodeTokPerSec)} tok/s decode at ${input.plan.ctx} tokens of context (largest that fits: ${s.maxContext}).`,
    sections: [
      ...assumed(input),
      parts(input),
      physical(input),
      bios(input),
      software(input),
      launch(input),
      verify(input),
    ],
    checks: input.checks,
  };
}
