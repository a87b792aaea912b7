/**
 * `amd-smi static --json` → AMD GPU records. Written from AMD's documented output (no capture in
 * fixtures yet): a top-level array of GPU objects, or `{ "gpu_data": [...] }` in newer releases.
 * Each holds `gpu`, `asic.market_name`, `asic.device_id`, `bus.bdf`, `vram.size`, `limit.max_power`,
 * `driver.version`, `numa.node`. Quantities are `{ "value": 16, "unit": "GB" }` in newer releases and
 * `"16368 MB"` strings or bare numbers in older ones. `static` reports no current PCIe link.
 * Pure and total.
 */
import type { AmdGpuRecord, ParseIssue, ParseResult, RocmRecord } from '../records';
import { capGpus } from './gpu-cap';
import { normalisePciAddress } from './pci-address';
import { checkInput, failure, intOrNull, isRecord, numberOrNull, parseJson, textOrNull } from './text-kit';

const MIB_PER_UNIT: Readonly<Record<string, number>> = {
  B: 1 / (1024 * 1024),
  KB: 1 / 1024,
  MB: 1,
  GB: 1024,
  TB: 1024 * 1024,
};

/** Parse `amd-smi static --json`. */
export function parseAmdSmiJson(text: string): ParseResult<RocmRecord> {
  const empty: RocmRecord = { gpus: [], links: [] };
  const input = checkInput(text, 'amd-smi static --json');
  if (input.text === null) return { value: empty, issues: input.issue ? [input.issue] : [] };
  const parsed = parseJson(input.text, 'amd-smi static --json');
  if (parsed.issue) return { value: empty, issues: [parsed.issue] };
  const list = Array.isArray(parsed.value)
    ? parsed.value
    : isRecord(parsed.value)
      ? parsed.value.gpu_data
      : undefined;
  if (!Array.isArray(list)) {
    return {
      value: empty,
      issues: [failure('amd-smi static --json: expected an array of GPUs or { "gpu_data": [...] }')],
    };
  }
  const issues: ParseIssue[] = [];
  const gpus = capGpus(list, issues, 'amd-smi static --json').flatMap((entry: unknown, i) => {
    if (isRecord(entry)) return [gpuOf(entry, i)];
    issues.push(failure(`amd-smi static --json: entry ${i} is not an object`));
    return [];
  });
  if (gpus.length === 0 && issues.length === 0) issues.push(failure('amd-smi static --json: no GPUs listed'));
  return { value: { gpus, links: [] }, issues };
}

function gpuOf(entry: Record<string, unknown>, position: number): AmdGpuRecord {
  const asic = sub(entry, 'asic');
  const driver = sub(entry, 'driver');
  const index = intOrNull(text(entry.gpu)) ?? position;
  return {
    index,
    card: `card${index}`,
    name: text(asic.market_name),
    pciBusId: normalisePciAddress(text(sub(entry, 'bus').bdf)),
    deviceId: text(asic.device_id)?.toLowerCase() ?? null,
    vramTotalMiB: quantityIn(sub(entry, 'vram').size, MIB_PER_UNIT, 'MB'),
    vramUsedMiB: null,
    powerMaxW: quantityIn(sub(entry, 'limit').max_power, { W: 1 }, 'W'),
    pcieGenCurrent: null,
    pcieWidthCurrent: null,
    numaNode: intOrNull(text(sub(entry, 'numa').node)),
    driverVersion: text(driver.version) ?? text(driver.driver_version),
  };
}

function sub(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = obj[key];
  return isRecord(v) ? v : {};
}

/** A string or number member as trimmed text; `N/A` and empty become null. */
function text(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  const t = typeof v === 'string' ? textOrNull(v) : null;
  return t === 'N/A' ? null : t;
}

/**
 * `{ value: 192, unit: "GB" }`, `"16368 MB"` or a bare number (taken in `bareUnit`) converted by
 * `factors`; null when the unit is unknown or the value is not a number.
 */
function quantityIn(v: unknown, factors: Readonly<Record<string, number>>, bareUnit: string): number | null {
  const m = /^(-?\d+(?:\.\d+)?)\s*([A-Za-z]*)$/.exec(text(v) ?? '');
  const amount = isRecord(v) ? numberOrNull(text(v.value)) : numberOrNull(m?.[1]);
  const unit = (isRecord(v) ? text(v.unit) : m?.[2]) || bareUnit;
  const factor = factors[unit.toUpperCase()] ?? factors[unit];
  return amount === null || factor === undefined ? null : Math.round(amount * factor);
}
