/**
 * `vllm serve` from a plan, on one node or over a Ray cluster (TP = GPUs per node, PP = nodes, as
 * docs/serving/parallelism_scaling.md advises). Also the Hugging Face checkpoint choice that SGLang
 * shares: vLLM-style runtimes load safetensors checkpoints, not GGUF or EXL2 files.
 */
import type { EngineModel } from '../../model-import/model-weights';
import { tensorParallelProblem } from '../planner/vllm-strategies';
import type { Strategy } from '../planner/plan-types';
import { ENGINE } from '../thresholds';
import { vllmRopeArgs } from './context-extension';
import { vllmExpectNotes } from './expect-notes';
import {
  DEFAULT_HOST,
  deviceEnv,
  fitNote,
  kvCacheFp8,
  notOnApple,
  num,
  repoName,
  type CommandInput,
  type CommandOptions,
  type LaunchCommand,
  type NodeLayout,
} from './command-types';

export const VLLM_DEFAULT_PORT = 8000;
export const RAY_PORT = 6379;

/** What to load and whether the runtime must quantize it on load. */
export interface Checkpoint {
  /** Hugging Face repo id, local folder, or a `<…>` placeholder. */
  readonly id: string;
  /** `--quantization` value when the checkpoint is 16-bit and the plan is FP8; null otherwise. */
  readonly quantization: string | null;
  /** What the user must change or know about this checkpoint. */
  readonly notes: string[];
  /** `--tokenizer`: the base model's, for a GGUF file (vLLM's GGUF docs recommend it over the GGUF's own). */
  readonly tokenizer?: string;
}

/** Methods a checkpoint is published in (vLLM reads them from its `quantization_config`). */
const PREQUANTIZED = /^(awq|gptq|nvfp4|mxfp4)/;

/** Approximate size of the released weights, GB. */
function releasedGB(model: EngineModel): number {
  const bits = /fp8/.test(model.spec.releasedDtype) ? 8 : /fp4/.test(model.spec.releasedDtype) ? 4.25 : 16;
  return Math.round((model.spec.paramsB * bits) / 8);
}

function searchUrl(model: EngineModel, method: string): string {
  return `https://huggingface.co/models?search=${encodeURIComponent(`${repoName(model.spec.repo)} ${method}`)}`;
}

/** The checkpoint vLLM / SGLang load for this model and quantization, with what to change. */
export function hfCheckpoint(model: EngineModel, options: CommandOptions, runtime: string): Checkpoint {
  const q = model.quant;
  const repo = model.spec.repo;
  if (options.modelPath) {
    if (!/\.gguf$/i.test(options.modelPath)) return { id: options.modelPath, quantization: null, notes: [] };
    if (runtime !== 'vLLM')
      return {
        id: options.modelPath,
        quantization: null,
        notes: [
          `${runtime}'s GGUF loading is experimental and needs the tokenizer of ${repo}; a safetensors checkpoint is the usual input`,
        ],
      };
    return {
      id: options.modelPath,
      quantization: null,
      tokenizer: repo,
      notes: [
        `GGUF in vLLM: from 0.24 it is an out-of-tree plugin — \`pip install vllm-gguf-plugin\` first (vLLM PR #39612); --tokenizer ${repo} loads the base model's tokenizer, as vLLM's GGUF docs recommend (converting the GGUF's own is slow and unreliable); a safetensors checkpoint (AWQ, GPTQ, FP8) is the usual input`,
      ],
    };
  }
  if (!q || q.format !== 'vllm') {
    return {
      id: repo,
      quantization: null,
      notes: [
        `the plan is for ${model.quantLabel} (${q?.format ?? 'gguf'}), which ${runtime} does not load; this serves ${repo} as released (${model.spec.releasedDtype}, ~${releasedGB(model)} GB) — for a similar size use an AWQ or GPTQ checkpoint of it (${searchUrl(model, 'AWQ')}) and re-plan with the awq quantization`,
      ],
    };
  }
  const released = model.spec.releasedDtype.toLowerCase();
  if (q.id === released || q.id === 'fp16' || q.id === 'bf16')
    return { id: repo, quantization: null, notes: [] };
  if (q.id === 'fp8')
    return {
      id: repo,
      quantization: 'fp8',
      notes: [`--quantization fp8 quantizes the ${released} weights of ${repo} to FP8 while loading`],
    };
  const method = PREQUANTIZED.exec(q.id)?.[1]?.toUpperCase() ?? q.id.toUpperCase();
  return {
    id: `<${method} checkpoint of ${repo}>`,
    quantization: null,
    notes: [
      `replace <${method} checkpoint of ${repo}> with a ${method} repo of this model (${searchUrl(model, method)}) or give the path where the weights are (the model path); ${runtime} reads the method from its quantization_config, so no --quantization is passed (before 0.24, forcing "awq" also skipped the faster awq_marlin kernels)`,
    ],
  };
}

