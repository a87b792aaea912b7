/**
 * llama.cpp's `llama-server` and RPC worker flags the builders emit, from the source at ggml-org/llama.cpp
 * master 3f545bec (2026-08-22, build b10587; read through ngxson/llama.cpp, whose HEAD is upstream).
 * A build number is the commit count on master; "since" is the first build with the change.
 */
import { flag, type FlagSpec, type ProgramSpec } from './flag-spec';

const ARG = 'ggml-org/llama.cpp common/arg.cpp@3f545bec';
const RPC = 'ggml-org/llama.cpp tools/rpc/rpc-server.cpp@3f545bec';
const KV_TYPES = ['f32', 'f16', 'bf16', 'q8_0', 'q4_0', 'q4_1', 'iq4_nl', 'q5_0', 'q5_1'];

export const LLAMA_SERVER: ProgramSpec = {
  runtime: 'llama.cpp',
  since: 'b3142',
  ref: 'ggml-org/llama.cpp PR #7809 (the binary named llama-server; `server` before)',
  flags: {
    '-m': flag('path', null, `${ARG}:3009 -m, --model`),
    '-ngl': flag(
      ['<int>', 'auto', 'all'],
      null,
      `${ARG}:2763 -ngl N|auto|all; the strings since b7553 (PR #18266)`,
      {
        valueSince: { auto: 'b7553', all: 'b7553' },
      },
    ),
    '-c': flag('int', null, `${ARG}:1636 -c, --ctx-size (0 = the model's trained context)`),
    '-np': flag(
      'int',
      null,
      `${ARG}:2533 -np, --parallel (server default auto = 4 slots sharing the KV cache since b7433, PR #17997; an explicit -np N is respected from b7433)`,
    ),
    '-sm': flag(['none', 'layer', 'row', 'tensor'], null, `${ARG}:2781 -sm, --split-mode`, {
      valueSince: { tensor: 'b8738' },
    }),
    '-ts': flag('proportions', null, `${ARG}:2805 -ts, --tensor-split (split on [,/])`),
    '-mg': flag('int', null, `${ARG}:2832 -mg, --main-gpu`),
    '-fa': flag(
      ['on', 'off', 'auto'],
      'b6325',
      `${ARG}:1743 -fa, --flash-attn on|off|auto, default auto (PR #15434; a bare switch before b6325)`,
      { bareUntil: 'b6324' },
    ),
    '-ctk': flag(KV_TYPES, null, `${ARG}:2426 -ctk, --cache-type-k`),
    '-ctv': flag(
      KV_TYPES,
      null,
      `${ARG}:2439 -ctv, --cache-type-v (quantized V needs flash attention: src/llama-context.cpp)`,
    ),
    '-ub': flag('int', null, `${ARG}:1665 -ub, --ubatch-size`),
    '-nkvo': flag('none', null, `${ARG}:2404 -nkvo, --no-kv-offload`),
    '--n-cpu-moe': flag('int', 'b6089', `${ARG}:2747 -ncmoe, --n-cpu-moe (PR #15077)`),
    '--fit': flag(['on', 'off'], 'b7407', `${ARG}:2842 -fit, --fit on|off, default on (PR #16653)`),
    '--rpc': flag(
      'endpoints',
      'b2877',
      `${ARG}:2649 --rpc host:port,… (PR #6829; RPC devices first since b3664, PR #9296)`,
    ),
    '--host': flag('text', null, `${ARG}:3288 --host (default 127.0.0.1)`),
    '--port': flag('int', null, `${ARG}:3295 --port (default 8080)`),
    '--rope-scaling': flag(['none', 'linear', 'yarn'], 'b1462', `${ARG}:2323 --rope-scaling (PR #2268)`),
    '--rope-scale': flag('number', 'b964', `${ARG}:2333 --rope-scale (PR #2544)`),
    '--yarn-orig-ctx': flag('int', 'b1462', `${ARG}:2354 --yarn-orig-ctx`),
    '--override-kv': flag(
      'text',
      null,
      `${ARG} --override-kv KEY=TYPE:VALUE (the server caps each slot at the trained context since b6925; overriding <arch>.context_length lifts it)`,
    ),
    '-ot': flag('text', 'b5050', `${ARG} -ot, --override-tensor <regex>=<buffer type>`),
  },
};

