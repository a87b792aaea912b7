/**
 * Finds the `unknowns` entry that explains a missing value. Entries name dotted paths
 * (`gpus[1].pcie.genMax`, `slots`); an entry for a parent (`gpus[1].pcie`) or for every GPU
 * (`gpus[*].pcie.genMax`, `gpus[].pcie.genMax`, `gpus.pcie.genMax`) explains the child too.
 */
import type { UnknownField, ValueSource } from './types';

function candidates(path: string): string[] {
  const forms = new Set<string>([
    path,
    path.replace(/\[\d+\]/g, '[*]'),
    path.replace(/\[\d+\]/g, '[]'),
    path.replace(/\[\d+\]/g, ''),
  ]);
  const out: string[] = [];
  for (const form of forms) {
    const parts = form.split('.');
    for (let n = parts.length; n > 0; n -= 1) out.push(parts.slice(0, n).join('.'));
  }
  // Most specific first: longer paths before their parents.
  return [...new Set(out)].sort((a, b) => b.split('.').length - a.split('.').length);
}

export function findUnknown(unknowns: readonly UnknownField[], path: string): UnknownField | null {
  const byField = new Map(unknowns.map((entry) => [entry.field, entry]));
  for (const candidate of candidates(path)) {
    const hit = byField.get(candidate);
    if (hit) return hit;
  }
  return null;
}

/** Sources of a GPU's fields: the exact key, else any key under it (`pcie` → `pcie.genMax`, …). */
export function sourcesFor(sources: Readonly<Record<string, ValueSource>>, ...keys: string[]): ValueSource[] {
  const found = new Set<ValueSource>();
  for (const key of keys) {
    const exact = sources[key];
    if (exact) found.add(exact);
    else
      for (const [field, source] of Object.entries(sources))
        if (field.startsWith(`${key}.`)) found.add(source);
  }
  return [...found];
}
