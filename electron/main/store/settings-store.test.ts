import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_USER_NOTES } from '@shared/settings/settings-schema';
import type { SaveMachineInput } from '@shared/settings/saved-machine';
import { openConfSettings } from './conf-settings';
import { nodeSettingsFiles, type SettingsFiles } from './settings-files';
import { openSettings } from './settings-store';

const madeDirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rig-settings-'));
  madeDirs.push(dir);
  return dir;
};
afterEach(() => {
  // Tests make folders and files read-only: give the rights back so they can be removed.
  for (const dir of madeDirs.splice(0)) {
    chmodSync(dir, 0o755);
    for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A valid stored machine, as the file keeps it. */
const storedMachine = {
  id: 'm1',
  name: 'Two 3090s',
  savedAt: '2025-03-01T10:00:00.000Z',
  kind: 'planned',
  gpus: ['rtx-3090', 'rtx-3090'],
  notes: EMPTY_USER_NOTES,
};

/** The parts kept in the one `settings.rejected-*.json` beside the settings file. */
function rejectedIn(dir: string): unknown[] {
  const sidecars = readdirSync(dir).filter((f) => f.startsWith('settings.rejected-'));
  expect(sidecars).toHaveLength(1);
  return JSON.parse(readFileSync(join(dir, sidecars[0] as string), 'utf8')).parts;
}

describe('settings store', () => {
  it('starts empty, saves PSU notes, and reads them back after reopening', () => {
    const dir = freshDir();
    const first = openConfSettings(dir);
    expect(first.getNotes()).toEqual(EMPTY_USER_NOTES);
    const notes = {
      ...EMPTY_USER_NOTES,
      psu: { watts: 1200, pcie8PinCables: 6, connectors12vhpwr: 1, note: 'Seasonic PX-1200' },
    };
    first.setNotes(notes);
    expect(openConfSettings(dir).getNotes()).toEqual(notes);
    expect(first.notices).toEqual([]);
  });

  it('backs up a corrupt file beside itself, starts clean, and says so', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'settings.json'), '{"notes": {"psu": ');
    const settings = openConfSettings(dir);
    expect(settings.getNotes()).toEqual(EMPTY_USER_NOTES);
    expect(settings.notices[0]).toMatch(/not valid JSON/);
    const backup = readdirSync(dir).find((f) => f.startsWith('settings.corrupt-'));
    expect(backup).toBeDefined();
    expect(readFileSync(join(dir, backup as string), 'utf8')).toBe('{"notes": {"psu": ');
  });

  it('keeps the machines when only the notes break the schema, the notes kept beside the file', () => {
    const dir = freshDir();
    const machine = { ...storedMachine, id: 'keep-me' };
    const notes = { psu: { watts: 'lots' } };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ notes, machines: [machine] }));
    const settings = openConfSettings(dir);
    expect(settings.getNotes()).toEqual(EMPTY_USER_NOTES);
    expect(settings.listMachines().map((m) => m.id)).toEqual(['keep-me']);
    expect(settings.notices).toEqual([
      expect.stringMatching(/^Your PSU and case notes.*settings\.rejected-/),
    ]);
    expect(rejectedIn(dir)).toEqual([expect.objectContaining({ part: 'notes', value: notes })]);
  });

  it('migrates a 0.x file that kept psuWatts at the top level', () => {
    const dir = freshDir();
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ psuWatts: 850, __internal__: { migrations: { version: '0.9.0' } } }),
    );
    expect(openConfSettings(dir).getNotes().psu.watts).toBe(850);
  });

  it('refuses invalid notes instead of storing them', () => {
    const settings = openConfSettings(freshDir());
    expect(() =>
      settings.setNotes({ ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: 0 } }),
    ).toThrow();
  });

  const planned: SaveMachineInput = {
    name: 'Two 3090s',
    kind: 'planned',
    gpus: ['rtx-3090', 'rtx-3090'],
    notes: EMPTY_USER_NOTES,
  };

  it('saves, updates and deletes machines, and keeps them across reopening', () => {
    const dir = freshDir();
    const settings = openConfSettings(dir);
    expect(settings.listMachines()).toEqual([]);
    const first = settings.saveMachine(planned, new Date('2025-03-01T10:00:00Z'));
    expect(first).toMatchObject({ name: 'Two 3090s', savedAt: '2025-03-01T10:00:00.000Z' });
    const second = settings.saveMachine({ ...planned, name: 'Four 3090s', gpus: Array(4).fill('rtx-3090') });
    expect(second.id).not.toBe(first.id);
    const renamed = settings.saveMachine({ ...planned, id: first.id, name: 'Two 3090s (NVLink)' });
    expect(renamed.id).toBe(first.id);
    expect(
      openConfSettings(dir)
        .listMachines()
        .map((m) => m.name),
    ).toEqual(['Two 3090s (NVLink)', 'Four 3090s']);
    expect(settings.deleteMachine(first.id).map((m) => m.id)).toEqual([second.id]);
    expect(settings.deleteMachine('no-such-id')).toHaveLength(1);
    expect(openConfSettings(dir).getMachine(second.id)?.name).toBe('Four 3090s');
  });

  it('migrates a 1.0.0 file: notes kept, no machines, no last state, version 1.1.0', () => {
    const dir = freshDir();
    const notes = { ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: 1000 } };
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ notes, __internal__: { migrations: { version: '1.0.0' } } }),
    );
    const settings = openConfSettings(dir);
    expect(settings.notices).toEqual([]);
    expect(settings.getNotes()).toEqual(notes);
    expect(settings.listMachines()).toEqual([]);
    expect(settings.getState()).toBeNull();
    expect(settings.getWindowState()).toBeNull();
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'));
    expect(onDisk.__internal__.migrations.version).toBe('1.1.0');
    expect(onDisk).toMatchObject({ machines: [], lastState: null, window: null });
  });

  it('keeps the valid machines when one breaks the schema, and that one verbatim beside the file', () => {
    const dir = freshDir();
    const broken = { id: 'x', name: 'Half-written', kind: 'scanned', savedAt: 'yesterday' };
    const fromNewer = { ...storedMachine, id: 'new', kind: 'cluster' };
    const machines = [{ ...storedMachine, id: 'a' }, broken, fromNewer, { ...storedMachine, id: 'b' }];
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ notes: EMPTY_USER_NOTES, machines }));
    const settings = openConfSettings(dir);
    expect(settings.listMachines().map((m) => m.id)).toEqual(['a', 'b']);
    expect(settings.notices).toEqual([
      expect.stringMatching(
        /^2 of your 4 saved machines could not be loaded \(machines\[1\]: .*settings\.rejected-/,
      ),
    ]);
    expect(rejectedIn(dir)).toEqual([
      expect.objectContaining({ part: 'machines[1]', value: broken }),
      expect.objectContaining({
        part: 'machines[2]',
        value: fromNewer,
        reason: expect.stringMatching(/^kind: /),
      }),
    ]);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.corrupt-'))).toBe(false);
    // The file now holds what loaded, so the notice is shown once.
    expect(openConfSettings(dir).notices).toEqual([]);
  });

  it('restores the last state leniently: a stale field is dropped with a notice, the rest kept', () => {
    const dir = freshDir();
    openConfSettings(dir).setState({ step: 'plan', runtime: 'vllm', ctx: 8192 });
    const file = join(dir, 'settings.json');
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...onDisk, lastState: { ...onDisk.lastState, runtime: 'tgi' } }));
    const reopened = openConfSettings(dir);
    expect(reopened.getState()).toEqual({ step: 'plan', ctx: 8192 });
    expect(reopened.notices).toEqual([expect.stringMatching(/could not be restored \(runtime\)/)]);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.corrupt-'))).toBe(false);
    expect(openConfSettings(dir).notices).toEqual([]);
  });

  it('keeps the window bounds, and ignores an invalid stored value', () => {
    const dir = freshDir();
    const state = { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true };
    openConfSettings(dir).setWindowState(state);
    expect(openConfSettings(dir).getWindowState()).toEqual(state);
    const file = join(dir, 'settings.json');
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...onDisk, window: { bounds: 'wide' } }));
    const reopened = openConfSettings(dir);
    expect(reopened.getWindowState()).toBeNull();
    expect(reopened.notices).toEqual([]);
  });
});

