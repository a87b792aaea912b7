/**
 * What each command prints when it did what the plan says: the runtime's own log lines (their wording at
 * the commits the flag tables name) with the plan's numbers beside them, so a user can tell at a glance
 * whether the split, the KV cache and the context came out as planned.
 * - llama.cpp (src/llama-model.cpp, src/llama-kv-cache.cpp @3f545bec): `load_tensors: offloaded N/M layers
 *   to GPU`, `load_tensors: CUDA0 model buffer size = … MiB`, `llama_kv_cache: CUDA0 KV buffer size = … MiB`.
 * - vLLM (v1/worker/gpu_worker.py, v1/core/kv_cache_utils.py @5ac2684976ee): `Available KV cache memory:
 *   … GiB`, `GPU KV cache size: N tokens` with `Maximum concurrency for … tokens per request`.
 * - SGLang (managers/scheduler.py @30cb848d): `max_total_num_tokens=…`.
 * - Ollama: `ollama ps` (PROCESSOR: how much ran on the GPUs).
 * - TabbyAPI (common/model.py @e632af4): `Model successfully loaded.`; it logs no per-card split.
 */
import type { LlamaCppSettings } from '../llama-cpp-memory';
import type { Strategy } from '../planner/plan-types';
import type { LlamaSplitMode } from './build-llama-cpp-command';
import type { CommandInput, GpuVendor } from './command-types';

/** The name llama.cpp gives the n-th visible device of this vendor in its log. */
export function llamaDeviceName(vendor: GpuVendor | undefined, n: number): string {
  if (vendor === 'amd') return `ROCm${n}`;
  if (vendor === 'apple') return 'MTL0';
  if (vendor === 'intel') return `SYCL${n}`;
  return `CUDA${n}`;
}

const mib = (n: number): string => `${Math.round(n).toLocaleString('en-US')} MiB`;
const gib = (n: number): string => `${(n / 1024).toFixed(1)} GiB`;

/** Whether the strategy's per-GPU numbers describe this command (same runtime family, same layout). */
const planned = (strategy: Strategy, runtimes: readonly string[]): boolean =>
  runtimes.includes(strategy.runtime) && strategy.perGpu.length > 0 && strategy.fits;

export function llamaExpectNotes(input: CommandInput, s: LlamaCppSettings, mode: LlamaSplitMode): string[] {
  const { strategy, model, options } = input;
  const total = model.spec.layers + 1; // llama.cpp counts the output layer too
  const onGpu = s.ngl === null ? total : Math.min(s.ngl, total);
  const lines = [`"load_tensors: offloaded ${onGpu}/${total} layers to GPU"`];
  // The plan's numbers only where this command reproduces the plan's own llama.cpp layout.
  const same =
    planned(strategy, ['llama.cpp']) &&
    (mode === strategy.split || mode === 'none' || strategy.split === 'offload');
  if (same) {
    const cards = strategy.perGpu.map(
      (g, i) => `${llamaDeviceName(options.vendor, i)} ≈ ${mib(g.weightsMiB)}`,
    );
    const kv = strategy.perGpu.map((g, i) => `${llamaDeviceName(options.vendor, i)} ≈ ${mib(g.kvCacheMiB)}`);
    lines.push(`"load_tensors: <device> model buffer size" (planned ${cards.join(', ')})`);
    lines.push(`"llama_kv_cache: <device> KV buffer size" (planned ${kv.join(', ')})`);
  } else {
    lines.push(
      '"load_tensors: <device> model buffer size" for each card',
      '"llama_kv_cache: <device> KV buffer size"',
    );
  }
  return [
    `when it works, the load log shows ${lines.join(', ')}; ${options.vendor === 'apple' ? 'MTL0 is the Apple GPU' : `${llamaDeviceName(options.vendor, 0)} is the first card listed in the device variable`}. Fewer layers offloaded, or a card missing, means the split did not come out as planned`,
  ];
}

export function vllmExpectNotes(strategy: Strategy, ctx: number): string[] {
  const numbers = planned(strategy, ['vllm'])
    ? ` (planned: about ${gib(strategy.perGpu[0]?.kvCacheMiB ?? 0)} on the first card, ${strategy.kvCacheTokens.toLocaleString('en-US')} tokens, ${Math.floor(strategy.kvCacheTokens / ctx)}× for ${ctx} tokens)`
    : '';
  return [
    `when it works, each worker logs "Available KV cache memory: … GiB", then "GPU KV cache size: … tokens" and "Maximum concurrency for ${ctx} tokens per request: …x"${numbers}; below 1x, vLLM stops: lower --max-model-len or raise --gpu-memory-utilization`,
  ];
}

export function sglangExpectNotes(strategy: Strategy): string[] {
  const numbers = planned(strategy, ['sglang'])
    ? ` (planned about ${strategy.kvCacheTokens.toLocaleString('en-US')}; SGLang sizes its own fraction, so expect it within a few tens of percent)`
    : '';
  return [
    `when it works, the scheduler logs "max_total_num_tokens=…, … context_len=…": the tokens its KV pool holds${numbers}`,
  ];
}

export const OLLAMA_EXPECT_NOTE =
  'when it works, `ollama ps` shows the model with PROCESSOR "100% GPU"; a CPU/GPU share there means part of it runs from system RAM, slower than planned. From 0.30 the server log also shows llama-server\'s "load_tensors: … model buffer size" lines per card';

export const TABBY_EXPECT_NOTE =
  'when it works, the log ends with "Model successfully loaded."; TabbyAPI logs no per-card split, so check each card with nvidia-smi, and GET /v1/model shows max_seq_len and cache_size';
