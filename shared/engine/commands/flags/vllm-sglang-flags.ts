/**
 * vLLM and SGLang flags and variables the builders emit, from the source: vllm-project/vllm main
 * 5ac2684976ee (2026-08-07; read through EmbeddedLLM/vllm, release tags to v0.20.1 through CentML/vllm)
 * and sgl-project/sglang main 30cb848d4b45 (2026-08-11, the v0.5.18 branch point; tags through
 * bytedance-iaas/sglang). "since" is the first release tag that contains the change.
 */
import { flag as f, type FlagSpec, type ProgramSpec } from './flag-spec';

const VLLM = 'vllm-project/vllm@5ac2684976ee';
const SGL = 'sgl-project/sglang python/sglang/srt/server_args.py@30cb848d4b45';
const RAY = 'docs.ray.io/en/latest/cluster/cli.html ray start';

const VLLM_QUANT = [
  'awq',
  'awq_marlin',
  'gptq',
  'gptq_marlin',
  'fp8',
  'mxfp4',
  'modelopt_fp4',
  'bitsandbytes',
  'compressed-tensors',
];

export const VLLM_SERVE: ProgramSpec = {
  runtime: 'vllm',
  since: '0.5.2',
  ref: `${VLLM} vllm/entrypoints/cli (vllm serve, PR #5090)`,
  flags: {
    '--tensor-parallel-size': f('int', null, `${VLLM} vllm/config/parallel.py tensor_parallel_size`),
    '--pipeline-parallel-size': f('int', null, `${VLLM} vllm/config/parallel.py pipeline_parallel_size`),
    '--distributed-executor-backend': f(
      ['ray', 'mp', 'uni', 'external_launcher'],
      '0.4.3',
      `${VLLM} vllm/config/parallel.py DistributedExecutorBackend (PR #4539; required for TP×PP beyond one node since 0.13.0, PR #30140)`,
    ),
    '--max-model-len': f(
      'int',
      '0.2.0',
      `${VLLM} vllm/config/model.py max_model_len (above the derived maximum: ValueError unless VLLM_ALLOW_LONG_MAX_MODEL_LEN=1)`,
    ),
    '--gpu-memory-utilization': f(
      'number',
      null,
      `${VLLM} vllm/config/cache.py (default 0.92 since 0.20.0, 0.9 before)`,
    ),
    '--quantization': f(
      VLLM_QUANT,
      null,
      `${VLLM} vllm/model_executor/layers/quantization/__init__.py QuantizationMethods`,
      {
        valueSince: { fp8: '0.4.1', gptq_marlin: '0.4.2', awq_marlin: '0.5.3' },
      },
    ),
    '--kv-cache-dtype': f(
      ['auto', 'fp8', 'fp8_e4m3', 'fp8_e5m2'],
      null,
      `${VLLM} vllm/config/cache.py CacheDType`,
      {
        valueSince: { fp8_e5m2: '0.3.0', fp8: '0.4.3', fp8_e4m3: '0.4.3' },
      },
    ),
    '--max-num-seqs': f(
      'int',
      null,
      `${VLLM} vllm/config/scheduler.py (default 256, 1024 on ≥ 70 GiB non-A100 GPUs: arg_utils.py get_batch_defaults)`,
    ),
    '--tokenizer': f('text', '0.1.2', `${VLLM} vllm/config/model.py tokenizer (PR #284)`),
    '--hf-overrides': f(
      'json',
      '0.6.4',
      `${VLLM} vllm/config/model.py hf_overrides (PR #5836; rope_scaling is rope_parameters since 0.12.0, PR #28542)`,
      {
        partSince: { '"rope_parameters"': '0.12.0' },
      },
    ),
    '--host': f('text', null, `${VLLM} vllm/entrypoints/openai/cli_args.py host`),
    '--port': f('int', null, `${VLLM} vllm/entrypoints/openai/cli_args.py port (default 8000)`),
  },
};

