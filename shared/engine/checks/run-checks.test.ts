/**
 * runChecks over every real capture in fixtures/capture-dirs and every strategy the planner offers:
 * the rules every check keeps (area order, unique ids, one sentence, `unknown` says how to find out).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureProfile } from '../../../test/support/capture-dirs';
import { findModel } from '../../catalog/model-lookup';
import { findQuant } from '../../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../../catalog/types';
import type { HardwareProfile } from '../../hardware/profile';
import { modelFromCatalog } from '../../model-import/catalog-model';
import { EMPTY_USER_NOTES, type UserNotes } from '../rig-notes';
import { machineFromNames, machineFromProfile, type EngineMachine } from '../machine';
import { plan } from '../planner/planner';
import { CHECK_AREAS, worst, type Check } from './check-types';
import { runChecks } from './run-checks';
import { planRequest } from '../../../test/support/plan-request';

const DIRS = resolve(__dirname, '../../../fixtures/capture-dirs');

const capture = captureProfile;

/** Captures whose GPUs are placeholders ("model unknown") are checked as the cards they are known to be. */
const KNOWN_CARDS: Readonly<Record<string, readonly string[]>> = {
  'club3090-2x-rtx3090-h12ssl': ['RTX 3090', 'RTX 3090'],
  'esc8000a-e12-4x-rtx6000ada': ['RTX 6000 Ada', 'RTX 6000 Ada', 'RTX 6000 Ada', 'RTX 6000 Ada'],
};

/** Captures that name no GPU and report no memory, planned as the user would identify their cards. */
const IDENTIFIED_AS: Readonly<Record<string, string>> = { 'amd-8gpu-toponuma': 'mi300x' };

function machineFor(name: string, p: HardwareProfile): EngineMachine {
  const names = KNOWN_CARDS[name];
  if (names) return machineFromNames({ gpuNames: names, ramGiB: 128 });
  const gpuId = IDENTIFIED_AS[name];
  return machineFromProfile(
    p,
    gpuId ? { identities: p.gpus.map((g) => ({ gpuIndex: g.index, gpuId })) } : {},
  );
}

function allChecks(profile: HardwareProfile | null, machine: EngineMachine, notes: UserNotes): Check[][] {
  const model = modelFromCatalog(findModel('llama-3.1-8b') as ModelSpec, findQuant('Q4_K_M') as QuantSpec);
  const result = plan(planRequest({ machine, model, ctx: 8192 }));
  return result.strategies.map((strategy) => runChecks({ profile, machine, plan: result, strategy, notes }));
}

const captures = readdirSync(DIRS).filter(
  (n) => statSync(join(DIRS, n)).isDirectory() && capture(n).gpus.length > 0,
);
const notes: UserNotes = {
  psu: { watts: 1600, pcie8PinCables: 6, connectors12vhpwr: 1, note: '' },
  case: { note: '', expansionSlots: 8 },
};

describe('runChecks on every real capture and every strategy', () => {
  it.each(captures)(
    '%s: area order, unique ids, one sentence each, every unknown says how to find out',
    (name) => {
      const p = capture(name);
      for (const checks of allChecks(p, machineFor(name, p), notes)) {
        const areas = checks.map((c) => CHECK_AREAS.indexOf(c.area));
        expect(areas).toEqual([...areas].sort((a, b) => a - b));
        expect(new Set(CHECK_AREAS.filter((a) => checks.some((c) => c.area === a)))).toEqual(
          new Set(CHECK_AREAS),
        );
        expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
        for (const c of checks) {
          expect(c.reason, c.id).toMatch(/\.$/);
          expect(c.reason, c.id).not.toMatch(/\.\s+[A-Z]/);
          if (c.status === 'unknown' || c.status === 'fail') expect(c.fix.length, c.id).toBeGreaterThan(10);
        }
      }
    },
  );
});

describe('worst', () => {
  it.each([
    [[], 'pass'],
    [['pass', 'unknown'], 'unknown'],
    [['unknown', 'warn', 'pass'], 'warn'],
    [['warn', 'fail', 'unknown'], 'fail'],
  ] as const)('%j → %s (fail > warn > unknown > pass)', (statuses, expected) => {
    expect(worst(statuses.map((status) => ({ status })))).toBe(expected);
  });

  it('2× RTX 3090 on 750 W (club-3090 capture): the power area is a fail overall', () => {
    const machine = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'], ramGiB: 64 });
    const low = { ...notes, psu: { watts: 750, pcie8PinCables: 4, connectors12vhpwr: 0, note: '' } };
    const [checks] = allChecks(capture('club3090-2x-rtx3090-h12ssl'), machine, low);
    expect(worst((checks ?? []).filter((c) => c.area === 'power'))).toBe('fail');
  });

  it('no notes at all: power is unknown with "enter your PSU wattage and cables", never a silent pass', () => {
    const p = capture('l40s');
    const [checks] = allChecks(p, machineFromProfile(p), EMPTY_USER_NOTES);
    const power = (checks ?? []).find((c) => c.id === 'power.sustained');
    expect(power?.status).toBe('unknown');
    expect(power?.fix).toMatch(/Enter your PSU wattage and its cables/);
  });
});
