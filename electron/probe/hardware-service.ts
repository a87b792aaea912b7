/**
 * The probe as the app and the CLI use it: a live scan of this machine, a replay of a capture
 * directory, or capture files handed over by the renderer — all ending in one `HardwareProfile`.
 */
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import type { CaptureBundle, CaptureFileName } from '@shared/hardware/capture-format';
import { mergeProfile } from '@shared/hardware/merge/merge-profile';
import type { ScanProgress, ScanResult } from '@shared/ipc/contract';
import { collectCapture } from './capture-plan';
import { readCaptureDir } from './capture-dir';
import { sanitizeCaptureText } from './decode-text';
import { createExecFileRunner, createNodeFileSource } from './runner';

export interface HardwareService {
  /** Probe this machine. */
  scanLive(onProgress: (progress: ScanProgress) => void): Promise<ScanResult>;
  /** Analyse capture files picked by the user (a folder from another machine). */
  analyseFiles(files: Partial<Record<CaptureFileName, string>>, label: string): Promise<ScanResult>;
  /** Read and analyse a capture directory on disk (a folder chosen in main's dialog). */
  analyseDir(dir: string): Promise<ScanResult>;
}

export interface HardwareServiceOptions {
  /** Replay this capture directory instead of probing the machine (`--replay`, `npm run web -- --replay`). */
  readonly replayDir?: string;
  /** Deadline for a live scan, ms. */
  readonly deadlineMs?: number;
}

/** Files the user picked, cleaned of terminal escape codes as a capture folder is when read. */
export function bundleFromFiles(files: Partial<Record<CaptureFileName, string>>): CaptureBundle {
  const clean = Object.fromEntries(
    Object.entries(files).flatMap(([name, text]) =>
      typeof text === 'string' ? [[name, sanitizeCaptureText(name, text)]] : [],
    ),
  ) as Partial<Record<CaptureFileName, string>>;
  return { manifest: null, files: clean, readIssues: [] };
}

/** Probes this machine and returns the capture bundle (what `capture` writes to disk). */
export async function captureThisMachine(
  options: { deadlineMs?: number; redact?: boolean; onProgress?: (p: ScanProgress) => void } = {},
): Promise<CaptureBundle> {
  const platform =
    process.platform === 'linux' || process.platform === 'win32' || process.platform === 'darwin'
      ? process.platform
      : 'linux';
  const { bundle } = await collectCapture({
    runner: createExecFileRunner(),
    files: createNodeFileSource(),
    platform,
    isRoot: typeof process.geteuid === 'function' ? process.geteuid() === 0 : null,
    deadlineMs: options.deadlineMs ?? 10_000,
    onProgress: options.onProgress,
    redact: options.redact ?? false,
  });
  return bundle;
}

export function createHardwareService(options: HardwareServiceOptions = {}): HardwareService {
  const timed = async (
    origin: ScanResult['origin'],
    load: () => Promise<CaptureBundle>,
  ): Promise<ScanResult> => {
    const start = performance.now();
    const profile = mergeProfile(await load());
    return { profile, origin, durationMs: Math.round(performance.now() - start) };
  };
  return {
    scanLive: (onProgress) =>
      options.replayDir
        ? timed({ kind: 'capture', label: options.replayDir }, () =>
            readCaptureDir(options.replayDir as string),
          )
        : timed({ kind: 'live' }, () => captureThisMachine({ deadlineMs: options.deadlineMs, onProgress })),
    analyseFiles: (files, label) => timed({ kind: 'capture', label }, async () => bundleFromFiles(files)),
    analyseDir: (dir) => timed({ kind: 'capture', label: dir }, () => readCaptureDir(dir)),
  };
}

export const hostDescription = (): string => `${os.hostname()} (${process.platform} ${os.release()})`;
