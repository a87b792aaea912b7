/**
 * One advisor, one truth: each contradiction issue 9 found, driven through the CLI (`plan`, `check`,
 * `upgrade` with `--json`) and through the pipeline function the renderer runs
 * (renderer/src/state/advisor-pipeline.ts) on the same input — and the answers compared. Where both
 * agree, the test also pins the answer itself (the strategy a check fails is never the one followed,
 * offload is a warning, power is one rule, MoE experts are planned, topology input counts).
 */
import { describe, expect, it } from 'vitest';
import { rankUpgrades } from '@shared/engine/advisor/upgrade';
import type { Check } from '@shared/engine/checks/check-types';
import type { PlanResult, Strategy } from '@shared/engine/planner/plan-types';
import { EMPTY_USER_NOTES, type UserNotes } from '@shared/engine/rig-notes';
import type { Suggestion } from '@shared/engine/suggestion-types';
import type { HardwareProfile } from '@shared/hardware/profile';
import { runCli } from '../../electron/cli/main';
import { createAdvisorPipeline, type AdvisorOutput } from '../../renderer/src/state/advisor-pipeline';
import {
  INITIAL_INPUTS,
  type AdvisorInputs,
  type MachineInputs,
} from '../../renderer/src/state/advisor-state';
import { captureProfile } from '../support/capture-dirs';
import { captureCliIo } from '../support/cli-io';

/** One situation, said both ways: CLI flags, and the app's inputs. */
interface Situation {
  readonly cli: readonly string[];
  readonly app: AdvisorInputs;
  readonly scanned?: HardwareProfile | null;
  readonly notes?: UserNotes;
}

async function cli<T>(command: string, args: readonly string[]): Promise<T> {
  const io = captureCliIo();
  const code = await runCli([command, ...args, '--json'], io);
  if (code !== 0) throw new Error(`${command} exited ${code}: ${io.stderr.join('\n')}`);
  return JSON.parse(io.stdout.join('\n')) as T;
}

const app = (s: Situation): AdvisorOutput =>
  createAdvisorPipeline()(s.app, s.scanned ?? null, s.notes ?? EMPTY_USER_NOTES);

/** A catalog build in the app: cards by catalog id, with the machine fields given. */
function build(
  cards: readonly string[],
  machine: Partial<MachineInputs> = {},
  rest: Partial<AdvisorInputs> = {},
) {
  const counts = new Map<string, number>();
  for (const c of cards) counts.set(c, (counts.get(c) ?? 0) + 1);
  return {
    ...INITIAL_INPUTS,
    machine: {
      ...INITIAL_INPUTS.machine,
      source: 'catalog' as const,
      cards: [...counts].map(([gpuId, count]) => ({ gpuId, count })),
      ...machine,
    },
    ...rest,
  };
}

const model = (id: string, quantKey: string): Partial<AdvisorInputs> => ({
  model: { kind: 'catalog', id },
  quantKey,
});

/** What both must agree on for a strategy: its verdict and its numbers. */
const verdictOf = (s: Strategy) => ({
  id: s.id,
  fit: s.fit,
  fits: s.fits,
  blockers: s.blockers,
  decode: s.decodeTokPerSec?.expected ?? null,
  prefill: s.prefillTokPerSec?.expected ?? null,
  ramOffloadMiB: s.ramOffloadMiB,
  tensorSplit: s.llama?.tensorSplit ?? null,
});

const checkOf = (c: Check) => ({ id: c.id, status: c.status, reason: c.reason });
const suggestionOf = (s: Suggestion) => ({ kind: s.kind, change: s.change, effect: s.effect });

type PlanJson = PlanResult & { followed: string | null; suggestions: Suggestion[] };

/** Plan, strategies, suggestions and checks from the CLI and from the app, compared; both returned. */
async function bothWays(s: Situation) {
  const plan = await cli<PlanJson>('plan', s.cli);
  const { checks } = await cli<{ checks: Check[] }>('check', s.cli);
  const out = app(s);
  expect(out.result, 'the app planned it').not.toBeNull();
  expect(out.result?.recommended).toBe(plan.recommended);
  expect(out.strategy?.id ?? null).toBe(plan.followed);
  expect(out.result?.strategies.map(verdictOf)).toEqual(plan.strategies.map(verdictOf));
  expect(out.suggestions.map(suggestionOf)).toEqual(plan.suggestions.map(suggestionOf));
  expect(out.checks.map(checkOf)).toEqual(checks.map(checkOf));
  return { plan, checks, out };
}

const find = <T extends { id: string }>(xs: readonly T[], id: string): T => {
  const x = xs.find((y) => y.id === id);
  if (!x) throw new Error(`${id} missing: ${xs.map((y) => y.id).join(', ')}`);
  return x;
};

