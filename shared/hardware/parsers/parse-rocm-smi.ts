/**
 * rocm-smi → AMD GPU records and GPU pair links. `--json` gives one `cardN` object per GPU (key
 * names changed between ROCm releases: `Card series`/`Card Series`, `GPU ID`/`Device ID`) and a
 * `system` object with the driver version and `(Topology) … between DRM devices i and j` keys. The
 * plain text output prints `GPU[i]\t\t: key: value` lines and, for `--showtopo`, matrices.
 * Pure and total: odd input gives issues, never a throw.
 */
import type { AmdGpuRecord, ParseIssue, ParseResult, RocmRecord } from '../records';
import { normalisePciAddress } from './pci-address';
import { capGpus } from './gpu-cap';
import { parseRocmTopoTables } from './rocm-topo-text';
import {
  checkInput,
  failure,
  intOrNull,
  isRecord,
  numberOrNull,
  parseJson,
  pcieGenFromGTs,
  textOrNull,
  toLines,
  warning,
} from './text-kit';

export { parseAmdSmiJson } from './parse-amd-smi';

type Link = RocmRecord['links'][number];
type LinkDraft = { a: number; b: number; type: string | null; hops: number | null; weight: number | null };

const TOPO_KEY = /^\(Topology\) (Weight|Hops|Link type) between DRM devices (\d+) and (\d+)$/i;
const MIB = 1024 * 1024;

/** Parse `rocm-smi … --json`. GPUs come from the `cardN` objects only, never from topology keys. */
export function parseRocmSmiJson(text: string): ParseResult<RocmRecord> {
  const empty: RocmRecord = { gpus: [], links: [] };
  const input = checkInput(text, 'rocm-smi --json');
  if (input.text === null) return { value: empty, issues: input.issue ? [input.issue] : [] };
  const parsed = parseJson(input.text, 'rocm-smi --json');
  if (parsed.issue) return { value: empty, issues: [parsed.issue] };
  if (!isRecord(parsed.value))
    return { value: empty, issues: [failure('rocm-smi --json: top level is not an object')] };
  const root = parsed.value;
  const issues: ParseIssue[] = [];
  const system = isRecord(root.system) ? stringFields(root.system) : new Map<string, string>();
  const driver = textOrNull(system.get('Driver version'));
  const cards = Object.keys(root)
    .filter((k) => /^card\d+$/.test(k))
    .sort((x, y) => Number(x.slice(4)) - Number(y.slice(4)));
  const gpus = capGpus(cards, issues, 'rocm-smi --json')
    .map((card) => gpuFromFields(card, stringFields(asRecord(root[card])), driver, issues))
    .sort((x, y) => x.index - y.index);
  const drafts = new Map<string, LinkDraft>();
  for (const value of Object.values(root)) if (isRecord(value)) collectTopoKeys(stringFields(value), drafts);
  if (gpus.length === 0) issues.push(failure('rocm-smi --json: no `cardN` objects found'));
  return { value: { gpus, links: finishLinks(drafts) }, issues };
}

/** Parse rocm-smi plain text (`--showtoponuma`, `--showbus`, `--showmeminfo vram`, `--showtopo`, …). */
export function parseRocmSmiText(text: string): ParseResult<RocmRecord> {
  const input = checkInput(text, 'rocm-smi');
  if (input.text === null)
    return { value: { gpus: [], links: [] }, issues: input.issue ? [input.issue] : [] };
  const lines = toLines(input.text);
  const perGpu = new Map<number, Map<string, string>>();
  let driver: string | null = null;
  for (const line of lines) {
    const m = /^GPU\[(\d+)\]\s*:\s*(.+?):\s(.*)$/.exec(line);
    if (m) {
      const fields = perGpu.get(Number(m[1])) ?? new Map<string, string>();
      if (!fields.has(m[2] ?? '')) fields.set((m[2] ?? '').trim(), (m[3] ?? '').trim());
      perGpu.set(Number(m[1]), fields);
    }
    driver ??= textOrNull(/^Driver version:\s*(.+)$/.exec(line)?.[1]);
  }
  const issues: ParseIssue[] = [];
  const sorted = [...perGpu.entries()].sort(([x], [y]) => x - y);
  const gpus = capGpus(sorted, issues, 'rocm-smi').map(([i, fields]) =>
    gpuFromFields(`card${i}`, fields, driver, issues),
  );
  const links = parseRocmTopoTables(lines);
  if (gpus.length === 0 && links.length === 0)
    issues.push(failure('rocm-smi: no `GPU[i] : key: value` lines or topology tables found'));
  return { value: { gpus, links }, issues };
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** String and number members of an object as text; other members are ignored. */
function stringFields(obj: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out.set(k, v);
    else if (typeof v === 'number' && Number.isFinite(v)) out.set(k, String(v));
  }
  return out;
}