/** An error as node:fs throws it. */
const fsError = (code: string, syscall: string, path: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });

const settingsFile = (dir: string): string => join(dir, 'settings.json');
const confIn = (dir: string, files: SettingsFiles) =>
  openSettings(dir, (options) => new Conf({ ...options, cwd: dir, projectName: 'rig-advisor' }), files);

describe('settings that cannot be read or written still open', () => {
  it.each([['garbage'], [5], [null], [''], ['1.1'], [{ major: 1 }]])(
    'a migrations version of %j: the file is read and migrated, not a crash',
    (version) => {
      const dir = freshDir();
      const notes = { ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: 750 } };
      const file = { notes, machines: [storedMachine], __internal__: { migrations: { version } } };
      writeFileSync(settingsFile(dir), JSON.stringify(file));
      const settings = openConfSettings(dir);
      expect(settings.getNotes()).toEqual(notes);
      expect(settings.listMachines()).toEqual([storedMachine]);
      const onDisk = JSON.parse(readFileSync(settingsFile(dir), 'utf8'));
      expect(onDisk.__internal__.migrations.version).toBe('1.1.0');
    },
  );

  it.each([[5], ['x'], [[]], [{ migrations: 'none' }]])(
    'an __internal__ of %j is no crash either',
    (internal) => {
      const dir = freshDir();
      writeFileSync(settingsFile(dir), JSON.stringify({ machines: [storedMachine], __internal__: internal }));
      expect(openConfSettings(dir).listMachines()).toEqual([storedMachine]);
    },
  );

  it('names a permission error as one, leaves the file alone, and keeps changes in memory', () => {
    const dir = freshDir();
    const before = JSON.stringify({ notes: EMPTY_USER_NOTES, machines: [storedMachine] });
    writeFileSync(settingsFile(dir), before);
    const settings = confIn(dir, {
      ...nodeSettingsFiles,
      read: (path) => {
        throw fsError('EACCES', 'open', path);
      },
    });
    expect(settings.notices).toEqual([
      expect.stringMatching(/settings\.json cannot be read: permission denied\..*will not be saved/),
    ]);
    expect(settings.notices[0]).not.toMatch(/JSON/);
    const saved = settings.saveMachine({
      name: 'In memory',
      kind: 'planned',
      gpus: ['rtx-4090'],
      notes: EMPTY_USER_NOTES,
    });
    expect(settings.listMachines()).toEqual([saved]);
    expect(readFileSync(settingsFile(dir), 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('says a settings "file" that is a folder is one, and does not move it', () => {
    const dir = freshDir();
    mkdirSync(settingsFile(dir));
    const settings = openConfSettings(dir);
    expect(settings.notices).toEqual([expect.stringMatching(/cannot be read: it is a folder, not a file/)]);
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(settings.getNotes()).toEqual(EMPTY_USER_NOTES);
  });

  it('in a read-only folder, a corrupt file is left where it is and the app starts on defaults', () => {
    const dir = freshDir();
    writeFileSync(settingsFile(dir), '{"notes": ');
    chmodSync(dir, 0o555);
    const settings = openConfSettings(dir);
    expect(settings.notices).toEqual([
      expect.stringMatching(/not valid JSON.*read-only.*left as it is.*will not be saved/),
    ]);
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(settings.setNotes(EMPTY_USER_NOTES)).toEqual(EMPTY_USER_NOTES);
  });

  it('when moving a corrupt file aside fails, says why and still opens', () => {
    const dir = freshDir();
    writeFileSync(settingsFile(dir), '{"notes": ');
    const settings = confIn(dir, {
      ...nodeSettingsFiles,
      rename: (from) => {
        throw fsError('EACCES', 'rename', from);
      },
    });
    expect(settings.notices).toEqual([
      expect.stringMatching(
        /not valid JSON.*could not be moved aside \(permission denied\).*will not be saved/,
      ),
    ]);
    expect(readFileSync(settingsFile(dir), 'utf8')).toBe('{"notes": ');
  });

  it('never replaces a read-only settings file: its changes stay in memory, with a notice', () => {
    const dir = freshDir();
    const before = JSON.stringify({ notes: EMPTY_USER_NOTES, machines: [storedMachine] });
    writeFileSync(settingsFile(dir), before);
    chmodSync(settingsFile(dir), 0o444);
    const settings = openConfSettings(dir);
    expect(settings.notices).toEqual([
      expect.stringMatching(/settings\.json is read-only.*will not be saved/),
    ]);
    const notes = { ...EMPTY_USER_NOTES, case: { note: 'Fractal Define 7', expansionSlots: 7 } };
    settings.setNotes(notes);
    settings.deleteMachine(storedMachine.id);
    expect(settings.getNotes()).toEqual(notes);
    expect(settings.listMachines()).toEqual([]);
    expect(readFileSync(settingsFile(dir), 'utf8')).toBe(before);
  });

  it('a read-only file with a machine from a newer version keeps both in place, read-only', () => {
    const dir = freshDir();
    const before = JSON.stringify({
      machines: [storedMachine, { ...storedMachine, id: 'n', kind: 'cluster' }],
    });
    writeFileSync(settingsFile(dir), before);
    chmodSync(settingsFile(dir), 0o444);
    const settings = openConfSettings(dir);
    expect(settings.listMachines()).toEqual([storedMachine]);
    expect(settings.notices).toEqual([
      expect.stringMatching(/1 of your 2 saved machines could not be loaded.*left in .*settings\.json/),
      expect.stringMatching(/read-only.*will not be saved/),
    ]);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('starts on in-memory settings when there is no file and the folder is read-only', () => {
    const dir = freshDir();
    chmodSync(dir, 0o555);
    const settings = openConfSettings(dir);
    expect(settings.notices).toEqual([expect.stringMatching(/folder .* is read-only.*will not be saved/)]);
    settings.setNotes(EMPTY_USER_NOTES);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('when the store itself cannot be created (the Electron start-up path), opens on defaults with a notice', () => {
    const dir = freshDir();
    const settings = openSettings(dir, () => {
      throw new Error('Something went wrong during the migration!');
    });
    expect(settings.notices).toEqual([
      expect.stringMatching(
        /could not be opened \(Something went wrong during the migration!\).*will not be saved/,
      ),
    ]);
    expect(settings.listMachines()).toEqual([]);
    expect(settings.getState()).toBeNull();
  });

  it('moves a settings file far over the size limit aside without reading it', () => {
    const dir = freshDir();
    writeFileSync(settingsFile(dir), '{}');
    const settings = confIn(dir, {
      ...nodeSettingsFiles,
      size: () => 600 * 2 ** 20,
      read: () => {
        throw new Error('a file this large must not be read');
      },
    });
    expect(settings.notices).toEqual([
      expect.stringMatching(/600\.0 MiB.*settings\.corrupt-.*fresh settings/),
    ]);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.corrupt-'))).toBe(true);
  });

  it('keeps a machine whose id repeats an earlier one beside the file, not in the list', () => {
    const dir = freshDir();
    const twin = { ...storedMachine, name: 'Same id' };
    writeFileSync(settingsFile(dir), JSON.stringify({ machines: [storedMachine, twin] }));
    const settings = openConfSettings(dir);
    expect(settings.listMachines()).toEqual([storedMachine]);
    expect(rejectedIn(dir)).toEqual([
      expect.objectContaining({ part: 'machines[1]', value: twin, reason: expect.stringMatching(/same id/) }),
    ]);
  });

  it('keeps a machines value that is not a list beside the file, and the notes', () => {
    const dir = freshDir();
    const notes = { ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: 1600 } };
    writeFileSync(settingsFile(dir), JSON.stringify({ notes, machines: { m1: storedMachine } }));
    const settings = openConfSettings(dir);
    expect(settings.getNotes()).toEqual(notes);
    expect(settings.listMachines()).toEqual([]);
    expect(rejectedIn(dir)).toEqual([
      expect.objectContaining({ part: 'machines', value: { m1: storedMachine } }),
    ]);
  });

  it('refuses a save with a one-line reason when the file became unreadable after opening', () => {
    const dir = freshDir();
    const settings = openConfSettings(dir);
    rmSync(settingsFile(dir));
    mkdirSync(settingsFile(dir));
    expect(() => settings.setNotes(EMPTY_USER_NOTES)).toThrow(
      /^Settings could not be saved to .*settings\.json: it is a folder, not a file\.$/,
    );
  });

  it('treats a JSON value that is not an object as a corrupt file', () => {
    const dir = freshDir();
    writeFileSync(settingsFile(dir), '"just a string"');
    const settings = openConfSettings(dir);
    expect(settings.notices).toEqual([
      expect.stringMatching(/it is not a settings object.*settings\.corrupt-/),
    ]);
    expect(settings.getNotes()).toEqual(EMPTY_USER_NOTES);
  });

  it('reads a file that an editor saved with a byte-order mark instead of moving it aside', () => {
    const dir = freshDir();
    writeFileSync(settingsFile(dir), `\uFEFF${JSON.stringify({ machines: [storedMachine] })}`);
    const settings = openConfSettings(dir);
    expect(settings.notices).toEqual([]);
    expect(settings.listMachines()).toEqual([storedMachine]);
  });

  it.skipIf(process.platform === 'win32')(
    'does not read a settings "file" that is a pipe (reading one waits for a writer forever)',
    async () => {
      const dir = freshDir();
      execFileSync('mkfifo', [settingsFile(dir)]);
      // Only so that a regression fails instead of hanging: after a while, a writer for every read.
      const writer = spawn('sh', [
        '-c',
        'sleep 3; while :; do echo "{}" > "$1"; done',
        'sh',
        settingsFile(dir),
      ]);
      try {
        const settings = openConfSettings(dir);
        expect(settings.notices).toEqual([
          expect.stringMatching(/cannot be read: it is not a regular file \(a device, a pipe or a socket\)/),
        ]);
        expect(readdirSync(dir)).toEqual(['settings.json']);
      } finally {
        writer.kill();
      }
    },
  );
});
