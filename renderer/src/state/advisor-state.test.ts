import { describe, expect, it } from 'vitest';
import { advisorReducer, INITIAL_INPUTS, quantFromKey, type AdvisorInputs } from './advisor-state';

const withModel = (patch: Partial<AdvisorInputs> = {}): AdvisorInputs => ({
  ...INITIAL_INPUTS,
  model: { kind: 'catalog', id: 'llama-3.1-70b' },
  ...patch,
});

describe('advisorReducer', () => {
  it('starts from the scanned machine, no model, Q4_K_M, the default context and one fastest user', () => {
    expect(INITIAL_INPUTS).toMatchObject({
      machine: { source: 'scan', cards: [] },
      model: null,
      quantKey: 'gguf:Q4_K_M',
      ctx: null,
      goal: 'latency',
      runtime: null,
      split: 'auto',
      llamaPins: { cacheType: null, tensorSplit: null },
    });
  });

  it.each([
    ['goal', { type: 'goal', goal: 'throughput' }],
    ['context', { type: 'ctx', ctx: 32768 }],
    ['model', { type: 'model', model: { kind: 'catalog', id: 'qwen3-32b' } }],
    ['machine', { type: 'machine', patch: { link: 'nvlink' } }],
    ['split pin', { type: 'split', split: 'layer' }],
    ['slot', { type: 'slot', placement: { gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 4 } }],
  ] as const)('a %s change re-plans, so a picked strategy goes back to the advisor', (_, action) => {
    const next = advisorReducer(withModel({ strategyId: 'llama.cpp:layer' }), action);
    expect(next.strategyId).toBeNull();
  });

  it('keeps one slot entry per GPU in GPU order; an empty entry removes it', () => {
    const chipset = { gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 4 } as const;
    const cpu = { gpuIndex: 0, attachment: 'cpu', gen: 5, lanes: 16 } as const;
    const both = [chipset, cpu, { ...chipset, lanes: 8 }].reduce(
      (state, placement) => advisorReducer(state, { type: 'slot', placement }),
      INITIAL_INPUTS,
    );
    expect(both.machine.slots).toEqual([cpu, { ...chipset, lanes: 8 }]);
    const cleared = advisorReducer(both, {
      type: 'slot',
      placement: { gpuIndex: 0, attachment: null, gen: null, lanes: null },
    });
    expect(cleared.machine.slots).toEqual([{ ...chipset, lanes: 8 }]);
  });

  it("switching between the scanned machine and a catalog build clears the slots (they were another machine's)", () => {
    const slot = { gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 4 } as const;
    const entered = advisorReducer(INITIAL_INPUTS, { type: 'slot', placement: slot });
    const build = advisorReducer(entered, { type: 'machine', patch: { source: 'catalog' } });
    expect(build.machine.slots).toEqual([]);
    // Other machine fields, and a patch that brings its own slots (opening a saved machine), keep them.
    expect(advisorReducer(entered, { type: 'machine', patch: { ramGiB: 64 } }).machine.slots).toEqual([slot]);
    const opened = advisorReducer(entered, {
      type: 'machine',
      patch: { source: 'catalog', cards: [{ gpuId: 'rtx-3090', count: 2 }], slots: [slot] },
    });
    expect(opened.machine.slots).toEqual([slot]);
  });

  it('picking a strategy or a model path keeps the plan (and the pick)', () => {
    const picked = advisorReducer(withModel(), { type: 'strategy', id: 'llama.cpp:layer' });
    expect(picked.strategyId).toBe('llama.cpp:layer');
    const pathed = advisorReducer(picked, { type: 'modelPath', path: '/models/x.gguf' });
    expect(pathed.strategyId).toBe('llama.cpp:layer');
    expect(pathed.machine).toBe(picked.machine);
  });

  it("more machines or another network re-plan (the pick goes); the head's address keeps the pick", () => {
    const nodes = { count: 2, network: '10gbe', headAddress: '10.0.0.1' };
    const two = advisorReducer(withModel(), { type: 'nodes', nodes });
    const picked = advisorReducer(two, { type: 'strategy', id: 'llama.cpp:rpc' });
    const addressed = advisorReducer(picked, { type: 'nodes', nodes: { ...nodes, headAddress: '10.0.0.9' } });
    expect(addressed.strategyId).toBe('llama.cpp:rpc');
    expect(advisorReducer(picked, { type: 'nodes', nodes: { ...nodes, count: 3 } }).strategyId).toBeNull();
    expect(
      advisorReducer(picked, { type: 'nodes', nodes: { ...nodes, network: 'ib-hdr' } }).strategyId,
    ).toBeNull();
    expect(advisorReducer(picked, { type: 'nodes', nodes: null }).strategyId).toBeNull();
  });

  it("a power limit per GPU replaces that GPU's, and none removes it", () => {
    const set = [
      { type: 'powerLimit', gpuIndex: 1, watts: 250 } as const,
      { type: 'powerLimit', gpuIndex: 0, watts: 300 } as const,
      { type: 'powerLimit', gpuIndex: 1, watts: 200 } as const,
    ].reduce(advisorReducer, INITIAL_INPUTS);
    expect(set.machine.powerLimits).toEqual([
      { gpuIndex: 0, watts: 300 },
      { gpuIndex: 1, watts: 200 },
    ]);
    expect(advisorReducer(set, { type: 'powerLimit', gpuIndex: 0, watts: null }).machine.powerLimits).toEqual(
      [{ gpuIndex: 1, watts: 200 }],
    );
  });

  it('pinning vLLM swaps a GGUF quantization for its default (AWQ); one it can load stays', () => {
    const vllm = advisorReducer(withModel(), { type: 'runtime', runtime: 'vllm' });
    expect(vllm.quantKey).toBe('vllm:awq');
    const fp8 = advisorReducer({ ...vllm, quantKey: 'vllm:fp8' }, { type: 'runtime', runtime: 'sglang' });
    expect(fp8.quantKey).toBe('vllm:fp8');
    expect(advisorReducer(withModel(), { type: 'runtime', runtime: 'exllamav2' }).quantKey).toBe(
      'exl2:4.0bpw',
    );
  });

  it("a config.json starts from its checkpoint's own format; back to the catalog picks a quantization again", () => {
    const config = advisorReducer(withModel(), {
      type: 'model',
      model: { kind: 'config', label: 'my-model', config: {} },
    });
    expect(config.quantKey).toBeNull();
    const back = advisorReducer(config, { type: 'model', model: { kind: 'catalog', id: 'llama-3.1-8b' } });
    expect(back.quantKey).toBe('gguf:Q4_K_M');
  });

  it('llama.cpp pins change one field at a time and keep a picked strategy (they tune it)', () => {
    const picked = advisorReducer(withModel(), { type: 'strategy', id: 'llama.cpp:layer' });
    const q8 = advisorReducer(picked, { type: 'llamaPins', patch: { cacheType: 'q8_0' } });
    expect(q8.llamaPins).toEqual({ cacheType: 'q8_0', tensorSplit: null });
    expect(q8.strategyId).toBe('llama.cpp:layer');
    const split = advisorReducer(q8, { type: 'llamaPins', patch: { tensorSplit: [3, 1] } });
    expect(split.llamaPins).toEqual({ cacheType: 'q8_0', tensorSplit: [3, 1] });
    const reset = advisorReducer(split, {
      type: 'llamaPins',
      patch: { cacheType: null, tensorSplit: null },
    });
    expect(reset.llamaPins).toEqual(INITIAL_INPUTS.llamaPins);
    // Other changes leave the pins' object alone, so the pipeline's request stage can tell.
    expect(advisorReducer(split, { type: 'goal', goal: 'context' }).llamaPins).toBe(split.llamaPins);
  });

  it('users at once is a whole number of at least one', () => {
    expect(advisorReducer(INITIAL_INPUTS, { type: 'concurrency', concurrency: 0 }).concurrency).toBe(1);
    expect(advisorReducer(INITIAL_INPUTS, { type: 'concurrency', concurrency: 7.6 }).concurrency).toBe(8);
  });
});

describe('quantFromKey', () => {
  it('tells the GGUF BF16 from the vLLM bf16 checkpoint by the format in the key', () => {
    expect(quantFromKey('gguf:BF16')?.format).toBe('gguf');
    expect(quantFromKey('vllm:bf16')?.format).toBe('vllm');
    expect(quantFromKey('gguf:nope')).toBeUndefined();
  });
});
