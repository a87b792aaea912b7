/**
 * A command for the runtime version the user has: what their version lacks is replaced by the older
 * spelling where there is one (`-ngl 999` for `-ngl all` before b7553, a bare `-fa` before b6325,
 * `-ot` for `--n-cpu-moe` before b6089, `rpc-server` before b9824), or left out — never emitted
 * silently: each change is a note on the command.
 */
import type { LaunchCommand } from '../command-types';
import { valueAt, valueRequirements } from './flag-spec';
import { ENV, PROGRAMS, programOf } from './index';
import {
  atLeast,
  atMost,
  laterOf,
  versionLabel,
  type RuntimeVersions,
  type VersionedRuntime,
} from './runtime-version';

/** What to pass instead of `flag value` on an older version: new tokens (empty = nothing), and why. */
type Fallback = (value: string | undefined) => { readonly tokens: readonly string[]; readonly note: string };

/** `blk\.(0|1|2)\.ffn_.*_exps\.=CPU`: the experts of the first n layers on the CPU, as `-ot` writes it. */
const expertsOnCpu = (n: number): string =>
  `blk\\.(${Array.from({ length: n }, (_, i) => i).join('|')})\\.ffn_.*_exps\\.=CPU`;

const FALLBACKS: Readonly<Record<string, Fallback>> = {
  'llama-server -ngl': (v) =>
    v === 'all'
      ? { tokens: ['-ngl', '999'], note: '-ngl 999 stands for all layers (`-ngl all` needs b7553)' }
      : {
          tokens: [],
          note: '-ngl auto left out: before b7553 the default already offloads every layer it can',
        },
  'llama-server -fa': (v) =>
    v === 'on'
      ? { tokens: ['-fa'], note: 'a bare -fa turns flash attention on (it takes on/off/auto from b6325)' }
      : { tokens: [], note: `-fa ${v} left out: before b6325 flash attention is off unless -fa is given` },
  'llama-server --fit': () => ({
    tokens: [],
    note: '--fit left out: builds before b7407 do not re-fit the plan',
  }),
  'llama-server --n-cpu-moe': (v) => ({
    tokens: ['-ot', expertsOnCpu(Number(v))],
    note: `-ot keeps the experts of the first ${v} layers on the CPU (--n-cpu-moe needs b6089)`,
  }),
  'llama-server -sm': (v) => ({
    tokens: ['-sm', 'layer'],
    note: `-sm ${v} needs a newer build (tensor mode: b8738): a layer split instead, which the plan times lower`,
  }),
};

/**
 * Values whose shape changed while the flag stayed: rewritten for versions before the change. vLLM's
 * `--hf-overrides` takes `rope_parameters` from 0.12.0 and `rope_scaling` before (PR #28542).
 */
const REWRITES: Readonly<
  Record<
    string,
    (value: string, runtime: VersionedRuntime, version: string) => { value: string; note: string } | null
  >
> = {
  'vllm serve --hf-overrides': (value, runtime, version) => {
    if (atLeast(runtime, version, '0.12.0') || !value.includes('"rope_parameters"')) return null;
    return {
      value: value.replace('"rope_parameters"', '"rope_scaling"'),
      note: '--hf-overrides uses the rope_scaling key: vLLM before 0.12.0 does not know rope_parameters',
    };
  },
};

const label = (r: VersionedRuntime, v: string | null) => (v ? versionLabel(r, v) : '?');

/**
 * The program as this version ships it, as the tokens before its flags: the RPC worker was renamed in
 * b9824; `vllm bench serve` (0.8.0) was `benchmarks/benchmark_serving.py` in the source tree before.
 */
function programFor(
  argv: readonly string[],
  found: { program: string; flagsFrom: number },
  runtime: VersionedRuntime,
  version: string,
): { prefix: string[]; note: string | null } {
  if (argv[0] === 'ggml-rpc-server' && !atLeast(runtime, version, PROGRAMS['ggml-rpc-server'].since ?? ''))
    return { prefix: ['rpc-server'], note: 'rpc-server: the worker is named ggml-rpc-server from b9824' };
  if (
    found.program === 'vllm bench serve' &&
    !atLeast(runtime, version, PROGRAMS['vllm bench serve'].since ?? '')
  )
    return {
      prefix: ['python3', 'benchmarks/benchmark_serving.py', '--backend', 'vllm'],
      note: 'vLLM before 0.8.0 has no `vllm bench`: run benchmarks/benchmark_serving.py from a source checkout of your version',
    };
  return { prefix: argv.slice(0, found.flagsFrom), note: null };
}

