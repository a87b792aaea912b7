/**
 * Model options: `--model ID|FILE.gguf|config.json|DIR`, `--quant`, `--ctx`. Catalog ids resolve
 * through the model and quantization catalogs; files are read header-only.
 */
import { closestModels, findModel } from '@shared/catalog/model-lookup';
import { findQuant, QUANT_CATALOG } from '@shared/catalog/quantizations';
import type { QuantSpec } from '@shared/catalog/types';
import type { EngineModel } from '@shared/model-import/model-weights';
import { defaultQuantId } from '@shared/engine/planner/defaults';
import { modelFromCatalog } from '@shared/model-import/catalog-model';
import { ModelImportError } from '@shared/model-import/model-import-error';
import { readModelFile } from '../../model-import/read-model-file';
import { CliUsageError } from '../cli-error';

export const MODEL_OPTIONS = {
  model: { type: 'string' },
  quant: { type: 'string' },
  ctx: { type: 'string' },
} as const;

const looksLikePath = (value: string): boolean => /[\\/]|\.gguf$|\.json$/i.test(value);

/** Default quantization per runtime when `--quant` is not given (shared with the app). */
export { defaultQuantId };

export function resolveQuant(id: string): QuantSpec {
  const quant = findQuant(id);
  if (quant) return quant;
  const known = QUANT_CATALOG.filter((q) => q.format !== 'exl2').map((q) => q.id);
  throw new CliUsageError(
    `unknown quantization "${id}"; known: ${known.join(', ')}, or N.Nbpw for ExLlamaV2`,
  );
}

export async function modelFromOptions(
  values: { model?: string; quant?: string },
  runtime: string | null,
): Promise<EngineModel> {
  if (!values.model) throw new CliUsageError('plan needs --model ID, FILE.gguf or config.json');
  if (looksLikePath(values.model)) {
    try {
      return await readModelFile(values.model, values.quant ? resolveQuant(values.quant) : undefined);
    } catch (error) {
      if (error instanceof ModelImportError) throw new CliUsageError(error.message);
      throw error;
    }
  }
  const spec = findModel(values.model);
  if (!spec) {
    const near = closestModels(values.model, 5).map((m) => m.id);
    throw new CliUsageError(`unknown model "${values.model}"; closest: ${near.join(', ')}`);
  }
  return modelFromCatalog(spec, resolveQuant(values.quant ?? defaultQuantId(runtime)));
}
