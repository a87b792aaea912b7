/** `scan [--replay DIR] [--json]`: probe this machine (or replay a capture) and print the profile. */
import { formatProfileText } from '@shared/hardware/format-profile';
import { mergeProfile } from '@shared/hardware/merge/merge-profile';
import { readCaptureDir } from '../../probe/capture-dir';
import { captureThisMachine } from '../../probe/hardware-service';
import type { CliIo } from '../io';

export interface ScanOptions {
  readonly replay?: string;
  readonly json: boolean;
  readonly deadlineMs?: number;
}

export async function runScan(options: ScanOptions, io: CliIo): Promise<number> {
  const bundle = options.replay
    ? await readCaptureDir(options.replay)
    : await captureThisMachine({
        deadlineMs: options.deadlineMs,
        onProgress: (p) => io.progress(`scan: ${p.step} (${p.done}/${p.total})`),
      });
  const profile = mergeProfile(bundle);
  io.out(options.json ? JSON.stringify(profile, null, 2) : formatProfileText(profile));
  return 0;
}
