/** Size limits on the settings file, and one row per machine however often it is saved or imported. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { machineFileText, type SavedMachine, type SaveMachineInput } from '@shared/settings/saved-machine';
import { EMPTY_USER_NOTES } from '@shared/settings/settings-schema';
import { MAX_CALIBRATION_POINTS } from '@shared/engine/rig-calibration';
import { dispatch } from '../ipc/dispatch';
import { createMachineHandlers } from '../ipc/machine-handlers';
import { openConfSettings } from './conf-settings';

const madeDirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rig-settings-limits-'));
  madeDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
});

const MiB = 2 ** 20;
const ctx = { emitProgress: () => undefined };

/**
 * A valid planned machine of about `mib` MiB of JSON: its bulk is measured runs (each names 64 GPUs),
 * the largest thing the schema lets a machine hold.
 */
function machineOfSize(mib: number, name = 'Big rig'): SaveMachineInput {
  const point = {
    runtime: 'llama.cpp',
    phase: 'decode',
    gpus: Array.from({ length: 64 }, (_, i) => `gpu-${i}-`.padEnd(120, 'x')),
    split: 'layer',
    ramOffload: false,
    model: 'qwen2.5-72b',
    quant: 'Q4_K_M',
    kv: 'f16',
    activeWeightGiB: 40,
    depth: 0,
    concurrency: 1,
    measuredTokPerSec: 20,
    predictedTokPerSec: 21,
    source: 's'.repeat(300),
  } as const;
  const pointChars = JSON.stringify(point).length;
  const count = Math.min(MAX_CALIBRATION_POINTS, Math.round((mib * MiB) / (pointChars + 1)));
  const points = Array.from({ length: count }, () => point);
  return {
    name,
    kind: 'planned',
    gpus: ['rtx-3090'],
    notes: EMPTY_USER_NOTES,
    calibration: { enabled: true, points },
  };
}

const stored = (input: SaveMachineInput, id: string): SavedMachine =>
  ({ ...input, id, savedAt: '2025-01-01T00:00:00.000Z' }) as SavedMachine;

describe('settings size limits', () => {
  it('refuses to save a machine over 2 MiB with a one-line reason, and writes nothing', () => {
    const dir = freshDir();
    const settings = openConfSettings(dir);
    const before = readFileSync(settings.path, 'utf8');
    expect(() => settings.saveMachine(machineOfSize(3))).toThrow(
      /^This machine takes 3\.0 MiB saved, over the 2 MiB a saved machine may take\.$/,
    );
    expect(readFileSync(settings.path, 'utf8')).toBe(before);
    expect(settings.listMachines()).toEqual([]);
  });

  it('refuses to import a 3.9 MB machine file (400 runs, the most a machine holds) through machines:import as {ok:false}', async () => {
    const handlers = createMachineHandlers(openConfSettings(freshDir()));
    const text = machineFileText(stored(machineOfSize(4), 'big'));
    expect(text.length).toBeGreaterThan(3.5 * MiB);
    const result = await dispatch(handlers as never, 'machines:import', { text }, ctx);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message: expect.stringMatching(/^This machine takes 3\.\d MiB saved, over the 2 MiB/),
      },
    });
  });

  it('keeps the settings file under 32 MiB: machines past it stay beside the file, and a save past it is refused', () => {
    const dir = freshDir();
    const big = machineOfSize(1.95);
    const machines = Array.from({ length: 17 }, (_, i) => stored({ ...big, name: `Rig ${i}` }, `m${i}`));
    // Stamped current, so conf runs no migrations over 33 MB (each re-reads the whole file).
    const internal = { migrations: { version: '1.1.0' } };
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ notes: EMPTY_USER_NOTES, machines, __internal__: internal }),
    );

    const settings = openConfSettings(dir);
    expect(settings.listMachines()).toHaveLength(16);
    expect(settings.notices).toEqual([
      expect.stringMatching(/^1 of your 17 saved machines could not be loaded \(machines\[16\]: .*32 MiB/),
    ]);
    expect(readdirSync(dir).filter((f) => f.startsWith('settings.rejected-'))).toHaveLength(1);

    const before = readFileSync(settings.path, 'utf8');
    expect(() => settings.saveMachine({ ...big, name: 'One more' })).toThrow(
      /^Saving this would make the settings 3[23]\.\d MiB, over the 32 MiB Rig Advisor keeps; delete a saved machine you no longer need\.$/,
    );
    expect(readFileSync(settings.path, 'utf8')).toBe(before);
    // A small machine still fits.
    expect(settings.saveMachine({ ...machineOfSize(0), name: 'Small' }).name).toBe('Small');
  }, 120_000); // a hang guard only: 33 MB of JSON is parsed a few times

  it('on opening, keeps a stored machine over 2 MiB beside the file and the others in the list', () => {
    const dir = freshDir();
    const small = stored(
      { name: 'Small', kind: 'planned', gpus: ['rtx-3090'], notes: EMPTY_USER_NOTES },
      'small',
    );
    const huge = stored(machineOfSize(2.5), 'huge');
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ machines: [huge, small] }));
    const settings = openConfSettings(dir);
    expect(settings.listMachines().map((m) => m.id)).toEqual(['small']);
    expect(settings.notices[0]).toMatch(
      /machines\[0\]: it takes 2\.5 MiB, over the 2 MiB a saved machine may take/,
    );
  });
});

