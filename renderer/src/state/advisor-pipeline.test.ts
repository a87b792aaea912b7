/**
 * The renderer's pipeline against the CLI's: the same inputs through `advise()` (the one advisor the
 * CLI calls) give the same plan, strategy, power verdict, suggestions, checks, commands and checklist —
 * and each stage is recomputed only when its inputs change.
 */
import { describe, expect, it } from 'vitest';
import { COMPUTE_POINT } from '../../../test/support/calibration-points';
import { advise } from '@shared/engine/advisor/advise';
import { EMPTY_USER_NOTES, type UserNotes } from '@shared/settings/settings-schema';
import type { HardwareProfile } from '@shared/hardware/profile';
import { fixtureProfile, modelConfigText } from '../test-support/fixture-profile';
import {
  commandRequestOf,
  createAdvisorPipeline,
  llamaOf,
  machineOf,
  modelOf,
  runOf,
} from './advisor-pipeline';
import {
  advisorReducer,
  INITIAL_INPUTS,
  NO_CALIBRATION,
  type AdvisorInputs,
  type LlamaPins,
} from './advisor-state';

const a5000 = fixtureProfile('dual-rtx-a5000');
const inputs: AdvisorInputs = { ...INITIAL_INPUTS, model: { kind: 'catalog', id: 'llama-3.1-70b' } };

/** What `advise` gives for the same machine, model, choices and notes as the wizard's inputs. */
function advised(state: AdvisorInputs, scanned: HardwareProfile | null, notes: UserNotes) {
  const m = machineOf(state.machine, scanned, state.nodes);
  const e = modelOf(state.model, state.quantKey);
  if (!m.machine || !e.model) throw new Error(m.error ?? e.error ?? 'no machine or model');
  return advise({
    machine: m.machine,
    profile: m.profile,
    model: e.model,
    run: runOf(state),
    notes,
    strategyId: state.strategyId,
    commands: commandRequestOf(state.modelPath, state.nodes, state.runtimeVersions),
  });
}

const onePsu = (watts: number): UserNotes => ({
  ...EMPTY_USER_NOTES,
  psu: { ...EMPTY_USER_NOTES.psu, watts },
});
const oneCard3090: AdvisorInputs = {
  ...inputs,
  machine: {
    ...INITIAL_INPUTS.machine,
    source: 'catalog',
    cards: [{ gpuId: 'rtx-3090', count: 1 }],
    ramGiB: 64,
  },
};

