/**
 * One entry point for "the model is this file": a GGUF file (header only, split files included, also
 * extension-less blobs such as Ollama's that start with the GGUF magic), a transformers config.json
 * (with model.safetensors.index.json beside it when present), the index itself, or a model folder
 * (config.json inside, else its one GGUF model). JSON reads are size-capped.
 */
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseGgufShardFilename } from '@huggingface/gguf';
import type { QuantSpec } from '@shared/catalog/types';
import type { EngineModel } from '@shared/model-import/model-weights';
import { importHfConfig } from '@shared/model-import/hf-config';
import { ModelImportError, type ModelImport } from '@shared/model-import/model-import-error';
import { describeStart, readGgufImport } from './read-gguf';

/** Largest config.json read, bytes (real ones are a few KiB). */
export const MAX_CONFIG_BYTES = 5 * 2 ** 20;
/** Largest model.safetensors.index.json read, bytes (DeepSeek-V3's weight_map of ~90k tensors is ~9 MiB). */
export const MAX_INDEX_BYTES = 32 * 2 ** 20;
const INDEX_NAME = 'model.safetensors.index.json';

const MiB = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);

async function statOrNull(path: string): Promise<{ readonly size: number; isDirectory(): boolean } | null> {
  try {
    return await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new ModelImportError('unsupported', `${path} cannot be read (${code ?? String(err)})`);
  }
}

/** Reads and parses a JSON file of at most `cap` bytes. */
async function readJsonCapped(path: string, cap: number, what: string): Promise<unknown> {
  const s = await statOrNull(path);
  if (!s) throw new ModelImportError('not-found', `${path} does not exist`);
  if (s.size > cap)
    throw new ModelImportError(
      'too-large',
      `${path} is ${MiB(s.size)} MiB; a ${what} is at most ${MiB(cap)} MiB`,
    );
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ModelImportError(
      'not-config',
      `${path} is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

/** Prefixes errors of the pure layer with the file they are about. */
function aboutFile<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof ModelImportError) throw new ModelImportError(err.code, `${path}: ${err.message}`);
    throw err;
  }
}

/** config.json plus the index beside it (when present). */
async function readHfConfig(configPath: string, quant?: QuantSpec): Promise<ModelImport> {
  const config = await readJsonCapped(configPath, MAX_CONFIG_BYTES, 'config.json');
  const indexPath = join(dirname(configPath), INDEX_NAME);
  const index = (await statOrNull(indexPath))
    ? await readJsonCapped(indexPath, MAX_INDEX_BYTES, INDEX_NAME)
    : undefined;
  const name = basename(dirname(resolve(configPath)));
  return aboutFile(configPath, () =>
    importHfConfig(config, index, quant, { path: configPath, ...(name ? { name } : {}) }),
  );
}

/** The one GGUF model in a folder (a single file, or the first part of one split model). */
async function ggufInFolder(dir: string): Promise<string | null> {
  const files = (await readdir(dir)).filter(
    (f) => f.toLowerCase().endsWith('.gguf') && !f.toLowerCase().startsWith('mmproj'),
  );
  const models = new Map<string, string>();
  for (const f of files.sort()) {
    const key = parseGgufShardFilename(f)?.prefix ?? f;
    if (!models.has(key)) models.set(key, f);
  }
  if (models.size > 1) {
    throw new ModelImportError(
      'unsupported',
      `${dir} holds several GGUF models (${[...models.values()].join(', ')}); choose one file`,
    );
  }
  const only = [...models.values()][0];
  return only ? join(dir, only) : null;
}

async function readFolder(dir: string, quant?: QuantSpec): Promise<ModelImport> {
  const config = join(dir, 'config.json');
  if (await statOrNull(config)) return readHfConfig(config, quant);
  const gguf = await ggufInFolder(dir);
  if (gguf) return readGgufImport(gguf);
  throw new ModelImportError('not-found', `${dir} holds no config.json and no .gguf file`);
}

/** The first 16 bytes of a file. */
async function firstBytes(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buf = new Uint8Array(16);
    const { bytesRead } = await file.read(buf, 0, 16, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

async function readFileByContent(path: string, quant?: QuantSpec): Promise<ModelImport> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.gguf')) return readGgufImport(path);
  if (lower.endsWith('index.json')) return readHfConfig(join(dirname(path), 'config.json'), quant);
  if (lower.endsWith('.json')) return readHfConfig(path, quant);
  const start = await firstBytes(path);
  if (String.fromCharCode(...start.subarray(0, 4)) === 'GGUF') return readGgufImport(path);
  const what = start.length === 0 ? 'it is empty' : `it starts with ${describeStart(start)}`;
  throw new ModelImportError('unsupported', `${path} is neither a GGUF file nor a config.json (${what})`);
}

/** The model and the importer's notes for a file or folder; see the module comment for what is accepted. */
export async function readModelImport(path: string, quant?: QuantSpec): Promise<ModelImport> {
  const s = await statOrNull(path);
  if (!s) throw new ModelImportError('not-found', `${path} does not exist`);
  return s.isDirectory() ? readFolder(path, quant) : readFileByContent(path, quant);
}

/**
 * The EngineModel for a GGUF file, config.json, index or model folder. `quant` applies to config.json
 * models (a GGUF file carries its own tensor types). Errors are ModelImportError with a one-line message.
 */
export async function readModelFile(path: string, quant?: QuantSpec): Promise<EngineModel> {
  return (await readModelImport(path, quant)).model;
}