const SGL_QUANT = [
  'awq',
  'awq_marlin',
  'gptq',
  'gptq_marlin',
  'fp8',
  'gguf',
  'mxfp4',
  'bitsandbytes',
  'compressed-tensors',
];

export const SGLANG_LAUNCH: ProgramSpec = {
  runtime: 'sglang',
  since: null,
  ref: 'sgl-project/sglang python/sglang/launch_server.py',
  flags: {
    '--model-path': f('text', null, `${SGL} model_path`),
    '--tp-size': f('int', null, `${SGL} tp_size`),
    '--pp-size': f(
      'int',
      '0.4.6.post2',
      `${SGL} pp_size (PR #5724; (tp × pp) % nnodes == 0 checked in check_server_args)`,
    ),
    '--context-length': f(
      'int',
      null,
      `${SGL} context_length (above the derived length: ValueError unless SGLANG_ALLOW_OVERWRITE_LONGER_CONTEXT_LEN=1)`,
    ),
    '--mem-fraction-static': f(
      'number',
      null,
      `${SGL} mem_fraction_static (default: computed from the GPU's memory, _handle_gpu_memory_settings)`,
    ),
    '--max-running-requests': f('int', '0.1.17', `${SGL} max_running_requests`),
    '--quantization': f(SGL_QUANT, null, `${SGL} QUANTIZATION_CHOICES`, {
      valueSince: { awq_marlin: '0.2.7', gguf: '0.4.0' },
    }),
    '--kv-cache-dtype': f(
      ['auto', 'fp8_e5m2', 'fp8_e4m3', 'bf16'],
      '0.2.14',
      `${SGL} kv_cache_dtype (no plain fp8)`,
      {
        valueSince: { fp8_e4m3: '0.4.1.post6' },
      },
    ),
    '--json-model-override-args': f('json', '0.3.1.post1', `${SGL} json_model_override_args (PR #1298)`),
    '--nnodes': f('int', '0.1.18', `${SGL} nnodes (PR #550)`),
    '--node-rank': f('int', '0.1.18', `${SGL} node_rank`),
    '--dist-init-addr': f('text', '0.3.3', `${SGL} dist_init_addr host:port`),
    '--host': f('text', null, `${SGL} host (default 127.0.0.1)`),
    '--port': f('int', null, `${SGL} port (default 30000)`),
  },
};

/** `ray start` (a dependency of vLLM multi-node, not versioned here). */
export const RAY_START: ProgramSpec = {
  runtime: null,
  since: null,
  ref: 'docs.ray.io ray start; vllm-project/vllm docs/serving/parallelism_scaling.md (Ray is not installed with vLLM since 0.18.0: pip install "ray[cgraph]")',
  flags: {
    '--head': f('none', null, `${RAY} --head`),
    '--port': f('int', null, `${RAY} --port`),
    '--address': f('text', null, `${RAY} --address`),
    '--block': f('none', null, `${RAY} --block`),
  },
};

/** Environment variables vLLM and SGLang read that the builders set. */
export const VLLM_SGLANG_ENV: Readonly<Record<string, FlagSpec & { readonly runtime: 'vllm' | 'sglang' }>> = {
  VLLM_HOST_IP: { runtime: 'vllm', ...f('text', '0.4.2', `${VLLM} vllm/envs.py VLLM_HOST_IP`) },
  VLLM_PP_LAYER_PARTITION: {
    runtime: 'vllm',
    ...f(
      'proportions',
      '0.5.4',
      `${VLLM} vllm/envs.py, used in vllm/distributed/utils.py get_pp_indices (layer counts per stage, PR #6920)`,
    ),
  },
  SGLANG_ALLOW_OVERWRITE_LONGER_CONTEXT_LEN: {
    runtime: 'sglang',
    ...f(
      ['1'],
      '0.3.4.post2',
      `${SGL.replace('server_args.py', 'configs/model_config.py')} _derive_context_length (PR #1778)`,
    ),
  },
  SGLANG_PP_LAYER_PARTITION: {
    runtime: 'sglang',
    ...f('proportions', '0.4.0', 'sgl-project/sglang python/sglang/srt/distributed/utils.py'),
  },
};

