/** The readable form of a plan, as `plan` prints it without `--json`. */
import { groupAssumptions } from '../group-assumptions';
import type { Assumption } from '../machine';
import type { PlanResult, Strategy } from './plan-types';

const gib = (mib: number): string => (mib / 1024).toFixed(1);
const rate = (s: Strategy): string => {
  if (!s.decodeTokPerSec) return 'unknown';
  const r = s.decodeTokPerSec;
  const cal = s.calibration?.decode;
  const mark = cal
    ? ` [calibrated ×${cal.ratio.toFixed(2)} on ${cal.runs} run${cal.runs === 1 ? '' : 's'}; uncalibrated ${cal.uncalibrated.expected.toFixed(1)}]`
    : '';
  return `${r.expected.toFixed(1)} (${r.low.toFixed(1)}–${r.high.toFixed(1)})${mark}`;
};

/** A GPU's compute or overhead figure, marked when the machine's own logs moved it. */
function buffer(s: Strategy, index: number, mib: number, kind: 'compute' | 'overhead'): string {
  const cal = s.memoryCalibration;
  const g = cal?.buffer === kind ? cal.perGpu.find((x) => x.index === index) : undefined;
  return g ? `${gib(mib)} [calibrated; uncalibrated ${gib(g.uncalibratedMiB)}]` : gib(mib);
}

function strategyBlock(s: Strategy, recommended: boolean): string[] {
  const status = s.invalid
    ? 'NOT POSSIBLE'
    : s.fit === 'gpu'
      ? 'fits on GPUs'
      : s.fit === 'offload'
        ? 'fits w/ RAM'
        : 'DOES NOT FIT';
  const lines = [
    `${recommended ? '★ ' : '  '}${s.id.padEnd(22)} ${status.padEnd(13)} decode ${rate(s)} tok/s, limit ${s.limitTokPerSec?.toFixed(0) ?? '?'} tok/s, max context ${s.maxContext}`,
  ];
  for (const g of s.perGpu) {
    lines.push(
      `      GPU ${g.index} ${g.name}: ${gib(g.totalMiB)} / ${gib(g.capacityMiB)} GiB (weights ${gib(g.weightsMiB)}, KV ${gib(g.kvCacheMiB)}, compute ${buffer(s, g.index, g.computeMiB, 'compute')}, overhead ${buffer(s, g.index, g.overheadMiB, 'overhead')})`,
    );
  }
  if (s.ramOffloadMiB > 0)
    lines.push(`      system RAM: ${gib(s.ramOffloadMiB)} GiB of weights and cache, read every token`);
  if (s.prefillTokPerSec)
    lines.push(
      `      prompt processing ≈ ${s.prefillTokPerSec.expected.toFixed(0)} tok/s; bound by ${s.bottleneck}`,
    );
  for (const r of s.reasons) lines.push(`      - ${r}`);
  for (const w of s.warnings) lines.push(`      ! ${w}`);
  return lines;
}

/**
 * The plan in text; `words` names the inputs that replace an assumption (the CLI passes its flags).
 */
export function formatPlanText(result: PlanResult, words: (a: Assumption) => string = () => ''): string {
  const head = `${result.model.name} ${result.model.quant} (${result.model.weightsGiB} GiB of weights), context ${result.ctx}, goal: ${result.goal}`;
  const cap = result.contextCap;
  const lines = [
    head,
    ...(cap
      ? [`(context capped at ${cap.limit} tokens: the model holds no more, and ${cap.asked} was asked for)`]
      : []),
    '',
    ...result.strategies.flatMap((s) => strategyBlock(s, s.id === result.recommended)),
    '',
    `Recommended: ${result.why}`,
    result.speedBasis,
  ];
  if (result.assumptions.length)
    lines.push(
      '',
      'Assumed:',
      ...groupAssumptions(result.assumptions).map((a) => `  - ${a.text}${words(a) ? ` ${words(a)}` : ''}`),
    );
  return lines.join('\n');
}
