import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_USER_NOTES } from '@shared/settings/settings-schema';
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
});
