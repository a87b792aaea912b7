/**
 * vLLM and SGLang KV pools against the engines' own logs (fixtures/calibration/collected/memory-vllm.csv,
 * memory-sglang.csv; raw lines in collected/memory-logs/). The plan sizes the pool from the catalog's
 * weights and vllm-memory.ts's accounting; the logs say what the engine found. Every usable row is
 * printed; the gate: available KV memory (and so KV tokens and max concurrency) within 20 %.
 * Rows from vLLM's V0 engine (profiled max-model-len tokens, not max-num-batched-tokens) and rows whose
 * model or GPU the catalog lacks are listed as skipped.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '@shared/calibration/csv';
import { quantOf } from '@shared/calibration/speed-samples';
import { findGpu } from '@shared/catalog/gpu-lookup';
import { findModel } from '@shared/catalog/model-lookup';
import { sglangMemFractionStatic, vllmMemory } from '@shared/engine/vllm-memory';
import { kvBytesPerTokenAllLayers } from '@shared/engine/kv-cache';
import { modelFromCatalog } from '@shared/model-import/catalog-model';

const GIB = 1024 ** 3;
const dir = resolve(__dirname, '../../fixtures/calibration/collected');
const vllmRows = parseCsv(readFileSync(resolve(dir, 'memory-vllm.csv'), 'utf8'));
const sglangRows = parseCsv(readFileSync(resolve(dir, 'memory-sglang.csv'), 'utf8'));

interface Outcome {
  readonly id: string;
  readonly predictedGiB: number;
  readonly loggedGiB: number;
  readonly predictedTokens: number;
  readonly loggedTokens: number | null;
  readonly errorPct: number;
}

const num = (s: string | undefined) => {
  const n = Number.parseFloat(s ?? '');
  return Number.isFinite(n) ? n : null;
};

/** Rows whose run holds memory the plan does not model, with the reason from the row's own notes. */
const EXCLUDED: Record<string, string> = {
  'vllm-qwen3-235b-a22b-fp8-4xh100-tp4':
    'run with --kv-transfer-config LMCacheConnectorV1, which keeps its own GPU buffers',
};

function predict(r: Record<string, string>, engine: 'vllm' | 'sglang'): Outcome | string {
  const excluded = EXCLUDED[r.id ?? ''];
  if (excluded) return `excluded: ${excluded}`;
  if (/\bV0\b/.test(r.vllm_version ?? '')) return 'vLLM V0 engine (profiled max-model-len tokens)';
  const logged = engine === 'vllm' ? num(r.available_kv_gib) : num(r.kv_size_gib);
  if (logged === null || logged <= 0) return 'no positive KV figure logged';
  const spec = findModel(r.model_repo || '') ?? findModel(r.model ?? '');
  if (!spec) return `model "${r.model}" not in the catalog`;
  const quant = quantOf(r.quant || r.dtype || 'bf16', 'vllm') ?? quantOf('bf16', 'vllm');
  if (!quant) return `quantization "${r.quant}" not understood`;
  const gpu = findGpu((r.gpu_model ?? '').replace(/\(.*?\)/g, ''));
  if (!gpu) return `GPU "${r.gpu_model}" not in the catalog`;
  const tp = num(r.tp) ?? 1;
  const capacityGiB = num(r.gpu_memory_gib) ?? gpu.vramGiB;
  // An "80 (nominal)" card reports about 79.2 GiB to the driver.
  const capacityMiB = (/nominal/.test(r.gpu_memory_gib ?? '') ? capacityGiB * 0.99 : capacityGiB) * 1024;
  const util =
    engine === 'vllm'
      ? (num(r.gpu_memory_utilization) ?? 0.9)
      : (num(r.mem_fraction_static) ?? sglangMemFractionStatic(capacityMiB, tp, 1));
  const model = modelFromCatalog(spec, quant);
  const mem = vllmMemory(
    model,
    {
      tensorParallel: tp,
      pipelineParallel: 1,
      gpuMemoryUtilization: util,
      kvBytesPerElement: /fp8/i.test(r.kv_cache_dtype ?? '') ? 1 : 2,
      ctx: num(r.max_model_len) ?? num(r.context_length) ?? 8192,
      gpuNames: Array.from({ length: tp }, () => gpu.name),
      staticFraction: engine === 'sglang',
      ...(num(r.max_num_seqs) ? { maxNumSeqs: num(r.max_num_seqs) as number } : {}),
      ...(num(r.max_num_batched_tokens)
        ? { maxNumBatchedTokens: num(r.max_num_batched_tokens) as number }
        : {}),
    },
    Array.from({ length: tp }, () => capacityMiB),
  );
  const predictedGiB = (mem.gpus[0]?.kvPoolBytes ?? 0) / GIB;
  const perToken = kvBytesPerTokenAllLayers(spec, /fp8/i.test(r.kv_cache_dtype ?? '') ? 1 : 2, tp);
  return {
    id: r.id ?? '?',
    predictedGiB,
    loggedGiB: logged,
    predictedTokens: Math.floor((predictedGiB * GIB) / perToken),
    loggedTokens: num(engine === 'vllm' ? r.kv_cache_tokens : r.max_total_num_tokens),
    errorPct: ((predictedGiB - logged) / logged) * 100,
  };
}

describe('vLLM / SGLang KV pool against their logs', () => {
  const outcomes: Outcome[] = [];
  const skipped: string[] = [];
  for (const [rows, engine] of [
    [vllmRows, 'vllm'],
    [sglangRows, 'sglang'],
  ] as const)
    for (const r of rows) {
      const o = predict(r, engine);
      if (typeof o === 'string') skipped.push(`${r.id}: ${o}`);
      else outcomes.push(o);
    }

  it('prints every row', () => {
    for (const o of outcomes)
      console.log(
        `  ${o.id}: KV pool ${o.predictedGiB.toFixed(2)} GiB predicted, ${o.loggedGiB} logged (${o.errorPct.toFixed(0)}%); tokens ${o.predictedTokens} vs ${o.loggedTokens ?? '?'}`,
      );
    for (const s of skipped) console.log(`  skipped ${s}`);
    expect(outcomes.length).toBeGreaterThanOrEqual(6);
  });

  it('available KV memory within 20 % of the log on every usable row', () => {
    expect(
      outcomes.filter((o) => Math.abs(o.errorPct) > 20).map((o) => `${o.id} ${o.errorPct.toFixed(0)}%`),
    ).toEqual([]);
  });

  it('KV tokens within 20 % where the log prints them', () => {
    const withTokens = outcomes.filter((o) => o.loggedTokens);
    expect(withTokens.length).toBeGreaterThanOrEqual(2);
    for (const o of withTokens)
      expect(Math.abs(o.predictedTokens / (o.loggedTokens as number) - 1), o.id).toBeLessThanOrEqual(0.2);
  });
});
