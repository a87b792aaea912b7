/**
 * The options every advisor command takes (`plan`, `check`, `commands`, `checklist`, `upgrade`,
 * `compare`), parsed once into the advisor's input: the machine (`machine-options.ts`), the model
 * (`model-options.ts`), how to run it, llama.cpp pins, the user's notes (`--psu-*`, `--case-slots`),
 * the strategy to follow, and where the weights are. The CLI only parses; the advisor decides.
 */
import { parseArgs } from 'node:util';
import type { AdviceInput, CommandRequest, RunOptions } from '@shared/engine/advisor/advise';
import type { MachineDescription } from '@shared/engine/advisor/machine-input';
import {
  parseRuntimeVersion,
  type RuntimeVersions,
  type VersionedRuntime,
} from '@shared/engine/commands/flags/runtime-version';
import { CACHE_TYPES, type CacheType } from '@shared/engine/kv-cache';
import type { LlamaCppSettings } from '@shared/engine/llama-cpp-memory';
import type { HardwareProfile } from '@shared/hardware/profile';
import type { EngineMachine } from '@shared/engine/machine';
import { RUNTIMES, SPLITS, type Goal, type Runtime, type SplitMode } from '@shared/engine/planner/plan-types';
import { EMPTY_USER_NOTES, type UserNotes } from '@shared/engine/rig-notes';
import type { SlotPlacement } from '@shared/engine/slot-placement';
import { tensorSplitSchema } from '@shared/settings/app-state';
import { CliUsageError } from '../cli-error';
import { MACHINE_OPTIONS, machineDescriptionFromOptions, resolveMachineForCli } from './machine-options';
import { calibrationFromFiles } from './measurement-options';
import { MODEL_OPTIONS, modelFromOptions } from './model-options';
import { usageFromParseArgs } from './parse-error';
import { flagNumber } from './ranges';

