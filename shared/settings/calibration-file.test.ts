import { describe, expect, it } from 'vitest';
import { COMPUTE_POINT } from '../../test/support/calibration-points';
import type { MemoryCalibrationPoint } from '../engine/memory-calibration';
import type { RigCalibrationPoint } from '../engine/rig-calibration';
import {
  CalibrationFileError,
  calibrationFileText,
  engineCalibration,
  machineCalibrationSchema,
  parseCalibrationFile,
  withMeasurements,
} from './calibration-file';

const run: RigCalibrationPoint = {
  runtime: 'llama.cpp',
  phase: 'decode',
  gpus: ['rtx-3090'],
  split: 'none',
  ramOffload: false,
  model: 'Llama 3.1 8B',
  quant: 'Q4_K_M',
  kv: 'f16/f16 fa',
  activeWeightGiB: 4.6,
  depth: 64,
  concurrency: 1,
  measuredTokPerSec: 110,
  predictedTokPerSec: 100,
  source: 'bench.md',
};
const buffer = COMPUTE_POINT;

describe('calibration files with memory points', () => {
  it('a file written before memory points reads, with none', () => {
    const old = `{"format":"rig-advisor-calibration","version":1,"points":${JSON.stringify([run])}}`;
    expect(parseCalibrationFile(old)).toEqual({ points: [run], memory: [] });
  });

  it('runs and buffers survive the round trip; a file of runs alone is written as it always was', () => {
    expect(parseCalibrationFile(calibrationFileText([run], [buffer]))).toEqual({
      points: [run],
      memory: [buffer],
    });
    expect(JSON.parse(calibrationFileText([run]))).not.toHaveProperty('memory');
  });

  it.each([
    ['a compute buffer without its device role', { role: null }],
    ['a compute buffer of no size', { measuredMiB: 0 }],
    ['a backend it does not know', { backend: 'OpenCL' }],
    ['a buffer beyond any card', { measuredMiB: 1e9 }],
    ['a field it does not know', { extra: 1 }],
  ])('refuses %s with one line naming the field', (_, change) => {
    const text = calibrationFileText([], [{ ...buffer, ...change } as MemoryCalibrationPoint]);
    expect(() => parseCalibrationFile(text)).toThrow(CalibrationFileError);
    expect(() => parseCalibrationFile(text)).toThrow(/^This is not a readable calibration file: memory\.0/);
  });

  it('an overhead may come out below zero (the KV pool was larger than modelled)', () => {
    const overhead = {
      ...buffer,
      runtime: 'vllm',
      buffer: 'overhead',
      role: null,
      measuredMiB: -300,
    } as const;
    expect(parseCalibrationFile(calibrationFileText([], [overhead])).memory).toEqual([overhead]);
  });
});

describe("a machine's calibration", () => {
  it('saved machines from before memory points still read', () => {
    expect(machineCalibrationSchema.safeParse({ enabled: true, points: [run] }).success).toBe(true);
  });

  it('adding measurements turns it on and keeps each log once', () => {
    const off = { enabled: false, points: [run], memory: [buffer] };
    const added = withMeasurements(off, [run], [{ ...buffer, predictedMiB: 310 }]);
    expect(added.enabled).toBe(true);
    expect(added.points).toHaveLength(1);
    expect(added.memory).toEqual([{ ...buffer, predictedMiB: 310 }]);
  });

  it('the engine plans with the runs and buffers while it is on, with nothing when off or empty', () => {
    expect(engineCalibration({ enabled: true, points: [], memory: [buffer] })).toEqual({
      points: [],
      memory: [buffer],
    });
    expect(engineCalibration({ enabled: false, points: [run], memory: [buffer] })).toBeNull();
    expect(engineCalibration({ enabled: true, points: [] })).toBeNull();
    expect(engineCalibration(undefined)).toBeNull();
  });
});
