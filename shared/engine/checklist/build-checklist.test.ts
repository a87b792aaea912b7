/** The physical steps ask for the slot each card deserves, and mention a narrower slot the user entered. */
import { describe, expect, it } from 'vitest';
import { findModel } from '../../catalog/model-lookup';
import { findQuant } from '../../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../../catalog/types';
import { modelFromCatalog } from '../../model-import/catalog-model';
import { EMPTY_USER_NOTES } from '../../settings/settings-schema';
import { runChecks } from '../checks/run-checks';
import { buildCommands } from '../commands/build-commands';
import { machineFromNames } from '../machine';
import { chosenStrategy } from '../planner/defaults';
import type { PlanRequest } from '../planner/plan-types';
import { plan } from '../planner/planner';
import type { SlotPlacement } from '../slot-placement';
import { buildChecklist } from './build-checklist';

function physicalSteps(slots: readonly SlotPlacement[]): string[] {
  const request: PlanRequest = {
    machine: machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'], slots }),
    model: modelFromCatalog(findModel('llama-3.1-70b') as ModelSpec, findQuant('Q4_K_M') as QuantSpec),
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
    profile: null,
    machine: request.machine,
    plan: result,
    strategy,
    notes: EMPTY_USER_NOTES,
    request,
  });
  const commands = buildCommands(result, strategy, request.model, {});
  const list = buildChecklist({ machine: request.machine, plan: result, strategy, checks, commands });
  const section = list.sections.find((s) => s.title === 'Physical steps');
  return (section?.items ?? []).map((item) => ('text' in item ? item.text : item.code));
}

describe('checklist physical steps', () => {
  it("asks for the card's own link (Gen4 x16 for an RTX 3090)", () => {
    expect(physicalSteps([])[1]).toMatch(
      /^Seat GPU 1 \(GeForce RTX 3090\) in a slot wired for PCIe Gen4 x16/,
    );
  });

  it('still asks for the x16 slot when the user entered a chipset x4 one, and says what was entered', () => {
    const step = physicalSteps([{ gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 4 }])[1];
    expect(step).toMatch(/slot wired for PCIe Gen4 x16 \(CPU-attached if you can\)/);
    expect(step).toContain('you entered: chipset Gen4 x4');
  });
});
