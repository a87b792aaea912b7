/**
 * ExLlama through TabbyAPI: a `config.yml` plus `python main.py`. TabbyAPI dropped the ExLlamaV2
 * backend on 2026-07-14 (theroyallab/tabbyAPI c8b9a8f: `backend: exllamav2` and EXL2/GPTQ folders are
 * refused; ROCm went with it); the branch `exl2-checkpoint` (79126f9, its parent) is the last that loads
 * EXL2. So an EXL2 plan gets that branch pinned first, and any other plan an EXL3 stand-in on current
 * TabbyAPI (`backend: exllamav3`, NVIDIA Ampere or newer only). Keys as in config_sample.yml (the same at
 * 004e8374 and on exl2-checkpoint; main e632af4 keeps them): `network.host/port`; `model.model_dir`,
 * `model_name`, `backend`, `max_seq_len`, `cache_size` (tokens, a multiple of 256, always written),
 * `cache_mode` (FP16 | Q8 | Q6 | Q4, which exllamav3 still takes beside "k,v" bits), `tensor_parallel`,
 * `gpu_split_auto`, `gpu_split` (GB per GPU, in `CUDA_VISIBLE_DEVICES` order).
 */
import type { LlamaCppSettings } from '../llama-cpp-memory';
import type { EngineModel } from '../../model-import/model-weights';
import { llamaSettingsOf } from './build-llama-cpp-command';
import {
  DEFAULT_HOST,
  deviceEnv,
  fitNote,
  notOnApple,
  repoName,
  type CommandInput,
  type CommandOptions,
  type LaunchCommand,
} from './command-types';
import { tabbyRopeNotes } from './context-extension';
import { TABBY_EXPECT_NOTE } from './expect-notes';

export const TABBY_DEFAULT_PORT = 5000;
/** The last TabbyAPI that loads EXL2 (branch `exl2-checkpoint`), and the commit that removed it. */
export const TABBY_EXL2_BRANCH = 'exl2-checkpoint';
export const TABBY_EXL2_REMOVED = 'theroyallab/tabbyAPI c8b9a8f (2026-07-14)';

/** Whether the plan is an EXL2 quant (only TabbyAPI's exl2-checkpoint branch loads it). */
const isExl2 = (model: EngineModel): boolean => model.quant?.format === 'exl2';
const GIB = 2 ** 30;

/** YAML scalar: plain when unambiguous, else a double-quoted string (JSON escapes are valid YAML). */
export function yamlScalar(value: string): string {
  const plain =
    /^[A-Za-z0-9/][A-Za-z0-9_./-]*$/.test(value) &&
    !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value) &&
    !/^[-+]?(\d[\d_]*\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value);
  return plain ? value : JSON.stringify(value);
}

/** exllamav2 cache_mode for the plan's llama.cpp KV type (the nearest that is not smaller). */
export function cacheMode(s: LlamaCppSettings): 'FP16' | 'Q8' | 'Q6' | 'Q4' {
  const k = s.cacheTypeK;
  if (k === 'q8_0') return 'Q8';
  if (k === 'q5_0' || k === 'q5_1') return 'Q6';
  if (k === 'q4_0' || k === 'q4_1' || k === 'iq4_nl') return 'Q4';
  return 'FP16';
}

/** model_dir / model_name: the user's folder, or a placeholder under `models/` with how to get it. */
function modelLocation(
  model: EngineModel,
  options: CommandOptions,
): { dir: string; name: string; notes: string[] } {
  if (options.modelPath) {
    const cut = Math.max(options.modelPath.lastIndexOf('/'), options.modelPath.lastIndexOf('\\'));
    return cut < 0
      ? { dir: 'models', name: options.modelPath, notes: [] }
      : { dir: options.modelPath.slice(0, cut) || '/', name: options.modelPath.slice(cut + 1), notes: [] };
  }
  const exl2 = isExl2(model);
  const format = exl2 ? 'exl2' : 'exl3';
  const bpw = exl2 ? model.quantLabel : `${(model.quant?.bitsPerWeight ?? 4.5).toFixed(1)}bpw`;
  const name = `${repoName(model.spec.repo)}-${format}-${bpw}`;
  const notes = [
    `models/${name} is a placeholder: download an ${format.toUpperCase()} quant of ${model.spec.repo} at ${bpw} (${format.toUpperCase()} repos usually keep each bitrate in its own branch: \`hf download <${format}-repo> --revision ${bpw} --local-dir models/${name}\`), or give the path where the weights are (the model path)`,
  ];
  if (!exl2)
    notes.push(
      `the plan is for ${model.quantLabel}; current TabbyAPI loads EXL3 folders, so an EXL3 quant of about the same bits per weight stands in for it`,
    );
  return { dir: 'models', name, notes };
}

