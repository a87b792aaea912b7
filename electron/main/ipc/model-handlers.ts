/**
 * `model:import-file`: a GGUF file or a model's config.json, by absolute path (the preload's
 * `pathForFile`). Desktop app only: the web bridge must not read arbitrary paths on request.
 */
import { isAbsolute } from 'node:path';
import { findQuant } from '@shared/catalog/quantizations';
import { ModelImportError } from '@shared/model-import/model-import-error';
import { readModelImport } from '../../model-import/read-model-file';
import { UserFacingError, type AppHandlers } from './dispatch';

export const MODEL_IMPORT_WEB_MESSAGE =
  'GGUF import needs the desktop app or the CLI: rig-advisor plan --model FILE.gguf';

/** Why this path is refused before anything is read, or null when it may be read. */
export function modelPathProblem(path: string): string | null {
  if (!isAbsolute(path)) return `"${path}" is not an absolute path; choose the file again.`;
  if (!/\.(gguf|json)$/i.test(path))
    return `"${path}" is neither a .gguf file nor a model's config.json (.json).`;
  return null;
}

export function createModelHandlers(enabled: boolean): Pick<AppHandlers, 'model:import-file'> {
  return {
    'model:import-file': async ({ path, quant }) => {
      if (!enabled) throw new UserFacingError(MODEL_IMPORT_WEB_MESSAGE, 'unsupported');
      const problem = modelPathProblem(path);
      if (problem) throw new UserFacingError(problem);
      const spec = quant === undefined ? undefined : findQuant(quant);
      if (quant !== undefined && !spec) throw new UserFacingError(`Unknown quantization "${quant}".`);
      try {
        const { model, notes } = await readModelImport(path, spec);
        return { model, notes };
      } catch (error) {
        if (error instanceof ModelImportError) throw new UserFacingError(error.message);
        throw error;
      }
    },
  };
}