/** The flags of `argv` rewritten for `version`, with a note for every change. */
function adaptArgv(
  cmd: LaunchCommand,
  runtime: VersionedRuntime,
  version: string,
): { argv: string[]; notes: string[]; gone: string[] } {
  const found = programOf(cmd.argv);
  if (!found) return { argv: [...cmd.argv], notes: [], gone: [] };
  const renamed = programFor(cmd.argv, found, runtime, version);
  const argv = [...renamed.prefix];
  // Flags are read against the program the version runs (the older script's own table).
  const program = PROGRAMS[programOf(argv)?.program ?? found.program];
  const notes = renamed.note ? [renamed.note] : [];
  // Flags (with their values) the version does not get as written: notes about them no longer apply.
  const gone: string[] = [];
  for (let i = found.flagsFrom; i < cmd.argv.length; i += 1) {
    const name = cmd.argv[i] as string;
    const spec = program.flags[name];
    const value = valueAt(spec, cmd.argv, i);
    const tokens = value !== undefined ? [name, value] : [name];
    if (value !== undefined) i += 1;
    // A value whose shape changed is rewritten first; what it still needs is checked after.
    const rewrite =
      value !== undefined ? REWRITES[`${found.program} ${name}`]?.(value, runtime, version) : null;
    if (rewrite) notes.push(rewrite.note);
    const given = rewrite ? rewrite.value : value;
    const since = spec
      ? valueRequirements(spec, given).reduce<string | null>(
          (m, r) => laterOf(runtime, m, r.since),
          spec.since,
        )
      : null;
    if (!spec || !since || atLeast(runtime, version, since)) {
      argv.push(...(rewrite ? [name, rewrite.value] : tokens));
      continue;
    }
    const fallback = FALLBACKS[`${found.program} ${name}`]?.(value);
    // A bare switch in place of `-fa on` still does what the notes say; a dropped or changed value does not.
    const same =
      fallback?.tokens[0] === name && (fallback.tokens[1] === undefined || fallback.tokens[1] === value);
    if (!same) gone.push(tokens.join(' '));
    if (fallback) {
      argv.push(...fallback.tokens);
      notes.push(fallback.note);
    } else
      notes.push(
        `${tokens.join(' ')} left out: it needs ${label(runtime, since)} and you have ${label(runtime, version)}`,
      );
  }
  return { argv, notes, gone };
}

/** Whether a builder's note is about one of these flags (it starts with the flag, in backticks or not). */
const about = (note: string, flags: readonly string[]): boolean =>
  flags.some((f) => note.startsWith(f) || note.startsWith(`\`${f}\``));

/** The environment without what this version does not read, and a note for each. */
function adaptEnv(
  cmd: LaunchCommand,
  versions: RuntimeVersions,
): { env: Record<string, string>; notes: string[] } {
  const env: Record<string, string> = {};
  const notes: string[] = [];
  for (const [name, value] of Object.entries(cmd.env)) {
    const spec = ENV[name];
    const runtime = spec?.runtime ?? null;
    const version = runtime ? versions[runtime] : undefined;
    if (!spec?.since || !runtime || atLeast(runtime, version, spec.since)) env[name] = value;
    else
      notes.push(
        `${name} left out: ${runtime} reads it from ${label(runtime, spec.since)} and you have ${label(runtime, version ?? null)}`,
      );
  }
  return { env, notes };
}

/** The command as the user's version of its runtime takes it (unchanged without a version for it). */
export function adaptToVersion(cmd: LaunchCommand, versions: RuntimeVersions): LaunchCommand {
  const found = programOf(cmd.argv);
  const runtime = found ? PROGRAMS[found.program].runtime : null;
  const version = runtime ? versions[runtime] : undefined;
  const env = adaptEnv(cmd, versions);
  if (!runtime || version === undefined)
    return env.notes.length ? { ...cmd, env: env.env, notes: [...cmd.notes, ...env.notes] } : cmd;
  const args = adaptArgv(cmd, runtime, version);
  const tabby =
    runtime === 'tabbyapi' &&
    cmd.files?.some((f) => /backend: exllamav2/.test(f.content)) &&
    !atMost(runtime, version, '2026-06-27')
      ? [
          `your TabbyAPI (${version}) no longer loads EXL2: check out the exl2-checkpoint branch, or use an EXL3 quant`,
        ]
      : [];
  return {
    ...cmd,
    argv: args.argv,
    env: env.env,
    notes: [...cmd.notes.filter((n) => !about(n, args.gone)), ...args.notes, ...env.notes, ...tabby],
  };
}