/** TP × PP for any strategy: layer/pp → PP, row/tensor/tp → TP; a TP vLLM refuses falls back to PP. */
export function parallelFor(
  strategy: Strategy,
  model: EngineModel,
  runtime = 'vLLM',
): { tp: number; pp: number; notes: string[] } {
  const n = Math.max(1, strategy.gpuIndices.length);
  let tp = n;
  let pp = 1;
  if (strategy.runtime === 'vllm' || strategy.runtime === 'sglang') {
    tp = strategy.tensorParallel;
    pp = strategy.pipelineParallel;
  } else if (!['row', 'tensor', 'tp'].includes(strategy.split)) {
    tp = 1;
    pp = n;
  }
  const notes: string[] = [];
  const problem =
    tp > 1 ? tensorParallelProblem(model.spec.attentionHeads, model.spec.kvHeads, tp, runtime) : null;
  if (problem) {
    notes.push(`${problem}: using pipeline parallel over the ${tp * pp} GPUs instead`);
    pp *= tp;
    tp = 1;
  }
  return { tp, pp, notes };
}

/**
 * Layers per pipeline stage when the plan gave mixed cards uneven stages: `VLLM_PP_LAYER_PARTITION`
 * (vllm/distributed/utils.py get_pp_indices) or SGLang's `SGLANG_PP_LAYER_PARTITION`, comma-separated,
 * one count per stage. Empty when the layout is not the plan's (a TP fallback) or the split is even.
 */
export function stagePartitionEnv(
  strategy: Strategy,
  pp: number,
  name: 'VLLM_PP_LAYER_PARTITION' | 'SGLANG_PP_LAYER_PARTITION',
): Record<string, string> {
  const layers = strategy.stageLayers;
  return layers && layers.length === pp && pp === strategy.pipelineParallel
    ? { [name]: layers.join(',') }
    : {};
}

/** What the partition env is for, in words. */
export function partitionNote(strategy: Strategy, pp: number): string[] {
  const layers = strategy.stageLayers;
  return layers && layers.length === pp && pp === strategy.pipelineParallel
    ? [
        `uneven stages: ${layers.join(' + ')} layers, so the stage with less room (a smaller card, or the embedding or output layer) carries fewer and none runs out of KV cache first`,
      ]
    : [];
}

/** `--kv-cache-dtype` as planned (the plan's 8- or 4-bit KV type); null = auto. */
function kvCacheDtype(strategy: Strategy): string | null {
  return kvCacheFp8(strategy) ? 'fp8' : null;
}

function serveArgv(input: CommandInput, ckpt: Checkpoint, tp: number, pp: number): string[] {
  const { options, strategy } = input;
  const kv = kvCacheDtype(strategy);
  return [
    ...['vllm', 'serve', ckpt.id],
    ...(ckpt.tokenizer ? ['--tokenizer', ckpt.tokenizer] : []),
    ...['--tensor-parallel-size', String(tp)],
    ...(pp > 1 ? ['--pipeline-parallel-size', String(pp)] : []),
    ...['--max-model-len', String(input.ctx)],
    ...vllmRopeArgs(input.model, input.ctx).args,
    ...['--gpu-memory-utilization', num(options.gpuMemoryUtilization ?? ENGINE.vllmGpuMemoryUtilization)],
    // Requests served at once: vLLM batches up to --max-num-seqs; the plan sized the KV pool for this many.
    ...((options.concurrency ?? 1) > 1 ? ['--max-num-seqs', String(options.concurrency)] : []),
    ...(ckpt.quantization ? ['--quantization', ckpt.quantization] : []),
    ...(kv ? ['--kv-cache-dtype', kv] : []),
    ...['--host', options.host ?? DEFAULT_HOST],
    ...['--port', String(options.port ?? VLLM_DEFAULT_PORT)],
  ];
}

/** `vllm serve` on this machine. */
export function buildVllmCommand(input: CommandInput): LaunchCommand {
  const ckpt = hfCheckpoint(input.model, input.options, 'vLLM');
  const layout = parallelFor(input.strategy, input.model);
  const kv = kvCacheDtype(input.strategy);
  return {
    runtime: 'vllm',
    role: 'single',
    title: 'vllm serve',
    argv: serveArgv(input, ckpt, layout.tp, layout.pp),
    env: {
      ...deviceEnv(input.strategy.gpuIndices.slice(0, layout.tp * layout.pp), input.options.vendor),
      ...stagePartitionEnv(input.strategy, layout.pp, 'VLLM_PP_LAYER_PARTITION'),
    },
    notes: [
      ...notOnApple('vLLM', input.options),
      ...fitNote(input.strategy),
      ...ckpt.notes,
      ...layout.notes,
      ...partitionNote(input.strategy, layout.pp),
      ...(input.strategy.split === 'offload'
        ? [
            'the plan keeps weights in system RAM; vLLM can do the same with --cpu-offload-gb (GiB per GPU), not set here',
          ]
        : []),
      ...(kv ? [`vLLM has no ${input.strategy.llama?.cacheTypeK} KV cache; fp8 is the closest`] : []),
      ...vllmRopeArgs(input.model, input.ctx).notes,
      ...vllmExpectNotes(input.strategy, input.ctx),
    ],
  };
}

