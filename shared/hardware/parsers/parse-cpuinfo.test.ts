import { describe, expect, it } from 'vitest';
import { parseCpuinfo } from './parse-cpuinfo';

/**
 * Hand-written samples (no real /proc/cpuinfo capture in fixtures/captures): field names and
 * layout follow what Linux prints on x86 (a dual-socket Xeon) and on ARM64 (Neoverse N1).
 */
function x86Processor(n: number, socket: number, core: number, coresPerSocket: number): string {
  return [
    `processor\t: ${n}`,
    'vendor_id\t: GenuineIntel',
    'cpu family\t: 6',
    'model\t\t: 85',
    'model name\t: Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz',
    'stepping\t: 7',
    'cpu MHz\t\t: 2200.000',
    'cache size\t: 16896 KB',
    `physical id\t: ${socket}`,
    `siblings\t: ${coresPerSocket * 2}`,
    `core id\t\t: ${core}`,
    `cpu cores\t: ${coresPerSocket}`,
    'flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr avx512f',
    'power management:',
    '',
  ].join('\n');
}

/** 2 sockets × 12 cores × 2 threads, numbered the way Linux does (socket-major per thread set). */
const DUAL_XEON = Array.from({ length: 48 }, (_, n) =>
  x86Processor(n, Math.floor(n / 12) % 2, n % 12, 12),
).join('\n');

const ARM64 = Array.from({ length: 4 }, (_, n) =>
  [
    `processor\t: ${n}`,
    'BogoMIPS\t: 50.00',
    'Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp',
    'CPU implementer\t: 0x41',
    'CPU architecture: 8',
    'CPU variant\t: 0x3',
    'CPU part\t: 0xd0c',
    'CPU revision\t: 1',
    '',
  ].join('\n'),
).join('\n');

describe('parseCpuinfo', () => {
  it('dual-socket x86: sockets from physical id, cores = cpu cores × sockets, threads = processors', () => {
    const { value, issues } = parseCpuinfo(DUAL_XEON);
    expect(issues).toEqual([]);
    expect(value).toEqual({
      model: 'Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz',
      vendor: 'GenuineIntel',
      cores: 24,
      threads: 48,
      sockets: 2,
    });
  });

  it('accepts CRLF line ends', () => {
    expect(parseCpuinfo(DUAL_XEON.replace(/\n/g, '\r\n')).value.cores).toBe(24);
  });

  it('ARM64 without model name: model null with an issue, vendor from CPU implementer', () => {
    const { value, issues } = parseCpuinfo(ARM64);
    expect(value).toEqual({ model: null, vendor: 'ARM', cores: null, threads: 4, sockets: null });
    expect(issues.map((i) => i.severity)).toEqual(['warning', 'warning']);
    expect(issues[0]?.message).toMatch(/model name.*0xd0c/);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'cat: /proc/cpuinfo: No such file or directory'],
    ['truncated', 'proc'],
    ['not text', undefined],
    ['huge line', ' '.repeat(200_000) + 'x:' + ' -'.repeat(100_000) + 'y'],
  ])('%s: issues, no throw', (_name, input) => {
    const { value, issues } = parseCpuinfo(input as string);
    expect(value.threads).toBeNull();
    expect(issues.some((i) => i.severity === 'error')).toBe(true);
  });

  it('keeps what it can from a cut-off file', () => {
    const { value } = parseCpuinfo(DUAL_XEON.slice(0, 700));
    expect(value.model).toMatch(/Xeon/);
    expect(value.threads).toBeGreaterThan(0);
  });
});
