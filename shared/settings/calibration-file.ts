/**
 * A machine's calibration as it is kept: with a saved machine (settings, machine files) and as a
 * calibration file (`bench import … --save FILE`, read back by `--measurements FILE`):
 * `{ format: 'rig-advisor-calibration', version: 1, points, memory? }`. Each point is one measured run
 * and what was predicted for it (shared/engine/rig-calibration.ts); each memory point one buffer a load
 * or start-up log measured (shared/engine/memory-calibration.ts). `memory` is optional, so files and
 * saved machines from before it still read, and a reader from before it skips it.
 */
import { z } from 'zod';
import {
  MEMORY_BACKENDS,
  MEMORY_POINT_LIMITS as LIMITS,
  type MemoryCalibrationPoint,
} from '../engine/memory-calibration';
import { RUNTIMES, SPLITS } from '../engine/planner/plan-types';
import {
  MAX_CALIBRATION_POINTS,
  SPEED_POINT_LIMITS as SPEED,
  type RigCalibration,
  type RigCalibrationPoint,
} from '../engine/rig-calibration';

export const CALIBRATION_FILE_FORMAT = 'rig-advisor-calibration';
export const CALIBRATION_FILE_VERSION = 1;
/** Largest calibration file read, characters (400 points are ~200 KB). */
export const MAX_CALIBRATION_FILE_CHARS = 2 * 1024 * 1024;

const tokPerSec = z.number().positive().max(SPEED.tokPerSec);

export const rigCalibrationPointSchema = z.strictObject({
  runtime: z.enum(RUNTIMES),
  phase: z.enum(['decode', 'prefill']),
  gpus: z.array(z.string().min(1).max(120)).min(1).max(64),
  split: z.enum(SPLITS),
  ramOffload: z.boolean(),
  model: z.string().max(200),
  quant: z.string().max(80),
  kv: z.string().max(40),
  activeWeightGiB: z.number().positive().max(SPEED.activeWeightGiB),
  depth: z.number().int().min(0).max(SPEED.depth),
  concurrency: z.number().int().min(1).max(SPEED.concurrency),
  measuredTokPerSec: tokPerSec,
  predictedTokPerSec: tokPerSec,
  source: z.string().max(300),
  // Optional: points written before the backend was kept still read.
  backend: z.enum(MEMORY_BACKENDS).nullable().optional(),
});

/** A buffer's size, MiB: an overhead implied by a KV pool may come out below zero, never beyond a card. */
const bufferMiB = z.number().min(-LIMITS.bufferMiB).max(LIMITS.bufferMiB);
const count = (max: number) => z.number().int().min(1).max(max);

export const memoryCalibrationPointSchema = z
  .strictObject({
    runtime: z.enum(RUNTIMES),
    buffer: z.enum(['compute', 'overhead']),
    backend: z.enum(MEMORY_BACKENDS).nullable(),
    gpu: z.string().min(1).max(120),
    role: z.enum(['output', 'offload', 'layers']).nullable(),
    model: z.string().max(200),
    hiddenSize: count(LIMITS.hiddenSize),
    batchTokens: count(LIMITS.batchTokens),
    ctx: count(LIMITS.ctx),
    flashAttention: z.boolean(),
    gpus: count(LIMITS.gpus),
    measuredMiB: bufferMiB,
    predictedMiB: bufferMiB,
    source: z.string().max(300),
  })
  // A compute buffer is a ratio of two sizes: both positive, and of a known device role.
  .refine((p) => p.buffer === 'overhead' || (p.role !== null && p.measuredMiB > 0 && p.predictedMiB > 0), {
    message: 'a compute buffer needs its device role and positive measured and predicted sizes',
  });

/** What a saved machine keeps: its runs and buffers, and whether its plans use them. */
export const machineCalibrationSchema = z.strictObject({
  enabled: z.boolean(),
  points: z.array(rigCalibrationPointSchema).max(MAX_CALIBRATION_POINTS),
  memory: z.array(memoryCalibrationPointSchema).max(MAX_CALIBRATION_POINTS).optional(),
});
export interface MachineCalibration {
  readonly enabled: boolean;
  readonly points: readonly RigCalibrationPoint[];
  /** Absent in saved machines from before memory calibration. */
  readonly memory?: readonly MemoryCalibrationPoint[];
}

