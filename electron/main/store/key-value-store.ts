/**
 * The part of conf / electron-store the settings use, and two wrappers around it: one that keeps the
 * settings in memory only (a file that cannot be read or written), one that reads the file once and
 * turns a failed read or write into a one-line message for the user.
 */
import { UserFacingError } from '../ipc/dispatch';
import { describeFileError } from './settings-files';

export interface KeyValueStore {
  readonly path: string;
  readonly store: Record<string, unknown>;
  set(key: string, value: unknown): void;
}

/** Settings that live for this session only; `path` still names the file they came from. */
export function memoryStore(path: string, initial: Record<string, unknown>): KeyValueStore {
  let data = structuredClone(initial);
  return {
    path,
    get store() {
      return data;
    },
    set(key, value) {
      data = { ...data, [key]: structuredClone(value) };
    },
  };
}

/**
 * conf reads and parses the whole file on every `store` access; this reads it once and then keeps
 * what was read and written since (one app instance owns the file: Electron holds a single-instance
 * lock). A failure is a `UserFacingError` naming the file and the reason, never a stack trace.
 */
export function cachedStore(inner: KeyValueStore): KeyValueStore {
  let cache: Record<string, unknown> | null = null;
  const read = (): Record<string, unknown> => {
    try {
      cache ??= inner.store;
      return cache;
    } catch (error) {
      throw new UserFacingError(
        `The settings file ${inner.path} cannot be read: ${describeFileError(error)}.`,
      );
    }
  };
  return {
    path: inner.path,
    get store() {
      return read();
    },
    set(key, value) {
      const before = read();
      try {
        inner.set(key, value);
      } catch (error) {
        throw new UserFacingError(
          `Settings could not be saved to ${inner.path}: ${describeFileError(error)}.`,
        );
      }
      cache = { ...before, [key]: value };
    },
  };
}
