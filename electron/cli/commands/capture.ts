/** `capture --out DIR [--redact]`: write this machine's capture directory (a support bundle). */
import { checkCaptureDir, writeCaptureDir } from '../../probe/capture-dir';
import { captureThisMachine } from '../../probe/hardware-service';
import { CliUsageError } from '../cli-error';
import type { CliIo } from '../io';

export async function runCapture(
  options: { out?: string; redact: boolean; deadlineMs?: number },
  io: CliIo,
): Promise<number> {
  if (!options.out) throw new CliUsageError('capture needs --out DIR (the folder to write the capture into)');
  // A folder that is not ours is refused before the probe runs, not after.
  await checkCaptureDir(options.out);
  const bundle = await captureThisMachine({
    deadlineMs: options.deadlineMs,
    redact: options.redact,
    onProgress: (p) => io.progress(`capture: ${p.step} (${p.done}/${p.total})`),
  });
  await writeCaptureDir(options.out, bundle);
  const entries = Object.entries(bundle.manifest?.files ?? {});
  const failed = entries.filter(([, e]) => e.errorKind !== null && e.errorKind !== 'not-applicable');
  io.out(
    `Wrote ${Object.keys(bundle.files).length} files to ${options.out}${options.redact ? ' (serials and UUIDs redacted)' : ''}.`,
  );
  for (const [file, entry] of failed)
    io.out(`  ${file}: ${entry.errorKind}${entry.error ? ` — ${entry.error.split('\n')[0]}` : ''}`);
  return 0;
}
