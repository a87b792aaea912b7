import { describe, expect, it } from 'vitest';
import { gpuIndexList, groupAssumptions } from './group-assumptions';
import type { Assumption } from './machine';

const note = (id: string, text: string, inputs: Assumption['inputs'] = ['gpuSpec']): Assumption => ({
  id,
  text,
  inputs,
});
const texts = (list: readonly Assumption[]): string[] => groupAssumptions(list).map((a) => a.text);

describe('groupAssumptions: identical per-GPU assumptions said once, naming the GPUs', () => {
  it.each([
    [
      'a sentence without its GPU (uncatalogued card) gets "GPUs a–b: " in front',
      [0, 1, 2, 3].map((i) => note(`uncatalogued.gpu${i}`, 'X is not in the GPU catalog')),
      ['GPUs 0–3: X is not in the GPU catalog'],
    ],
    [
      '"GPU N: …" sentences (a card the user named) keep their colon',
      [0, 1, 2].map((i) => note(`identity.gpu${i}`, `GPU ${i}: you said H800`, ['gpuModel'])),
      ['GPUs 0–2: you said H800'],
    ],
    [
      'two GPUs keep a line each: each names its own GPU, and two lines are no noise',
      [0, 1].map((i) => note(`identity.gpu${i}`, `GPU ${i}: you said H800`, ['gpuModel'])),
      ['GPU 0: you said H800', 'GPU 1: you said H800'],
    ],
    [
      '"GPU N …" sentences (an entered power limit) read on without a colon',
      [2, 3, 4].map((i) =>
        note(`power.gpu${i}`, `GPU ${i} at the 300 W power limit you entered`, ['powerLimit']),
      ),
      ['GPUs 2–4 at the 300 W power limit you entered'],
    ],
    [
      'different words stay apart; a lone one is unchanged, with no "GPUs" added',
      [
        note('power.gpu0', 'GPU 0 at the 300 W power limit you entered', ['powerLimit']),
        note('power.gpu1', 'GPU 1 at the 250 W power limit you entered', ['powerLimit']),
      ],
      ['GPU 0 at the 300 W power limit you entered', 'GPU 1 at the 250 W power limit you entered'],
    ],
    [
      'the same words under two kinds of id are two assumptions; machine-wide ones keep their place',
      [
        note('uncatalogued.gpu0', 'same'),
        note('ram.bandwidth', 'RAM bandwidth unknown', ['ramGBs']),
        note('custom.gpu1', 'same'),
        note('uncatalogued.gpu1', 'same'),
        note('uncatalogued.gpu2', 'same'),
      ],
      ['GPUs 0–2: same', 'RAM bandwidth unknown', 'same'],
    ],
  ] as const)('%s', (_, list, expected) => {
    expect(texts(list)).toEqual(expected);
  });

  it('a grouped line names every assumption it stands for, and keeps the inputs that replace them', () => {
    const [line] = groupAssumptions([0, 1, 2].map((i) => note(`uncatalogued.gpu${i}`, 'X')));
    expect(line?.ids).toEqual(['uncatalogued.gpu0', 'uncatalogued.gpu1', 'uncatalogued.gpu2']);
    expect(line?.inputs).toEqual(['gpuSpec']);
  });

  it.each([
    [[0, 1, 2, 3, 4, 5, 6, 7], '0–7'],
    [[5, 0, 2], '0, 2, 5'],
    [[0, 1, 2, 3, 6], '0–3, 6'],
    [[1, 2], '1, 2'],
  ])('gpuIndexList(%j) = %s', (indices, expected) => {
    expect(gpuIndexList(indices)).toBe(expected);
  });
});
