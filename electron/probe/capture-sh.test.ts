// resources/capture.sh must write the same capture directory as the app. These tests run it with `sh`
// against temp folders, with a PATH that holds only the basic tools (so the result does not depend on
// what this machine has installed) plus, where wanted, fake nvidia-smi / lspci scripts.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestSchema, type CaptureManifest } from '@shared/hardware/capture-format';
import type { DmiIdRecord, SysfsPciDevice } from '@shared/hardware/records';
import { readCaptureDir } from './capture-dir';

const SCRIPT = resolve(__dirname, '../../resources/capture.sh');
const BASIC_TOOLS = [
  'date',
  'tr',
  'sed',
  'grep',
  'head',
  'wc',
  'cat',
  'rm',
  'mkdir',
  'ls',
  'id',
  'uname',
  'timeout',
  'awk',
  'mv',
  'true',
  'sleep',
  'sh',
];

let tmp = '';
let bin = '';

/** The executable on PATH (not `command -v`, which names shell builtins like `true` without a path). */
function which(tool: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':')) {
    const path = join(dir, tool);
    if (dir && existsSync(path)) return path;
  }
  return null;
}

function script(name: string, body: string): void {
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
}

function capture(args: string[], env: Record<string, string> = {}) {
  return spawnSync('sh', [SCRIPT, ...args], {
    cwd: tmp, // where a default ./rig-capture-<time> would land
    encoding: 'utf8',
    env: { PATH: bin, ...env },
    timeout: 30_000,
  });
}

function manifestOf(dir: string): CaptureManifest {
  return manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'rig-capture-sh-'));
  bin = join(tmp, 'bin');
  mkdirSync(bin);
  for (const tool of BASIC_TOOLS) {
    const path = which(tool);
    if (path) symlinkSync(path, join(bin, tool));
  }
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('capture.sh is plain POSIX sh', () => {
  it('parses with sh -n, and dash -n where dash exists', () => {
    execFileSync('sh', ['-n', SCRIPT]);
    if (which('dash')) execFileSync('dash', ['-n', SCRIPT]);
  });

  it("carries the app's version (bump both together)", () => {
    const { version } = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(readFileSync(SCRIPT, 'utf8')).toContain(`VERSION='${version}'`);
  });
});