const rpcFlags: ProgramSpec['flags'] = {
  '-H': flag('text', 'b2901', `${RPC}:173 -H, --host (default 127.0.0.1)`),
  '-p': flag('int', 'b2901', `${RPC}:178 -p, --port (default 50052)`),
  '-c': flag('none', 'b4981', `${RPC}:183 -c, --cache (PR #12496)`),
};

/** The RPC worker, renamed in b9824 (PR #25045, no alias kept): `ggml-rpc-server` now, `rpc-server` before. */
export const GGML_RPC_SERVER: ProgramSpec = {
  runtime: 'llama.cpp',
  since: 'b9824',
  ref: 'ggml-org/llama.cpp tools/rpc/CMakeLists.txt set(TARGET ggml-rpc-server) (PR #25045)',
  flags: rpcFlags,
};

export const RPC_SERVER_OLD: ProgramSpec = {
  runtime: 'llama.cpp',
  since: 'b2877',
  until: 'b9823',
  ref: 'ggml-org/llama.cpp tools/rpc (rpc-server until b9823, PR #25045 renamed it)',
  flags: rpcFlags,
};

/** Environment variables llama.cpp reads that the builders set. */
export const LLAMA_ENV: Readonly<Record<string, FlagSpec>> = {
  GGML_CUDA_P2P: flag(['1'], 'b8804', 'ggml-org/llama.cpp PR #21910 (opt-in peer-to-peer copies)'),
};

const BENCH = 'ggml-org/llama.cpp tools/llama-bench/llama-bench.cpp@3f545bec';

/** `llama-bench`: the measurement the plan's benchmark command runs (values may be comma lists: one test each). */
export const LLAMA_BENCH: ProgramSpec = {
  runtime: 'llama.cpp',
  since: null,
  ref: `${BENCH} (tools/llama-bench; examples/llama-bench before)`,
  flags: {
    '-m': flag('path', null, `${BENCH}:545 -m, --model`),
    '-ngl': flag('int', null, `${BENCH} -ngl, --n-gpu-layers`),
    '-ncmoe': flag('int', 'b6490', `${BENCH}:710 -ncmoe, --n-cpu-moe (PR #15952)`),
    '-sm': flag(['none', 'layer', 'row', 'tensor'], null, `${BENCH}:729 -sm, --split-mode`, {
      valueSince: { tensor: 'b8738' },
    }),
    '-ts': flag('proportions', null, `${BENCH}:903 -ts, --tensor-split (shares joined by /)`),
    '-ctk': flag(KV_TYPES, null, `${BENCH}:614 -ctk, --cache-type-k`),
    '-ctv': flag(KV_TYPES, null, `${BENCH} -ctv, --cache-type-v`),
    '-fa': flag(
      ['0', '1', 'on', 'off', 'auto'],
      null,
      `${BENCH}:818 -fa, --flash-attn (on/off/auto since b9437, PR #23714; 0/1 always)`,
      {
        valueSince: { on: 'b9437', off: 'b9437', auto: 'b9437' },
      },
    ),
    '-ub': flag('int', null, `${BENCH}:607 -ub, --ubatch-size`),
    '-p': flag('text', null, `${BENCH} -p, --n-prompt (comma list)`),
    '-n': flag('text', null, `${BENCH} -n, --n-gen (comma list)`),
    '-d': flag('text', 'b5212', `${BENCH}:593 -d, --n-depth (comma list; PR #13096)`),
    '-o': flag(['md', 'csv', 'json', 'jsonl', 'sql'], null, `${BENCH}:1025 -o, --output`),
  },
};
