// Assembles capture-directory fixtures (format 1) from the real captures in fixtures/captures/.
// Only outputs from the SAME machine are combined; each file is copied byte for byte (lspci.txt may be
// several `lspci -vvv -s` outputs of that machine, concatenated in order). Run: node scripts/make-capture-fixtures.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SRC = 'fixtures/captures';
const OUT = 'fixtures/capture-dirs';

/** name → { platform, capturedAt, note, files: { captureFileName: [source paths] } } */
const FIXTURES = {
  'dual-rtx-a5000': {
    platform: 'linux',
    capturedAt: '2025-12-30T09:46:54Z',
    note: 'Two RTX A5000 (telegraf testdata, schema v13).',
    files: { 'nvidia-smi-q.xml': ['nvidia-smi-xml/telegraf-dual-rtx-a5000-v13.txt'] },
  },
  'dual-rtx-2070': {
    platform: 'linux',
    capturedAt: '2025-12-30T09:49:47Z',
    note: 'Two RTX 2070, idle links trained down to Gen1 x8 (telegraf testdata, schema v13).',
    files: { 'nvidia-smi-q.xml': ['nvidia-smi-xml/telegraf-dual-rtx-2070-v13.txt'] },
  },
  'h100-sxm-vm': {
    platform: 'linux',
    capturedAt: '2026-07-14T08:12:38Z',
    note: 'One H100 SXM in a VM: query CSV, topo -m with ANSI codes, 18 NVLinks (nvidia_gpu_exporter capture).',
    files: {
      'nvidia-smi-query.csv': ['nvidia-smi-csv/nge-h100-80gb-hbm3-590-wide.txt'],
      'nvidia-smi-topo.txt': ['topo/nge-h100-single-gpu-ansi.txt'],
      'nvidia-smi-nvlink.txt': ['nvlink/nge-h100-sxm-vm-18links.txt'],
    },
  },
  l40s: {
    platform: 'linux',
    capturedAt: '2026-07-03T08:33:38Z',
    note: 'One L40S, no NVLink (nvidia_gpu_exporter capture).',
    files: {
      'nvidia-smi-query.csv': ['nvidia-smi-csv/nge-l40s-595-wide.txt'],
      'nvidia-smi-nvlink.txt': ['nvlink/nge-l40s-no-nvlink.txt'],
    },
  },
  'windows-rtx-2080-super': {
    platform: 'win32',
    capturedAt: '2026-06-24T08:17:40Z',
    note: 'Windows, one RTX 2080 SUPER, Gen3 card in a Gen4 host (nvidia_gpu_exporter capture, driver 610.62).',
    files: {
      'nvidia-smi-query.csv': ['win/nge-windows-rtx-2080-super-610-csv.txt'],
      'nvidia-smi-topo.txt': ['win/nge-windows-rtx-2080-super-610-topo.txt'],
    },
  },
  'mi100-x4': {
    platform: 'linux',
    capturedAt: 'unknown',
    note: 'Four AMD Instinct MI100 (telegraf rocm-smi --json testdata).',
    files: { 'rocm-smi.json': ['rocm/telegraf-mi100-x4-rocm602.txt'] },
  },
  'amd-8gpu-toponuma': {
    platform: 'linux',
    capturedAt: '2025-05-14T00:00:00Z',
    note: 'Eight AMD GPUs seen only by rocm-smi --showtoponuma (text): no names, no memory (ROCm issue 4740).',
    files: { 'rocm-smi.txt': ['rocm/rocm-4740-showtoponuma-8gpu.txt'] },
  },
  'puget-wrx90-2x-rtx6000ada': {
    platform: 'linux',
    capturedAt: '2025-05-27T00:00:00Z',
    note: 'Puget Threadripper PRO WRX90, two RTX 6000 Ada: topo -m and lspci -vvv of both GPUs (stelline docs). No nvidia-smi query: VRAM unknown.',
    files: {
      'nvidia-smi-topo.txt': ['topo/stelline-puget-wrx90-2x-rtx6000ada.txt'],
      'lspci.txt': [
        'lspci/stelline-puget-wrx90-gpu-c1-00-0-vvv.txt',
        'lspci/stelline-puget-wrx90-gpu-c2-00-0-vvv.txt',
      ],
    },
  },
  'club3090-2x-rtx3090-h12ssl': {
    platform: 'linux',
    capturedAt: 'unknown',
    note: 'Two RTX 3090 on a Supermicro H12SSL: topo -m and topo -p2p r (club-3090 issue #1125, capture date unknown).',
    files: {
      'nvidia-smi-topo.txt': ['topo/club3090-1125-2x-rtx3090-h12ssl-node-rendered.txt'],
      'nvidia-smi-p2p.txt': ['p2p/club3090-1125-2x-rtx3090-p2p-ns-rendered.txt'],
    },
  },
  'rtx-pro-6000-maxq': {
    platform: 'linux',
    capturedAt: '2025-12-30T09:49:57Z',
    note: 'One RTX PRO 6000 Blackwell Max-Q (telegraf testdata, schema v13; the largest nvidia-smi XML here).',
    files: { 'nvidia-smi-q.xml': ['nvidia-smi-xml/telegraf-rtx-pro-6000-maxq-v13.txt'] },
  },
  'rtx-4090-gen3-host': {
    platform: 'linux',
    capturedAt: '2023-08-07T11:10:06Z',
    note: 'One RTX 4090 (Gen4 card) in a Gen3 host (netdata testdata, driver 535).',
    files: { 'nvidia-smi-q.xml': ['nvidia-smi-xml/netdata-rtx-4090-535-gen3-host.txt'] },
  },
  'a100-sxm4-80gb-mig': {
    platform: 'linux',
    capturedAt: '2023-08-04T11:44:30Z',
    note: 'A100 SXM4 80GB with MIG enabled (telegraf testdata, schema v12).',
    files: { 'nvidia-smi-q.xml': ['nvidia-smi-xml/telegraf-a100-sxm4-80gb-mig-v12.txt'] },
  },
  'esc8000a-e12-4x-rtx6000ada': {
    platform: 'linux',
    capturedAt: '2025-07-22T00:00:00Z',
    note: 'ASUS ESC8000A-E12, four RTX 6000 Ada and a ConnectX-7: topo -m and lspci -vvv of two GPUs and the NIC (stelline docs).',
    files: {
      'nvidia-smi-topo.txt': ['topo/stelline-asus-esc8000a-e12-4x-rtx6000ada.txt'],
      'lspci.txt': [
        'lspci/stelline-asus-esc8000a-e12-gpu-01-00-0-vvv.txt',
        'lspci/stelline-asus-esc8000a-e12-gpu-c1-00-0-vvv.txt',
        'lspci/stelline-asus-esc8000a-e12-connectx7-21-00-0-vvv.txt',
      ],
    },
  },
  'wrx80e-sage-dmidecode': {
    platform: 'linux',
    capturedAt: 'unknown',
    note: 'ASUS Pro WS WRX80E-SAGE SE WIFI firmware tables only (linuxhw/DMI): slots, DIMMs, baseboard; no GPU tools.',
    isRoot: true,
    files: { 'dmidecode.txt': ['dmidecode/asus-pro-ws-wrx80e-sage-se-wifi.txt'] },
  },
};

// Expected profiles (expected-profile.json) are reviewed by hand, so existing folders are updated in place.
for (const [name, fx] of Object.entries(FIXTURES)) {
  const dir = join(OUT, name);
  mkdirSync(dir, { recursive: true });
  const files = {};
  for (const [fileName, sources] of Object.entries(fx.files)) {
    writeFileSync(
      join(dir, fileName),
      sources.map((s) => readFileSync(join(SRC, s))).reduce((a, b) => Buffer.concat([a, b])),
    );
    files[fileName] = {
      command: `fixture: ${sources.join(' + ')}`,
      exitCode: 0,
      durationMs: 0,
      errorKind: null,
      written: true,
    };
  }
  const manifest = {
    format: 1,
    version: 'fixture',
    platform: fx.platform,
    capturedAt: fx.capturedAt,
    isRoot: fx.isRoot ?? null,
    writer: `scripts/make-capture-fixtures.mjs — ${fx.note} Sources: fixtures/captures/SOURCES.md`,
    files,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}
console.log(`wrote ${Object.keys(FIXTURES).length} capture directories to ${OUT}`);
