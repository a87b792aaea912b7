/** The machine on screen → `machines:save` input, validated by the same schema main uses. */
import { describe, expect, it } from 'vitest';
import { saveMachineInputSchema } from '@shared/settings/saved-machine';
import { EMPTY_USER_NOTES } from '@shared/settings/settings-schema';
import { INITIAL_INPUTS } from '../../state/advisor-state';
import { fixtureProfile } from '../../test-support/fixture-profile';
import { gpuSummary } from './SavedMachinesPanel';
import type { SavedMachine } from '@shared/settings/saved-machine';
import type { AdvisorAction } from '../../state/advisor-state';
import { cardsFromIds, machineToSave, openSavedMachine } from './use-saved-machines';

const psu = { ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: 1200 } };

describe('machineToSave', () => {
  it('saves a scanned machine with its profile and notes, in a shape main accepts', () => {
    const profile = fixtureProfile('dual-rtx-a5000');
    const input = machineToSave('Lab', { inputs: INITIAL_INPUTS.machine, profile, notes: psu });
    expect(input).toMatchObject({ name: 'Lab', kind: 'scanned', notes: { psu: { watts: 1200 } } });
    expect(saveMachineInputSchema.safeParse(input).success).toBe(true);
  });

  it('saves a catalog build as one GPU id per card, and keeps the id when updating', () => {
    const inputs = {
      ...INITIAL_INPUTS.machine,
      source: 'catalog' as const,
      cards: [
        { gpuId: 'rtx-3090', count: 2 },
        { gpuId: 'rtx-4090', count: 1 },
      ],
    };
    const input = machineToSave('Build', { inputs, profile: null, notes: null }, 'abc');
    expect(input).toEqual({
      id: 'abc',
      name: 'Build',
      kind: 'planned',
      gpus: ['rtx-3090', 'rtx-3090', 'rtx-4090'],
      notes: EMPTY_USER_NOTES,
    });
    expect(saveMachineInputSchema.safeParse(input).success).toBe(true);
    expect(cardsFromIds((input as { gpus: string[] }).gpus)).toEqual(inputs.cards);
  });

  it('a build with a card described by its numbers carries that card (and only the ones it uses)', () => {
    const w7900 = { name: 'Radeon Pro W7900', vramGiB: 48, bandwidthGBs: 864, boardPowerW: 295 };
    const unused = { name: 'Tesla P100', vramGiB: 16, bandwidthGBs: 732, boardPowerW: 250 };
    const inputs = {
      ...INITIAL_INPUTS.machine,
      source: 'catalog' as const,
      cards: [{ gpuId: 'custom-radeon-pro-w7900', count: 2 }],
      customGpus: [w7900, unused],
    };
    const input = machineToSave('W7900 build', { inputs, profile: null, notes: null });
    expect(input).toMatchObject({ kind: 'planned', customGpus: [w7900] });
    expect(saveMachineInputSchema.safeParse(input).success).toBe(true);
    // A number out of the custom-card ranges is refused by the schema main applies.
    const bad = { ...(input as object), customGpus: [{ ...w7900, bandwidthGBs: 1e9 }] };
    expect(saveMachineInputSchema.safeParse(bad).success).toBe(false);
  });

  it('keeps the slots entered for the cards with the machine', () => {
    const slot = { gpuIndex: 1, attachment: 'chipset' as const, gen: 4, lanes: 4 };
    const inputs = { ...INITIAL_INPUTS.machine, slots: [slot] };
    const input = machineToSave('Lab', { inputs, profile: fixtureProfile('dual-rtx-a5000'), notes: null });
    expect(input).toMatchObject({ slots: [slot] });
    expect(saveMachineInputSchema.safeParse(input).success).toBe(true);
  });

  it('keeps the power limits entered for the cards with the machine', () => {
    const powerLimits = [{ gpuIndex: 0, watts: 280 }];
    const inputs = { ...INITIAL_INPUTS.machine, powerLimits };
    const input = machineToSave('Lab', { inputs, profile: fixtureProfile('dual-rtx-a5000'), notes: null });
    expect(input).toMatchObject({ powerLimits });
    expect(saveMachineInputSchema.safeParse(input).success).toBe(true);
  });

  it('keeps the cards named for GPUs the capture did not name with a scanned machine, not with a build', () => {
    const identities = [
      { gpuIndex: 0, gpuId: 'rtx-3090' },
      { gpuIndex: 1, gpuId: 'rtx-3090' },
    ];
    const inputs = { ...INITIAL_INPUTS.machine, identities };
    const profile = fixtureProfile('club3090-2x-rtx3090-h12ssl');
    const input = machineToSave('club-3090', { inputs, profile, notes: null });
    expect(input).toMatchObject({ kind: 'scanned', identities });
    expect(saveMachineInputSchema.safeParse(input).success).toBe(true);
    const build = { ...inputs, source: 'catalog' as const, cards: [{ gpuId: 'rtx-3090', count: 2 }] };
    expect(machineToSave('b', { inputs: build, profile: null, notes: null })).not.toHaveProperty(
      'identities',
    );
  });

  it('keeps "same card as GPU 0" with the machine, and opens it back following', () => {
    const identities = [
      { gpuIndex: 0, gpuId: 'rtx-3090' },
      { gpuIndex: 1, gpuId: 'rtx-3090', sameAs: 0 },
    ];
    const inputs = { ...INITIAL_INPUTS.machine, identities };
    const profile = fixtureProfile('club3090-2x-rtx3090-h12ssl');
    const input = machineToSave('club-3090', { inputs, profile, notes: null });
    expect(input).toMatchObject({ identities });
    const parsed = saveMachineInputSchema.parse(JSON.parse(JSON.stringify(input)));
    expect(parsed.identities).toEqual(identities);
  });

  it('says why there is nothing to save yet', () => {
    expect(machineToSave('x', { inputs: INITIAL_INPUTS.machine, profile: null, notes: null })).toEqual({
      error: expect.stringMatching(/Nothing scanned yet/),
    });
    const empty = { ...INITIAL_INPUTS.machine, source: 'catalog' as const };
    expect(machineToSave('x', { inputs: empty, profile: null, notes: null })).toEqual({
      error: expect.stringMatching(/at least one card/),
    });
  });
});

