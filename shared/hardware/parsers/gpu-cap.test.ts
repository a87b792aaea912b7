// Generated captures with thousands of GPUs: every GPU parser keeps the first 256 (the most one
// profile holds) and says so, so nothing downstream builds millions of GPU-pair links.
import { describe, expect, it } from 'vitest';
import { mergeProfile } from '../merge/merge-profile';
import { hardwareProfileSchema } from '../profile-schema';
import { MAX_GPUS } from './gpu-cap';
import { parseAmdSmiJson } from './parse-amd-smi';
import { parseNvidiaP2p } from './parse-nvidia-p2p';
import { parseNvidiaSmiQText } from './parse-nvidia-smi-q-text';
import { parseNvidiaSmiQuery } from './parse-nvidia-smi-query';
import { parseNvidiaSmiXml } from './parse-nvidia-smi-xml';
import { parseNvidiaTopo } from './parse-nvidia-topo';
import { parseRocmSmiJson } from './parse-rocm-smi';

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
/** A distinct, well-formed bus id per GPU: 256 buses per PCI domain. */
const busId = (i: number): string => `0000${hex(Math.floor(i / 256), 4)}:${hex(i % 256, 2)}:00.0`;
const uuid = (i: number): string => `GPU-${hex(i, 8)}-0000-0000-0000-000000000000`;
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function nvidiaXml(n: number): string {
  const gpu = (i: number) =>
    `<gpu id="${busId(i)}"><product_name>NVIDIA A100</product_name><uuid>${uuid(i)}</uuid><minor_number>${i}</minor_number></gpu>`;
  return `<?xml version="1.0" ?>\n<nvidia_smi_log><driver_version>550.54</driver_version><attached_gpus>${n}</attached_gpus>\n${range(n).map(gpu).join('\n')}\n</nvidia_smi_log>\n`;
}

function matrix(n: number, cell: string): string {
  const names = range(n).map((i) => `GPU${i}`);
  const rows = names.map((name, i) => [name, ...names.map((_, j) => (i === j ? 'X' : cell))].join('\t'));
  return [`\t${names.join('\t')}`, ...rows, '', 'Legend:', ''].join('\n');
}

const capIssue = (count: number) =>
  expect.objectContaining({
    severity: 'error',
    message: expect.stringMatching(new RegExp(`${count} GPUs; GPUs beyond 256 were left out`)),
  });

describe('a capture listing more GPUs than one profile holds', () => {
  it("the cap is the profile schema's: 256 GPUs validate, one more does not", () => {
    const { gpus } = mergeProfile({
      manifest: null,
      files: { 'nvidia-smi-q.xml': nvidiaXml(300) },
      readIssues: [],
    });
    expect(gpus).toHaveLength(MAX_GPUS);
    expect(hardwareProfileSchema.shape.gpus.safeParse(gpus).success).toBe(true);
    expect(hardwareProfileSchema.shape.gpus.safeParse([...gpus, gpus[0]]).success).toBe(false);
  });

  it('5000-GPU nvidia-smi -q -x: the first 256 kept, with an issue saying the rest were left out', () => {
    const { value, issues } = parseNvidiaSmiXml(nvidiaXml(5000));
    expect(value.gpus).toHaveLength(256);
    expect(value.gpus.at(-1)?.uuid).toBe(uuid(255));
    expect(issues).toContainEqual(capIssue(5000));
  });

  it('the same 5000-GPU file merges into a 256-GPU profile, links for those only', () => {
    const xml = nvidiaXml(5000);
    const profile = mergeProfile({ manifest: null, files: { 'nvidia-smi-q.xml': xml }, readIssues: [] });
    expect(profile.gpus).toHaveLength(256);
    expect(profile.gpuLinks).toHaveLength((256 * 255) / 2);
    expect(profile.captureIssues.map((i) => i.message)).toContainEqual(
      expect.stringMatching(/GPUs beyond 256 were left out/),
    );
  });

  it('two sources naming different GPUs still give at most 256', () => {
    const csv = ['index, uuid, name', ...range(300).map((i) => `${i}, ${uuid(i + 1000)}, NVIDIA A100`)].join(
      '\n',
    );
    const profile = mergeProfile({
      manifest: null,
      files: { 'nvidia-smi-q.xml': nvidiaXml(300), 'nvidia-smi-query.csv': csv },
      readIssues: [],
    });
    expect(profile.gpus).toHaveLength(256);
    expect(profile.notes).toContainEqual(expect.stringMatching(/GPUs beyond 256 were left out/));
  });

  it('CSV query and -q text', () => {
    const csv = ['index, uuid, pci.bus_id', ...range(5000).map((i) => `${i}, ${uuid(i)}, ${busId(i)}`)].join(
      '\n',
    );
    const fromCsv = parseNvidiaSmiQuery(csv);
    expect(fromCsv.value.gpus).toHaveLength(256);
    expect(fromCsv.issues).toContainEqual(capIssue(5000));
    const text = range(300)
      .map(
        (i) =>
          `GPU ${busId(i)}\n    Product Name                          : NVIDIA A100\n    GPU UUID                              : ${uuid(i)}\n`,
      )
      .join('\n');
    const fromText = parseNvidiaSmiQText(`Driver Version                            : 550.54\n${text}`);
    expect(fromText.value.gpus).toHaveLength(256);
    expect(fromText.issues).toContainEqual(capIssue(300));
  });

  it('topo -m and -p2p matrices: pairs among the first 256 only', () => {
    const topo = parseNvidiaTopo(matrix(300, 'SYS'));
    expect(topo.value.gpus).toHaveLength(256);
    expect(topo.value.gpuPairs).toHaveLength((256 * 255) / 2);
    expect(topo.issues).toContainEqual(capIssue(300));
    const p2p = parseNvidiaP2p(matrix(300, 'OK'));
    expect(p2p.value.gpus).toHaveLength(256);
    expect(p2p.value.pairs).toHaveLength(256 * 255);
    expect(p2p.issues.filter((i) => i.severity === 'warning')).toEqual([]);
    expect(p2p.issues).toContainEqual(capIssue(300));
  });

  it('rocm-smi and amd-smi JSON', () => {
    const cards = Object.fromEntries(range(300).map((i) => [`card${i}`, { 'Card series': 'MI300X' }]));
    const rocm = parseRocmSmiJson(JSON.stringify(cards));
    expect(rocm.value.gpus).toHaveLength(256);
    expect(rocm.issues).toContainEqual(capIssue(300));
    const amd = parseAmdSmiJson(JSON.stringify(range(300).map((i) => ({ gpu: i }))));
    expect(amd.value.gpus).toHaveLength(256);
    expect(amd.issues).toContainEqual(capIssue(300));
  });
});
