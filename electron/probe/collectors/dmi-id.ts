/**
 * /sys/class/dmi/id: board and system names, readable without root (unlike dmidecode). The serial
 * number files next to them are root-only and deliberately not read.
 */
import { performance } from 'node:perf_hooks';
import type { DmiIdRecord } from '@shared/hardware/records';
import type { Collector } from './types';

export const DMI_ID_ROOT = '/sys/class/dmi/id';

const DMI_FILES = {
  boardVendor: 'board_vendor',
  boardName: 'board_name',
  sysVendor: 'sys_vendor',
  productName: 'product_name',
  biosVersion: 'bios_version',
} as const satisfies Record<keyof DmiIdRecord, string>;

const DMI_COMMAND = `${DMI_ID_ROOT}/{${Object.values(DMI_FILES).join(',')}}`;

export const dmiId: Collector = {
  file: 'dmi-id.json',
  command: DMI_COMMAND,
  readsFiles: true,
  async collect(ctx) {
    const start = performance.now();
    const keys = Object.keys(DMI_FILES) as (keyof DmiIdRecord)[];
    const reads = await Promise.all(
      keys.map((k) => ctx.files.readFile(`${DMI_ID_ROOT}/${DMI_FILES[k]}`, { maxBytes: 4096 })),
    );
    const durationMs = Math.round(performance.now() - start);
    const base = { command: DMI_COMMAND, exitCode: null, durationMs };
    if (reads.every((r) => !r.ok)) {
      // No DMI in sysfs: VMs without SMBIOS, ARM boards, containers without /sys/class/dmi.
      const first = reads[0];
      const failure =
        first && !first.ok
          ? first
          : { errorKind: 'not-applicable' as const, error: `${DMI_ID_ROOT} is not readable` };
      return {
        text: null,
        entry: { ...base, errorKind: failure.errorKind, error: failure.error, written: false },
      };
    }
    const record = Object.fromEntries(
      keys.map((k, i) => {
        const r = reads[i];
        return [k, r?.ok && r.text.trim() ? r.text.trim() : null];
      }),
    ) as unknown as DmiIdRecord;
    return {
      text: `${JSON.stringify(record, null, 2)}\n`,
      entry: { ...base, errorKind: null, error: null, written: true },
    };
  },
};
