/**
 * ExLlamaV2 through TabbyAPI: a `config.yml` plus `python main.py`. Key names and values from
 * theroyallab/tabbyAPI config_sample.yml@004e8374: `network.host/port`; `model.model_dir`,
 * `model_name`, `backend` (exllamav2 | exllamav3), `max_seq_len`, `cache_size` (tokens, a multiple
 * of 256; its default 4096 would cap a longer max_seq_len, so it is always written), `cache_mode` (exllamav2: FP16 | Q8 | Q6 | Q4), `tensor_parallel`, `gpu_split_auto`,
 * `gpu_split` ("Array of VRAM sizes to split between GPUs, in GB"). The split is listed in
 * `CUDA_VISIBLE_DEVICES` order.
 */
import type { LlamaCppSettings } from '../llama-cpp-memory';
import type { EngineModel } from '../../model-import/model-weights';
import { llamaSettingsOf } from './build-llama-cpp-command';
import {
  DEFAULT_HOST,
  deviceEnv,
  fitNote,
  repoName,
  type CommandInput,
  type CommandOptions,
  type LaunchCommand,
} from './command-types';

export const TABBY_DEFAULT_PORT = 5000;
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
  const exl2 = model.quant?.format === 'exl2';
  const bpw = exl2 ? model.quantLabel : `${(model.quant?.bitsPerWeight ?? 4.5).toFixed(1)}bpw`;
  const name = `${repoName(model.spec.repo)}-exl2-${bpw}`;
  const notes = [
    `models/${name} is a placeholder: download an EXL2 quant of ${model.spec.repo} at ${bpw} (EXL2 repos usually keep each bitrate in its own branch: \`hf download <exl2-repo> --revision ${bpw} --local-dir models/${name}\`), or give the path where the weights are (the model path)`,
  ];
  if (!exl2)
    notes.push(
      `the plan is for ${model.quantLabel}; TabbyAPI loads EXL2/EXL3 (and GPTQ) folders, so an EXL2 quant of about the same bits per weight stands in for it`,
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
    '  backend: exllamav2',
    `  max_seq_len: ${s.ctx}`,
    `  cache_size: ${slots}`,
    `  cache_mode: ${cacheMode(s)}`,
    ...(multi && ['row', 'tensor', 'tp'].includes(strategy.split) ? ['  tensor_parallel: true'] : []),
    ...(multi ? ['  gpu_split_auto: false', `  gpu_split: [${gpuSplit(input).join(', ')}]`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** TabbyAPI (`python main.py`) with a config.yml carrying the planned split. */
export function buildExllamav2Command(input: CommandInput): LaunchCommand {
  const { strategy, model, options } = input;
  const where = modelLocation(model, options);
  const s = llamaSettingsOf(input);
  const notes = [
    ...fitNote(strategy),
    ...where.notes,
    'run from the TabbyAPI folder with config.yml next to main.py, inside its Python environment; the first time, ./start.sh (Linux) or start.bat (Windows) installs the dependencies and starts it',
  ];
  if (strategy.gpuIndices.length > 1)
    notes.push(
      'gpu_split is GB of weights per card in CUDA_VISIBLE_DEVICES order (planned weights plus one layer of slack); raise the last entry if loading stops with out-of-memory',
    );
  if (s.cacheTypeK !== 'f16' && cacheMode(s) === 'FP16')
    notes.push(`exllamav2 has no ${s.cacheTypeK} cache; FP16 is used`);
  return {
    runtime: 'exllamav2',
    role: 'single',
    title: 'TabbyAPI (ExLlamaV2)',
    argv: ['python', 'main.py'],
    env: deviceEnv(strategy.gpuIndices),
    notes,
    files: [{ name: 'config.yml', content: configYml(input, where.dir, where.name) }],
  };
}