const BENCH_DATASETS = 'vllm-project/vllm vllm/benchmarks/datasets/datasets.py@ffd91ee17';
const BENCH_LENGTHS = {
  '--dataset-name': f('text', null, `${BENCH_DATASETS} --dataset-name (random: synthetic prompts)`),
  '--random-input-len': f('int', null, `${BENCH_DATASETS}:1932 --random-input-len`),
  '--random-output-len': f('int', null, `${BENCH_DATASETS}:1938 --random-output-len`),
  '--num-prompts': f('int', null, `${BENCH_DATASETS}:1610 --num-prompts`),
  '--max-concurrency': f('int', null, 'vllm-project/vllm vllm/benchmarks/serve.py:1589 --max-concurrency'),
};

const OLD_BENCH = 'vllm-project/vllm benchmarks/benchmark_serving.py';

/**
 * Before the `vllm bench` CLI (0.8.0), the same benchmark ran from a vLLM source checkout; each flag with
 * the first release that has it (from the file's git history).
 */
export const VLLM_BENCHMARK_SERVING_PY: ProgramSpec = {
  runtime: 'vllm',
  since: '0.4.0',
  ref: `${OLD_BENCH} (removed from the tree on 2025-09-09, 6fb278816)`,
  flags: {
    '--backend': f(['vllm'], null, `${OLD_BENCH} --backend`),
    '--model': f('text', null, `${OLD_BENCH} --model`),
    '--dataset-name': f('text', '0.4.0', `${OLD_BENCH} --dataset-name (45b6ef651)`),
    '--random-input-len': f('int', '0.5.2', `${OLD_BENCH} --random-input-len (333306a25)`),
    '--random-output-len': f('int', '0.5.2', `${OLD_BENCH} --random-output-len (333306a25)`),
    '--num-prompts': f('int', null, `${OLD_BENCH} --num-prompts`),
    '--max-concurrency': f('int', '0.6.4', `${OLD_BENCH} --max-concurrency (7dbe738d6)`),
    '--ignore-eos': f('none', '0.6.3', `${OLD_BENCH} --ignore-eos (fbb74420e)`),
  },
};

/** `vllm bench serve`, against a running server (vllm/benchmarks/serve.py, datasets/datasets.py @ffd91ee17). */
export const VLLM_BENCH_SERVE: ProgramSpec = {
  runtime: 'vllm',
  since: '0.8.0',
  ref: 'vllm-project/vllm vllm/benchmarks/serve.py@ffd91ee17 (the `vllm bench` CLI from PR #13993, first in v0.8.0; benchmarks/benchmark_serving.py before)',
  flags: {
    '--model': f('text', null, 'vllm-project/vllm vllm/benchmarks/serve.py --model'),
    ...BENCH_LENGTHS,
    '--ignore-eos': f(
      'none',
      null,
      'vllm-project/vllm vllm/benchmarks/serve.py:1744 --ignore-eos (every request generates its full length)',
    ),
  },
};

/** SGLang's serving benchmark (python/sglang/benchmark/serving.py @30cb848d4; `sglang.bench_serving` its deprecated alias). */
export const SGLANG_BENCH_SERVING: ProgramSpec = {
  runtime: 'sglang',
  since: null,
  ref: 'sgl-project/sglang python/sglang/benchmark/serving.py@30cb848d4',
  flags: {
    '--backend': f(
      ['sglang', 'vllm', 'lmdeploy', 'trt'],
      null,
      'sgl-project/sglang python/sglang/benchmark/serving.py:2202 --backend',
    ),
    ...BENCH_LENGTHS,
    '--random-range-ratio': f(
      'number',
      null,
      'sgl-project/sglang python/sglang/benchmark/serving.py:2325 --random-range-ratio (default 0: lengths drawn from [0, len]; 1: fixed)',
    ),
  },
};