/** GB per GPU for gpu_split: the planned weights plus one layer, so a layer at the edge still fits. */
function gpuSplit(input: CommandInput): number[] {
  const layer = Math.max(0, ...input.model.weights.layers.map((l) => l.denseBytes + l.expertBytes));
  return input.strategy.perGpu.map((g) => Math.ceil(((g.weightsMiB * 2 ** 20 + layer) / GIB) * 10) / 10);
}

function configYml(input: CommandInput, dir: string, name: string): string {
  const s = llamaSettingsOf(input);
  const { options, strategy } = input;
  const multi = strategy.gpuIndices.length > 1;
  const slots = Math.ceil((s.ctx * s.parallel) / 256) * 256;
  const lines = [
    '# TabbyAPI config.yml (keys as in config_sample.yml)',
    'network:',
    `  host: ${yamlScalar(options.host ?? DEFAULT_HOST)}`,
    `  port: ${options.port ?? TABBY_DEFAULT_PORT}`,
    'model:',
    `  model_dir: ${yamlScalar(dir)}`,
    `  model_name: ${yamlScalar(name)}`,
    `  backend: ${isExl2(input.model) ? 'exllamav2' : 'exllamav3'}`,
    `  max_seq_len: ${s.ctx}`,
    `  cache_size: ${slots}`,
    `  cache_mode: ${cacheMode(s)}`,
    ...(multi && ['row', 'tensor', 'tp'].includes(strategy.split) ? ['  tensor_parallel: true'] : []),
    ...(multi ? ['  gpu_split_auto: false', `  gpu_split: [${gpuSplit(input).join(', ')}]`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** Which TabbyAPI runs it: the pinned EXL2 branch, or current main with exllamav3 (Ampere or newer). */
function backendNotes(input: CommandInput): string[] {
  if (isExl2(input.model))
    return [
      `first, in the TabbyAPI folder: \`git checkout ${TABBY_EXL2_BRANCH}\` — TabbyAPI removed the ExLlamaV2 backend (${TABBY_EXL2_REMOVED}) and refuses EXL2 folders; that branch is the last that loads them (or use an EXL3 quant on current TabbyAPI)`,
    ];
  return [
    'current TabbyAPI (since c8b9a8f, 2026-07-14) loads EXL3 with the exllamav3 backend, on NVIDIA Ampere or newer only (compute capability 8.0+)',
  ];
}

/** TabbyAPI (`python main.py`) with a config.yml carrying the planned split. */
export function buildExllamav2Command(input: CommandInput): LaunchCommand {
  const { strategy, model, options } = input;
  const where = modelLocation(model, options);
  const s = llamaSettingsOf(input);
  const notes = [
    ...notOnApple('TabbyAPI (ExLlama)', options),
    ...fitNote(strategy),
    ...where.notes,
    'run from the TabbyAPI folder with config.yml next to main.py, inside its Python environment; the first time, ./start.sh (Linux) or start.bat (Windows) installs the dependencies and starts it',
  ];
  if (strategy.gpuIndices.length > 1)
    notes.push(
      'gpu_split is GB of weights per card in CUDA_VISIBLE_DEVICES order (planned weights plus one layer of slack); raise the last entry if loading stops with out-of-memory',
    );
  if (s.cacheTypeK !== 'f16' && cacheMode(s) === 'FP16')
    notes.push(`ExLlama has no ${s.cacheTypeK} cache; FP16 is used`);
  notes.push(...backendNotes(input), ...tabbyRopeNotes(model, s.ctx), TABBY_EXPECT_NOTE);
  return {
    runtime: 'exllamav2',
    role: 'single',
    title: isExl2(model) ? 'TabbyAPI (ExLlamaV2, the exl2-checkpoint branch)' : 'TabbyAPI (ExLlamaV3)',
    argv: ['python', 'main.py'],
    env: deviceEnv(strategy.gpuIndices, input.options.vendor),
    notes,
    files: [{ name: 'config.yml', content: configYml(input, where.dir, where.name) }],
  };
}
