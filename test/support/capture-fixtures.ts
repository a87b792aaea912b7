/**
 * Test support — imported only by tests (the parser tests in shared/hardware/parsers), never by app code.
 * It reads files with node:fs, so it lives here under test/ (type-checked with Node types by
 * tsconfig.node.json), not in shared/, which has no Node types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** fixtures/captures: real command outputs, each `<base>.txt` beside its `<base>.expected.json`. */
export const CAPTURES_DIR = resolve(__dirname, '../../fixtures/captures');

export interface CaptureFixture<E> {
  /** `<dir>/<base>`, e.g. `topo/<base>`. */
  name: string;
  /** The folder under fixtures/captures. */
  dir: string;
  /** The file name without `.txt` / `.expected.json`. */
  base: string;
  /** The capture, `<base>.txt`. */
  text: string;
  /** The parsed `<base>.expected.json`. */
  expected: E;
}

/**
 * Every `<dir>/*.expected.json` under fixtures/captures, folder by folder in the order given, with the
 * `.txt` capture beside it; only those whose expected facts pass `keep` (all of them when left out).
 */
export function loadCaptureFixtures<E>(
  dirs: readonly string[],
  keep: (expected: E) => boolean = () => true,
): CaptureFixture<E>[] {
  return dirs.flatMap((dir) =>
    readdirSync(resolve(CAPTURES_DIR, dir))
      .filter((f) => f.endsWith('.expected.json'))
      .map((f) => f.replace(/\.expected\.json$/, ''))
      .map((base) => ({
        name: `${dir}/${base}`,
        dir,
        base,
        text: readFileSync(resolve(CAPTURES_DIR, dir, `${base}.txt`), 'utf8'),
        expected: JSON.parse(readFileSync(resolve(CAPTURES_DIR, dir, `${base}.expected.json`), 'utf8')) as E,
      }))
      .filter((f) => keep(f.expected)),
  );
}
