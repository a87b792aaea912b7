/**
 * How a strategy lays the model over the cards, as the split diagram draws it: which layers each GPU
 * holds (layer split: a range each; tensor parallel: a slice of every layer), what sits in system RAM,
 * and what crosses the link per token. Every figure comes from the strategy and shared/engine
 * (assignLayers, stageLayerCounts, link-traffic); this only arranges them.
 */
import type { ModelSpec } from '@shared/catalog/types';
import { assignLayers } from '@shared/engine/llama-cpp-memory';
import { allReduceBytesPerToken, hiddenStateBytesPerToken } from '@shared/engine/link-traffic';
import type { GpuUse, Strategy } from '@shared/engine/planner/plan-types';
import { stageLayerCounts } from '@shared/engine/vllm-memory';
import { formatBytes } from '../../components/format-advisor';

/** Inclusive, 0-based layer indices. */
export interface LayerRange {
  readonly from: number;
  readonly to: number;
}

export interface DiagramCard {
  readonly use: GpuUse;
  /** Layers this card holds (whole layers), or for a slice the layers it holds a part of. */
  readonly layers: LayerRange | null;
  /** Which slice of each layer (0-based) out of `of`, for tensor parallel. */
  readonly slice: { readonly index: number; readonly of: number } | null;
  /** It holds the output layer (the vocabulary head). */
  readonly output: boolean;
}

export interface DiagramStage {
  readonly cards: readonly DiagramCard[];
  readonly layers: LayerRange;
}

export interface DiagramHost {
  readonly weightsMiB: number;
  readonly kvCacheMiB: number;
  /** Whole layers run from system RAM. */
  readonly layers: LayerRange | null;
  /** Layers whose routed experts stay in system RAM (`--n-cpu-moe`). */
  readonly expertsOf: LayerRange | null;
}

export interface SplitLayout {
  readonly mode: 'single' | 'layer' | 'tensor' | 'tp-pp';
  readonly title: string;
  readonly totalLayers: number;
  /** Left to right; a stage with several cards runs them in tensor parallel. */
  readonly stages: readonly DiagramStage[];
  readonly host: DiagramHost | null;
  /** Bytes per token from one stage to the next (the hidden state). */
  readonly handoffBytes: number;
  /** Bytes per token each card of a tensor-parallel stage sends and receives (its all-reduces). */
  readonly allReduceBytes: number;
  /** All-reduces per token inside a stage. */
  readonly allReduces: number;
  /** One paragraph for screen readers. */
  readonly description: string;
}

const rangeOf = (indices: readonly number[]): LayerRange | null =>
  indices.length ? { from: Math.min(...indices), to: Math.max(...indices) } : null;

export const rangeText = (r: LayerRange | null): string =>
  !r ? 'no layers' : r.from === r.to ? `layer ${r.from}` : `layers ${r.from}–${r.to}`;

/** llama.cpp family: the placement llama.cpp computes from -ngl and --tensor-split. */
function llamaStages(s: Strategy, layers: number): { stages: DiagramStage[]; host: LayerRange | null } {
  const split = s.llama?.tensorSplit ?? s.perGpu.map((u) => u.weightsMiB);
  const placement = assignLayers(layers, s.llama?.ngl ?? null, split);
  const held = (p: number) => placement.slice(0, layers).flatMap((d, il) => (d === p ? [il] : []));
  const stages = s.perGpu.map((use, p) => {
    const range = rangeOf(held(p));
    const card: DiagramCard = { use, layers: range, slice: null, output: placement[layers] === p };
    return { cards: [card], layers: range ?? { from: 0, to: -1 } };
  });
  return { stages, host: rangeOf(held(-1)) };
}

/** vLLM / SGLang (and llama.cpp row / tensor mode): pipeline stages of `tp` cards each. */
function parallelStages(s: Strategy, layers: number, tp: number, pp: number): DiagramStage[] {
  const counts = pp > 1 ? (s.stageLayers ?? stageLayerCounts(layers, pp)) : [layers];
  let first = 0;
  return counts.map((count, stage) => {
    const range = { from: first, to: first + count - 1 };
    first += count;
    const uses = s.perGpu.slice(stage * tp, stage * tp + tp);
    const cards = uses.map((use, i) => ({
      use,
      layers: range,
      slice: tp > 1 ? { index: i, of: tp } : null,
      output: stage === counts.length - 1,
    }));
    return { cards, layers: range };
  });
}

