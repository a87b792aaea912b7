/** What every collector shares: one source in, one capture file (text or nothing) plus its manifest entry out. */
import type { CaptureFileName, ManifestFileEntry } from '@shared/hardware/capture-format';
import type { FileSource } from '../file-source';
import type { CommandRunner } from '../runner';

export interface CollectContext {
  readonly runner: CommandRunner;
  readonly files: FileSource;
  /** Null where the OS has no such notion (Windows). */
  readonly isRoot: boolean | null;
  /** Timeout for each command, ms. */
  readonly timeoutMs: number;
  /** Cap on one command's output or one file, bytes. */
  readonly maxBufferBytes: number;
  /** Aborted at the overall scan deadline: running commands are killed, no new ones start. */
  readonly signal: AbortSignal;
}

export interface CollectOutcome {
  /** The file's content, or null when nothing was produced. */
  readonly text: string | null;
  readonly entry: ManifestFileEntry;
}

export interface Collector {
  readonly file: CaptureFileName;
  /** The command line or path, as recorded in the manifest. */
  readonly command: string;
  /**
   * The program it runs (`nvidia-smi`): one program gets at most half the command slots, and once a
   * call of it timed out, its other calls are not started.
   */
  readonly program?: string;
  /** Reads /proc or sysfs only: runs in its own lane, never behind a hung command. */
  readonly readsFiles?: boolean;
  collect(ctx: CollectContext): Promise<CollectOutcome>;
}
