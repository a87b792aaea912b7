/**
 * Details where two parts of the advice used to word the same fact differently (found on screen):
 * the followed strategy when nothing fits, a power limit's cost when limits are already set, the
 * bench line against the launch command, a blocked strategy's fix, the card a one-GPU vLLM plan takes,
 * and a compare verdict against the PSU.
 */
import { describe, expect, it } from 'vitest';
import { adviceFor, planRequest } from '../../../test/support/plan-request';
import { machineFromNames } from '../machine';
import { EMPTY_USER_NOTES, type UserNotes } from '../rig-notes';
import { compareBuilds, parseBuild } from './compare';

const psu = (watts: number, note = ''): UserNotes => ({
  ...EMPTY_USER_NOTES,
  psu: { ...EMPTY_USER_NOTES.psu, watts, note },
});

describe('the details agree', () => {
  it('nothing fits (405B on 2× A5000, 64 GiB RAM): the strategy followed is the nearest miss, not the first listed', () => {
    const a = adviceFor({ gpus: ['RTX A5000', 'RTX A5000'], ramGiB: 64, model: 'llama-3.1-405b' });
    expect(a.plan.recommended).toBeNull();
    expect(a.strategy?.id).not.toBe('llama.cpp:none');
    expect(a.strategy?.split).toBe('offload');
  });

  it("a power limit's cost is against the limits already set, in the check and in the suggestion alike", () => {
    const limited = machineFromNames({
      gpuNames: ['RTX 3090', 'RTX 3090'],
      ramGiB: 64,
      powerLimits: [
        { gpuIndex: 0, watts: 250 },
        { gpuIndex: 1, watts: 250 },
      ],
    });
    // 725 W sustained at the 250 W limits: 85% of an 850 W ATX 3.x PSU, so the cards go lower still.
    const a = adviceFor({ machine: limited, model: 'llama-3.1-70b', notes: psu(850, 'ATX 3.1') });
    expect(a.power.verdict).toBe('power-limit');
    const loss = a.power.powerLimit!.loss;
    const suggestion = a.suggestions.find((s) => s.kind === 'power-limit')!;
    const before = a.strategy!.decodeTokPerSec!.expected;
    const after = suggestion.effect.decodeTokPerSec!.expected;
    expect(after / before).toBeCloseTo(1 - loss, 2);
    const fix = a.checks.find((c) => c.id === 'power.sustained')!.fix;
    expect(fix).toContain(`${before.toFixed(1)} → ${(before * (1 - loss)).toFixed(1)} tok/s`);
  });

  it('the checklist benchmarks the placement it launches: -ngl, experts in RAM, and -ts with llama-bench slashes', () => {
    const a = adviceFor({
      gpus: ['RTX 3090', 'RTX 3090'],
      ramGiB: 128,
      model: 'gpt-oss-120b',
      quant: 'MXFP4',
      runtime: 'llama.cpp',
    });
    const s = a.strategy!;
    expect(s.id).toBe('llama.cpp:moe-offload');
    const verify = a.checklist!.sections.find((x) => x.title === 'Verify')!;
    const bench = verify.items
      .map((i) => ('code' in i ? i.code : ''))
      .find((c) => c.includes('llama-bench'))!;
    expect(bench).toContain(`-ncmoe ${s.llama!.nCpuMoe}`);
    expect(bench).toContain(`-ts ${s.llama!.tensorSplit!.join('/')}`);
  });

  it("a strategy every runtime of its format refuses (vLLM on a Tesla P40): the fix is the engine's suggestion", () => {
    const a = adviceFor({ gpus: ['Tesla P40'], model: 'llama-3.1-8b', quant: 'awq' });
    const fit = a.checks.find((c) => c.id === 'capacity.fit')!;
    expect(fit.status).toBe('fail');
    expect(fit.suggestions).toContain('runtime');
    expect(fit.fix).toMatch(/llama\.cpp with a \S+ GGUF: fits all on the GPUs/);
  });

  it('vLLM on one card of a mixed pair takes the biggest card (the RTX 3090, not the 16 GB P100 listed first)', () => {
    const a = adviceFor({ gpus: ['Tesla P100 16GB', 'RTX 3090'], model: 'llama-3.1-8b', quant: 'awq' });
    expect(a.plan.strategies.find((s) => s.id === 'vllm:tp1')?.gpuIndices).toEqual([1]);
    expect(a.plan.recommended).toBe('vllm:tp1');
  });

  it("compare's verdict says when the winner needs more PSU than yours", () => {
    const result = compareBuilds([parseBuild('RTX 4090'), parseBuild('2x RTX 3090')], {
      request: planRequest({ gpus: ['RTX 4090'], model: 'llama-3.1-70b' }),
      notes: psu(650),
    });
    expect(result.verdict).toMatch(
      /2x RTX 3090 wins .* It needs a PSU of at least 1200 W, more than yours\./,
    );
  });
});
