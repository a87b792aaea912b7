/**
 * Ollama's server variables, Modelfile parameters and CLI, from ollama/ollama main fb307609 (v0.33.0-rc2,
 * 2026-08-21); TabbyAPI's config.yml keys, from theroyallab/tabbyAPI main e632af4 (2026-08-13) and its
 * `exl2-checkpoint` branch (79126f9). TabbyAPI has no releases: its versions are commit dates.
 */
import { flag as f, type FlagSpec, type ProgramSpec } from './flag-spec';

const OL = 'ollama/ollama envconfig/config.go@fb307609';
const TABBY = 'theroyallab/tabbyAPI config_sample.yml@e632af4';

export const OLLAMA_SERVE: ProgramSpec = {
  runtime: 'ollama',
  since: null,
  ref: 'ollama/ollama cmd/cmd.go serve',
  flags: {},
};
export const OLLAMA_CREATE: ProgramSpec = {
  runtime: 'ollama',
  since: null,
  ref: 'ollama/ollama docs/modelfile.mdx (ollama create NAME -f Modelfile)',
  flags: { '-f': f('path', null, 'ollama/ollama cmd/cmd.go create -f') },
};
export const OLLAMA_RUN: ProgramSpec = {
  runtime: 'ollama',
  since: null,
  ref: 'ollama/ollama cmd/cmd.go run',
  flags: {},
};

/** Variables `ollama serve` reads (and, from 0.30.0, passes on to the llama-server it runs). */
export const OLLAMA_ENV: Readonly<Record<string, FlagSpec>> = {
  OLLAMA_NUM_PARALLEL: f('int', '0.1.33', `${OL}:275 (default 1 since 0.10.0)`),
  OLLAMA_FLASH_ATTENTION: f(
    ['0', '1'],
    '0.1.39',
    `${OL}:216 (unset = auto where the GPUs support it, since 0.30.0)`,
  ),
  OLLAMA_KV_CACHE_TYPE: f(
    ['f16', 'q8_0', 'q4_0'],
    '0.5.0',
    `${OL}:222 (one type for K and V; needs flash attention)`,
  ),
  OLLAMA_SCHED_SPREAD: f(['1'], '0.1.45', `${OL}:228`),
  OLLAMA_CONTEXT_LENGTH: f('int', '0.5.13', `${OL}:230 (capped at the model's trained context)`),
  OLLAMA_HOST: f('text', null, `${OL}:25`),
  LLAMA_ARG_TENSOR_SPLIT: f(
    'proportions',
    '0.30.0',
    'ollama/ollama llm/llama_server.go (the llama-server child inherits the environment since 0.30.0, PR #16031); ollama #18525 shows it honoured',
  ),
};

/** Modelfile `PARAMETER`s (api/types.go Runner/Options json tags). */
export const OLLAMA_MODELFILE: Readonly<Record<string, FlagSpec>> = {
  num_ctx: f('int', null, 'ollama/ollama api/types.go Options num_ctx'),
  num_gpu: f('int', null, 'ollama/ollama api/types.go Runner num_gpu (→ -ngl)'),
};

export const TABBY_MAIN: ProgramSpec = {
  runtime: 'tabbyapi',
  since: null,
  ref: 'theroyallab/tabbyAPI main.py (python main.py; ./start.sh installs the environment first)',
  flags: {},
};

/** config.yml keys (`section.key`) and their values. */
export const TABBY_KEYS: Readonly<Record<string, FlagSpec>> = {
  'network.host': f('text', null, TABBY),
  'network.port': f('int', null, `${TABBY} (default 5000)`),
  'model.model_dir': f('path', null, TABBY),
  'model.model_name': f('text', null, TABBY),
  'model.backend': f(
    ['exllamav2', 'exllamav3'],
    null,
    `${TABBY} backend (exllamav2 removed in c8b9a8f, 2026-07-14; exl2-checkpoint 79126f9 is the last with it)`,
    {
      valueSince: {},
    },
  ),
  'model.max_seq_len': f('int', null, TABBY),
  'model.cache_size': f('int', null, `${TABBY} (a multiple of 256)`),
  'model.cache_mode': f(['FP16', 'Q8', 'Q6', 'Q4'], null, `${TABBY} (exllamav3 also takes "k,v" bits)`),
  'model.tensor_parallel': f(['true', 'false'], null, TABBY),
  'model.gpu_split_auto': f(['true', 'false'], null, TABBY),
  'model.gpu_split': f('text', null, `${TABBY} (GB per GPU)`),
};

/** The last TabbyAPI (by commit date) that accepts `backend: exllamav2`. */
export const TABBY_EXL2_UNTIL = '2026-06-27';
