/**
 * systeminformation for what it is good at: CPU, memory and its layout, baseboard, system, OS.
 * Never `si.graphics()`: on Linux and Windows it runs nvidia-smi synchronously with no timeout, which
 * can freeze the process; GPUs come from our own collectors. Each call gets its own timeout.
 */
import { performance } from 'node:perf_hooks';
import type { CollectErrorKind } from '@shared/hardware/capture-format';
import type { CollectOutcome, Collector } from './types';

export const SI_SECTIONS = ['cpu', 'mem', 'memLayout', 'baseboard', 'system', 'osInfo'] as const;
export type SiSection = (typeof SI_SECTIONS)[number];
/** The slice of the systeminformation API used here (injectable for tests). */
export type SiLike = Record<SiSection, () => Promise<unknown>>;

export async function loadSystemInformation(): Promise<SiLike> {
  const mod = (await import('systeminformation')) as unknown as { default?: SiLike } & SiLike;
  return mod.default ?? mod;
}

type SectionResult = { ok: true; value: unknown } | { ok: false; kind: CollectErrorKind; message: string };

/** Races one call against its timeout and the scan deadline; the call itself cannot be cancelled. */
function callWithTimeout(
  call: () => Promise<unknown>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<SectionResult> {
  return new Promise((resolve) => {
    const stop = (kind: CollectErrorKind, message: string): void => resolve({ ok: false, kind, message });
    const timer = setTimeout(() => stop('timed-out', `did not answer within ${timeoutMs} ms`), timeoutMs);
    const onAbort = (): void => stop('timed-out', 'stopped at the scan deadline');
    signal.addEventListener('abort', onAbort, { once: true });
    const done = (result: SectionResult): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    Promise.resolve()
      .then(call)
      .then(
        (value) => done({ ok: true, value }),
        (error: unknown) =>
          done({
            ok: false,
            kind: 'failed',
            message: error instanceof Error ? error.message : String(error),
          }),
      );
  });
}

const SI_COMMAND = `systeminformation: ${SI_SECTIONS.join(', ')}`;

/** Sections that answered go in the file; the others are listed under `errors` and in the manifest. */
function assemble(results: readonly SectionResult[], durationMs: number): CollectOutcome {
  const data: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  SI_SECTIONS.forEach((section, i) => {
    const r = results[i] as SectionResult;
    if (r.ok) data[section] = r.value;
    else errors[section] = `${r.kind}: ${r.message}`;
  });
  const failed = results.filter((r): r is Extract<SectionResult, { ok: false }> => !r.ok);
  const error =
    failed.length > 0
      ? Object.entries(errors)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n')
      : null;
  const base = { command: SI_COMMAND, exitCode: null, durationMs, error };
  if (failed.length === SI_SECTIONS.length)
    return { text: null, entry: { ...base, errorKind: failed[0]?.kind ?? 'failed', written: false } };
  return {
    text: `${JSON.stringify({ ...data, errors }, null, 2)}\n`,
    entry: { ...base, errorKind: null, written: true },
  };
}

export function systeminformationCollector(load: () => Promise<SiLike> = loadSystemInformation): Collector {
  return {
    file: 'systeminformation.json',
    command: SI_COMMAND,
    async collect(ctx) {
      const start = performance.now();
      const elapsed = (): number => Math.round(performance.now() - start);
      const loaded = await callWithTimeout(load, ctx.timeoutMs, ctx.signal);
      if (!loaded.ok) {
        const entry = {
          command: SI_COMMAND,
          exitCode: null,
          durationMs: elapsed(),
          errorKind: loaded.kind,
          error: `loading systeminformation: ${loaded.message}`,
          written: false,
        };
        return { text: null, entry };
      }
      const si = loaded.value as SiLike;
      const results = await Promise.all(
        SI_SECTIONS.map((s) => callWithTimeout(() => si[s](), ctx.timeoutMs, ctx.signal)),
      );
      return assemble(results, elapsed());
    },
  };
}