const calibrationFileSchema = z.object({
  format: z.literal(CALIBRATION_FILE_FORMAT),
  version: z.literal(CALIBRATION_FILE_VERSION),
  points: z.array(rigCalibrationPointSchema).max(MAX_CALIBRATION_POINTS),
  memory: z.array(memoryCalibrationPointSchema).max(MAX_CALIBRATION_POINTS).optional(),
});

// The schemas and the engine's types describe the same points: a field added to one fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Parsed = z.infer<typeof rigCalibrationPointSchema>;
const samePoint: Same<keyof Parsed, keyof RigCalibrationPoint> = true;
const readable: RigCalibrationPoint = {} as Parsed;
type ParsedMemory = z.infer<typeof memoryCalibrationPointSchema>;
const sameMemory: Same<keyof ParsedMemory, keyof MemoryCalibrationPoint> = true;
const readableMemory: MemoryCalibrationPoint = {} as ParsedMemory;
void samePoint;
void readable;
void sameMemory;
void readableMemory;

/** What a calibration file holds. */
export interface CalibrationFileContent {
  readonly points: RigCalibrationPoint[];
  readonly memory: MemoryCalibrationPoint[];
}

/** A calibration file that cannot be read; `message` is one line for the user. */
export class CalibrationFileError extends Error {
  override readonly name = 'CalibrationFileError';
}

/** Whether the text claims to be a calibration file (its JSON names the format). */
export const looksLikeCalibrationFile = (text: string): boolean =>
  /^\s*\{[\s\S]{0,200}"format"\s*:\s*"rig-advisor-calibration"/.test(text);

export function parseCalibrationFile(text: string): CalibrationFileContent {
  if (text.length > MAX_CALIBRATION_FILE_CHARS)
    throw new CalibrationFileError('This calibration file is over 2 MiB.');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CalibrationFileError(
      `This is not a calibration file: it is not valid JSON (${(error as Error).message}).`,
    );
  }
  const parsed = calibrationFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    throw new CalibrationFileError(
      `This is not a readable calibration file: ${where}${first?.message ?? 'invalid'}.`.replace(/\s+/g, ' '),
    );
  }
  return { points: parsed.data.points, memory: parsed.data.memory ?? [] };
}

/** A point's identity whatever order its fields were written in (a file read back, a point just built). */
const keyOf = (p: object): string => JSON.stringify(p, Object.keys(p).sort());

/** Added points after kept ones, each kept once (the newer copy, keyed without the prediction), newest at the cap. */
function merged<T extends object>(kept: readonly T[], added: readonly T[], key: (p: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const p of [...kept, ...added]) {
    seen.delete(key(p));
    seen.set(key(p), p);
  }
  return [...seen.values()].slice(-MAX_CALIBRATION_POINTS);
}

/** Points added to points already kept: a run imported twice is kept once; the newest are kept at the cap. */
export const mergePoints = (
  kept: readonly RigCalibrationPoint[],
  added: readonly RigCalibrationPoint[],
): RigCalibrationPoint[] => merged(kept, added, (p) => keyOf({ ...p, predictedTokPerSec: 0 }));

/** Memory points added to those kept, the same way: a log imported twice is kept once. */
export const mergeMemoryPoints = (
  kept: readonly MemoryCalibrationPoint[],
  added: readonly MemoryCalibrationPoint[],
): MemoryCalibrationPoint[] => merged(kept, added, (p) => keyOf({ ...p, predictedMiB: 0 }));

/** A machine's calibration with measurements added, turned on: the user added them to use them. */
export function withMeasurements(
  c: MachineCalibration,
  points: readonly RigCalibrationPoint[],
  memory: readonly MemoryCalibrationPoint[],
): MachineCalibration {
  const kept = mergeMemoryPoints(c.memory ?? [], memory);
  return { enabled: true, points: mergePoints(c.points, points), ...(kept.length ? { memory: kept } : {}) };
}

/** What the engine plans with: the kept runs and buffers while turned on, else nothing (uncalibrated). */
export function engineCalibration(c: MachineCalibration | null | undefined): RigCalibration | null {
  if (!c?.enabled || (c.points.length === 0 && !c.memory?.length)) return null;
  return { points: c.points, ...(c.memory?.length ? { memory: c.memory } : {}) };
}

export function calibrationFileText(
  points: readonly RigCalibrationPoint[],
  memory: readonly MemoryCalibrationPoint[] = [],
): string {
  const file = {
    format: CALIBRATION_FILE_FORMAT,
    version: CALIBRATION_FILE_VERSION,
    points,
    // Written only when there are some: a file of runs alone reads as it always did.
    ...(memory.length ? { memory } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
