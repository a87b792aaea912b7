/**
 * Capture layer: which collectors run on which OS, and running them into a `CaptureBundle` within a
 * hard deadline. A live scan must finish on time even if a tool never exits, so the deadline does not
 * wait for anyone: whatever is still running is killed and recorded as timed-out.
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
  /** Each command's own timeout, ms. Default: the deadline. */
  readonly perCommandTimeoutMs?: number;
  readonly maxBufferBytes?: number;
  /** Collectors running at once. Default 4. */
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

/** Runs `work` over `items` with at most `limit` in flight; resolves when all are done. */
async function runPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

/** Resolves after `ms`; the returned `cancel` stops the timer so nothing keeps the process alive. */
function sleep(ms: number): { promise: Promise<void>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

function deadlineEntry(
  collector: Collector,
  startedAt: number | undefined,
  deadlineMs: number,
): ManifestFileEntry {
  const error =
    startedAt === undefined
      ? `not started before the ${deadlineMs} ms scan deadline`
      : `still running at the ${deadlineMs} ms scan deadline`;
  const durationMs = startedAt === undefined ? 0 : Math.round(performance.now() - startedAt);
  return {
    command: collector.command,
    exitCode: null,
    durationMs,
    errorKind: 'timed-out',
    error,
    written: false,
  };
}

export async function collectCapture(options: CollectCaptureOptions): Promise<CaptureResult> {
  const t0 = performance.now();
  const deadlineMs = options.deadlineMs ?? 10_000;
  const collectors = options.collectors ?? planCollectors(options.platform, options);
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // every running command listens on it; dozens are expected
  const ctx: CollectContext = {
    runner: options.runner,
    files: options.files,
    isRoot: options.isRoot,
    timeoutMs: options.perCommandTimeoutMs ?? deadlineMs,
    maxBufferBytes: options.maxBufferBytes ?? DEFAULT_MAX_BUFFER_BYTES,
    signal: controller.signal,
  };
  const outcomes = new Map<Collector, CollectOutcome>();
  const startedAt = new Map<Collector, number>();
  const pool = runPool(collectors, options.concurrency ?? 4, async (collector) => {
    if (controller.signal.aborted) return;
    startedAt.set(collector, performance.now());
    const outcome = await safeCollect(collector, ctx);
    if (controller.signal.aborted) return; // too late: already recorded as timed-out
    outcomes.set(collector, outcome);
    reportProgress(options.onProgress, {
      step: collector.file,
      done: outcomes.size,
      total: collectors.length,
    });
  });
  const deadline = sleep(deadlineMs);
  await Promise.race([pool, deadline.promise]);
  deadline.cancel();
  controller.abort(); // kills whatever still runs; the pool's late results are ignored
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
  collectors.forEach((c, i) => {
    const outcome = outcomes[i] as CollectOutcome;
    manifestFiles[c.file] = outcome.entry;
    if (outcome.text !== null) files[c.file] = outcome.text;
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