describe('capture.sh on a machine without GPU tools', () => {
  const out = () => join(tmp, 'plain');
  beforeAll(() => {
    const r = capture(['-o', out()]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('writes a format-1 manifest that says every missing tool is missing', () => {
    const m = manifestOf(out());
    expect(m).toMatchObject({ format: 1, writer: 'capture.sh', redacted: false, platform: 'linux' });
    expect(new Date(m.capturedAt).toString()).not.toBe('Invalid Date');
    expect(typeof m.isRoot).toBe('boolean');
    for (const f of [
      'nvidia-smi-query.csv',
      'nvidia-smi-q.xml',
      'nvidia-smi-topo.txt',
      'rocm-smi.json',
      'lspci.txt',
    ] as const) {
      expect(m.files[f], f).toMatchObject({ errorKind: 'missing-tool', written: false });
    }
    expect(m.files['dmidecode.txt']?.errorKind).toMatch(m.isRoot ? /missing-tool/ : /not-permitted/);
  });

  it('sysfs-pci.json and dmi-id.json, when written, are valid JSON of the shared shapes', () => {
    const m = manifestOf(out());
    if (m.files['sysfs-pci.json']?.written) {
      const devices = JSON.parse(readFileSync(join(out(), 'sysfs-pci.json'), 'utf8')) as SysfsPciDevice[];
      expect(Array.isArray(devices)).toBe(true);
      for (const d of devices) expect(d.address).toMatch(/^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/);
    }
    if (m.files['dmi-id.json']?.written) JSON.parse(readFileSync(join(out(), 'dmi-id.json'), 'utf8'));
  });

  it('the app reads the folder back without issues', async () => {
    const bundle = await readCaptureDir(out());
    expect(bundle.readIssues).toEqual([]);
    expect(bundle.files['cpuinfo.txt']).toContain('processor');
  });
});

describe('capture.sh with fake tools, a fake sysfs and --redact', () => {
  const out = () => join(tmp, 'fake');
  const sys = () => join(tmp, 'sys');
  beforeAll(() => {
    script(
      'nvidia-smi',
      [
        'case "$*" in',
        '  *compute_cap*) echo \'Field "compute_cap" is not a valid field to query.\'; exit 2 ;;',
        '  --query-gpu*) printf "index, uuid\\n0, GPU-9a9a6c50-2a47-2f51-a902-b82c3b127e94\\n" ;;',
        '  "-q -x") printf "<serial>1324021012345</serial>\\n<uuid>GPU-9a9a6c50-2a47-2f51-a902-b82c3b127e94</uuid>\\n" ;;',
        '  "topo -m") sleep 30 ;;',
        '  "topo -p2p r") echo "Permission denied" >&2; exit 4 ;;',
        '  *) exit 3 ;;',
        'esac',
      ].join('\n'),
    );
    script(
      'lspci',
      'printf "\\tCapabilities: [140 v1] Device Serial Number 48-b0-2d-ff-ff-12-34-56\\n\\t\\t\\t[SN] Serial number: MT2049X12345\\n"',
    );
    const dev = join(sys(), 'devices/pci0000:00/0000:00:01.1/0000:01:00.0');
    mkdirSync(dev, { recursive: true });
    const attrs = {
      class: '0x030000',
      vendor: '0x10de',
      device: '0x2204',
      current_link_speed: '2.5 GT/s PCIe',
      current_link_width: '16',
      max_link_speed: '16.0 GT/s PCIe',
      max_link_width: '16',
      numa_node: '-1',
    };
    for (const [k, v] of Object.entries(attrs)) writeFileSync(join(dev, k), `${v}\n`);
    mkdirSync(join(sys(), 'bus/pci/devices'), { recursive: true });
    symlinkSync(
      '../../../devices/pci0000:00/0000:00:01.1/0000:01:00.0',
      join(sys(), 'bus/pci/devices/0000:01:00.0'),
    );
    const dmi = join(sys(), 'class/dmi/id');
    mkdirSync(dmi, { recursive: true });
    writeFileSync(join(dmi, 'board_vendor'), 'ASUSTeK "COMPUTER" INC.\\\tx\n');
    writeFileSync(join(dmi, 'board_name'), 'Pro WS WRX80E-SAGE SE WIFI \u00e9\n');
    const r = capture(['--out', out(), '--redact'], {
      RIG_CAPTURE_TIMEOUT: '1',
      RIG_CAPTURE_SYS_ROOT: sys(),
    });
    expect(r.status, r.stderr).toBe(0);
  });

  it('records retry, timeout, permission denied and success like the app does', () => {
    const m = manifestOf(out());
    expect(m.redacted).toBe(true);
    expect(m.files['nvidia-smi-query.csv']).toMatchObject({ errorKind: null, exitCode: 0, written: true });
    expect(m.files['nvidia-smi-query.csv']?.command).not.toContain('compute_cap');
    expect(m.files['nvidia-smi-topo.txt']).toMatchObject({
      errorKind: 'timed-out',
      exitCode: null,
      written: false,
    });
    expect(m.files['nvidia-smi-p2p.txt']).toMatchObject({
      errorKind: 'not-permitted',
      exitCode: 4,
      error: 'Permission denied',
    });
    expect(m.files['nvidia-smi-nvlink.txt']).toMatchObject({ errorKind: 'failed', exitCode: 3 });
  });

  it('escapes quotes, backslashes and tabs, drops non-ASCII, and follows the device symlink', () => {
    const dmi = JSON.parse(readFileSync(join(out(), 'dmi-id.json'), 'utf8')) as DmiIdRecord;
    expect(dmi).toEqual({
      boardVendor: 'ASUSTeK "COMPUTER" INC.\\\tx',
      boardName: 'Pro WS WRX80E-SAGE SE WIFI ',
      sysVendor: null,
      productName: null,
      biosVersion: null,
    });
    const [gpu] = JSON.parse(readFileSync(join(out(), 'sysfs-pci.json'), 'utf8')) as SysfsPciDevice[];
    expect(gpu).toEqual({
      address: '0000:01:00.0',
      path: join(sys(), 'devices/pci0000:00/0000:00:01.1/0000:01:00.0'),
      class: '0x030000',
      vendor: '0x10de',
      device: '0x2204',
      currentLinkSpeed: '2.5 GT/s PCIe',
      currentLinkWidth: '16',
      maxLinkSpeed: '16.0 GT/s PCIe',
      maxLinkWidth: '16',
      numaNode: '-1',
    });
  });

  it('--redact replaces UUIDs (UUID-shaped) and serials, as the app does', () => {
    const read = (f: string) => readFileSync(join(out(), f), 'utf8');
    expect(read('nvidia-smi-query.csv')).toBe('index, uuid\n0, GPU-00000000-0000-0000-0000-000000000001\n');
    expect(read('nvidia-smi-q.xml')).toBe(
      '<serial>REDACTED-SERIAL-1</serial>\n<uuid>GPU-00000000-0000-0000-0000-000000000001</uuid>\n',
    );
    expect(read('lspci.txt')).not.toMatch(/48-b0-2d|MT2049X12345/);
    expect(existsSync(join(out(), 'nvidia-smi-q.xml.redacted'))).toBe(false);
  });
});

describe('capture.sh caps what one tool may write', () => {
  const out = () => join(tmp, 'capped');
  beforeAll(() => {
    // 5000 lines of 64 bytes: finite (so a capture.sh without a cap still ends), far over the test cap.
    script(
      'nvidia-smi',
      [
        'case "$*" in',
        '  "-q -x") i=0; while [ $i -lt 5000 ]; do echo "<gpu><product_name>NVIDIA A100-SXM4-80GB</product_name></gpu>"; i=$((i + 1)); done ;;',
        '  --query-gpu*) echo "index, uuid"; echo "0, GPU-1" ;;',
        '  "topo -m") i=0; while [ $i -lt 5000 ]; do echo "NVML: an error that repeats without end, sixty-four b" >&2; i=$((i + 1)); done; exit 1 ;;',
        '  *) exit 3 ;;',
        'esac',
      ].join('\n'),
    );
    const r = capture(['-o', out()], { RIG_CAPTURE_MAX_OUTPUT: '65536', RIG_CAPTURE_TIMEOUT: '20' });
    expect(r.status, r.stderr).toBe(0);
  });
  afterAll(() => rmSync(join(bin, 'nvidia-smi')));

  it('output beyond the cap is cut there, and the manifest says too-large', () => {
    expect(statSync(join(out(), 'nvidia-smi-q.xml')).size).toBe(65536);
    expect(manifestOf(out()).files['nvidia-smi-q.xml']).toMatchObject({
      errorKind: 'too-large',
      exitCode: null,
      written: true,
      error: 'printed more than 65536 bytes; the file holds the first 65536',
    });
  });

  it('error output is capped the same way', () => {
    expect(manifestOf(out()).files['nvidia-smi-topo.txt']).toMatchObject({
      errorKind: 'too-large',
      error: 'printed more than 65536 bytes of errors; stopped there',
      written: false,
    });
  });

  it('a tool under the cap is untouched, its exit status still read', () => {
    const m = manifestOf(out());
    expect(readFileSync(join(out(), 'nvidia-smi-query.csv'), 'utf8')).toBe('index, uuid\n0, GPU-1\n');
    expect(m.files['nvidia-smi-query.csv']).toMatchObject({ errorKind: null, exitCode: 0 });
    expect(m.files['nvidia-smi-p2p.txt']).toMatchObject({ errorKind: 'failed', exitCode: 3 });
    expect(readdirSync(out()).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('RIG_CAPTURE_MAX_OUTPUT must be a whole number of bytes', () => {
    const r = capture(['-o', join(tmp, 'never')], { RIG_CAPTURE_MAX_OUTPUT: '8M' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/RIG_CAPTURE_MAX_OUTPUT must be whole bytes/);
  });
});

describe('capture.sh refuses what it should', () => {
  it.each([[['--out', '--help']], [['-o', '-v']], [['-o', '']], [['--out=']], [['--out=-p']]])(
    'a missing or option-like folder name %j: exit 2, nothing created, no other help printed',
    (args) => {
      const r = capture(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^capture\.sh: (-o|--out) needs a folder name/);
      expect(r.stdout).toBe('');
      expect(readdirSync(tmp).filter((n) => n.startsWith('-') || n.startsWith('rig-capture-'))).toEqual([]);
    },
  );

  it("a folder whose manifest.json is not a capture's (a browser extension): exit 2, nothing touched", () => {
    const dir = join(tmp, 'extension');
    mkdirSync(dir);
    const own = '{"manifest_version": 3, "name": "My Extension", "version": "1.0"}\n';
    writeFileSync(join(dir, 'manifest.json'), own);
    writeFileSync(join(dir, 'lspci.txt'), 'mine');
    const r = capture(['-o', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/manifest\.json is not a Rig Advisor capture manifest/);
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe(own);
    expect(readFileSync(join(dir, 'lspci.txt'), 'utf8')).toBe('mine');
  });

  it('a manifest.json that is a symbolic link: exit 2, the link and its target kept', () => {
    const dir = join(tmp, 'linked');
    mkdirSync(dir);
    const target = join(tmp, 'target.json');
    writeFileSync(target, '{"format": 1, "capturedAt": "x", "files": {}}');
    symlinkSync(target, join(dir, 'manifest.json'));
    const r = capture(['-o', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/manifest\.json is a symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('{"format": 1, "capturedAt": "x", "files": {}}');
  });

  it("its own earlier capture (and the app's) is replaced", () => {
    const dir = join(tmp, 'again');
    expect(capture(['-o', dir]).status).toBe(0);
    expect(capture(['-o', dir]).status).toBe(0);
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ ...manifestOf(dir), writer: 'rig-advisor' }, null, 2),
    );
    expect(capture(['-o', dir]).status).toBe(0);
    expect(manifestOf(dir).writer).toBe('capture.sh');
  });

  it('a non-empty folder that is not a capture: exit 2, nothing touched', () => {
    const dir = join(tmp, 'docs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'thesis.txt'), 'precious');
    const r = capture(['-o', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not a capture directory/);
    expect(readFileSync(join(dir, 'thesis.txt'), 'utf8')).toBe('precious');
  });

  it('an unknown argument: exit 2 with a hint', () => {
    const r = capture(['--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown argument: --bogus/);
  });
});
