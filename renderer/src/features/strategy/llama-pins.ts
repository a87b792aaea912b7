/**
 * Text rules of the llama.cpp settings form: a `--tensor-split` typed as `3,1` (or `3 1`), checked
 * with the schema the saved state uses, and a split shown back as each GPU's share.
 */
import { tensorSplitSchema } from '@shared/settings/app-state';

export type SplitEntry =
  | { readonly ok: true; readonly split: readonly number[] | null }
  | { readonly ok: false; readonly error: string };

const NUMBER = /^\+?(\d+\.?\d*|\.\d+)$/;

/** A typed split: empty = the planner chooses; otherwise plain non-negative numbers, not all zero. */
export function parseTensorSplit(text: string): SplitEntry {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, split: null };
  const parts = trimmed.split(/\s*,\s*|\s+/);
  if (parts.some((p) => p.startsWith('-') && NUMBER.test(p.slice(1))))
    return { ok: false, error: 'A share cannot be negative.' };
  if (!parts.every((p) => NUMBER.test(p)))
    return { ok: false, error: 'Give one share per GPU as plain numbers, like 3,1.' };
  const parsed = tensorSplitSchema.safeParse(parts.map(Number));
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'not a split';
    return { ok: false, error: `${message.charAt(0).toUpperCase()}${message.slice(1)}.` };
  }
  return { ok: true, split: parsed.data };
}

/** As `-ts` takes it: `3,1`. */
export const splitText = (split: readonly number[] | null): string => split?.join(',') ?? '';

export const sameSplit = (a: readonly number[] | null, b: readonly number[] | null): boolean =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((x, i) => x === b[i]));

/** Each GPU's share in percent: `GPU 0 75% · GPU 1 25%`. */
export function describeShares(split: readonly number[], gpuIndices: readonly number[]): string {
  const total = split.reduce((a, b) => a + b, 0) || 1;
  return split.map((x, i) => `GPU ${gpuIndices[i] ?? i} ${Math.round((x / total) * 100)}%`).join(' · ');
}
