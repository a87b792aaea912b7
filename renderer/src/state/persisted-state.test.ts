import { describe, expect, it } from 'vitest';
import { COMPUTE_POINT } from '../../../test/support/calibration-points';
import { appStateSchema, parseAppState } from '@shared/settings/app-state';
import { advisorReducer, INITIAL_INPUTS, type AdvisorInputs } from './advisor-state';
import { actionsFromAppState, toAppState } from './persisted-state';

describe('persisted flow state', () => {
  it('round-trips model, quantization, context, goal, pins, llama.cpp pins, a catalog build and its slots through AppState', () => {
    const edited: AdvisorInputs = [
      { type: 'machine', patch: { source: 'catalog', cards: [{ gpuId: 'rtx-3090', count: 2 }] } } as const,
      { type: 'slot', placement: { gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 4 } } as const,
      { type: 'slot', placement: { gpuIndex: 0, attachment: 'cpu', gen: null, lanes: null } } as const,
      { type: 'model', model: { kind: 'catalog', id: 'llama-3.1-70b' } } as const,
      { type: 'quant', key: 'gguf:IQ4_XS' } as const,
      { type: 'ctx', ctx: 16384 } as const,
      { type: 'goal', goal: 'context' } as const,
      { type: 'split', split: 'layer' } as const,
      { type: 'llamaPins', patch: { cacheType: 'q8_0', tensorSplit: [3, 1] } } as const,
      { type: 'runtimeVersion', runtime: 'llama.cpp', version: 'b6000' } as const,
      // Being typed: not a version yet, so not kept.
      { type: 'runtimeVersion', runtime: 'vllm', version: 'v0.' } as const,
    ].reduce(advisorReducer, INITIAL_INPUTS);
    const saved = toAppState(edited, 'strategy');
    expect(saved).toMatchObject({
      step: 'strategy',
      modelId: 'llama-3.1-70b',
      quant: 'IQ4_XS',
      ctx: 16384,
      goal: 'context',
      split: 'layer',
      machineSource: { kind: 'planned', gpus: ['rtx-3090', 'rtx-3090'] },
      slots: [
        { gpuIndex: 0, attachment: 'cpu', gen: null, lanes: null },
        { gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 4 },
      ],
      llamaPins: { cacheType: 'q8_0', tensorSplit: [3, 1] },
      runtimeVersions: { 'llama.cpp': 'b6000' },
    });
    expect(appStateSchema.parse(saved)).toEqual(saved);
    const restored = actionsFromAppState(saved).reduce(advisorReducer, INITIAL_INPUTS);
    expect(toAppState(restored, 'strategy')).toEqual(saved);
  });

  it('round-trips the cards named for GPUs a capture did not name, and forgets one set to none', () => {
    const named = [
      { type: 'identity', gpuIndex: 1, gpuId: 'rtx-3090' } as const,
      { type: 'identity', gpuIndex: 0, gpuId: 'rtx-4090' } as const,
      { type: 'identity', gpuIndex: 0, gpuId: 'rtx-3090' } as const,
    ].reduce(advisorReducer, INITIAL_INPUTS);
    const saved = toAppState(named, 'machine');
    expect(saved.identities).toEqual([
      { gpuIndex: 0, gpuId: 'rtx-3090' },
      { gpuIndex: 1, gpuId: 'rtx-3090' },
    ]);
    expect(appStateSchema.parse(saved)).toEqual(saved);
    const restored = actionsFromAppState(saved).reduce(advisorReducer, INITIAL_INPUTS);
    expect(restored.machine.identities).toEqual(saved.identities);
    const forgot = advisorReducer(named, { type: 'identity', gpuIndex: 0, gpuId: null });
    expect(toAppState(forgot, 'machine').identities).toEqual([{ gpuIndex: 1, gpuId: 'rtx-3090' }]);
    expect(
      actionsFromAppState({ modelId: 'llama-3.1-70b' }).reduce(advisorReducer, INITIAL_INPUTS).machine
        .identities,
    ).toEqual([]);
  });

  it('round-trips "same card as GPU 0" with the identities, and a state saved before it loads with each GPU on its own', () => {
    const named = [
      { type: 'identity', gpuIndex: 0, gpuId: 'mi300x', alsoFor: [1, 2] } as const,
      { type: 'identity', gpuIndex: 2, gpuId: 'mi300x' } as const,
    ].reduce(advisorReducer, INITIAL_INPUTS);
    const saved = toAppState(named, 'machine');
    expect(saved.identities).toEqual([
      { gpuIndex: 0, gpuId: 'mi300x' },
      { gpuIndex: 1, gpuId: 'mi300x', sameAs: 0 },
      { gpuIndex: 2, gpuId: 'mi300x' },
    ]);
    // Through the settings file as JSON, and back.
    const reloaded = parseAppState(JSON.parse(JSON.stringify(saved)));
    expect(reloaded.dropped).toEqual([]);
    const restored = actionsFromAppState(reloaded.state).reduce(advisorReducer, INITIAL_INPUTS);
    expect(restored.machine.identities).toEqual(saved.identities);
    // Saved before the follow state existed: the same cards, nobody following.
    const old = parseAppState({
      identities: [
        { gpuIndex: 0, gpuId: 'mi300x' },
        { gpuIndex: 1, gpuId: 'mi300x' },
      ],
    });
    expect(old.dropped).toEqual([]);
    expect(actionsFromAppState(old.state).reduce(advisorReducer, INITIAL_INPUTS).machine.identities).toEqual([
      { gpuIndex: 0, gpuId: 'mi300x' },
      { gpuIndex: 1, gpuId: 'mi300x' },
    ]);
    // A GPU cannot follow itself.
    expect(parseAppState({ identities: [{ gpuIndex: 1, gpuId: 'mi300x', sameAs: 1 }] }).dropped).toEqual([
      'identities',
    ]);
  });

  it('round-trips a card the catalog lacks and a build that uses it; a malformed one is refused by the schema', () => {
    const w7900 = {
      name: 'Radeon Pro W7900',
      vramGiB: 48,
      bandwidthGBs: 864,
      boardPowerW: 295,
      fp16Tflops: null,
      pcie: null,
      hbm: false,
    };
    const build = advisorReducer(INITIAL_INPUTS, {
      type: 'machine',
      patch: {
        source: 'catalog',
        customGpus: [w7900],
        cards: [{ gpuId: 'custom-radeon-pro-w7900', count: 2 }],
      },
    });
    const saved = toAppState(build, 'machine');
    expect(saved.customGpus).toEqual([w7900]);
    expect(saved.machineSource).toEqual({
      kind: 'planned',
      gpus: ['custom-radeon-pro-w7900', 'custom-radeon-pro-w7900'],
    });
    expect(appStateSchema.parse(saved)).toEqual(saved);
    const restored = actionsFromAppState(saved).reduce(advisorReducer, INITIAL_INPUTS);
    expect(restored.machine.customGpus).toEqual([w7900]);
    expect(restored.machine.cards).toEqual([{ gpuId: 'custom-radeon-pro-w7900', count: 2 }]);
    expect(appStateSchema.safeParse({ customGpus: [{ ...w7900, bandwidthGBs: 0 }] }).success).toBe(false);
  });

  it('round-trips the machine’s measured runs and whether they are used; an opened capture keeps none', () => {
    const point = {
      runtime: 'llama.cpp' as const,
      phase: 'decode' as const,
      gpus: ['rtx-3090', 'rtx-3090'],
      split: 'layer' as const,
      ramOffload: false,
      model: 'Llama 3.1 70B',
      quant: 'Q4_K_M',
      kv: 'f16/f16 fa',
      activeWeightGiB: 39.6,
      depth: 64,
      concurrency: 1,
      measuredTokPerSec: 17.2,
      predictedTokPerSec: 15.9,
      source: 'bench.md, build b6000',
    };
    const edited = advisorReducer(INITIAL_INPUTS, {
      type: 'machine',
      patch: { calibration: { enabled: false, points: [point] } },
    });
    const saved = toAppState(edited, 'strategy');
    expect(saved.calibration).toEqual({ enabled: false, points: [point] });
    expect(appStateSchema.parse(saved)).toEqual(saved);
    const restored = actionsFromAppState(saved).reduce(advisorReducer, INITIAL_INPUTS);
    expect(restored.machine.calibration).toEqual({ enabled: false, points: [point] });
    expect(toAppState(edited, 'strategy', { kind: 'opened-capture' }).calibration?.points).toEqual([]);
    expect(
      appStateSchema.safeParse({
        calibration: { enabled: true, points: [{ ...point, measuredTokPerSec: -1 }] },
      }).success,
    ).toBe(false);
  });

  it('keeps the load logs’ memory points too, and a state with only memory points restores them', () => {
    const memory = [COMPUTE_POINT];
    const edited = advisorReducer(INITIAL_INPUTS, {
      type: 'machine',
      patch: { calibration: { enabled: true, points: [], memory } },
    });
    const saved = toAppState(edited, 'strategy');
    expect(saved.calibration).toEqual({ enabled: true, points: [], memory });
    expect(appStateSchema.parse(saved)).toEqual(saved);
    const restored = actionsFromAppState(saved).reduce(advisorReducer, INITIAL_INPUTS);
    expect(restored.machine.calibration.memory).toEqual(memory);
  });

  it('round-trips power limits and several machines; an opened capture keeps no power limits', () => {
    const edited = [
      { type: 'powerLimit', gpuIndex: 1, watts: 250 } as const,
      { type: 'powerLimit', gpuIndex: 0, watts: 280 } as const,
      { type: 'powerLimit', gpuIndex: 0, watts: null } as const,
      { type: 'nodes', nodes: { count: 3, network: 'ib-hdr', headAddress: '10.0.0.1' } } as const,
    ].reduce(advisorReducer, INITIAL_INPUTS);
    const saved = toAppState(edited, 'strategy');
    expect(saved).toMatchObject({
      powerLimits: [{ gpuIndex: 1, watts: 250 }],
      nodes: { count: 3, network: 'ib-hdr', headAddress: '10.0.0.1' },
    });
    expect(appStateSchema.parse(saved)).toEqual(saved);
    const restored = actionsFromAppState(saved).reduce(advisorReducer, INITIAL_INPUTS);
    expect(toAppState(restored, 'strategy')).toEqual(saved);
    expect(toAppState(edited, 'strategy', { kind: 'opened-capture' }).powerLimits).toEqual([]);
    expect(toAppState(INITIAL_INPUTS, 'model').nodes).toBeNull();
  });

  it('a slot entry with nothing entered removes that GPU from the saved slots', () => {
    const cleared = [
      { type: 'slot', placement: { gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 4 } } as const,
      { type: 'slot', placement: { gpuIndex: 1, attachment: null, gen: null, lanes: null } } as const,
    ].reduce(advisorReducer, INITIAL_INPUTS);
    expect(toAppState(cleared, 'machine').slots).toEqual([]);
  });

  it('saves no llama.cpp pins as nulls, and a state saved before them restores none', () => {
    expect(toAppState(INITIAL_INPUTS, 'model').llamaPins).toEqual({ cacheType: null, tensorSplit: null });
    const old = actionsFromAppState({ modelId: 'llama-3.1-70b', split: 'layer' });
    expect(old.some((a) => a.type === 'llamaPins')).toBe(false);
    expect(old.reduce(advisorReducer, INITIAL_INPUTS).llamaPins).toBe(INITIAL_INPUTS.llamaPins);
  });

  it('keeps the saved machine shown as this machine, but not when a catalog build is planned', () => {
    const shown = toAppState(INITIAL_INPUTS, 'checks', { kind: 'saved', id: 'm-123' });
    expect(shown.machineSource).toEqual({ kind: 'saved', machineId: 'm-123' });
    expect(appStateSchema.safeParse(shown).success).toBe(true);
    expect(toAppState(INITIAL_INPUTS, 'checks').machineSource).toEqual({ kind: 'scan' });
    const build = advisorReducer(INITIAL_INPUTS, {
      type: 'machine',
      patch: { source: 'catalog', cards: [{ gpuId: 'rtx-4090', count: 1 }] },
    });
    expect(toAppState(build, 'checks', { kind: 'saved', id: 'm-123' }).machineSource).toEqual({
      kind: 'planned',
      gpus: ['rtx-4090'],
    });
    // Reopening a saved machine is the caller's job (it needs the list): no reducer action for it.
    expect(actionsFromAppState({ machineSource: { kind: 'saved', machineId: 'm-123' } })).toEqual([]);
  });

  it('does not keep the slots and card identities entered for a capture the user opened (a restart does not reopen it)', () => {
    const slot = { gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 4 } as const;
    const inputs = advisorReducer(INITIAL_INPUTS, { type: 'slot', placement: slot });
    expect(toAppState(inputs, 'checks', { kind: 'opened-capture' })).toMatchObject({
      machineSource: { kind: 'scan' },
      slots: [],
      identities: [],
    });
    expect(toAppState(inputs, 'checks', { kind: 'start-up' }).slots).toEqual([slot]);
    expect(toAppState(inputs, 'checks', { kind: 'saved', id: 'm-1' }).slots).toEqual([slot]);
    // A catalog build's slots are its own, whatever the scan shows.
    const build = [
      { type: 'machine', patch: { source: 'catalog', cards: [{ gpuId: 'rtx-3090', count: 2 }] } } as const,
      { type: 'slot', placement: slot } as const,
    ].reduce(advisorReducer, inputs);
    expect(toAppState(build, 'checks', { kind: 'opened-capture' }).slots).toEqual([slot]);
  });

  it('keeps the default when a saved quantization no longer exists', () => {
    const restored = actionsFromAppState({ modelId: 'llama-3-8b', quant: 'Q9_X' }).reduce(
      advisorReducer,
      INITIAL_INPUTS,
    );
    expect(restored.quantKey).toBe(INITIAL_INPUTS.quantKey);
  });
});
