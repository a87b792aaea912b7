/**
 * Reads a GGUF model's header from disk — never its tensor data — and builds the EngineModel.
 *
 * @huggingface/gguf with `allowLocalFile` reads the file in 2 MB ranges (`RangeViewLocalFile.fetchChunk`
 * slices a lazy FileBlob), only as far as the header goes, so a 100 GB file costs a few MB. It pads reads
 * past the end of the file with zeros instead of failing, so truncation is checked here against the file
 * size: a header that ends past the end of the file, or tensor data that does.
 * Split files (`name-00001-of-00003.gguf`): every shard's header is read and the tensors summed; a missing
 * shard is named in the error.
 * Before the parser sees a file, its header's structure is walked here (shared gguf-layout): every count,
 * string and array length is checked against the bytes the file holds and against caps, so a hostile
 * header is refused in one line instead of being parsed from zeros or sizing a huge allocation.
 */
import { open, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gguf, parseGgufShardFilename } from '@huggingface/gguf';
import type { EngineModel } from '@shared/model-import/model-weights';
import { ggufDataBytesNeeded, modelFromGguf, type GgufHeader } from '@shared/model-import/gguf-to-model';
import { GGUF_LAYOUT_LIMITS, scanGgufLayout } from '@shared/model-import/gguf-layout';
import { ModelImportError, type ModelImport } from '@shared/model-import/model-import-error';

const MAGIC = 'GGUF';

/** Size of a regular file, bytes; missing file, directory or unreadable → ModelImportError. */
async function regularFileSize(path: string, what: string): Promise<number> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new ModelImportError('is-directory', `${path} is a directory, not ${what}`);
    if (!s.isFile()) throw new ModelImportError('not-gguf', `${path} is not a regular file`);
    return s.size;
  } catch (err) {
    if (err instanceof ModelImportError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new ModelImportError('not-found', `${path} does not exist`);
    throw new ModelImportError('unsupported', `${path} cannot be read (${code ?? String(err)})`);
  }
}

async function readStart(path: string, length: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buf = new Uint8Array(length);
    const { bytesRead } = await file.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** `47 47 55 46 ("GGUF")`-style rendering of the first bytes, with a guess at what the file is. */
export function describeStart(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 8);
  const hex = [...head].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
  const text = [...head].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  const guess =
    head[0] === 0x7b
      ? '; it looks like JSON'
      : head[0] === 0x50 && head[1] === 0x4b
        ? '; it looks like a zip archive'
        : head.length === 8 && bytes[8] === 0x7b && head[6] === 0 && head[7] === 0
          ? '; it looks like a safetensors file'
          : '';
  return `${hex} ("${text}")${guess}`;
}

async function checkMagic(path: string, size: number): Promise<void> {
  if (size === 0) throw new ModelImportError('empty', `${path} is empty (0 bytes), not a GGUF file`);
  const start = await readStart(path, 16);
  const magic = String.fromCharCode(...start.subarray(0, 4));
  if (magic !== MAGIC) {
    throw new ModelImportError(
      'not-gguf',
      `${path} is not a GGUF file (it starts with ${describeStart(start)})`,
    );
  }
  if (size < 24) {
    throw new ModelImportError(
      'truncated',
      `${path} is truncated: the GGUF header ends early (the file has only ${size} bytes)`,
    );
  }
}

/** First read of the header walk, bytes: most headers end well inside it. */
const FIRST_READ = 2 ** 20;

/**
 * Walks the header structure (see the module comment), reading more of the file only as far as the
 * header goes: each round at least doubles the read, never past the header cap or the file.
 */
async function checkLayout(path: string, size: number): Promise<void> {
  let want = Math.min(size, FIRST_READ);
  for (;;) {
    const bytes = await readStart(path, want);
    if (bytes.length < want) {
      throw new ModelImportError('truncated', `${path} is truncated: it shrank while it was being read`);
    }
    const layout = withPathErrors(path, () => scanGgufLayout(bytes, size));
    if (layout.kind === 'complete') return;
    want = Math.min(size, GGUF_LAYOUT_LIMITS.headerBytes, Math.max(layout.bytes, want * 2));
  }
}

type Parsed = Awaited<ReturnType<typeof gguf>>;