describe('the pipeline gives what advise() gives', () => {
  const cases: readonly [string, AdvisorInputs, HardwareProfile | null, UserNotes][] = [
    ['dual RTX A5000 scanned, 70B Q4_K_M, nothing entered', inputs, a5000, EMPTY_USER_NOTES],
    [
      'dual RTX A5000, llama.cpp:layer picked, q8_0 cache, a model path, llama.cpp b6000 and a 300 W PSU (a PSU suggestion)',
      [
        { type: 'split', split: 'layer' } as const,
        { type: 'llamaPins', patch: { cacheType: 'q8_0' } } as const,
        { type: 'strategy', id: 'llama.cpp:layer' } as const,
        { type: 'modelPath', path: '/m/70b.gguf' } as const,
        { type: 'runtimeVersion', runtime: 'llama.cpp', version: 'b6000' } as const,
      ].reduce(advisorReducer, inputs),
      a5000,
      onePsu(300),
    ],
    [
      'one RTX 3090 from the catalog with 64 GiB of RAM (partly in RAM, a quantization suggestion)',
      oneCard3090,
      null,
      EMPTY_USER_NOTES,
    ],
    [
      'two machines of dual RTX A5000 over 10 GbE, following llama.cpp:rpc (head and worker commands)',
      [
        { type: 'nodes', nodes: { count: 2, network: '10gbe', headAddress: '10.0.0.1' } } as const,
        { type: 'strategy', id: 'llama.cpp:rpc' } as const,
      ].reduce(advisorReducer, inputs),
      a5000,
      EMPTY_USER_NOTES,
    ],
    [
      'dual RTX A5000 at power limits of 180 W and 200 W with a 600 W PSU',
      [
        { type: 'powerLimit', gpuIndex: 0, watts: 180 } as const,
        { type: 'powerLimit', gpuIndex: 1, watts: 200 } as const,
      ].reduce(advisorReducer, inputs),
      a5000,
      onePsu(600),
    ],
  ];
  it.each(cases)('%s', (_, state, scanned, notes) => {
    const out = createAdvisorPipeline()(state, scanned, notes);
    const advice = advised(state, scanned, notes);
    expect(out.request).toEqual(advice.request);
    expect(out.result).toEqual(advice.plan);
    expect(out.strategy).toEqual(advice.strategy);
    expect(out.power).toEqual(advice.power);
    expect(out.suggestions).toEqual(advice.suggestions);
    expect(out.checks).toEqual(advice.checks);
    expect(out.commands).toEqual(advice.commands);
    expect(out.checklist).toEqual(advice.checklist);
  });

  it('the cases show what they are about: suggestions, offload, cluster roles, entered limits', () => {
    const [, pinned, , cluster, limited] = cases.map(([, state, scanned, notes]) =>
      createAdvisorPipeline()(state, scanned, notes),
    );
    expect(pinned?.power?.verdict).toBe('bigger-psu');
    expect(pinned?.suggestions.map((x) => x.kind)).toContain('psu');
    // The llama.cpp version entered reaches the commands: b6000 spells "all layers" -ngl 999.
    expect(pinned?.commands.find((c) => c.runtime === 'llama.cpp')?.argv.join(' ')).toMatch(/-ngl 999/);
    const offload = createAdvisorPipeline()(oneCard3090, null, EMPTY_USER_NOTES);
    expect(offload.strategy?.fit).toBe('offload');
    expect(offload.suggestions.map((x) => x.kind)).toContain('quant');
    expect(cluster?.strategy?.nodes).toBe(2);
    expect(new Set(cluster?.commands.map((c) => c.role))).toEqual(new Set(['head', 'worker']));
    expect(limited?.machine.machine?.gpus.map((g) => g.power.limitW)).toEqual([180, 200]);
  });

  it('fits on 2 × 24 GB, with both cards in the followed strategy', () => {
    const out = createAdvisorPipeline()(inputs, a5000, EMPTY_USER_NOTES);
    expect(out.strategy?.fits).toBe(true);
    expect(out.strategy?.perGpu.map((g) => g.capacityMiB)).toEqual([24564, 24564]);
    expect(out.checks.find((c) => c.id === 'capacity.fit')?.status).toBe('pass');
    expect(out.checks.find((c) => c.id === 'power.sustained')?.status).toBe('unknown');
  });

  it('follows a picked strategy through checks, commands and checklist', () => {
    const picked = advisorReducer(inputs, { type: 'strategy', id: 'llama.cpp:layer' });
    const out = createAdvisorPipeline()(picked, a5000, EMPTY_USER_NOTES);
    expect(out.strategy?.id).toBe('llama.cpp:layer');
    expect(out.commands[0]?.bash).toContain('-sm layer');
    expect(out.checklist?.summary).toMatch(/^llama\.cpp:layer:/);
  });

  it('recomputes only what an input change reaches', () => {
    const run = createAdvisorPipeline();
    const first = run(inputs, a5000, EMPTY_USER_NOTES);
    expect(run(inputs, a5000, EMPTY_USER_NOTES)).toBe(first);

    const psu = { ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: 1000 } };
    const noted = run(inputs, a5000, psu);
    expect(noted.result).toBe(first.result);
    expect(noted.checks).not.toBe(first.checks);
    expect(noted.checks.find((c) => c.id === 'power.sustained')?.status).toBe('pass');

    const byContext = advisorReducer(inputs, { type: 'goal', goal: 'context' });
    const goal = run(byContext, a5000, psu);
    expect(goal.model).toBe(first.model);
    expect(goal.machine).toBe(first.machine);
    expect(goal.result).not.toBe(first.result);
    expect(goal.result?.goal).toBe('context');

    const path = run(advisorReducer(byContext, { type: 'modelPath', path: '/m/70b.gguf' }), a5000, psu);
    expect(path.result).toBe(goal.result);
    expect(path.checks).toBe(goal.checks);
    expect(path.commands[0]?.bash).toContain('/m/70b.gguf');
  });

  it('plans a catalog build with the link and RAM given, and says when there are no cards', () => {
    const m = machineOf(
      {
        source: 'catalog',
        cards: [{ gpuId: 'rtx-3090', count: 2 }],
        link: 'nvlink',
        ramGiB: 64,
        ramGBs: 80,
        slots: [],
        identities: [],
        powerLimits: [],
        customGpus: [],
        calibration: NO_CALIBRATION,
      },
      a5000,
    );
    expect(m.profile).toBeNull();
    expect(m.machine?.gpus.map((g) => g.name)).toEqual(['GeForce RTX 3090', 'GeForce RTX 3090']);
    expect(m.machine?.links[0]?.kind).toBe('nvlink');
    expect(m.machine?.ramMiB).toBe(64 * 1024);
    expect(m.machine?.ramBandwidthGBs).toBe(80);
    expect(machineOf({ ...INITIAL_INPUTS.machine, source: 'catalog' }, a5000).error).toMatch(
      /at least one GPU/,
    );
    expect(machineOf(INITIAL_INPUTS.machine, null).error).toMatch(/not been read/);
  });

  it('memory points alone calibrate the machine the planner sees; turned off, none does', () => {
    const memory = [COMPUTE_POINT];
    const build = {
      ...INITIAL_INPUTS.machine,
      source: 'catalog' as const,
      cards: [{ gpuId: 'rtx-3090', count: 1 }],
      calibration: { enabled: true, points: [], memory },
    };
    expect(machineOf(build, null).machine?.calibration?.memory).toEqual(memory);
    const off = { ...build, calibration: { ...build.calibration, enabled: false } };
    expect(machineOf(off, null).machine?.calibration ?? null).toBeNull();
  });

  it('an entered slot reaches the machine and the checks: GPU 1 on a chipset Gen4 x4 slot under the tensor split warns', () => {
    const tensor = [
      { type: 'split', split: 'tensor' } as const,
      { type: 'slot', placement: { gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 4 } } as const,
    ].reduce(advisorReducer, inputs);
    const out = createAdvisorPipeline()(tensor, a5000, EMPTY_USER_NOTES);
    expect(out.machine.machine?.gpus[1]?.pcie).toEqual({ gen: 4, lanes: 4 });
    const link = out.checks.find((c) => c.id === 'slots.link.gpu1');
    expect(link?.status).toBe('warn');
    expect(link?.reason).toMatch(/you entered chipset Gen4 x4; the scan measured Gen4 x16/);
  });

  it('a catalog build uses the slots entered for its cards, and ignores one for a card it lacks', () => {
    const m = machineOf(
      {
        ...INITIAL_INPUTS.machine,
        source: 'catalog',
        cards: [{ gpuId: 'rtx-3090', count: 2 }],
        slots: [
          { gpuIndex: 1, attachment: 'cpu', gen: 3, lanes: 8 },
          { gpuIndex: 3, attachment: 'chipset', gen: 4, lanes: 4 },
        ],
      },
      a5000,
    );
    expect(m.machine?.gpus.map((g) => g.pcie)).toEqual([
      { gen: 4, lanes: 16 },
      { gen: 3, lanes: 8 },
    ]);
  });

  it('imports a config.json with its own format, or at a chosen quantization, and names a bad one', () => {
    const config = JSON.parse(modelConfigText('llama-3.1-8b.config.json'));
    const own = modelOf({ kind: 'config', label: 'Llama-3.1-8B', config }, null);
    expect(own.error).toBeNull();
    expect(own.model?.spec.layers).toBe(32);
    const q4 = modelOf({ kind: 'config', label: 'Llama-3.1-8B', config }, 'gguf:Q4_K_M');
    expect(q4.model?.quantLabel).toBe('Q4_K_M');
    expect(modelOf({ kind: 'config', label: 'x', config: { hello: 1 } }, null).error).toBeTruthy();
  });
});

