/**
 * Settings kept in one JSON file: the user's PSU/case notes, saved machines, where the wizard was
 * left (`lastState`) and the main window's bounds (`window`).
 * Electron uses electron-store, plain Node (CLI, `npm run web`, tests) uses conf — the same class
 * underneath, so both go through `openSettings` with the same schema and migrations.
 *
 * Opening never throws (prepare-settings-file.ts): a file that is not JSON is moved aside, parts that
 * do not validate (the notes, each saved machine) are kept beside the file while the rest loads, and a
 * file that cannot be read or written gives settings in memory — always with a notice.
 * `lastState` and `window` are conveniences, read leniently: a part that no longer validates is dropped.
 * The file is bounded (settings-limits.ts): each machine, and the whole.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
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
import { cachedStore, memoryStore, type KeyValueStore } from './key-value-store';
import { NOT_SAVED, prepareSettingsFile, type PreparedSettings } from './prepare-settings-file';
import { describeFileError, nodeSettingsFiles, type SettingsFiles } from './settings-files';
import { checkMachineSize, setWithinLimit } from './settings-limits';

export type { KeyValueStore } from './key-value-store';

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
  /**
   * Updates the machine with `input.id`, or adds a new one (new id) when there is none — unless a
   * saved machine has the same content (all but id and time): that one is returned, not a copy.
   */
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

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A machine's content without its id and save time, keys sorted: equal for the same machine saved twice. */
function contentKey(machine: SavedMachine): string {
  const { id: _id, savedAt: _savedAt, ...content } = machine;
  return JSON.stringify(content, (_key, value: unknown) =>
    isPlainObject(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

function machineOps(store: KeyValueStore) {
  const machines = (): SavedMachine[] => machineListSchema.parse(store.store.machines ?? []);
  const saveMachine = (input: SaveMachineInput, now = new Date()): SavedMachine => {
    const list = machines();
    const { id, ...fields } = saveMachineInputSchema.parse(input);
    const at = id === undefined ? -1 : list.findIndex((m) => m.id === id);
    const saved = savedMachineSchema.parse({
      ...fields,
      id: at < 0 ? randomUUID() : id,
      savedAt: now.toISOString(),
    });
    if (at < 0) {
      const key = contentKey(saved);
      const twin = list.find((m) => contentKey(m) === key);
      if (twin) return twin;
      if (list.length >= MAX_SAVED_MACHINES)
        throw new UserFacingError(
          `You have ${list.length} saved machines, the most Rig Advisor keeps; delete one first.`,
        );
    }
    checkMachineSize(saved);
    setWithinLimit(store, 'machines', at < 0 ? [...list, saved] : list.with(at, saved));
    return saved;
  };
  return {
    listMachines: machines,
    getMachine: (id: string) => machines().find((m) => m.id === id) ?? null,
    saveMachine,
    deleteMachine: (id: string) => {
      const left = machines().filter((m) => m.id !== id);
      store.set('machines', left);
      return left;
    },
  };
}

function settingsHandle(store: KeyValueStore, openNotices: readonly string[]): SettingsHandle {
  const { state: lastState, dropped } = parseAppState(store.store.lastState);
  // Store what was kept, so the notice below is shown once, not on every start (best effort: a
  // failed write only means the notice comes again).
  if (dropped.length) {
    try {
      store.set('lastState', lastState);
    } catch {
      // the notice below still says what was dropped
    }
  }
  const notices = [
    ...openNotices,
    ...(dropped.length
      ? [
          `Part of your last session could not be restored (${dropped.join(', ')}); those choices start afresh.`,
        ]
      : []),
  ];
  return {
    path: store.path,
    notices,
    getNotes: () => userNotesSchema.parse(store.store.notes ?? EMPTY_USER_NOTES),
    setNotes: (notes) => {
      const valid = userNotesSchema.parse(notes);
      setWithinLimit(store, 'notes', valid);
      return valid;
    },
    ...machineOps(store),
    getState: () => {
      const raw = store.store.lastState;
      return raw === null || raw === undefined ? null : parseAppState(raw).state;
    },
    setState: (state) => {
      const valid = appStateSchema.parse(state);
      setWithinLimit(store, 'lastState', valid);
      return valid;
    },
    getWindowState: () => parseWindowState(store.store.window),
    setWindowState: (state) => {
      const valid = windowStateSchema.parse(state);
      try {
        store.set('window', valid);
      } catch {
        // The bounds are a convenience: failing to keep them must not break closing the window.
      }
    },
  };
}

/** The store `prepared` asks for; if conf cannot open the file after all, memory and a notice. */
function openStore(
  filePath: string,
  prepared: PreparedSettings,
  createStore: (options: StoreOptions) => KeyValueStore,
): { store: KeyValueStore; notice: string | null } {
  const inMemory = (): KeyValueStore => memoryStore(filePath, { ...DEFAULTS, ...prepared.data });
  if (prepared.mode === 'memory') return { store: inMemory(), notice: null };
  try {
    const store = createStore({
      configName: SETTINGS_FILE_NAME,
      projectVersion: SETTINGS_SCHEMA_VERSION,
      defaults: DEFAULTS,
      migrations: MIGRATIONS,
      clearInvalidConfig: false,
    });
    return { store: cachedStore(store), notice: null };
  } catch (error) {
    const reason = describeFileError(error);
    return {
      store: inMemory(),
      notice: `Your settings could not be opened (${reason}); the app started with what could be read, and ${NOT_SAVED}.`,
    };
  }
}

/**
 * Opens the settings in `directory`; never throws. In Electron this runs inside `whenReady`, where a
 * throw left no window and the single-instance lock held: any failure here gives settings in memory
 * and a notice instead.
 */
export function openSettings(
  directory: string,
  createStore: (options: StoreOptions) => KeyValueStore,
  files: SettingsFiles = nodeSettingsFiles,
  now: Date = new Date(),
): SettingsHandle {
  const filePath = join(directory, `${SETTINGS_FILE_NAME}.json`);
  try {
    const prepared = prepareSettingsFile(filePath, files, now);
    const { store, notice } = openStore(filePath, prepared, createStore);
    return settingsHandle(store, notice ? [...prepared.notices, notice] : prepared.notices);
  } catch (error) {
    return settingsHandle(memoryStore(filePath, DEFAULTS), [
      `Your settings could not be opened (${describeFileError(error)}); the app started with default settings, and ${NOT_SAVED}.`,
    ]);
  }
}
