/**
 * SGLang (`python3 -m sglang.launch_server`) from a plan, on one node or several (`--nnodes`,
 * `--node-rank`, `--dist-init-addr`). Flags: docs/advanced_features/server_arguments.md (RUNTIMES.md
 * SGLang paragraph). The checkpoint and the TP × PP layout are chosen as for vLLM.
 */
import {
  clusterParallel,
  hfCheckpoint,
  nodeGpus,
  parallelFor,
  partitionNote,
  stagePartitionEnv,
  type Checkpoint,
} from './build-vllm-command';
import {
  DEFAULT_HOST,
  deviceEnv,
  fitNote,
  kvCacheFp8,
  notOnApple,
  num,
  type CommandInput,
  type LaunchCommand,
  type NodeLayout,
} from './command-types';
import { sglangRopeArgs } from './context-extension';
import { sglangExpectNotes } from './expect-notes';

export const SGLANG_DEFAULT_PORT = 30000;
/** Port for `--dist-init-addr` (the docs' multi-node example uses 20000). */
export const SGLANG_DIST_PORT = 20000;

/** `--kv-cache-dtype` as planned (the plan's 8- or 4-bit KV type); null = auto. */
function kvCacheDtype(input: CommandInput): string | null {
  return kvCacheFp8(input.strategy) ? 'fp8_e4m3' : null;
}

function launchArgv(input: CommandInput, ckpt: Checkpoint, tp: number, pp: number, http: boolean): string[] {
  const { options } = input;
  const kv = kvCacheDtype(input);
  return [
    ...['python3', '-m', 'sglang.launch_server'],
    ...['--model-path', ckpt.id],
    ...['--tp-size', String(tp)],
    ...(pp > 1 ? ['--pp-size', String(pp)] : []),
    ...['--context-length', String(input.ctx)],
    ...sglangRopeArgs(input.model, input.ctx).args,
    // SGLang's fraction covers weights and KV only and its automatic value leaves room for activations:
    // set only when the user asks (not vLLM's --gpu-memory-utilization default).
    ...(options.gpuMemoryUtilization !== undefined
      ? ['--mem-fraction-static', num(options.gpuMemoryUtilization)]
      : []),
    ...((options.concurrency ?? 1) > 1 ? ['--max-running-requests', String(options.concurrency)] : []),
    ...(ckpt.quantization ? ['--quantization', ckpt.quantization] : []),
    ...(kv ? ['--kv-cache-dtype', kv] : []),
    ...(http
      ? ['--host', options.host ?? DEFAULT_HOST, '--port', String(options.port ?? SGLANG_DEFAULT_PORT)]
      : []),
  ];
}

const P2P_NOTE =
  'if SGLang stops with "peer access is not supported between these two devices", add --enable-p2p-check (server_arguments.md)';

/** SGLang on this machine. */
export function buildSglangCommand(input: CommandInput): LaunchCommand {
  const ckpt = hfCheckpoint(input.model, input.options, 'SGLang');
  const { tp, pp, notes } = parallelFor(input.strategy, input.model, 'SGLang');
  return {
    runtime: 'sglang',
    role: 'single',
    title: 'sglang.launch_server',
    argv: launchArgv(input, ckpt, tp, pp, true),
    env: {
      ...deviceEnv(input.strategy.gpuIndices.slice(0, tp * pp), input.options.vendor),
      ...stagePartitionEnv(input.strategy, pp, 'SGLANG_PP_LAYER_PARTITION'),
      ...sglangRopeArgs(input.model, input.ctx).env,
    },
    notes: [
      ...notOnApple('SGLang', input.options),
      ...fitNote(input.strategy),
      ...ckpt.notes,
      ...notes,
      ...partitionNote(input.strategy, pp),
      ...(input.strategy.split === 'offload'
        ? [
            'the plan keeps weights in system RAM; SGLang keeps them all on the GPUs, so this needs more GPU memory',
          ]
        : []),
      ...(tp > 1 ? [P2P_NOTE] : []),
      ...(kvCacheDtype(input) ? ['SGLang has no 8-bit integer KV cache; fp8_e4m3 is the closest'] : []),
      ...sglangRopeArgs(input.model, input.ctx).notes,
      ...sglangExpectNotes(input.strategy),
    ],
  };
}

/**
 * SGLang over several nodes: the same command on each node with its `--node-rank`, TP = GPUs per
 * node and PP = nodes; only rank 0 serves HTTP. `--dist-init-addr` is the head's address.
 */
export function buildSglangMultiNode(
  input: CommandInput,
  nodes: NodeLayout,
  headAddress: string,
  distPort = SGLANG_DIST_PORT,
): LaunchCommand[] {
  const ckpt = hfCheckpoint(input.model, input.options, 'SGLang');
  const gpus = nodeGpus(input.strategy, nodes.gpusPerNode);
  const layout = clusterParallel(input, nodes, 'SGLang');
  const { problem } = layout;
  return Array.from({ length: nodes.count }, (_, rank): LaunchCommand => ({
    runtime: 'sglang',
    role: rank === 0 ? 'head' : 'worker',
    title: `SGLang node rank ${rank}`,
    argv: [
      ...launchArgv(input, ckpt, layout.tp, layout.pp, rank === 0),
      ...['--nnodes', String(nodes.count), '--node-rank', String(rank)],
      ...['--dist-init-addr', `${headAddress}:${distPort}`],
    ],
    env: {
      ...deviceEnv(gpus, input.options.vendor),
      ...stagePartitionEnv(input.strategy, layout.pp, 'SGLANG_PP_LAYER_PARTITION'),
      ...sglangRopeArgs(input.model, input.ctx).env,
    },
    notes:
      rank === 0
        ? [
            ...ckpt.notes,
            ...partitionNote(input.strategy, layout.pp),
            ...sglangRopeArgs(input.model, input.ctx).notes,
            ...sglangExpectNotes(input.strategy),
            ...(problem ? [`${problem}: using pipeline parallel over the ${layout.pp} GPUs instead`] : []),
            `pipeline parallel across nodes, tensor parallel inside each; the alternative is --tp-size ${nodes.count * nodes.gpusPerNode} without --pp-size, which needs a fast inter-node link (InfiniBand)`,
            'keep the nodes on a private network: the distributed traffic is not authenticated',
          ]
        : [`run on node ${rank}; port ${distPort} on ${headAddress} must be reachable`],
  }));
}
