/**
 * The fit meter's answers are the planner's own: the largest quantization it offers is the first, largest
 * first, that the plan keeps all on the GPUs, and the longest context is where the plan stops fitting.
 */
import { describe, expect, it } from 'vitest';
import { planRequest } from '../../../test/support/plan-request';
import { planFor, strategyFor } from './advise';
import {
  atQuant,
  largestQuantOnGpus,
  longestContextOnGpus,
  quantsLike,
  readingFor,
  readingOf,
} from './fit-options';

const fitAt = (request: ReturnType<typeof planRequest>) =>
  strategyFor(planFor(request, null), request, null)?.fit ?? 'none';

describe('fit options', () => {
  it('a reading is what the plan says for that model: fit, RAM share and speed', () => {
    const request = planRequest({ gpus: ['RTX 3090'], model: 'llama-3.1-70b', quant: 'Q4_K_M', ramGiB: 64 });
    const result = planFor(request, null);
    const chosen = strategyFor(result, request, null);
    expect(readingOf(result, request)).toMatchObject({
      fit: 'offload',
      ramOffloadMiB: chosen?.ramOffloadMiB,
      decodeTokPerSec: chosen?.decodeTokPerSec,
      strategyId: chosen?.id,
    });
    expect(readingFor(request, null, request.model)).toEqual(readingOf(result, request));
  });

  it('the largest quantization on one RTX 3090 for 70B is all on the GPU, and the next larger one is not', () => {
    const request = planRequest({ gpus: ['RTX 3090'], model: 'llama-3.1-70b', quant: 'Q4_K_M', ramGiB: 64 });
    const found = largestQuantOnGpus(request, null);
    expect(found?.reading.fit).toBe('gpu');
    const ladder = quantsLike(request.model);
    const larger = ladder[ladder.findIndex((q) => q.id === found?.quant.id) - 1];
    expect(larger).toBeDefined();
    expect(fitAt({ ...request, model: atQuant(request.model, larger!)! })).not.toBe('gpu');
    expect(ladder.every((q) => q.bitsPerWeight <= 16 && q.format === 'gguf')).toBe(true);
  });

  it('nothing re-quantizes a GGUF file’s own tensors', () => {
    const request = planRequest({ gpus: ['RTX 3090'], model: 'llama-3.1-8b' });
    const fromFile = { ...request.model, weights: { ...request.model.weights, origin: 'gguf' as const } };
    expect(largestQuantOnGpus({ ...request, model: fromFile }, null)).toBeNull();
  });

  it('the longest context on 2× RTX 3090 for 70B Q4_K_M fits all on the GPUs, and a fifth more does not', () => {
    const request = planRequest({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b', quant: 'Q4_K_M' });
    const longest = longestContextOnGpus(planFor(request, null), request);
    expect(longest).toBeGreaterThan(8192);
    expect(fitAt({ ...request, ctx: longest! })).toBe('gpu');
    expect(fitAt({ ...request, ctx: Math.round(longest! * 1.2) })).not.toBe('gpu');
  });

  it('a model whose weights alone overflow the GPUs has no context that fits on them', () => {
    const request = planRequest({ gpus: ['RTX 3090'], model: 'llama-3.1-70b', quant: 'Q4_K_M', ramGiB: 64 });
    expect(longestContextOnGpus(planFor(request, null), request)).toBeNull();
  });
});
