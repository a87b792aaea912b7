/**
 * vLLM's two outputs a user can bring back: the result block `vllm bench serve` (and the older
 * `benchmarks/benchmark_serving.py`) prints — `Key: value` lines between `===` rules — and the engine's
 * start-up log, whose memory lines say what the KV pool got (`Available KV cache memory`, `GPU KV cache
 * size`, `Maximum concurrency for N tokens per request`, V0's `# GPU blocks`). Log prefixes
 * (`(EngineCore pid=…) INFO 08-02 11:08:12 [gpu_worker.py:538]`) and progress bars are ignored.
 */
import { cleanLines, printedNumber } from './clean-text';

export interface VllmBenchServe {
  readonly kind: 'vllm bench serve';
  /** Every `Key: value` line of the block, as printed (`Mean TPOT (ms)` → `29.36`). */
  readonly figures: Readonly<Record<string, string>>;
  readonly requests: number | null;
  readonly inputTokens: number | null;
  readonly outputTokens: number | null;
  /** Aggregate output tokens/s over the run. */
  readonly outputTokPerSec: number | null;
  /** Per-stream decode speed, 1000 ÷ mean TPOT (time per output token after the first). */
  readonly decodeTokPerSec: number | null;
  readonly meanTtftMs: number | null;
  readonly peakConcurrency: number | null;
}

export interface VllmStartup {
  readonly kind: 'vllm start-up log';
  readonly version: string | null;
  readonly model: string | null;
  readonly tensorParallel: number | null;
  readonly maxModelLen: number | null;
  /** `--gpu-memory-utilization` as the log's arguments give it (null: the default). */
  readonly gpuMemoryUtilization: number | null;
  readonly weightsGiB: number | null;
  readonly availableKvGiB: number | null;
  readonly kvTokens: number | null;
  readonly gpuBlocks: number | null;
  /** `Maximum concurrency for 262,144 tokens per request: 14.78x`. */
  readonly maxConcurrency: { readonly tokensPerRequest: number; readonly value: number } | null;
}

const RESULT_RULE = /^=+\s*(?:Serving )?Benchmark Result\s*=+$/;

/** The result block of `vllm bench serve`; null when the text has none. */
export function readVllmBenchServe(text: string): VllmBenchServe | null {
  const lines = cleanLines(text).map((l) => l.trim());
  const start = lines.findIndex((l) => RESULT_RULE.test(l));
  if (start < 0) return null;
  const figures: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (/^=+$/.test(line)) break;
    const m = /^([^:]+):\s+(\S.*?)\s*$/.exec(line);
    if (m?.[1] && m[2] !== undefined) figures[m[1].trim()] = m[2];
  }
  const n = (key: string) => printedNumber(figures[key]);
  const tpot = n('Mean TPOT (ms)');
  return {
    kind: 'vllm bench serve',
    figures,
    requests: n('Successful requests'),
    inputTokens: n('Total input tokens'),
    outputTokens: n('Total generated tokens') ?? n('Total output tokens'),
    outputTokPerSec: n('Output token throughput (tok/s)'),
    decodeTokPerSec: tpot && tpot > 0 ? 1000 / tpot : null,
    meanTtftMs: n('Mean TTFT (ms)'),
    peakConcurrency: n('Peak concurrent requests'),
  };
}

/** The memory lines of a vLLM start-up log; null when it has none of them. */
export function readVllmStartup(text: string): VllmStartup | null {
  const lines = cleanLines(text);
  const find = (re: RegExp): RegExpExecArray | null => {
    for (const line of lines) {
      const m = re.exec(line);
      if (m) return m;
    }
    return null;
  };
  const kv = find(/Available KV cache memory:\s*([\d.]+)\s*GiB/);
  const tokens = find(/GPU KV cache size:\s*([\d,]+)\s*tokens/);
  const blocks = find(/# GPU blocks:\s*(\d+)/);
  const conc = find(/Maximum concurrency for ([\d,]+) tokens per request:\s*([\d.]+)x/);
  if (!kv && !tokens && !blocks && !conc) return null;
  const num = (m: RegExpExecArray | null, i = 1) => printedNumber(m?.[i]);
  const tp = find(/tensor_parallel_size=(\d+)/);
  return {
    kind: 'vllm start-up log',
    version: find(/\bversion\s+v?(\d+\.\d+\.\d+\S*)/)?.[1] ?? find(/LLM engine \(v([^)]+)\)/)?.[1] ?? null,
    model: find(/\bmodel='([^']+)'/)?.[1] ?? find(/Starting to load model (\S+?)\.\.\./)?.[1] ?? null,
    tensorParallel: tp ? Number(tp[1]) : 1,
    maxModelLen: num(find(/max model len (\d+)/i)) ?? num(find(/max_seq_len=(\d+)/)),
    gpuMemoryUtilization: num(find(/gpu_memory_utilization['"]?\s*[:=]\s*([\d.]+)/)),
    weightsGiB: num(find(/Model loading took ([\d.]+) GiB/)),
    availableKvGiB: num(kv),
    kvTokens: num(tokens),
    gpuBlocks: num(blocks),
    maxConcurrency: conc ? { tokensPerRequest: printedNumber(conc[1]) ?? 0, value: Number(conc[2]) } : null,
  };
}
