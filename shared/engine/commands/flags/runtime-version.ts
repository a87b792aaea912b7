/**
 * Runtime versions as their users name them: llama.cpp builds (`b7553`, the commit count on master),
 * vLLM / SGLang / Ollama releases (`0.20.1`, `v0.5.4.post2`), and TabbyAPI, which has no releases, by the
 * date of its commit (`2026-07-14`; `exl2-checkpoint` is the last commit before the ExLlamaV2 removal).
 * Each parses to numbers that compare in release order.
 */

export const VERSIONED_RUNTIMES = ['llama.cpp', 'vllm', 'sglang', 'ollama', 'tabbyapi'] as const;
export type VersionedRuntime = (typeof VERSIONED_RUNTIMES)[number];

/** The version a user runs, per runtime (as typed: `b6000`, `0.24.0`, `2026-06-27`). */
export type RuntimeVersions = Partial<Readonly<Record<VersionedRuntime, string>>>;

/** TabbyAPI's `exl2-checkpoint` branch: its last commit, 79126f9, dated 2026-06-27. */
const TABBY_ALIASES: Readonly<Record<string, string>> = { 'exl2-checkpoint': '2026-06-27' };

/**
 * The comparable parts of a version, or null when it is not one this runtime uses: `[7553]` for a
 * llama.cpp build, `[0, 5, 4, 2]` for SGLang `0.5.4.post2`, `[2026, 7, 14]` for a TabbyAPI date.
 */
export function parseVersion(runtime: VersionedRuntime, text: string): number[] | null {
  const t = text.trim().toLowerCase();
  if (runtime === 'llama.cpp') {
    const m = /^b?(\d{1,6})$/.exec(t);
    return m ? [Number(m[1])] : null;
  }
  if (runtime === 'tabbyapi') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(TABBY_ALIASES[t] ?? t);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
  }
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:\.?post(\d+))?(?:[-.]?rc\d+)?$/.exec(t);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)] : null;
}

/** Negative when a < b, zero when equal, positive when a > b (missing parts count as 0). */
export function compareParts(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `version` is at least `since` (both as this runtime writes them); unknown versions count as new enough. */
export function atLeast(runtime: VersionedRuntime, version: string | undefined, since: string): boolean {
  if (version === undefined) return true;
  const v = parseVersion(runtime, version);
  const s = parseVersion(runtime, since);
  return !v || !s || compareParts(v, s) >= 0;
}

/** Whether `version` is at most `until`. */
export function atMost(runtime: VersionedRuntime, version: string | undefined, until: string): boolean {
  if (version === undefined) return true;
  const v = parseVersion(runtime, version);
  const u = parseVersion(runtime, until);
  return !v || !u || compareParts(v, u) <= 0;
}

/** The later of two versions (by this runtime's order). */
export function laterOf(runtime: VersionedRuntime, a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  const pa = parseVersion(runtime, a);
  const pb = parseVersion(runtime, b);
  if (!pa || !pb) return a;
  return compareParts(pa, pb) >= 0 ? a : b;
}

/** The earlier of two versions. */
export function earlierOf(runtime: VersionedRuntime, a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return laterOf(runtime, a, b) === a ? b : a;
}

/** How each runtime tells its version (for the checklist's verify step). */
export const VERSION_COMMANDS: Readonly<Record<VersionedRuntime, string>> = {
  'llama.cpp': 'llama-server --version',
  vllm: 'vllm --version',
  sglang: 'python3 -c "import sglang; print(sglang.__version__)"',
  ollama: 'ollama --version',
  tabbyapi: 'git -C tabbyAPI log -1 --format=%cs',
};

/** `b7553`, `0.20.0`: a version in the form the tables and messages use. */
export const versionLabel = (runtime: VersionedRuntime, v: string): string =>
  runtime === 'llama.cpp' && /^\d+$/.test(v) ? `b${v}` : v;

const RUNTIME_NAMES: Readonly<Record<string, VersionedRuntime>> = {
  'llama.cpp': 'llama.cpp',
  llamacpp: 'llama.cpp',
  'llama-server': 'llama.cpp',
  vllm: 'vllm',
  sglang: 'sglang',
  ollama: 'ollama',
  tabbyapi: 'tabbyapi',
  tabby: 'tabbyapi',
};

/** An example of each runtime's version spelling, for messages and placeholders. */
export const VERSION_EXAMPLES: Readonly<Record<VersionedRuntime, string>> = {
  'llama.cpp': 'b6000',
  vllm: '0.11.0',
  sglang: '0.5.4',
  ollama: '0.12.0',
  tabbyapi: '2026-06-27',
};

/**
 * `llama.cpp=b6000` → the runtime and its version, or why not (`--runtime-version` and the UI field).
 * Versions are checked against the runtime's own spelling so a typo is an error, not a silent "new enough".
 */
export function parseRuntimeVersion(
  text: string,
): { runtime: VersionedRuntime; version: string } | { error: string } {
  const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(text);
  const runtime = m ? RUNTIME_NAMES[(m[1] as string).toLowerCase()] : undefined;
  if (!m || !runtime)
    return {
      error: `"${text}" is not RUNTIME=VERSION with RUNTIME one of ${VERSIONED_RUNTIMES.join(', ')} (e.g. llama.cpp=b6000, vllm=0.11.0)`,
    };
  const version = m[2] as string;
  if (!parseVersion(runtime, version))
    return { error: `"${version}" is not a ${runtime} version (e.g. ${VERSION_EXAMPLES[runtime]})` };
  return { runtime, version };
}
