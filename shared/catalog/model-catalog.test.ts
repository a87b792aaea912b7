import { describe, expect, it } from 'vitest';
import { closestModels, findModel, modelKeys } from './model-lookup';
import { estimateActiveParamsB, estimateParamsB } from './model-params';
import { MODEL_CATALOG } from './models/index';

const REQUIRED_IDS = [
  'llama-2-7b',
  'llama-2-13b',
  'llama-2-70b',
  'codellama-34b',
  'llama-3-8b',
  'llama-3-70b',
  'llama-3.1-8b',
  'llama-3.1-70b',
  'llama-3.1-405b',
  'llama-3.2-3b',
  'llama-3.3-70b',
  'mistral-7b',
  'mixtral-8x7b',
  'mixtral-8x22b',
  'mistral-large-2',
  'qwen2.5-7b',
  'qwen2.5-14b',
  'qwen2.5-32b',
  'qwen2.5-72b',
  'qwen3-8b',
  'qwen3-14b',
  'qwen3-32b',
  'qwen3-30b-a3b',
  'qwen3-235b-a22b',
  'gemma-3-12b',
  'gemma-3-27b',
  'phi-4',
  'deepseek-r1-distill-llama-70b',
  'deepseek-v3',
  'gpt-oss-20b',
  'gpt-oss-120b',
];

/** Models whose config sets head_dim explicitly so that heads × head_dim ≠ hidden_size (with why). */
const EXPLICIT_HEAD_DIM: Record<string, string> = {
  'qwen3-32b': 'head_dim 128 × 64 heads = 8192 vs hidden 5120',
  'qwen3-30b-a3b': 'head_dim 128 × 32 heads = 4096 vs hidden 2048',
  'qwen3-235b-a22b': 'head_dim 128 × 64 heads = 8192 vs hidden 4096',
  'gemma-3-4b': 'head_dim 256 × 8 heads = 2048 vs hidden 2560',
  'gemma-3-12b': 'head_dim 256 × 16 heads = 4096 vs hidden 3840',
  'gemma-3-27b': 'head_dim 128 × 32 heads = 4096 vs hidden 5376',
  'gpt-oss-20b': 'head_dim 64 × 64 heads = 4096 vs hidden 2880',
  'gpt-oss-120b': 'head_dim 64 × 64 heads = 4096 vs hidden 2880',
  'deepseek-v3': 'MLA: qk head 192 × 128 heads vs hidden 7168',
  'deepseek-r1': 'MLA: qk head 192 × 128 heads vs hidden 7168',
};

const within = (value: number, target: number, tolerance: number): boolean =>
  Math.abs(value - target) <= tolerance * target;

describe('model catalog: coverage and sources', () => {
  it('contains every required id, in lower case, once', () => {
    const ids = MODEL_CATALOG.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of REQUIRED_IDS) expect(ids).toContain(id);
    for (const id of ids) expect(id).toBe(id.toLowerCase());
  });

  it.each(MODEL_CATALOG)('$id cites a config.json and says what it relies on', (m) => {
    expect(m.sources.length).toBeGreaterThanOrEqual(2);
    expect(m.sources.some((s) => s.ref === `https://huggingface.co/${m.repo}/blob/main/config.json`)).toBe(
      true,
    );
    for (const s of m.sources) {
      expect(s.ref.trim()).not.toBe('');
      expect(s.says?.trim() ?? '').not.toBe('');
    }
  });

  it('no two models answer to the same name', () => {
    const owner = new Map<string, string>();
    for (const m of MODEL_CATALOG) {
      for (const key of modelKeys(m)) {
        expect(owner.get(key) ?? m.id, `key ${key}`).toBe(m.id);
        owner.set(key, m.id);
      }
    }
  });
});

