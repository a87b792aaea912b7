/**
 * The renderer's composition against the CLI's: the same real capture (two RTX A5000), the same model,
 * the engine called the way electron/cli/options/advisor-options.ts and commands/advisor.ts call it —
 * and each stage recomputed only when its inputs change.
 */
import { describe, expect, it } from 'vitest';
import { findModel } from '@shared/catalog/model-lookup';
import { findQuant } from '@shared/catalog/quantizations';
import { buildChecklist } from '@shared/engine/checklist/build-checklist';
import { runChecks } from '@shared/engine/checks/run-checks';
import { buildCommands } from '@shared/engine/commands/build-commands';
import { machineFromProfile } from '@shared/engine/machine';
import { chosenStrategy } from '@shared/engine/planner/defaults';
import type { PlanRequest } from '@shared/engine/planner/plan-types';
import { plan } from '@shared/engine/planner/planner';
import { modelFromCatalog } from '@shared/model-import/catalog-model';
import { EMPTY_USER_NOTES } from '@shared/settings/settings-schema';
import { fixtureProfile, modelConfigText } from '../test-support/fixture-profile';
import { createAdvisorPipeline, machineOf, modelOf } from './advisor-pipeline';
import { advisorReducer, INITIAL_INPUTS, type AdvisorInputs } from './advisor-state';

const a5000 = fixtureProfile('dual-rtx-a5000');
const inputs: AdvisorInputs = { ...INITIAL_INPUTS, model: { kind: 'catalog', id: 'llama-3.1-70b' } };

describe('advisor pipeline on dual-rtx-a5000 with Llama 3.1 70B Q4_K_M', () => {
  it('gives what the CLI composition gives: plan, strategy, checks, commands, checklist', () => {
    const out = createAdvisorPipeline()(inputs, a5000, EMPTY_USER_NOTES);
    const request: PlanRequest = {
      machine: machineFromProfile(a5000, { link: null, ramGBs: null }),
      model: modelFromCatalog(findModel('llama-3.1-70b')!, findQuant('Q4_K_M')!),
      ctx: 8192,
      runtime: null,
      split: 'auto',
      concurrency: 1,
      goal: 'latency',
      llama: {},
      gpuMemoryUtilization: null,
    };
    const result = plan(request);
    const strategy = chosenStrategy(result, request)!;
    const checks = runChecks({
      profile: a5000,
      machine: request.machine,
      plan: result,
      strategy,
      notes: EMPTY_USER_NOTES,
      request,
    });
    const commands = buildCommands(result, strategy, request.model, {});
    expect(out.request).toEqual(request);
    expect(out.result).toEqual(result);
    expect(out.strategy?.id).toBe(result.recommended);
    expect(out.checks).toEqual(checks);
    expect(out.commands).toEqual(commands);
    expect(out.checklist).toEqual(
      buildChecklist({ machine: request.machine, plan: result, strategy, checks, commands }),
    );
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
