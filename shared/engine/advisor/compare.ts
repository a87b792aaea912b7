/**
 * "Is multi-GPU worth it?": two to four builds side by side for one model and goal — price, fit,
 * predicted tokens/s, PSU needed, slots, complexity — and a verdict that says when the answer flips,
 * found by planning every build against the catalog's models from small to large.
 */
import { findGpu } from '../../catalog/gpu-lookup';
import { gpuPrice, priceBasisSummary } from '../../catalog/gpu-price';
import { MODEL_CATALOG } from '../../catalog/models/index';
import type { GpuSpec } from '../../catalog/types';
import { modelFromCatalog } from '../../model-import/catalog-model';
import type { PowerVerdict } from '../checks/power-rule';
import { machineFromNames, type EngineMachine, type LinkOverride } from '../machine';
import type { FitState, PlanRequest, Strategy } from '../planner/plan-types';
import { EMPTY_USER_NOTES, type UserNotes } from '../rig-notes';
import type { SlotPlacement } from '../slot-placement';
import { advise, planFor, runOfRequest } from './advise';

export interface BuildSpec {
  readonly label: string;
  readonly gpus: readonly GpuSpec[];
}

export interface BuildResult {
  readonly build: string;
  readonly priceUsd: number | null;
  /** Which prices were summed (street, yours, launch MSRP), in words. */
  readonly priceLabel: string | null;
  readonly fits: boolean;
  readonly fit: FitState;
  readonly strategy: string | null;
  readonly decodeTokPerSec: { expected: number; low: number; high: number } | null;
  /** Smallest PSU that needs no power limit (the same rule as `check`), W. */
  readonly psuWattsNeeded: number | null;
  /** The power rule's verdict against the PSU you entered ('unknown' without one). */
  readonly power: PowerVerdict;
  /** Failing checks (capacity, slots, software) as `check` words them. */
  readonly blockers: readonly string[];
  readonly notes: readonly string[];
}

/** What every build shares: the model and how to run it, the platform's RAM, your PSU, link and slots. */
export interface CompareContext {
  readonly request: PlanRequest;
  readonly notes?: UserNotes;
  readonly link?: LinkOverride | null;
  /** Where each card of a build sits, by GPU index (as `--slot`). */
  readonly slots?: readonly SlotPlacement[];
}

export class BuildParseError extends Error {
  override readonly name = 'BuildParseError';
}

/** "2x RTX 3090", "2× 3090", "RTX 3090 + RTX 4090" → the cards. Throws BuildParseError naming the unknown card. */
export function parseBuild(text: string): BuildSpec {
  const gpus = text.split('+').flatMap((part) => {
    const m = /^\s*(\d+)\s*[x×]\s*(.+)$/i.exec(part);
    const count = m ? Number(m[1]) : 1;
    const name = (m ? m[2] : part)?.trim() ?? '';
    const spec = findGpu(name);
    if (!spec) throw new BuildParseError(name);
    return Array.from({ length: count }, () => spec);
  });
  if (gpus.length === 0 || gpus.length > 16) throw new BuildParseError(text);
  return { label: text.trim(), gpus };
}

function machineFor(build: BuildSpec, ctx: CompareContext): EngineMachine {
  const base = ctx.request.machine;
  const built = machineFromNames(
    { gpuNames: build.gpus.map((g) => g.id), link: ctx.link ?? null, slots: ctx.slots ?? [] },
    (id) => build.gpus.find((g) => g.id === id) as GpuSpec,
  );
  return {
    ...built,
    ramMiB: base.ramMiB,
    ramBandwidthGBs: base.ramBandwidthGBs,
    assumptions: [
      ...built.assumptions.filter((a) => !a.id.startsWith('ram.')),
      ...base.assumptions.filter((a) => a.id.startsWith('ram.')),
    ],
  };
}

function notesFor(
  build: BuildSpec,
  chosen: Strategy | null,
  power: { verdict: PowerVerdict; minPsuW: number | null },
): string[] {
  const notes: string[] = [];
  const n = build.gpus.length;
  if (n > 1)
    notes.push(
      `${n} cards: ${n} x16-size slots with room for ${build.gpus.map((g) => g.slotWidth ?? '?').join(' + ')}-slot coolers, and a case and airflow for them`,
    );
  const cables = build.gpus.flatMap((g) => g.powerConnectors.map((c) => `${c.count}× ${c.type}`));
  if (cables.length) notes.push(`power connectors: ${cables.join(', ')}`);
  if (chosen && chosen.gpuIndices.length > 1)
    notes.push(
      `complexity: ${chosen.split} split across ${chosen.gpuIndices.length} GPUs (${chosen.runtime})`,
    );
  if (chosen?.fit === 'offload')
    notes.push(
      `keeps ${(chosen.ramOffloadMiB / 1024).toFixed(1)} GiB in system RAM, read at RAM speed every token`,
    );
  if (power.verdict === 'power-limit')
    notes.push(`on your PSU it needs power limits, or a ${power.minPsuW} W PSU`);
  if (power.verdict === 'bigger-psu') notes.push(`needs a PSU of at least ${power.minPsuW} W`);
  if (build.gpus.some((g) => !gpuPrice(g)))
    notes.push('price unknown for at least one card: enter it to compare cost');
  return notes;
}

