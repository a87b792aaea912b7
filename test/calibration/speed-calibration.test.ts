/**
 * Decode speed against every usable measured row of fixtures/calibration/benchmarks.csv (copied from
 * ../shared/calibration, each row with its source). Prints the median absolute % error and the share
 * within ±25%, and fails above 25% median error. Rows that cannot be mapped (GPU not in the catalog,
 * model not named) are listed as skipped with the reason — never silently dropped.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findGpu } from '@shared/catalog/gpu-lookup';
import { findModel } from '@shared/catalog/model-lookup';
import { findQuant } from '@shared/catalog/quantizations';
import { modelFromCatalog } from '@shared/model-import/catalog-model';
import { machineFromNames, type LinkOverride } from '@shared/engine/machine';
import { plan } from '@shared/engine/planner/planner';
import type { Runtime, SplitMode } from '@shared/engine/planner/plan-types';
import { parseCsv } from '../support/csv';
import { planRequest } from '../support/plan-request';

const rows = parseCsv(readFileSync(resolve(__dirname, '../../fixtures/calibration/benchmarks.csv'), 'utf8'));

/** "NVIDIA GeForce RTX 3090 24GB" → catalog card; "Apple M2 Ultra (76-core GPU) 192GB" → M2 Ultra. */
function gpuName(raw: string): string {
  return raw
    .replace(/\(.*?\)/g, '')
    .replace(/\b\d+\s?GB\b/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const MODEL_NAMES: Record<string, string> = {
  'Meta-Llama-3-8B': 'llama-3-8b',
  'Meta-Llama-3-70B': 'llama-3-70b',
  'llama 70B (llama-bench label)': 'llama-3-70b',
  'Meta-Llama-3.1-70B-Instruct (hugging-quants AWQ-INT4)': 'llama-3.1-70b',
};

function quantId(raw: string): string | null {
  if (/^Ollama default/.test(raw)) return 'Q4_K_M'; // Ollama's default tags are Q4_K_M builds (ollama.com/library tags).
  if (/AWQ/i.test(raw)) return 'awq';
  if (/MXFP4/i.test(raw)) return 'MXFP4';
  return raw;
}

const SPLITS: Record<string, SplitMode> = {
  none: 'none',
  layer: 'layer',
  tp: 'tp',
  row: 'row',
  offload: 'offload',
};

interface Outcome {
  id: string;
  predicted: number;
  measured: number;
  errorPct: number;
}

function predict(row: Record<string, string>): Outcome | string {
  const runtime: Runtime =
    row.runtime === 'vLLM' ? 'vllm' : row.runtime === 'Ollama' ? 'ollama' : 'llama.cpp';
  const measured = Number(row.tg_tok_s);
  if (!Number.isFinite(measured) || measured <= 0) return 'no decode figure';
  if (!findGpu(gpuName(row.gpu_model ?? ''))) return `GPU "${row.gpu_model}" not in the catalog`;
  const spec = findModel(MODEL_NAMES[row.model ?? ''] ?? row.model ?? '');
  if (!spec) return `model "${row.model}" not mapped`;
  const quant = findQuant(quantId(row.quant ?? '') ?? '', runtime === 'vllm' ? 'vllm' : undefined);
  if (!quant) return `quantization "${row.quant}" not mapped`;
  let split = SPLITS[row.split_mode ?? ''] ?? 'none';
  // llama.cpp's experimental tensor mode is what llama-bench labels "tp" in pr19378.
  if (runtime === 'llama.cpp' && split === 'tp') split = 'tensor';
  const count = Number(row.gpu_count) || 1;
  const link: LinkOverride | null = /pcie4/.test(row.interconnect ?? '')
    ? { kind: 'pcie', gen: 4, lanes: Number(row.pcie_width_if_known) || 16 }
    : /sxm|nvlink/.test(row.interconnect ?? '')
      ? { kind: 'nvlink' }
      : null;
  const machine = machineFromNames({
    gpuNames: Array.from({ length: count }, () => gpuName(row.gpu_model ?? '')),
    link,
  });
  const [, pp = '512', tg = '128'] = /pp=(\d+);tg=(\d+)/.exec(row.context_or_prompt_len ?? '') ?? [];
  const concurrency = Number.parseInt(row.batch_or_concurrency ?? '1', 10) || 1;
  const result = plan(
    planRequest({
      machine,
      model: modelFromCatalog(spec, quant),
      ctx: Math.max(512, Number(pp) + Number(tg)),
      runtime,
      split,
      concurrency,
    }),
  );
  const strategy = result.strategies[0];
  const predicted = strategy?.decodeTokPerSec?.expected;
  if (!predicted) return `no prediction (${strategy?.id ?? 'no strategy'})`;
  return { id: row.id ?? '?', predicted, measured, errorPct: ((predicted - measured) / measured) * 100 };
}

describe('decode speed calibration', () => {
  const outcomes: Outcome[] = [];
  const skipped: string[] = [];
  for (const row of rows) {
    const r = predict(row);
    if (typeof r === 'string') skipped.push(`${row.id}: ${r}`);
    else outcomes.push(r);
  }
  const abs = outcomes.map((o) => Math.abs(o.errorPct)).sort((a, b) => a - b);
  const median = abs[Math.floor(abs.length / 2)] ?? Number.POSITIVE_INFINITY;
  const within25 = abs.filter((e) => e <= 25).length / Math.max(1, abs.length);

  it('covers most measured rows', () => {
    console.log(`calibration: ${outcomes.length} rows predicted, ${skipped.length} skipped`);
    for (const s of skipped) console.log(`  skipped ${s}`);
    expect(outcomes.length).toBeGreaterThanOrEqual(150);
  });

  it('median absolute decode error ≤ 25%', () => {
    const worst = [...outcomes].sort((a, b) => Math.abs(b.errorPct) - Math.abs(a.errorPct)).slice(0, 8);
    console.log(
      `calibration: median |error| ${median.toFixed(1)}%, ${(within25 * 100).toFixed(0)}% of rows within ±25%`,
    );
    for (const w of worst)
      console.log(
        `  worst ${w.id}: predicted ${w.predicted.toFixed(1)}, measured ${w.measured} (${w.errorPct.toFixed(0)}%)`,
      );
    expect(median).toBeLessThanOrEqual(25);
  });

  it("70B Q4 on one 24 GB card with CPU offload runs at a few tokens/s, not the seed text's ~20", () => {
    const row = outcomes.find((o) => o.id === 'gg-003');
    expect(row?.predicted).toBeLessThan(6);
  });
});
