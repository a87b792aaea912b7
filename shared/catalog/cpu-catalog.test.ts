import { describe, expect, it } from 'vitest';
import { CPU_CATALOG, findCpuFamily } from './cpus';
import type { CpuFamilySpec } from './types';

const NUMERIC = [
  'cpuPcieLanes',
  'pcieGen',
  'memoryChannels',
  'maxMemoryMTs',
  'chipsetLinkLanes',
] as const satisfies readonly (keyof CpuFamilySpec)[];

function mentions(text: string, value: number): boolean {
  return new RegExp(`(^|[^\\d.])${value}(?:\\.0+)?(?!\\d|\\.\\d)`).test(text);
}

describe('CPU catalog data', () => {
  it('has unique ids and compilable patterns', () => {
    const ids = CPU_CATALOG.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CPU_CATALOG) expect(() => new RegExp(c.match, 'i')).not.toThrow();
  });

  it.each(CPU_CATALOG.map((c) => [c.id, c] as const))(
    '%s: every sourced number appears in a source',
    (_, c) => {
      expect(c.sources.length).toBeGreaterThanOrEqual(1);
      const text = c.sources.map((s) => s.says ?? '').join(' | ');
      for (const field of NUMERIC) {
        const value = c[field];
        if (value === null || (c.unsourcedFields ?? []).includes(field)) continue;
        expect(mentions(text, value), `${field} = ${value}`).toBe(true);
      }
    },
  );

  it.each(CPU_CATALOG.filter((c) => c.vendor !== 'apple').map((c) => [c.id, c] as const))(
    '%s: sane values',
    (_, c) => {
      expect(c.cpuPcieLanes).toBeGreaterThanOrEqual(16);
      expect(c.cpuPcieLanes).toBeLessThanOrEqual(128);
      expect([3, 4, 5]).toContain(c.pcieGen);
      expect([2, 4, 8, 12]).toContain(c.memoryChannels);
      expect(c.maxMemoryMTs).toBeGreaterThanOrEqual(2133);
      expect(c.memoryType).toMatch(/^DDR[45]$/);
    },
  );

  it('Apple has no PCIe lanes and says why', () => {
    const apple = CPU_CATALOG.find((c) => c.vendor === 'apple');
    expect(apple?.cpuPcieLanes).toBe(0);
    expect(apple?.note).toMatch(/not applicable/);
  });
});

describe('findCpuFamily', () => {
  it.each([
    ['AMD Ryzen 9 7950X 16-Core Processor', 'amd-ryzen-7000-9000'],
    ['AMD Ryzen 9 7950X3D 16-Core Processor', 'amd-ryzen-7000-9000'],
    ['AMD Ryzen 7 9800X3D 8-Core Processor', 'amd-ryzen-7000-9000'],
    ['AMD Ryzen 9 5950X 16-Core Processor', 'amd-ryzen-5000'],
    ['AMD Ryzen 7 5800X3D 8-Core Processor', 'amd-ryzen-5000'],
    ['AMD Ryzen Threadripper PRO 3975WX 32-Cores', 'amd-threadripper-pro-3000wx-5000wx'],
    ['AMD Ryzen Threadripper PRO 3995WX 64-Cores', 'amd-threadripper-pro-3000wx-5000wx'],
    ['AMD Ryzen Threadripper PRO 5975WX 32-Cores', 'amd-threadripper-pro-3000wx-5000wx'],
    ['Intel(R) Core(TM) i9-14900K', 'intel-core-12-14'],
    ['13th Gen Intel(R) Core(TM) i7-13700KF', 'intel-core-12-14'],
    ['12th Gen Intel(R) Core(TM) i5-12400', 'intel-core-12-14'],
    ['Intel(R) Core(TM) Ultra 9 285K', 'intel-core-ultra-200s'],
    ['Intel(R) Core(TM) Ultra 5 245KF', 'intel-core-ultra-200s'],
    ['AMD EPYC 7763 64-Core Processor', 'amd-epyc-7002-7003'],
    ['AMD EPYC 7452 32-Core Processor', 'amd-epyc-7002-7003'],
    ['AMD EPYC 7262 8-Core Processor', 'amd-epyc-7002-7003'],
    ['AMD EPYC 7T83 64-Core Processor', 'amd-epyc-7002-7003'],
    ['AMD EPYC 7H12 64-Core Processor', 'amd-epyc-7002-7003'],
    ['AMD EPYC 9654 96-Core Processor', 'amd-epyc-9004'],
    ['AMD EPYC 9965 192-Core Processor', 'amd-epyc-9005'],
    ['Intel(R) Xeon(R) w9-3495X', 'intel-xeon-w-3400'],
    ['Intel(R) Xeon(R) w5-3433', 'intel-xeon-w-3400'],
    ['Intel(R) Xeon(R) w5-2455X', 'intel-xeon-w-2400'],
    ['Intel(R) Xeon(R) Platinum 8480+', 'intel-xeon-scalable-4th'],
    ['Intel(R) Xeon(R) Gold 6430', 'intel-xeon-scalable-4th'],
    ['Apple M2 Max', 'apple-silicon'],
    ['Apple M1', 'apple-silicon'],
  ])('%s → %s', (model, id) => {
    expect(findCpuFamily(model)?.id).toBe(id);
  });

  it.each([
    'AMD Ryzen Threadripper 7960X 24-Cores', // non-PRO Threadripper: not sourced
    'AMD Ryzen Threadripper PRO 7985WX 64-Cores', // 7000WX: not sourced
    'AMD Ryzen Threadripper 3970X 32-Core Processor',
    'Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz', // Cascade Lake
    'Intel(R) Xeon(R) Gold 6139 CPU @ 2.30GHz', // Skylake-SP
    'Intel(R) Xeon(R) CPU E5-2699 v4 @ 2.20GHz',
    'Intel(R) Core(TM) i9-7960X CPU @ 2.80GHz',
    '11th Gen Intel(R) Core(TM) i7-11800H @ 2.30GHz',
    '12th Gen Intel(R) Core(TM) i9-12900HX',
    'AMD Ryzen 7 5700G with Radeon Graphics', // APU: fewer, Gen3 lanes
    'AMD Ryzen 9 7940HS w/ Radeon 780M Graphics',
    'AMD EPYC 7551 32-Core Processor', // Naples (PCIe 3)
    '',
  ])('%s → null', (model) => {
    expect(findCpuFamily(model)).toBeNull();
  });
});
