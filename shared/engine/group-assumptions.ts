/**
 * The assumptions list as a person reads it: the plan keeps one assumption per GPU (`uncatalogued.gpu3`,
 * `power.gpu3`: the JSON stays complete), but eight identical cards should not print the same sentence
 * eight times. Entries of one kind whose words agree once their own "GPU N" is set aside become one,
 * naming the GPUs (`GPUs 0–7: NVIDIA H800 is not in the GPU catalog: …`), from MIN_GROUPED_GPUS on.
 */
import type { Assumption } from './machine';

/** One line of the list: the assumption, or several per-GPU ones said once. */
export interface AssumptionLine extends Assumption {
  /** The ids of the assumptions this line stands for (one, unless grouped). */
  readonly ids: readonly string[];
}

const PER_GPU_ID = /^(.+)\.gpu(\d+)$/;

/** The sentence without its own GPU's leading "GPU N" / "GPU N:", and how it joined the rest. */
function withoutGpu(text: string, index: number): { rest: string; joint: string } {
  const own = `GPU ${index}`;
  if (text.startsWith(`${own}: `)) return { rest: text.slice(own.length + 2), joint: ': ' };
  if (text.startsWith(`${own} `)) return { rest: text.slice(own.length + 1), joint: ' ' };
  return { rest: text, joint: ': ' };
}

/** `0–7`, `0, 2, 5`, `0–3, 6`: ascending indices with runs of three or more joined. */
export function gpuIndexList(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const i of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === i - 1) run.push(i);
    else runs.push([i]);
  }
  return runs.flatMap((r) => (r.length >= 3 ? [`${r[0]}–${r[r.length - 1]}`] : r.map(String))).join(', ');
}

/**
 * Fewest GPUs whose identical assumptions become one line. Two lines that each name their GPU read as
 * well as one; from three on the repeats are noise (8 identical cards: 8 identical sentences).
 */
export const MIN_GROUPED_GPUS = 3;

/** The key under which per-GPU assumptions are the same but for their GPU; null for a machine-wide one. */
function sameButGpu(a: Assumption): { key: string; index: number; rest: string; joint: string } | null {
  const m = PER_GPU_ID.exec(a.id);
  if (!m) return null;
  const index = Number(m[2]);
  const { rest, joint } = withoutGpu(a.text, index);
  return { key: JSON.stringify([m[1], rest, joint, a.inputs]), index, rest, joint };
}

/** The list with identical per-GPU assumptions said once, at the place of the first of them. */
export function groupAssumptions(list: readonly Assumption[]): AssumptionLine[] {
  const keyed = list.map((a) => ({ a, same: sameButGpu(a) }));
  const members = new Map<string, (typeof keyed)[number][]>();
  for (const k of keyed) if (k.same) members.set(k.same.key, [...(members.get(k.same.key) ?? []), k]);
  const out: AssumptionLine[] = [];
  for (const { a, same } of keyed) {
    const group = same ? (members.get(same.key) ?? []) : [];
    if (!same || group.length < MIN_GROUPED_GPUS) out.push({ ...a, ids: [a.id] });
    else if (group[0]?.a === a) {
      const ids = group.map((g) => g.a.id);
      const indices = group.map((g) => g.same?.index ?? -1);
      out.push({
        id: ids.join('+'),
        text: `GPUs ${gpuIndexList(indices)}${same.joint}${same.rest}`,
        inputs: a.inputs,
        ids,
      });
    }
  }
  return out;
}
