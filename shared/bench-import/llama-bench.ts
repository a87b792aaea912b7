/**
 * llama-bench output in every form it prints (tools/llama-bench/llama-bench.cpp, ggml-org/llama.cpp
 * @3f545bec): the default Markdown table with whatever columns the run varied, `-o csv`, `-o json`,
 * `-o jsonl` and `-o sql`. Pasted output is messy — CRLF, colour escapes, the shell prompt, device lines,
 * warnings between rows, several runs in one file, a last line cut short — so each reader keeps what it
 * can read and names every line it skipped and why.
 */
import { csvRows } from '../calibration/csv';
import { cleanLines, type SkippedLine } from './clean-text';

export type LlamaBenchFormat = 'md' | 'csv' | 'json' | 'jsonl' | 'sql';

/** One measured test (a row of the table, a CSV/SQL row, a JSON object). */
export interface LlamaBenchRun {
  /** Every field as printed: Markdown cells under their header, or the CSV / JSON / SQL fields by name. */
  readonly fields: Readonly<Record<string, string>>;
  /** llama-bench's model label (`llama 7B Q4_0`, `qwen3moe 30B.A3B IQ4_XS - 4.25 bpw`). */
  readonly model: string;
  readonly backend: string;
  /** `-ngl` (null where the table left the column out: llama-bench omits columns at their default, 99). */
  readonly ngl: number | null;
  /** The test as the Markdown printer names it: `pp512`, `tg128`, `pp512+tg128`, with ` @ d4096` for a depth. */
  readonly test: string;
  readonly promptTokens: number;
  readonly genTokens: number;
  readonly depth: number;
  readonly tokPerSec: number;
  readonly stddev: number | null;
  /** What the run varied or set, where the output says (null: not printed, i.e. the default). */
  readonly settings: {
    readonly splitMode: string | null;
    readonly tensorSplit: readonly number[] | null;
    readonly nCpuMoe: number | null;
    readonly overrideTensors: string | null;
    readonly typeK: string | null;
    readonly typeV: string | null;
    readonly flashAttention: boolean | null;
    readonly ubatch: number | null;
    readonly devices: string | null;
  };
}

export interface LlamaBenchReport {
  readonly kind: 'llama-bench';
  readonly format: LlamaBenchFormat;
  /** `15e03282 (5318)` as printed, from the `build:` line or the fields; null when the output has none. */
  readonly build: string | null;
  readonly buildNumber: number | null;
  readonly buildLines: readonly string[];
  /** The backend's device lines (`Device 0: …`, `ggml_vulkan: 0 = …`), trimmed. */
  readonly deviceLines: readonly string[];
  /** Markdown: each table's header, in order. */
  readonly columns: readonly (readonly string[])[];
  readonly runs: readonly LlamaBenchRun[];
  readonly skipped: readonly SkippedLine[];
}

const DEVICE_LINE = /^\s*(?:Device \d+: .+|ggml_vulkan: \d+ = .+)$/;
const BUILD_LINE = /^build: (.+)$/;
/** `pp512`, `tg128`, `pp512+tg128`, `pp 3968` (2024 builds), each with an optional ` @ d4096`. */
const TEST_NAME = /^(?:pp\s*(\d+))?\+?(?:tg\s*(\d+))?(?:\s*@\s*d\s*(\d+))?$/;