describe('one row per machine', () => {
  const planned: SaveMachineInput = {
    name: 'Two 3090s',
    kind: 'planned',
    gpus: ['rtx-3090', 'rtx-3090'],
    notes: EMPTY_USER_NOTES,
  };

  it('saving the same new machine twice gives back the first one', () => {
    const settings = openConfSettings(freshDir());
    const first = settings.saveMachine(planned, new Date('2025-03-01T10:00:00Z'));
    const again = settings.saveMachine(
      { ...planned, name: '  Two 3090s ' },
      new Date('2025-03-02T10:00:00Z'),
    );
    expect(again).toEqual(first);
    expect(settings.listMachines()).toEqual([first]);
  });

  it('re-importing the same machine file returns the saved machine instead of a copy', async () => {
    const settings = openConfSettings(freshDir());
    const handlers = createMachineHandlers(settings);
    const saved = settings.saveMachine(planned);
    const text = machineFileText(saved);
    const imported = await dispatch(handlers as never, 'machines:import', { text }, ctx);
    const twice = await dispatch(handlers as never, 'machines:import', { text }, ctx);
    expect(imported).toEqual({ ok: true, value: saved });
    expect(twice).toEqual({ ok: true, value: saved });
    expect(settings.listMachines()).toEqual([saved]);
    // A file that differs in anything but its id and time is a machine of its own.
    const other = machineFileText({ ...saved, name: 'Two 3090s (copy)' });
    const copy = await dispatch(handlers as never, 'machines:import', { text: other }, ctx);
    expect(copy.ok && copy.value.id).not.toBe(saved.id);
    expect(settings.listMachines()).toHaveLength(2);
  });

  it('matches content regardless of key order in the file', async () => {
    const settings = openConfSettings(freshDir());
    const saved = settings.saveMachine({
      ...planned,
      notes: { case: EMPTY_USER_NOTES.case, psu: EMPTY_USER_NOTES.psu },
    });
    const { notes, gpus, kind, name } = saved;
    const reordered = {
      format: 'rig-advisor-machine',
      version: 1,
      machine: { notes, gpus, savedAt: saved.savedAt, id: 'other', kind, name },
    };
    const imported = await dispatch(
      createMachineHandlers(settings) as never,
      'machines:import',
      { text: JSON.stringify(reordered) },
      ctx,
    );
    expect(imported).toEqual({ ok: true, value: saved });
  });
});
