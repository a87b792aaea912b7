/**
 * The flag tables as one: which program a command runs, what it passes (flags with their values,
 * environment variables, Modelfile parameters, config.yml keys), whether the runtime accepts each
 * (`problemsOf`, the check the tests run on every command), and the runtime versions the command needs
 * (`requirementOf`: the latest "since" and the earliest "until" among what it uses).
 */
import type { LaunchCommand } from '../command-types';
import { acceptsValue, valueAt, valueRequirements, type FlagSpec, type ProgramSpec } from './flag-spec';
import { GGML_RPC_SERVER, LLAMA_BENCH, LLAMA_ENV, LLAMA_SERVER, RPC_SERVER_OLD } from './llama-cpp-flags';
import {
  OLLAMA_CREATE,
  OLLAMA_ENV,
  OLLAMA_MODELFILE,
  OLLAMA_RUN,
  OLLAMA_SERVE,
  TABBY_EXL2_UNTIL,
  TABBY_KEYS,
  TABBY_MAIN,
} from './ollama-tabby-flags';
import { earlierOf, laterOf, versionLabel, type VersionedRuntime } from './runtime-version';
import {
  RAY_START,
  SGLANG_BENCH_SERVING,
  SGLANG_LAUNCH,
  VLLM_BENCH_SERVE,
  VLLM_BENCHMARK_SERVING_PY,
  VLLM_SERVE,
  VLLM_SGLANG_ENV,
} from './vllm-sglang-flags';

export const PROGRAMS = {
  'llama-server': LLAMA_SERVER,
  'llama-bench': LLAMA_BENCH,
  'vllm bench serve': VLLM_BENCH_SERVE,
  'benchmark_serving.py': VLLM_BENCHMARK_SERVING_PY,
  'sglang.benchmark.serving': SGLANG_BENCH_SERVING,
  'ggml-rpc-server': GGML_RPC_SERVER,
  'rpc-server': RPC_SERVER_OLD,
  'vllm serve': VLLM_SERVE,
  'ray start': RAY_START,
  sglang: SGLANG_LAUNCH,
  'ollama serve': OLLAMA_SERVE,
  'ollama create': OLLAMA_CREATE,
  'ollama run': OLLAMA_RUN,
  tabbyapi: TABBY_MAIN,
} as const satisfies Record<string, ProgramSpec>;

export type Program = keyof typeof PROGRAMS;

const DEVICE =
  'docs.nvidia.com/cuda/cuda-c-programming-guide (CUDA environment variables); rocm.docs.amd.com (GPU isolation: HIP_ / ROCR_VISIBLE_DEVICES)';
type EnvSpec = FlagSpec & { readonly runtime: VersionedRuntime | null };

/** Every environment variable a builder may set, with the runtime whose versions apply (null: any). */
export const ENV: Readonly<Record<string, EnvSpec>> = {
  CUDA_DEVICE_ORDER: { runtime: null, values: ['PCI_BUS_ID'], since: null, ref: DEVICE },
  CUDA_VISIBLE_DEVICES: { runtime: null, values: 'text', since: null, ref: DEVICE },
  HIP_VISIBLE_DEVICES: {
    runtime: null,
    values: 'text',
    since: null,
    ref: `${DEVICE}; vllm/platforms/rocm.py (a different CUDA_VISIBLE_DEVICES is an error since 0.17.0)`,
  },
  ROCR_VISIBLE_DEVICES: {
    runtime: null,
    values: 'text',
    since: null,
    ref: `${DEVICE}; ollama/ollama docs/gpu.mdx (AMD: ROCR_VISIBLE_DEVICES, indices or rocminfo UUIDs)`,
  },
  ...Object.fromEntries(
    Object.entries(LLAMA_ENV).map(([k, v]) => [k, { ...v, runtime: 'llama.cpp' as const }]),
  ),
  ...VLLM_SGLANG_ENV,
  ...Object.fromEntries(
    Object.entries(OLLAMA_ENV).map(([k, v]) => [k, { ...v, runtime: 'ollama' as const }]),
  ),
};

