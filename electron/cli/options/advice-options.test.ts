/**
 * The options every advisor command shares: what they are turned into, and one clear line (exit 2)
 * for each kind of bad value.
 */
import { describe, expect, it } from 'vitest';
import { captureCliIo } from '../../../test/support/cli-io';
import { runCli } from '../main';

async function run(args: string[]) {
  const io = captureCliIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const TWO = ['--gpu', 'RTX 3090', '--gpu', 'RTX 3090', '--model', 'llama-3.1-8b'];

describe('advisor options: bad values are one line and exit 2', () => {
  it.each([
    ['a power limit without watts', [...TWO, '--power-limit', '0'], /--power-limit takes GPU:W/],
    [
      'a power limit of 5 W',
      [...TWO, '--power-limit', '0:5'],
      /--power-limit 0:W must be a whole number from 30 to 2000 W \(got "5"\)/,
    ],
    [
      'a power limit for a GPU the machine lacks',
      [...TWO, '--power-limit', '2:250'],
      /--power-limit: there is no GPU 2/,
    ],
    ['a slot for a GPU the machine lacks', [...TWO, '--slot', '5:x4'], /--slot: there is no GPU 5/],
    [
      '--node with an unknown card',
      ['--node', '2x RTX 3095', '--node', 'RTX 3090', '--network', '10gbe', '--model', 'llama-3.1-8b'],
      /--node: unknown GPU "RTX 3095"; closest:/,
    ],
    [
      'several machines without a network',
      [...TWO, '--node', '2x RTX 3090'],
      /several machines need --network: one of 1gbe, /,
    ],
    ['an unknown network', [...TWO, '--node', 'RTX 3090', '--network', '5gbe'], /unknown --network "5gbe"/],
    [
      'a network with no other machine',
      [...TWO, '--network', '10gbe'],
      /--network describes the link between machines/,
    ],
    [
      'a strategy the plan does not have',
      [...TWO, '--strategy', 'vllm:tp8'],
      /--strategy: the plan has no "vllm:tp8"; it has /,
    ],
  ])('%s', async (_name, args, message) => {
    const r = await run(['plan', ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(1);
  });
});

describe('advisor options: what they reach', () => {
  it('--strategy follows that strategy in check, commands and the checklist', async () => {
    const r = await run(['commands', ...TWO, '--strategy', 'llama.cpp:none', '--json']);
    const { commands } = JSON.parse(r.out) as {
      commands: { runtime: string; env: Record<string, string> }[];
    };
    expect(commands[0]?.env.CUDA_VISIBLE_DEVICES).toBe('0');
  });

  it('--case-slots answers the case check', async () => {
    const r = await run(['check', ...TWO, '--case-slots', '7', '--json']);
    const { checks } = JSON.parse(r.out) as { checks: { id: string; status: string }[] };
    expect(checks.find((c) => c.id === 'cooling.case')?.status).not.toBe('unknown');
  });

  it('--power-limit is the limit in force: the power check counts it as entered', async () => {
    const r = await run([
      'check',
      ...TWO,
      '--power-limit',
      '0:250',
      '--power-limit',
      '1:250',
      '--psu-watts',
      '850',
      '--json',
    ]);
    const { checks } = JSON.parse(r.out) as { checks: { id: string; reason: string }[] };
    expect(checks.find((c) => c.id === 'power.sustained')?.reason).toMatch(
      /250 W GPU 0 \(the limit you entered\)/,
    );
  });

  it('upgrade takes a --slot for the card it would add (GPU 1 next to one card); plan refuses it', async () => {
    const args = ['--gpu', 'RTX 3090', '--model', 'llama-3.1-8b', '--slot', '1:chipset:4x4'];
    expect((await run(['upgrade', ...args, '--json'])).code).toBe(0);
    expect((await run(['plan', ...args])).code).toBe(2);
  });

  it('check fixes name the flags that set what they ask for', async () => {
    const r = await run(['check', ...TWO, '--json']);
    const { checks } = JSON.parse(r.out) as { checks: { id: string; fix: string }[] };
    expect(checks.find((c) => c.id === 'power.sustained')?.fix).toMatch(
      /— set with --psu-watts N, --psu-pcie8 N, --psu-12vhpwr N\.$/,
    );
  });
});
