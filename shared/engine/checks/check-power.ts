/**
 * Power: sustained draw against the PSU rating (≤ 80%), transient peaks against the PSU's
 * excursion tolerance (ATX 3.x 160% for 10 ms; ATX 2.x none), and the PCIe cables the cards need.
 * When over budget it suggests a power limit with the exact command and its estimated cost in tok/s.
 */
import type { Strategy } from '../planner/plan-types';
import { CHECK, SRC } from './check-thresholds';
import { check, type Check, type ChecksInput } from './check-types';
import { cablesNeeded, type PowerBudget } from './power-budget';
import { assessPower, type PowerAssessment, type PowerLimitPlan } from './power-rule';

const PSU_INPUTS = ['psuWatts', 'psuPcie8', 'psu12vhpwr'] as const;
const ENTER_PSU = 'Enter your PSU wattage and its cables (8-pin PCIe and 12VHPWR counts).';

function budgetText(b: PowerBudget, total: number): string {
  const tag = {
    measured: '',
    entered: ' (the limit you entered)',
    catalog: ' (catalog board power)',
    max: ' (highest settable limit)',
  };
  const gpus = b.gpus.map((g) => `${g.limitW} W GPU ${g.index}${tag[g.limitSource ?? 'measured']}`);
  return `${total} W = ${gpus.join(' + ')} + ${b.cpuLabel} + ${b.restW} W rest of system (assumed)`;
}

/** The commands that set the plan's limits, and what they cost in decode speed. */
export function powerLimitText(plan: PowerLimitPlan, s: Strategy | null): string {
  const cmds = plan.gpus.map((p) =>
    p.vendor === 'nvidia'
      ? `sudo nvidia-smi -i ${p.index} -pl ${p.watts}`
      : `set GPU ${p.index} to ${p.watts} W with its vendor tool`,
  );
  const tps = s?.decodeTokPerSec?.expected;
  const pct = `~${(plan.loss * 100).toFixed(1)}% slower decode`;
  const cost = tps ? `${pct} (${tps.toFixed(1)} → ${(tps * (1 - plan.loss)).toFixed(1)} tok/s)` : pct;
  return `Cap the cards: \`${cmds.join(' && ')}\` (resets at reboot; the card's minimum is in \`nvidia-smi -q -d POWER\`) — ${cost}, an estimate from a llama.cpp power-limit sweep on RTX 3090s, since decode is memory-bound`;
}

/** The fix both power checks give: the power limit (when one works) or the PSU that needs none. */
function powerFix(a: PowerAssessment, s: Strategy | null): string {
  const bigger = `a PSU of at least ${a.minPsuW} W (ATX 3.x)`;
  if (a.powerLimit) return `${powerLimitText(a.powerLimit, s)} — or use ${bigger}.`;
  return `No power limit gets there without collapsing decode speed (below ~${Math.round(CHECK.powerLimitFloorFraction * 100)}% of default), so use ${bigger}.`;
}

function sustainedCheck(a: PowerAssessment, s: Strategy | null): Check {
  const total = a.budget.sustainedW ?? 0;
  const pct = `${Math.round((a.share ?? 0) * 100)}% of the ${a.psuWatts} W PSU`;
  const sources = [
    SRC.psuHeadroomGn,
    SRC.psuHeadroomToms,
    SRC.hedtCpuPower,
    SRC.powerLimitSweep,
    SRC.powerLimit3090,
  ];
  if (a.sustained === 'pass')
    return check(
      'power',
      'power.sustained',
      'pass',
      `Sustained draw ${budgetText(a.budget, total)}: ${pct}, within the 80% rule.`,
      '',
      sources,
    );
  const verdict =
    a.sustained === 'fail' ? 'more than the PSU delivers' : 'above the 80% a PSU should run at continuously';
  return check(
    'power',
    'power.sustained',
    a.sustained,
    `Sustained draw ${budgetText(a.budget, total)}: ${pct}, ${verdict}.`,
    powerFix(a, s),
    sources,
  );
}

