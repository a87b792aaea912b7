import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HardwareProfile } from '@shared/hardware/profile';
import { runCli } from './main';
import { captureCliIo } from '../../test/support/cli-io';
import { tempDirs } from '../../test/support/temp-dirs';

const newTempDir = tempDirs('rig-garbled-');

const FIXTURES = resolve(__dirname, '../../fixtures/capture-dirs');

describe('CLI', () => {
  it('scan --replay prints GPUs, links, notes and unknowns with their fixes', async () => {
    const io = captureCliIo();
    expect(await runCli(['scan', '--replay', join(FIXTURES, 'dual-rtx-a5000')], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/\[0\] NVIDIA RTX A5000 — 24.0 GiB, Gen4 x16 max, Gen1 x16 now, 230 W limit/);
    expect(text).toMatch(/slots: the capture has no dmidecode.txt\. Fix: install dmidecode/);
  });

  it('scan --replay --json prints the profile as JSON on stdout only', async () => {
    const io = captureCliIo();
    expect(
      await runCli(['scan', '--replay', join(FIXTURES, 'club3090-2x-rtx3090-h12ssl'), '--json'], io),
    ).toBe(0);
    const profile = JSON.parse(io.stdout.join('\n')) as HardwareProfile;
    expect(profile.gpuLinks[0]).toMatchObject({ a: 0, b: 1, kind: 'NODE', p2p: 'NS' });
    expect(io.stderr).toEqual([]);
  });

  it('exits 2 with one line and no stack for a missing directory', async () => {
    const io = captureCliIo();
    expect(await runCli(['scan', '--replay', '/nonexistent/rig'], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^rig-advisor: .*\/nonexistent\/rig/);
    expect(io.stderr[0]).not.toMatch(/\n\s+at /);
  });

  it('keeps going past a garbled file and names it in unknowns', async () => {
    const dir = newTempDir();
    writeFileSync(
      join(dir, 'nvidia-smi-q.xml'),
      '<nvidia_smi_log><gpu id="00000000:01:00.0"><product_name>RTX',
    );
    writeFileSync(join(dir, 'meminfo.txt'), 'MemTotal:       65768960 kB\nMemAvailable:   60000000 kB\n');
    const io = captureCliIo();
    expect(await runCli(['scan', '--replay', dir, '--json'], io)).toBe(0);
    const profile = JSON.parse(io.stdout.join('\n')) as HardwareProfile;
    expect(profile.memory.totalMiB).toBe(64227);
    expect(profile.captureIssues.some((i) => i.file === 'nvidia-smi-q.xml')).toBe(true);
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['scan', '--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['capture'], /capture needs --out DIR/],
    [['scan', '--deadline-ms', 'soon'], /--deadline-ms must be a whole number/],
  ])('exits 2 with a clear line for bad usage: %j', async (argv, message) => {
    const io = captureCliIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(message);
  });
});
