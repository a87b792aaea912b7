/**
 * Ollama from a plan: the server's environment (envconfig/config.go, RUNTIMES.md Ollama table), a
 * Modelfile (docs/modelfile.mdx) and the `ollama create` / `ollama run` steps. Ollama runs llama.cpp
 * underneath but picks its own layer split: there is no tensor-split setting (ollama #7047), so a
 * multi-GPU plan maps to `OLLAMA_SCHED_SPREAD=1` over the planned cards.
 */
import type { EngineModel } from '../../model-import/model-weights';
import { llamaSettingsOf } from './build-llama-cpp-command';
import {
  DEFAULT_HOST,
  deviceEnv,
  fitNote,
  ggufPath,
  isGguf,
  type CommandInput,
  type LaunchCommand,
} from './command-types';

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
  const env: Record<string, string> = { ...deviceEnv(strategy.gpuIndices) };
  const notes: string[] = [];
  if (strategy.gpuIndices.length > 1) env.OLLAMA_SCHED_SPREAD = '1';
  env.OLLAMA_CONTEXT_LENGTH = String(s.ctx);
  env.OLLAMA_NUM_PARALLEL = String(s.parallel);
  env.OLLAMA_FLASH_ATTENTION = s.flashAttention ? '1' : '0';
  if (s.cacheTypeK !== 'f16' || s.cacheTypeV !== 'f16') {
    if (s.cacheTypeK === s.cacheTypeV && OLLAMA_KV_TYPES.has(s.cacheTypeK))
      env.OLLAMA_KV_CACHE_TYPE = s.cacheTypeK;
    else
      notes.push(
        `Ollama's KV cache type is one setting for K and V (f16, q8_0, q4_0); the plan's ${s.cacheTypeK}/${s.cacheTypeV} has no equivalent`,
      );
  }
  if (options.host || options.port)
    env.OLLAMA_HOST = `${options.host ?? DEFAULT_HOST}:${options.port ?? OLLAMA_DEFAULT_PORT}`;
  return { env, notes };
}

function modelfile(input: CommandInput, from: string): string {
  const s = llamaSettingsOf(input);
  const value = modelfileValue(from) ?? '<rename the model file: its path cannot be written in a Modelfile>';
  const lines = [`FROM ${value}`, `PARAMETER num_ctx ${s.ctx}`];
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
  if (strategy.gpuIndices.length > 1)
    notes.push(
      'Ollama chooses the per-card split itself (no tensor-split setting, ollama #7047); OLLAMA_SCHED_SPREAD=1 makes it use every card listed in CUDA_VISIBLE_DEVICES',
    );
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
    notes: [...fitNote(input.strategy), ...server.notes, ...modelNotes(input)],
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
