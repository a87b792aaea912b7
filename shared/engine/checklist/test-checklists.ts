/**
 * Tests only: a checklist built the way the CLI builds it (`checklist --gpu NAME … --model ID --quant Q`),
 * through the real planner, checks and command builders.
 */
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
import { buildChecklist, type Checklist } from './build-checklist';

export function checklistFor(
  gpuNames: readonly string[],
  modelId: string,
  quantId: string,
  slots: readonly SlotPlacement[] = [],
): Checklist {
  const request: PlanRequest = {
    machine: machineFromNames({ gpuNames: [...gpuNames], slots }),
    model: modelFromCatalog(findModel(modelId) as ModelSpec, findQuant(quantId) as QuantSpec),
    ctx: 8192,
    runtime: null,
    split: 'auto',
    concurrency: 1,
    goal: 'latency',
    llama: {},
    gpuMemoryUtilization: null,
  };
  const result = plan(request);
  const strategy = chosenStrategy(result, request);
  if (!strategy) throw new Error(`no strategy for ${modelId} ${quantId} on ${gpuNames.join(' + ')}`);
  const checks = runChecks({
    profile: null,
    machine: request.machine,
    plan: result,
    strategy,
    notes: EMPTY_USER_NOTES,
    request,
  });
  const commands = buildCommands(result, strategy, request.model, {});
  return buildChecklist({ machine: request.machine, plan: result, strategy, checks, commands });
}
