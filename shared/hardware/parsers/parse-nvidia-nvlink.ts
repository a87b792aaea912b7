/**
 * `nvidia-smi nvlink -s`: per GPU a `GPU 0: <name> (UUID: …)` line, then either `Link N: 26.562 GB/s`
 * / `Link N: <inactive>` lines or one message saying why there are none (no NVLink, all links
 * inactive, MIG mode). Older drivers print whole numbers (`25 GB/s`). A `......` line (output cut by
 * whoever pasted it) marks the GPU above it `truncated`, so its listed links are not taken as all.
 */
import type { NvlinkRecord, ParseIssue, ParseResult } from '../records';
import { splitLines, stripAnsi } from './nvidia-values';

/** What `nvidia-smi nvlink -s` said about one GPU. */
export type NvlinkState =
  | 'links_reported'
  | 'not_supported'
  | 'all_links_inactive'
  | 'unsupported_in_mig_mode'
  | 'truncated'
  | 'unknown';

type NvlinkGpu = NvlinkRecord['gpus'][number];
type NvlinkLink = NvlinkGpu['links'][number];

interface GpuDraft {
  index: number;
  name: string | null;
  uuid: string | null;
  state: NvlinkState | null;
  links: NvlinkLink[];
}

const GPU_LINE = /^GPU\s+(\d+):\s*(.*?)\s*(?:\(UUID:\s*([^)]*?)\s*\))?\s*$/;
const LINK_LINE = /^Link\s+(\d+):\s*(.*)$/;

/** Messages nvidia-smi prints instead of link lines, by the state they mean. */
const MESSAGES: readonly { readonly pattern: RegExp; readonly state: NvlinkState }[] = [
  { pattern: /not supported for devices in MIG mode/i, state: 'unsupported_in_mig_mode' },
  { pattern: /does not have or support nvlink/i, state: 'not_supported' },
  { pattern: /all links are inactive/i, state: 'all_links_inactive' },
];

/** Parse `nvidia-smi nvlink -s`. Total: never throws; text without a GPU line gives an error issue. */
export function parseNvidiaNvlink(text: string): ParseResult<NvlinkRecord> {
  const issues: ParseIssue[] = [];
  const drafts: GpuDraft[] = [];
  splitLines(text).forEach((raw, i) => {
    const line = stripAnsi(raw).trim();
    if (line !== '') readLine(line, i + 1, drafts, issues);
  });
  if (drafts.length === 0) {
    const first = splitLines(text)
      .find((l) => l.trim() !== '')
      ?.trim()
      .slice(0, 200);
    const message = first
      ? `no "GPU n:" line in nvlink output: "${first}"`
      : 'empty nvidia-smi nvlink -s output';
    return { value: { gpus: [] }, issues: [{ severity: 'error', message }] };
  }
  return { value: { gpus: drafts.map(finish) }, issues };
}

function readLine(line: string, lineNo: number, drafts: GpuDraft[], issues: ParseIssue[]): void {
  const gpu = GPU_LINE.exec(line);
  if (gpu) {
    drafts.push({
      index: Number(gpu[1]),
      name: gpu[2] || null,
      uuid: gpu[3] || null,
      state: null,
      links: [],
    });
    return;
  }
  const current = drafts.at(-1);
  const link = LINK_LINE.exec(line);
  if (current && link) {
    current.links.push(parseLink(Number(link[1]), link[2] ?? '', lineNo, issues));
    return;
  }
  const message = MESSAGES.find((m) => m.pattern.test(line));
  if (current && message) {
    current.state = message.state;
  } else if (current && /^\.{2,}$|^…+$/.test(line)) {
    current.state = 'truncated';
    issues.push({ severity: 'warning', message: `output cut off after GPU ${current.index}`, line: lineNo });
  } else {
    issues.push({ severity: 'warning', message: `unrecognised line: "${line.slice(0, 80)}"`, line: lineNo });
  }
}

/** `26.562 GB/s` → active at 26.562 GB/s; `<inactive>` → inactive, no speed. */
function parseLink(link: number, value: string, lineNo: number, issues: ParseIssue[]): NvlinkLink {
  const speed = /^([\d.]+)\s*GB\/s/i.exec(value);
  if (speed) return { link, speedGBs: Number.parseFloat(speed[1] ?? ''), active: true };
  if (!/inactive/i.test(value))
    issues.push({ severity: 'warning', message: `link ${link}: unknown state "${value}"`, line: lineNo });
  return { link, speedGBs: null, active: false };
}

function finish(d: GpuDraft): NvlinkGpu {
  const state: NvlinkState = d.state ?? (d.links.length > 0 ? 'links_reported' : 'unknown');
  return { index: d.index, name: d.name, uuid: d.uuid, state, links: d.links };
}

/**
 * Active NVLink count of one GPU: the active links when they were all listed, 0 when the GPU has
 * no NVLink or every link is down, null when unknown (MIG mode, output cut off, no message).
 */
export function nvlinkActiveLinkCount(gpu: NvlinkGpu): number | null {
  if (gpu.state === 'links_reported') return gpu.links.filter((l) => l.active).length;
  return gpu.state === 'not_supported' || gpu.state === 'all_links_inactive' ? 0 : null;
}