const numberOrNull = (v: string | undefined): number | null => {
  if (v === undefined || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/** The Markdown printer's test name from the prompt, generated and depth counts. */
export function testName(prompt: number, gen: number, depth: number): string {
  const base = prompt > 0 && gen > 0 ? `pp${prompt}+tg${gen}` : prompt > 0 ? `pp${prompt}` : `tg${gen}`;
  return depth > 0 ? `${base} @ d${depth}` : base;
}

/** `23.00/23.00` or `0.50/0.50` (llama-bench separates shares with `/`); none when all zero. */
function tensorSplitOf(text: string | undefined): number[] | null {
  if (!text) return null;
  const parts = text.split(/[/,;]/).map(Number);
  if (parts.some((p) => !Number.isFinite(p)) || parts.every((p) => p === 0)) return null;
  return parts;
}

function flashOf(text: string | undefined): boolean | null {
  if (text === undefined || text === '') return null;
  if (/^(1|true|on|enabled)$/i.test(text)) return true;
  if (/^(0|false|off|disabled)$/i.test(text)) return false;
  return null; // -1 / auto: the runtime decides
}

/** A run from named fields (Markdown cells by header, or the machine formats' fields). */
function runOf(fields: Record<string, string>, test: string, tokPerSec: number, stddev: number | null) {
  const t = TEST_NAME.exec(test.trim());
  const named = (k: string) => numberOrNull(fields[k]);
  const promptTokens = named('n_prompt') ?? Number(t?.[1] ?? 0);
  const genTokens = named('n_gen') ?? Number(t?.[2] ?? 0);
  const depth = named('n_depth') ?? Number(t?.[3] ?? 0);
  const cpuMoe = named('n_cpu_moe');
  const overrides = fields.ot ?? fields.tensor_buft_overrides;
  const run: LlamaBenchRun = {
    fields,
    model: fields.model ?? fields.model_type ?? '',
    backend: fields.backend ?? fields.backends ?? '',
    ngl: named('ngl') ?? named('n_gpu_layers'),
    test,
    promptTokens,
    genTokens,
    depth,
    tokPerSec,
    stddev,
    settings: {
      splitMode: fields.sm ?? fields.split_mode ?? null,
      tensorSplit: tensorSplitOf(fields.ts ?? fields.tensor_split),
      nCpuMoe: cpuMoe,
      overrideTensors: overrides && overrides !== 'none' ? overrides : null,
      typeK: fields.type_k ?? null,
      typeV: fields.type_v ?? null,
      flashAttention: flashOf(fields.fa ?? fields.flash_attn),
      ubatch: named('n_ubatch'),
      devices: fields.dev ?? (fields.devices && fields.devices !== 'auto' ? fields.devices : null),
    },
  };
  return run;
}

const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

/** The default Markdown output: one or more tables, with the lines around them. */
function readMarkdown(lines: readonly string[]): Omit<LlamaBenchReport, 'kind' | 'format'> {
  const runs: LlamaBenchRun[] = [];
  const skipped: SkippedLine[] = [];
  const columns: string[][] = [];
  const buildLines: string[] = [];
  const deviceLines: string[] = [];
  let header: string[] | null = null;
  lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    const build = BUILD_LINE.exec(line.trim());
    if (build?.[1]) {
      buildLines.push(build[1].trim());
      header = null;
      return;
    }
    if (DEVICE_LINE.test(line)) {
      deviceLines.push(line.trim());
      return;
    }
    if (!line.trim().startsWith('|')) return;
    const row = cells(line);
    if (row.includes('t/s') && row.includes('test')) {
      header = row;
      columns.push(row);
      return;
    }
    if (row.every((c) => /^:?-+:?$/.test(c))) return;
    const skip = (reason: string) => skipped.push({ line: i + 1, text: line.trim(), reason });
    if (!header) return skip('a table row before any header row');
    if (row.length !== header.length)
      return skip(`${row.length} cells where the header has ${header.length} (a cut or wrapped line)`);
    const fields: Record<string, string> = {};
    header.forEach((h, k) => (fields[h] = row[k] ?? ''));
    const speed = /^([\d.]+)\s*(?:±|\+-|\+\/-)\s*([\d.]+)$/.exec(fields['t/s'] ?? '');
    const value = speed ? Number(speed[1]) : numberOrNull(fields['t/s']);
    if (value === null) return skip(`no tokens/s in "${fields['t/s']}"`);
    const test = fields.test ?? '';
    if (!TEST_NAME.test(test)) return skip(`test "${test}" is not pp/tg`);
    runs.push(runOf(fields, test, value, speed ? Number(speed[2]) : null));
  });
  const build = buildLines[buildLines.length - 1] ?? null;
  return { build, buildNumber: buildNumberOf(build), buildLines, deviceLines, columns, runs, skipped };
}

const buildNumberOf = (build: string | null): number | null =>
  build ? numberOrNull(/\((\d+)\)/.exec(build)?.[1]) : null;

/** A machine-format record (CSV, JSON, SQL) as a run, or why not. */
function recordRun(fields: Record<string, string>): LlamaBenchRun | string {
  const value = numberOrNull(fields.avg_ts);
  if (value === null) return 'no avg_ts';
  const prompt = numberOrNull(fields.n_prompt) ?? 0;
  const gen = numberOrNull(fields.n_gen) ?? 0;
  const depth = numberOrNull(fields.n_depth) ?? 0;
  if (prompt === 0 && gen === 0) return 'neither n_prompt nor n_gen';
  return runOf(fields, testName(prompt, gen, depth), value, numberOrNull(fields.stddev_ts));
}

function buildOfFields(f: Readonly<Record<string, string>> | undefined): string | null {
  if (!f) return null;
  if (f.build) return f.build;
  return f.build_commit ? `${f.build_commit}${f.build_number ? ` (${f.build_number})` : ''}` : null;
}

type RecordReader = (lines: readonly string[]) => {
  records: { line: number; fields: Record<string, string> }[];
  skipped: SkippedLine[];
};

const readCsv: RecordReader = (lines) => {
  const records: { line: number; fields: Record<string, string> }[] = [];
  const skipped: SkippedLine[] = [];
  let header: string[] | null = null;
  for (const { line, cells: row } of csvRows(lines.map((l) => l.trim()).join('\n'), false)) {
    if (row.includes('avg_ts') && row.includes('n_prompt')) {
      header = row;
      continue;
    }
    if (!header) continue;
    if (row.length !== header.length) {
      skipped.push({
        line,
        text: (lines[line - 1] ?? '').trim(),
        reason: `${row.length} fields where the header has ${header.length}`,
      });
      continue;
    }
    const fields: Record<string, string> = {};
    header.forEach((h, k) => (fields[h] = row[k] ?? ''));
    records.push({ line, fields });
  }
  return { records, skipped };
};

