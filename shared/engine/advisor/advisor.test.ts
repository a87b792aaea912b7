/**
 * `upgrade` and `compare` over the advisor: each option or build is the machine `check` would judge,
 * so their verdicts are the checks' and the power rule's, not their own.
 */
import { describe, expect, it } from 'vitest';
import { adviceFor, planRequest } from '../../../test/support/plan-request';
import { machineFromNames } from '../machine';
import { EMPTY_USER_NOTES, type UserNotes } from '../rig-notes';
import { BuildParseError, compareBuilds, parseBuild } from './compare';
import { rankUpgrades, withCard } from './upgrade';
import { gpuFromSpec } from '../machine';
import { findGpu } from '../../catalog/gpu-lookup';

const psu = (watts: number | null): UserNotes => ({
  ...EMPTY_USER_NOTES,
  psu: { ...EMPTY_USER_NOTES.psu, watts },
});

describe('compare builds', () => {
  it('parses "2x RTX 3090", "2× 3090" and "RTX 3090 + RTX 4090", and names an unknown card', () => {
    expect(parseBuild('2x RTX 3090').gpus.map((g) => g.id)).toEqual(['rtx-3090', 'rtx-3090']);
    expect(parseBuild('2× 3090').gpus).toHaveLength(2);
    expect(parseBuild('RTX 3090 + RTX 4090').gpus.map((g) => g.id)).toEqual(['rtx-3090', 'rtx-4090']);
    expect(() => parseBuild('2x RTX 3095')).toThrow(BuildParseError);
  });

  it('two 3090s win for a 70B model (all on GPUs, the 4090 only with RAM); one 4090 wins for a 13B model — and the verdict says it flips', () => {
    const builds = [parseBuild('RTX 4090'), parseBuild('2x RTX 3090')];
    const big = compareBuilds(builds, {
      request: planRequest({ gpus: ['RTX 4090'], model: 'llama-3.1-70b' }),
    });
    const r4090 = big.builds.find((b) => b.build === 'RTX 4090');
    const r3090 = big.builds.find((b) => b.build === '2x RTX 3090');
    expect(r3090?.fit).toBe('gpu');
    expect(r4090?.fit).toBe('offload');
    expect(r3090?.decodeTokPerSec?.expected).toBeGreaterThan(3 * (r4090?.decodeTokPerSec?.expected ?? 0));
    expect(big.verdict).toMatch(/2x RTX 3090 wins/);
    expect(big.verdict).toMatch(/flips/);
    const small = compareBuilds(builds, {
      request: planRequest({ gpus: ['RTX 4090'], model: 'llama-2-13b' }),
    });
    expect(small.verdict).toMatch(/RTX 4090 wins/);
    expect(r3090?.psuWattsNeeded).toBeGreaterThan(r4090?.psuWattsNeeded ?? 0);
  });

  it("a build's PSU need is the power rule's: the same figure `check` gives for that machine", () => {
    const result = compareBuilds([parseBuild('2x RTX 3090'), parseBuild('RTX 4090')], {
      request: planRequest({ gpus: ['RTX 4090'], model: 'llama-3.1-70b' }),
      notes: psu(1000),
    });
    const twin = result.builds.find((b) => b.build === '2x RTX 3090')!;
    const checked = adviceFor({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b', notes: psu(1000) });
    expect(twin.psuWattsNeeded).toBe(checked.power.minPsuW);
    expect(twin.power).toBe(checked.power.verdict);
  });
});

describe('add a card', () => {
  const oneCard = planRequest({ gpus: ['RTX 3090'], model: 'llama-3.3-70b' });

  it('1× RTX 3090, 70B Q4_K_M, 1000 W PSU, a 3090 at $750: a second 3090 is feasible with power limits; a used Tesla gains more per dollar', () => {
    const result = rankUpgrades({
      request: oneCard,
      profile: null,
      notes: psu(1000),
      priceOverrides: { 'rtx-3090': 750 },
    });
    expect(result.baseline.fit).toBe('offload');
    // At its used street price an old Tesla gains the most per dollar (slower, but a fraction of the price).
    expect(result.options[0]).toMatchObject({ priceBasis: 'street-used', status: 'feasible' });
    expect(result.options[0]!.priceLabel).toMatch(/^used street price, \d{4}-\d{2}/);
    const top = result.options.find((o) => o.gpuId === 'rtx-3090')!;
    expect(top.priceBasis).toBe('yours');
    expect(top.decodeTokPerSec).toBeGreaterThan(2 * (result.options[0]!.decodeTokPerSec ?? 0));
    expect(top).toMatchObject({
      feasible: true,
      status: 'feasible',
      fit: 'gpu',
      power: { verdict: 'power-limit' },
    });
    expect(top.notes.join(' ')).toMatch(/needs power limits on this PSU: GPU 0 \d+ W, GPU 1 \d+ W/);
    expect(top.decodeTokPerSec).toBeGreaterThan(4 * (result.baseline.decodeTokPerSec ?? 0));
  });

  it('with no PSU entered, a feasible card says power was not checked, and what it would need', () => {
    const result = rankUpgrades({
      request: oneCard,
      profile: null,
      notes: EMPTY_USER_NOTES,
      candidates: ['rtx-3090'],
    });
    expect(result.options[0]?.power.verdict).toBe('unknown');
    expect(result.options[0]?.notes.join(' ')).toMatch(
      /power not checked: enter your PSU \(this build needs at least 1200 W\)/,
    );
  });

  it('a card another vendor makes is blocked by the same check `check` runs on that machine', () => {
    const result = rankUpgrades({ request: oneCard, profile: null, notes: psu(1600) });
    const amd = result.options.find((o) => o.gpuId === 'rx-7900-xtx')!;
    const machine = withCard(oneCard.machine, gpuFromSpec(1, findGpu('rx-7900-xtx')!, null, null));
    const checked = adviceFor({ machine, model: 'llama-3.3-70b', strategyId: 'llama.cpp:layer' });
    const vendors = checked.checks.find((c) => c.id === 'software.vendors');
    expect(vendors?.status).toBe('fail');
    expect(amd.strategy).not.toBe('llama.cpp:layer');
    expect(amd.decodeTokPerSec ?? 0).toBeLessThan(
      result.options.find((o) => o.gpuId === 'rtx-3090')!.decodeTokPerSec!,
    );
  });

  it('a PSU too small even with power limits: listed, marked "needs-psu" with the size, below the feasible ones', () => {
    const result = rankUpgrades({
      request: oneCard,
      profile: null,
      notes: psu(650),
      priceOverrides: { 'rtx-3090': 700 },
    });
    const second3090 = result.options.find((o) => o.gpuId === 'rtx-3090')!;
    expect(second3090.priceUsd).toBe(700);
    expect(second3090.status).toBe('needs-psu');
    expect(second3090.notes.join(' ')).toMatch(/needs a PSU of at least 1200 W \(650 W now\)/);
    const firstNeedsPsu = result.options.findIndex((o) => o.status === 'needs-psu');
    expect(result.options.slice(0, firstNeedsPsu).every((o) => o.status === 'feasible')).toBe(true);
  });

  it('where the new card would sit feeds the slots check: TP on a Gen3 x1 slot is not what the advisor follows', () => {
    const two = machineFromNames({ gpuNames: ['RTX 3090'], ramGiB: 64 });
    const result = rankUpgrades({
      request: planRequest({ machine: two, model: 'llama-3.1-8b', quant: 'awq', goal: 'throughput' }),
      profile: null,
      notes: psu(1600),
      slot: { gpuIndex: 1, attachment: 'chipset', gen: 3, lanes: 1 },
    });
    expect(result.slot).toBe('GPU 1 in the slot you entered: chipset Gen3 x1');
    const option = result.options.find((o) => o.gpuId === 'rtx-3090')!;
    expect(option.strategy).not.toMatch(/tp2/);
  });
});

describe('Add a card as a compatibility list', () => {
  const oneCard = planRequest({ gpus: ['RTX 3090'], model: 'llama-3.3-70b' });
  const lines = (o: { compat: readonly { topic: string; status: string }[] }) =>
    Object.fromEntries(o.compat.map((l) => [l.topic, l.status]));

  it('every row answers slot, lanes, spacing, PSU, cables, case, RAM, runtime and driver, from the checks with the card in', () => {
    const result = rankUpgrades({
      request: oneCard,
      profile: null,
      notes: psu(1000),
      candidates: ['rtx-3090'],
    });
    const row = result.options[0]!;
    expect(row.compat.map((l) => l.topic)).toEqual([
      'slot',
      'lanes',
      'spacing',
      'psu',
      'cables',
      'case',
      'ram',
      'runtime',
      'driver',
    ]);
    // 1000 W carries two 3090s only with power limits: a caveat, not a stop.
    expect(lines(row)).toMatchObject({ psu: 'warn', runtime: 'ok' });
    // Not entered: the case's slots are asked for, not guessed.
    expect(lines(row).case).toBe('unknown');
    expect(
      rankUpgrades({
        request: oneCard,
        profile: null,
        notes: psu(650),
        candidates: ['rtx-3090'],
      }).options[0]!.compat.find((l) => l.topic === 'psu')?.status,
    ).toBe('no');
  });

  it('a card of another vendor says why it cannot join, shows no speed, and is blocked', () => {
    const result = rankUpgrades({
      request: oneCard,
      profile: null,
      notes: psu(1600),
      candidates: ['rx-7900-xtx'],
    });
    const amd = result.options[0]!;
    expect(lines(amd).runtime).toBe('no');
    expect(amd.compat.find((l) => l.topic === 'runtime')?.reason).toMatch(
      /^An AMD card cannot share one model with the NVIDIA cards there/,
    );
    expect(amd).toMatchObject({
      status: 'blocked',
      decodeTokPerSec: null,
      decodeRange: null,
      gainPerDollar: null,
    });
  });

  it('SXM/OAM modules are not offered for a PCIe machine, and the result says they were left out', () => {
    const result = rankUpgrades({ request: oneCard, profile: null, notes: psu(1600) });
    expect(result.options.some((o) => findGpu(o.gpuId)?.cooler === 'sxm')).toBe(false);
    expect(result.excluded[0]).toMatch(/^\d+ SXM\/OAM modules \(.*\): they need an HGX\/OAM baseboard/);
  });

  it('the gain counts only what the card adds: a faster strategy the machine can run today is not the card’s', () => {
    // Pinned to the layer split, the pick today is slower than llama.cpp's tensor mode on the same cards.
    const pinned = planRequest({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b', split: 'layer' });
    const result = rankUpgrades({
      request: pinned,
      profile: null,
      notes: psu(1600),
      candidates: ['rtx-3090'],
    });
    const best = result.baseline.bestToday;
    expect(best?.strategy).toBe('llama.cpp:tensor');
    expect(best!.decodeTokPerSec).toBeGreaterThan(result.baseline.decodeTokPerSec! * 1.05);
    const row = result.options[0]!;
    expect(row.gainFromCard).toBeCloseTo(row.decodeTokPerSec! - best!.decodeTokPerSec, 6);
  });
});
