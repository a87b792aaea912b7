/**
 * What to do with the settings file before conf / electron-store opens it, decided once at start-up:
 *
 * | file                         | writable (file and folder)                 | read-only or failing write |
 * |------------------------------|--------------------------------------------|----------------------------|
 * | absent                       | open it                                    | in memory                  |
 * | cannot be read (EACCES, …)   | in memory, file left alone                 | in memory                  |
 * | not JSON / not an object     | moved aside (`.corrupt-`), open fresh      | in memory, left alone      |
 * | some parts invalid           | those kept in `.rejected-`, the rest kept  | in memory, left alone      |
 *
 * "In memory" means the app still starts, with everything that could be read, and says that changes
 * will not be saved. A read-only file is never replaced. Every case that loses or freezes something
 * gives a notice (shown by the renderer from `app:info`).
 */
import { basename, dirname, join } from 'node:path';
import { describeFileError, type SettingsFiles } from './settings-files';
import { readSettingsFile, type RejectedPart, type SalvagedSettings } from './settings-salvage';

export interface PreparedSettings {
  /** `file`: open the file with conf. `memory`: keep `data` in memory for this session only. */
  readonly mode: 'file' | 'memory';
  /** What could be read (empty when nothing could), also the fallback should conf fail to open. */
  readonly data: Record<string, unknown>;
  readonly notices: string[];
}

export const NOT_SAVED = 'changes you make will not be saved this session';
const SIDECAR_NOTE =
  'Parts of the settings file that Rig Advisor could not load, exactly as they were stored. ' +
  'Nothing reads this file; copy a part back by hand if you need it.';

const stampOf = (now: Date): string => now.toISOString().replace(/[:.]/g, '-');
const memory = (data: Record<string, unknown>, notices: string[]): PreparedSettings => ({
  mode: 'memory',
  data,
  notices,
});

const listed = (parts: readonly RejectedPart[]): string => {
  const shown = parts.slice(0, 3).map((r) => `${r.part}: ${r.reason}`);
  if (parts.length > 3) shown.push(`${parts.length - 3} more`);
  return shown.join('; ');
};

/** The notices for parts not loaded; `where` says where they are now ("they are kept in …"). */
function rejectedNotices(salvaged: SalvagedSettings, where: string): string[] {
  const notices: string[] = [];
  const notes = salvaged.rejected.filter((r) => r.part === 'notes');
  if (notes.length)
    notices.push(`Your PSU and case notes could not be loaded (${notes[0]?.reason}); ${where}.`);
  const machines = salvaged.rejected.filter((r) => r.part.startsWith('machines'));
  if (machines.length) {
    const count =
      machines[0]?.part === 'machines'
        ? 'Your saved machines'
        : `${machines.length} of your ${salvaged.storedMachineCount} saved machines`;
    notices.push(`${count} could not be loaded (${listed(machines)}); ${where}.`);
  }
  const others = salvaged.rejected.filter((r) => r.part !== 'notes' && !r.part.startsWith('machines'));
  if (others.length)
    notices.push(`Parts of your settings could not be loaded (${listed(others)}); ${where}.`);
  return notices;
}

function moveAside(
  filePath: string,
  reason: string,
  files: SettingsFiles,
  now: Date,
  writable: boolean,
): PreparedSettings {
  const problem = `Your settings file ${filePath} could not be read because ${reason}`;
  if (!writable)
    return memory({}, [
      `${problem}. It or its folder is read-only, so it was left as it is; the app started with fresh settings, and ${NOT_SAVED}.`,
    ]);
  const backup = join(dirname(filePath), `${basename(filePath, '.json')}.corrupt-${stampOf(now)}.json`);
  try {
    files.rename(filePath, backup);
  } catch (error) {
    return memory({}, [
      `${problem}, and it could not be moved aside (${describeFileError(error)}). It was left as it is; the app started with fresh settings, and ${NOT_SAVED}.`,
    ]);
  }
  return {
    mode: 'file',
    data: {},
    notices: [
      `Your settings file could not be read because ${reason}. It was kept as ${backup} and the app started with fresh settings.`,
    ],
  };
}

/** Keeps the rejected parts beside the file, then writes the file back with what loaded. */
function keepWhatLoads(
  filePath: string,
  salvaged: SalvagedSettings,
  files: SettingsFiles,
  now: Date,
  writable: boolean,
): PreparedSettings {
  if (!writable)
    return memory(salvaged.data, [
      ...rejectedNotices(salvaged, `they are left in ${filePath}`),
      `Your settings file ${filePath} is read-only: it is left as it is, and ${NOT_SAVED}.`,
    ]);
  if (!salvaged.changed) return { mode: 'file', data: salvaged.data, notices: [] };
  const sidecar = join(dirname(filePath), `${basename(filePath, '.json')}.rejected-${stampOf(now)}.json`);
  try {
    if (salvaged.rejected.length) files.write(sidecar, sidecarText(filePath, salvaged.rejected, now));
    files.write(filePath, JSON.stringify(salvaged.data, undefined, '\t'));
  } catch (error) {
    return memory(salvaged.data, [
      ...rejectedNotices(salvaged, `they are left in ${filePath}`),
      `Your settings file ${filePath} could not be updated (${describeFileError(error)}), so ${NOT_SAVED}.`,
    ]);
  }
  return {
    mode: 'file',
    data: salvaged.data,
    notices: rejectedNotices(salvaged, `they are kept in ${sidecar}`),
  };
}

function sidecarText(filePath: string, parts: readonly RejectedPart[], now: Date): string {
  return `${JSON.stringify({ note: SIDECAR_NOTE, from: filePath, at: now.toISOString(), parts }, null, 2)}\n`;
}

export function prepareSettingsFile(filePath: string, files: SettingsFiles, now: Date): PreparedSettings {
  const state = readSettingsFile(filePath, files);
  const folder = dirname(filePath);
  // A read-only file counts even where the OS would let us replace it (root, or a rename over it).
  const writable = files.writable(folder) && files.writable(filePath);
  switch (state.kind) {
    case 'absent':
      return writable
        ? { mode: 'file', data: {}, notices: [] }
        : memory({}, [`The settings folder ${folder} is read-only, so ${NOT_SAVED}.`]);
    case 'unreadable':
      return memory({}, [
        `Your settings file ${filePath} cannot be read: ${state.reason}. It was left as it is; the app started with default settings, and ${NOT_SAVED}.`,
      ]);
    case 'corrupt':
      return moveAside(filePath, state.reason, files, now, writable);
    case 'read':
      return keepWhatLoads(filePath, state.salvaged, files, now, writable);
  }
}
