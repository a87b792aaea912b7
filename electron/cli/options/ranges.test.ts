/**
 * Every number the CLI takes has a range: out of it (or not a number, or negative) is one line naming
 * the flag, the range and what was given, and exit 2 — never a plan for a 10^12-token context.
 */
import { describe, expect, it } from 'vitest';
import { captureCliIo } from '../../../test/support/cli-io';
import { runCli } from '../main';
import { numberIn } from './ranges';

async function run(args: readonly string[]) {
  const io = captureCliIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const ONE = ['--gpu', 'RTX 3090', '--model', 'llama-3.1-8b'];
const TWO = ['--gpu', 'RTX 3090', '--gpu', 'RTX 3090', '--model', 'llama-3.1-8b'];

// [flag, value, the range as the message words it]
const OUT_OF_RANGE: readonly (readonly [string, string, RegExp])[] = [
  ['--ctx', '1e12', /from 256 to 16777216/],
  ['--ctx', '100', /from 256 to 16777216/],
  ['--ctx', '4096.5', /whole number/],
  ['--parallel', '1e9', /from 1 to 4096/],
  ['--ubatch', '1e12', /from 1 to 65536/],
  ['--psu-watts', '1e300', /from 1 to 10000/],
  ['--psu-watts', '0', /from 1 to 10000/],
  ['--psu-pcie8', '33', /from 0 to 32/],
  ['--psu-12vhpwr', '17', /from 0 to 16/],
  ['--concurrency', '1e9', /from 1 to 4096/],
  ['--depth', '1e15', /from 0 to 16777216/],
  ['--ram-gib', '1e300', /from 1 to 65536/],
  ['--ram-gbps', '1e300', /from 1 to 20000/],
  ['--ram-gbps', 'Infinity', /from 1 to 20000/],
  ['--case-slots', '1e6', /from 1 to 20/],
  ['--gpu-memory-utilization', '0.0000001', /from 0\.05 to 1/],
  ['--gpu-memory-utilization', '1.5', /from 0\.05 to 1/],
  ['--n-cpu-moe', '1e9', /from 0 to 9999/],
  ['--ngl', '1e9', /from 0 to 9999/],
  ['--ngl', '0x10', /from 0 to 9999/],
  ['--ngl', '', /from 0 to 9999/],
  ['--ngl', ' ', /from 0 to 9999/],
];

describe('numbers out of range: one line, exit 2', () => {
  it.each(OUT_OF_RANGE)('%s %j', async (flag, value, range) => {
    const r = await run(['plan', ...TWO, flag, value]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toContain(flag);
    expect(r.err).toMatch(range);
    expect(r.err).toContain(`"${value}"`);
  });

  it.each([
    ['--tensor-split', '1,,2'],
    ['--tensor-split', '1,2,'],
    ['--tensor-split', '1e300,1'],
    ['--tensor-split', '0,0'],
    ['--tensor-split', Array.from({ length: 65 }, () => '1').join(',')],
  ])('%s %j', async (flag, value) => {
    const r = await run(['plan', ...TWO, flag, value]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^rig-advisor: --tensor-split /);
  });

  it.each([['0:1e9'], ['0:99999'], ['0:20'], ['100:250']])('--power-limit %j', async (value) => {
    const r = await run(['plan', ...TWO, '--power-limit', value]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/--power-limit/);
  });

  it.each([['RTX 3090=1e300'], ['RTX 3090=99999999999'], ['RTX 3090=0']])(
    'upgrade --price %j',
    async (value) => {
      const r = await run(['upgrade', ...ONE, '--price', value]);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/--price .*from 1 to 1000000/);
    },
  );

  it('scan --deadline-ms beyond an hour (a timer that large fires at once)', async () => {
    const r = await run(['scan', '--deadline-ms', '1e12']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--deadline-ms must be a whole number from 100 to 3600000 .*"1e12"/);
  });
});

describe('how many cards and machines: one line, exit 2, never a stack overflow', () => {
  const gpus = (n: number) => Array.from({ length: n }, () => ['--gpu', 'RTX 3090']).flat();
  const nodes = (n: number, each: string) => Array.from({ length: n }, () => ['--node', each]).flat();
  it.each([
    [
      '65 --gpu',
      [...gpus(65), '--model', 'llama-3.1-8b'],
      /--gpu: at most 64 GPUs in one machine \(got 65\)/,
    ],
    [
      'a --node of 65 cards',
      [...TWO, '--node', '65x RTX 3090', '--network', '10gbe'],
      /--node: at most 64 GPUs in one machine \(got 65\)/,
    ],
    [
      '65 machines',
      [...nodes(65, 'RTX 3090'), '--network', '10gbe', '--model', 'llama-3.1-8b'],
      /--node: at most 64 machines \(got 65\)/,
    ],
    [
      // 512 cards: before, the planner's Math.min over every GPU pair overflowed the stack (exit 1).
      '64 machines of 8 cards',
      [...nodes(64, '8x RTX 3090'), '--network', '10gbe', '--model', 'llama-3.1-8b'],
      /at most 256 GPUs over all machines \(got 512\)/,
    ],
  ])('%s', async (_name, args, message) => {
    const r = await run(['plan', ...args]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });

  it('64 cards in one machine and 32 machines of 8 still plan', async () => {
    expect((await run(['plan', ...gpus(64), '--model', 'llama-3.1-8b', '--json'])).code).toBe(0);
    const cluster = [...nodes(32, '8x RTX 3090'), '--network', '10gbe', '--model', 'llama-3.1-8b'];
    expect((await run(['plan', ...cluster, '--json'])).code).toBe(0);
  });
});

describe("negative values: our one line with the range, not parseArgs' three", () => {
  it.each([
    ['plan', '--psu-watts', '-500', 'a whole number from 1 to 10000 W'],
    ['plan', '--ctx', '-1', 'a whole number from 256 to 16777216 tokens'],
    ['check', '--concurrency', '-4', 'a whole number from 1 to 4096'],
    ['plan', '--gpu-memory-utilization', '-.5', 'a number from 0.05 to 1'],
    ['upgrade', '--case-slots', '-7', 'a whole number from 1 to 20'],
  ])('%s %s %s', async (command, flag, value, range) => {
    const r = await run([command, ...TWO, flag, value]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`rig-advisor: ${flag} must be ${range} (got "${value}")`);
  });

  it('scan --deadline-ms -5', async () => {
    const r = await run(['scan', '--deadline-ms', '-5']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('rig-advisor: --deadline-ms must be a whole number from 100 to 3600000 ms (got "-5")');
  });

  it('--flag=-500 reaches the range check', async () => {
    const r = await run(['plan', ...TWO, '--psu-watts=-500']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('rig-advisor: --psu-watts must be a whole number from 1 to 10000 W (got "-500")');
  });

  it('a text value starting with "-" says how to give it', async () => {
    const r = await run(['plan', ...TWO, '--model-path', '-weights']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(
      /--model-path needs a value; for one starting with "-" write --model-path=-weights/,
    );
  });

  it('other parseArgs errors stay one line', async () => {
    const r = await run(['plan', ...TWO, '--psu-watts']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
  });
});

describe('the top of each range is taken', () => {
  it.each([
    ['--psu-watts', '10000'],
    ['--case-slots', '20'],
    ['--psu-pcie8', '0'],
    ['--gpu-memory-utilization', '1'],
    ['--gpu-memory-utilization', '.9'],
    ['--depth', '0'],
    ['--ubatch', '65536'],
    ['--parallel', '4096'],
    ['--concurrency', '4096'],
    ['--ngl', '999'],
    ['--ram-gib', '65536'],
    ['--ram-gbps', '20000'],
    ['--tensor-split', '0.75,0.25'],
    ['--power-limit', '1:2000'],
  ])('%s %s', async (flag, value) => {
    const r = await run(['plan', ...TWO, flag, value, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('numberIn', () => {
  const range = { min: 1, max: 10, integer: true } as const;
  it.each([
    ['3', 3],
    [' 7 ', 7],
    ['1e1', 10],
    [undefined, null],
  ])('%j → %j', (raw, expected) => {
    expect(numberIn(raw, '--n', range)).toBe(expected);
  });

  it.each(['0', '11', '2.5', 'NaN', '-1', '1_000', '0b1', '', '+'])('%j is refused', (raw) => {
    expect(() => numberIn(raw, '--n', range)).toThrow(/^--n must be a whole number from 1 to 10 \(got "/);
  });

  it('fractions where the range allows them, with the unit', () => {
    expect(numberIn('0.5', '--f', { min: 0.05, max: 1 })).toBe(0.5);
    expect(() => numberIn('2', '--f', { min: 0.05, max: 1, unit: 'GiB' })).toThrow(
      '--f must be a number from 0.05 to 1 GiB (got "2")',
    );
  });
});
