/**
 * Settings kept in one JSON file: the user's PSU/case notes (later: saved machines, last state).
 * Electron uses electron-store, plain Node (CLI, `npm run web`, tests) uses conf — the same class
 * underneath, so both go through `openSettings` with the same schema and migrations.
 *
 * A file that is not valid JSON, or does not match the schema, is renamed beside itself
 * (`settings.corrupt-<time>.json`) and the app starts clean with a notice: nothing silently lost.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { EMPTY_USER_NOTES, userNotesSchema, type UserNotes } from '@shared/settings/settings-schema';

/** Bump with a migration below whenever the stored shape changes. */
export const SETTINGS_SCHEMA_VERSION = '1.0.0';
export const SETTINGS_FILE_NAME = 'settings';

export const settingsSchema = z.object({ notes: userNotesSchema });
export type Settings = z.infer<typeof settingsSchema>;

const DEFAULTS: Settings = { notes: EMPTY_USER_NOTES };

/** The part of conf / electron-store this module uses. */
export interface KeyValueStore {
  readonly path: string;
  readonly store: Record<string, unknown>;
  set(key: string, value: unknown): void;
}

/** What a conf migration receives. */
export interface MigrationStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export interface StoreOptions {
  readonly configName: string;
  readonly projectVersion: string;
  readonly defaults: Settings;
  readonly migrations: Record<string, (store: MigrationStore) => void>;
  readonly clearInvalidConfig: false;
}

/** Migrations keyed by the version that introduced them (conf runs the ones newer than the file's). */
const MIGRATIONS: StoreOptions['migrations'] = {
  // 0.x files kept PSU watts at the top level as `psuWatts` (defaults are already in place here).
  '1.0.0': (store) => {
    const legacy = store.get('psuWatts');
    if (typeof legacy !== 'number') return;
    if (store.get('notes.psu.watts') === null) store.set('notes.psu.watts', legacy);
    store.delete('psuWatts');
  },
};

export interface SettingsHandle {
  getNotes(): UserNotes;
  setNotes(notes: UserNotes): UserNotes;
  /** Messages for the user from opening the file (e.g. a corrupt file was backed up). */
  readonly notices: readonly string[];
  readonly path: string;
}

/** Moves a corrupt settings file aside; returns the notice to show, or null when the file is fine or absent. */
export function quarantineIfCorrupt(filePath: string, now: Date = new Date()): string | null {
  if (!existsSync(filePath)) return null;
  let problem: string | null = null;
  try {
    const raw = JSON.parse(readFileSync(filePath, 'utf8')) as Record<string, unknown>;
    const check = settingsSchema.partial().safeParse(raw);
    if (!check.success)
      problem = `it does not match the settings schema (${check.error.issues[0]?.message ?? 'invalid'})`;
  } catch (error) {
    problem = `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (!problem) return null;
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const backup = join(dirname(filePath), `${SETTINGS_FILE_NAME}.corrupt-${stamp}.json`);
  renameSync(filePath, backup);
  return `Your settings file could not be read because ${problem}. It was kept as ${backup} and the app started with fresh settings.`;
}

export function openSettings(
  directory: string,
  createStore: (options: StoreOptions) => KeyValueStore,
): SettingsHandle {
  const filePath = join(directory, `${SETTINGS_FILE_NAME}.json`);
  const notice = quarantineIfCorrupt(filePath);
  const store = createStore({
    configName: SETTINGS_FILE_NAME,
    projectVersion: SETTINGS_SCHEMA_VERSION,
    defaults: DEFAULTS,
    migrations: MIGRATIONS,
    clearInvalidConfig: false,
  });
  return {
    path: store.path,
    notices: notice ? [notice] : [],
    getNotes: () => userNotesSchema.parse(store.store.notes ?? EMPTY_USER_NOTES),
    setNotes: (notes) => {
      const valid = userNotesSchema.parse(notes);
      store.set('notes', valid);
      return valid;
    },
  };
}
