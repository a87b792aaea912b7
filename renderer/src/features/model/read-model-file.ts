/**
 * A model file the user picked in the Model step: a transformers `config.json` is read here (text →
 * JSON → `importHfConfig`, so a wrong file is named at once and does not replace the current model);
 * a GGUF needs its header read from disk, which the desktop app does through the AppApi (and the CLI
 * with `plan --model FILE.gguf`); in a browser the user is told so.
 */
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

export const GGUF_MESSAGE =
  'A GGUF file is read from disk (header only, however large the file): import it in the desktop app, or run `rig-advisor plan --model FILE.gguf`. Here, pick the model from the catalog or its config.json.';

/** What reading a GGUF needs from the AppApi (the desktop app has both; a browser has neither working). */
export type GgufReader = Partial<Pick<AppApi, 'importModelFile' | 'pathForFile'>>;

async function readGguf(file: File, api: GgufReader): Promise<PickedModel> {
  const path = api.pathForFile?.(file) ?? '';
  if (!path || !api.importModelFile) return { ok: false, message: GGUF_MESSAGE };
  const result = await api.importModelFile({ path });
  if (!result.ok)
    return { ok: false, message: result.error.code === 'unsupported' ? GGUF_MESSAGE : result.error.message };
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
