/** `plan`: how a model fits and runs on a machine, per runtime and split (see README). */
import { parseArgs } from 'node:util';
import { CACHE_TYPES, type CacheType } from '@shared/engine/kv-cache';
import type { LlamaCppSettings } from '@shared/engine/llama-cpp-memory';
import { defaultContext } from '@shared/engine/planner/defaults';
import { formatPlanText } from '@shared/engine/planner/format-plan';
import { plan } from '@shared/engine/planner/planner';
import {
  RUNTIMES,
  SPLITS,
  type Goal,
  type PlanRequest,
  type Runtime,
  type SplitMode,
} from '@shared/engine/planner/plan-types';
import { CliUsageError } from '../cli-error';
import type { CliIo } from '../io';
import { MACHINE_OPTIONS, machineAndProfileFromOptions, positiveNumber } from '../options/machine-options';
import type { EngineMachine } from '@shared/engine/machine';
import type { HardwareProfile } from '@shared/hardware/profile';
import { MODEL_OPTIONS, modelFromOptions } from '../options/model-options';

export const PLAN_OPTIONS = {
  ...MACHINE_OPTIONS,
  ...MODEL_OPTIONS,
  runtime: { type: 'string' },
  split: { type: 'string' },
  concurrency: { type: 'string' },
  goal: { type: 'string' },
  'tensor-split': { type: 'string' },
  ngl: { type: 'string' },
  'n-cpu-moe': { type: 'string' },
  'cache-type-k': { type: 'string' },
  'cache-type-v': { type: 'string' },
  ubatch: { type: 'string' },
  'flash-attn': { type: 'string' },
  parallel: { type: 'string' },
  'gpu-memory-utilization': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** Parsed plan options (the advisor commands add theirs on top). */
export type PlanValues = ReturnType<
  typeof parseArgs<{ options: typeof PLAN_OPTIONS; allowPositionals: true }>
>['values'];

function oneOf<T extends string>(
  raw: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (raw === undefined) return undefined;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new CliUsageError(`${flag} must be one of ${allowed.join(', ')} (got "${raw}")`);
}

const whole = (raw: string | undefined, flag: string, min = 0): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new CliUsageError(`${flag} must be a whole number ≥ ${min}, not "${raw}"`);
  return n;
};

function llamaPins(v: PlanValues): Partial<LlamaCppSettings> {
  const pins: Record<string, unknown> = {};
  if (v['tensor-split'] !== undefined) {
    const parts = v['tensor-split'].split(',').map(Number);
    if (parts.some((p) => !Number.isFinite(p) || p < 0) || parts.every((p) => p === 0))
      throw new CliUsageError(`--tensor-split takes proportions like 3,1 (got "${v['tensor-split']}")`);
    pins.tensorSplit = parts;
  }
  if (v.ngl !== undefined) pins.ngl = whole(v.ngl, '--ngl');
  if (v['n-cpu-moe'] !== undefined) pins.nCpuMoe = whole(v['n-cpu-moe'], '--n-cpu-moe');
  if (v['cache-type-k'] !== undefined)
    pins.cacheTypeK = oneOf<CacheType>(v['cache-type-k'], CACHE_TYPES, '--cache-type-k');
  if (v['cache-type-v'] !== undefined)
    pins.cacheTypeV = oneOf<CacheType>(v['cache-type-v'], CACHE_TYPES, '--cache-type-v');
  if (v.ubatch !== undefined) pins.ubatch = whole(v.ubatch, '--ubatch', 1);
  if (v.parallel !== undefined) pins.parallel = whole(v.parallel, '--parallel', 1);
  if (v['flash-attn'] !== undefined)
    pins.flashAttention = oneOf(v['flash-attn'], ['on', 'off'] as const, '--flash-attn') === 'on';
  return pins as Partial<LlamaCppSettings>;
}

/** Builds the plan request from parsed options (shared with the advisor commands), with the scanned profile if any. */
export async function planRequestFromOptions(
  v: PlanValues,
  machineGiven?: { machine: EngineMachine; profile: HardwareProfile | null },
): Promise<{ request: PlanRequest; profile: HardwareProfile | null }> {
  const runtime = oneOf<Runtime>(v.runtime, RUNTIMES, '--runtime') ?? null;
  const split = oneOf<SplitMode | 'auto'>(v.split, [...SPLITS, 'auto'], '--split') ?? 'auto';
  const util = positiveNumber(v['gpu-memory-utilization'], '--gpu-memory-utilization');
  if (util !== null && util > 1)
    throw new CliUsageError('--gpu-memory-utilization is a fraction between 0 and 1');
  const { machine, profile } = machineGiven ?? (await machineAndProfileFromOptions(v));
  const model = await modelFromOptions(v, runtime);
  const ctx = whole(v.ctx, '--ctx', 256) ?? defaultContext(model.spec);
  const request: PlanRequest = {
    machine,
    model,
    ctx,
    runtime,
    split,
    concurrency: whole(v.concurrency, '--concurrency', 1) ?? 1,
    goal: oneOf<Goal>(v.goal, ['latency', 'throughput', 'context'], '--goal') ?? 'latency',
    llama: llamaPins(v),
    gpuMemoryUtilization: util,
  };
  return { request, profile };
}

export async function runPlan(argv: readonly string[], io: CliIo): Promise<number> {
  let values: PlanValues;
  try {
    values = parseArgs({
      args: [...argv],
      options: PLAN_OPTIONS,
      allowPositionals: true,
      strict: true,
    }).values;
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message} (see --help)`);
  }
  const result = plan((await planRequestFromOptions(values)).request);
  io.out(values.json ? JSON.stringify(result, null, 2) : formatPlanText(result));
  return 0;
}
