/** The planner's request and result — the JSON `plan --json` prints. Memory in MiB, speed in tokens/s. */
import type { Assumption, EngineMachine } from '../machine';
import type { EngineModel } from '../../model-import/model-weights';
import type { ComputeRole, LlamaCppSettings } from '../llama-cpp-memory';
import type { AppliedMemoryCalibration } from '../memory-calibration';
import type { AppliedCalibration } from '../rig-calibration';
import type { Range, StepModel } from '../speed';

export const RUNTIMES = ['llama.cpp', 'vllm', 'ollama', 'sglang', 'exllamav2'] as const;
export type Runtime = (typeof RUNTIMES)[number];
export const SPLITS = ['none', 'layer', 'row', 'tensor', 'tp', 'pp', 'offload'] as const;
export type SplitMode = (typeof SPLITS)[number];
export type Goal = 'latency' | 'throughput' | 'context';

export interface PlanRequest {
  readonly machine: EngineMachine;
  readonly model: EngineModel;
  /** Context per request, tokens. */
  readonly ctx: number;
  readonly runtime: Runtime | null;
  readonly split: SplitMode | 'auto';
  readonly concurrency: number;
  readonly goal: Goal;
  /** llama.cpp settings the user pinned; the rest are chosen. */
  readonly llama: Partial<LlamaCppSettings>;
  /** `--gpu-memory-utilization` for vLLM / SGLang. */
  readonly gpuMemoryUtilization: number | null;
  /**
   * Tokens already in each sequence when a token is decoded (its KV cache read per token); absent =
   * half the context, the average over a request that fills it.
   */
  readonly depth?: number | null;
  /**
   * The prompt the prompt-processing figure is for: its tokens and the tokens already in the context;
   * absent = 512 tokens into an empty context (llama-bench's pp512).
   */
  readonly prompt?: { readonly tokens: number; readonly depth: number } | null;
  /**
   * A server under load: each stream's prompt and answer lengths, tokens. Decode per stream then
   * includes the other streams' prompt processing (speed.ts withPromptLoad); absent: decode alone.
   */
  readonly serving?: { readonly promptTokens: number; readonly outputTokens: number } | null;
  /** Set when the context asked for was more than the model holds (with its documented RoPE scaling): `ctx` is the limit. */
  readonly contextCap?: ContextCap | null;
}

/** A context asked for beyond what the model holds, and the limit planned instead, tokens. */
export interface ContextCap {
  readonly asked: number;
  readonly limit: number;
}

export interface GpuUse {
  readonly index: number;
  readonly name: string;
  readonly capacityMiB: number;
  /**
   * What the runtime may fill, MiB: capacity less the free margin the planner keeps (llama.cpp
   * family), or capacity × `--gpu-memory-utilization` (vLLM / SGLang). `fits` and the capacity
   * check both judge `totalMiB` against it.
   */
  readonly budgetMiB: number;
  readonly weightsMiB: number;
  readonly kvCacheMiB: number;
  readonly computeMiB: number;
  /** llama.cpp family: what sets the compute buffer here (the logits, prompt matmuls on weights in RAM, scratch). */
  readonly computeRole?: ComputeRole | null;
  readonly overheadMiB: number;
  readonly totalMiB: number;
}

/**
 * Where the model lives: all on the GPUs, partly in system RAM (read at RAM speed every token), or
 * nowhere (does not fit, or a check fails it).
 */
export type FitState = 'gpu' | 'offload' | 'none';

/** A check that fails this strategy on this machine (its id and reason, as the check says them). */
export interface Blocker {
  readonly check: string;
  readonly reason: string;
}

export interface Strategy {
  /** Stable id: `llama.cpp:layer`, `vllm:tp2`, `vllm:tp2-pp2`. */
  readonly id: string;
  readonly runtime: Runtime;
  readonly split: SplitMode;
  readonly tensorParallel: number;
  readonly pipelineParallel: number;
  /** False when it does not fit, the runtime refuses it, or a check fails it (the reasons say which). */
  readonly fits: boolean;
  /** `gpu` (all in VRAM), `offload` (part in system RAM: `ramOffloadMiB`), `none`. `fits` = not `none`. */
  readonly fit: FitState;
  /**
   * Weights and KV cache in system RAM, MiB, beyond the token embedding llama.cpp always keeps there
   * (a table lookup, not read every token).
   */
  readonly ramOffloadMiB: number;
  /** Checks that fail this strategy here (compute capability, runtime support, a link it cannot live with). */
  readonly blockers: readonly Blocker[];
  /** Machines it runs on (1, or the cluster's nodes it spans). */
  readonly nodes: number;
  /** True when the runtime cannot run it at all on this machine (not just short of memory). */
  readonly invalid: boolean;
  readonly perGpu: readonly GpuUse[];
  readonly hostWeightsMiB: number;
  readonly hostKvCacheMiB: number;
  readonly kvCacheTokens: number;
  readonly maxConcurrency: number;
  readonly decodeTokPerSec: Range | null;
  readonly prefillTokPerSec: Range | null;
  readonly limitTokPerSec: number | null;
  /** The decode step as the speed model's terms (to re-evaluate with other parameters: the calibration). */
  readonly decodeModel?: StepModel | null;
  /** The prompt-processing time per token as the speed model's terms (calibration). */
  readonly prefillModel?: StepModel | null;
  readonly bottleneck: string;
  /** Largest context per request that fits with this strategy (0 when nothing fits). */
  readonly maxContext: number;
  readonly reasons: readonly string[];
  readonly warnings: readonly string[];
  /** Settings the commands need (llama.cpp family). */
  readonly llama: LlamaCppSettings | null;
  /** Whether `llama.tensorSplit` is the user's pinned split (not the planned default): Ollama then passes it on. */
  readonly splitPinned?: boolean;
  /**
   * vLLM / SGLang KV cache in 8-bit float (`--kv-cache-dtype fp8`), from the plan's 8- or 4-bit KV
   * type: it halves the pool's bytes per token and each token's KV read. Absent: the model's dtype.
   */
  readonly kvCacheFp8?: boolean;
  /** vLLM / SGLang layers per pipeline stage when not vLLM's even partition (`VLLM_PP_LAYER_PARTITION`). */
  readonly stageLayers?: readonly number[];
  /** GPU indices used, in order. */
  readonly gpuIndices: readonly number[];
  /**
   * How the machine's own load or start-up logs moved its buffers — llama.cpp's compute buffers, vLLM's
   * overhead — with each GPU's uncalibrated figure (absent: as modelled). The sizing used them: fit,
   * layers or experts kept on the GPUs, maximum context, KV pool.
   */
  readonly memoryCalibration?: AppliedMemoryCalibration | null;
  /** How the machine's own measurements moved the speeds (absent: uncalibrated). */
  readonly calibration?: {
    readonly decode: AppliedCalibration | null;
    readonly prefill: AppliedCalibration | null;
  } | null;
}

export interface PlanResult {
  /** Id of the recommended strategy (null when nothing fits). */
  readonly recommended: string | null;
  readonly why: string;
  readonly strategies: readonly Strategy[];
  readonly assumptions: readonly Assumption[];
  readonly model: {
    readonly id: string;
    readonly name: string;
    readonly quant: string;
    readonly weightsGiB: number;
  };
  readonly ctx: number;
  /** Set when the context asked for was capped at the model's limit. */
  readonly contextCap: ContextCap | null;
  readonly goal: Goal;
  /** Where the speed figures and their ranges come from, in words (the calibration behind them). */
  readonly speedBasis: string;
}
