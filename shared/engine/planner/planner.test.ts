import { describe, expect, it } from 'vitest';
import { findModel } from '../../catalog/model-lookup';
import { findQuant } from '../../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../../catalog/types';
import { modelFromCatalog } from '../../model-import/catalog-model';
import { kvBytesPerTokenAllLayers } from '../kv-cache';
import { machineFromNames, parseLinkOption } from '../machine';
import { assignLayers } from '../llama-cpp-memory';
import { plan } from './planner';
import type { PlanRequest } from './plan-types';
import { planRequest } from '../../../test/support/plan-request';

const model = (id: string, quant: string) =>
  modelFromCatalog(findModel(id) as ModelSpec, findQuant(quant) as QuantSpec);

function request(gpus: string[], id: string, quant: string, over: Partial<PlanRequest> = {}): PlanRequest {
  return planRequest({
    machine: machineFromNames({ gpuNames: gpus, ramGiB: 64 }),
    model: model(id, quant),
    ctx: 8192,
    ...over,
  });
}

describe('planner', () => {
  it('70B Q4_K_M does not fit one RTX 3090 but fits two with a layer split, at ~16 tok/s (measured 16.6, xd-025)', () => {
    const result = plan(request(['RTX 3090', 'RTX 3090'], 'llama-3.1-70b', 'Q4_K_M'));
    const byId = Object.fromEntries(result.strategies.map((s) => [s.id, s]));
    expect(byId['llama.cpp:none']?.fits).toBe(false);
    expect(byId['llama.cpp:layer']?.fits).toBe(true);
    expect(byId['llama.cpp:layer']?.decodeTokPerSec?.expected).toBeGreaterThan(12);
    expect(byId['llama.cpp:layer']?.decodeTokPerSec?.expected).toBeLessThan(21);
    expect(result.recommended).not.toBeNull();
  });

  it('layer split adds memory, not decode speed: 8B on two 4090s is no faster than on one', () => {
    const result = plan(request(['RTX 4090', 'RTX 4090'], 'llama-3-8b', 'Q4_K_M'));
    const one = result.strategies.find((s) => s.id === 'llama.cpp:none')?.decodeTokPerSec?.expected ?? 0;
    const two = result.strategies.find((s) => s.id === 'llama.cpp:layer')?.decodeTokPerSec?.expected ?? 0;
    expect(two).toBeLessThanOrEqual(one);
    expect(result.recommended).toBe('llama.cpp:none');
  });

  it("vLLM TP 3 on a 64-head model is refused with vLLM's own rule, and still listed first when asked for", () => {
    const result = plan(
      request(['RTX 3090', 'RTX 3090', 'RTX 3090'], 'llama-3.1-70b', 'awq', { runtime: 'vllm', split: 'tp' }),
    );
    const first = result.strategies[0];
    expect(first?.tensorParallel).toBe(3);
    expect(first?.fits).toBe(false);
    expect(first?.reasons.join(' ')).toMatch(
      /attention heads \(64\) must be divisible by tensor parallel size \(3\)/,
    );
    expect(result.strategies.some((s) => s.id === 'vllm:pp3' && !s.invalid)).toBe(true);
  });

  it('a model larger than all memory fits nowhere and says why', () => {
    const result = plan(request(['RTX 3090'], 'llama-3.1-405b', 'Q4_K_M'));
    expect(result.recommended).toBeNull();
    expect(result.strategies.every((s) => !s.fits)).toBe(true);
    expect(result.why).toMatch(/Nothing fits/);
  });

  it('70B on one 24 GB card with CPU offload: fits in RAM, a few tokens/s, bound by RAM bandwidth', () => {
    const result = plan(request(['RTX 4090'], 'llama-3.1-70b', 'Q4_K_M', { split: 'offload' }));
    const first = result.strategies[0];
    expect(first?.fits).toBe(true);
    expect(first?.decodeTokPerSec?.expected).toBeLessThan(6);
    expect(first?.bottleneck).toMatch(/system RAM bandwidth/);
  });

  it('a MoE model reads only its active experts: Qwen3-30B-A3B decodes several times faster than dense Qwen3-32B', () => {
    const moe =
      plan(request(['RTX 4090'], 'qwen3-30b-a3b', 'Q4_K_M')).strategies[0]?.decodeTokPerSec?.expected ?? 0;
    const dense =
      plan(request(['RTX 4090'], 'qwen3-32b', 'Q4_K_M')).strategies[0]?.decodeTokPerSec?.expected ?? 0;
    expect(moe / dense).toBeGreaterThan(3);
  });

  it('a pinned --tensor-split 3,1 puts three quarters of the layers on the first GPU', () => {
    const placement = assignLayers(80, null, [3, 1]);
    expect(placement.filter((d) => d === 0)).toHaveLength(61);
    expect(placement.at(-1)).toBe(1);
  });

  it('a pinned tensor split 3,1 moves weights to GPU 0 in the layer split, in llama.cpp and in Ollama (LLAMA_ARG_TENSOR_SPLIT)', () => {
    const two = ['RTX 3090', 'RTX 3090'];
    const even = plan(request(two, 'llama-3.1-8b', 'Q4_K_M'));
    const pinned = plan(request(two, 'llama-3.1-8b', 'Q4_K_M', { llama: { tensorSplit: [3, 1] } }));
    const layer = pinned.strategies.find((s) => s.id === 'llama.cpp:layer');
    const [gpu0, gpu1] = layer?.perGpu ?? [];
    const evenGpu0 = even.strategies.find((s) => s.id === 'llama.cpp:layer')?.perGpu[0];
    // 24 of 32 layers on GPU 0; GPU 1 keeps its 8 and the output layer.
    expect(gpu0!.weightsMiB).toBeGreaterThan(2 * gpu1!.weightsMiB);
    expect(gpu0!.weightsMiB).toBeGreaterThan(1.4 * evenGpu0!.weightsMiB);
    expect(layer?.llama?.tensorSplit).toEqual([0.75, 0.25]);
    expect(even.strategies.some((s) => s.runtime === 'ollama')).toBe(true);
    // Ollama's llama-server reads the split from its environment (0.30+), so Ollama is planned with it too.
    const ollama = pinned.strategies.find((s) => s.id === 'ollama:layer');
    expect(ollama?.llama?.tensorSplit).toEqual([0.75, 0.25]);
    expect(ollama?.perGpu.map((g) => g.weightsMiB)).toEqual(layer?.perGpu.map((g) => g.weightsMiB));
  });

  it('a pinned tensor split is not applied where it cannot hold: one GPU, another GPU count, tensor mode', () => {
    const two = ['RTX 3090', 'RTX 3090'];
    const base = plan(request(two, 'llama-3.1-70b', 'Q4_K_M'));
    const byId = (r: ReturnType<typeof plan>, id: string) => r.strategies.find((s) => s.id === id);
    const pinned = plan(request(two, 'llama-3.1-70b', 'Q4_K_M', { llama: { tensorSplit: [3, 1] } }));
    // One GPU holds every layer, not three quarters of them.
    expect(byId(pinned, 'llama.cpp:none')?.perGpu).toEqual(byId(base, 'llama.cpp:none')?.perGpu);
    // (Row split is listed only where it runs, SYCL, or when asked for.)
    for (const id of ['llama.cpp:tensor']) {
      expect(byId(pinned, id)?.perGpu).toEqual(byId(base, id)?.perGpu);
      expect(byId(pinned, id)?.warnings[0]).toMatch(/even split: the pinned tensor split 3,1 is used by/);
    }
    const three = plan(request(two, 'llama-3.1-70b', 'Q4_K_M', { llama: { tensorSplit: [3, 1, 1] } }));
    expect(byId(three, 'llama.cpp:layer')?.perGpu).toEqual(byId(base, 'llama.cpp:layer')?.perGpu);
    expect(byId(three, 'llama.cpp:layer')?.warnings[0]).toMatch(/3 shares for 2 GPUs: not used/);
  });

  it('a q8_0 KV cache about halves the KV memory and holds a longer context, in tensor mode too (llama.cpp b9455, PR #23792)', () => {
    const two = ['RTX 3090', 'RTX 3090'];
    const f16 = plan(request(two, 'llama-3.1-70b', 'Q4_K_M'));
    const q8 = plan(
      request(two, 'llama-3.1-70b', 'Q4_K_M', { llama: { cacheTypeK: 'q8_0', cacheTypeV: 'q8_0' } }),
    );
    const layer = (r: ReturnType<typeof plan>) => r.strategies.find((s) => s.id === 'llama.cpp:layer');
    const kv = (r: ReturnType<typeof plan>) => layer(r)?.perGpu.map((g) => g.kvCacheMiB) ?? [];
    kv(q8).forEach((mib, i) => expect(mib / (kv(f16)[i] ?? 1)).toBeCloseTo(34 / 64, 1));
    expect(layer(q8)?.maxContext).toBeGreaterThan(1.5 * (layer(f16)?.maxContext ?? 0));
    const tensor = (r: ReturnType<typeof plan>) => r.strategies.find((s) => s.id === 'llama.cpp:tensor');
    expect(tensor(q8)?.invalid).toBe(false);
    expect(tensor(q8)?.fits).toBe(true);
    expect(tensor(q8)?.reasons.join(' ')).not.toMatch(/unquantized|KV cache quantization/);
    expect(tensor(q8)?.maxContext).toBeGreaterThan(1.5 * (tensor(f16)?.maxContext ?? 0));
  });

  it('tensor mode on an architecture llama.cpp excludes (deepseek2) is refused, pointing at the layer split', () => {
    const four = ['RTX 3090', 'RTX 3090', 'RTX 3090', 'RTX 3090'];
    const r = plan(request(four, 'deepseek-v3', 'Q4_K_M', { split: 'tensor' }));
    const tensor = r.strategies.find((s) => s.id === 'llama.cpp:tensor');
    expect(tensor?.invalid).toBe(true);
    expect(tensor?.reasons.join(' ')).toMatch(/does not support the deepseek2 architecture.*layer split/);
  });

  it('the longest-context goal picks the strategy with the largest maxContext', () => {
    const result = plan(request(['RTX 3090', 'RTX 3090'], 'llama-3.1-8b', 'Q4_K_M', { goal: 'context' }));
    const best = result.strategies.find((s) => s.id === result.recommended);
    expect(best?.maxContext).toBe(
      Math.max(...result.strategies.filter((s) => s.fits).map((s) => s.maxContext)),
    );
  });

  it('tensor parallel over NVLink beats the same split over PCIe without P2P', () => {
    const over = (link: string) =>
      plan({
        ...request(['RTX 3090', 'RTX 3090'], 'llama-3.1-70b', 'awq', { runtime: 'vllm', split: 'tp' }),
        machine: machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'], link: parseLinkOption(link) }),
      }).strategies[0]?.decodeTokPerSec?.expected ?? 0;
    expect(over('nvlink')).toBeGreaterThan(over('pcie4x8'));
  });

  it('vLLM replicates KV heads once TP exceeds them: per-GPU KV stops shrinking at TP 8 for 8 KV heads', () => {
    const spec = findModel('llama-3.1-70b') as ModelSpec;
    expect(kvBytesPerTokenAllLayers(spec, 2, 16)).toBe(kvBytesPerTokenAllLayers(spec, 2, 8));
    expect(kvBytesPerTokenAllLayers(spec, 2, 4)).toBe(2 * kvBytesPerTokenAllLayers(spec, 2, 8));
  });
});