function modeOf(s: Strategy): { mode: SplitLayout['mode']; tp: number; pp: number } {
  const n = s.perGpu.length;
  if (s.split === 'row' || s.split === 'tensor') return { mode: 'tensor', tp: n, pp: 1 };
  if (s.runtime === 'vllm' || s.runtime === 'sglang') {
    const tp = Math.max(1, s.tensorParallel);
    const pp = Math.max(1, s.pipelineParallel);
    return { mode: tp > 1 && pp > 1 ? 'tp-pp' : tp > 1 ? 'tensor' : pp > 1 ? 'layer' : 'single', tp, pp };
  }
  return { mode: n > 1 ? 'layer' : 'single', tp: 1, pp: n };
}

function titleOf(s: Strategy, mode: SplitLayout['mode'], tp: number, pp: number, offload: boolean): string {
  const n = s.perGpu.length;
  const ram = offload ? ' + CPU offload' : '';
  if (mode === 'single') return `One GPU${ram}`;
  if (mode === 'layer') return `Layer split over ${n} GPUs${ram}`;
  if (mode === 'tp-pp') return `Tensor parallel ${tp} × pipeline ${pp} over ${n} GPUs`;
  return s.split === 'row' ? `Row split over ${n} GPUs` : `Tensor parallel over ${n} GPUs`;
}

function describe(l: Omit<SplitLayout, 'description'>): string {
  const cards = l.stages.flatMap((st) =>
    st.cards.map((c) => {
      const what = c.slice ? `1/${c.slice.of} of every one of ${rangeText(c.layers)}` : rangeText(c.layers);
      return `GPU ${c.use.index} holds ${what}${c.output ? ' and the output layer' : ''}`;
    }),
  );
  const host = l.host
    ? [
        `system RAM holds ${l.host.layers ? rangeText(l.host.layers) : ''}${l.host.expertsOf ? ` the experts of ${rangeText(l.host.expertsOf)}` : ''}`.replace(
          /\s+/g,
          ' ',
        ),
      ]
    : [];
  const links: string[] = [];
  if (l.stages.length > 1 || l.host?.layers)
    links.push(`between stages about ${formatBytes(l.handoffBytes)} per token crosses (the hidden state)`);
  if (l.allReduceBytes > 0)
    links.push(
      `inside a stage each GPU exchanges about ${formatBytes(l.allReduceBytes)} per token in ${l.allReduces} all-reduces`,
    );
  return `${l.title}: ${[...host, ...cards, ...links].join('; ')}.`;
}

export function splitLayout(s: Strategy, spec: ModelSpec): SplitLayout {
  const layers = spec.layers;
  const { mode, tp, pp } = modeOf(s);
  const llamaFamily = s.llama !== null && mode !== 'tensor';
  const placed = llamaFamily
    ? llamaStages(s, layers)
    : { stages: parallelStages(s, layers, tp, pp), host: null };
  const nCpuMoe = s.llama?.nCpuMoe ?? 0;
  const expertsOf = nCpuMoe > 0 ? { from: 0, to: Math.min(nCpuMoe, layers) - 1 } : null;
  const offload = placed.host !== null || expertsOf !== null;
  const stageLayers = placed.stages[0]
    ? placed.stages[0].layers.to - placed.stages[0].layers.from + 1
    : layers;
  const layout = {
    mode,
    title: titleOf(s, mode, tp, pp, offload),
    totalLayers: layers,
    stages: placed.stages,
    host: offload
      ? { weightsMiB: s.hostWeightsMiB, kvCacheMiB: s.hostKvCacheMiB, layers: placed.host, expertsOf }
      : null,
    handoffBytes: hiddenStateBytesPerToken(spec.hiddenSize),
    allReduceBytes: tp > 1 ? allReduceBytesPerToken(spec.hiddenSize, stageLayers, tp) : 0,
    allReduces: tp > 1 ? 2 * stageLayers : 0,
  };
  return { ...layout, description: describe(layout) };
}
