/**
 * A machine's calibration as it is kept: with a saved machine (settings, machine files) and as a
 * calibration file (`bench import … --save FILE`, read back by `--measurements FILE`):
 * `{ format: 'rig-advisor-calibration', version: 1, points }`. Each point is one measured run and what
 * was predicted for it (shared/engine/rig-calibration.ts).
 */
import { z } from 'zod';
import { RUNTIMES, SPLITS } from '../engine/planner/plan-types';
import { MAX_CALIBRATION_POINTS, type RigCalibrationPoint } from '../engine/rig-calibration';

export const CALIBRATION_FILE_FORMAT = 'rig-advisor-calibration';
export const CALIBRATION_FILE_VERSION = 1;
/** Largest calibration file read, characters (400 points are ~200 KB). */
export const MAX_CALIBRATION_FILE_CHARS = 2 * 1024 * 1024;

const tokPerSec = z.number().positive().max(1e6);

export const rigCalibrationPointSchema = z.strictObject({
  runtime: z.enum(RUNTIMES),
  phase: z.enum(['decode', 'prefill']),
  gpus: z.array(z.string().min(1).max(120)).min(1).max(64),
  split: z.enum(SPLITS),
  ramOffload: z.boolean(),
  model: z.string().max(200),
  quant: z.string().max(80),
  kv: z.string().max(40),
  activeWeightGiB: z.number().positive().max(4096),
  depth: z
    .number()
    .int()
    .min(0)
    .max(1 << 24),
  concurrency: z.number().int().min(1).max(65_536),
  measuredTokPerSec: tokPerSec,
  predictedTokPerSec: tokPerSec,
  source: z.string().max(300),
});

/** What a saved machine keeps: its runs, and whether its plans use them. */
export const machineCalibrationSchema = z.strictObject({
  enabled: z.boolean(),
  points: z.array(rigCalibrationPointSchema).max(MAX_CALIBRATION_POINTS),
});
export interface MachineCalibration {
  readonly enabled: boolean;
  readonly points: readonly RigCalibrationPoint[];
}

const calibrationFileSchema = z.object({
  format: z.literal(CALIBRATION_FILE_FORMAT),
  version: z.literal(CALIBRATION_FILE_VERSION),
  points: z.array(rigCalibrationPointSchema).max(MAX_CALIBRATION_POINTS),
});

// The schema and the engine's type describe the same point: a field added to one fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Parsed = z.infer<typeof rigCalibrationPointSchema>;
const samePoint: Same<keyof Parsed, keyof RigCalibrationPoint> = true;
const readable: RigCalibrationPoint = {} as Parsed;
void samePoint;
void readable;

/** A calibration file that cannot be read; `message` is one line for the user. */
export class CalibrationFileError extends Error {
  override readonly name = 'CalibrationFileError';
}

/** Whether the text claims to be a calibration file (its JSON names the format). */
export const looksLikeCalibrationFile = (text: string): boolean =>
  /^\s*\{[\s\S]{0,200}"format"\s*:\s*"rig-advisor-calibration"/.test(text);

export function parseCalibrationFile(text: string): RigCalibrationPoint[] {
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
  return parsed.data.points;
}

/** Points added to points already kept: a run imported twice is kept once; the newest are kept at the cap. */
export function mergePoints(
  kept: readonly RigCalibrationPoint[],
  added: readonly RigCalibrationPoint[],
): RigCalibrationPoint[] {
  const key = (p: RigCalibrationPoint) => JSON.stringify({ ...p, predictedTokPerSec: 0 });
  const seen = new Map<string, RigCalibrationPoint>();
  for (const p of [...kept, ...added]) {
    seen.delete(key(p));
    seen.set(key(p), p);
  }
  return [...seen.values()].slice(-MAX_CALIBRATION_POINTS);
}

export function calibrationFileText(points: readonly RigCalibrationPoint[]): string {
  return `${JSON.stringify({ format: CALIBRATION_FILE_FORMAT, version: CALIBRATION_FILE_VERSION, points }, null, 2)}\n`;
}
