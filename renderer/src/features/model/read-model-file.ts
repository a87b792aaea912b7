/**
 * A model file the user picked in the Model step: a transformers `config.json` is read here (text →
 * JSON → `importHfConfig`, so a wrong file is named at once and does not replace the current model);
 * a GGUF's header is read from disk by the desktop app (AppApi; the CLI with `plan --model FILE.gguf`),
 * and in a browser from the picked File itself, a slice at a time (File.slice), never the whole file.
 */
import { readGgufHeaderFrom, type GgufByteSource } from '@shared/model-import/gguf-read';
import { modelFromGguf } from '@shared/model-import/gguf-to-model';
import { importHfConfig } from '@shared/model-import/hf-config';
import { ModelImportError } from '@shared/model-import/model-import-error';
import type { AppApi } from '@shared/ipc/contract';
import type { ModelInputs } from '../../state/advisor-state';

/** Largest config.json read (real ones are a few KB; DeepSeek's is under 10 KB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type PickedModel =
  | { readonly ok: true; readonly model: ModelInputs; readonly notes: readonly string[] }
  | { readonly ok: false; readonly message: string };

/**
 * The folder a picked file sits in (from a folder pick); else, for a bare `config.json`, the name the
 * config gives itself (`_name_or_path`'s last part, else its architecture); else the file name.
 */
export function labelOf(file: Pick<File, 'name' | 'webkitRelativePath'>, config: unknown): string {
  const parts = (file.webkitRelativePath || file.name).split('/');
  const folder = parts.length > 1 ? parts[parts.length - 2] : undefined;
  if (folder) return folder;
  const base = file.name.replace(/\.json$/i, '');
  if (base.toLowerCase() !== 'config') return base;
  const c = (typeof config === 'object' && config !== null ? config : {}) as Record<string, unknown>;
  const named =
    typeof c._name_or_path === 'string' ? c._name_or_path.split(/[\\/]/).filter(Boolean).pop() : '';
  const arch =
    Array.isArray(c.architectures) && typeof c.architectures[0] === 'string' ? c.architectures[0] : '';
  const type = typeof c.model_type === 'string' ? c.model_type : '';
  return (named || arch || type || base).slice(0, 80);
}

/** A split GGUF needs all its parts, which a page is not given one by one: said with where it works. */
export const SPLIT_GGUF_MESSAGE =
  'is one part of a GGUF split into several files: the page reads one file at a time. Open the first part in the desktop app (it finds the others beside it), or run `rig-advisor plan --model FILE.gguf`.';

/** Where the commands take the model from when the page read it (a page never sees the file's path). */
export const IN_PAGE_NOTE =
  'Read in the page: the commands name the file only — set its full path on the Commands step.';

/** What reading a GGUF needs from the AppApi (the desktop app has both; a browser has neither working). */
export type GgufReader = Partial<Pick<AppApi, 'importModelFile' | 'pathForFile'>>;

/** The File as the GGUF reader's byte source: each read a slice, so a 40 GB file costs a few MB. */
function fileSource(file: File): GgufByteSource {
  return {
    name: file.name,
    size: file.size,
    read: async (start, length) => new Uint8Array(await file.slice(start, start + length).arrayBuffer()),
  };
}

/**
 * The parser fetches ranges of a URL: here each range is a slice of the File, answered as a 206 with its
 * Content-Range (the parser learns the file's size from it). Nothing goes over the network.
 */
function sliceFetch(file: File): typeof fetch {
  return async (_input, init) => {
    const range = new Headers(init?.headers).get('Range') ?? '';
    const m = /bytes=(\d+)-(\d+)/.exec(range);
    const from = m ? Number(m[1]) : 0;
    const to = Math.min(m ? Number(m[2]) : file.size - 1, file.size - 1);
    const body = await file.slice(from, to + 1).arrayBuffer();
    return new Response(body, {
      status: 206,
      headers: { 'content-range': `bytes ${from}-${Math.max(from, to)}/${file.size}` },
    });
  };
}

/** A GGUF picked in a browser page: its header read from the File, checked as the desktop app does. */
export async function readGgufInPage(file: File): Promise<PickedModel> {
  if (/-\d{5}-of-\d{5}\.gguf$/i.test(file.name) && !/-00001-of-00001\.gguf$/i.test(file.name))
    return { ok: false, message: `${file.name} ${SPLIT_GGUF_MESSAGE}` };
  // The parser is loaded only when a GGUF is opened (it stays out of the initial bundle).
  const { gguf } = await import('@huggingface/gguf');
  try {
    // The URL is a placeholder the slice fetch ignores (the parser's Node build wants http(s) for a fetch).
    const url = `https://in-page.invalid/${encodeURIComponent(file.name)}`;
    const header = await readGgufHeaderFrom(fileSource(file), () => gguf(url, { fetch: sliceFetch(file) }));
    if (Number(header.metadata['split.count'] ?? 1) > 1)
      return { ok: false, message: `${file.name} ${SPLIT_GGUF_MESSAGE}` };
    const { model, notes } = modelFromGguf(header, {
      path: file.name,
      fallbackName: file.name.replace(/\.gguf$/i, ''),
    });
    const all = [...notes, IN_PAGE_NOTE];
    return {
      ok: true,
      model: { kind: 'file', label: file.name, path: file.name, model, notes: all },
      notes: all,
    };
  } catch (error) {
    if (error instanceof ModelImportError) return { ok: false, message: error.message };
    throw error;
  }
}

async function readGguf(file: File, api: GgufReader): Promise<PickedModel> {
  const path = api.pathForFile?.(file) ?? '';
  // A browser page (or a file not on disk): read the header from the File itself.
  if (!path || !api.importModelFile) return readGgufInPage(file);
  const result = await api.importModelFile({ path });
  if (!result.ok)
    return result.error.code === 'unsupported'
      ? readGgufInPage(file)
      : { ok: false, message: result.error.message };
  const { model, notes } = result.value;
  return { ok: true, model: { kind: 'file', label: file.name, path, model, notes }, notes };
}

export async function readModelFile(file: File, api: GgufReader = {}): Promise<PickedModel> {
  if (/\.gguf$/i.test(file.name)) return readGguf(file, api);
  if (file.size > MAX_CONFIG_BYTES)
    return {
      ok: false,
      message: `${file.name} is ${(file.size / 2 ** 20).toFixed(1)} MiB: that is not a config.json (pick the small config.json next to the weights).`,
    };
  let config: unknown;
  try {
    config = JSON.parse(await file.text());
  } catch (error) {
    return { ok: false, message: `${file.name} is not JSON: ${(error as Error).message}` };
  }
  const label = labelOf(file, config);
  try {
    const { notes } = importHfConfig(config, undefined, undefined, { name: label });
    return { ok: true, model: { kind: 'config', label, config }, notes };
  } catch (error) {
    if (error instanceof ModelImportError) return { ok: false, message: `${file.name}: ${error.message}` };
    throw error;
  }
}
