/**
 * llama.cpp over several hosts with its RPC backend (tools/rpc/README.md): `rpc-server` on each
 * worker host, `llama-server … --rpc host:port,…` on the head. Both sides need a build with
 * `-DGGML_RPC=ON`. rpc-server flags (tools/rpc/rpc-server.cpp print_usage): `-H/--host` (default
 * 127.0.0.1), `-p/--port` (default 50052), `-c/--cache` (local tensor cache).
 */
import { buildLlamaCppCommand } from './build-llama-cpp-command';
import type { CommandInput, LaunchCommand } from './command-types';

export const RPC_DEFAULT_PORT = 50052;

export interface RpcWorker {
  /** Address the head uses to reach this host (IP or host name). */
  readonly address: string;
  readonly port?: number;
  /** `-c`: cache large tensors on the worker's disk so reloads skip the network. */
  readonly cache?: boolean;
  /** GPUs of that host to expose, as nvidia-smi numbers them; all when absent. */
  readonly gpuIndices?: readonly number[];
}

const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+:[0-9a-fA-F:]*)$/;

const BUILD_NOTE =
  'build llama.cpp with -DGGML_RPC=ON on this host and on the head (tools/rpc/README.md), the same build on both (the protocol refuses a mismatch); the worker is ggml-rpc-server from b9824, rpc-server before';

const SECURITY =
  'the RPC backend is a proof of concept, "fragile and insecure": never run rpc-server on an open network or in a sensitive environment (tools/rpc/README.md) — bind it to a private LAN address and firewall the port to the head';

/**
 * Bind address: the worker's own IP (or `<placeholder>`) when given as one, so it does not listen on
 * every interface; else 0.0.0.0 with a note.
 */
function bindAddress(worker: RpcWorker): { host: string; notes: string[] } {
  if (IP_LITERAL.test(worker.address) || /^<[^>]*>$/.test(worker.address))
    return { host: worker.address, notes: [] };
  return {
    host: '0.0.0.0',
    notes: [
      `${worker.address} is a host name, so rpc-server listens on every interface; replace 0.0.0.0 with its LAN IP`,
    ],
  };
}

function workerCommand(worker: RpcWorker): LaunchCommand {
  const bind = bindAddress(worker);
  const port = worker.port ?? RPC_DEFAULT_PORT;
  const env: Record<string, string> = { CUDA_DEVICE_ORDER: 'PCI_BUS_ID' };
  if (worker.gpuIndices?.length) env.CUDA_VISIBLE_DEVICES = worker.gpuIndices.join(',');
  return {
    runtime: 'llama.cpp-rpc',
    role: 'worker',
    title: `rpc-server on ${worker.address}`,
    argv: ['ggml-rpc-server', '-H', bind.host, '-p', String(port), ...(worker.cache ? ['-c'] : [])],
    env,
    notes: [
      SECURITY,
      BUILD_NOTE,
      ...bind.notes,
      ...(worker.cache
        ? []
        : ['add -c to cache large tensors on this host (faster reloads; LLAMA_CACHE sets the folder)']),
    ],
  };
}

/**
 * `rpc-server` per worker plus the head's `llama-server --rpc …`. No `--tensor-split` is pinned: the
 * device list mixes local and remote devices, and llama.cpp splits in proportion to each device's
 * free memory by default.
 */
export function buildLlamaRpcCommands(input: CommandInput, workers: readonly RpcWorker[]): LaunchCommand[] {
  const endpoints = workers.map((w) => `${w.address}:${w.port ?? RPC_DEFAULT_PORT}`);
  const head = buildLlamaCppCommand(input, { rpc: endpoints });
  return [
    ...workers.map(workerCommand),
    {
      ...head,
      runtime: 'llama.cpp-rpc',
      notes: [
        ...head.notes,
        SECURITY,
        'this llama-server must be built with -DGGML_RPC=ON too, from the same llama.cpp build as the workers (tools/rpc/README.md); without it --rpc is an unknown argument',
        'start every worker first; run the same command with --list-devices to see the device order before pinning --tensor-split (it then follows that order)',
        'the model file is read on the head and sent to the workers over the network: the first load takes a while without -c on the workers',
      ],
    },
  ];
}
