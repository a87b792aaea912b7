/**
 * "Will this card work here?" as a compatibility list (PCPartPicker-style): one line per thing that can
 * stop a card — slot, lanes, spacing and cooling, PSU watts, PSU cables, case, the runtime with the cards
 * already in, the driver — each ✓ / ? / ! / ✕ from the very checks `check` runs on the machine with the
 * card added. "?" is a check that could not be answered, with the input that answers it.
 */
import type { Check, CheckStatus } from '../checks/check-types';
import type { Strategy } from '../planner/plan-types';
import type { UserInput } from '../user-inputs';

export type CompatTopic =
  'slot' | 'lanes' | 'spacing' | 'psu' | 'cables' | 'case' | 'ram' | 'runtime' | 'driver';

/** ✓ ok, ? not known (an input answers it), ! works with a caveat, ✕ stops the card. */
export type CompatStatus = 'ok' | 'unknown' | 'warn' | 'no';

export interface CompatLine {
  readonly topic: CompatTopic;
  readonly label: string;
  readonly status: CompatStatus;
  /** The deciding check's reason (the worst of the topic's checks), or why nothing was checked. */
  readonly reason: string;
  /** What to do, for `unknown` how to find out. */
  readonly fix: string;
  /** The checks behind the line (their ids), so a front end can ask for their inputs. */
  readonly checkIds: readonly string[];
  /** The check that decided the line (its worst), null when none spoke to it. */
  readonly decidedBy: string | null;
  /** The inputs that answer the deciding check (a "?" line asks for them), as that check names them. */
  readonly inputs: readonly UserInput[];
}

const STATUS: Readonly<Record<CheckStatus, CompatStatus>> = {
  pass: 'ok',
  unknown: 'unknown',
  warn: 'warn',
  fail: 'no',
};
const RANK: Readonly<Record<CompatStatus, number>> = { ok: 0, unknown: 1, warn: 2, no: 3 };

interface Topic {
  readonly topic: CompatTopic;
  readonly label: string;
  readonly match: (id: string, newIndex: number) => boolean;
  /** Said when no check spoke to it (then not known, unless `uncheckedOk` says why it needs no check). */
  readonly unchecked: string;
  /** Why a topic no check spoke to is fine as planned (RAM when nothing stays in it); null: not known. */
  readonly uncheckedOk?: (strategy: Strategy | null) => string | null;
  /**
   * The check that answers the topic when it could be answered: the others' "unknown" then does not
   * override it (a PSU with enough watts is ✓ even though no transient peak was measured).
   */
  readonly primary?: string;
}

const TOPICS: readonly Topic[] = [
  {
    topic: 'slot',
    label: 'Slot',
    match: (id) => id === 'slots.free' || id === 'slots.bios',
    unchecked: 'Not checked: the capture lists no slots (enter where the card would go above)',
  },
  {
    topic: 'lanes',
    label: 'Lanes',
    match: (id, i) => id === `slots.link.gpu${i}` || id === 'slots.lanes',
    unchecked: 'Not checked: the link of the slot is unknown (enter it above)',
  },
  {
    topic: 'spacing',
    label: 'Spacing and cooling',
    match: (id) =>
      id.startsWith('cooling.spacing') ||
      id.startsWith('cooling.temp') ||
      id === 'cooling.passive' ||
      id === 'cooling.risers',
    unchecked: 'Not checked: slot spacing is unknown',
  },
  {
    topic: 'psu',
    label: 'PSU watts',
    match: (id) => id === 'power.sustained' || id === 'power.transients',
    unchecked: 'Not checked: enter your PSU',
    primary: 'power.sustained',
  },
  {
    topic: 'cables',
    label: 'PSU cables',
    match: (id) => id === 'power.connectors',
    unchecked: 'Not checked: enter the PSU’s PCIe cables',
  },
  {
    topic: 'case',
    label: 'Case',
    match: (id) => id === 'cooling.case',
    unchecked: 'Not checked: enter the case’s expansion slots',
  },
  {
    // The capacity check speaks only when over 1 GiB stays in RAM; unknown RAM is then a "?", not a fit.
    topic: 'ram',
    label: 'System RAM',
    match: (id) => id === 'capacity.ram',
    unchecked: 'Not checked',
    uncheckedOk: (s) =>
      !s?.fits
        ? 'Nothing fits with the card added (see the runtime line); RAM is not what stops it.'
        : s.fit === 'gpu'
          ? 'The model stays on the GPUs with the card added: system RAM does not limit it.'
          : 'Under 1 GiB stays in system RAM with the card added.',
  },
  {
    topic: 'runtime',
    label: 'Runtime with your cards',
    match: (id) => id === 'software.vendors',
    unchecked: '',
  },
  {
    topic: 'driver',
    label: 'Driver and compute',
    match: (id) => id === 'software.driver' || id === 'software.compute' || id === 'software.mig',
    unchecked: 'Not checked: the driver version is unknown',
  },
];

