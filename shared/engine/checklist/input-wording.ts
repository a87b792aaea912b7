/**
 * The checklist and the checks name the inputs that settle an item by id (user-inputs.ts); a front end
 * passes its words for them here — the CLI its flags, the app its fields — before rendering.
 */
import type { Check } from '../checks/check-types';
import type { UserInput } from '../user-inputs';
import type { Checklist } from './build-checklist';

/**
 * How a front end says where to give a set of inputs, as a phrase: `set with --ram-gib N` or
 * `set System RAM on the Machine step`; '' for none.
 */
export type InputWords = (inputs: readonly UserInput[]) => string;

/** `text — words`, keeping the sentence's final full stop at the end. */
function joined(text: string, words: string): string {
  if (!words) return text;
  const trimmed = text.trimEnd();
  const stop = trimmed.endsWith('.');
  return `${stop ? trimmed.slice(0, -1) : trimmed} — ${words}${stop ? '.' : ''}`;
}

/** The check with its fix followed by how to make the inputs it asks for. */
export function wordCheck(c: Check, words: InputWords): Check {
  return c.inputs?.length ? { ...c, fix: joined(c.fix, words(c.inputs)) } : c;
}

/** The checklist with every item and check that names inputs followed by the front end's words for them. */
export function wordChecklist(list: Checklist, words: InputWords): Checklist {
  return {
    ...list,
    checks: list.checks.map((c) => wordCheck(c, words)),
    sections: list.sections.map((sec) => ({
      ...sec,
      items: sec.items.map((item) =>
        'text' in item && item.inputs?.length
          ? { ...item, text: joined(item.text, words(item.inputs)) }
          : item,
      ),
    })),
  };
}