function pick(fields: ReadonlyMap<string, string>, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = textOrNull(fields.get(k));
    if (v !== null && v !== 'N/A') return v;
  }
  return null;
}

const HEX_ONLY = /^0x[0-9a-f]+$/i;

function gpuFromFields(
  card: string,
  f: ReadonlyMap<string, string>,
  driver: string | null,
  issues: ParseIssue[],
): AmdGpuRecord {
  const index = Number(card.replace(/^card/, ''));
  const series = pick(f, 'Card Series', 'Card series', 'Device Name');
  if (series !== null && HEX_ONLY.test(series)) {
    issues.push(
      warning(
        `rocm-smi ${card}: product name reads "${series}" (a PCI id, old rocm-smi bug); look the name up by device id`,
      ),
    );
  }
  const link = /\(([\d.]+)GT\/s x(\d+)\)/.exec(f.get('pcie clock level') ?? '');
  const speed = numberOrNull(link?.[1]);
  return {
    index,
    card,
    name: series !== null && !HEX_ONLY.test(series) ? series : null,
    pciBusId: normalisePciAddress(pick(f, 'PCI Bus')),
    deviceId: pick(f, 'Device ID', 'GPU ID')?.toLowerCase() ?? null,
    vramTotalMiB: bytesToMiB(pick(f, 'VRAM Total Memory (B)')),
    vramUsedMiB: bytesToMiB(pick(f, 'VRAM Total Used Memory (B)')),
    powerMaxW: numberOrNull(pick(f, 'Max Graphics Package Power (W)')),
    pcieGenCurrent: pcieGenFromGTs(speed),
    pcieWidthCurrent: intOrNull(link?.[2]),
    numaNode: intOrNull(pick(f, '(Topology) Numa Node')),
    driverVersion: driver,
  };
}

function bytesToMiB(raw: string | null): number | null {
  const bytes = numberOrNull(raw);
  return bytes === null || bytes < 0 ? null : Math.floor(bytes / MIB);
}

function collectTopoKeys(fields: ReadonlyMap<string, string>, drafts: Map<string, LinkDraft>): void {
  for (const [key, value] of fields) {
    const m = TOPO_KEY.exec(key);
    if (!m) continue;
    const a = Number(m[2]);
    const b = Number(m[3]);
    const id = `${Math.min(a, b)}-${Math.max(a, b)}`;
    const draft = drafts.get(id) ?? {
      a: Math.min(a, b),
      b: Math.max(a, b),
      type: null,
      hops: null,
      weight: null,
    };
    const kind = (m[1] ?? '').toLowerCase();
    if (kind === 'weight') draft.weight = intOrNull(value);
    else if (kind === 'hops') draft.hops = intOrNull(value);
    else draft.type = textOrNull(value);
    drafts.set(id, draft);
  }
}

function finishLinks(drafts: ReadonlyMap<string, LinkDraft>): Link[] {
  return [...drafts.values()]
    .sort((x, y) => x.a - y.a || x.b - y.b)
    .map((d) => ({ a: d.a, b: d.b, type: d.type ?? 'unknown', hops: d.hops, weight: d.weight }));
}
