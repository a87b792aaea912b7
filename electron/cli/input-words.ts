/**
 * The CLI's words for the engine's inputs: the flag that sets each one. The engine names inputs by id
 * (shared/engine/user-inputs.ts); the app names the same ids as fields on its steps.
 */
import type { InputWords } from '@shared/engine/checklist/input-wording';
import type { Suggestion, SuggestionChange } from '@shared/engine/suggestion-types';
import type { UserInput } from '@shared/engine/user-inputs';

export const INPUT_FLAGS: Readonly<Record<UserInput, string>> = {
  gpuModel: '--gpu-model GPU=NAME',
  gpuSpec: '--gpu-spec "NAME:vram=24GiB,bw=936GBs,tdp=350W"',
  ramGiB: '--ram-gib N',
  ramGBs: '--ram-gbps N',
  link: '--link nvlink|pcieGxW',
  slot: '--slot GPU:cpu|chipset[:GENxWIDTH]',
  powerLimit: '--power-limit GPU:W',
  psuWatts: '--psu-watts N',
  psuPcie8: '--psu-pcie8 N',
  psu12vhpwr: '--psu-12vhpwr N',
  psuAtx3: '--psu-atx3',
  caseSlots: '--case-slots N',
  quant: '--quant Q',
  ctx: '--ctx N',
  runtime: '--runtime R',
  split: '--split S',
  strategy: '--strategy ID',
  concurrency: '--concurrency N',
  cacheType: '--cache-type-k T --cache-type-v T',
  tensorSplit: '--tensor-split a,b',
  nodes: '--node "2x GPU@ADDRESS"',
  network: '--network 10gbe|25gbe|ib-hdr|…',
};

/** `set with --ram-gib N`, `set with --psu-watts N, --psu-pcie8 N`: how to give these inputs on the command line. */
export const cliInputWords: InputWords = (inputs) =>
  inputs.length === 0 ? '' : `set with ${[...new Set(inputs)].map((i) => INPUT_FLAGS[i]).join(', ')}`;

/** The exact flags that make a suggestion's change. */
export function suggestionFlags(change: SuggestionChange): string {
  const flags: string[] = [];
  if (change.runtime) flags.push(`--runtime ${change.runtime}`);
  if (change.split) flags.push(`--split ${change.split}`);
  if (change.quant) flags.push(`--quant ${change.quant}`);
  if (change.cacheType) flags.push(`--cache-type-k ${change.cacheType} --cache-type-v ${change.cacheType}`);
  if (change.ctx) flags.push(`--ctx ${change.ctx}`);
  if (change.concurrency) flags.push(`--concurrency ${change.concurrency}`);
  if (change.strategy && !change.runtime) flags.push(`--strategy ${change.strategy}`);
  for (const l of change.powerLimits ?? []) flags.push(`--power-limit ${l.gpuIndex}:${l.watts}`);
  if (change.psuWatts) flags.push(`--psu-watts ${change.psuWatts}`);
  if (change.psuAtx3) flags.push('--psu-atx3');
  return flags.join(' ');
}

/** A suggestion as `plan --json` and `check --json` print it: the engine's, plus `how` (the flags). */
export const withHow = (s: Suggestion): Suggestion & { how: string } => ({
  ...s,
  how: suggestionFlags(s.change),
});
