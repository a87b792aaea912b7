/**
 * The app's words for the engine's inputs: the field that sets each one and the step it is on. The
 * engine names inputs by id (shared/engine/user-inputs.ts); the CLI names the same ids as its flags
 * (electron/cli/input-words.ts). Checks' fixes, the checklist and the plan's assumptions are followed
 * by these words (`wordCheck`, `wordChecklist`), and so is how to make a suggestion's change.
 */
import type { InputWords } from '@shared/engine/checklist/input-wording';
import type { SuggestionChange, SuggestionKind } from '@shared/engine/suggestion-types';
import type { UserInput } from '@shared/engine/user-inputs';

export type StepName = 'Machine' | 'Model' | 'Strategy';

/** Where an input is set: the field's label (as on screen) and its step. */
export interface InputField {
  readonly field: string;
  readonly step: StepName;
}

export const INPUT_FIELDS: Readonly<Record<UserInput, InputField>> = {
  gpuModel: { field: '"Which card is GPU N?"', step: 'Machine' },
  gpuSpec: { field: '"A card the catalog lacks"', step: 'Machine' },
  ramGiB: { field: 'System RAM', step: 'Machine' },
  ramGBs: { field: 'RAM bandwidth', step: 'Machine' },
  link: { field: 'Link between the cards', step: 'Machine' },
  slot: { field: 'Where the cards sit', step: 'Machine' },
  powerLimit: { field: 'Power limits', step: 'Machine' },
  psuWatts: { field: 'PSU rated output', step: 'Machine' },
  psuPcie8: { field: '8-pin PCIe cables', step: 'Machine' },
  psu12vhpwr: { field: '12VHPWR cables', step: 'Machine' },
  psuAtx3: { field: 'PSU note ("ATX 3.x")', step: 'Machine' },
  caseSlots: { field: 'Expansion slots of the case', step: 'Machine' },
  quant: { field: 'Quantization', step: 'Model' },
  ctx: { field: 'Context per request', step: 'Model' },
  runtime: { field: 'Runtime', step: 'Model' },
  split: { field: 'Split', step: 'Model' },
  concurrency: { field: 'Users at once', step: 'Model' },
  strategy: { field: 'the strategy table', step: 'Strategy' },
  cacheType: { field: 'KV cache type', step: 'Strategy' },
  tensorSplit: { field: 'Tensor split', step: 'Strategy' },
  nodes: { field: 'Several machines', step: 'Strategy' },
  network: { field: 'Network', step: 'Strategy' },
};

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The fields grouped by step, in the order given: `System RAM and RAM bandwidth on the Machine step`. */
export function fieldsText(inputs: readonly UserInput[]): string {
  const byStep = new Map<StepName, string[]>();
  for (const input of new Set(inputs)) {
    const { field, step } = INPUT_FIELDS[input];
    byStep.set(step, [...(byStep.get(step) ?? []), field]);
  }
  return [...byStep].map(([step, fields]) => `${list(fields)} on the ${step} step`).join('; ');
}

/** `set System RAM on the Machine step`: how to give these inputs in the app, as a phrase; '' for none. */
export const uiInputWords: InputWords = (inputs) => (inputs.length === 0 ? '' : `set ${fieldsText(inputs)}`);

/** What a kind of suggestion does, for a check that names the ones that change its verdict. */
export const SUGGESTION_KIND_WORDS: Readonly<Record<SuggestionKind, string>> = {
  'kv-cache': 'a smaller KV cache',
  quant: 'a smaller quantization',
  context: 'a shorter context',
  offload: 'part of the model in system RAM',
  concurrency: 'fewer requests at once',
  runtime: 'another runtime',
  strategy: 'another strategy',
  'power-limit': 'power limits',
  psu: 'a bigger PSU',
};

/** The kinds a check names, in words (unknown kinds as they are). */
export function suggestionKindsText(kinds: readonly string[]): string {
  return list(kinds.map((k) => SUGGESTION_KIND_WORDS[k as SuggestionKind] ?? k));
}

const where = (input: UserInput): string => {
  const { field, step } = INPUT_FIELDS[input];
  return `${field} on the ${step} step`;
};

/** How to make a suggestion's change by hand, field by field: `KV cache type q8_0 on the Strategy step`. */
export function suggestionHow(change: SuggestionChange): string[] {
  const steps: string[] = [];
  if (change.runtime) steps.push(`${where('runtime')}: ${change.runtime}`);
  if (change.split) steps.push(`${where('split')}: ${change.split === 'auto' ? 'automatic' : change.split}`);
  if (change.quant) steps.push(`${where('quant')}: ${change.quant}`);
  if (change.cacheType) steps.push(`${where('cacheType')}: ${change.cacheType}`);
  if (change.ctx) steps.push(`${where('ctx')}: ${change.ctx.toLocaleString('en')} tokens`);
  if (change.concurrency) steps.push(`${where('concurrency')}: ${change.concurrency}`);
  if (change.powerLimits?.length)
    steps.push(
      `${where('powerLimit')}: ${change.powerLimits.map((l) => `GPU ${l.gpuIndex} ${l.watts} W`).join(', ')}`,
    );
  if (change.psuWatts)
    steps.push(
      `${where('psuWatts')}: ${change.psuWatts} W${change.psuAtx3 ? ' (an ATX 3.x unit: say so in the PSU note)' : ''}`,
    );
  if (change.strategy && !change.runtime) steps.push(`follow ${change.strategy} in ${where('strategy')}`);
  return steps;
}
