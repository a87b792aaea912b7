/**
 * The most GPUs a capture is read for. A profile holds at most 256 (`gpus … max(256)` in
 * profile-schema.ts), far above any one machine (the largest single-OS systems show 16 or so). A
 * generated or hostile file listing thousands would otherwise cost every GPU pair downstream
 * (links, topology matrices): 5000 GPUs are 12.5 million pairs.
 */
import type { ParseIssue } from '../records';

export const MAX_GPUS = 256;

/** The first `MAX_GPUS` entries, plus an error issue naming how many there were, when there are more. */
export function capGpus<T>(gpus: readonly T[], issues: ParseIssue[], source: string): T[] {
  if (gpus.length <= MAX_GPUS) return [...gpus];
  issues.push({ severity: 'error', message: capMessage(source, gpus.length) });
  return gpus.slice(0, MAX_GPUS);
}

export function capMessage(source: string, count: number): string {
  return `${source} lists ${count} GPUs; GPUs beyond ${MAX_GPUS} were left out (the most one profile holds)`;
}
