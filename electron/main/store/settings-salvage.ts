/**
 * Reads the settings file before conf / electron-store does, and keeps what it can: each part (the
 * notes, each saved machine) is checked on its own, so one bad part costs only itself. What is not
 * kept is returned with the reason, for the caller to keep beside the file. Never throws: every
 * failure becomes a state with a reason in words.
 */
import { formatMiB, salvageSavedMachines } from '@shared/settings/saved-machine';
import { EMPTY_USER_NOTES, userNotesSchema } from '@shared/settings/settings-schema';
import { describeFileError, type SettingsFiles } from './settings-files';
import { MAX_SETTINGS_CHARS } from './settings-limits';

/**
 * Largest file read at all, bytes. conf writes it tab-indented, ~1.5× its compact JSON on the
 * capture fixtures; a file past 4× the limit was not written by this version and is not parsed.
 */
export const MAX_SETTINGS_FILE_BYTES = 4 * MAX_SETTINGS_CHARS;

/** A part of the settings file that was not loaded: its place, why, and its value as stored. */
export interface RejectedPart {
  /** `notes`, `machines` or `machines[3]`. */
  readonly part: string;
  readonly reason: string;
  readonly value: unknown;
}

export interface SalvagedSettings {
  /** The file's content with each rejected part replaced by its default. */
  readonly data: Record<string, unknown>;
  /** How many machines the file listed (to say "2 of your 4"). */
  readonly storedMachineCount: number;
  readonly rejected: readonly RejectedPart[];
  /** Whether `data` differs from the file, which then needs rewriting before conf opens it. */
  readonly changed: boolean;
}

export type SettingsFileState =
  | { readonly kind: 'absent' }
  /** Reading failed (permission, a folder in its place, a disk error): the file is left alone. */
  | { readonly kind: 'unreadable'; readonly reason: string }
  /** Read, but nothing in it can be used (not JSON, not an object, far too large): moved aside whole. */
  | { readonly kind: 'corrupt'; readonly reason: string }
  | { readonly kind: 'read'; readonly salvaged: SalvagedSettings };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const kindOfJson = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;

