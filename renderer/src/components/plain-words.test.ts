import { describe, expect, it } from 'vitest';
import { plan } from '@shared/engine/planner/planner';
import { planRequest } from '../../../test/support/plan-request';
import { gpusWord, headline, speedWords, strategyInWords } from './plain-words';

const planned = (spec: Parameters<typeof planRequest>[0]) => {
  const request = planRequest(spec);
  const result = plan(request);
  const byId = (id: string) => result.strategies.find((s) => s.id === id);
  return { request, result, byId, best: byId(result.recommended ?? '') };
};

describe('strategies in words', () => {
  it('names the runtime and what the split does, never only the id', () => {
    const { byId } = planned({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b', quant: 'Q4_K_M' });
    expect(strategyInWords(byId('llama.cpp:layer')!)).toBe('llama.cpp, layers split over 2 GPUs');
    expect(strategyInWords(byId('llama.cpp:tensor')!)).toBe(
      "llama.cpp, each layer's tensors split over 2 GPUs",
    );
    expect(strategyInWords(byId('ollama:none')!)).toBe('Ollama, one GPU');
    const vllm = planned({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-8b', quant: 'awq' });
    expect(strategyInWords(vllm.byId('vllm:tp2')!)).toBe('vLLM, tensor parallel over 2 GPUs');
    expect(strategyInWords(vllm.byId('sglang:pp2')!)).toBe('SGLang, pipeline parallel over 2 GPUs');
  });

  it('GPU counts read as people say them', () => {
    expect([gpusWord(1, 1), gpusWord(1, 2), gpusWord(2, 2), gpusWord(4, 4), gpusWord(3, 4)]).toEqual([
      'the GPU',
      'one GPU',
      'both GPUs',
      'all 4 GPUs',
      '3 of 4 GPUs',
    ]);
  });
});

describe('the headline', () => {
  it('all on the GPUs: speed, which GPUs, the room left on each', () => {
    const { best, request } = planned({
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'llama-3.1-70b',
      quant: 'Q4_K_M',
    });
    expect(best?.fit).toBe('gpu');
    expect(headline(best!, request)).toMatch(
      /^About \d+ tok\/s, both GPUs, (at least )?\d+\.\d GiB spare on each$/,
    );
  });

  it('partly in RAM says how much is read from RAM every token; does not fit says why', () => {
    const { best, request } = planned({
      gpus: ['RTX 3090'],
      model: 'llama-3.1-70b',
      quant: 'Q4_K_M',
      ramGiB: 64,
    });
    expect(best?.fit).toBe('offload');
    expect(headline(best!, request)).toMatch(
      /^About \d(\.\d)? tok\/s: \d+\.\d GiB of it in system RAM, read every token/,
    );
    const none = planned({ gpus: ['RTX 3060'], model: 'llama-3.1-405b', quant: 'Q4_K_M', ramGiB: 32 });
    const s = none.result.strategies[0]!;
    expect(s.fit).toBe('none');
    expect(headline(s, none.request)).toMatch(/^(Does not fit as asked|Blocked): /);
  });

  it('several users: the planner’s figure is the total, and each user’s share is said', () => {
    expect(speedWords({ decodeTokPerSec: { low: 80, expected: 100, high: 120 } }, 8)).toBe(
      'about 100 tok/s in total for 8 users (about 13 each)',
    );
    expect(speedWords({ decodeTokPerSec: { low: 1, expected: 1.34, high: 2 } }, 1)).toBe('about 1.3 tok/s');
    expect(speedWords({ decodeTokPerSec: null }, 1)).toBe('speed unknown');
  });
});