function transientCheck(a: PowerAssessment, s: Strategy | null): Check {
  const b = a.budget;
  const sources = [SRC.atx3Excursion, SRC.atx2NoTransientSpec, SRC.ampereSpike];
  if (b.peakW === null) {
    const missing = b.gpus.filter((g) => g.peakW === null).map((g) => `GPU ${g.index} ${g.name}`);
    return check(
      'power',
      'power.transients',
      'unknown',
      `No measured transient peak for ${missing.join(', ')}, so short spikes cannot be checked.`,
      "Look up a review that measures power spikes (Igor's Lab, TechPowerUp) for your card, or prefer an ATX 3.x PSU, which is tested for 200% excursions.",
      [SRC.atx3Excursion],
    );
  }
  const kind = a.atx3
    ? `an ATX 3.x PSU rides out ${a.transientLimitW} W for 10 ms`
    : `a PSU without ATX 3.x excursion testing is held to its ${a.psuWatts} W rating`;
  const peaks = b.gpus.map((g) => `${g.peakW} W GPU ${g.index} (${g.peakSource})`).join(', ');
  if (a.transient === 'pass')
    return check(
      'power',
      'power.transients',
      'pass',
      `Short peaks reach about ${b.peakW} W (${peaks}) and ${kind}.`,
      '',
      sources,
    );
  return check(
    'power',
    'power.transients',
    'warn',
    `Short peaks reach about ${b.peakW} W (${peaks}) but ${kind}: its over-current protection may shut the machine down (peaks are assumed to scale with the power limit).`,
    powerFix(a, s),
    sources,
  );
}

function connectorCheck(input: ChecksInput): Check {
  const { psu } = input.notes;
  const need = cablesNeeded(input.machine, psu.connectors12vhpwr ?? 0);
  const sources = [SRC.pcieConnectors, SRC.connector12vhpwr, SRC.twelvePinAdapter];
  const cards = need.perCard.join('; ');
  if (need.unknown.length > 0)
    return check(
      'power',
      'power.connectors',
      'unknown',
      `The power connectors of ${need.unknown.join(', ')} are not in the catalog.`,
      "Count the power sockets on each card (8-pin, 12VHPWR) and compare with the PSU's separate PCIe cables.",
      sources,
    );
  if (need.eightPin === 0 && need.native12v === 0)
    return check(
      'power',
      'power.connectors',
      'pass',
      `The cards need no PCIe power cables${cards ? ` (${cards})` : ''}.`,
    );
  if (psu.pcie8PinCables === null && need.eightPin > 0)
    return check(
      'power',
      'power.connectors',
      'unknown',
      `The cards need ${need.eightPin} separate 8-pin PCIe cables (${cards}), but the PSU's cable count is not entered.`,
      ENTER_PSU,
      sources,
      PSU_INPUTS,
    );
  const have = psu.pcie8PinCables ?? 0;
  const ok = need.eightPin <= have;
  const used = `${need.eightPin} separate 8-pin PCIe cables${need.native12v > 0 ? ` and ${need.native12v} native 12VHPWR` : ''}`;
  return check(
    'power',
    'power.connectors',
    ok ? 'pass' : 'fail',
    `The cards need ${used} (${cards}; 150 W per 8-pin cable) and the PSU has ${have} 8-pin cables.`,
    ok
      ? ''
      : `Use a PSU with at least ${need.eightPin} separate 8-pin cables (or native 12VHPWR cables); do not split one cable across two sockets of a high-power card.`,
    sources,
  );
}

/** The sustained check when a GPU's power or the PSU is unknown; null when both are known. */
function unknownSustained(a: PowerAssessment): Check | null {
  const b = a.budget;
  const gpu = b.gpus.find((g) => g.limitW === null);
  if (gpu) {
    const how =
      gpu.vendor === 'amd'
        ? 'Run `rocm-smi --showmaxpower`'
        : 'Run `nvidia-smi --query-gpu=index,power.limit --format=csv`';
    const reason = `The power limit of GPU ${gpu.index} (${gpu.name}) is unknown: it is not in the catalog and was not measured.`;
    return check(
      'power',
      'power.sustained',
      'unknown',
      reason,
      `${how} and scan again, or enter the card's power limit.`,
      [],
      ['powerLimit'],
    );
  }
  if (a.psuWatts !== null) return null;
  const reason = `The PSU is unknown; the rig draws about ${budgetText(b, b.sustainedW ?? 0)}${a.minPsuW ? `, so it needs at least ${a.minPsuW} W` : ''}.`;
  return check('power', 'power.sustained', 'unknown', reason, ENTER_PSU, [], PSU_INPUTS);
}

/** Power checks: PSU sustained load, transient peaks, cables. Unknown PSU → unknown with how to fill it in. */
export function checkPower(input: ChecksInput): Check[] {
  if (input.machine.gpus.every((g) => g.vendor === 'apple'))
    return [
      check(
        'power',
        'power.sustained',
        'pass',
        'Apple silicon runs from its built-in power supply; there is nothing to budget.',
      ),
    ];
  const a = input.power ?? assessPower(input.machine, input.profile, input.notes.psu);
  const unknown = unknownSustained(a);
  if (unknown || a.psuWatts === null) return [...(unknown ? [unknown] : []), connectorCheck(input)];
  return [sustainedCheck(a, input.strategy), transientCheck(a, input.strategy), connectorCheck(input)];
}