/** The first issue of a failed parse, as one line. */
function firstIssue(error: { issues: readonly { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message}`.replace(/\s+/g, ' ');
}

/**
 * conf runs the migrations newer than `__internal__.migrations.version` and throws (semver) on one it
 * cannot read, e.g. "garbage", 5 or null. Such a stamp is removed: the file then counts as the
 * oldest, and every migration runs again (they only fill in what is missing, so that is safe).
 */
function repairVersionStamp(internal: unknown): { value: unknown; changed: boolean } {
  if (internal === undefined) return { value: undefined, changed: false };
  if (!isRecord(internal)) return { value: undefined, changed: true };
  const { migrations, ...rest } = internal;
  const version = isRecord(migrations) ? migrations.version : null;
  const readable =
    migrations === undefined ||
    version === undefined ||
    (typeof version === 'string' && /^\d+\.\d+\.\d+$/.test(version));
  return readable ? { value: internal, changed: false } : { value: rest, changed: true };
}

/**
 * Parts other than machines (each of which has its own cap) larger than this are kept beside the
 * file: the last wizard state, the largest of them, is under 4 MB even with 400 measured runs.
 */
const MAX_PART_CHARS = 8 * 1024 * 1024;
const KNOWN_PARTS = new Set(['__internal__', 'notes', 'machines', 'lastState', 'window']);

/** Characters a `"key":value` pair takes in compact JSON. */
const pairChars = (key: string, value: unknown): number =>
  JSON.stringify(key).length + 1 + (JSON.stringify(value)?.length ?? 0);

function tooLarge(key: string, value: unknown): string | null {
  const chars = pairChars(key, value);
  return chars > MAX_PART_CHARS
    ? `it takes ${formatMiB(chars)}, over the ${MAX_PART_CHARS / 2 ** 20} MiB a setting may take`
    : null;
}

/** The notes, the wizard state and the window bounds, into `data`; what does not fit, into `rejected`. */
function salvageSmallParts(
  raw: Record<string, unknown>,
  data: Record<string, unknown>,
  rejected: RejectedPart[],
) {
  if (raw.notes !== undefined) {
    const notes = userNotesSchema.safeParse(raw.notes);
    if (notes.success) data.notes = raw.notes;
    else {
      rejected.push({ part: 'notes', reason: firstIssue(notes.error), value: raw.notes });
      data.notes = EMPTY_USER_NOTES;
    }
  }
  // Read leniently later (parseAppState, parseWindowState); here only their size is bounded.
  for (const key of ['lastState', 'window'] as const) {
    if (raw[key] === undefined) continue;
    const reason = tooLarge(key, raw[key]);
    if (reason) rejected.push({ part: key, reason, value: raw[key] });
    data[key] = reason ? null : raw[key];
  }
}

/** Each machine on its own, in the room the other parts leave; returns the room used after them. */
function salvageMachineList(
  stored: unknown,
  usedChars: number,
  data: Record<string, unknown>,
  rejected: RejectedPart[],
): { usedChars: number; count: number } {
  if (stored !== undefined && !Array.isArray(stored)) {
    rejected.push({ part: 'machines', reason: `it is ${kindOfJson(stored)}, not a list`, value: stored });
    data.machines = [];
    return { usedChars, count: 0 };
  }
  const list: readonly unknown[] = stored ?? [];
  const salvaged = salvageSavedMachines(list, { usedChars, limitChars: MAX_SETTINGS_CHARS });
  if (stored !== undefined) data.machines = salvaged.rejected.length ? salvaged.kept : stored;
  for (const { index, reason, value } of salvaged.rejected)
    rejected.push({ part: `machines[${index}]`, reason, value });
  return { usedChars: salvaged.usedChars, count: list.length };
}

/**
 * Each part of a parsed settings object checked on its own. Keys this version does not know (a newer
 * version's) come last, kept while they fit: the user's machines matter more.
 */
export function salvageSettings(raw: Record<string, unknown>): SalvagedSettings {
  const data: Record<string, unknown> = {};
  const rejected: RejectedPart[] = [];
  const stamp = repairVersionStamp(raw.__internal__);
  if (stamp.value !== undefined) data.__internal__ = stamp.value;
  salvageSmallParts(raw, data, rejected);
  const machines = salvageMachineList(raw.machines, JSON.stringify(data).length, data, rejected);
  let usedChars = machines.usedChars;
  for (const [key, value] of Object.entries(raw)) {
    if (KNOWN_PARTS.has(key)) continue;
    const chars = pairChars(key, value) + 1;
    const reason =
      tooLarge(key, value) ??
      (usedChars + chars > MAX_SETTINGS_CHARS
        ? `with it the settings would be over ${MAX_SETTINGS_CHARS / 2 ** 20} MiB`
        : null);
    if (reason) rejected.push({ part: key, reason, value });
    else {
      data[key] = value;
      usedChars += chars;
    }
  }
  return {
    data,
    storedMachineCount: machines.count,
    rejected,
    changed: stamp.changed || rejected.length > 0,
  };
}

/** Reads and checks the settings file; never throws. */
export function readSettingsFile(filePath: string, files: SettingsFiles): SettingsFileState {
  let text: string;
  try {
    const bytes = files.size(filePath);
    if (bytes === null) return { kind: 'absent' };
    if (bytes > MAX_SETTINGS_FILE_BYTES)
      return {
        kind: 'corrupt',
        reason: `it is ${formatMiB(bytes)}, far over the ${MAX_SETTINGS_CHARS / 2 ** 20} MiB settings may take`,
      };
    text = files.read(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'unreadable', reason: describeFileError(error) };
  }
  // Notepad and other editors may start the file with a byte-order mark, which JSON.parse refuses.
  const bom = text.startsWith('\uFEFF');
  let raw: unknown;
  try {
    raw = JSON.parse(bom ? text.slice(1) : text);
  } catch (error) {
    return { kind: 'corrupt', reason: `it is not valid JSON (${describeFileError(error)})` };
  }
  if (!isRecord(raw))
    return { kind: 'corrupt', reason: `it is not a settings object (its JSON is ${kindOfJson(raw)})` };
  try {
    const salvaged = salvageSettings(raw);
    return { kind: 'read', salvaged: bom ? { ...salvaged, changed: true } : salvaged };
  } catch (error) {
    // e.g. JSON nested so deep that measuring it overflows the stack
    return { kind: 'corrupt', reason: `its content could not be checked (${describeFileError(error)})` };
  }
}
