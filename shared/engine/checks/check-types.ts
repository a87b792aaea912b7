/**
 * One result of the rig checks: an area, a status, one sentence saying why, and what to do.
 * `unknown` always says how to find out — a check never guesses silently.
 */
import type { HardwareProfile } from '../../hardware/profile';
import type { UserNotes } from '../rig-notes';
import type { EngineMachine } from '../machine';
import type { PlanRequest, PlanResult, Strategy } from '../planner/plan-types';

/** What every check reads. `request` is optional: without it the capacity check rebuilds one from the catalog. */
export interface ChecksInput {
  /** The scanned machine, or null when the GPUs were only named. */
  readonly profile: HardwareProfile | null;
  readonly machine: EngineMachine;
  readonly plan: PlanResult;
  /** The recommended or chosen strategy the checks judge. */
  readonly strategy: Strategy;
  readonly notes: UserNotes;
  /** The request the plan was made from, for re-planning suggestions. */
  readonly request?: PlanRequest;
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
): Check {
  return sources.length > 0 ? { area, id, status, reason, fix, sources } : { area, id, status, reason, fix };
}

/** `12.3` GiB from MiB, one decimal. */
export const gib = (mib: number): string => (mib / 1024).toFixed(1);