describe('llama.cpp pins on dual-rtx-a5000 with Llama 3.1 70B Q4_K_M, layer split', () => {
  const layer = advisorReducer(inputs, { type: 'split', split: 'layer' });
  const pinned = (patch: Partial<LlamaPins>) =>
    createAdvisorPipeline()(advisorReducer(layer, { type: 'llamaPins', patch }), a5000, EMPTY_USER_NOTES);
  const unpinned = createAdvisorPipeline()(layer, a5000, EMPTY_USER_NOTES);

  it('follows llama.cpp:layer with an even split and f16 cache when nothing is pinned', () => {
    expect(unpinned.strategy?.id).toBe('llama.cpp:layer');
    expect(unpinned.request?.llama).toEqual({});
    expect(unpinned.strategy?.llama?.cacheTypeK).toBe('f16');
  });

  it('a q8_0 KV cache lowers the KV cache on every GPU, holds a longer context, and reaches -ctk/-ctv', () => {
    const q8 = pinned({ cacheType: 'q8_0' });
    expect(q8.request?.llama).toEqual({ cacheTypeK: 'q8_0', cacheTypeV: 'q8_0' });
    expect(q8.strategy?.id).toBe('llama.cpp:layer');
    q8.strategy?.perGpu.forEach((gpu, i) =>
      expect(gpu.kvCacheMiB).toBeLessThan(0.6 * unpinned.strategy!.perGpu[i]!.kvCacheMiB),
    );
    expect(q8.strategy!.maxContext).toBeGreaterThan(unpinned.strategy!.maxContext);
    expect(q8.commands[0]?.bash).toContain('-ctk q8_0');
    expect(q8.commands[0]?.bash).toContain('-ctv q8_0');
  });

  it('a tensor split 3,1 moves weights toward GPU 0 and reaches -ts', () => {
    const split = pinned({ tensorSplit: [3, 1] });
    expect(split.request?.llama).toEqual({ tensorSplit: [3, 1] });
    const [gpu0, gpu1] = split.strategy!.perGpu;
    const [even0, even1] = unpinned.strategy!.perGpu;
    expect(gpu0!.weightsMiB).toBeGreaterThan(even0!.weightsMiB);
    expect(gpu1!.weightsMiB).toBeLessThan(even1!.weightsMiB);
    expect(gpu0!.weightsMiB).toBeGreaterThan(2 * gpu1!.weightsMiB);
    expect(split.commands[0]?.bash).toContain('-ts 0.75,0.25');
  });

  it('a split with another number of shares than the machine has GPUs is passed on, and the plan says it is not used', () => {
    const three = pinned({ tensorSplit: [3, 1, 1] });
    expect(three.request?.llama).toEqual({ tensorSplit: [3, 1, 1] });
    const layer = (r: typeof three) => r.result?.strategies.find((x) => x.id === 'llama.cpp:layer');
    expect(layer(three)?.perGpu).toEqual(layer(unpinned)?.perGpu);
    expect(layer(three)?.warnings[0]).toMatch(/3 shares for 2 GPUs: not used/);
    expect(llamaOf({ cacheType: 'q4_0', tensorSplit: null })).toEqual({
      cacheTypeK: 'q4_0',
      cacheTypeV: 'q4_0',
    });
  });

  it('a pin re-plans from the same machine and model; a model path leaves the request alone', () => {
    const run = createAdvisorPipeline();
    const first = run(layer, a5000, EMPTY_USER_NOTES);
    const q4 = advisorReducer(layer, { type: 'llamaPins', patch: { cacheType: 'q4_0' } });
    const second = run(q4, a5000, EMPTY_USER_NOTES);
    expect(second.machine).toBe(first.machine);
    expect(second.model).toBe(first.model);
    expect(second.result).not.toBe(first.result);
    expect(second.strategy?.llama?.cacheTypeV).toBe('q4_0');
    const third = run(advisorReducer(q4, { type: 'modelPath', path: '/m/x.gguf' }), a5000, EMPTY_USER_NOTES);
    expect(third.request).toBe(second.request);
    expect(third.result).toBe(second.result);
  });
});

