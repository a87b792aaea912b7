/**
 * Settings kept in one JSON file: the user's PSU/case notes, saved machines, where the wizard was
 * left (`lastState`) and the main window's bounds (`window`).
 * Electron uses electron-store, plain Node (CLI, `npm run web`, tests) uses conf — the same class
 * underneath, so both go through `openSettings` with the same schema and migrations.
 *
 * A file that is not valid JSON, or whose notes or machines do not match the schema, is renamed beside
 * itself (`settings.corrupt-<time>.json`) and the app starts clean with a notice: nothing silently lost.
 * `lastState` and `window` are conveniences, read leniently: a part that no longer validates is dropped.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { appStateSchema, parseAppState, type AppState } from '@shared/settings/app-state';
import {
  MAX_SAVED_MACHINES,
  saveMachineInputSchema,
  savedMachineSchema,
  type SavedMachine,
  type SaveMachineInput,
} from '@shared/settings/saved-machine';
import { EMPTY_USER_NOTES, userNotesSchema, type UserNotes } from '@shared/settings/settings-schema';
import { UserFacingError } from '../ipc/dispatch';
import { parseWindowState, windowStateSchema, type WindowState } from '../window-state';

/** Bump with a migration below whenever the stored shape changes. */
export const SETTINGS_SCHEMA_VERSION = '1.1.0';
export const SETTINGS_FILE_NAME = 'settings';

const machineListSchema = z.array(savedMachineSchema).max(MAX_SAVED_MACHINES);

export const settingsSchema = z.object({
  notes: userNotesSchema,
  machines: machineListSchema,
  /** Read with `parseAppState`: invalid fields are dropped, not the file. */
  lastState: z.unknown(),
  /** Read with `parseWindowState`: an invalid value means "default window". */
  window: z.unknown(),
});
export type Settings = z.infer<typeof settingsSchema>;

const DEFAULTS: Settings = { notes: EMPTY_USER_NOTES, machines: [], lastState: null, window: null };

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
  // 1.1.0 adds saved machines, the last wizard state and the window bounds. conf fills top-level
  // defaults before migrating, so this only matters for a store opened without them.
  '1.1.0': (store) => {
    if (store.get('machines') === undefined) store.set('machines', []);
    if (store.get('lastState') === undefined) store.set('lastState', null);
    if (store.get('window') === undefined) store.set('window', null);
  },
};

export interface SettingsHandle {
  getNotes(): UserNotes;
  setNotes(notes: UserNotes): UserNotes;
  listMachines(): SavedMachine[];
  getMachine(id: string): SavedMachine | null;
  /** Updates the machine with `input.id`, or adds a new one (new id) when there is none. */
  saveMachine(input: SaveMachineInput, now?: Date): SavedMachine;
  /** Removes the machine; returns the list left. */
  deleteMachine(id: string): SavedMachine[];
  /** Where the wizard was left, or null when nothing was saved. */
  getState(): AppState | null;
  setState(state: AppState): AppState;
  getWindowState(): WindowState | null;
  setWindowState(state: WindowState): void;
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
  const { state: lastState, dropped } = parseAppState(store.store.lastState);
  // Store what was kept, so the notice below is shown once, not on every start.
  if (dropped.length) store.set('lastState', lastState);
  const notices = [
    notice,
    dropped.length
      ? `Part of your last session could not be restored (${dropped.join(', ')}); those choices start afresh.`
      : null,
  ].filter((n): n is string => n !== null);
  const machines = (): SavedMachine[] => machineListSchema.parse(store.store.machines ?? []);
  return {
    path: store.path,
    notices,
    getNotes: () => userNotesSchema.parse(store.store.notes ?? EMPTY_USER_NOTES),
    setNotes: (notes) => {
      const valid = userNotesSchema.parse(notes);
      store.set('notes', valid);
      return valid;
    },
    listMachines: machines,
    getMachine: (id) => machines().find((m) => m.id === id) ?? null,
    saveMachine: (input, now = new Date()) => {
      const list = machines();
      const { id, ...fields } = saveMachineInputSchema.parse(input);
      const at = id === undefined ? -1 : list.findIndex((m) => m.id === id);
      if (at < 0 && list.length >= MAX_SAVED_MACHINES)
        throw new UserFacingError(
          `You have ${list.length} saved machines, the most Rig Advisor keeps; delete one first.`,
        );
      const saved = savedMachineSchema.parse({
        ...fields,
        id: at < 0 ? randomUUID() : id,
        savedAt: now.toISOString(),
      });
      store.set('machines', at < 0 ? [...list, saved] : list.with(at, saved));
      return saved;
    },
    deleteMachine: (id) => {
      const left = machines().filter((m) => m.id !== id);
      store.set('machines', left);
      return left;
    },
    getState: () => {
      const raw = store.store.lastState;
      return raw === null || raw === undefined ? null : parseAppState(raw).state;
    },
    setState: (state) => {
      const valid = appStateSchema.parse(state);
      store.set('lastState', valid);
      return valid;
    },
    getWindowState: () => parseWindowState(store.store.window),
    setWindowState: (state) => store.set('window', windowStateSchema.parse(state)),
  };
}
