import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_USER_NOTES } from '@shared/settings/settings-schema';
import type { SaveMachineInput } from '@shared/settings/saved-machine';
import { openConfSettings } from './conf-settings';

const freshDir = (): string => mkdtempSync(join(tmpdir(), 'rig-settings-'));

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

  it('treats a file that breaks the schema as corrupt too (nothing silently dropped)', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ notes: { psu: { watts: 'lots' } } }));
    const settings = openConfSettings(dir);
    expect(settings.notices[0]).toMatch(/does not match the settings schema/);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.corrupt-'))).toBe(true);
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

  it('quarantines a file whose saved machines break the schema, keeping them in the backup', () => {
    const dir = freshDir();
    const raw = JSON.stringify({
      notes: EMPTY_USER_NOTES,
      machines: [{ id: 'x', name: 'Half-written', kind: 'scanned', savedAt: 'yesterday' }],
    });
    writeFileSync(join(dir, 'settings.json'), raw);
    const settings = openConfSettings(dir);
    expect(settings.notices[0]).toMatch(/does not match the settings schema/);
    expect(settings.listMachines()).toEqual([]);
    const backup = readdirSync(dir).find((f) => f.startsWith('settings.corrupt-'));
    expect(readFileSync(join(dir, backup as string), 'utf8')).toBe(raw);
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