/** The new card's vendor beside the vendors of the cards already there. */
export interface VendorMix {
  readonly added: string;
  readonly present: readonly string[];
}

const VENDOR_WORDS: Readonly<Record<string, string>> = {
  nvidia: 'NVIDIA',
  amd: 'AMD',
  intel: 'Intel',
  apple: 'Apple',
};

/**
 * Whether the plan with the card can use it. Each runtime's GPU build targets one vendor (CUDA, ROCm), so
 * a card of another vendor cannot share a model with the cards there (the planner's vendor gate); a plan
 * that leaves the card idle (the model already fits the cards there) gains nothing from it.
 */
function runtimeUse(
  strategy: Strategy | null,
  newIndex: number,
  vendors: VendorMix | null,
): Omit<CompatLine, 'topic' | 'label' | 'checkIds' | 'decidedBy' | 'inputs'> {
  if (vendors && vendors.present.length > 0 && !vendors.present.includes(vendors.added)) {
    const added = VENDOR_WORDS[vendors.added] ?? vendors.added;
    const present = vendors.present.map((v) => VENDOR_WORDS[v] ?? v).join(' and ');
    return {
      status: 'no',
      reason: `${/^[AEIOU]/.test(added) ? 'An' : 'A'} ${added} card cannot share one model with the ${present} cards there: each runtime's GPU build runs one vendor per process.`,
      fix: "llama.cpp's Vulkan backend, or RPC between a CUDA and a ROCm build, can mix them, slower than anything planned here.",
    };
  }
  if (!strategy || !strategy.fits)
    return { status: 'no', reason: 'Nothing fits with the card added.', fix: '' };
  if (!strategy.gpuIndices.includes(newIndex))
    return {
      status: 'warn',
      reason: `The plan with it (${strategy.id}) does not use the new card: it runs on GPU ${strategy.gpuIndices.join(', ')}.`,
      fix: 'The card adds nothing to this model as planned; a larger model or more users may use it.',
    };
  return { status: 'ok', reason: `${strategy.id} uses it beside the cards there.`, fix: '' };
}

/** The compatibility list of the machine with a new card at `newIndex`, from its checks and plan. */
export function compatLines(
  checks: readonly Check[],
  strategy: Strategy | null,
  newIndex: number,
  vendors: VendorMix | null = null,
): CompatLine[] {
  return TOPICS.map(({ topic, label, match, unchecked, uncheckedOk, primary }) => {
    const matched = checks.filter((c) => match(c.id, newIndex));
    const answered = matched.some((c) => c.id === primary && c.status !== 'unknown');
    const mine = answered ? matched.filter((c) => c.status !== 'unknown') : matched;
    const worst = mine.reduce<Check | null>(
      (w, c) => (!w || RANK[STATUS[c.status]] > RANK[STATUS[w.status]] ? c : w),
      null,
    );
    const checkIds = matched.map((c) => c.id);
    // The line as the deciding check says it.
    const decided = (c: Check): CompatLine => ({
      topic,
      label,
      status: STATUS[c.status],
      reason: c.reason,
      fix: c.fix,
      checkIds,
      decidedBy: c.id,
      inputs: c.inputs ?? [],
    });
    if (topic === 'runtime') {
      const use = runtimeUse(strategy, newIndex, vendors);
      // A failing runtime check (two vendors in one process) outranks "uses it".
      if (worst && RANK[STATUS[worst.status]] >= RANK[use.status]) return decided(worst);
      return { topic, label, ...use, checkIds, decidedBy: null, inputs: [] };
    }
    if (!worst) {
      const fine = uncheckedOk?.(strategy) ?? null;
      const [status, reason]: [CompatStatus, string] = fine ? ['ok', fine] : ['unknown', unchecked];
      return { topic, label, status, reason, fix: '', checkIds, decidedBy: null, inputs: [] };
    }
    return decided(worst);
  });
}
