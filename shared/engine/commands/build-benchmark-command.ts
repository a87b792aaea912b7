/**
 * The command that measures a plan (role `benchmark`), with the same placement as its launch command:
 * - llama.cpp: `llama-bench` with the plan's `-ngl`, experts in RAM (`-ncmoe`), split mode, tensor split
 *   (shares joined by `/`: a comma would make a second test), KV types, flash attention and ubatch;
 *   `-p 512 -n 128` at depth 0 and at a depth (`-d 0,D`), `-o json` for `bench import` to read.
 *   Flags as in tools/llama-bench/llama-bench.cpp (ggml-org/llama.cpp @3f545bec): -ncmoe from b6490,
 *   -d/--n-depth from b5212, -fa 1|0 (on/off only from b9437), -sm, -ts, -ctk, -ctv, -ub, -o.
 * - vLLM: `vllm bench serve` against the launched server, random prompts of fixed lengths at the plan's
 *   concurrency (vllm/benchmarks/serve.py and datasets/datasets.py @ffd91ee17: --dataset-name random,
 *   --random-input-len, --random-output-len, --num-prompts, --max-concurrency, --ignore-eos).
 * - SGLang: `python3 -m sglang.benchmark.serving` the same way (python/sglang/benchmark/serving.py
 *   @30cb848d4; `sglang.bench_serving` is its deprecated alias; `--random-range-ratio 1` keeps the
 *   lengths fixed — its default 0 samples them from [0, length]).
 * Other runtimes (Ollama, TabbyAPI) have no benchmark the product reads: null.
 */
import type { Range } from '../speed';
import { llamaSettingsOf, llamaSplitMode, quantizedV } from './build-llama-cpp-command';
import { hfCheckpoint } from './build-vllm-command';
import { deviceEnv, ggufPath, num, type CommandInput, type LaunchCommand } from './command-types';

/** A figure the benchmark should print, with the plan's range for it. */
export interface BenchmarkExpectation {
  /** As llama-bench prints the test (`pp512`, `tg128 @ d4096`), or `decode per stream` for a serving run. */
  readonly test: string;
  readonly tokPerSec: Range;
}

/** The prompt and generated lengths measured, and the depth of the second llama-bench run. */
export interface BenchmarkShape {
  readonly promptTokens: number;
  readonly genTokens: number;
  /** Tokens already in the context for the depth run (0: none). */
  readonly depth: number;
}

/** The depth of llama-bench's second run: 4096 tokens, or what the plan's context leaves room for. */
export function benchmarkShape(ctx: number, promptTokens = 512, genTokens = 128): BenchmarkShape {
  const room = ctx - promptTokens - genTokens;
  return { promptTokens, genTokens, depth: room >= 4096 ? 4096 : Math.max(0, Math.floor(room / 256) * 256) };
}

function llamaBench(input: CommandInput, shape: BenchmarkShape): LaunchCommand {
  const { strategy, model } = input;
  const s = llamaSettingsOf(input);
  const gguf = ggufPath(model, input.options);
  const multi = strategy.gpuIndices.length > 1;
  const mode = llamaSplitMode(strategy, model.spec.arch);
  const split = s.tensorSplit && s.tensorSplit.length === strategy.gpuIndices.length && multi;
  const fa = s.flashAttention || quantizedV(s) || strategy.split === 'tensor';
  return {
    runtime: 'llama.cpp',
    role: 'benchmark',
    title: 'measure it: llama-bench',
    argv: [
      'llama-bench',
      ...['-m', gguf.path],
      ...['-ngl', String(s.ngl ?? 999)],
      ...(s.nCpuMoe > 0 ? ['-ncmoe', String(s.nCpuMoe)] : []),
      ...(multi ? ['-sm', mode] : []),
      ...(split ? ['-ts', (s.tensorSplit ?? []).map(num).join('/')] : []),
      ...(s.cacheTypeK !== 'f16' ? ['-ctk', s.cacheTypeK] : []),
      ...(s.cacheTypeV !== 'f16' ? ['-ctv', s.cacheTypeV] : []),
      // 1/0 rather than on/off: llama-bench takes on/off only from b9437 (PR #23714).
      ...['-fa', fa ? '1' : '0'],
      ...(s.ubatch !== 512 ? ['-ub', String(s.ubatch)] : []),
      ...['-p', String(shape.promptTokens), '-n', String(shape.genTokens)],
      ...(shape.depth > 0 ? ['-d', `0,${shape.depth}`] : []),
      ...['-o', 'json'],
    ],
    env: deviceEnv(strategy.gpuIndices, input.options.vendor),
    notes: [
      ...gguf.notes,
      'Save what it prints (`llama-bench … > bench.json`) and bring it back with `bench import bench.json` (or drop it on the Strategy step): each test beside its prediction.',
    ],
  };
}

function servingBench(input: CommandInput, shape: BenchmarkShape, runtime: 'vllm' | 'sglang'): LaunchCommand {
  const ckpt = hfCheckpoint(input.model, input.options, runtime === 'vllm' ? 'vLLM' : 'SGLang');
  const streams = Math.max(1, input.options.concurrency ?? 1);
  const lengths = [
    ...['--dataset-name', 'random'],
    ...['--random-input-len', String(shape.promptTokens)],
    ...['--random-output-len', String(shape.genTokens)],
    ...['--num-prompts', String(Math.max(10, 4 * streams))],
    ...['--max-concurrency', String(streams)],
  ];
  const argv =
    runtime === 'vllm'
      ? ['vllm', 'bench', 'serve', '--model', ckpt.id, ...lengths, '--ignore-eos']
      : [
          ...['python3', '-m', 'sglang.benchmark.serving', '--backend', 'sglang'],
          ...lengths,
          ...['--random-range-ratio', '1'],
        ];
  return {
    runtime,
    role: 'benchmark',
    title: `measure it: ${runtime === 'vllm' ? 'vllm bench serve' : 'sglang.benchmark.serving'} (server running)`,
    argv,
    env: {},
    notes: [
      `Run it while the server above is up: ${Math.max(10, 4 * streams)} requests of ${shape.promptTokens} prompt and ${shape.genTokens} generated tokens, ${streams} at a time.`,
      'Save the result block it prints and bring it back with the CLI, `bench import result.txt`: per-stream decode is 1000 ÷ its mean TPOT, beside the prediction under that load.',
    ],
  };
}

/** The benchmark for the strategy's runtime, or null where the product reads none. */
export function buildBenchmarkCommand(input: CommandInput, shape: BenchmarkShape): LaunchCommand | null {
  const runtime = input.strategy.runtime;
  if (runtime === 'llama.cpp') return llamaBench(input, shape);
  if (runtime === 'vllm' || runtime === 'sglang') return servingBench(input, shape, runtime);
  return null;
}
