/**
 * Properties the advisor keeps on every machine × model, checked over generated cases (a seeded
 * generator, so a failure names a case that reproduces): the strategy it follows never has a failing
 * capacity, slots or software check; the fit state and `fits` agree; a strategy the gate would fail is
 * never "fits"; capacity says pass only when all is on the GPUs; and `upgrade` and `check` give the
 * same power verdict for the same final machine.
 */
import { describe, expect, it } from 'vitest';
import { GPU_CATALOG } from '@shared/catalog/gpus/index';
import { advise } from '@shared/engine/advisor/advise';
import { rankUpgrades, withCard } from '@shared/engine/advisor/upgrade';
import { strategyChecks } from '@shared/engine/checks/strategy-gates';
import { gpuFromSpec, machineFromNames, parseLinkOption, type EngineMachine } from '@shared/engine/machine';
import type { Goal } from '@shared/engine/planner/plan-types';
import { EMPTY_USER_NOTES, type UserNotes } from '@shared/engine/rig-notes';
import type { SlotPlacement } from '@shared/engine/slot-placement';
import { catalogModel, runOf } from '../support/plan-request';

/** mulberry32: a small seeded generator, so each case reproduces from its number. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const CARDS = [
  'RTX 3090',
  'RTX 4090',
  'RTX 3060 12GB',
  'Tesla P40',
  'RTX A5000',
  'RX 7900 XTX',
  'RTX 5090',
  'L40S',
];
const MODELS: readonly (readonly [string, string])[] = [
  ['llama-3.1-8b', 'Q4_K_M'],
  ['llama-3.1-70b', 'Q4_K_M'],
  ['llama-3.1-70b', 'awq'],
  ['qwen3-30b-a3b', 'Q8_0'],
  ['qwen3-235b-a22b', 'Q4_K_M'],
  ['llama-3.1-8b', 'fp8'],
];
const LINKS = [null, 'nvlink', 'pcie3x4', 'pcie4x8'];
const GOALS: readonly Goal[] = ['latency', 'throughput', 'context'];

interface Case {
  readonly name: string;
  readonly machine: EngineMachine;
  readonly model: readonly [string, string];
  readonly goal: Goal;
  readonly concurrency: number;
  readonly notes: UserNotes;
}

function generate(seed: number): Case {
  const r = rng(seed);
  const cards = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, CARDS));
  const link = pick(r, LINKS);
  const slots: SlotPlacement[] =
    cards.length > 1 && r() < 0.4
      ? [{ gpuIndex: cards.length - 1, attachment: 'chipset', gen: pick(r, [3, 4]), lanes: pick(r, [1, 4]) }]
      : [];
  const ramGiB = pick(r, [null, 32, 128, 256]);
  const model = pick(r, MODELS);
  const goal = pick(r, GOALS);
  const watts = pick(r, [null, 750, 1000, 1600]);
  const machine = machineFromNames({
    gpuNames: cards,
    link: link ? parseLinkOption(link) : null,
    slots,
    ramGiB,
  });
  return {
    name: `#${seed}: ${cards.join(' + ')}${link ? ` (${link})` : ''}${slots.length ? ' chipset slot' : ''}, RAM ${ramGiB ?? '?'} GiB, ${model.join(' ')}, ${goal}, PSU ${watts ?? '?'} W`,
    machine,
    model,
    goal,
    concurrency: goal === 'throughput' ? 4 : 1,
    notes: { ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts } },
  };
}

const CASES = Array.from({ length: 60 }, (_, i) => generate(i + 1));

const adviceOf = (c: Case, machine = c.machine) =>
  advise({
    machine,
    profile: null,
    model: catalogModel(c.model[0], c.model[1]),
    run: runOf({ goal: c.goal, concurrency: c.concurrency }),
    notes: c.notes,
    depth: 'verdicts',
  });

describe('the advice never contradicts itself', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const a = adviceOf(c);
    for (const s of a.plan.strategies) {
      expect(s.fits, `${s.id} fits ⇔ fit ≠ none`).toBe(s.fit !== 'none');
      if (s.blockers.length > 0) expect(s.fits, `${s.id} is blocked`).toBe(false);
      if (s.fit === 'offload') expect(s.ramOffloadMiB, s.id).toBeGreaterThan(0);
      if (s.fit === 'gpu') expect(s.ramOffloadMiB, s.id).toBe(0);
      // The gate and the checks are the same functions: a fitting strategy passes them.
      if (s.fits)
        expect(
          strategyChecks(null, c.machine, s)
            .filter((x) => x.status === 'fail')
            .map((x) => x.id),
          s.id,
        ).toEqual([]);
    }
    if (a.plan.recommended === null) return;
    expect(a.strategy?.id).toBe(a.plan.recommended);
    const failing = a.checks.filter(
      (x) => x.status === 'fail' && ['capacity', 'slots', 'software'].includes(x.area),
    );
    expect(failing.map((x) => `${x.id}: ${x.reason}`)).toEqual([]);
    const fit = a.checks.find((x) => x.id === 'capacity.fit');
    expect(fit?.status).toBe(a.strategy?.fit === 'gpu' ? 'pass' : 'warn');
  });
});

describe('upgrade and check agree on power for the same final machine', () => {
  const cases = CASES.filter((c) => c.notes.psu.watts !== null && c.machine.gpus.length < 4).slice(0, 12);
  it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    const spec = GPU_CATALOG.filter((g) => g.vendor !== 'apple')[(i * 7) % 60]!;
    const model = catalogModel(c.model[0], c.model[1]);
    const request = adviceOf(c).request;
    const [option] = rankUpgrades({ request, profile: null, notes: c.notes, candidates: [spec.id] }).options;
    const final = withCard(c.machine, gpuFromSpec(c.machine.gpus.length, spec, null, null));
    const checked = advise({
      machine: final,
      profile: null,
      model,
      run: runOf({ goal: c.goal, concurrency: c.concurrency }),
      notes: c.notes,
      depth: 'verdicts',
    });
    expect(option?.power).toEqual({ verdict: checked.power.verdict, minPsuW: checked.power.minPsuW });
    const sustained = checked.checks.find((x) => x.id === 'power.sustained');
    // The power check words the same verdict: over the PSU only when the verdict says something is needed.
    expect(sustained?.status === 'pass' && checked.power.transient !== 'warn').toBe(
      checked.power.verdict === 'ok',
    );
    const blocked = checked.checks.some((x) => x.status === 'fail' && x.area !== 'power');
    if (blocked) expect(option?.status, spec.name).toBe('blocked');
  });
});