describe('advisor pipeline on club3090-2x-rtx3090-h12ssl (the capture did not name its GPUs)', () => {
  const club3090 = fixtureProfile('club3090-2x-rtx3090-h12ssl');
  const scan = INITIAL_INPUTS.machine;
  const both = [
    { gpuIndex: 0, gpuId: 'rtx-3090' },
    { gpuIndex: 1, gpuId: 'rtx-3090' },
  ];

  it('has no machine until each GPU is identified, and says how to fix it on the Machine step', () => {
    const m = machineOf(scan, club3090);
    expect(m.machine).toBeNull();
    expect(m.profile).toBe(club3090);
    expect(m.error).toBe(
      'The capture did not name GPU 0 and GPU 1 or report their memory, so the plan cannot know how much fits: pick which card each is on the Machine step ("Which card is GPU 0?").',
    );
    expect(machineOf({ ...scan, identities: [both[0]!] }, club3090).error).toBe(
      'The capture did not name GPU 1 or report its memory, so the plan cannot know how much fits: pick which card it is on the Machine step ("Which card is GPU 1?").',
    );
    const out = createAdvisorPipeline()(inputs, club3090, EMPTY_USER_NOTES);
    expect(out.result).toBeNull();
    expect(out.checks).toEqual([]);
  });

  it('plans the cards the user named: 70B Q4_K_M fits (llama.cpp tensor mode, the fastest here)', () => {
    const out = createAdvisorPipeline()(
      { ...inputs, machine: { ...scan, identities: both } },
      club3090,
      EMPTY_USER_NOTES,
    );
    expect(out.machine.machine?.gpus.map((g) => g.name)).toEqual(['GeForce RTX 3090', 'GeForce RTX 3090']);
    expect(out.strategy?.id).toBe('llama.cpp:tensor');
    expect(out.strategy?.fits).toBe(true);
    expect(out.checks.find((c) => c.id === 'capacity.fit')?.status).toBe('pass');
  });

  it('ignores identities kept from another capture for GPUs this capture named', () => {
    const m = machineOf({ ...scan, identities: both }, a5000);
    expect(m.error).toBeNull();
    expect(m.machine?.gpus.map((g) => g.name)).toEqual(['NVIDIA RTX A5000', 'NVIDIA RTX A5000']);
  });

  it('says so when an identity names a card no longer in the catalog', () => {
    const m = machineOf({ ...scan, identities: [{ gpuIndex: 0, gpuId: 'rtx-9999' }, both[1]!] }, club3090);
    expect(m.machine).toBeNull();
    expect(m.error).toBe('"rtx-9999" is not a GPU catalog id or a card you described.');
  });
});
