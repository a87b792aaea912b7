/**
 * nvidia-smi: the query CSV, the full XML, topology, P2P and NVLink. Used on Linux and Windows
 * (the Windows driver ships nvidia-smi too). Each command yields one capture file.
 */
import type { CommandResult } from '../runner';
import { commandCollector } from './command-collector';
import type { Collector } from './types';

/** Fields of `--query-gpu`, in the order the CSV parser receives them (the header row names them anyway). */
export const NVIDIA_QUERY_FIELDS = [
  'index',
  'uuid',
  'name',
  'pci.bus_id',
  'pci.device_id',
  'memory.total',
  'memory.used',
  'power.limit',
  'power.default_limit',
  'power.max_limit',
  'pcie.link.gen.current',
  'pcie.link.gen.max',
  'pcie.link.width.current',
  'pcie.link.width.max',
  'temperature.gpu',
  'driver_version',
  'compute_cap',
  'mig.mode.current',
] as const;

export const queryArgs = (fields: readonly string[]): string[] => [
  `--query-gpu=${fields.join(',')}`,
  '--format=csv',
];

/** Drivers before ~510 answer `Field "compute_cap" is not a valid field to query.` and print nothing else. */
export function retryWithoutComputeCap(first: CommandResult): readonly string[] | null {
  const said = `${first.stdout}\n${first.stderr}`;
  if (!/is not a valid field to query/i.test(said)) return null;
  return queryArgs(NVIDIA_QUERY_FIELDS.filter((f) => f !== 'compute_cap'));
}

export const nvidiaSmiQuery: Collector = commandCollector({
  file: 'nvidia-smi-query.csv',
  command: 'nvidia-smi',
  args: queryArgs(NVIDIA_QUERY_FIELDS),
  retry: retryWithoutComputeCap,
});

export const nvidiaSmiXml: Collector = commandCollector({
  file: 'nvidia-smi-q.xml',
  command: 'nvidia-smi',
  args: ['-q', '-x'],
});
export const nvidiaSmiTopo: Collector = commandCollector({
  file: 'nvidia-smi-topo.txt',
  command: 'nvidia-smi',
  args: ['topo', '-m'],
});
export const nvidiaSmiP2p: Collector = commandCollector({
  file: 'nvidia-smi-p2p.txt',
  command: 'nvidia-smi',
  args: ['topo', '-p2p', 'r'],
});
export const nvidiaSmiNvlink: Collector = commandCollector({
  file: 'nvidia-smi-nvlink.txt',
  command: 'nvidia-smi',
  args: ['nvlink', '-s'],
});

export const NVIDIA_COLLECTORS: readonly Collector[] = [
  nvidiaSmiQuery,
  nvidiaSmiXml,
  nvidiaSmiTopo,
  nvidiaSmiP2p,
  nvidiaSmiNvlink,
];
