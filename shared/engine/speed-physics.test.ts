/**
 * The physics the out-of-sample errors pointed at (issue 11), each as a behaviour a skeptical user can
 * check: the KV cache read at the real depth, -nkvo, MoE experts read per batch, row split and tensor
 * parallel costs that grow with the GPU count, and prompt processing bound by PCIe when experts sit in
 * RAM. The numbers themselves are scored out of sample in test/calibration.
 */
import { describe, expect, it } from 'vitest';
import { planRequest } from '../../test/support/plan-request';
import { plan } from './planner/planner';
import { ROW_SPLIT_GONE } from './planner/llama-cpp-strategies';
import { expertUnion } from './speed';

const rate = (spec: Parameters<typeof planRequest>[0], id?: string) => {
  const result = plan(planRequest(spec));
  const s = id ? result.strategies.find((x) => x.id === id) : result.strategies[0];
  return { decode: s?.decodeTokPerSec?.expected ?? 0, prefill: s?.prefillTokPerSec?.expected ?? 0, s };
};

describe('decode at depth', () => {
  it('reads the KV cache at the depth asked for (default: half the context), for llama.cpp and vLLM alike', () => {
    for (const runtime of ['llama.cpp', 'vllm'] as const) {
      const base = {
        gpus: ['RTX 4090'],
        model: 'llama-3.1-8b',
        quant: runtime === 'vllm' ? 'fp8' : 'Q4_K_M',
        ctx: 65536,
        runtime,
      };
      const shallow = rate({ ...base, depth: 0 }).decode;
      const deep = rate({ ...base, depth: 60000 }).decode;
      const middle = rate(base).decode;
      expect(deep, runtime).toBeLessThan(shallow * 0.8);
      expect(middle, runtime).toBeLessThan(shallow);
      expect(middle, runtime).toBeGreaterThan(deep);
    }
  });

  it('-nkvo (the KV cache in RAM) makes decode at depth RAM-bound', () => {
    const base = {
      gpus: ['RTX 4090'],
      model: 'llama-3.1-8b',
      ctx: 32768,
      depth: 30000,
      runtime: 'llama.cpp' as const,
      split: 'none' as const,
    };
    const onGpu = rate(base).decode;
    const onHost = rate({ ...base, llama: { kvOnHost: true } }).decode;
    expect(onHost).toBeLessThan(onGpu * 0.7);
  });
});

describe('MoE batches', () => {
  it('a batch reads every expert any of its tokens picked: 1 − (1 − k/E)^B', () => {
    expect(expertUnion(8 / 128, 1)).toBeCloseTo(0.0625);
    expect(expertUnion(8 / 128, 16)).toBeCloseTo(1 - (120 / 128) ** 16);
    expect(expertUnion(8 / 128, 256)).toBeGreaterThan(0.99);
  });

  it('so per-user decode of a MoE falls faster with users than a dense model of the same active size', () => {
    const moe = (c: number) =>
      rate({
        gpus: ['H100 SXM'],
        model: 'qwen3-30b-a3b',
        quant: 'fp8',
        runtime: 'vllm',
        concurrency: c,
        ctx: 4096,
      }).decode / c;
    const dense = (c: number) =>
      rate({
        gpus: ['H100 SXM'],
        model: 'qwen3-4b',
        quant: 'fp8',
        runtime: 'vllm',
        concurrency: c,
        ctx: 4096,
      }).decode / c;
    expect(moe(16) / moe(1)).toBeLessThan(dense(16) / dense(1));
  });
});

describe('synchronisation that grows with the GPU count', () => {
  it('llama.cpp row split (SYCL, where it still runs): each added GPU adds synchronisation, so 8 GPUs are not 4× faster than 2', () => {
    const at = (n: number) =>
      rate(
        {
          gpus: Array.from({ length: n }, () => 'Arc Pro B60'),
          model: 'llama-3.1-70b',
          quant: 'Q4_K_M',
          runtime: 'llama.cpp',
          split: 'row',
        },
        'llama.cpp:row',
      ).s;
    const two = at(2);
    const eight = at(8);
    expect(eight?.bottleneck).toMatch(/all-reduce|link/);
    expect(eight!.decodeTokPerSec!.expected).toBeLessThan(2 * two!.decodeTokPerSec!.expected);
  });

  it('vLLM tensor parallel over PCIe: TP 8 is far from 4× TP 2 (the all-reduce latency grows with TP)', () => {
    const at = (n: number) =>
      rate(
        {
          gpus: Array.from({ length: n }, () => 'A100 PCIe 80GB'),
          model: 'llama-3.1-70b',
          quant: 'bf16',
          runtime: 'vllm',
          split: 'tp',
        },
        `vllm:tp${n}`,
      ).decode;
    expect(at(8)).toBeLessThan(2.5 * at(2));
    expect(at(8)).toBeGreaterThan(at(2) * 0.8);
  });
});

