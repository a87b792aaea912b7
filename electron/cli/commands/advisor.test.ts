import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCliIo } from '../../../test/support/cli-io';
import { pdfText } from '../../../test/support/pdf-text';
import { runCli } from '../main';

const TWO_3090 = ['--gpu', 'RTX 3090', '--gpu', 'RTX 3090', '--model', 'llama-3.1-70b', '--quant', 'Q4_K_M'];

async function json<T>(args: string[]): Promise<T> {
  const io = captureCliIo();
  expect(await runCli([...args, '--json'], io)).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as T;
}

describe('advisor CLI', () => {
  it('check --json: each check has area, id, status, reason and fix; a 750 W PSU fails for two 3090s', async () => {
    const { checks } = await json<{
      checks: { area: string; id: string; status: string; reason: string; fix: string }[];
    }>(['check', ...TWO_3090, '--psu-watts', '750', '--psu-pcie8', '4']);
    expect(
      checks.every(
        (c) => ['capacity', 'power', 'cooling', 'slots', 'software'].includes(c.area) && c.reason.length > 0,
      ),
    ).toBe(true);
    expect(checks.find((c) => c.area === 'power' && c.status === 'fail')).toBeDefined();
  });

  it('commands --json: a hostile model path arrives as one argument when the bash line runs', async () => {
    const hostile = `/models/My Llama's "70B" $HOME \`id\`; rm -rf x.gguf`;
    const { commands } = await json<{
      commands: { runtime: string; argv: string[]; env: Record<string, string>; bash: string }[];
    }>(['commands', ...TWO_3090, '--model-path', hostile]);
    const llama = commands.find((c) => c.runtime === 'llama.cpp')!;
    expect(llama.env).toMatchObject({ CUDA_DEVICE_ORDER: 'PCI_BUS_ID', CUDA_VISIBLE_DEVICES: '0,1' });
    const line = llama.bash.replace(/\\\n\s*/g, ' ').replace(/\bllama-server\b/, "printf '%s\\n'");
    const printed = execFileSync('bash', ['-c', line], { encoding: 'utf8' }).split('\n');
    expect(printed[1]).toBe(hostile);
  });

  it('commands --runtime-version llama.cpp=b6000: the older spellings with notes, and the versions each command needs', async () => {
    const io = captureCliIo();
    expect(
      await runCli(
        [
          'commands',
          ...TWO_3090,
          '--split',
          'layer',
          '--runtime-version',
          'llama.cpp=b6000',
          '--runtime-version',
          'ollama=0.12.0',
        ],
        io,
      ),
    ).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/-ngl 999/);
    // --fit came in b7407: left out, and the note about it goes with it.
    expect(text).not.toMatch(/^ +--fit off/m);
    expect(text).not.toMatch(/`--fit off` keeps/);
    expect(text).toMatch(/# {2}--fit left out: builds before b7407 do not re-fit the plan/);
    expect(text).toMatch(/# {2}-ngl 999 stands for all layers \(`-ngl all` needs b7553\)/);
    expect(text).toMatch(/# needs vLLM 0\.5\.2 or newer \(vllm serve\)/);
    const { commands } = await json<{
      commands: { runtime: string; needs: string | null; requires?: { min: string } }[];
    }>(['commands', ...TWO_3090, '--split', 'layer']);
    expect(commands.find((c) => c.runtime === 'llama.cpp')).toMatchObject({
      needs: 'needs llama.cpp b7553 or newer (-ngl all)',
      requires: { min: 'b7553' },
    });
  });

  it('commands --json carries the benchmark that measures the plan (role benchmark) with the figures to expect', async () => {
    const { commands } = await json<{
      commands: {
        runtime: string;
        role: string;
        argv: string[];
        expected?: { test: string; tokPerSec: { expected: number; low: number; high: number } }[];
      }[];
    }>(['commands', ...TWO_3090, '--split', 'layer']);
    const bench = commands.find((c) => c.role === 'benchmark');
    expect(bench?.argv.slice(0, 1)).toEqual(['llama-bench']);
    expect(bench?.argv.join(' ')).toMatch(/-sm layer .*-p 512 -n 128 -d 0,4096 -o json/);
    expect(bench?.expected?.map((e) => e.test)).toEqual(['pp512', 'tg128', 'pp512 @ d4096', 'tg128 @ d4096']);
    for (const e of bench?.expected ?? []) {
      expect(e.tokPerSec.low).toBeLessThan(e.tokPerSec.expected);
      expect(e.tokPerSec.high).toBeGreaterThan(e.tokPerSec.expected);
    }
    // Deeper context, slower generation.
    expect(bench!.expected![3]!.tokPerSec.expected).toBeLessThan(bench!.expected![1]!.tokPerSec.expected);
  });

  it('a --runtime-version that is not one is a usage error naming the spelling', async () => {
    const io = captureCliIo();
    expect(await runCli(['commands', ...TWO_3090, '--runtime-version', 'llama.cpp=latest'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(
      /--runtime-version: "latest" is not a llama.cpp version \(e\.g\. b6000\)/,
    );
  });

  it('checklist prints Markdown with the checks, the launch command and the verify steps; HTML is escaped', async () => {
    const md = captureCliIo();
    expect(await runCli(['checklist', ...TWO_3090, '--format', 'md'], md)).toBe(0);
    const text = md.stdout.join('\n');
    expect(text).toMatch(/^# Build checklist: Llama 3.1 70B Q4_K_M/);
    expect(text).toMatch(/## Checks/);
    expect(text).toMatch(/nvidia-smi topo -m/);
    expect(text).toMatch(/llama-server/);
    const html = captureCliIo();
    expect(
      await runCli(['checklist', ...TWO_3090, '--format', 'html', '--model-path', '/m/<script>.gguf'], html),
    ).toBe(0);
    expect(html.stdout.join('')).not.toMatch(/<script>/);
  });

  it('checklist --format pdf --out writes a PDF with the title, every check and page numbers; md goes to --out too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rig-checklist-'));
    try {
      const io = captureCliIo();
      const pdfPath = join(dir, 'checklist.pdf');
      expect(await runCli(['checklist', ...TWO_3090, '--format', 'pdf', '--out', pdfPath], io)).toBe(0);
      expect(io.stdout).toEqual([]);
      expect(io.stderr).toEqual([`Wrote ${pdfPath}`]);
      const bytes = readFileSync(pdfPath);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pdf = await pdfText(bytes);
      const text = pdf.pages.join('\n');
      expect(text.replace(/\s+/g, ' ')).toContain(
        'Build checklist: Llama 3.1 70B Q4_K_M on GeForce RTX 3090',
      );
      expect(text).toContain('PASS capacity.fit (capacity)');
      expect(text).toContain('UNKNOWN power.sustained (power)');
      expect(text).toContain(`page ${pdf.numPages} of ${pdf.numPages}`);
      const mdPath = join(dir, 'checklist.md');
      expect(await runCli(['checklist', ...TWO_3090, '--out', mdPath], captureCliIo())).toBe(0);
      expect(readFileSync(mdPath, 'utf8')).toMatch(/^# Build checklist: Llama 3\.1 70B Q4_K_M/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('upgrade --json ranks options with price, feasibility and gain per dollar', async () => {
    const { options } = await json<{
      options: {
        gpu: string;
        priceUsd: number | null;
        feasible: boolean;
        blockers: string[];
        gainPerDollar: number | null;
      }[];
    }>([
      'upgrade',
      '--gpu',
      'RTX 3090',
      '--model',
      'llama-3.1-70b',
      '--psu-watts',
      '1200',
      '--price',
      'RTX 3090=700',
    ]);
    expect(options.find((o) => o.gpu === 'GeForce RTX 3090')).toMatchObject({
      priceUsd: 700,
      feasible: true,
    });
    // Ranked by gain per dollar at the price each shows: yours, else a dated street price, else launch MSRP.
    const perDollar = options
      .filter((o) => o.feasible)
      .map((o) => o.gainPerDollar ?? -1)
      .filter((g) => g > 0);
    expect(perDollar).toEqual([...perDollar].sort((a, b) => b - a));
  });

  it('compare --json: builds side by side and a verdict', async () => {
    const result = await json<{
      builds: { build: string; fits: boolean; psuWattsNeeded: number }[];
      verdict: string;
    }>([
      'compare',
      '--build',
      'RTX 4090',
      '--build',
      '2x RTX 3090',
      '--model',
      'llama-3.1-70b',
      '--quant',
      'Q4_K_M',
    ]);
    expect(result.builds.map((b) => b.build)).toEqual(['RTX 4090', '2x RTX 3090']);
    expect(result.verdict).toMatch(/2x RTX 3090 wins/);
  });

  it.each([
    [['compare', '--build', 'RTX 4090', '--model', 'llama-3-8b'], /2 to 4 --build/],
    [
      ['compare', '--build', 'RTX 4090', '--build', '2x RTX 9999', '--model', 'llama-3-8b'],
      /unknown GPU "RTX 9999"/,
    ],
    [['checklist', ...TWO_3090, '--format', 'docx'], /--format must be md, html or pdf \(got "docx"\)/],
    [
      ['checklist', ...TWO_3090, '--format', 'pdf'],
      /--format pdf writes a binary file: give --out FILE\.pdf/,
    ],
    [
      ['checklist', ...TWO_3090, '--format', 'pdf', '--out', '/nonexistent-dir/x.pdf'],
      /cannot write \/nonexistent-dir\/x\.pdf: ENOENT/,
    ],
    [
      ['check', ...TWO_3090, '--psu-watts', 'lots'],
      /--psu-watts must be a whole number from 1 to 10000 W \(got "lots"\)/,
    ],
  ])('exits 2 with a clear line: %j', async (args, message) => {
    const io = captureCliIo();
    expect(await runCli(args, io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(message);
  });
});

describe('committed example checklist', () => {
  it('docs/examples/checklist-2x-rtx-3090-llama-3.1-70b-q4_k_m.md is what the checklist command prints today', async () => {
    const io = captureCliIo();
    expect(await runCli(['checklist', ...TWO_3090], io)).toBe(0);
    const committed = readFileSync(
      resolve(__dirname, '../../../docs/examples/checklist-2x-rtx-3090-llama-3.1-70b-q4_k_m.md'),
      'utf8',
    );
    // Regenerate with: npm run -s cli -- checklist --gpu "RTX 3090" --gpu "RTX 3090" --model llama-3.1-70b --quant Q4_K_M > docs/examples/…
    expect(`${io.stdout.join('\n')}\n`).toBe(committed);
  });
});
