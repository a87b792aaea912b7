/**
 * The plan in plain words, for people who do not know what `vllm:pp2` or "all-reduce" means: a strategy
 * named by what it does ("llama.cpp, layers split over 2 GPUs"), speed labelled per user or in total, and
 * a one-line headline ("About 13 tok/s, both GPUs, 2.1 GiB spare on each"). The ids stay, second.
 */
import type { PlanRequest, Strategy } from '@shared/engine/planner/plan-types';
import { gib } from './format-advisor';

export const RUNTIME_NAMES: Readonly<Record<Strategy['runtime'], string>> = {
  'llama.cpp': 'llama.cpp',
  ollama: 'Ollama',
  vllm: 'vLLM',
  sglang: 'SGLang',
  exllamav2: 'ExLlamaV2',
};

/** `one GPU`, `both GPUs`, `all 4 GPUs`, `3 of 4 GPUs`. */
export function gpusWord(used: number, of: number): string {
  if (used === 1) return of === 1 ? 'the GPU' : 'one GPU';
  if (used === of) return used === 2 ? 'both GPUs' : `all ${used} GPUs`;
  return `${used} of ${of} GPUs`;
}

/** "llama.cpp, layers split over 2 GPUs", "vLLM, tensor parallel over 4 GPUs", "llama.cpp, one GPU + system RAM". */
export function strategyInWords(s: Strategy): string {
  const runtime = RUNTIME_NAMES[s.runtime];
  const n = s.gpuIndices.length;
  const ram = s.fit === 'offload' || s.split === 'offload' ? ' + system RAM' : '';
  const machines = s.nodes > 1 ? ` on ${s.nodes} machines` : '';
  let how: string;
  if (n <= 1) how = 'one GPU';
  else if (s.split === 'row') how = `rows of each layer split over ${n} GPUs`;
  else if (s.split === 'tensor') how = `each layer's tensors split over ${n} GPUs`;
  else if (s.tensorParallel > 1 && s.pipelineParallel > 1)
    how = `tensor parallel ${s.tensorParallel} × pipeline ${s.pipelineParallel} over ${n} GPUs`;
  else if (s.split === 'tp' || s.tensorParallel > 1) how = `tensor parallel over ${n} GPUs`;
  else if (s.split === 'pp' || s.pipelineParallel > 1)
    how = `${s.runtime === 'vllm' || s.runtime === 'sglang' ? 'pipeline parallel' : 'layers split'} over ${n} GPUs`;
  else how = `layers split over ${n} GPUs`;
  return `${runtime}, ${how}${ram}${machines}`;
}

/**
 * Speed with who it is for: one user's tokens/s, or — with several users at once — the total and each
 * user's share (the planner's figure is the total: sequences ÷ step time).
 */
export function speedWords(s: Pick<Strategy, 'decodeTokPerSec'>, concurrency: number): string {
  const r = s.decodeTokPerSec;
  if (!r) return 'speed unknown';
  const digits = (x: number) => x.toFixed(x >= 10 ? 0 : 1);
  if (concurrency <= 1) return `about ${digits(r.expected)} tok/s`;
  return `about ${digits(r.expected)} tok/s in total for ${concurrency} users (about ${digits(r.expected / concurrency)} each)`;
}

/** The GPU memory left on the cards a strategy uses, GiB: `2.1 GiB spare on each`, `at least 1.4 GiB spare on each`. */
function spareWords(s: Strategy): string | null {
  const spare = s.perGpu.map((g) => g.budgetMiB - g.totalMiB);
  if (spare.length === 0) return null;
  const least = Math.min(...spare);
  const most = Math.max(...spare);
  const each = spare.length > 1 ? ' on each' : '';
  if (most - least < 512) return `${gib(least)} GiB spare${each}`;
  return `at least ${gib(least)} GiB spare${each}`;
}

/**
 * One line above everything: how fast, where the model lives, how much room is left — or why not.
 * "About 13 tok/s, both GPUs, 2.1 GiB spare on each"; "About 1.3 tok/s: 19.4 GiB of it in system RAM,
 * read every token"; "Does not fit: …".
 */
export function headline(s: Strategy, request: Pick<PlanRequest, 'concurrency' | 'machine'>): string {
  const speed = speedWords(s, request.concurrency);
  const Speed = speed.charAt(0).toUpperCase() + speed.slice(1);
  if (s.blockers.length > 0) return `Blocked: ${s.blockers[0]?.reason ?? 'a check fails it'}`;
  if (s.fit === 'none') return `Does not fit as asked: ${s.reasons[0] ?? 'not enough memory'}`;
  const total = request.machine.gpus.filter((g) => (g.node ?? 0) === 0).length;
  const used = Math.min(s.gpuIndices.length, total) || 1;
  const where = gpusWord(used, total || 1);
  if (s.fit === 'offload')
    return `${Speed}: ${gib(s.ramOffloadMiB)} GiB of it in system RAM, read every token (${where} ${used === 1 ? 'holds' : 'hold'} the rest)`;
  const spare = spareWords(s);
  return `${Speed}, ${where}${spare ? `, ${spare}` : ''}`;
}
