/**
 * Tests only: a checklist built the way the CLI builds it (`checklist --gpu NAME … --model ID --quant Q`),
 * through the real planner, checks and command builders.
 */
import { findModel } from '@shared/catalog/model-lookup';
import { findQuant } from '@shared/catalog/quantizations';
import type { ModelSpec, QuantSpec } from '@shared/catalog/types';
import { modelFromCatalog } from '@shared/model-import/catalog-model';
import { EMPTY_USER_NOTES } from '@shared/engine/rig-notes';
import { runChecks } from '@shared/engine/checks/run-checks';
import { buildCommands } from '@shared/engine/commands/build-commands';
import { machineFromNames } from '@shared/engine/machine';
import { chosenStrategy } from '@shared/engine/planner/defaults';
import type { PlanRequest } from '@shared/engine/planner/plan-types';
import { plan } from '@shared/engine/planner/planner';
import type { SlotPlacement } from '@shared/engine/slot-placement';
import { buildChecklist, type Checklist } from '@shared/engine/checklist/build-checklist';
import { planRequest } from './plan-request';

export function checklistFor(
  gpuNames: readonly string[],
  modelId: string,
  quantId: string,
  slots: readonly SlotPlacement[] = [],
): Checklist {
  const request: PlanRequest = planRequest({
    machine: machineFromNames({ gpuNames: [...gpuNames], slots }),
    model: modelFromCatalog(findModel(modelId) as ModelSpec, findQuant(quantId) as QuantSpec),
    ctx: 8192,
  });
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
