/** `plan`: how a model fits and runs on a machine, per runtime and split, with the suggestions (see README). */
import { advise, type Advice } from '@shared/engine/advisor/advise';
import { formatPlanText } from '@shared/engine/planner/format-plan';
import { CliUsageError } from '../cli-error';
import { cliInputWords, suggestionFlags, withHow } from '../input-words';
import type { CliIo } from '../io';
import { adviceFromOptions, parseAdviceArgs, type AdviceValues } from '../options/advice-options';

/** `--strategy ID` must name one of the plan's strategies. */
export function requireStrategy(advice: Advice, v: AdviceValues): void {
  const id = v.strategy;
  if (id && !advice.plan.strategies.some((s) => s.id === id))
    throw new CliUsageError(
      `--strategy: the plan has no "${id}"; it has ${advice.plan.strategies.map((s) => s.id).join(', ')}`,
    );
}

/** The plan's JSON: the planner's result, the strategy followed, and the suggestions with their flags. */
export function planJson(advice: Advice) {
  return {
    ...advice.plan,
    // The speed model's terms are for the calibration; the JSON keeps the numbers they give.
    strategies: advice.plan.strategies.map(({ decodeModel: _d, prefillModel: _p, ...s }) => s),
    followed: advice.strategy?.id ?? null,
    suggestions: advice.suggestions.map(withHow),
  };
}

function suggestionLines(advice: Advice): string[] {
  if (advice.suggestions.length === 0) return [];
  return [
    '',
    'Suggestions:',
    ...advice.suggestions.flatMap((s) => [`  - ${s.summary}`, `      ${suggestionFlags(s.change)}`]),
  ];
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function calibrationLines(points: number, memory: number, notes: readonly string[]): string[] {
  const what =
    memory > 0
      ? `${plural(points, 'measured run')} and ${plural(memory, 'memory reading')}`
      : plural(points, 'measured run');
  return [
    '',
    points + memory > 0
      ? `Calibrated on ${what} of this machine (--measurements): each calibrated speed and buffer says so, with the uncalibrated figure; leave out --measurements to plan without.`
      : 'No measured run in --measurements applies: the plan is uncalibrated.',
    ...notes.map((n) => `  - ${n}`),
  ];
}

export async function runPlan(argv: readonly string[], io: CliIo): Promise<number> {
  const v = parseAdviceArgs(argv);
  const { input, calibrationNotes } = await adviceFromOptions(v);
  const advice = advise(input);
  requireStrategy(advice, v);
  const points = input.machine.calibration?.points.length ?? 0;
  const memory = input.machine.calibration?.memory?.length ?? 0;
  // `memory` only when some: plans calibrated on runs alone print what they always did.
  const calibration = { runs: points, ...(memory ? { memory } : {}), notUsed: calibrationNotes };
  if (v.json)
    io.out(
      JSON.stringify(
        {
          ...planJson(advice),
          ...(v.measurements ? { calibration } : {}),
        },
        null,
        2,
      ),
    );
  else
    io.out(
      [
        formatPlanText(advice.plan, (a) => cliInputWords(a.inputs) && `— ${cliInputWords(a.inputs)}`),
        ...suggestionLines(advice),
        ...(v.measurements ? calibrationLines(points, memory, calibrationNotes) : []),
      ].join('\n'),
    );
  return 0;
}
