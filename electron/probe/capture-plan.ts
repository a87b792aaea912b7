/**
 * Capture layer: which collectors run on which OS, and running them into a `CaptureBundle` within a
 * hard deadline. A live scan must finish on time even if a tool never exits, so the deadline does not
 * wait for anyone: whatever is still running is killed and recorded as timed-out, and what never
 * started says so (collect-schedule decides the order).
 */
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import packageJson from '../../package.json';
import {
  CAPTURE_FORMAT,
  type CaptureBundle,
  type CaptureFileName,
  type CaptureManifest,
  type ManifestFileEntry,
} from '@shared/hardware/capture-format';
import { redactCaptureFiles } from '@shared/hardware/redact';
import { AMD_COLLECTORS } from './collectors/amd';
import { dmiId } from './collectors/dmi-id';
import { cpuinfo, dmidecode, lspci, meminfo } from './collectors/linux-tools';
import { MACOS_COLLECTORS } from './collectors/macos';
import { NVIDIA_COLLECTORS } from './collectors/nvidia-smi';
import { sysfsPci } from './collectors/sysfs-pci';
import { systeminformationCollector, type SiLike } from './collectors/systeminformation';
import type { CollectContext, CollectOutcome, Collector } from './collectors/types';
import { WINDOWS_COLLECTORS } from './collectors/windows';
import { FILE_LANE_SLOTS, runLane } from './collect-schedule';
import { sanitizeCaptureText, stripControlCharacters } from './decode-text';
import type { FileSource } from './file-source';
import { DEFAULT_MAX_BUFFER_BYTES, type CommandRunner } from './runner';

export type CapturePlatform = CaptureManifest['platform'];

export function toCapturePlatform(platform: string): CapturePlatform {
  return platform === 'linux' || platform === 'win32' || platform === 'darwin' ? platform : 'unknown';
}

export interface PlanOptions {
  /** Stand-in for the systeminformation module (tests). */
  readonly loadSystemInformation?: () => Promise<SiLike>;
}

/** The collectors for one OS, in manifest order. nvidia-smi exists on Linux and Windows alike. */
export function planCollectors(platform: string, options: PlanOptions = {}): readonly Collector[] {
  const si = systeminformationCollector(options.loadSystemInformation);
  switch (toCapturePlatform(platform)) {
    case 'linux':
      return [
        ...NVIDIA_COLLECTORS,
        ...AMD_COLLECTORS,
        lspci,
        sysfsPci,
        dmiId,
        dmidecode,
        cpuinfo,
        meminfo,
        si,
      ];
    case 'win32':
      return [...NVIDIA_COLLECTORS, ...WINDOWS_COLLECTORS, si];
    case 'darwin':
      return [...MACOS_COLLECTORS, si];
    default:
      return [...NVIDIA_COLLECTORS, si];
  }
}

export interface CaptureProgress {
  /** The capture file whose collector just finished. */
  readonly step: string;
  readonly done: number;
  readonly total: number;
}

export interface CollectCaptureOptions extends PlanOptions {
  readonly runner: CommandRunner;
  readonly files: FileSource;
  /** `process.platform`; anything but linux/win32/darwin is recorded as `unknown`. */
  readonly platform: string;
  readonly isRoot: boolean | null;
  /** The whole scan ends by then, ms. Default 10 000. */
  readonly deadlineMs?: number;
  /** Each command's own timeout, ms (cut to what is left of the deadline). Default: half the deadline. */
  readonly perCommandTimeoutMs?: number;
  readonly maxBufferBytes?: number;
  /** Commands running at once (file reads have their own lane). Default 4. */
  readonly concurrency?: number;
  readonly onProgress?: (progress: CaptureProgress) => void;
  /** Replace UUIDs and serial numbers with placeholders (support bundles). */
  readonly redact?: boolean;
  /** Overrides the plan for the platform (tests, partial scans). */
  readonly collectors?: readonly Collector[];
  readonly version?: string;
  readonly now?: () => Date;
}

export interface CollectorTiming {
  readonly file: CaptureFileName;
  readonly durationMs: number;
  readonly errorKind: ManifestFileEntry['errorKind'];
}

export interface CaptureResult {
  readonly bundle: CaptureBundle;
  readonly timings: { readonly totalMs: number; readonly collectors: readonly CollectorTiming[] };
}

/** A collector that throws is a bug, but it must not sink the scan: record it as failed. */
async function safeCollect(collector: Collector, ctx: CollectContext): Promise<CollectOutcome> {
  try {
    return await collector.collect(ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      text: null,
      entry: {
        command: collector.command,
        exitCode: null,
        durationMs: 0,
        errorKind: 'failed',
        error: message,
        written: false,
      },
    };
  }
}

