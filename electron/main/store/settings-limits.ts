/**
 * How large the settings may grow. Without a bound, 100 imports of a 4.9 MB machine file made a
 * 492 MB settings file, and since conf reads and parses the whole file on each access, every call
 * then took 8 s and 4.5 GB.
 */
import { formatMiB, MAX_SAVED_MACHINE_CHARS, type SavedMachine } from '@shared/settings/saved-machine';
import { UserFacingError } from '../ipc/dispatch';
import type { KeyValueStore } from './key-value-store';

/** Most characters of compact JSON the whole settings may take (the file, tab-indented, is ~1.5× that). */
export const MAX_SETTINGS_CHARS = 32 * 1024 * 1024;

/** Characters of compact JSON, remembered per object: a save re-measures only what it changes. */
const measured = new WeakMap<object, number>();
function jsonChars(value: unknown): number {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value)?.length ?? 0;
  let chars = measured.get(value);
  if (chars === undefined) {
    chars = JSON.stringify(value).length;
    measured.set(value, chars);
  }
  return chars;
}

/** Sets `key`, refusing with a one-line reason when the settings would pass MAX_SETTINGS_CHARS. */
export function setWithinLimit(store: KeyValueStore, key: string, value: unknown): void {
  const next = Object.entries({ ...store.store, [key]: value });
  const chars = next.reduce((sum, [k, v]) => sum + k.length + 4 + jsonChars(v), 1);
  if (chars > MAX_SETTINGS_CHARS)
    throw new UserFacingError(
      `Saving this would make the settings ${formatMiB(chars)}, over the ${MAX_SETTINGS_CHARS / 2 ** 20} MiB Rig Advisor keeps; delete a saved machine you no longer need.`,
    );
  store.set(key, value);
}

export function checkMachineSize(machine: SavedMachine): void {
  const chars = jsonChars(machine);
  if (chars > MAX_SAVED_MACHINE_CHARS)
    throw new UserFacingError(
      `This machine takes ${formatMiB(chars)} saved, over the ${MAX_SAVED_MACHINE_CHARS / 2 ** 20} MiB a saved machine may take.`,
    );
}