/** Which program an argv runs, and where its flags start; null when unknown. */
export function programOf(argv: readonly string[]): { program: Program; flagsFrom: number } | null {
  const [a, b, c] = argv;
  if (a === 'llama-server' || a === 'ggml-rpc-server' || a === 'rpc-server')
    return { program: a, flagsFrom: 1 };
  if (a === 'vllm' && b === 'serve') return { program: 'vllm serve', flagsFrom: 3 };
  if (a === 'llama-bench') return { program: 'llama-bench', flagsFrom: 1 };
  if (a === 'vllm' && b === 'bench' && c === 'serve') return { program: 'vllm bench serve', flagsFrom: 3 };
  if (a === 'python3' && b === 'benchmarks/benchmark_serving.py')
    return { program: 'benchmark_serving.py', flagsFrom: 2 };
  if (a === 'python3' && b === '-m' && c === 'sglang.benchmark.serving')
    return { program: 'sglang.benchmark.serving', flagsFrom: 3 };
  if (a === 'ray' && b === 'start') return { program: 'ray start', flagsFrom: 2 };
  if (a === 'python3' && b === '-m' && c === 'sglang.launch_server')
    return { program: 'sglang', flagsFrom: 3 };
  if (a === 'ollama' && b === 'serve') return { program: 'ollama serve', flagsFrom: 2 };
  if (a === 'ollama' && b === 'create') return { program: 'ollama create', flagsFrom: 3 };
  if (a === 'ollama' && b === 'run') return { program: 'ollama run', flagsFrom: 3 };
  if (a === 'python' && b === 'main.py') return { program: 'tabbyapi', flagsFrom: 2 };
  return null;
}

/** One thing a command passes: a flag, a variable, a parameter or a key, with its value and spec. */
export interface ArgUse {
  readonly kind: 'flag' | 'env' | 'param' | 'key';
  readonly name: string;
  readonly value: string | undefined;
  readonly spec: FlagSpec | undefined;
  /** The runtime whose versions apply. */
  readonly runtime: VersionedRuntime | null;
}

/** The flags of an argv with their values (`--port=6379` or `--port 6379`). */
function flagUses(argv: readonly string[], program: ProgramSpec, from: number): ArgUse[] {
  const out: ArgUse[] = [];
  for (let i = from; i < argv.length; i += 1) {
    const token = argv[i] as string;
    if (!token.startsWith('-')) continue;
    const [name, inline] = token.split(/=(.*)/s) as [string, string | undefined];
    const spec = program.flags[name];
    const following = inline === undefined ? valueAt(spec, argv, i) : undefined;
    if (following !== undefined) i += 1;
    const value = inline ?? following;
    out.push({ kind: 'flag', name, value, spec, runtime: program.runtime });
  }
  return out;
}

/** Modelfile `PARAMETER` lines and config.yml `section: / key: value` lines of the command's files. */
function fileUses(cmd: LaunchCommand): ArgUse[] {
  const out: ArgUse[] = [];
  for (const file of cmd.files ?? []) {
    if (file.name === 'Modelfile')
      for (const m of file.content.matchAll(/^PARAMETER (\S+) (.*)$/gm))
        out.push({
          kind: 'param',
          name: m[1] as string,
          value: m[2],
          spec: OLLAMA_MODELFILE[m[1] as string],
          runtime: 'ollama',
        });
    if (file.name !== 'config.yml') continue;
    let section = '';
    for (const line of file.content.split('\n')) {
      const top = /^(\w+):$/.exec(line);
      const key = /^ {2}(\w+): ?(.*)$/.exec(line);
      if (top) section = top[1] as string;
      else if (key) {
        const name = `${section}.${key[1]}`;
        out.push({
          kind: 'key',
          name,
          value: (key[2] ?? '').replace(/^"(.*)"$/, '$1'),
          spec: TABBY_KEYS[name],
          runtime: 'tabbyapi',
        });
      }
    }
  }
  return out;
}

/** Everything the command passes, each with its spec (undefined when the tables do not know it). */
export function usesOf(cmd: LaunchCommand): { program: Program | null; uses: ArgUse[] } {
  const found = programOf(cmd.argv);
  const flags = found ? flagUses(cmd.argv, PROGRAMS[found.program], found.flagsFrom) : [];
  const env = Object.entries(cmd.env).map(([name, value]): ArgUse => ({
    kind: 'env',
    name,
    value,
    spec: ENV[name],
    runtime: ENV[name]?.runtime ?? null,
  }));
  return { program: found?.program ?? null, uses: [...flags, ...env, ...fileUses(cmd)] };
}

