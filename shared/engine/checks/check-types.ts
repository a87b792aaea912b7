/**
 * One result of the rig checks: an area, a status, one sentence saying why, and what to do.
 * `unknown` always says how to find out — a check never guesses silently.
 */
import type { HardwareProfile } from '../../hardware/profile';
import type { UserNotes } from '../rig-notes';
import type { EngineMachine } from '../machine';
import type { PlanRequest, PlanResult, Strategy } from '../planner/plan-types';
import type { UserInput } from '../user-inputs';
import type { PowerAssessment } from './power-rule';
import type { Suggestion } from '../suggestion-types';

/** What every check reads. */
export interface ChecksInput {
  /** The scanned machine, or null when the GPUs were only named. */
  readonly profile: HardwareProfile | null;
  readonly machine: EngineMachine;
  readonly plan: PlanResult;
  /** The recommended or chosen strategy the checks judge. */
  readonly strategy: Strategy;
  readonly notes: UserNotes;
  /** The request the plan was made from. */
  readonly request?: PlanRequest;
  /** The power verdict, when the caller has it already (else the power check works it out). */
  readonly power?: PowerAssessment;
  /** The engine's suggestions for this plan (capacity names the ones that change its verdict). */
  readonly suggestions?: readonly Suggestion[];
}

export const CHECK_AREAS = ['capacity', 'power', 'cooling', 'slots', 'software'] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown';

export interface Check {
  readonly area: CheckArea;
  /** Stable id, `area.topic` or `area.topic.gpuN` (e.g. `power.sustained`, `slots.link.gpu1`). */
  readonly id: string;
  readonly status: CheckStatus;
  /** One sentence: what was found, with the numbers. */
  readonly reason: string;
  /** What to do (for `unknown`: how to find out); empty when nothing is needed. */
  readonly fix: string;
  /** Where the rule or number comes from (URL or repository reference), when the check applies one. */
  readonly sources?: readonly string[];
  /** Inputs the fix asks for (each front end names them: a flag, or a field on a step). */
  readonly inputs?: readonly UserInput[];
  /** Kinds of the engine's suggestions that change this check's verdict (see `suggestions[]`). */
  readonly suggestions?: readonly string[];
}

/** Severity order used by `worst`: a failure outranks a warning, which outranks not knowing. */
const SEVERITY: Readonly<Record<CheckStatus, number>> = { pass: 0, unknown: 1, warn: 2, fail: 3 };

/** The most severe status among the checks (`pass` for an empty list). */
export function worst(checks: readonly Pick<Check, 'status'>[]): CheckStatus {
  return checks.reduce<CheckStatus>(
    (acc, c) => (SEVERITY[c.status] > SEVERITY[acc] ? c.status : acc),
    'pass',
  );
}

/** Shorthand used by every check module. */
export function check(
  area: CheckArea,
  id: string,
  status: CheckStatus,
  reason: string,
  fix = '',
  sources: readonly string[] = [],
  inputs: readonly UserInput[] = [],
): Check {
  return {
    area,
    id,
    status,
    reason,
    fix,
    ...(sources.length > 0 ? { sources } : {}),
    ...(inputs.length > 0 ? { inputs } : {}),
  };
}

/** `12.3` GiB from MiB, one decimal. */
export const gib = (mib: number): string => (mib / 1024).toFixed(1);
