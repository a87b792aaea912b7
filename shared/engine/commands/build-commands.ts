/**
 * Every runtime's launch command for one planned strategy: llama.cpp, vLLM, Ollama, SGLang and
 * ExLlamaV2 (TabbyAPI), the strategy's own runtime first, then — when nodes are given — vLLM over
 * Ray, SGLang multi-node and llama.cpp RPC. Each comes with its bash and PowerShell rendering.
 */
import type { EngineModel } from '../../model-import/model-weights';
import { RUNTIMES, type PlanResult, type Runtime, type Strategy } from '../planner/plan-types';
import { buildExllamav2Command } from './build-exllamav2-command';
import { buildLlamaCppCommand } from './build-llama-cpp-command';
import { buildLlamaRpcCommands } from './build-llama-rpc-command';
import { buildOllamaCommands } from './build-ollama-command';
import { buildSglangCommand, buildSglangMultiNode } from './build-sglang-command';
import { buildVllmCommand, buildVllmMultiNode } from './build-vllm-command';
import type {
  CommandInput,
  CommandOptions,
  LaunchCommand,
  NodeLayout,
  RenderedCommand,
} from './command-types';
import { requirementOf } from './flags';
import { adaptToVersion } from './flags/adapt';
import type { RuntimeVersions } from './flags/runtime-version';
import { renderBash, renderPowerShell } from './render-shell';

/** A multi-node layout with the addresses the commands need. */
export interface ClusterOptions extends NodeLayout {
  /** Address of the head node (this machine), as the others reach it. */
  headAddress: string;
  /** Addresses of the other nodes; placeholders are used when absent. */
  workerAddresses?: string[];
  /** Each other node's GPUs as that node numbers them (for its `CUDA_VISIBLE_DEVICES`); all when absent. */
  workerGpus?: number[][];
}

export interface BuildOptions extends CommandOptions {
  /** Also emit multi-node commands (vLLM + Ray, SGLang, llama.cpp RPC). */
  nodes?: ClusterOptions;
}

const BUILDERS: Readonly<Record<Runtime, (input: CommandInput) => LaunchCommand[]>> = {
  'llama.cpp': (input) => [buildLlamaCppCommand(input)],
  vllm: (input) => [buildVllmCommand(input)],
  ollama: buildOllamaCommands,
  sglang: (input) => [buildSglangCommand(input)],
  exllamav2: (input) => [buildExllamav2Command(input)],
};

/**
 * The command as the user's runtime version takes it, with its bash and PowerShell text and the
 * versions it needs.
 */
export function withRenderings(built: LaunchCommand, versions: RuntimeVersions = {}): RenderedCommand {
  const cmd = adaptToVersion(built, versions);
  const requires = requirementOf(cmd);
  return {
    ...cmd,
    bash: renderBash(cmd),
    powershell: renderPowerShell(cmd),
    ...(requires ? { requires } : {}),
  };
}

/** Multi-node commands for the strategy's runtime: Ray + vLLM, SGLang ranks, or llama.cpp RPC workers + head. */
function clusterCommands(input: CommandInput, nodes: ClusterOptions): LaunchCommand[] {
  const given = nodes.workerAddresses ?? [];
  const workers = Array.from({ length: Math.max(1, nodes.count - 1) }, (_, i) => ({
    address: given[i] ?? `<worker-${i + 1}-ip>`,
    ...(nodes.workerGpus?.[i] ? { gpuIndices: nodes.workerGpus[i] } : {}),
  }));
  const runtime = input.strategy.runtime;
  if (runtime === 'vllm') return buildVllmMultiNode(input, nodes, nodes.headAddress, given);
  if (runtime === 'sglang') return buildSglangMultiNode(input, nodes, nodes.headAddress);
  return buildLlamaRpcCommands(input, workers);
}

/**
 * Launch commands for `strategy` (one of `result.strategies`) in every runtime. A runtime that
 * cannot load this model or quantization still gets its command, with a note saying what to change.
 * A strategy over several machines (`nodes`) gets its runtime's head and worker commands only: the
 * single-machine commands would name GPUs of other machines.
 */
export function buildCommands(
  result: PlanResult,
  strategy: Strategy,
  model: EngineModel,
  options: BuildOptions = {},
): RenderedCommand[] {
  const { nodes, ...common } = options;
  const input: CommandInput = { strategy, model, ctx: result.ctx, options: common };
  const render = (cmd: LaunchCommand) => withRenderings(cmd, common.versions);
  if (nodes) return clusterCommands(input, nodes).map(render);
  const order = [strategy.runtime, ...RUNTIMES.filter((r) => r !== strategy.runtime)];
  return order.flatMap((runtime) => BUILDERS[runtime](input)).map(render);
}
