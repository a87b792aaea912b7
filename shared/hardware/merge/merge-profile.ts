/**
 * Capture bundle → `HardwareProfile`. Parse every file (parse-bundle), build the GPU list
 * (merge-gpus), join links and topology, then board / CPU / memory / slots (merge-system),
 * and finally say what is unknown and why (unknowns). Pure: the CLI, the app and the renderer share it.
 */
import type { CaptureBundle } from '../capture-format';
import type { GpuProfile, HardwareProfile, ValueSource } from '../profile';
import { parseBundle, type ParsedCapture } from './parse-bundle';
import { blank, collectGpus, enrichFromPci, type GpuDraft } from './merge-gpus';
import { mergeLinks, mergeNvlinkStatus, numaFromTopology } from './merge-topology';
import { mergeBoard, mergeCpu, mergeMemory, mergeOs, mergeSlots } from './merge-system';
import { gpuUnknowns, systemUnknowns } from './unknowns';
import { capMessage, MAX_GPUS } from '../parsers/gpu-cap';

function platformOf(bundle: CaptureBundle, parsed: ParsedCapture): HardwareProfile['platform'] {
  if (bundle.manifest) return bundle.manifest.platform;
  if (parsed.win.gpus.length > 0 || parsed.win.computerSystem) return 'win32';
  if (parsed.mac.hardware || parsed.mac.gpus.length > 0) return 'darwin';
  if (parsed.cpuinfo || parsed.meminfo || parsed.lspci.length > 0 || parsed.dmidecode || parsed.sysfs)
    return 'linux';
  const driverModel = [parsed.nvidiaCsv, parsed.nvidiaXml]
    .flatMap((r) => r?.gpus ?? [])
    .find((g) => g.driverModel)?.driverModel;
  if (driverModel && /WDDM|TCC/i.test(driverModel)) return 'win32';
  return 'unknown';
}

/**
 * Placeholders for GPUs that only the topology matrix shows (no nvidia-smi query in the capture).
 * GPUs known only from lspci keep their topology index only when lspci lists all of them: the
 * matrix numbers GPUs by bus order, so with some missing nobody can say which row a card is.
 */
function gpusFromTopologyOnly(parsed: ParsedCapture, gpus: GpuDraft[], notes: string[]): GpuDraft[] {
  const count = parsed.topology?.gpus.length ?? 0;
  if (gpus.length >= count) return gpus;
  const fromLspci = gpus.length > 0 && gpus.every((g) => g.sources.name === 'lspci.txt');
  if (fromLspci) {
    notes.push(
      `lspci.txt shows ${gpus.length} of the ${count} GPUs in the topology (${gpus.map((g) => `${g.pciBusId} ${g.name}`).join(', ')}); without nvidia-smi it cannot tell which topology row each is, so their details are not attached to a row.`,
    );
    gpus = [];
  }
  const known = new Set(gpus.map((g) => g.index));
  const extra: GpuDraft[] = [];
  for (let i = 0; i < count; i += 1) {
    if (known.has(i)) continue;
    extra.push({
      ...blank(i, `GPU${i} (model unknown)`, 'nvidia'),
      sources: { name: 'nvidia-smi-topo.txt' },
    });
  }
  return [...gpus, ...extra].sort((a, b) => a.index - b.index);
}

function linkNotes(gpus: readonly GpuProfile[]): string[] {
  const notes: string[] = [];
  for (const g of gpus) {
    const { genCurrent, genMax, widthCurrent, widthMax } = g.pcie;
    if (genCurrent !== null && genMax !== null && genCurrent < genMax) {
      notes.push(
        `GPU ${g.index} (${g.name}) links at Gen${genCurrent} now but supports Gen${genMax}: idle GPUs train their link down to save power, so judge the slot by the maximum, or read it again under load.`,
      );
    }
    if (widthCurrent !== null && widthMax !== null && widthCurrent < widthMax) {
      notes.push(
        `GPU ${g.index} (${g.name}) runs x${widthCurrent} of its x${widthMax} lanes: unlike the generation, the width rarely drops at idle — the slot is likely wired x${widthCurrent}, or shares lanes with another slot or an M.2 drive.`,
      );
    }
    if (g.migMode === 'Enabled')
      notes.push(
        `GPU ${g.index} (${g.name}) has MIG enabled: it is split into instances, and LLM runtimes see only one instance's memory.`,
      );
  }
  return notes;
}

export function mergeProfile(bundle: CaptureBundle): HardwareProfile {
  const parsed = parseBundle(bundle);
  const platform = platformOf(bundle, parsed);
  const mergeNotes: string[] = [];
  const found = gpusFromTopologyOnly(parsed, collectGpus(parsed), mergeNotes);
  // Each parser keeps 256, but sources naming different GPUs add up; links cost every pair of them.
  if (found.length > MAX_GPUS) mergeNotes.push(capMessage('the capture', found.length));
  const drafts = found.slice(0, MAX_GPUS);
  enrichFromPci(drafts, parsed);
  const topoNuma = numaFromTopology(parsed);
  for (const gpu of drafts) {
    if (gpu.numaNode === null && topoNuma.has(gpu.index)) gpu.numaNode = topoNuma.get(gpu.index) ?? null;
  }
  const gpus: GpuProfile[] = drafts;
  const sources: Record<string, ValueSource> = {};
  const partial: Omit<HardwareProfile, 'unknowns'> = {
    formatVersion: 1,
    platform,
    capturedAt: bundle.manifest?.capturedAt ?? null,
    isRoot: bundle.manifest?.isRoot ?? null,
    gpus,
    gpuLinks: mergeLinks(
      gpus.map((g) => g.index),
      parsed,
    ),
    nvlink: mergeNvlinkStatus(parsed),
    ...mergeBoard(parsed, sources),
    slots: mergeSlots(parsed, sources),
    cpu: mergeCpu(parsed, sources),
    memory: mergeMemory(parsed, sources),
    os: mergeOs(parsed, sources),
    sources,
    notes: [...linkNotes(gpus), ...mergeNotes, ...parsed.warnings.map((w) => `${w.file}: ${w.message}`)],
    captureIssues: parsed.issues,
  };
  return {
    ...partial,
    unknowns: [...gpuUnknowns(partial, bundle, parsed), ...systemUnknowns(partial, bundle, parsed, platform)],
  };
}
