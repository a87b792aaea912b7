/** The model and quantization catalogs as Select options, searchable by id, name and repository. */
import type { ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { MODEL_CATALOG } from '@shared/catalog/models/index';
import { QUANT_CATALOG } from '@shared/catalog/quantizations';
import type { QuantFormat, QuantSpec } from '@shared/catalog/types';
import { atQuant } from '@shared/engine/advisor/fit-options';
import { totalWeightBytes, type EngineModel } from '@shared/model-import/model-weights';
import { quantKey } from '../../state/advisor-state';

export const MODEL_OPTIONS = [...MODEL_CATALOG]
  .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
  .map((m) => ({ value: m.id, label: m.name }));

const SEARCH_TEXT = new Map(
  MODEL_CATALOG.map((m) => [m.id, [m.id, m.name, m.repo, ...(m.aliases ?? [])].join(' ').toLowerCase()]),
);

/** Matches every word of the search against the model's id, name, repository and aliases. */
export const filterModels: OptionsFilter = ({ options, search, limit }) => {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const hit = (item: ComboboxParsedItem) =>
    'value' in item &&
    words.every((w) => (SEARCH_TEXT.get(item.value) ?? item.label.toLowerCase()).includes(w));
  return options.filter(hit).slice(0, limit);
};

const FORMAT_LABEL: Record<QuantFormat, string> = {
  gguf: 'GGUF (llama.cpp, Ollama)',
  vllm: 'Checkpoints (vLLM, SGLang)',
  exl2: 'EXL2 (ExLlamaV2)',
};

/** Value for "the checkpoint's own format" (a picked config.json). */
export const OWN_QUANT = 'own';

/** `Q4_K_M · 4.85 bits/weight · 39.6 GiB`: the size of this model's weights at it, when a model is picked. */
function quantLabel(q: QuantSpec, model: EngineModel | null): string {
  const at = model ? atQuant(model, q) : null;
  const size = at ? ` · ${(totalWeightBytes(at.weights) / 2 ** 30).toFixed(1)} GiB` : '';
  return `${q.id} · ${q.bitsPerWeight.toFixed(2)} bits/weight${size}`;
}

export function quantOptionGroups(withOwn: boolean, model: EngineModel | null = null) {
  const groups = (Object.keys(FORMAT_LABEL) as QuantFormat[]).map((format) => ({
    group: FORMAT_LABEL[format],
    items: QUANT_CATALOG.filter((q) => q.format === format).map((q) => ({
      value: quantKey(q),
      label: quantLabel(q, model),
    })),
  }));
  return withOwn
    ? [
        { group: 'From the config.json', items: [{ value: OWN_QUANT, label: 'As in the checkpoint' }] },
        ...groups,
      ]
    : groups;
}
