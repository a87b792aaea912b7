/**
 * Golden pairs for the whole merge: each capture directory in fixtures/capture-dirs (real captures,
 * assembled by scripts/make-capture-fixtures.mjs) against its reviewed `expected-profile.json`.
 * Regenerate after a deliberate change with UPDATE_GOLDEN=1 and review the diff.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFixtureBundle } from '../../../test/support/capture-dirs';
import { type CaptureBundle } from '../capture-format';
import { mergeProfile } from './merge-profile';

const DIRS = resolve(__dirname, '../../../fixtures/capture-dirs');

const fixtures = readdirSync(DIRS).filter((name) => statSync(join(DIRS, name)).isDirectory());

describe('mergeProfile golden pairs', () => {
  // Rewriting the goldens makes every pair pass by construction: never in CI, where nobody reviews the diff.
  it('is not asked to rewrite the goldens under CI', () => {
    expect(Boolean(process.env.CI && process.env.UPDATE_GOLDEN), 'UPDATE_GOLDEN is refused under CI').toBe(
      false,
    );
  });

  it.each(fixtures)('%s matches its reviewed expected profile', (name) => {
    const profile = mergeProfile(readFixtureBundle(join(DIRS, name)));
    const expectedPath = join(DIRS, name, 'expected-profile.json');
    if (process.env.UPDATE_GOLDEN && !process.env.CI)
      writeFileSync(expectedPath, `${JSON.stringify(profile, null, 2)}\n`);
    expect(
      existsSync(expectedPath),
      `${expectedPath} is missing: run with UPDATE_GOLDEN=1 and review it`,
    ).toBe(true);
    expect(JSON.parse(JSON.stringify(profile))).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
});

const load = (name: string): CaptureBundle => readFixtureBundle(join(DIRS, name));

describe('mergeProfile: facts it must get right', () => {
  it('keeps identical cards apart, joined on the bus id, never merged by model name', () => {
    const p = mergeProfile(load('dual-rtx-2070'));
    expect(p.gpus.map((g) => [g.name, g.pciBusId])).toEqual([
      ['NVIDIA GeForce RTX 2070', '0000:01:00.0'],
      ['NVIDIA GeForce RTX 2070', '0000:02:00.0'],
    ]);
  });

  it('normalises the 8-digit nvidia-smi domain to 0000:bb:dd.f in lower case', () => {
    expect(mergeProfile(load('dual-rtx-a5000')).gpus.map((g) => g.pciBusId)).toEqual([
      '0000:81:00.0',
      '0000:c1:00.0',
    ]);
  });

  it('reports idle links trained down: current and max, and says so', () => {
    const p = mergeProfile(load('dual-rtx-a5000'));
    expect(p.gpus[0]?.pcie).toEqual({ genCurrent: 1, genMax: 4, widthCurrent: 16, widthMax: 16 });
    expect(
      p.notes.some((n) => /GPU 0 .*Gen1 now but supports Gen4: idle GPUs train their link down/.test(n)),
    ).toBe(true);
  });

  it('counts bonded NVLinks and every active link', () => {
    const p = mergeProfile(load('h100-sxm-vm'));
    expect(p.nvlink[0]?.activeLinks).toBe(18);
    expect(p.gpus[0]?.computeCapability).toBe('9.0');
  });

  it('takes topology and P2P from topo-only captures, with placeholder GPUs whose model is unknown', () => {
    const p = mergeProfile(load('club3090-2x-rtx3090-h12ssl'));
    expect(p.gpuLinks).toEqual([{ a: 0, b: 1, kind: 'NODE', nvlinks: 0, p2p: 'NS' }]);
    expect(p.unknowns.find((u) => u.field === 'gpus[0].vramMiB')?.reason).toMatch(/no nvidia-smi/);
  });

  it('falls back to lspci for GPUs when nvidia-smi is missing, with the link from LnkCap/LnkSta', () => {
    const p = mergeProfile(load('puget-wrx90-2x-rtx6000ada'));
    expect(p.gpus.map((g) => g.name)).toEqual(['RTX 6000 Ada Generation', 'RTX 6000 Ada Generation']);
    expect(p.gpus[1]?.pcie.genMax).toBe(4);
    expect(p.gpuLinks[0]?.kind).toBe('PHB');
  });

  it('reads slots, DIMMs and the board from dmidecode, dropping firmware placeholders', () => {
    const p = mergeProfile(load('wrx80e-sage-dmidecode'));
    expect(p.slots.map((s) => [s.designation, s.widthElectrical, s.inUse])).toEqual([
      ['PCIEX16_1', 16, true],
      ['PCIEX16_2', 8, true],
      ['PCIEX16_3', 16, true],
      ['PCIEX16_4', 8, true],
    ]);
    expect(p.memory.totalMiB).toBe(262144);
    expect(p.system.model).toBeNull();
  });

  it('says Windows cannot show slot wiring, and asks for it', () => {
    const p = mergeProfile(load('windows-rtx-2080-super'));
    expect(p.platform).toBe('win32');
    expect(p.unknowns.find((u) => u.field === 'slots')?.reason).toMatch(/Windows does not expose/);
  });

  it('marks slots unknown because not permitted when dmidecode was refused, with the root fix', () => {
    const bundle: CaptureBundle = {
      manifest: {
        format: 1,
        version: 't',
        platform: 'linux',
        capturedAt: 'now',
        isRoot: false,
        files: {
          'dmidecode.txt': {
            command: 'dmidecode -t 2,9,16,17',
            exitCode: 1,
            durationMs: 3,
            errorKind: 'not-permitted',
            written: false,
          },
        },
      },
      files: {},
      readIssues: [],
    };
    const slots = mergeProfile(bundle).unknowns.find((u) => u.field === 'slots');
    expect(slots?.reason).toMatch(/not permitted/);
    expect(slots?.hint).toMatch(/sudo/);
  });

  it('says a tool the probe never started was not run, not that it failed', () => {
    const bundle: CaptureBundle = {
      manifest: {
        format: 1,
        version: 't',
        platform: 'linux',
        capturedAt: 'now',
        isRoot: true,
        files: {
          'dmidecode.txt': {
            command: 'dmidecode -t 2,9,16,17',
            exitCode: null,
            durationMs: 0,
            errorKind: 'failed',
            error: "not run: the probe's time ran out",
            written: false,
          },
        },
      },
      files: {},
      readIssues: [],
    };
    const slots = mergeProfile(bundle).unknowns.find((u) => u.field === 'slots');
    expect(slots?.reason).toMatch(/not run: the probe's time ran out/);
    expect(slots?.reason).not.toMatch(/failed/);
    expect(slots?.hint).toMatch(/--deadline-ms/);
  });

  it('names a garbled file and still uses the others', () => {
    const good = load('club3090-2x-rtx3090-h12ssl');
    const p = mergeProfile({
      ...good,
      files: { ...good.files, 'nvidia-smi-q.xml': '\u0000\u0001garbage<nvidia_smi_log><gpu' },
    });
    expect(p.captureIssues.some((i) => i.file === 'nvidia-smi-q.xml')).toBe(true);
    expect(p.unknowns.find((u) => u.field === 'gpus[0].vramMiB')?.reason).toMatch(
      /nvidia-smi-q\.xml could not be read/,
    );
    expect(p.gpuLinks[0]?.kind).toBe('NODE');
  });

  it('reads what it can from a truncated nvidia-smi XML and reports the cut', () => {
    const xml = load('dual-rtx-a5000').files['nvidia-smi-q.xml'] ?? '';
    const cut = xml.slice(0, xml.lastIndexOf('<gpu id=') + 200);
    const p = mergeProfile({ manifest: null, files: { 'nvidia-smi-q.xml': cut }, readIssues: [] });
    expect(p.gpus).toHaveLength(1);
    expect(p.captureIssues[0]?.file).toBe('nvidia-smi-q.xml');
  });
});
