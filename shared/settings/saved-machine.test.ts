import { describe, expect, it } from 'vitest';
import { GPU_CATALOG } from '../catalog/gpus';
import { EMPTY_USER_NOTES } from './settings-schema';
import {
  catalogGpuIdSchema,
  MachineFileError,
  machineFileName,
  machineFileText,
  parseMachineFile,
  savedMachineSchema,
  type SavedMachine,
} from './saved-machine';

const planned: SavedMachine = {
  id: 'm-1',
  name: 'Garage rig',
  savedAt: '2025-01-02T03:04:05.000Z',
  kind: 'planned',
  gpus: ['rtx-3090', 'rtx-3090'],
  notes: EMPTY_USER_NOTES,
};

function openError(text: string): string {
  try {
    parseMachineFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(MachineFileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('machine files', () => {
  it('round-trips a machine through its file text', () => {
    const text = machineFileText(planned);
    expect(JSON.parse(text)).toMatchObject({ format: 'rig-advisor-machine', version: 1 });
    expect(parseMachineFile(text)).toEqual(planned);
  });

  it.each([
    ['text that is not JSON', '{"format":', /not valid JSON/],
    ['JSON of another kind', JSON.stringify({ hello: 1 }), /not a Rig Advisor machine file.*missing/],
    [
      'a file from a newer version',
      JSON.stringify({ format: 'rig-advisor-machine', version: 2, machine: planned }),
      /version 2.*reads version 1.*newer/,
    ],
    [
      'a damaged field, named by its path',
      JSON.stringify({
        format: 'rig-advisor-machine',
        version: 1,
        machine: { ...planned, notes: { ...planned.notes, psu: { ...planned.notes.psu, watts: -1 } } },
      }),
      /damaged: machine\.notes\.psu\.watts/,
    ],
    [
      'a planned machine without GPUs',
      JSON.stringify({ format: 'rig-advisor-machine', version: 1, machine: { ...planned, gpus: undefined } }),
      /planned one its list of GPUs/,
    ],
  ])('refuses %s with one clear line', (_case, text, pattern) => {
    const message = openError(text);
    expect(message).toMatch(pattern);
    expect(message).not.toMatch(/\n/);
  });

  it('gives the file a safe name', () => {
    expect(machineFileName({ name: 'Garage rig: 2× 3090 / NVLink' })).toBe(
      'Garage-rig-2-3090-NVLink.rig-machine.json',
    );
    expect(machineFileName({ name: '../../..' })).toBe('machine.rig-machine.json');
  });

  it('accepts every catalog GPU id, and a scanned machine needs its profile', () => {
    for (const gpu of GPU_CATALOG) expect(catalogGpuIdSchema.safeParse(gpu.id).success, gpu.id).toBe(true);
    const scanned = { ...planned, kind: 'scanned', gpus: undefined };
    expect(savedMachineSchema.safeParse(scanned).success).toBe(false);
  });
});
