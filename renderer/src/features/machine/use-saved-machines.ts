/**
 * The saved-machines list as the Machine step uses it: load it, save the machine on screen (a scanned
 * profile, or the catalog build) with its PSU/case notes, open one again, delete, and share one as a
 * file (export / import). Main keeps the list in settings; this hook only mirrors it.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppApi, IpcInput } from '@shared/ipc/contract';
import { EMPTY_USER_NOTES, type UserNotes } from '@shared/settings/settings-schema';
import type { SavedMachine } from '@shared/settings/saved-machine';
import { customGpuSpec, type CustomGpuEntry } from '@shared/catalog/custom-gpu';
import type { HardwareProfile } from '@shared/hardware/profile';
import {
  NO_CALIBRATION,
  type AdvisorAction,
  type CatalogCard,
  type MachineInputs,
} from '../../state/advisor-state';

export type SavedMachinesApi = Pick<
  AppApi,
  'listMachines' | 'saveMachine' | 'deleteMachine' | 'exportMachine' | 'importMachine'
>;

/** What is on screen now, as a machine that could be saved. */
export interface CurrentMachine {
  readonly inputs: MachineInputs;
  readonly profile: HardwareProfile | null;
  readonly notes: UserNotes | null;
  /** The GPUs' names as the plan sees them (identified cards included), when there is a machine. */
  readonly gpuNames?: readonly string[] | null;
}

/** The machine on screen as `machines:save` input, or why it cannot be saved yet. */
export function machineToSave(
  name: string,
  current: CurrentMachine,
  existingId?: string,
): IpcInput<'machines:save'> | { readonly error: string } {
  const notes = current.notes ?? EMPTY_USER_NOTES;
  const id = existingId ? { id: existingId } : {};
  // The slots and power limits entered belong to this machine (a catalog build's cards or the scanned ones).
  const slots = {
    ...(current.inputs.slots.length ? { slots: [...current.inputs.slots] } : {}),
    // Its measured runs and load logs calibrate it wherever it is opened.
    ...(current.inputs.calibration.points.length || current.inputs.calibration.memory?.length
      ? {
          calibration: {
            enabled: current.inputs.calibration.enabled,
            points: current.inputs.calibration.points.map((p) => ({ ...p, gpus: [...p.gpus] })),
            ...(current.inputs.calibration.memory?.length
              ? { memory: current.inputs.calibration.memory.map((p) => ({ ...p })) }
              : {}),
          },
        }
      : {}),
    ...(current.inputs.powerLimits.length
      ? { powerLimits: current.inputs.powerLimits.map((l) => ({ ...l })) }
      : {}),
  };
  const customs = current.inputs.customGpus ?? [];
  if (current.inputs.source === 'catalog') {
    const gpus = current.inputs.cards.flatMap((c) => Array.from({ length: c.count }, () => c.gpuId));
    if (gpus.length === 0) return { error: 'Add at least one card to the build before saving it.' };
    // A card described by its numbers travels with the build that uses it (its id alone means nothing elsewhere).
    const used = customs.filter((c) => gpus.includes(customGpuSpec(c).id));
    const described = used.length ? { customGpus: used.map((c) => ({ ...c })) } : {};
    return { ...id, name, kind: 'planned', gpus, notes, ...slots, ...described };
  }
  if (!current.profile) return { error: 'Nothing scanned yet: wait for the scan, or open a capture.' };
  // The schema's type is the mutable twin of the readonly HardwareProfile; main validates it anyway.
  const profile = current.profile as NonNullable<IpcInput<'machines:save'>['profile']>;
  // Cards named for GPUs its capture did not name belong to this profile (a build names its own).
  const identities = current.inputs.identities.length ? { identities: [...current.inputs.identities] } : {};
  // Scanned GPUs the catalog lacks, as described on this machine.
  const described = customs.length ? { customGpus: customs.map((c) => ({ ...c })) } : {};
  return { ...id, name, kind: 'scanned', profile, notes, ...slots, ...identities, ...described };
}

/** A planned machine's GPU ids as the build picker's cards (same card → one row with a count). */
export function cardsFromIds(gpus: readonly string[]): CatalogCard[] {
  const counts = new Map<string, number>();
  for (const id of gpus) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].map(([gpuId, count]) => ({ gpuId, count }));
}

