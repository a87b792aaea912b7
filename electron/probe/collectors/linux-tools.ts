/** Linux sources that are one command or one file each: lspci, dmidecode, /proc/cpuinfo, /proc/meminfo. */
import {
  commandCollector,
  displayCommand,
  fileCollector,
  runSpec,
  skippedOutcome,
} from './command-collector';
import type { CommandSpec } from './command-collector';
import type { Collector } from './types';

export const lspci: Collector = commandCollector({
  file: 'lspci.txt',
  command: 'lspci',
  args: ['-D', '-vvv', '-nn'],
});

const DMIDECODE: CommandSpec = { file: 'dmidecode.txt', command: 'dmidecode', args: ['-t', '2,9,16,17'] };

/**
 * dmidecode reads /dev/mem or the SMBIOS tables in sysfs, both root-only: as a normal user it can only
 * fail, so it is not run and the manifest says why (slots and DIMMs then come from elsewhere or stay unknown).
 */
export const dmidecode: Collector = {
  file: DMIDECODE.file,
  command: displayCommand(DMIDECODE.command, DMIDECODE.args),
  program: DMIDECODE.command,
  collect: (ctx) =>
    ctx.isRoot === false
      ? Promise.resolve(
          skippedOutcome(
            dmidecode.command,
            'not-permitted',
            'dmidecode needs root; not run as a normal user',
          ),
        )
      : runSpec(DMIDECODE, ctx),
};

export const cpuinfo: Collector = fileCollector('cpuinfo.txt', '/proc/cpuinfo');
export const meminfo: Collector = fileCollector('meminfo.txt', '/proc/meminfo');
