/** The steps of the flow and the two side views, in order. */
export const STEPS = [
  { value: 'machine', label: 'Machine' },
  { value: 'model', label: 'Model' },
  { value: 'checks', label: 'Checks' },
  { value: 'strategy', label: 'Strategy' },
  { value: 'commands', label: 'Commands' },
  { value: 'checklist', label: 'Checklist' },
] as const;

export const VIEWS = [
  { value: 'upgrade', label: 'Add a card?' },
  { value: 'compare', label: 'Compare builds' },
] as const;

export type StepId = (typeof STEPS)[number]['value'] | (typeof VIEWS)[number]['value'];

/** Steps and views that need a plan (a machine and a model) to show anything. */
export const NEEDS_PLAN: ReadonlySet<StepId> = new Set([
  'checks',
  'strategy',
  'commands',
  'checklist',
  'upgrade',
]);

/** Views that need only a model: Compare builds plans catalog builds, with or without a scanned machine. */
export const NEEDS_MODEL: ReadonlySet<StepId> = new Set(['compare']);