/** What a command passes that the runtime would not take: unknown programs, names or values. */
export function problemsOf(cmd: LaunchCommand): string[] {
  const { program, uses } = usesOf(cmd);
  const out = program ? [] : [`program: ${cmd.argv.slice(0, 3).join(' ')}`];
  for (const u of uses) {
    if (!u.spec) out.push(`${u.kind} ${u.name}: not in the tables`);
    else if (!acceptsValue(u.spec, u.value))
      out.push(`${u.kind} ${u.name}: value ${JSON.stringify(u.value ?? null)} not accepted`);
  }
  return out;
}

/** The versions a command needs of its runtime, and which of its parts set the bounds. */
export interface Requirement {
  readonly runtime: VersionedRuntime;
  /** The oldest version that takes everything the command passes (null: any). */
  readonly min: string | null;
  /** The newest version that still does (null: any). */
  readonly max: string | null;
  /** What sets `min` and `max`: the flags, values or programs (`-ngl all`). */
  readonly because: readonly string[];
}

/** The first version that takes this use: the flag's own, or later for a value (or part of one) added since. */
const sinceOf = (u: ArgUse): string | null =>
  bare(u)
    ? null
    : (u.spec ? valueRequirements(u.spec, u.value) : []).reduce<string | null>(
        (m, r) => laterOf(u.runtime ?? 'llama.cpp', m, r.since),
        u.spec?.since ?? null,
      );

/** A flag written bare that takes a value today (`-fa` before b6325). */
const bare = (u: ArgUse): boolean =>
  u.kind === 'flag' && u.value === undefined && u.spec?.bareUntil !== undefined;

/** The last version that takes this use: a removed flag's, or a bare flag's last bare version. */
const untilOf = (u: ArgUse): string | null =>
  bare(u) ? (u.spec?.bareUntil ?? null) : (u.spec?.until ?? null);

/** How a use is named in "needs … because": the flag, with the value or part that sets the version. */
const nameOf = (u: ArgUse): string => {
  const extra = u.spec ? valueRequirements(u.spec, u.value) : [];
  return extra.length ? `${u.name} ${extra.map((r) => r.what).join(' ')}` : u.name;
};

/** The version bounds of the command's runtime (null for a command of no versioned runtime). */
export function requirementOf(cmd: LaunchCommand): Requirement | null {
  const { program, uses } = usesOf(cmd);
  const runtime = program ? PROGRAMS[program].runtime : null;
  if (!runtime || !program) return null;
  const spec: ProgramSpec = PROGRAMS[program];
  // Each part with the version it needs; the command needs the latest of them.
  const parts = [
    { what: program, since: spec.since },
    ...uses.filter((x) => x.runtime === runtime).map((u) => ({ what: nameOf(u), since: sinceOf(u) })),
  ];
  const min = parts.reduce<string | null>((m, p) => laterOf(runtime, m, p.since), null);
  const own = uses.filter((u) => u.runtime === runtime);
  let max = own.reduce<string | null>((m, u) => earlierOf(runtime, m, untilOf(u)), spec.until ?? null);
  const because = min ? [...new Set(parts.filter((p) => p.since === min).map((p) => p.what))] : [];
  for (const u of own.filter((x) => untilOf(x) !== null && untilOf(x) === max))
    because.push(bare(u) ? `${u.name} without a value` : u.name);
  const exl2 = uses.some((u) => u.name === 'model.backend' && u.value === 'exllamav2');
  if (runtime === 'tabbyapi' && exl2) {
    max = earlierOf(runtime, max, TABBY_EXL2_UNTIL);
    because.push('backend: exllamav2 (the exl2-checkpoint branch, 2026-06-27, or older)');
  }
  return { runtime, min, max, because };
}

const RUNTIME_LABELS: Readonly<Record<VersionedRuntime, string>> = {
  'llama.cpp': 'llama.cpp',
  vllm: 'vLLM',
  sglang: 'SGLang',
  ollama: 'Ollama',
  tabbyapi: 'TabbyAPI',
};

/** "needs llama.cpp b7553 or newer (-ngl all)", or null when any version takes the command. */
export function requirementText(r: Requirement): string | null {
  const range = [
    ...(r.min ? [`${versionLabel(r.runtime, r.min)} or newer`] : []),
    ...(r.max ? [`${versionLabel(r.runtime, r.max)} or older`] : []),
  ];
  if (range.length === 0) return null;
  return `needs ${RUNTIME_LABELS[r.runtime]} ${range.join(' and ')}${r.because.length ? ` (${r.because.join('; ')})` : ''}`;
}
