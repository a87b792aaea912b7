/**
 * Ollama from a plan: the server's environment (envconfig/config.go @fb307609, RUNTIMES.md Ollama
 * table), a Modelfile (docs/modelfile.mdx) and the `ollama create` / `ollama run` steps. From 0.30 Ollama
 * runs llama.cpp's own `llama-server` as a child that inherits the server's environment (PR #16031):
 * it picks the per-card split itself (there is still no Modelfile setting, ollama #7047), but a pinned
 * split reaches it as `LLAMA_ARG_TENSOR_SPLIT` (ollama #18525). A multi-GPU plan maps to
 * `OLLAMA_SCHED_SPREAD=1` over the planned cards. On AMD, Ollama's docs pick cards with
 * `ROCR_VISIBLE_DEVICES` (docs/gpu.mdx).
 */
import type { EngineModel } from '../../model-import/model-weights';
import { llamaSettingsOf } from './build-llama-cpp-command';
import {
  DEFAULT_HOST,
  deviceEnv,
  fitNote,
  ggufPath,
  isGguf,
  num,
  type CommandInput,
  type LaunchCommand,
} from './command-types';
import { ollamaContext } from './context-extension';
import { OLLAMA_EXPECT_NOTE } from './expect-notes';

export const OLLAMA_DEFAULT_PORT = 11434;
/** KV cache types Ollama accepts (RUNTIMES.md: f16 default, q8_0, q4_0; needs flash attention). */
const OLLAMA_KV_TYPES = new Set(['q8_0', 'q4_0']);

/** Name for `ollama create`: model id and quant, lower case (`llama-3.1-70b-q4_k_m`). */
export function ollamaModelName(model: EngineModel): string {
  return `${model.spec.id}-${model.quantLabel}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
}

/**
 * A Modelfile argument, quoted the way Ollama's own parser writes one (parser/parser.go `quote`):
 * as is, unless it has a newline, edge spaces or a leading `"`; then `"…"`, or `"""…"""` when it
 * holds a `"`. The parser has no escapes, so a value containing `"""` cannot be written (null).
 */
export function modelfileValue(value: string): string | null {
  if (!/\n|^\s|\s$|^"/.test(value)) return value;
  if (value.includes('"""')) return null;
  return value.includes('"') ? `"""${value}"""` : `"${value}"`;
}

/** Server environment: devices, spread, context, slots, flash attention, KV type, listen address. */
function serverEnv(input: CommandInput): { env: Record<string, string>; notes: string[] } {
  const s = llamaSettingsOf(input);
  const { strategy, options } = input;
  const amd = options.vendor === 'amd' && strategy.gpuIndices.length > 0;
  const env: Record<string, string> = amd
    ? { ROCR_VISIBLE_DEVICES: strategy.gpuIndices.join(',') }
    : { ...deviceEnv(strategy.gpuIndices, options.vendor) };
  const notes: string[] = [];
  if (strategy.gpuIndices.length > 1) env.OLLAMA_SCHED_SPREAD = '1';
  const split = pinnedSplit(input);
  if (split) {
    env.LLAMA_ARG_TENSOR_SPLIT = split;
    notes.push(
      `LLAMA_ARG_TENSOR_SPLIT=${split}: the pinned split, read by the llama-server Ollama runs (0.30 and later; ollama #18525). It applies to every model this server loads, and Ollama's own memory estimate ignores it`,
    );
  }
  env.OLLAMA_CONTEXT_LENGTH = String(ollamaContext(input.model, s.ctx).ctx);
  env.OLLAMA_NUM_PARALLEL = String(s.parallel);
  // Flash attention is Ollama's to choose unless a quantized KV cache needs it, or the user turned it off.
  if (!s.flashAttention) env.OLLAMA_FLASH_ATTENTION = '0';
  if (s.cacheTypeK !== 'f16' || s.cacheTypeV !== 'f16') {
    if (s.cacheTypeK === s.cacheTypeV && OLLAMA_KV_TYPES.has(s.cacheTypeK)) {
      env.OLLAMA_KV_CACHE_TYPE = s.cacheTypeK;
      env.OLLAMA_FLASH_ATTENTION = '1';
      notes.push(`OLLAMA_FLASH_ATTENTION=1: a ${s.cacheTypeK} KV cache needs flash attention`);
    } else
      notes.push(
        `Ollama's KV cache type is one setting for K and V (f16, q8_0, q4_0); the plan's ${s.cacheTypeK}/${s.cacheTypeV} has no equivalent`,
      );
  }
  if (options.host || options.port)
    env.OLLAMA_HOST = `${options.host ?? DEFAULT_HOST}:${options.port ?? OLLAMA_DEFAULT_PORT}`;
  return { env, notes };
}

