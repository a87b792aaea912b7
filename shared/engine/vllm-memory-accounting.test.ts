/**
 * vLLM's and SGLang's own memory accounting (vllm-memory.ts): the defaults `vllm serve` picks by card,
 * the profiling run's activation peak, and the plans that follow — the 70B AWQ on 2× RTX 3090 build
 * that a fixed ~5 GiB overhead used to refuse. The logs themselves: test/calibration/vllm-memory-logs.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { planRequest } from '../../test/support/plan-request';
import { plan } from './planner/planner';
import { sglangMemFractionStatic, vllmActivationPeakBytes, vllmServeDefaults } from './vllm-memory';
import { catalogModel } from '../../test/support/plan-request';

const GIB = 1024 ** 3;

describe('vLLM memory as vLLM accounts for it', () => {
  it('`vllm serve` defaults follow the card: 2048 tokens / 256 sequences below 70 GiB and on the A100, 8192 / 1024 on an H100, 16384 / 1024 from 160 GiB', () => {
    expect(vllmServeDefaults(24 * 1024, 'GeForce RTX 3090')).toEqual({
      maxNumBatchedTokens: 2048,
      maxNumSeqs: 256,
    });
    expect(vllmServeDefaults(80 * 1024, 'A100 SXM4 80GB')).toEqual({
      maxNumBatchedTokens: 2048,
      maxNumSeqs: 256,
    });
    expect(vllmServeDefaults(79.2 * 1024, 'H100 SXM5 80GB')).toEqual({
      maxNumBatchedTokens: 8192,
      maxNumSeqs: 1024,
    });
    expect(vllmServeDefaults(180 * 1024, 'B200')).toEqual({ maxNumBatchedTokens: 16384, maxNumSeqs: 1024 });
  });

  it('the activation peak is ~1 GiB on a 24 GB card and ~5 GiB on an H100 for an 8B model (sampler rows dominate)', () => {
    const m = catalogModel('llama-3.1-8b', 'Q4_K_M');
    expect(vllmActivationPeakBytes(m, 1, 2048, 256) / GIB).toBeGreaterThan(0.9);
    expect(vllmActivationPeakBytes(m, 1, 2048, 256) / GIB).toBeLessThan(1.5);
    expect(vllmActivationPeakBytes(m, 1, 8192, 1024) / GIB).toBeGreaterThan(4.4);
    expect(vllmActivationPeakBytes(m, 1, 8192, 1024) / GIB).toBeLessThan(5.2);
  });

  it('Llama 3.1 70B AWQ with TP 2 on 2× RTX 3090 fits, with a KV pool of several thousand tokens', () => {
    const result = plan(
      planRequest({
        gpus: ['RTX 3090', 'RTX 3090'],
        model: 'llama-3.1-70b',
        quant: 'awq',
        runtime: 'vllm',
        split: 'tp',
        ctx: 8192,
      }),
    );
    const tp2 = result.strategies.find((s) => s.id === 'vllm:tp2');
    expect(tp2?.fits).toBe(true);
    expect(tp2?.kvCacheTokens).toBeGreaterThan(8192);
    expect(tp2?.kvCacheTokens).toBeLessThan(40000);
    for (const g of tp2?.perGpu ?? []) expect(g.overheadMiB).toBeLessThan(2048);
  });

  it("SGLang's default --mem-fraction-static follows the card: 0.833 on a 24 GiB card, 0.830 on an 80 GiB one at TP 1", () => {
    // 24 GiB: 512 + 1.5 × 2048 + 1/8 × 1024 + 2 × 24 + 8 × 42 prefill graphs = 4096 MiB reserved.
    expect(sglangMemFractionStatic(24 * 1024, 1, 1)).toBe(0.833);
    // 80 GiB: 512 + 1.5 × 8192 + 128 + 2 × 256 + 8 × 58 = 13904 MiB reserved.
    expect(sglangMemFractionStatic(80 * 1024, 1, 1)).toBe(0.83);
    // More ranks reserve more (tp × pp / 8 GiB).
    expect(sglangMemFractionStatic(80 * 1024, 8, 1)).toBeLessThan(sglangMemFractionStatic(80 * 1024, 1, 1));
  });
});