describe('gpuSummary', () => {
  it('counts the same card once', () =>
    expect(gpuSummary(['RTX A5000', 'RTX A5000', 'RTX 4090'])).toBe('2× RTX A5000 + RTX 4090'));
  it('says when there are none', () => expect(gpuSummary([])).toBe('no GPUs'));
});

describe('openSavedMachine', () => {
  const profile = fixtureProfile('club3090-2x-rtx3090-h12ssl');
  const saved: SavedMachine = {
    id: 'm1',
    savedAt: '2026-01-01T00:00:00.000Z',
    name: 'club-3090',
    kind: 'scanned',
    profile: profile as NonNullable<SavedMachine['profile']>,
    notes: EMPTY_USER_NOTES,
    identities: [{ gpuIndex: 0, gpuId: 'rtx-3090' }],
  };
  const open = (machine: SavedMachine): AdvisorAction[] => {
    const actions: AdvisorAction[] = [];
    openSavedMachine(machine, {
      showSaved: () => undefined,
      dispatch: (a) => actions.push(a),
      saveNotes: () => 0,
    });
    return actions;
  };

  it('dispatches its identities back with the scanned machine', () => {
    expect(open(saved)).toEqual([
      {
        type: 'machine',
        patch: {
          source: 'scan',
          slots: [],
          powerLimits: [],
          calibration: { enabled: true, points: [] },
          identities: [{ gpuIndex: 0, gpuId: 'rtx-3090' }],
        },
      },
    ]);
  });

  it('clears identities left from another machine when it has none', () => {
    const { identities: _, ...without } = saved;
    expect(open(without)).toEqual([
      {
        type: 'machine',
        patch: {
          source: 'scan',
          slots: [],
          powerLimits: [],
          calibration: { enabled: true, points: [] },
          identities: [],
        },
      },
    ]);
  });

  it('brings the cards it describes by their numbers back, beside those already described (its own win)', () => {
    const mine = { name: 'Radeon Pro W7900', vramGiB: 48, bandwidthGBs: 864, boardPowerW: 295 };
    const build: SavedMachine = {
      ...saved,
      kind: 'planned',
      profile: undefined,
      gpus: ['custom-radeon-pro-w7900', 'custom-radeon-pro-w7900'],
      customGpus: [mine],
    };
    const actions: AdvisorAction[] = [];
    const older = { ...mine, bandwidthGBs: 500 };
    const other = { name: 'Tesla P100', vramGiB: 16, bandwidthGBs: 732, boardPowerW: 250 };
    openSavedMachine(
      build,
      { showSaved: () => undefined, dispatch: (a) => actions.push(a), saveNotes: () => 0 },
      [older, other],
    );
    expect(actions[0]).toMatchObject({
      patch: {
        source: 'catalog',
        cards: [{ gpuId: 'custom-radeon-pro-w7900', count: 2 }],
        customGpus: [other, mine],
      },
    });
  });

  it('brings its measured runs back (its plans calibrated again), and clears another machine’s', () => {
    const point = {
      runtime: 'llama.cpp' as const,
      phase: 'decode' as const,
      gpus: ['rtx-3090'],
      split: 'none' as const,
      ramOffload: false,
      model: 'Llama 3.1 8B',
      quant: 'Q4_K_M',
      kv: 'f16/f16 fa',
      activeWeightGiB: 4.6,
      depth: 64,
      concurrency: 1,
      measuredTokPerSec: 120,
      predictedTokPerSec: 110,
      source: 'bench.md',
    };
    const calibration = { enabled: false, points: [point] };
    expect(open({ ...saved, calibration })[0]).toMatchObject({ patch: { calibration } });
    expect(open(saved)[0]).toMatchObject({ patch: { calibration: { enabled: true, points: [] } } });
  });

  it('brings its power limits back, and clears those of another machine when it has none', () => {
    const limits = [{ gpuIndex: 1, watts: 250 }];
    expect(open({ ...saved, powerLimits: limits })[0]).toMatchObject({ patch: { powerLimits: limits } });
    const build: SavedMachine = { ...saved, kind: 'planned', profile: undefined, gpus: ['rtx-3090'] };
    expect(open(build)[0]).toMatchObject({ patch: { source: 'catalog', powerLimits: [] } });
  });
});