/** The plan's pinned per-card split (`-ts`), in device order; null when Ollama picks its own. */
function pinnedSplit(input: CommandInput): string | null {
  const split = llamaSettingsOf(input).tensorSplit;
  const n = input.strategy.gpuIndices.length;
  return input.strategy.splitPinned && split && n > 1 && split.length === n ? split.map(num).join(',') : null;
}

function modelfile(input: CommandInput, from: string): string {
  const s = llamaSettingsOf(input);
  const value = modelfileValue(from) ?? '<rename the model file: its path cannot be written in a Modelfile>';
  const lines = [`FROM ${value}`, `PARAMETER num_ctx ${ollamaContext(input.model, s.ctx).ctx}`];
  if (s.ngl !== null) lines.push(`PARAMETER num_gpu ${s.ngl}`);
  return `${lines.join('\n')}\n`;
}

function modelNotes(input: CommandInput): string[] {
  const { model, strategy } = input;
  const s = llamaSettingsOf(input);
  const notes: string[] = [];
  const tag = model.spec.aliases?.find((a) => /^[a-z0-9.-]+:[a-z0-9.]+$/.test(a));
  if (!model.path && !input.options.modelPath && isGguf(model) && tag)
    notes.push(
      `or use the Ollama library tag: FROM ${tag} (check that its quantization is ${model.quantLabel})`,
    );
  const devices = input.options.vendor === 'amd' ? 'ROCR_VISIBLE_DEVICES' : 'CUDA_VISIBLE_DEVICES';
  if (strategy.gpuIndices.length > 1 && !pinnedSplit(input))
    notes.push(
      `Ollama chooses the per-card split itself (no Modelfile setting: ollama #7047 is open); OLLAMA_SCHED_SPREAD=1 makes it use every card listed in ${devices}`,
    );
  if (input.options.vendor === 'amd')
    notes.push(
      "ROCR_VISIBLE_DEVICES picks the cards, as Ollama's GPU docs say (rocminfo lists them; UUIDs are steadier than indices across reboots)",
    );
  notes.push(...ollamaContext(input.model, s.ctx).notes);
  if (s.nCpuMoe > 0)
    notes.push(
      'Ollama has no --n-cpu-moe: it offloads whole layers (num_gpu), which is slower for this MoE model',
    );
  if (s.ngl !== null)
    notes.push(`num_gpu ${s.ngl} = layers on the GPUs (llama.cpp -ngl); the rest run from system RAM`);
  return notes;
}

/** `ollama serve` with the planned environment, then `ollama create NAME -f Modelfile` and `ollama run NAME`. */
export function buildOllamaCommands(input: CommandInput): LaunchCommand[] {
  const source = ggufPath(input.model, input.options);
  const server = serverEnv(input);
  const name = ollamaModelName(input.model);
  const client: Record<string, string> = server.env.OLLAMA_HOST
    ? { OLLAMA_HOST: server.env.OLLAMA_HOST }
    : {};
  const serve: LaunchCommand = {
    runtime: 'ollama',
    role: 'single',
    title: 'ollama serve (stop any running Ollama service first: it reads these variables at start)',
    argv: ['ollama', 'serve'],
    env: server.env,
    notes: [...fitNote(input.strategy), ...server.notes, ...modelNotes(input), OLLAMA_EXPECT_NOTE],
  };
  const create: LaunchCommand = {
    runtime: 'ollama',
    role: 'single',
    title: 'create the model from the Modelfile',
    argv: ['ollama', 'create', name, '-f', 'Modelfile'],
    env: client,
    notes: source.notes,
    files: [{ name: 'Modelfile', content: modelfile(input, source.path) }],
  };
  const run: LaunchCommand = {
    runtime: 'ollama',
    role: 'single',
    title: 'run it',
    argv: ['ollama', 'run', name],
    env: client,
    notes: [],
  };
  return [serve, create, run];
}