export const ADVICE_OPTIONS = {
  ...MACHINE_OPTIONS,
  ...MODEL_OPTIONS,
  runtime: { type: 'string' },
  split: { type: 'string' },
  strategy: { type: 'string' },
  concurrency: { type: 'string' },
  depth: { type: 'string' },
  serving: { type: 'string' },
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
  'psu-watts': { type: 'string' },
  'psu-pcie8': { type: 'string' },
  'psu-12vhpwr': { type: 'string' },
  'psu-atx3': { type: 'boolean', default: false },
  'case-slots': { type: 'string' },
  'model-path': { type: 'string' },
  'runtime-version': { type: 'string', multiple: true },
  format: { type: 'string' },
  out: { type: 'string' },
  build: { type: 'string', multiple: true },
  price: { type: 'string', multiple: true },
  measurements: { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
} as const;

export type AdviceValues = ReturnType<
  typeof parseArgs<{ options: typeof ADVICE_OPTIONS; allowPositionals: true }>
>['values'];

export function parseAdviceArgs(argv: readonly string[]): AdviceValues {
  let values: AdviceValues;
  try {
    values = parseArgs({
      args: [...argv],
      options: ADVICE_OPTIONS,
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (error) {
    throw usageFromParseArgs(error, argv);
  }
  checkPrices(values.price);
  return values;
}

/**
 * `--price GPU=USD` (upgrade): each price within its range, checked with the other numbers before any
 * work; the upgrade command resolves the GPU names.
 */
function checkPrices(entries: readonly string[] | undefined): void {
  for (const entry of entries ?? []) {
    const usd = entry.slice(entry.lastIndexOf('=') + 1);
    if (entry.includes('=') && /^\s*[\d.]/.test(usd)) flagNumber(usd, '--price');
  }
}

function oneOf<T extends string>(
  raw: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (raw === undefined) return undefined;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new CliUsageError(`${flag} must be one of ${allowed.join(', ')} (got "${raw}")`);
}

/** `--tensor-split 3,1`: one share per GPU, as the app's llama.cpp pins hold them (app-state.ts). */
function tensorSplitOf(raw: string): number[] {
  const usage = '--tensor-split takes one share per GPU like 3,1 or 0.75,0.25';
  const shares = raw.split(',').map((part) => {
    if (!/^\s*(?:\d+\.?\d*|\.\d+)\s*$/.test(part)) throw new CliUsageError(`${usage} (got "${raw}")`);
    return Number(part);
  });
  const checked = tensorSplitSchema.safeParse(shares);
  if (!checked.success)
    throw new CliUsageError(`${usage}: ${checked.error.issues[0]?.message ?? 'not shares'} (got "${raw}")`);
  return checked.data;
}

function llamaPins(v: AdviceValues): Partial<LlamaCppSettings> {
  const pins: Record<string, unknown> = {};
  if (v['tensor-split'] !== undefined) pins.tensorSplit = tensorSplitOf(v['tensor-split']);
  if (v.ngl !== undefined) pins.ngl = flagNumber(v.ngl, '--ngl');
  if (v['n-cpu-moe'] !== undefined) pins.nCpuMoe = flagNumber(v['n-cpu-moe'], '--n-cpu-moe');
  if (v['cache-type-k'] !== undefined)
    pins.cacheTypeK = oneOf<CacheType>(v['cache-type-k'], CACHE_TYPES, '--cache-type-k');
  if (v['cache-type-v'] !== undefined)
    pins.cacheTypeV = oneOf<CacheType>(v['cache-type-v'], CACHE_TYPES, '--cache-type-v');
  if (v.ubatch !== undefined) pins.ubatch = flagNumber(v.ubatch, '--ubatch');
  if (v.parallel !== undefined) pins.parallel = flagNumber(v.parallel, '--parallel');
  if (v['flash-attn'] !== undefined)
    pins.flashAttention = oneOf(v['flash-attn'], ['on', 'off'] as const, '--flash-attn') === 'on';
  return pins as Partial<LlamaCppSettings>;
}

/** `--runtime`, `--split`, `--ctx`, `--goal`, `--concurrency`, the pins and `--gpu-memory-utilization`. */
export function runFromOptions(v: AdviceValues): RunOptions {
  return {
    ctx: flagNumber(v.ctx, '--ctx'),
    goal: oneOf<Goal>(v.goal, ['latency', 'throughput', 'context'], '--goal') ?? 'latency',
    concurrency: flagNumber(v.concurrency, '--concurrency') ?? 1,
    runtime: oneOf<Runtime>(v.runtime, RUNTIMES, '--runtime') ?? null,
    split: oneOf<SplitMode | 'auto'>(v.split, [...SPLITS, 'auto'], '--split') ?? 'auto',
    llama: llamaPins(v),
    gpuMemoryUtilization: flagNumber(v['gpu-memory-utilization'], '--gpu-memory-utilization'),
    depth: flagNumber(v.depth, '--depth'),
    serving: servingOf(v.serving),
  };
}

/** `--serving PROMPT:OUTPUT`: each request's prompt and answer lengths, tokens. */
function servingOf(raw: string | undefined): RunOptions['serving'] {
  if (raw === undefined) return null;
  const m = /^(\d+):(\d+)$/.exec(raw.trim());
  const promptTokens = Number(m?.[1]);
  const outputTokens = Number(m?.[2]);
  if (!m || promptTokens < 1 || outputTokens < 1 || promptTokens > 1e7 || outputTokens > 1e7)
    throw new CliUsageError(
      `--serving takes each request's prompt and answer tokens as PROMPT:OUTPUT, e.g. 16384:256 (got "${raw}")`,
    );
  return { promptTokens, outputTokens };
}

export function notesFromOptions(v: AdviceValues): UserNotes {
  return {
    psu: {
      watts: flagNumber(v['psu-watts'], '--psu-watts'),
      pcie8PinCables: flagNumber(v['psu-pcie8'], '--psu-pcie8'),
      connectors12vhpwr: flagNumber(v['psu-12vhpwr'], '--psu-12vhpwr'),
      // The power rule reads "ATX 3" in the PSU note (power-rule.ts isAtx3), as the app's note field.
      note: v['psu-atx3'] ? 'ATX 3.x' : '',
    },
    case: { ...EMPTY_USER_NOTES.case, expansionSlots: flagNumber(v['case-slots'], '--case-slots') },
  };
}

/** Everything the advisor needs, and what the options said about the machine beyond it. */
export interface CliAdvice {
  readonly input: AdviceInput;
  readonly description: MachineDescription;
  readonly machine: EngineMachine;
  readonly profile: HardwareProfile | null;
  /** `--measurements`: what was left out of the calibration, with why. */
  readonly calibrationNotes: readonly string[];
}

/** `--runtime-version llama.cpp=b6000` (repeatable): the runtime versions the commands must start on. */
export function versionsFromOptions(entries: readonly string[]): RuntimeVersions {
  const out: Partial<Record<VersionedRuntime, string>> = {};
  for (const entry of entries) {
    const parsed = parseRuntimeVersion(entry);
    if ('error' in parsed) throw new CliUsageError(`--runtime-version: ${parsed.error}`);
    out[parsed.runtime] = parsed.version;
  }
  return out;
}

/**
 * The advisor input from the options. `newCard: true` (upgrade) sets aside a `--slot` for the GPU
 * after the machine's last one: it is where the card being considered would sit.
 */
export async function adviceFromOptions(
  v: AdviceValues,
  options: { newCard?: boolean } = {},
): Promise<CliAdvice & { newCardSlot: SlotPlacement | null }> {
  const found = await machineDescriptionFromOptions(v);
  let description = found.description;
  let newCardSlot: SlotPlacement | null = null;
  if (options.newCard) {
    const next =
      description.source.kind === 'catalog'
        ? description.source.gpuNames.length
        : Math.max(-1, ...description.source.profile.gpus.map((g) => g.index)) + 1;
    newCardSlot = description.slots?.find((s) => s.gpuIndex === next) ?? null;
    description = { ...description, slots: description.slots?.filter((s) => s.gpuIndex !== next) ?? [] };
  }
  const resolved = resolveMachineForCli(description);
  const { profile } = resolved;
  const run = runFromOptions(v);
  const model = await modelFromOptions(v, run.runtime);
  // The machine's own runs calibrate its plans; compared against the uncalibrated plan of this model.
  const measured = v.measurements?.length
    ? calibrationFromFiles(v.measurements, {
        machine: resolved.machine,
        profile,
        model,
        run,
        notes: notesFromOptions(v),
      })
    : null;
  const machine = measured
    ? {
        ...resolved.machine,
        calibration: {
          points: measured.points,
          ...(measured.memory.length ? { memory: measured.memory } : {}),
        },
      }
    : resolved.machine;
  const versions = versionsFromOptions(v['runtime-version'] ?? []);
  const commands: CommandRequest = {
    ...(v['model-path'] ? { modelPath: v['model-path'] } : {}),
    ...(Object.keys(versions).length ? { versions } : {}),
    ...(found.headAddress ? { headAddress: found.headAddress } : {}),
    workerAddresses: found.workerAddresses,
  };
  return {
    input: {
      machine,
      profile,
      model,
      run,
      notes: notesFromOptions(v),
      strategyId: v.strategy ?? null,
      commands,
    },
    description,
    machine,
    profile,
    calibrationNotes: measured?.notes ?? [],
    newCardSlot,
  };
}
