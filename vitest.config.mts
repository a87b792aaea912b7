import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const ROOT = import.meta.dirname;
const TEST_DIRS = ['shared', 'electron', 'renderer/src', 'test'];
const TEST_FILE = /\.test\.tsx?$/;

/**
 * Test files that load PDF.js (through test/support/pdf-text.ts). Its legacy build installs core-js
 * polyfills that replace JSON.stringify, JSON.parse and Array.prototype.push for the whole process;
 * a file run after it in the same process saw other results (the bench-import dedupe in
 * memory-calibration-loop.test.ts kept 4 readings instead of 2). These run in a fresh module graph.
 */
const LOADS_PDFJS = /pdf-text|pdfjs-dist/;
const pdfjsTestFiles = TEST_DIRS.flatMap((dir) =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => TEST_FILE.test(file) && !file.includes('node_modules'))
    .map((file) => join(dir, file))
    .filter((file) => LOADS_PDFJS.test(readFileSync(join(ROOT, file), 'utf8'))),
);

export default defineConfig({
  resolve: { alias: { '@shared': resolve(ROOT, 'shared') } },
  test: {
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    // Vitest's default leaves one core idle (cores − 1 = 1 on the 2-core VM); the main process mostly
    // waits while the workers import and run, so use every core.
    maxWorkers: availableParallelism(),
    reporters: ['default', './scripts/count-reporter.mjs'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: TEST_DIRS.map((dir) => `${dir}/**/*.test.${dir === 'renderer/src' ? '{ts,tsx}' : 'ts'}`),
          exclude: ['**/node_modules/**', ...pdfjsTestFiles],
          // One module graph per worker instead of one per file: re-importing the engine and the
          // catalogs for each of ~120 files cost as much CPU as the tests (177 s of CPU for the run,
          // 96 s without). No file mocks modules, stubs globals or fakes timers; the one file kind
          // that changes globals (PDF.js) runs isolated, below.
          isolate: false,
        },
      },
      ...(pdfjsTestFiles.length === 0
        ? []
        : [{ extends: true as const, test: { name: 'pdfjs', include: pdfjsTestFiles, isolate: true } }]),
    ],
  },
});