describe('model catalog: derived checks that catch typos', () => {
  it.each(MODEL_CATALOG)('$id: head geometry is consistent', (m) => {
    expect(m.attentionHeads % m.kvHeads, 'kvHeads divides heads').toBe(0);
    expect([64, 80, 96, 128, 192, 256]).toContain(m.headDim);
    if (EXPLICIT_HEAD_DIM[m.id]) expect(m.attentionHeads * m.headDim).not.toBe(m.hiddenSize);
    else expect(m.attentionHeads * m.headDim, 'hidden = heads × headDim').toBe(m.hiddenSize);
  });

  it.each(MODEL_CATALOG)('$id: counts and limits are plausible', (m) => {
    expect(m.activeParamsB).toBeLessThanOrEqual(m.paramsB);
    expect(m.layers).toBeGreaterThan(0);
    expect(m.maxContext).toBeGreaterThanOrEqual(4096);
    if (m.experts) {
      expect(m.experts.active).toBeLessThanOrEqual(m.experts.total);
      expect(m.activeParamsB).toBeLessThan(m.paramsB);
    } else {
      expect(m.activeParamsB).toBe(m.paramsB);
    }
    if (m.slidingWindow) expect(m.slidingWindow.layers).toBeLessThanOrEqual(m.layers);
    if (m.extendedContext) expect(m.extendedContext.tokens).toBeGreaterThan(m.maxContext);
  });

  it.each(MODEL_CATALOG)('$id: parameters recomputed from the architecture match within 10%', (m) => {
    expect(
      within(estimateParamsB(m), m.paramsB, 0.1),
      `estimate ${estimateParamsB(m).toFixed(2)}B vs ${m.paramsB}B`,
    ).toBe(true);
  });

  it.each(MODEL_CATALOG.filter((m) => m.experts))(
    '$id: active parameters recomputed match within 10%',
    (m) => {
      const est = estimateActiveParamsB(m);
      expect(within(est, m.activeParamsB, 0.1), `estimate ${est.toFixed(2)}B vs ${m.activeParamsB}B`).toBe(
        true,
      );
    },
  );

  it('the recomputation reproduces known totals closely (MLA, gpt-oss, GQA dense)', () => {
    const v3 = findModel('deepseek-v3')!;
    expect(estimateParamsB(v3)).toBeCloseTo(670.9, 0);
    expect(estimateActiveParamsB(findModel('gpt-oss-120b')!)).toBeCloseTo(5.1, 1);
    expect(estimateParamsB(findModel('llama-3.1-8b')!)).toBeCloseTo(8.03, 2);
    expect(estimateParamsB(findModel('mixtral-8x7b')!)).toBeCloseTo(46.7, 1);
  });

  it('sliding-window facts: gemma-3 5 local : 1 global, gpt-oss half the layers, mistral v0.1 all layers', () => {
    for (const id of ['gemma-3-4b', 'gemma-3-12b', 'gemma-3-27b']) {
      const m = findModel(id)!;
      expect(m.slidingWindow).toEqual({ window: 1024, layers: m.layers - Math.floor(m.layers / 6) });
    }
    for (const id of ['gpt-oss-20b', 'gpt-oss-120b']) {
      const m = findModel(id)!;
      expect(m.slidingWindow).toEqual({ window: 128, layers: m.layers / 2 });
    }
    expect(findModel('mistral-7b-v0.1')!.slidingWindow).toEqual({ window: 4096, layers: 32 });
    expect(findModel('mistral-7b')!.slidingWindow).toBeNull();
  });

  it('MLA only on DeepSeek V3/R1, with kv_lora_rank 512 and qk_rope_head_dim 64', () => {
    const withMla = MODEL_CATALOG.filter((m) => m.mla).map((m) => m.id);
    expect(withMla.sort()).toEqual(['deepseek-r1', 'deepseek-v3']);
    expect(findModel('deepseek-v3')!.mla).toMatchObject({ kvLoraRank: 512, qkRopeHeadDim: 64 });
  });
});

describe('model lookup', () => {
  it.each([
    ['llama-3.1-70b', 'llama-3.1-70b'],
    ['Llama-3.1-70B', 'llama-3.1-70b'],
    ['meta-llama/Llama-3.1-70B-Instruct', 'llama-3.1-70b'],
    ['meta-llama/Meta-Llama-3.1-70B-Instruct', 'llama-3.1-70b'],
    ['llama3.1:70b', 'llama-3.1-70b'],
    ['llama3.1:70b-instruct-q4_K_M', 'llama-3.1-70b'],
    ['Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf', 'llama-3.1-8b'],
    ['llama3', 'llama-3-8b'],
    ['qwen3:30b-a3b', 'qwen3-30b-a3b'],
    ['Qwen/Qwen3-235B-A22B', 'qwen3-235b-a22b'],
    ['qwen2.5:72b', 'qwen2.5-72b'],
    ['Qwen/Qwen2.5-Coder-32B-Instruct-AWQ', 'qwen2.5-coder-32b'],
    ['mixtral:8x7b', 'mixtral-8x7b'],
    ['mistralai/Mistral-7B-Instruct-v0.3', 'mistral-7b'],
    ['mistralai/Mistral-7B-v0.1', 'mistral-7b-v0.1'],
    ['google/gemma-3-27b-it', 'gemma-3-27b'],
    ['gemma3:12b', 'gemma-3-12b'],
    ['phi4', 'phi-4'],
    ['deepseek-r1:70b', 'deepseek-r1-distill-llama-70b'],
    ['deepseek-ai/DeepSeek-R1', 'deepseek-r1'],
    ['openai/gpt-oss-120b', 'gpt-oss-120b'],
    ['gpt-oss:20b', 'gpt-oss-20b'],
    ['GPT-OSS-20B', 'gpt-oss-20b'],
  ])('%s → %s', (query, id) => {
    expect(findModel(query)?.id).toBe(id);
  });

  it('returns undefined for a model it does not know', () => {
    expect(findModel('llama-4-maverick')).toBeUndefined();
    expect(findModel('')).toBeUndefined();
  });

  it('suggests the closest names first, n at most', () => {
    const ids = closestModels('llama 3.1 70', 3).map((m) => m.id);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe('llama-3.1-70b');
    expect(closestModels('qwen3 32b')[0]?.id).toBe('qwen3-32b');
    expect(closestModels('anything', 0)).toEqual([]);
    expect(closestModels('mistral')).toHaveLength(5);
  });
});