describe('a strategy a check fails is never "fits", never recommended, and gives the check\'s reason', () => {
  it('vLLM tensor parallel on an RTX 3090 + Tesla P40 (compute capability 6.1)', async () => {
    const { plan, checks } = await bothWays({
      cli: [
        '--gpu',
        'RTX 3090',
        '--gpu',
        'Tesla P40',
        '--model',
        'llama-3.1-8b',
        '--quant',
        'awq',
        '--runtime',
        'vllm',
        '--split',
        'tp',
      ],
      app: build(
        ['rtx-3090', 'tesla-p40'],
        {},
        { ...model('llama-3.1-8b', 'vllm:awq'), runtime: 'vllm', split: 'tp' },
      ),
    });
    const tp2 = find(plan.strategies, 'vllm:tp2');
    expect(tp2).toMatchObject({ fits: false, fit: 'none', invalid: true });
    const compute = find(checks, 'software.compute');
    expect(compute.status).toBe('fail');
    expect(tp2.blockers).toEqual([{ check: 'software.compute', reason: compute.reason }]);
    expect(tp2.reasons[0]).toBe(compute.reason);
    expect(plan.recommended ?? '').not.toMatch(/tp2|pp2/);
    // What to do instead comes from the engine: the strategy the cards can run, re-planned.
    const instead = plan.suggestions.find((s) => s.kind === 'strategy' || s.kind === 'runtime');
    expect(instead?.effect.fit).toBe('gpu');
  });

  it('vLLM tensor parallel over a Gen3 x1 chipset slot: the slot check fails it, and prefill pays for the link', async () => {
    const { plan } = await bothWays({
      cli: [
        '--gpu',
        'RTX 3090',
        '--gpu',
        'RTX 3090',
        '--slot',
        '1:chipset:3x1',
        '--model',
        'llama-3.1-8b',
        '--quant',
        'awq',
        '--goal',
        'throughput',
      ],
      app: build(
        ['rtx-3090', 'rtx-3090'],
        { slots: [{ gpuIndex: 1, attachment: 'chipset', gen: 3, lanes: 1 }] },
        { ...model('llama-3.1-8b', 'vllm:awq'), goal: 'throughput' },
      ),
    });
    const tp2 = find(plan.strategies, 'vllm:tp2');
    expect(tp2.blockers.map((b) => b.check)).toEqual(['slots.link.gpu1']);
    expect(plan.recommended).not.toBe('vllm:tp2');
    // x1 Gen3 ≈ 1 GB/s carries 2 all-reduces per layer per prompt token: prefill far below the PCIe x16 one.
    const wide = await cli<PlanJson>('plan', [
      '--gpu',
      'RTX 3090',
      '--gpu',
      'RTX 3090',
      '--model',
      'llama-3.1-8b',
      '--quant',
      'awq',
      '--goal',
      'throughput',
    ]);
    expect(tp2.prefillTokPerSec!.expected).toBeLessThan(
      0.5 * find(wide.strategies, 'vllm:tp2').prefillTokPerSec!.expected,
    );
  });
});

describe('three fit states: offload is a warning with its cost, never a pass', () => {
  it('Llama 3.3 70B Q4_K_M on one RTX 3090 with 64 GiB of RAM', async () => {
    const { plan, checks } = await bothWays({
      cli: ['--gpu', 'RTX 3090', '--ram-gib', '64', '--model', 'llama-3.3-70b', '--quant', 'Q4_K_M'],
      app: build(['rtx-3090'], { ramGiB: 64 }, model('llama-3.3-70b', 'gguf:Q4_K_M')),
    });
    const followed = find(plan.strategies, plan.followed!);
    expect(followed.fit).toBe('offload');
    expect(followed.ramOffloadMiB).toBeGreaterThan(15 * 1024);
    expect(find(checks, 'capacity.fit').status).toBe('warn');
    const quant = plan.suggestions.find((s) => s.kind === 'quant');
    expect(quant?.effect.fit).toBe('gpu');
  });
});