/**
 * TP × PP over several machines as planned (TP = GPUs per machine, PP = machines by default); as on one
 * machine, a TP size the model's heads do not divide falls back to pipeline parallel over all the GPUs.
 */
export function clusterParallel(
  input: CommandInput,
  nodes: NodeLayout,
  runtime: string,
): { tp: number; pp: number; problem: string | null } {
  const tp = nodes.tensorParallel ?? nodes.gpusPerNode;
  const pp = nodes.pipelineParallel ?? nodes.count;
  const { attentionHeads, kvHeads } = input.model.spec;
  const problem = tensorParallelProblem(attentionHeads, kvHeads, tp, runtime);
  return problem ? { tp: 1, pp: tp * pp, problem } : { tp, pp, problem };
}

/** GPU indices on every node: the plan's own when it has enough, else 0…n−1. */
export const nodeGpus = (strategy: Strategy, n: number): number[] =>
  strategy.gpuIndices.length >= n ? strategy.gpuIndices.slice(0, n) : Array.from({ length: n }, (_, i) => i);

const SECURITY =
  "keep the cluster on a private network: Ray and vLLM traffic is unencrypted and an attacker on it can run code (docs/serving/parallelism_scaling.md); set VLLM_HOST_IP to each node's private address";

function rayWorker(env: Record<string, string>, head: string, address: string | null): LaunchCommand {
  return {
    runtime: 'ray',
    role: 'worker',
    title: `Ray worker${address ? ` ${address}` : ''}`,
    argv: ['ray', 'start', `--address=${head}:${RAY_PORT}`, '--block'],
    env: address ? { ...env, VLLM_HOST_IP: address } : env,
    notes: address ? [] : ["run on every other node, with VLLM_HOST_IP set to that node's address"],
  };
}

/**
 * vLLM over several nodes with Ray: `ray start --head` on the head, `ray start --address` on each
 * worker, then `vllm serve … --distributed-executor-backend ray` on the head with TP = GPUs per node
 * and PP = nodes. Worker addresses are optional (one generic worker command without them).
 */
export function buildVllmMultiNode(
  input: CommandInput,
  nodes: NodeLayout,
  headAddress: string,
  workerAddresses: readonly string[] = [],
): LaunchCommand[] {
  const env = deviceEnv(nodeGpus(input.strategy, nodes.gpusPerNode), input.options.vendor);
  const ckpt = hfCheckpoint(input.model, input.options, 'vLLM');
  const { tp, pp, problem } = clusterParallel(input, nodes, 'vLLM');
  const head: LaunchCommand = {
    runtime: 'ray',
    role: 'head',
    title: 'Ray head node',
    argv: ['ray', 'start', '--head', `--port=${RAY_PORT}`],
    env: { ...env, VLLM_HOST_IP: headAddress },
    notes: [SECURITY, 'the model must be at the same path (or in the same HF cache) on every node'],
  };
  const workers = workerAddresses.length
    ? workerAddresses.map((a) => rayWorker(env, headAddress, a))
    : [rayWorker(env, headAddress, null)];
  const serve: LaunchCommand = {
    runtime: 'vllm',
    role: 'head',
    title: `vllm serve on the head (TP ${tp} × PP ${pp} over ${nodes.count} nodes)`,
    argv: [...serveArgv(input, ckpt, tp, pp), '--distributed-executor-backend', 'ray'],
    env: {
      ...env,
      VLLM_HOST_IP: headAddress,
      ...stagePartitionEnv(input.strategy, pp, 'VLLM_PP_LAYER_PARTITION'),
    },
    notes: [
      ...ckpt.notes,
      `start it once \`ray status\` shows ${nodes.count} nodes and ${nodes.count * nodes.gpusPerNode} GPUs`,
      ...(problem ? [`${problem}: using pipeline parallel over the ${pp} GPUs instead`] : []),
      ...partitionNote(input.strategy, pp),
      ...vllmRopeArgs(input.model, input.ctx).notes,
      ...vllmExpectNotes(input.strategy, input.ctx),
    ],
  };
  return [head, ...workers, serve];
}