async function parse(path: string): Promise<Parsed> {
  try {
    return await gguf(path, { allowLocalFile: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof RangeError) {
      throw new ModelImportError(
        'truncated',
        `${path} is truncated: the GGUF header ends early (${message})`,
      );
    }
    throw new ModelImportError('malformed', `${path} has a damaged GGUF header (${message})`);
  }
}

/** Largest `general.alignment`: real files use 32; data padding past 1 MiB is no real layout. */
const MAX_ALIGNMENT = 2 ** 20;

/**
 * `general.alignment` must be a power of two, as llama.cpp's gguf.cpp requires: @huggingface/gguf pads
 * with 32-bit bitwise ops, so 2^52 puts the data at byte 0 and 48 somewhere in between.
 */
function checkAlignment(parsed: Parsed): void {
  const raw = (parsed.metadata as unknown as Readonly<Record<string, unknown>>)['general.alignment'];
  if (raw === undefined) return;
  const a = typeof raw === 'bigint' || typeof raw === 'number' ? Number(raw) : Number.NaN;
  if (Number.isInteger(a) && a >= 1 && a <= MAX_ALIGNMENT && (a & (a - 1)) === 0) return;
  throw new ModelImportError(
    'malformed',
    `general.alignment is ${String(raw)}, not a power of two up to ${MAX_ALIGNMENT}; the header is damaged`,
  );
}

function toHeader(parsed: Parsed, size: number): GgufHeader {
  const dataOffset = Number(parsed.tensorDataOffset);
  return {
    metadata: parsed.metadata as unknown as Readonly<Record<string, unknown>>,
    tensors: parsed.tensorInfos.map((t) => ({
      name: t.name,
      shape: t.shape,
      ggmlType: Number(t.dtype),
      offset: t.offset,
    })),
    dataBytes: Math.max(0, size - dataOffset),
  };
}

/** Header end and tensor data end must lie inside the file (the parser reads zeros past the end). */
function checkComplete(path: string, parsed: Parsed, header: GgufHeader, size: number): void {
  const headerEnd = parsed.tensorInfoByteRange[1];
  if (headerEnd > size) {
    throw new ModelImportError(
      'truncated',
      `${path} is truncated: the GGUF header ends early (it needs at least ${headerEnd} bytes, the file has ${size})`,
    );
  }
  const needed = ggufDataBytesNeeded(header);
  const held = size - Number(parsed.tensorDataOffset);
  if (needed > held) {
    throw new ModelImportError(
      'truncated',
      `${path} is truncated: the tensor data ends early (the header describes ${needed} bytes of tensors, the file holds ${Math.max(0, held)}) — is the download complete?`,
    );
  }
}

/** Reads and checks one GGUF file's header (a single file or one shard). */
export async function readGgufHeader(path: string): Promise<GgufHeader> {
  const size = await regularFileSize(path, 'a GGUF file');
  await checkMagic(path, size);
  await checkLayout(path, size);
  const parsed = await parse(path);
  withPathErrors(path, () => checkAlignment(parsed));
  const header = withPathErrors(path, () => toHeader(parsed, size));
  withPathErrors(path, () => checkComplete(path, parsed, header, size));
  return header;
}

/** Re-throws errors of the pure layer with the file name in front ("X is truncated: …" for truncation). */
function withPathErrors<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof ModelImportError && !err.message.startsWith(path)) {
      const joint = err.code === 'truncated' ? ' is truncated: ' : ': ';
      throw new ModelImportError(err.code, `${path}${joint}${err.message}`);
    }
    throw err;
  }
}

/** Every shard path of a split GGUF in order, or just this path. Missing shards → ModelImportError. */
export async function ggufShardPaths(path: string): Promise<string[]> {
  const info = parseGgufShardFilename(basename(path));
  if (!info) return [path];
  const total = Number(info.total);
  const paths = Array.from({ length: total }, (_, i) =>
    join(dirname(path), `${info.prefix}-${String(i + 1).padStart(5, '0')}-of-${info.total}.gguf`),
  );
  const present = await Promise.all(
    paths.map((p) =>
      stat(p).then(
        (s) => s.isFile(),
        () => false,
      ),
    ),
  );
  const missing = paths.filter((_, i) => !present[i]).map((p) => basename(p));
  if (missing.length > 0) {
    throw new ModelImportError(
      'missing-shard',
      `${path} is part ${Number(info.shard)} of a GGUF split into ${total} files, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing beside it`,
    );
  }
  return paths;
}

/** Display name from the file name: `Qwen3-30B-A3B-Q4_K_M-00001-of-00002.gguf` → `Qwen3-30B-A3B-Q4_K_M`. */
function nameFromFile(path: string): string {
  const file = basename(path);
  return parseGgufShardFilename(file)?.prefix ?? file.replace(/\.gguf$/i, '');
}

/** The model and the importer's notes from a GGUF file or a split GGUF (any of its parts). */
export async function readGgufImport(path: string): Promise<ModelImport> {
  const paths = await ggufShardPaths(path);
  const headers: GgufHeader[] = [];
  for (const p of paths) headers.push(await readGgufHeader(p));
  const declared = Number(headers[0]?.metadata['split.count'] ?? 1);
  if (paths.length === 1 && declared > 1) {
    throw new ModelImportError(
      'missing-shard',
      `${path} is part of a GGUF split into ${declared} files, but its name does not end in -00001-of-${String(declared).padStart(5, '0')}.gguf, so the other parts cannot be found`,
    );
  }
  return withPathErrors(path, () => modelFromGguf(headers, { path, fallbackName: nameFromFile(path) }));
}

/** The EngineModel of a GGUF file (header only). Errors are ModelImportError with a one-line message. */
export async function readGgufModel(path: string): Promise<EngineModel> {
  return (await readGgufImport(path)).model;
}
