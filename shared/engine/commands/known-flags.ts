/**
 * Every flag, environment variable, Modelfile parameter and config key the command builders may
 * emit, each with where it is documented. The tests check that no builder emits anything outside
 * these lists, so a new flag needs its source here first. `row` names the ../shared/RUNTIMES.md row
 * that lists it, or says it is not there; `source` is the runtime's own documentation or code.
 */
import type { LaunchCommand } from './command-types';

export interface FlagSource {
  /** The RUNTIMES.md row, or `not in RUNTIMES.md`. */
  readonly row: string;
  /** The runtime's documentation or source that defines it. */
  readonly source: string;
}

export type Program =
  | 'llama-server'
  | 'rpc-server'
  | 'vllm serve'
  | 'ray start'
  | 'sglang'
  | 'ollama serve'
  | 'ollama create'
  | 'ollama run'
  | 'tabbyapi';

const NOT_LISTED = 'not in RUNTIMES.md';
const LLAMA_SERVER_README =
  'ggml-org/llama.cpp tools/server/README.md@00dc8057 (auto-generated parameter table)';
const RPC_SERVER = 'ggml-org/llama.cpp tools/rpc/rpc-server.cpp@075f1e0a print_usage; tools/rpc/README.md';
const VLLM_SCALING = 'vllm-project/vllm docs/serving/parallelism_scaling.md';
const VLLM_ARGS = 'vllm-project/vllm engine arguments (`vllm serve --help`); vllm/config/*.py';
const VLLM_RAY =
  'vllm-project/vllm examples/online_serving/multi-node-serving.sh@2584e94b; docs.ray.io `ray start`';
const SGLANG = 'sgl-project/sglang docs/advanced_features/server_arguments.md';
const OLLAMA_MODELFILE = 'ollama/ollama docs/modelfile.mdx@071c82b1';

const llama = (row: string, source = LLAMA_SERVER_README): FlagSource => ({
  row: `llama.cpp ${row}`,
  source,
});
const vllm = (row: string, source = VLLM_ARGS): FlagSource => ({ row: `vLLM ${row}`, source });
const sglang: FlagSource = { row: 'SGLang paragraph', source: SGLANG };

export const KNOWN_FLAGS: Readonly<Record<Program, Readonly<Record<string, FlagSource>>>> = {
  'llama-server': {
    '-m': { row: NOT_LISTED, source: `${LLAMA_SERVER_README}: -m, --model FNAME` },
    '-ngl': llama('`-ngl, --n-gpu-layers` (N | auto | all)', 'docs/multi-gpu.md'),
    '-c': llama('`-c, --ctx-size`'),
    '-np': llama('`-np, --parallel`'),
    '-sm': llama('`-sm, --split-mode` (none | layer | row | tensor)', 'docs/multi-gpu.md; PR #21684'),
    '-ts': llama('`-ts, --tensor-split`', 'docs/multi-gpu.md'),
    '-mg': llama('`-mg, --main-gpu`'),
    '-fa': llama('`-fa, --flash-attn` (on | off | auto)', 'docs/multi-gpu.md'),
    '-ctk': llama('`-ctk/--cache-type-k`'),
    '-ctv': llama('`-ctv/--cache-type-v`'),
    '-ub': llama('`-b`/`-ub`'),
    '-nkvo': llama('`-nkvo, --no-kv-offload`'),
    '--n-cpu-moe': llama('`-ot` row: `-ncmoe/--n-cpu-moe N`'),
    '--fit': llama('`-fit/--fit` (on | off)', 'docs/multi-gpu.md; common/arg.cpp'),
    '--rpc': llama('`--rpc`', 'tools/rpc/README.md'),
    '--host': { row: NOT_LISTED, source: `${LLAMA_SERVER_README}: --host HOST (default 127.0.0.1)` },
    '--port': { row: NOT_LISTED, source: `${LLAMA_SERVER_README}: --port PORT` },
  },
  'rpc-server': {
    '-H': { row: NOT_LISTED, source: `${RPC_SERVER}: -H, --host HOST (default 127.0.0.1)` },
    '-p': llama('`--rpc` row: `rpc-server -p 50052 [-c]`', RPC_SERVER),
    '-c': llama('`--rpc` row: `rpc-server -p 50052 [-c]`', RPC_SERVER),
  },
  'vllm serve': {
    '--tensor-parallel-size': vllm('`--tensor-parallel-size` (`-tp`)', VLLM_SCALING),
    '--pipeline-parallel-size': vllm('`--pipeline-parallel-size` (`-pp`)', VLLM_SCALING),
    '--distributed-executor-backend': vllm('`--distributed-executor-backend`', VLLM_SCALING),
    '--max-model-len': vllm('`--max-model-len`'),
    '--gpu-memory-utilization': vllm('`--gpu-memory-utilization`', 'vllm/config/cache.py'),
    '--quantization': vllm('`--quantization` (`-q`)'),
    '--kv-cache-dtype': vllm('`--kv-cache-dtype`', 'vllm/config/cache.py CacheDType'),
    '--host': { row: NOT_LISTED, source: 'vllm/entrypoints/openai/cli_args.py --host' },
    '--port': { row: NOT_LISTED, source: 'vllm/entrypoints/openai/cli_args.py --port (default 8000)' },
  },
  'ray start': {
    '--head': { row: NOT_LISTED, source: VLLM_RAY },
    '--port': { row: NOT_LISTED, source: VLLM_RAY },
    '--address': { row: NOT_LISTED, source: VLLM_RAY },
    '--block': { row: NOT_LISTED, source: VLLM_RAY },
  },
  sglang: {
    '--model-path': { row: NOT_LISTED, source: `${SGLANG}: --model-path` },
    '--tp-size': sglang,
    '--pp-size': sglang,
    '--context-length': sglang,
    '--mem-fraction-static': sglang,
    '--quantization': sglang,
    '--kv-cache-dtype': sglang,
    '--nnodes': sglang,
    '--node-rank': sglang,
    '--dist-init-addr': sglang,
    '--host': { row: NOT_LISTED, source: `${SGLANG}: --host (default 127.0.0.1)` },
    '--port': { row: NOT_LISTED, source: `${SGLANG}: --port (default 30000)` },
  },
  'ollama serve': {},
  'ollama create': {
    '-f': { row: NOT_LISTED, source: `${OLLAMA_MODELFILE}: ollama create NAME -f Modelfile` },
  },
  'ollama run': {},
  tabbyapi: {},
};

