/** AMD GPUs on Linux: rocm-smi (JSON) and the newer amd-smi. */
import type { CommandResult } from '../runner';
import { commandCollector } from './command-collector';
import type { Collector } from './types';

/** Names, VRAM, PCI bus, link topology (type/hops/weight/NUMA), power cap, driver. */
export const ROCM_SMI_ARGS = [
  '--showproductname',
  '--showmeminfo',
  'vram',
  '--showbus',
  '--showtopo',
  '--showpower',
  '--showmaxpower',
  '--showdriverversion',
  '--json',
] as const;

/** What every rocm-smi since 3.x accepts. */
export const ROCM_SMI_BASIC_ARGS = [
  '--showproductname',
  '--showmeminfo',
  'vram',
  '--showbus',
  '--json',
] as const;

/** Old rocm-smi builds reject newer flags via argparse (`unrecognized arguments: --showmaxpower`). */
export function retryWithBasicFlags(first: CommandResult): readonly string[] | null {
  return /unrecognized arguments|invalid choice/i.test(`${first.stderr}\n${first.stdout}`)
    ? ROCM_SMI_BASIC_ARGS
    : null;
}

export const rocmSmi: Collector = commandCollector({
  file: 'rocm-smi.json',
  command: 'rocm-smi',
  args: ROCM_SMI_ARGS,
  retry: retryWithBasicFlags,
});
export const amdSmi: Collector = commandCollector({
  file: 'amd-smi.json',
  command: 'amd-smi',
  args: ['static', '--json'],
});

export const AMD_COLLECTORS: readonly Collector[] = [rocmSmi, amdSmi];
