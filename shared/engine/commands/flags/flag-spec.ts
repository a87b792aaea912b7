/**
 * One flag, environment variable, Modelfile parameter or config key a builder may emit, as the runtime's
 * own source defines it: the values it accepts, the versions that accept it, and where that is written
 * (repository, file, commit). The tables beside this file are written by us from each runtime's source;
 * the tests check every command the builders emit against them.
 */
import type { VersionedRuntime } from './runtime-version';

/** What a value must look like when it is not one of a fixed list. */
export type ValueKind =
  /** The flag takes no value. */
  | 'none'
  | 'int'
  | 'number'
  /** Any token (a name, a model id, an address). */
  | 'text'
  | 'path'
  | 'json'
  /** `host:port,host:port`. */
  | 'endpoints'
  /** `3,1` or `0.6/0.4`. */
  | 'proportions';

export interface FlagSpec {
  /** Accepted values, or the kind of value; in a list, `<int>` (any kind in angle brackets) stands for that kind. */
  readonly values: readonly string[] | ValueKind;
  /** First version that accepts it; null when every version we plan for does. */
  readonly since: string | null;
  /** Values that came later than the flag itself, with the first version that accepts each. */
  readonly valueSince?: Readonly<Record<string, string>>;
  /** Parts of a value (a JSON key, say) that came later than the flag, with the first version that takes each. */
  readonly partSince?: Readonly<Record<string, string>>;
  /** When the flag was a bare switch (no value) before it took values: the last version where it was. */
  readonly bareUntil?: string;
  /** Last version that accepts it, when it was removed. */
  readonly until?: string;
  /** Where it is defined: repository, file (line), commit, and the PR that added or changed it. */
  readonly ref: string;
}

/** A program a command runs, the runtime whose versions apply, and its flags. */
export interface ProgramSpec {
  readonly runtime: VersionedRuntime | null;
  /** First / last version that ships the program under this name. */
  readonly since: string | null;
  readonly until?: string;
  readonly ref: string;
  readonly flags: Readonly<Record<string, FlagSpec>>;
}

/** A table entry: the values, the first version that takes it, where that is written, and the rest. */
export const flag = (
  values: FlagSpec['values'],
  since: string | null,
  ref: string,
  extra: Partial<FlagSpec> = {},
): FlagSpec => ({ values, since, ref, ...extra });

const PATTERNS: Readonly<Record<Exclude<ValueKind, 'none' | 'text' | 'path' | 'json'>, RegExp>> = {
  int: /^-?\d+$/,
  number: /^-?\d+(\.\d+)?$/,
  endpoints: /^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/,
  proportions: /^\d+(\.\d+)?([,/]\d+(\.\d+)?)*$/,
};

/** Whether `value` is one the spec accepts. */
export function acceptsValue(spec: FlagSpec, value: string | undefined): boolean {
  const v = spec.values;
  if (v === 'none') return value === undefined;
  if (value === undefined) return spec.bareUntil !== undefined;
  if (Array.isArray(v))
    return v.some((x) => {
      const kind = /^<(\w+)>$/.exec(x)?.[1] as ValueKind | undefined;
      return kind ? acceptsValue({ ...spec, values: kind }, value) : x === value;
    });
  if (v === 'json') {
    try {
      JSON.parse(value);
      return true;
    } catch {
      return false;
    }
  }
  if (v === 'text' || v === 'path') return value.length > 0;
  return PATTERNS[v as keyof typeof PATTERNS].test(value);
}

/** Whether the flag takes a value after it. */
export const takesValue = (spec: FlagSpec): boolean => spec.values !== 'none';

/**
 * The value of the flag at `argv[i]`, and how many tokens it takes: none for a switch, or for a flag
 * written bare (`-fa` before b6325) when the next token is another flag or there is none.
 */
export function valueAt(spec: FlagSpec | undefined, argv: readonly string[], i: number): string | undefined {
  if (!spec || !takesValue(spec)) return undefined;
  const next = argv[i + 1];
  if (spec.bareUntil !== undefined && (next === undefined || next.startsWith('-'))) return undefined;
  return next;
}

/** What in `value` sets the version it needs beyond the flag's own: an exact value, or a part of it. */
export function valueRequirements(
  spec: FlagSpec,
  value: string | undefined,
): { what: string; since: string }[] {
  if (value === undefined) return [];
  const exact = spec.valueSince?.[value];
  const parts = Object.entries(spec.partSince ?? {})
    .filter(([part]) => value.includes(part))
    .map(([part, since]) => ({ what: part, since }));
  return [...(exact ? [{ what: value, since: exact }] : []), ...parts];
}
