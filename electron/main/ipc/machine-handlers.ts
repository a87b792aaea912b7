/** Saved machines (list, save, delete, export / import as a file) and the wizard's last state. */
import {
  MachineFileError,
  machineFileText,
  parseMachineFile,
  type SavedMachine,
} from '@shared/settings/saved-machine';
import type { SettingsHandle } from '../store/settings-store';
import { UserFacingError, type AppHandlers } from './dispatch';

/** A machine file's machine, or a user-facing error saying what is wrong with the file. */
function openMachineFile(text: string): SavedMachine {
  try {
    return parseMachineFile(text);
  } catch (error) {
    if (error instanceof MachineFileError) throw new UserFacingError(error.message);
    throw error;
  }
}

type MachineChannel =
  | 'machines:list'
  | 'machines:save'
  | 'machines:delete'
  | 'machines:export'
  | 'machines:import'
  | 'state:get'
  | 'state:set';

export function createMachineHandlers(settings: SettingsHandle): Pick<AppHandlers, MachineChannel> {
  return {
    'machines:list': async () => settings.listMachines(),
    'machines:save': async (input) => settings.saveMachine(input),
    'machines:delete': async ({ id }) => settings.deleteMachine(id),
    'machines:export': async ({ id }) => {
      const machine = settings.getMachine(id);
      if (!machine) throw new UserFacingError(`There is no saved machine with id ${id}.`);
      return machineFileText(machine);
    },
    'machines:import': async ({ text }) => {
      // Never overwrites a saved machine (the file's id is dropped); a machine already saved with the
      // same content comes back as it is instead of a second row (settings-store `saveMachine`).
      const { id: _id, savedAt: _savedAt, ...fields } = openMachineFile(text);
      return settings.saveMachine(fields);
    },
    'state:get': async () => settings.getState(),
    'state:set': async (state) => settings.setState(state),
  };
}
