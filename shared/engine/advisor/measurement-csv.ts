/**
 * Measured runs as rows of the project's calibration tables (fixtures/calibration/collected/*.csv, the
 * columns `npm run calibration` reads), so a user can contribute what their rig did — source, build,
 * hardware and the command — and another machine of the same kind can read it back as calibration.
 */
import type { RunComparison } from './measured-runs';

export const CALIBRATION_COLUMNS = [
  'id',
  'source',
  'source_group',
  'runtime',
  'runtime_version_or_date',
  'gpu_model',
  'gpu_count',
  'interconnect',
  'pcie_width_if_known',
  'split_mode',
  'model',
  'model_repo',
  'params_b',
  'active_params_b',
  'quant',
  'bits_per_weight_if_known',
  'context_or_prompt_len',
  'depth',
  'batch_or_concurrency',
  'n_gpu_layers',
  'n_cpu_moe',
  'kv_type',
  'flash_attn',
  'pp_tok_s',
  'tg_tok_s',
  'command',
  'notes',
] as const;

const cell = (v: string | number | null | undefined): string => {
  const text = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** `2x NVIDIA GeForce RTX 3090`, or `A + B` for mixed cards (as the calibration tables write them). */
function gpuModel(devices: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const d of devices) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 ? `${n}x ${name}` : name)).join(' + ');
}

export interface CsvContext {
  /** Who measured, where: it becomes the rows' source and source group. */
  readonly source: string;
  readonly modelRepo: string;
  readonly paramsB: number;
  readonly activeParamsB: number | null;
}

/** The llama-bench runs as calibration rows (a serving run has no llama-bench lengths and is left out). */
export function measurementCsv(runs: readonly RunComparison[], ctx: CsvContext): string {
  const rows = runs
    // One figure per row: a prompt test or a generation test (pp+tg tests mix both).
    .filter((r) => !r.test.startsWith('serve') && (r.promptTokens === 0) !== (r.genTokens === 0))
    .map((r, i) => {
      const prompt = r.genTokens > 0 && r.promptTokens === 0 ? 0 : r.promptTokens;
      const values: Record<(typeof CALIBRATION_COLUMNS)[number], string | number | null> = {
        id: `mine-${String(i + 1).padStart(3, '0')}`,
        source: `${ctx.source}: ${r.source}`,
        source_group: ctx.source,
        runtime: 'llama.cpp',
        runtime_version_or_date: r.build ?? '',
        gpu_model: gpuModel(r.devices),
        gpu_count: r.devices.length,
        interconnect: 'unknown',
        pcie_width_if_known: null,
        split_mode: r.devices.length > 1 ? r.splitMode : 'none',
        model: r.model,
        model_repo: ctx.modelRepo,
        params_b: ctx.paramsB,
        active_params_b: ctx.activeParamsB,
        quant: r.quant,
        bits_per_weight_if_known: null,
        context_or_prompt_len: `pp=${prompt};tg=${r.genTokens}`,
        depth: r.depth,
        batch_or_concurrency: 1,
        n_gpu_layers: r.ngl,
        n_cpu_moe: r.nCpuMoe,
        kv_type: r.kvType,
        flash_attn: null,
        pp_tok_s: r.genTokens === 0 ? r.measuredTokPerSec : null,
        tg_tok_s: r.genTokens > 0 && r.promptTokens === 0 ? r.measuredTokPerSec : null,
        command: '',
        notes: `llama-bench ${r.test} (${r.backend}); predicted ${r.predictedTokPerSec ? r.predictedTokPerSec.expected.toFixed(1) : 'none'} by Rig Advisor`,
      };
      return CALIBRATION_COLUMNS.map((c) => cell(values[c])).join(',');
    });
  return [CALIBRATION_COLUMNS.join(','), ...rows].join('\n') + '\n';
}