/** What opening a saved machine changes: the machine shown, the advisor's machine inputs, the notes. */
export interface MachineOpener {
  showSaved(profile: HardwareProfile, name: string, machineId: string): void;
  dispatch(action: AdvisorAction): void;
  saveNotes(notes: UserNotes): unknown;
}

/** Makes a saved machine the one the plan is for (from the list, or restored at start). */
export function openSavedMachine(
  machine: SavedMachine,
  to: MachineOpener,
  customs: readonly CustomGpuEntry[] = [],
): void {
  // Its own slots and power limits, or none: another machine's would land on this one's cards.
  // The cards it describes join those already described (its own numbers win for the same name).
  const mine = machine.customGpus ?? [];
  const merged = [
    ...customs.filter((c) => !mine.some((m) => m.name.toLowerCase() === c.name.toLowerCase())),
    ...mine,
  ];
  const own = {
    slots: machine.slots ?? [],
    powerLimits: machine.powerLimits ?? [],
    calibration: machine.calibration ?? NO_CALIBRATION,
    ...(mine.length ? { customGpus: merged } : {}),
  };
  if (machine.kind === 'scanned' && machine.profile) {
    to.showSaved(machine.profile, machine.name, machine.id);
    // Its own identities, or none: another capture's would name this one's GPUs silently.
    to.dispatch({ type: 'machine', patch: { source: 'scan', ...own, identities: machine.identities ?? [] } });
  } else if (machine.gpus) {
    to.dispatch({ type: 'machine', patch: { source: 'catalog', cards: cardsFromIds(machine.gpus), ...own } });
  }
  // The PSU and case belong to that machine: its notes become the ones the checks read.
  to.saveNotes(machine.notes);
}

export interface SavedMachines {
  /** null until the list has loaded. */
  readonly machines: readonly SavedMachine[] | null;
  readonly error: string | null;
  save(input: IpcInput<'machines:save'>): Promise<SavedMachine | null>;
  /** True when it was deleted (else the error says why). */
  remove(id: string): Promise<boolean>;
  /** The machine file's text, or null (the error is shown). */
  exportText(id: string): Promise<string | null>;
  /** Adds the machine in a machine file the user picked; null when the file is not one (the error says why). */
  importText(text: string): Promise<SavedMachine | null>;
  dismissError(): void;
}

export function useSavedMachines(api: SavedMachinesApi): SavedMachines {
  const [machines, setMachines] = useState<readonly SavedMachine[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.listMachines().then((result) => {
      if (!live) return;
      if (result.ok) setMachines(result.value);
      else setError(`The saved machines could not be read: ${result.error.message}`);
    });
    return () => {
      live = false;
    };
  }, [api]);

  // Saved or imported: replace an entry with the same id, else add it at the end (main's order).
  const upsert = (machine: SavedMachine) =>
    setMachines((list) => {
      const rest = (list ?? []).filter((m) => m.id !== machine.id);
      const at = (list ?? []).findIndex((m) => m.id === machine.id);
      return at < 0 ? [...rest, machine] : [...rest.slice(0, at), machine, ...rest.slice(at)];
    });

  const save = useCallback(
    async (input: IpcInput<'machines:save'>) => {
      const result = await api.saveMachine(input);
      if (!result.ok) {
        setError(`The machine was not saved: ${result.error.message}`);
        return null;
      }
      setError(null);
      upsert(result.value);
      return result.value;
    },
    [api],
  );

  const remove = useCallback(
    async (id: string) => {
      const result = await api.deleteMachine({ id });
      if (result.ok) setMachines(result.value);
      else setError(`The machine was not deleted: ${result.error.message}`);
      return result.ok;
    },
    [api],
  );

  const exportText = useCallback(
    async (id: string) => {
      const result = await api.exportMachine({ id });
      if (result.ok) return result.value;
      setError(`The machine file was not written: ${result.error.message}`);
      return null;
    },
    [api],
  );

  const importText = useCallback(
    async (text: string) => {
      const result = await api.importMachine({ text });
      if (!result.ok) {
        setError(`That file was not opened: ${result.error.message}`);
        return null;
      }
      setError(null);
      upsert(result.value);
      return result.value;
    },
    [api],
  );

  const dismissError = useCallback(() => setError(null), []);
  return { machines, error, save, remove, exportText, importText, dismissError };
}
