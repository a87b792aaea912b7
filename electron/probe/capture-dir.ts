/**
 * Capture directories on disk (format 1): `manifest.json` plus one file per source, fixed names.
 * Reading is forgiving per file (a bad file becomes a `readIssue`, the rest is still used) and strict
 * about the directory itself (no such folder, or nothing capture-like in it → `CaptureDirError`).
 */
import { mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CAPTURE_FILE_NAMES,
  CAPTURE_FORMAT,
  isCaptureFileName,
  manifestSchema,
  type CaptureBundle,
  type CaptureFileName,
  type CaptureManifest,
} from '@shared/hardware/capture-format';
import { decodeCaptureText } from './decode-text';

export const MANIFEST_FILE = 'manifest.json';
export const MAX_CAPTURE_FILE_BYTES = 16 * 1024 * 1024;

/** The directory as a whole cannot be used; `message` is one sentence for the user (the CLI exits 2). */
export class CaptureDirError extends Error {
  constructor(
    message: string,
    readonly dir: string,
  ) {
    super(message);
    this.name = 'CaptureDirError';
  }
}

type ReadIssue = CaptureBundle['readIssues'][number];

async function statOrNull(path: string): Promise<Awaited<ReturnType<typeof stat>> | null> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CaptureDirError(`Cannot open ${path}: ${(error as Error).message}`, path);
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    throw new CaptureDirError(`Cannot list ${dir}: ${(error as Error).message}`, dir);
  }
}

/** Reads one file as text, or explains why not. */
async function readOne(
  dir: string,
  name: string,
  maxBytes: number,
): Promise<{ text: string | null; issues: ReadIssue[] }> {
  const path = join(dir, name);
  try {
    const info = await stat(path);
    if (!info.isFile())
      return { text: null, issues: [{ file: name, message: 'not a regular file; skipped' }] };
    if (info.size > maxBytes)
      return {
        text: null,
        issues: [{ file: name, message: `larger than ${maxBytes} bytes (${info.size}); skipped` }],
      };
    const decoded = decodeCaptureText(await readFile(path));
    if (!decoded.ok) return { text: null, issues: [{ file: name, message: `${decoded.message}; skipped` }] };
    return { text: decoded.text, issues: decoded.note ? [{ file: name, message: decoded.note }] : [] };
  } catch (error) {
    return { text: null, issues: [{ file: name, message: `unreadable: ${(error as Error).message}` }] };
  }
}

function parseManifest(text: string): { manifest: CaptureManifest | null; issue: ReadIssue | null } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      manifest: null,
      issue: { file: MANIFEST_FILE, message: `not valid JSON: ${(error as Error).message}` },
    };
  }
  const parsed = manifestSchema.safeParse(json);
  if (parsed.success) return { manifest: parsed.data, issue: null };
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  return {
    manifest: null,
    issue: {
      file: MANIFEST_FILE,
      message: `not a format ${CAPTURE_FORMAT} manifest${where}: ${first?.message ?? 'invalid'}`,
    },
  };
}

async function requireDir(dir: string): Promise<void> {
  const info = await statOrNull(dir);
  if (!info) throw new CaptureDirError(`No capture directory at ${dir}: it does not exist.`, dir);
  if (!info.isDirectory())
    throw new CaptureDirError(
      `${dir} is a file, not a capture directory (pass the folder that holds manifest.json).`,
      dir,
    );
}

/** Reads a capture directory. Unknown file names (fixtures' `*.expected.json`, notes) are ignored. */
export async function readCaptureDir(
  dir: string,
  options: { maxFileBytes?: number } = {},
): Promise<CaptureBundle> {
  await requireDir(dir);
  const names = await listDir(dir);
  const known = names.filter(isCaptureFileName);
  if (known.length === 0 && !names.includes(MANIFEST_FILE)) {
    throw new CaptureDirError(
      `${dir} holds no capture files (expected manifest.json, nvidia-smi-query.csv, lspci.txt, …).`,
      dir,
    );
  }
  const maxBytes = options.maxFileBytes ?? MAX_CAPTURE_FILE_BYTES;
  const issues: ReadIssue[] = [];
  let manifest: CaptureManifest | null = null;
  if (names.includes(MANIFEST_FILE)) {
    const read = await readOne(dir, MANIFEST_FILE, maxBytes);
    issues.push(...read.issues);
    const parsed = read.text === null ? null : parseManifest(read.text);
    manifest = parsed?.manifest ?? null;
    if (parsed?.issue) issues.push(parsed.issue);
  }
  const files: Partial<Record<CaptureFileName, string>> = {};
  for (const name of CAPTURE_FILE_NAMES.filter((n) => known.includes(n))) {
    const read = await readOne(dir, name, maxBytes);
    issues.push(...read.issues);
    if (read.text !== null) files[name] = read.text;
  }
  issues.push(...missingButListed(manifest, names));
  return { manifest, files, readIssues: issues };
}

/** Files the manifest says were written but are not there (copied without them, or deleted). */
function missingButListed(manifest: CaptureManifest | null, names: readonly string[]): ReadIssue[] {
  if (!manifest) return [];
  return Object.entries(manifest.files)
    .filter(([name, entry]) => entry.written && isCaptureFileName(name) && !names.includes(name))
    .map(([name]) => ({ file: name, message: 'listed in manifest.json as written, but missing' }));
}

/** A bundle without a manifest (files handed over by the user) still gets one, so the folder reads back. */
function manifestFor(bundle: CaptureBundle, names: readonly CaptureFileName[]): CaptureManifest {
  if (bundle.manifest) return bundle.manifest;
  const files = Object.fromEntries(
    names.map((n) => [
      n,
      { command: 'unknown (imported file)', exitCode: null, durationMs: 0, errorKind: null, written: true },
    ]),
  );
  return {
    format: CAPTURE_FORMAT,
    version: 'unknown',
    platform: 'unknown',
    capturedAt: new Date().toISOString(),
    isRoot: null,
    files,
  };
}

/**
 * Existing folder: fine when empty or already a capture (its old capture files are removed first so
 * the two captures never mix); anything else is refused rather than overwritten.
 */
async function prepareDir(dir: string): Promise<void> {
  const info = await statOrNull(dir);
  if (info && !info.isDirectory())
    throw new CaptureDirError(`${dir} exists and is a file; choose a folder for the capture.`, dir);
  if (!info) {
    await mkdir(dir, { recursive: true });
    return;
  }
  const names = await listDir(dir);
  if (names.length === 0) return;
  if (!names.includes(MANIFEST_FILE)) {
    throw new CaptureDirError(
      `${dir} is not empty and is not a capture directory; choose an empty or new folder.`,
      dir,
    );
  }
  await Promise.all(
    names.filter((n) => n === MANIFEST_FILE || isCaptureFileName(n)).map((n) => unlink(join(dir, n))),
  );
}

/** Writes the bundle as a capture directory; returns the file names written (manifest last). */
export async function writeCaptureDir(dir: string, bundle: CaptureBundle): Promise<readonly string[]> {
  await prepareDir(dir);
  // Only known names reach the disk: the keys may come from outside (the renderer) at run time.
  const names = CAPTURE_FILE_NAMES.filter((n) => typeof bundle.files[n] === 'string');
  for (const name of names) await writeFile(join(dir, name), bundle.files[name] as string, 'utf8');
  await writeFile(
    join(dir, MANIFEST_FILE),
    `${JSON.stringify(manifestFor(bundle, names), null, 2)}\n`,
    'utf8',
  );
  return [...names, MANIFEST_FILE];
}
