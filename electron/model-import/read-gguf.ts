/**
 * Reads a GGUF model's header from disk — never its tensor data — and builds the EngineModel.
 *
 * @huggingface/gguf with `allowLocalFile` reads the file in 2 MB ranges (`RangeViewLocalFile.fetchChunk`
 * slices a lazy FileBlob), only as far as the header goes, so a 100 GB file costs a few MB. It pads reads
 * past the end of the file with zeros instead of failing, so truncation is checked here against the file
 * size: a header that ends past the end of the file, or tensor data that does.
 * Split files (`name-00001-of-00003.gguf`): every shard's header is read and the tensors summed; a missing
 * shard is named in the error.
 * Before the parser sees a file, its header's structure is walked (shared gguf-read, gguf-layout): every count,
 * string and array length is checked against the bytes the file holds and against caps, so a hostile
 * header is refused in one line instead of being parsed from zeros or sizing a huge allocation.
 */
import { open, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gguf, parseGgufShardFilename } from '@huggingface/gguf';
import type { EngineModel } from '@shared/model-import/model-weights';
import { modelFromGguf, type GgufHeader } from '@shared/model-import/gguf-to-model';
import { readGgufHeaderFrom, withNameErrors, type GgufByteSource } from '@shared/model-import/gguf-read';
import { ModelImportError, type ModelImport } from '@shared/model-import/model-import-error';

export { describeStart } from '@shared/model-import/gguf-read';

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

/** A file on disk as the GGUF reader's byte source (each read opens, reads a range, closes). */
function fileSource(path: string, size: number): GgufByteSource {
  return {
    name: path,
    size,
    async read(start, length) {
      const file = await open(path, 'r');
      try {
        const buf = new Uint8Array(length);
        const { bytesRead } = await file.read(buf, 0, length, start);
        return buf.subarray(0, bytesRead);
      } finally {
        await file.close();
      }
    },
  };
}

/** Reads and checks one GGUF file's header (a single file or one shard). */
export async function readGgufHeader(path: string): Promise<GgufHeader> {
  const size = await regularFileSize(path, 'a GGUF file');
  return readGgufHeaderFrom(fileSource(path, size), () => gguf(path, { allowLocalFile: true }));
}

/** Re-throws errors of the pure layer with the file name in front ("X is truncated: …" for truncation). */
const withPathErrors = withNameErrors;

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