/** Resolves after `ms`; the returned `cancel` stops the timer so nothing keeps the process alive. */
function sleep(ms: number): { promise: Promise<void>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** Never started: no timeout to speak of, so it must not read as one ("did not answer within 0 s"). */
export const NOT_RUN_OUT_OF_TIME = "not run: the probe's time ran out";

function notRunEntry(collector: Collector, reason: string): ManifestFileEntry {
  return {
    command: collector.command,
    exitCode: null,
    durationMs: 0,
    errorKind: 'failed',
    error: reason,
    written: false,
  };
}

function deadlineEntry(
  collector: Collector,
  startedAt: number | undefined,
  deadlineMs: number,
): ManifestFileEntry {
  if (startedAt === undefined) return notRunEntry(collector, NOT_RUN_OUT_OF_TIME);
  return {
    command: collector.command,
    exitCode: null,
    durationMs: Math.round(performance.now() - startedAt),
    errorKind: 'timed-out',
    error: `still running at the ${deadlineMs} ms scan deadline`,
    written: false,
  };
}

/** Each command's own timeout when none is given: half the deadline, so what queued behind a hang still runs. */
export const COMMAND_SHARE_OF_DEADLINE = 0.5;
/** Time left below which nothing new starts (ms): even a healthy `lspci` takes tens of ms. */
const MIN_USEFUL_MS = 100;

export async function collectCapture(options: CollectCaptureOptions): Promise<CaptureResult> {
  const t0 = performance.now();
  const deadlineMs = options.deadlineMs ?? 10_000;
  const deadlineAt = t0 + deadlineMs;
  const perCommandMs =
    options.perCommandTimeoutMs ?? Math.max(1, Math.floor(deadlineMs * COMMAND_SHARE_OF_DEADLINE));
  const collectors = options.collectors ?? planCollectors(options.platform, options);
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // every running command listens on it; dozens are expected
  const base: CollectContext = {
    runner: options.runner,
    files: options.files,
    isRoot: options.isRoot,
    timeoutMs: perCommandMs,
    maxBufferBytes: options.maxBufferBytes ?? DEFAULT_MAX_BUFFER_BYTES,
    signal: controller.signal,
  };
  const outcomes = new Map<Collector, CollectOutcome>();
  const startedAt = new Map<Collector, number>();
  const record = (collector: Collector, outcome: CollectOutcome): void => {
    if (controller.signal.aborted) return; // too late: recorded at the deadline instead
    outcomes.set(collector, outcome);
    reportProgress(options.onProgress, {
      step: collector.file,
      done: outcomes.size,
      total: collectors.length,
    });
  };
  // Too little time left to be worth starting: it could only "time out", which would be untrue.
  const outOfTime = (): boolean => deadlineAt - performance.now() < Math.min(MIN_USEFUL_MS, perCommandMs);
  const skip = (collector: Collector, reason: string): void =>
    record(collector, {
      text: null,
      entry: notRunEntry(collector, outOfTime() ? NOT_RUN_OUT_OF_TIME : reason),
    });
  const run = async (collector: Collector): Promise<CollectOutcome> => {
    if (outOfTime()) {
      const entry = notRunEntry(collector, NOT_RUN_OUT_OF_TIME);
      record(collector, { text: null, entry });
      return { text: null, entry };
    }
    startedAt.set(collector, performance.now());
    // Its own timeout, but never past the deadline.
    const timeoutMs = Math.min(perCommandMs, Math.floor(deadlineAt - performance.now()));
    const outcome = await safeCollect(collector, { ...base, timeoutMs });
    record(collector, outcome);
    return outcome;
  };
  const lanes = Promise.all([
    runLane(
      collectors.filter((c) => c.readsFiles),
      { slots: FILE_LANE_SLOTS, signal: controller.signal, run, skip },
    ),
    runLane(
      collectors.filter((c) => !c.readsFiles),
      { slots: options.concurrency ?? 4, signal: controller.signal, run, skip },
    ),
  ]);
  const deadline = sleep(deadlineMs);
  await Promise.race([lanes, deadline.promise]);
  deadline.cancel();
  controller.abort(); // kills whatever still runs; late results are ignored
  const entries = collectors.map(
    (c) => outcomes.get(c) ?? { text: null, entry: deadlineEntry(c, startedAt.get(c), deadlineMs) },
  );
  const bundle = buildBundle(collectors, entries, options);
  const timings = collectors.map((c, i) => ({
    file: c.file,
    durationMs: entries[i]?.entry.durationMs ?? 0,
    errorKind: entries[i]?.entry.errorKind ?? null,
  }));
  return { bundle, timings: { totalMs: Math.round(performance.now() - t0), collectors: timings } };
}

function reportProgress(listener: CollectCaptureOptions['onProgress'], progress: CaptureProgress): void {
  try {
    listener?.(progress);
  } catch {
    // A broken progress listener (e.g. a closed window) must not stop the scan.
  }
}

function buildBundle(
  collectors: readonly Collector[],
  outcomes: readonly CollectOutcome[],
  options: CollectCaptureOptions,
): CaptureBundle {
  const files: Partial<Record<CaptureFileName, string>> = {};
  const manifestFiles: Record<string, ManifestFileEntry> = {};
  // Tools print what the driver or firmware says; a GPU name with escape codes must not reach a terminal.
  collectors.forEach((c, i) => {
    const { entry, text } = outcomes[i] as CollectOutcome;
    const error = typeof entry.error === 'string' ? stripControlCharacters(entry.error) : entry.error;
    manifestFiles[c.file] = { ...entry, error };
    if (text !== null) files[c.file] = sanitizeCaptureText(c.file, text);
  });
  const manifest: CaptureManifest = {
    format: CAPTURE_FORMAT,
    version: options.version ?? packageJson.version,
    platform: toCapturePlatform(options.platform),
    capturedAt: (options.now?.() ?? new Date()).toISOString(),
    isRoot: options.isRoot,
    redacted: options.redact === true,
    writer: 'rig-advisor',
    files: manifestFiles,
  };
  return { manifest, files: options.redact ? redactCaptureFiles(files).files : files, readIssues: [] };
}
