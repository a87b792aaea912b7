/**
 * Fit readings for a picker's options (each quantization, each catalog model), worked out a few at a time
 * after paint while the dropdown is open, not all at once: 100 models are 100 plans, and the page must stay
 * responsive while they come in. A changed request (machine, model, context) starts over.
 */
import { useEffect, useState } from 'react';
import type { FitReading } from '@shared/engine/advisor/fit-options';
import type { PlanRequest } from '@shared/engine/planner/plan-types';

/** How long one slice of work may hold the main thread, ms (under a frame at 60 Hz). */
const SLICE_MS = 12;

interface Readings {
  readonly request: PlanRequest | null;
  readonly byKey: ReadonlyMap<string, FitReading | null>;
}

const NONE: ReadonlyMap<string, FitReading | null> = new Map();

/**
 * The readings known so far for `keys` (null: nothing to work out now, e.g. the dropdown is closed): a key
 * missing from the map is still being worked out.
 */
export function useFitReadings(
  request: PlanRequest | null,
  keys: readonly string[] | null,
  compute: (key: string) => FitReading | null,
): ReadonlyMap<string, FitReading | null> {
  const [readings, setReadings] = useState<Readings>({ request, byKey: NONE });
  const known = readings.request === request ? readings.byKey : NONE;
  const missing = request && keys ? keys.filter((k) => !known.has(k)) : [];
  const next = missing[0] ?? null;
  useEffect(() => {
    if (next === null) return;
    const timer = setTimeout(() => {
      const started = performance.now();
      const byKey = new Map(known);
      for (const key of missing) {
        byKey.set(key, compute(key));
        if (performance.now() - started > SLICE_MS) break;
      }
      setReadings({ request, byKey });
    }, 0);
    return () => clearTimeout(timer);
    // One slice per render with work left: `next` changes as readings come in.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request, next, known]);
  return known;
}
