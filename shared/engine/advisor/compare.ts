/**
 * "Is multi-GPU worth it?": two to four builds side by side for one model and goal — price, fit,
 * predicted tokens/s, PSU needed, slots, complexity — and a verdict that says when the answer flips,
 * found by planning every build against the catalog's models from small to large.
 */
import { findGpu } from '../../catalog/gpu-lookup';
import { MODEL_CATALOG } from '../../catalog/models/index';
import type { GpuSpec } from '../../catalog/types';
import { modelFromCatalog } from '../../model-import/catalog-model';
import { CHECK } from '../checks/check-thresholds';
import { powerBudget } from '../checks/power-budget';
import { machineFromNames, type EngineMachine } from '../machine';
import { plan } from '../planner/planner';
import type { PlanRequest, Strategy } from '../planner/plan-types';

export interface BuildSpec {
  readonly label: string;
  readonly gpus: readonly GpuSpec[];
}

export interface BuildResult {
  readonly build: string;
  readonly priceUsd: number | null;
  readonly fits: boolean;
  readonly strategy: string | null;
  readonly decodeTokPerSec: { expected: number; low: number; high: number } | null;
  readonly psuWattsNeeded: number | null;
  readonly notes: readonly string[];
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

const best = (strategies: readonly Strategy[]): Strategy | null => strategies.find((s) => s.fits) ?? null;

function machineFor(build: BuildSpec, base: EngineMachine): EngineMachine {
  const built = machineFromNames(
    { gpuNames: build.gpus.map((g) => g.id) },
    (id) => build.gpus.find((g) => g.id === id) as GpuSpec,
  );
  return {
    ...built,
    ramMiB: base.ramMiB,
    ramBandwidthGBs: base.ramBandwidthGBs,
    assumptions: base.assumptions,
  };
}

function notesFor(build: BuildSpec, chosen: Strategy | null): string[] {
  const notes: string[] = [];
  const n = build.gpus.length;
  if (n > 1)
    notes.push(
      `${n} cards: ${n} x16-size slots with room for ${build.gpus.map((g) => g.slotWidth ?? '?').join(' + ')}-slot coolers, and a case and airflow for them`,
    );
  const cables = build.gpus.flatMap((g) => g.powerConnectors.map((c) => `${c.count}× ${c.type}`));
  if (cables.length) notes.push(`power connectors: ${cables.join(', ')}`);
  if (chosen && chosen.split !== 'none')
    notes.push(
      `complexity: ${chosen.split} split across ${chosen.gpuIndices.length} GPUs (${chosen.runtime})`,
    );
  if (build.gpus.some((g) => !g.price))
    notes.push('price unknown for at least one card: enter it to compare cost');
  return notes;
}

function evaluate(build: BuildSpec, request: PlanRequest): BuildResult {
  const machine = machineFor(build, request.machine);
  const chosen = best(plan({ ...request, machine }).strategies);
  const prices = build.gpus.map((g) => g.price?.usedUsd ?? g.price?.newUsd ?? null);
  const budget = powerBudget(null, machine);
  return {
    build: build.label,
    priceUsd: prices.every((p) => p !== null) ? prices.reduce<number>((a, p) => a + (p ?? 0), 0) : null,
    fits: chosen !== null,
    strategy: chosen?.id ?? null,
    decodeTokPerSec: chosen?.decodeTokPerSec ?? null,
    psuWattsNeeded:
      budget.sustainedW === null
        ? null
        : Math.ceil(budget.sustainedW / CHECK.psuSustainedMaxFraction / CHECK.psuStepW) * CHECK.psuStepW,
    notes: notesFor(build, chosen),
  };
}

const rate = (r: BuildResult): number => r.decodeTokPerSec?.expected ?? 0;

/** The winner for each catalog model (same quantization) from small to large, to find where it changes. */
function flips(builds: readonly BuildSpec[], request: PlanRequest): string | null {
  const quant = request.model.quant;
  if (!quant) return null;
  const models = [...MODEL_CATALOG].filter((m) => !m.experts).sort((a, b) => a.paramsB - b.paramsB);
  const winners = models.map((spec) => {
    const results = builds.map((b) => evaluate(b, { ...request, model: modelFromCatalog(spec, quant) }));
    const top = results.reduce((w, r) => (rate(r) > rate(w) ? r : w));
    return { spec, winner: rate(top) > 0 ? top.build : null };
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
  request: PlanRequest,
): { builds: BuildResult[]; verdict: string } {
  const results = builds.map((b) => evaluate(b, request));
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
  const why = top.strategy?.endsWith(':none')
    ? 'it holds the whole model on one card, so no split slows it down'
    : 'its combined memory holds the model on GPUs, where bandwidth is highest';
  const verdict =
    `For ${request.model.spec.name} ${request.model.quantLabel}, ${top.build} wins at ${rate(top).toFixed(1)} tok/s (${others.join('; ')}): ${why}. ${flips(builds, request) ?? ''}`.trim();
  return { builds: results, verdict };
}
