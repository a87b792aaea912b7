/** What the split diagram draws for each kind of strategy, from real plans. */
import { describe, expect, it } from 'vitest';
import { findModel } from '@shared/catalog/model-lookup';
import { findQuant } from '@shared/catalog/quantizations';
import { machineFromNames } from '@shared/engine/machine';
import type { Strategy } from '@shared/engine/planner/plan-types';
import { DEFAULT_RUN, planFor, requestFor } from '@shared/engine/advisor/advise';
import { modelFromCatalog } from '@shared/model-import/catalog-model';
import { splitLayout } from './split-layout';

function strategies(gpus: string[], model: string, quant: string): Map<string, Strategy> {
  const spec = findModel(model)!;
  const machine = machineFromNames({ gpuNames: gpus, ramGiB: 128 });
  const result = planFor(
    requestFor(machine, modelFromCatalog(spec, findQuant(quant)!), { ...DEFAULT_RUN, ctx: 8192 }),
    null,
  );
  return new Map(result.strategies.map((s) => [s.id, s]));
}

const L70 = findModel('llama-3.1-70b')!;
const a5000 = strategies(['RTX A5000', 'RTX A5000'], 'llama-3.1-70b', 'Q4_K_M');

describe('splitLayout', () => {
  it('layer split: each card its own range of layers, the output on the last, 16 KB of hidden state between', () => {
    const l = splitLayout(a5000.get('llama.cpp:layer')!, L70);
    expect(l.mode).toBe('layer');
    const cards = l.stages.map((s) => s.cards[0]!);
    expect(cards.map((c) => [c.layers, c.slice, c.output])).toEqual([
      [{ from: 0, to: 40 }, null, false],
      [{ from: 41, to: 79 }, null, true],
    ]);
    expect(l.handoffBytes).toBe(8192 * 2);
    expect(l.allReduceBytes).toBe(0);
    expect(l.host).toBeNull();
    expect(l.description).toMatch(/GPU 0 holds layers 0–40; GPU 1 holds layers 41–79 and the output layer/);
  });

  it('tensor parallel: every card a slice of every layer, 2 × layers × hidden × 2 bytes of all-reduce per token', () => {
    const l = splitLayout(a5000.get('llama.cpp:tensor')!, L70);
    expect(l.mode).toBe('tensor');
    expect(l.stages).toHaveLength(1);
    expect(l.stages[0]!.cards.map((c) => [c.layers, c.slice])).toEqual([
      [
        { from: 0, to: 79 },
        { index: 0, of: 2 },
      ],
      [
        { from: 0, to: 79 },
        { index: 1, of: 2 },
      ],
    ]);
    expect(l.allReduces).toBe(160);
    expect(l.allReduceBytes).toBe(2 * 80 * 8192 * 2);
    expect(l.description).toMatch(/1\/2 of every one of layers 0–79/);
  });

  it('vLLM tp2 × pp2 on four cards: two stages of 40 layers, two cards each', () => {
    const four = strategies(['RTX 3090', 'RTX 3090', 'RTX 3090', 'RTX 3090'], 'llama-3.1-70b', 'awq');
    const l = splitLayout(four.get('vllm:tp2-pp2')!, L70);
    expect(l.mode).toBe('tp-pp');
    expect(l.stages.map((s) => [s.layers, s.cards.map((c) => c.use.index)])).toEqual([
      [{ from: 0, to: 39 }, [0, 1]],
      [{ from: 40, to: 79 }, [2, 3]],
    ]);
    expect(l.allReduces).toBe(80);
    expect(splitLayout(four.get('vllm:pp4')!, L70).mode).toBe('layer');
    expect(splitLayout(four.get('vllm:tp4')!, L70).stages[0]!.cards).toHaveLength(4);
  });

  it('CPU offload: the first layers in system RAM, the rest on the card', () => {
    const one = strategies(['RTX 3090'], 'llama-3.1-70b', 'Q4_K_M');
    const offload = one.get('llama.cpp:offload')!;
    const l = splitLayout(offload, L70);
    expect(l.mode).toBe('single');
    expect(l.host?.layers?.from).toBe(0);
    const gpu = l.stages[0]!.cards[0]!.layers!;
    expect(gpu.to).toBe(79);
    expect(gpu.from).toBe((l.host?.layers?.to ?? -2) + 1);
    expect(l.host?.weightsMiB).toBe(offload.hostWeightsMiB);
    expect(l.title).toBe('One GPU + CPU offload');
  });

  it('one card: every layer and the output, nothing crossing a link', () => {
    const small = strategies(['RTX 3090'], 'llama-3.1-8b', 'Q4_K_M');
    const l = splitLayout(small.get('llama.cpp:none')!, findModel('llama-3.1-8b')!);
    expect(l.stages[0]!.cards[0]).toMatchObject({ layers: { from: 0, to: 31 }, output: true });
    expect(l.host).toBeNull();
    expect(l.allReduceBytes).toBe(0);
  });
});