function evaluate(build: BuildSpec, ctx: CompareContext): BuildResult {
  const machine = machineFor(build, ctx);
  const advice = advise({
    machine,
    profile: null,
    model: ctx.request.model,
    run: runOfRequest(ctx.request),
    notes: ctx.notes ?? EMPTY_USER_NOTES,
    depth: 'verdicts',
  });
  const chosen = advice.strategy?.fits ? advice.strategy : null;
  const priced = build.gpus.map((g) => gpuPrice(g));
  const prices = priced.map((p) => p?.usd ?? null);
  const failing = advice.checks.filter((c) => c.status === 'fail' && c.area !== 'power');
  const power = { verdict: advice.power.verdict, minPsuW: advice.power.minPsuW };
  return {
    build: build.label,
    priceUsd: prices.every((p) => p !== null) ? prices.reduce<number>((a, p) => a + (p ?? 0), 0) : null,
    priceLabel: priceBasisSummary(priced) || null,
    fits: chosen !== null,
    fit: chosen?.fit ?? 'none',
    strategy: chosen?.id ?? null,
    decodeTokPerSec: chosen?.decodeTokPerSec ?? null,
    psuWattsNeeded: advice.power.minPsuW,
    power: power.verdict,
    blockers: [...new Set(failing.map((c) => c.reason))],
    notes: notesFor(build, chosen, power),
  };
}

const rate = (r: BuildResult): number => r.decodeTokPerSec?.expected ?? 0;

/** The winner for each catalog model (same quantization) from small to large, to find where it changes. */
function flips(builds: readonly BuildSpec[], ctx: CompareContext): string | null {
  const request = ctx.request;
  const quant = request.model.quant;
  if (!quant) return null;
  const machines = builds.map((b) => machineFor(b, ctx));
  const models = [...MODEL_CATALOG].filter((m) => !m.experts).sort((a, b) => a.paramsB - b.paramsB);
  // The gated plan alone (what the checks could fail is in it); the full advice per model is not needed here.
  const speedOn = (machine: EngineMachine, model: ReturnType<typeof modelFromCatalog>): number => {
    const res = planFor({ ...request, machine, model }, null);
    const best = res.strategies.find((s) => s.id === res.recommended);
    return best?.decodeTokPerSec?.expected ?? 0;
  };
  const winners = models.map((spec) => {
    const model = modelFromCatalog(spec, quant);
    const rates = machines.map((m) => speedOn(m, model));
    const top = rates.reduce((w, r, i) => (r > (rates[w] ?? 0) ? i : w), 0);
    return { spec, winner: (rates[top] ?? 0) > 0 ? (builds[top]?.label ?? null) : null };
  });
  const current = winners.find((w) => w.spec.id === request.model.spec.id)?.winner;
  const other = winners.filter((w) => w.winner && w.winner !== current);
  if (other.length === 0)
    return `${current ?? 'No build'} stays ahead for every catalog model at ${quant.id}.`;
  const sizes = other.map((w) => w.spec.paramsB);
  // The nearest model on the other side of the flip makes the clearest example.
  const size = request.model.spec.paramsB;
  const example = other.reduce((a, b) =>
    Math.abs(b.spec.paramsB - size) < Math.abs(a.spec.paramsB - size) ? b : a,
  );
  return `The answer flips for models of ${Math.min(...sizes)}–${Math.max(...sizes)}B at ${quant.id} (e.g. ${example.spec.id}), where ${example.winner} is faster.`;
}

export function compareBuilds(
  builds: readonly BuildSpec[],
  ctx: CompareContext,
): { builds: BuildResult[]; verdict: string } {
  const request = ctx.request;
  const results = builds.map((b) => evaluate(b, ctx));
  const fitting = results.filter((r) => r.fits);
  if (fitting.length === 0)
    return {
      builds: results,
      verdict: `None of these builds fits ${request.model.spec.name} ${request.model.quantLabel} at ${request.ctx} tokens of context.`,
    };
  const top = fitting.reduce((w, r) => (rate(r) > rate(w) ? r : w));
  const others = results
    .filter((r) => r !== top)
    .map((r) => `${r.build}: ${r.fits ? `${rate(r).toFixed(1)} tok/s` : 'does not fit'}`);
  const why =
    top.fit === 'offload'
      ? 'it is the fastest, though part of the model stays in system RAM'
      : top.strategy?.endsWith(':none')
        ? 'it holds the whole model on one card, so no split slows it down'
        : 'its combined memory holds the model on GPUs, where bandwidth is highest';
  // The same power rule as `check`: a winner your PSU cannot carry says so in the verdict.
  const power =
    top.power === 'bigger-psu'
      ? ` It needs a PSU of at least ${top.psuWattsNeeded} W, more than yours.`
      : top.power === 'power-limit'
        ? ` On your PSU it needs power limits (or a ${top.psuWattsNeeded} W PSU).`
        : '';
  const verdict =
    `For ${request.model.spec.name} ${request.model.quantLabel}, ${top.build} wins at ${rate(top).toFixed(1)} tok/s (${others.join('; ')}): ${why}.${power} ${flips(builds, ctx) ?? ''}`.trim();
  return { builds: results, verdict };
}