const ollamaEnv = (meaning: string): FlagSource => ({
  row: `Ollama server env: ${meaning}`,
  source: 'ollama/ollama envconfig/config.go',
});

/** Environment variables a builder may set. */
export const KNOWN_ENV: Readonly<Record<string, FlagSource>> = {
  CUDA_DEVICE_ORDER: {
    row: 'pitfalls: CUDA device order',
    source: 'CUDA environment variables; gpustat README',
  },
  CUDA_VISIBLE_DEVICES: {
    row: 'llama.cpp Env; Ollama device visibility',
    source: 'CUDA environment variables',
  },
  GGML_CUDA_P2P: { row: 'llama.cpp Env (opt-in P2P)', source: 'ggml-org/llama.cpp PR #21910' },
  OLLAMA_SCHED_SPREAD: ollamaEnv('OLLAMA_SCHED_SPREAD'),
  OLLAMA_CONTEXT_LENGTH: ollamaEnv('OLLAMA_CONTEXT_LENGTH'),
  OLLAMA_NUM_PARALLEL: ollamaEnv('OLLAMA_NUM_PARALLEL'),
  OLLAMA_FLASH_ATTENTION: ollamaEnv('OLLAMA_FLASH_ATTENTION'),
  OLLAMA_KV_CACHE_TYPE: ollamaEnv('OLLAMA_KV_CACHE_TYPE'),
  OLLAMA_HOST: { row: NOT_LISTED, source: 'ollama/ollama envconfig/config.go; docs/faq.mdx (OLLAMA_HOST)' },
  VLLM_HOST_IP: { row: NOT_LISTED, source: `${VLLM_SCALING} (Ray cluster setup: VLLM_HOST_IP per node)` },
};

/** Modelfile `PARAMETER` names a builder may write. */
export const KNOWN_MODELFILE_PARAMETERS: Readonly<Record<string, FlagSource>> = {
  num_ctx: { row: 'Ollama model options `num_ctx`', source: `${OLLAMA_MODELFILE} parameter table` },
  num_gpu: {
    row: 'Ollama model options `num_gpu` → `-ngl`',
    source: 'ollama/ollama api/types.go Runner.NumGPU `json:"num_gpu"` (not in the docs/modelfile.mdx table)',
  },
};

const TABBY = 'theroyallab/tabbyAPI config_sample.yml@004e8374';
/** TabbyAPI config.yml keys (`section.key`) a builder may write. */
export const KNOWN_TABBY_KEYS: Readonly<Record<string, FlagSource>> = Object.fromEntries(
  [
    'network.host',
    'network.port',
    'model.model_dir',
    'model.model_name',
    'model.backend',
    'model.max_seq_len',
    'model.cache_size',
    'model.cache_mode',
    'model.tensor_parallel',
    'model.gpu_split_auto',
    'model.gpu_split',
  ].map((key) => [key, { row: NOT_LISTED, source: TABBY }]),
);

/** Which program an argv runs, and where its flags start; null when unknown. */
export function programOf(argv: readonly string[]): { program: Program; flagsFrom: number } | null {
  const [a, b, c] = argv;
  if (a === 'llama-server') return { program: 'llama-server', flagsFrom: 1 };
  if (a === 'rpc-server') return { program: 'rpc-server', flagsFrom: 1 };
  if (a === 'vllm' && b === 'serve') return { program: 'vllm serve', flagsFrom: 3 };
  if (a === 'ray' && b === 'start') return { program: 'ray start', flagsFrom: 2 };
  if (a === 'python3' && b === '-m' && c === 'sglang.launch_server')
    return { program: 'sglang', flagsFrom: 3 };
  if (a === 'ollama' && b === 'serve') return { program: 'ollama serve', flagsFrom: 2 };
  if (a === 'ollama' && b === 'create') return { program: 'ollama create', flagsFrom: 3 };
  if (a === 'ollama' && b === 'run') return { program: 'ollama run', flagsFrom: 3 };
  if (a === 'python' && b === 'main.py') return { program: 'tabbyapi', flagsFrom: 2 };
  return null;
}

/** Flag names in an argv (`--port=6379` → `--port`), after the program and its positional words. */
export function flagsOf(argv: readonly string[], from: number): string[] {
  return argv
    .slice(from)
    .filter((a) => a.startsWith('-'))
    .map((a) => a.split('=')[0] as string);
}

/** What a command emits that the lists above do not hold: unknown program, flags, env names. */
export function unknownFlags(cmd: LaunchCommand): string[] {
  const found = programOf(cmd.argv);
  if (!found) return [`program: ${cmd.argv.slice(0, 3).join(' ')}`];
  const known = KNOWN_FLAGS[found.program];
  const flags = flagsOf(cmd.argv, found.flagsFrom).filter((f) => !(f in known));
  const env = Object.keys(cmd.env).filter((k) => !(k in KNOWN_ENV));
  return [...flags.map((f) => `${found.program} ${f}`), ...env.map((e) => `env ${e}`)];
}