const asText = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
const stringFields = (o: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, asText(v)]));

const readJson: RecordReader = (lines) => {
  const text = lines.join('\n');
  const start = text.indexOf('[');
  const end = text.lastIndexOf(']');
  try {
    const parsed: unknown = JSON.parse(text.slice(start, end + 1));
    if (!Array.isArray(parsed)) throw new Error('not an array');
    return {
      records: parsed
        .filter((o): o is Record<string, unknown> => typeof o === 'object' && o !== null)
        .map((o, k) => ({ line: k + 1, fields: stringFields(o) })),
      skipped: [],
    };
  } catch (error) {
    return {
      records: [],
      skipped: [{ line: 1, text: '', reason: `the JSON array does not parse (${(error as Error).message})` }],
    };
  }
};

const readJsonl: RecordReader = (lines) => {
  const records: { line: number; fields: Record<string, string> }[] = [];
  const skipped: SkippedLine[] = [];
  lines.forEach((line, i) => {
    if (!line.trim().startsWith('{')) return;
    try {
      records.push({ line: i + 1, fields: stringFields(JSON.parse(line) as Record<string, unknown>) });
    } catch {
      skipped.push({ line: i + 1, text: line.trim(), reason: 'not a whole JSON object (cut short?)' });
    }
  });
  return { records, skipped };
};

/** `INSERT INTO test (a, b) VALUES ('x', 1);` — the `-o sql` rows. */
const readSql: RecordReader = (lines) => {
  const records: { line: number; fields: Record<string, string> }[] = [];
  const skipped: SkippedLine[] = [];
  lines.forEach((line, i) => {
    const m = /^INSERT INTO \w+ \(([^)]*)\) VALUES \((.*)\);?\s*$/i.exec(line.trim());
    if (!m) {
      if (/^INSERT/i.test(line.trim()))
        skipped.push({ line: i + 1, text: line.trim(), reason: 'an INSERT cut short' });
      return;
    }
    const names = (m[1] ?? '').split(',').map((s) => s.trim());
    const values = (m[2] ?? '').match(/'(?:[^']|'')*'|[^,]+/g)?.map((v) => v.trim()) ?? [];
    if (names.length !== values.length) {
      skipped.push({
        line: i + 1,
        text: line.trim(),
        reason: `${values.length} values for ${names.length} columns`,
      });
      return;
    }
    const fields: Record<string, string> = {};
    names.forEach((n, k) => {
      const v = values[k] ?? '';
      fields[n] = v.startsWith("'") ? v.slice(1, -1).replace(/''/g, "'") : v;
    });
    records.push({ line: i + 1, fields });
  });
  return { records, skipped };
};

const RECORD_READERS: Record<Exclude<LlamaBenchFormat, 'md'>, RecordReader> = {
  csv: readCsv,
  json: readJson,
  jsonl: readJsonl,
  sql: readSql,
};

/** Which of llama-bench's forms this text is, or null when it is none of them. */
export function llamaBenchFormat(lines: readonly string[]): LlamaBenchFormat | null {
  const body = lines.map((l) => l.trim()).filter((l) => l !== '');
  if (body.some((l) => l.startsWith('|') && /\bt\/s\b/.test(l) && /\btest\b/.test(l))) return 'md';
  if (body.some((l) => /^INSERT INTO \w+ \(.*\bavg_ts\b/i.test(l))) return 'sql';
  if (body.some((l) => /^"?build_commit"?,/.test(l) && l.includes('avg_ts'))) return 'csv';
  if (body.some((l) => l.startsWith('{') && l.includes('"avg_ts"'))) return 'jsonl';
  if (body[0]?.startsWith('[') && body.some((l) => l.includes('"avg_ts"'))) return 'json';
  return null;
}

/** llama-bench output of any form; null when the text is not llama-bench output. */
export function readLlamaBench(text: string): LlamaBenchReport | null {
  const lines = cleanLines(text);
  const format = llamaBenchFormat(lines);
  if (!format) return null;
  if (format === 'md') return { kind: 'llama-bench', format, ...readMarkdown(lines) };
  const { records, skipped } = RECORD_READERS[format](lines);
  const runs: LlamaBenchRun[] = [];
  const notUsed = [...skipped];
  for (const r of records) {
    const run = recordRun(r.fields);
    if (typeof run === 'string') notUsed.push({ line: r.line, text: '', reason: run });
    else runs.push(run);
  }
  const build = buildOfFields(records[0]?.fields);
  return {
    kind: 'llama-bench',
    format,
    build,
    buildNumber: numberOrNull(records[0]?.fields.build_number) ?? buildNumberOf(build),
    buildLines: [],
    deviceLines: [],
    columns: [],
    runs,
    skipped: notUsed,
  };
}
