/**
 * What `check`, `commands`, `checklist`, `upgrade` and `compare` share: the plan options plus the
 * user's notes (`--psu-watts`, `--psu-pcie8`, `--psu-12vhpwr`) and `--model-path` (plus `checklist`'s
 * `--format` and `--out`), turned into one
 * planned context — request, result, the chosen strategy, the scanned profile and the notes.
 */
import { parseArgs } from 'node:util';
import type { HardwareProfile } from '@shared/hardware/profile';
import { chosenStrategy } from '@shared/engine/planner/defaults';
import { plan } from '@shared/engine/planner/planner';
import type { PlanRequest, PlanResult, Strategy } from '@shared/engine/planner/plan-types';
import { EMPTY_USER_NOTES, type UserNotes } from '@shared/settings/settings-schema';
import { CliUsageError } from '../cli-error';
import { PLAN_OPTIONS, planRequestFromOptions } from '../commands/plan';
import { positiveNumber } from './machine-options';

export const ADVISOR_OPTIONS = {
  ...PLAN_OPTIONS,
  'psu-watts': { type: 'string' },
  'psu-pcie8': { type: 'string' },
  'psu-12vhpwr': { type: 'string' },
  'model-path': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  build: { type: 'string', multiple: true },
  price: { type: 'string', multiple: true },
} as const;

export type AdvisorValues = ReturnType<
  typeof parseArgs<{ options: typeof ADVISOR_OPTIONS; allowPositionals: true }>
>['values'];

export function parseAdvisorArgs(argv: readonly string[]): AdvisorValues {
  try {
    return parseArgs({ args: [...argv], options: ADVISOR_OPTIONS, allowPositionals: false, strict: true })
      .values;
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message} (see --help)`);
  }
}

const count = (raw: string | undefined, flag: string): number | null => {
  const n = positiveNumber(raw === '0' ? undefined : raw, flag);
  if (raw === '0') return 0;
  if (n !== null && !Number.isInteger(n)) throw new CliUsageError(`${flag} must be a whole number`);
  return n;
};

export function notesFromOptions(v: AdvisorValues): UserNotes {
  return {
    ...EMPTY_USER_NOTES,
    psu: {
      watts: count(v['psu-watts'], '--psu-watts'),
      pcie8PinCables: count(v['psu-pcie8'], '--psu-pcie8'),
      connectors12vhpwr: count(v['psu-12vhpwr'], '--psu-12vhpwr'),
      note: '',
    },
  };
}

export interface AdvisorContext {
  readonly request: PlanRequest;
  readonly result: PlanResult;
  /** The requested strategy (when `--runtime`/`--split` given), else the recommended one, else the first. */
  readonly strategy: Strategy;
  readonly profile: HardwareProfile | null;
  readonly notes: UserNotes;
}

export async function advisorContext(v: AdvisorValues): Promise<AdvisorContext> {
  const { request, profile } = await planRequestFromOptions(v);
  const result = plan(request);
  const strategy = chosenStrategy(result, request);
  if (!strategy) throw new CliUsageError(`no runtime can run ${request.model.quantLabel} on this machine`);
  return { request, result, strategy, profile, notes: notesFromOptions(v) };
}