describe('prompt processing', () => {
  it('with experts in RAM it is bound by copying them over PCIe for every batch: a bigger ubatch is faster', () => {
    const base = {
      gpus: ['RTX 3090'],
      model: 'gpt-oss-120b',
      quant: 'MXFP4',
      runtime: 'llama.cpp' as const,
      split: 'none' as const,
      ramGiB: 128,
    };
    const small = rate({ ...base, llama: { nCpuMoe: 36, ubatch: 512 } }).prefill;
    const big = rate({ ...base, llama: { nCpuMoe: 36, ubatch: 4096 } }).prefill;
    const onGpu = rate({ ...base, gpus: ['H100 SXM'], llama: { nCpuMoe: 0, ubatch: 512 } }).prefill;
    expect(big).toBeGreaterThan(2 * small);
    expect(small).toBeLessThan(onGpu / 5);
  });

  it('Apple silicon is compute-bound at its GPU FP16 rate (M2 Ultra 27.2 TFLOPS, not a bandwidth fallback)', () => {
    const ultra = rate({
      gpus: ['M2 Ultra'],
      model: 'llama-2-7b',
      quant: 'Q4_0',
      runtime: 'llama.cpp',
    }).prefill;
    // #4167 measured ~1240 tok/s pp512 for 7B Q4_0 on the 76-core M2 Ultra; the bandwidth fallback said ~3× that.
    expect(ultra).toBeGreaterThan(600);
    expect(ultra).toBeLessThan(2500);
  });
});

describe('what the runtimes run today', () => {
  it('row split is refused on CUDA, ROCm, Vulkan and Metal builds (gone since b9890), listed only where SYCL runs it', () => {
    const cuda = plan(planRequest({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b' }));
    expect(cuda.strategies.map((s) => s.id)).not.toContain('llama.cpp:row');
    const asked = plan(planRequest({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b', split: 'row' }));
    expect(asked.strategies[0]?.id).toBe('llama.cpp:row');
    expect(asked.strategies[0]?.invalid).toBe(true);
    expect(asked.strategies[0]?.reasons).toContain(ROW_SPLIT_GONE);
    for (const gpus of [
      ['RX 7900 XTX', 'RX 7900 XTX'],
      ['M2 Ultra', 'M2 Ultra'],
    ]) {
      const refused = plan(planRequest({ gpus, model: 'llama-3.1-8b', split: 'row' })).strategies[0];
      expect(refused?.invalid, gpus[0]).toBe(true);
    }
    const sycl = plan(planRequest({ gpus: ['Arc Pro B60', 'Arc Pro B60'], model: 'llama-3.1-8b' }));
    expect(sycl.strategies.find((s) => s.id === 'llama.cpp:row')?.invalid).toBe(false);
    // A CUDA build from before b9890, named by the user, still row-splits.
    const old = plan(
      planRequest({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b', llama: { llamaBuild: 9000 } }),
    );
    expect(old.strategies.find((s) => s.id === 'llama.cpp:row')?.invalid).toBe(false);
  });

  it('an 8-bit KV type is fp8 in vLLM: twice the KV pool, and half the KV read per token', () => {
    const base = {
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'qwen2.5-32b',
      quant: 'awq',
      ctx: 32768,
      depth: 30000,
      runtime: 'vllm' as const,
      split: 'tp' as const,
    };
    const bf16 = rate(base, 'vllm:tp2').s!;
    const fp8 = rate({ ...base, llama: { cacheTypeK: 'q8_0', cacheTypeV: 'q8_0' } }, 'vllm:tp2').s!;
    expect(bf16.kvCacheFp8).toBeUndefined();
    expect(fp8.kvCacheFp8).toBe(true);
    expect(fp8.kvCacheTokens / bf16.kvCacheTokens).toBeGreaterThan(1.9);
    expect(fp8.kvCacheTokens / bf16.kvCacheTokens).toBeLessThan(2.1);
    expect(fp8.decodeTokPerSec!.expected).toBeGreaterThan(bf16.decodeTokPerSec!.expected * 1.05);
  });
});

describe('a server under load', () => {
  const serving = (concurrency: number, promptTokens: number, outputTokens: number) => {
    const req = planRequest({
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'qwen2.5-32b',
      quant: 'awq',
      runtime: 'vllm',
      split: 'tp',
      concurrency,
    });
    const alone = plan(req).strategies[0]!;
    const loaded = plan({ ...req, serving: { promptTokens, outputTokens } }).strategies[0]!;
    return { alone: alone.decodeTokPerSec!.expected, loaded: loaded.decodeTokPerSec!.expected, s: loaded };
  };

  it("each stream's decode pays for the other streams' prompts: long prompts and short answers at 16 users turn it prompt-bound", () => {
    const heavy = serving(16, 16384, 256);
    // 15 others × 16384 prompt tokens per 256 generated: ~960 prompt tokens between two decode steps.
    expect(heavy.loaded).toBeLessThan(heavy.alone * 0.2);
    expect(heavy.s.reasons.some((r) => /decode under load/.test(r))).toBe(true);
    const light = serving(16, 512, 800);
    expect(light.loaded).toBeGreaterThan(light.alone * 0.5);
    expect(light.loaded).toBeLessThan(light.alone);
  });

  it('one stream has no other prompts to wait for', () => {
    const one = serving(1, 16384, 256);
    expect(one.loaded).toBe(one.alone);
  });
});

describe('the program that serves the model', () => {
  const stepKeys = (runtime: 'exllamav2' | 'llama.cpp', quant: string) => {
    const s = rate({ gpus: ['RTX 4090'], model: 'llama-3.1-8b', quant, runtime, split: 'none' }).s;
    return (s?.decodeModel?.memory ?? []).flatMap((t) => t.keys);
  };

  it("ExLlama is planned behind TabbyAPI (the server its commands launch): each token pays the server's host time", () => {
    expect(stepKeys('exllamav2', '4.0bpw')).toContain('host.exl.server');
    // llama.cpp's step holds its own server time: no second host term.
    expect(stepKeys('llama.cpp', 'Q4_K_M')).not.toContain('host.exl.server');
  });
});
