/**
 * Power: sustained draw against the PSU rating (≤ 80%), transient peaks against the PSU's
 * excursion tolerance (ATX 3.x 160% for 10 ms; ATX 2.x none), and the PCIe cables the cards need.
 * When over budget it suggests a power limit with the exact command and its estimated cost in tok/s.
 */
import type { UserNotes } from '../rig-notes';
import type { Strategy } from '../planner/plan-types';
import { CHECK, SRC } from './check-thresholds';
import { check, type Check, type ChecksInput } from './check-types';
import { cablesNeeded, decodeLossAt, powerBudget, type PowerBudget } from './power-budget';

const ENTER_PSU = 'Enter your PSU wattage and cables (8-pin PCIe and 12VHPWR counts) in the notes.';

const roundUp = (w: number): number => Math.ceil(w / CHECK.psuStepW) * CHECK.psuStepW;

/** Smallest PSU that keeps the sustained draw at 80% and, as ATX 3.x, rides out the peaks. */
const minPsuW = (b: PowerBudget): number =>
  roundUp(
    Math.max((b.sustainedW ?? 0) / CHECK.psuSustainedMaxFraction, (b.peakW ?? 0) / CHECK.atx3ExcursionFactor),
  );

function budgetText(b: PowerBudget, total: number): string {
  const tag = { measured: '', catalog: ' (catalog board power)', max: ' (highest settable limit)' };
  const gpus = b.gpus.map((g) => `${g.limitW} W GPU ${g.index}${tag[g.limitSource ?? 'measured']}`);
  return `${total} W = ${gpus.join(' + ')} + ${b.cpuLabel} + ${b.restW} W rest of system (assumed)`;
}

/** Per-GPU limits that bring the sustained draw to 80% of the PSU, with commands and the estimated cost. */
export function powerLimitAdvice(b: PowerBudget, psuW: number, s: Strategy): string {
  const gpuTotal = b.gpus.reduce((a, g) => a + (g.limitW ?? 0), 0);
  const target = psuW * CHECK.psuSustainedMaxFraction - b.cpuW - b.restW;
  const bigger = `a PSU of at least ${minPsuW(b)} W`;
  const plans = b.gpus.map((g) => {
    const w = Math.floor(((g.limitW ?? 0) * target) / gpuTotal);
    const capped = g.maxW !== null ? Math.min(w, g.maxW) : w;
    return { g, w: capped, fraction: capped / (g.defaultW ?? g.limitW ?? capped) };
  });
  if (target <= 0 || plans.some((p) => p.fraction < CHECK.powerLimitFloorFraction))
    return `No power limit gets there without collapsing decode speed (below ~${Math.round(CHECK.powerLimitFloorFraction * 100)}% of default), so use ${bigger}.`;
  const cmds = plans.map((p) =>
    p.g.vendor === 'nvidia'
      ? `sudo nvidia-smi -i ${p.g.index} -pl ${p.w}`
      : `set GPU ${p.g.index} to ${p.w} W with its vendor tool`,
  );
  const loss = Math.max(...plans.map((p) => decodeLossAt(p.fraction)));
  const tps = s.decodeTokPerSec?.expected;
  const cost = tps
    ? `~${(loss * 100).toFixed(1)}% slower decode (${tps.toFixed(1)} → ${(tps * (1 - loss)).toFixed(1)} tok/s)`
    : `~${(loss * 100).toFixed(1)}% slower decode`;
  return `Cap the cards: \`${cmds.join(' && ')}\` (resets at reboot; the card's minimum is in \`nvidia-smi -q -d POWER\`) — ${cost}, an estimate from a llama.cpp power-limit sweep on RTX 3090s, since decode is memory-bound — or use ${bigger}.`;
}

function sustainedCheck(b: PowerBudget, psuW: number, s: Strategy): Check {
  const total = b.sustainedW ?? 0;
  const share = total / psuW;
  const pct = `${Math.round(share * 100)}% of the ${psuW} W PSU`;
  const sources = [
    SRC.psuHeadroomGn,
    SRC.psuHeadroomToms,
    SRC.hedtCpuPower,
    SRC.powerLimitSweep,
    SRC.powerLimit3090,
  ];
  if (share <= CHECK.psuSustainedMaxFraction)
    return check(
      'power',
      'power.sustained',
      'pass',
      `Sustained draw ${budgetText(b, total)}: ${pct}, within the 80% rule.`,
      '',
      sources,
    );
  const status = share > 1 ? 'fail' : 'warn';
  const verdict =
    status === 'fail' ? 'more than the PSU delivers' : 'above the 80% a PSU should run at continuously';
  return check(
    'power',
    'power.sustained',
    status,
    `Sustained draw ${budgetText(b, total)}: ${pct}, ${verdict}.`,
    powerLimitAdvice(b, psuW, s),
    sources,
  );
}

function isAtx3(notes: UserNotes): boolean {
  return (notes.psu.connectors12vhpwr ?? 0) > 0 || /atx\s*3/i.test(notes.psu.note);
}

function transientCheck(b: PowerBudget, notes: UserNotes, psuW: number): Check {
  const missing = b.gpus.filter((g) => g.peakW === null).map((g) => `GPU ${g.index} ${g.name}`);
  if (b.peakW === null)
    return check(
      'power',
      'power.transients',
      'unknown',
      `No measured transient peak for ${missing.join(', ')}, so short spikes cannot be checked.`,
      "Look up a review that measures power spikes (Igor's Lab, TechPowerUp) for your card, or prefer an ATX 3.x PSU, which is tested for 200% excursions.",
      [SRC.atx3Excursion],
    );
  const atx3 = isAtx3(notes);
  const factor = atx3 ? CHECK.atx3ExcursionFactor : CHECK.atx2ExcursionFactor;
  const limit = Math.round(psuW * factor);
  const kind = atx3
    ? `an ATX 3.x PSU rides out ${limit} W for 10 ms`
    : `a PSU without ATX 3.x excursion testing is held to its ${psuW} W rating`;
  const peaks = b.gpus.map((g) => `${g.peakW} W GPU ${g.index} (${g.peakSource})`).join(', ');
  const sources = [SRC.atx3Excursion, SRC.atx2NoTransientSpec, SRC.ampereSpike];
  if (b.peakW <= limit)
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
    `Short peaks reach about ${b.peakW} W (${peaks}) but ${kind}: its over-current protection may shut the machine down.`,
    `Use an ATX 3.x PSU (12VHPWR fitted; tested for 160% for 10 ms) of at least ${minPsuW(b)} W, or lower the power limits (how much that tames spikes is not measured here).`,
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
function unknownSustained(b: PowerBudget, psuW: number | null): Check | null {
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
      `${how} and scan again, or look up the card's board power.`,
    );
  }
  if (psuW !== null) return null;
  const reason = `The PSU is unknown; the rig draws about ${budgetText(b, b.sustainedW ?? 0)}.`;
  return check('power', 'power.sustained', 'unknown', reason, ENTER_PSU);
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
  const b = powerBudget(input.profile, input.machine);
  const psuW = input.notes.psu.watts;
  const unknown = unknownSustained(b, psuW);
  if (unknown || psuW === null) return [...(unknown ? [unknown] : []), connectorCheck(input)];
  return [
    sustainedCheck(b, psuW, input.strategy),
    transientCheck(b, input.notes, psuW),
    connectorCheck(input),
  ];
}
