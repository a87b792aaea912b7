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
import { renderBash, renderPowerShell } from './render-shell';

/** A multi-node layout with the addresses the commands need. */
export interface ClusterOptions extends NodeLayout {
  /** Address of the head node (this machine), as the others reach it. */
  headAddress: string;
  /** Addresses of the other nodes; placeholders are used when absent. */
  workerAddresses?: string[];
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

/** The command with its bash and PowerShell text. */
export function withRenderings(cmd: LaunchCommand): RenderedCommand {
  return { ...cmd, bash: renderBash(cmd), powershell: renderPowerShell(cmd) };
}

/** Multi-node commands: Ray + vLLM, SGLang ranks, and llama.cpp RPC workers + head. */
function clusterCommands(input: CommandInput, nodes: ClusterOptions): LaunchCommand[] {
  const given = nodes.workerAddresses ?? [];
  const workers = Array.from(
    { length: Math.max(1, nodes.count - 1) },
    (_, i) => given[i] ?? `<worker-${i + 1}-ip>`,
  );
  return [
    ...buildVllmMultiNode(input, nodes, nodes.headAddress, given),
    ...buildSglangMultiNode(input, nodes, nodes.headAddress),
    ...buildLlamaRpcCommands(
      input,
      workers.map((address) => ({ address })),
    ),
  ];
}

/**
 * Launch commands for `strategy` (one of `result.strategies`) in every runtime. A runtime that
 * cannot load this model or quantization still gets its command, with a note saying what to change.
 */
export function buildCommands(
  result: PlanResult,
  strategy: Strategy,
  model: EngineModel,
  options: BuildOptions = {},
): RenderedCommand[] {
  const { nodes, ...common } = options;
  const input: CommandInput = { strategy, model, ctx: result.ctx, options: common };
  const order = [strategy.runtime, ...RUNTIMES.filter((r) => r !== strategy.runtime)];
  const commands = order.flatMap((runtime) => BUILDERS[runtime](input));
  if (nodes) commands.push(...clusterCommands(input, nodes));
  return commands.map(withRenderings);
}
