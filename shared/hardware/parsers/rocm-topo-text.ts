/**
 * The matrices `rocm-smi --showtopo` prints in text mode:
 *
 *   ====== Weight between two GPUs ======
 *          GPU0   GPU1
 *   GPU0   0      40
 *   GPU1   40     0
 *
 * and the same for `Hops` and `Link Type` (`PCIE`, `XGMI`). Pure and total.
 */
import type { RocmRecord } from '../records';
import { intOrNull } from './text-kit';

type Kind = 'weight' | 'hops' | 'type';
type Draft = { a: number; b: number; type: string | null; hops: number | null; weight: number | null };

const BANNER = /^=+\s*(Weight|Hops|Link Type) between two GPUs\s*=+\s*$/i;
const ROW = /^GPU(\d+)\s+(.*)$/;

/** Links for every GPU pair (a < b) found in the topology matrices; empty when there are none. */
export function parseRocmTopoTables(lines: readonly string[]): RocmRecord['links'] {
  const drafts = new Map<string, Draft>();
  let kind: Kind | null = null;
  let columns: number[] = [];
  for (const line of lines) {
    const banner = BANNER.exec(line);
    if (banner) {
      kind = kindOf(banner[1] ?? '');
      columns = [];
      continue;
    }
    if (kind === null) continue;
    if (/^=/.test(line) || line.trim() === '') {
      if (columns.length > 0 || /^=/.test(line)) kind = null;
      continue;
    }
    if (/^\s+GPU\d+/.test(line)) {
      columns = [...line.matchAll(/GPU(\d+)/g)].map((m) => Number(m[1]));
      continue;
    }
    const row = ROW.exec(line);
    if (row) addRow(Number(row[1]), (row[2] ?? '').trim().split(/\s+/), columns, kind, drafts);
  }
  return [...drafts.values()]
    .sort((x, y) => x.a - y.a || x.b - y.b)
    .map((d) => ({ a: d.a, b: d.b, type: d.type ?? 'unknown', hops: d.hops, weight: d.weight }));
}

function kindOf(title: string): Kind {
  const t = title.toLowerCase();
  return t === 'weight' ? 'weight' : t === 'hops' ? 'hops' : 'type';
}

function addRow(
  a: number,
  cells: readonly string[],
  columns: readonly number[],
  kind: Kind,
  drafts: Map<string, Draft>,
): void {
  cells.forEach((cell, i) => {
    const b = columns[i];
    if (b === undefined || b <= a) return;
    const id = `${a}-${b}`;
    const draft = drafts.get(id) ?? { a, b, type: null, hops: null, weight: null };
    if (kind === 'weight') draft.weight = intOrNull(cell);
    else if (kind === 'hops') draft.hops = intOrNull(cell);
    else draft.type = cell;
    drafts.set(id, draft);
  });
}