describe('power is one rule: check, upgrade and the app give the same verdict for the same machine', () => {
  const upgradeArgs = [
    '--gpu',
    'RTX 3090',
    '--model',
    'llama-3.3-70b',
    '--quant',
    'Q4_K_M',
    '--psu-watts',
    '1000',
    '--price',
    'RTX 3090=750',
    '--ram-gib',
    '64',
  ];
  type UpgradeJson = {
    options: {
      gpu: string;
      status: string;
      feasible: boolean;
      power: { verdict: string; minPsuW: number };
      notes: string[];
    }[];
  };

  it('1× RTX 3090 + 70B Q4_K_M + 1000 W: a second 3090 is feasible with power limits — as check says for 2× 3090', async () => {
    const upgrade = await cli<UpgradeJson>('upgrade', upgradeArgs);
    const top = upgrade.options.find((o) => o.gpu === 'GeForce RTX 3090')!;
    expect(top.gpu).toBe('GeForce RTX 3090');
    expect(top).toMatchObject({ feasible: true, status: 'feasible', power: { verdict: 'power-limit' } });
    const twin: Situation = {
      cli: [
        '--gpu',
        'RTX 3090',
        '--gpu',
        'RTX 3090',
        '--model',
        'llama-3.3-70b',
        '--quant',
        'Q4_K_M',
        '--psu-watts',
        '1000',
        '--ram-gib',
        '64',
      ],
      app: build(['rtx-3090', 'rtx-3090'], { ramGiB: 64 }, model('llama-3.3-70b', 'gguf:Q4_K_M')),
      notes: { ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: 1000 } },
    };
    const { checks, out } = await bothWays(twin);
    expect(find(checks, 'power.sustained').status).toBe('warn');
    expect(find(checks, 'power.sustained').fix).toMatch(/sudo nvidia-smi -i 0 -pl \d+/);
    expect(out.power?.verdict).toBe(top.power.verdict);
    expect(out.power?.minPsuW).toBe(top.power.minPsuW);
  });

  it('the app ranks the same options from its own request', async () => {
    const upgrade = await cli<UpgradeJson>('upgrade', upgradeArgs);
    const notes = { ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: 1000 } };
    const out = app({
      cli: [],
      app: build(['rtx-3090'], { ramGiB: 64 }, model('llama-3.3-70b', 'gguf:Q4_K_M')),
      notes,
    });
    const ranked = rankUpgrades({
      request: out.request!,
      profile: null,
      notes,
      priceOverrides: { 'rtx-3090': 750 },
    });
    expect(ranked.options.map((o) => [o.gpu, o.status, o.power.verdict])).toEqual(
      upgrade.options.map((o) => [o.gpu, o.status, o.power.verdict]),
    );
  });

  it('upgrade takes --slot for the card it adds, and the slot reaches the checks', async () => {
    const upgrade = await cli<UpgradeJson & { slot: string }>('upgrade', [
      ...upgradeArgs,
      '--slot',
      '1:chipset:4x4',
    ]);
    expect(upgrade.slot).toBe('GPU 1 in the slot you entered: chipset Gen4 x4');
  });
});

describe('topology input is honoured everywhere', () => {
  it('--link nvlink (the app: link NVLink) satisfies the NVLink and P2P checks for tensor parallel', async () => {
    const { checks } = await bothWays({
      cli: [
        '--gpu',
        'RTX 3090',
        '--gpu',
        'RTX 3090',
        '--link',
        'nvlink',
        '--model',
        'llama-3.1-8b',
        '--quant',
        'awq',
        '--runtime',
        'vllm',
        '--split',
        'tp',
      ],
      app: build(
        ['rtx-3090', 'rtx-3090'],
        { link: 'nvlink' },
        { ...model('llama-3.1-8b', 'vllm:awq'), runtime: 'vllm', split: 'tp' },
      ),
    });
    expect(find(checks, 'software.p2p')).toMatchObject({ status: 'pass' });
    expect(find(checks, 'software.p2p').reason).toMatch(/NVLink \(as you entered\)/);
    expect(find(checks, 'software.nvlink')).toMatchObject({ status: 'pass' });
  });

  it("4× RTX 3090 without P2P: the P2P advice follows the plan's ranking (TP still fastest), not a fixed rule", async () => {
    const { plan, checks } = await bothWays({
      cli: [
        '--gpu',
        'RTX 3090',
        '--gpu',
        'RTX 3090',
        '--gpu',
        'RTX 3090',
        '--gpu',
        'RTX 3090',
        '--model',
        'llama-3.1-70b',
        '--quant',
        'awq',
        '--runtime',
        'vllm',
        '--split',
        'tp',
      ],
      app: build(
        ['rtx-3090', 'rtx-3090', 'rtx-3090', 'rtx-3090'],
        {},
        { ...model('llama-3.1-70b', 'vllm:awq'), runtime: 'vllm', split: 'tp' },
      ),
    });
    const tp4 = find(plan.strategies, 'vllm:tp4').decodeTokPerSec!.expected;
    const pp4 = find(plan.strategies, 'vllm:pp4').decodeTokPerSec!.expected;
    const p2p = find(checks, 'software.p2p');
    expect(p2p.status).toBe('warn');
    if (tp4 > pp4) expect(p2p.fix).toMatch(/vllm:tp4 is still predicted fastest/);
    else expect(p2p.fix).toMatch(/vllm:pp4 is predicted at/);
    expect(p2p.fix).not.toMatch(/Prefer a layer split/);
  });
});

