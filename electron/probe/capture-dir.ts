/**
 * Capture directories on disk (format 1): `manifest.json` plus one file per source, fixed names.
 * Reading is forgiving per file (a bad file becomes a `readIssue`, the rest is still used) and strict
 * about the directory itself (no such folder, or nothing capture-like in it → `CaptureDirError`).
 */
import { mkdir, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  CAPTURE_FILE_NAMES,
  CAPTURE_FORMAT,
  isCaptureFileName,
  manifestSchema,
  type CaptureBundle,
  type CaptureFileName,
  type CaptureManifest,
} from '@shared/hardware/capture-format';
import { decodeCaptureText, sanitizeCaptureText, stripControlCharacters } from './decode-text';
import { readRegularFile } from './file-source';

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
    throw new CaptureDirError(`Cannot open ${path}: ${fsReason(error)}`, path);
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    throw new CaptureDirError(`Cannot list ${dir}: ${(error as Error).message}`, dir);
  }
}

const REFUSED: Record<'symlink' | 'not-regular', string> = {
  symlink: 'a symbolic link; not read',
  'not-regular': 'not a regular file; skipped',
};

/** Reads one regular file as text, or explains why not. */
async function readOne(
  dir: string,
  name: string,
  maxBytes: number,
): Promise<{ text: string | null; issues: ReadIssue[] }> {
  const skip = (message: string) => ({ text: null, issues: [{ file: name, message }] });
  try {
    const read = await readRegularFile(join(dir, name), maxBytes);
    if (!read.ok)
      return skip(
        read.reason === 'too-large'
          ? `larger than ${maxBytes} bytes (${read.size ?? '?'}); skipped`
          : REFUSED[read.reason],
      );
    const decoded = decodeCaptureText(read.bytes);
    if (!decoded.ok) return skip(`${decoded.message}; skipped`);
    const text = sanitizeCaptureText(name, decoded.text);
    return { text, issues: decoded.note ? [{ file: name, message: decoded.note }] : [] };
  } catch (error) {
    return skip(`unreadable: ${(error as Error).message}`);
  }
}

/** Error texts in a manifest are what tools printed, possibly on another machine: shown, so cleaned. */
function cleanManifest(manifest: CaptureManifest): CaptureManifest {
  const files = Object.fromEntries(
    Object.entries(manifest.files).map(([name, entry]) => [
      name,
      {
        ...entry,
        command: stripControlCharacters(entry.command),
        ...(typeof entry.error === 'string' ? { error: stripControlCharacters(entry.error) } : {}),
      },
    ]),
  );
  return { ...manifest, files };
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
  if (parsed.success) return { manifest: cleanManifest(parsed.data), issue: null };
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

/** Largest manifest.json looked at when deciding whether a folder is ours. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * Why the manifest.json in `dir` is not one we wrote (null when it is): ours is recognised by its
 * fields (format 1, version, platform, capturedAt, isRoot, files), not by its name, which browser
 * extensions and web apps use too.
 */
async function foreignManifest(dir: string): Promise<string | null> {
  const read = await readOne(dir, MANIFEST_FILE, MAX_MANIFEST_BYTES);
  if (read.text === null) {
    const reason = read.issues[0]?.message ?? 'unreadable';
    return reason === REFUSED.symlink
      ? 'is a symbolic link'
      : `is not a Rig Advisor capture manifest (${reason})`;
  }
  return parseManifest(read.text).manifest ? null : 'is not a Rig Advisor capture manifest';
}

const FS_REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EISDIR: 'a folder is in the way',
  EEXIST: 'something appeared there while writing',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENOTDIR: 'part of the path is a file',
  ENOENT: 'the file system does not allow it there',
};

function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return FS_REASONS[code] ?? String((error as Error).message).split('\n')[0] ?? 'failed';
}

/** Runs one filesystem step of writing; its failure becomes one line for the user. */
async function step<T>(what: string, path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new CaptureDirError(`Cannot ${what} ${path}: ${fsReason(error)}`, path);
  }
}

/**
 * `mkdir -p`, one folder at a time from the nearest existing one. Node's `mkdir(…, { recursive: true })`
 * never returns for a path under /proc (it retries ENOENT forever), and `--out /proc/x` is a typo away.
 */
async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = resolve(dir); (await statOrNull(at)) === null; at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break; // a root that does not exist (a missing drive on Windows)
  }
  for (const path of missing) await step('create', path, () => mkdir(path));
}

/**
 * Whether `dir` may take a capture, without touching it: absent, empty, or already a capture of ours
 * (whose old capture files `writeCaptureDir` removes first, so two captures never mix); anything else
 * is refused with a `CaptureDirError`. The CLI can ask before probing, so a wrong folder fails at once.
 */
export async function checkCaptureDir(dir: string): Promise<'absent' | 'empty' | 'ours'> {
  const info = await statOrNull(dir);
  if (info && !info.isDirectory())
    throw new CaptureDirError(`${dir} exists and is a file; choose a folder for the capture.`, dir);
  if (!info) return 'absent';
  const names = await listDir(dir);
  if (names.length === 0) return 'empty';
  if (!names.includes(MANIFEST_FILE)) {
    throw new CaptureDirError(
      `${dir} is not empty and is not a capture directory; choose an empty or new folder.`,
      dir,
    );
  }
  const foreign = await foreignManifest(dir);
  if (foreign)
    throw new CaptureDirError(
      `${dir} is not a capture directory: its manifest.json ${foreign}; choose an empty or new folder.`,
      dir,
    );
  return 'ours';
}

async function prepareDir(dir: string): Promise<void> {
  const state = await checkCaptureDir(dir);
  if (state === 'absent') return makeDirs(dir);
  if (state === 'empty') return;
  // unlink removes a link itself, never what it points to.
  const names = await listDir(dir);
  for (const name of names.filter((n) => n === MANIFEST_FILE || isCaptureFileName(n))) {
    const path = join(dir, name);
    await step('replace', path, () => unlink(path));
  }
}

/** Creates the file; 'wx' fails rather than follow a link someone put there after the folder was cleared. */
const writeNew = (path: string, text: string): Promise<void> =>
  step('write', path, () => writeFile(path, text, { encoding: 'utf8', flag: 'wx' }));

/** Writes the bundle as a capture directory; returns the file names written (manifest last). */
export async function writeCaptureDir(dir: string, bundle: CaptureBundle): Promise<readonly string[]> {
  await prepareDir(dir);
  // Only known names reach the disk: the keys may come from outside (the renderer) at run time.
  const names = CAPTURE_FILE_NAMES.filter((n) => typeof bundle.files[n] === 'string');
  for (const name of names) await writeNew(join(dir, name), bundle.files[name] as string);
  await writeNew(join(dir, MANIFEST_FILE), `${JSON.stringify(manifestFor(bundle, names), null, 2)}\n`);
  return [...names, MANIFEST_FILE];
}