describe('MoE placement is planned, not defaulted', () => {
  it('gpt-oss-120b on 2× RTX 3090 with --n-cpu-moe: both cards hold their share, and the second card adds speed', async () => {
    const common = [
      '--model',
      'gpt-oss-120b',
      '--quant',
      'MXFP4',
      '--ram-gib',
      '128',
      '--runtime',
      'llama.cpp',
    ];
    const { plan } = await bothWays({
      cli: ['--gpu', 'RTX 3090', '--gpu', 'RTX 3090', ...common],
      app: build(
        ['rtx-3090', 'rtx-3090'],
        { ramGiB: 128 },
        { ...model('gpt-oss-120b', 'gguf:MXFP4'), runtime: 'llama.cpp' },
      ),
    });
    const two = find(plan.strategies, plan.recommended!);
    expect(two.id).toBe('llama.cpp:moe-offload');
    for (const g of two.perGpu) expect(g.totalMiB / g.capacityMiB).toBeGreaterThan(0.7);
    expect(two.llama?.tensorSplit?.[0]).not.toBeCloseTo(0.5, 1);
    expect(two.reasons.join(' ')).toMatch(/keep the experts of \d+ of 36 layers in RAM/);
    const one = await cli<PlanJson>('plan', ['--gpu', 'RTX 3090', ...common]);
    const single = find(one.strategies, one.recommended!);
    expect(two.decodeTokPerSec!.expected).toBeGreaterThan(1.3 * single.decodeTokPerSec!.expected);
  });

  it('Qwen3-235B on 2× RTX 3090 with 192 GiB of RAM: experts in RAM, beating whole layers in RAM', async () => {
    const { plan } = await bothWays({
      cli: [
        '--gpu',
        'RTX 3090',
        '--gpu',
        'RTX 3090',
        '--ram-gib',
        '192',
        '--model',
        'qwen3-235b-a22b',
        '--quant',
        'Q4_K_M',
      ],
      app: build(['rtx-3090', 'rtx-3090'], { ramGiB: 192 }, model('qwen3-235b-a22b', 'gguf:Q4_K_M')),
    });
    expect(plan.recommended).toBe('llama.cpp:moe-offload');
    const experts = find(plan.strategies, 'llama.cpp:moe-offload');
    const layers = find(plan.strategies, 'llama.cpp:offload');
    expect(experts.decodeTokPerSec!.expected).toBeGreaterThan(layers.decodeTokPerSec!.expected);
    expect(experts.reasons.join(' ')).toMatch(/attention, shared weights and the KV cache stay on the GPUs/);
  });
});

describe('the same inputs reach the same stages', () => {
  it('a scanned machine (two RTX A5000) with a power limit entered: the same plan, checks and suggestions', async () => {
    await bothWays({
      cli: [
        '--replay',
        'fixtures/capture-dirs/dual-rtx-a5000',
        '--power-limit',
        '0:200',
        '--model',
        'llama-3.1-70b',
        '--quant',
        'Q4_K_M',
        '--psu-watts',
        '750',
      ],
      app: {
        ...INITIAL_INPUTS,
        machine: { ...INITIAL_INPUTS.machine, powerLimits: [{ gpuIndex: 0, watts: 200 }] },
        ...model('llama-3.1-70b', 'gguf:Q4_K_M'),
      },
      scanned: captureProfile('dual-rtx-a5000'),
      notes: { ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: 750 } },
    });
  });

  it('two machines over 10 GbE (the app: this build twice): the same cluster strategies and network-bound speeds', async () => {
    const { plan, out } = await bothWays({
      cli: [
        '--node',
        '2x RTX 3090',
        '--node',
        '2x RTX 3090',
        '--network',
        '10gbe',
        '--model',
        'llama-3.1-70b',
        '--quant',
        'Q8_0',
        '--ram-gib',
        '64',
      ],
      app: build(
        ['rtx-3090', 'rtx-3090'],
        { ramGiB: 64 },
        { ...model('llama-3.1-70b', 'gguf:Q8_0'), nodes: { count: 2, headAddress: '', network: '10gbe' } },
      ),
    });
    const rpc = find(plan.strategies, 'llama.cpp:rpc');
    expect(rpc).toMatchObject({ fit: 'gpu', nodes: 2 });
    expect(plan.recommended).toBe('llama.cpp:rpc');
    expect(rpc.reasons.join(' ')).toMatch(/10 Gigabit Ethernet/);
    expect(out.commands.map((c) => c.role)).toEqual(expect.arrayContaining(['worker', 'head']));
  });
});
