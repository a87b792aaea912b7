/** The human-readable summary `scan` prints: GPUs with memory and link, topology, slots, CPU/RAM, unknowns. */
import { linkLookup, type GpuLink, type GpuProfile, type HardwareProfile } from './profile';

const gib = (mib: number | null): string =>
  mib === null ? 'unknown' : `${(mib / 1024).toFixed(mib % 1024 === 0 ? 0 : 1)} GiB`;
const orUnknown = (value: string | number | null | undefined, unit = ''): string =>
  value === null || value === undefined ? 'unknown' : `${value}${unit}`;

export function formatLink(gpu: GpuProfile): string {
  const { genCurrent, genMax, widthCurrent, widthMax } = gpu.pcie;
  if (genMax === null && genCurrent === null && widthMax === null) return 'link unknown';
  const max = `Gen${orUnknown(genMax)} x${orUnknown(widthMax)}`;
  const now = `Gen${orUnknown(genCurrent)} x${orUnknown(widthCurrent)}`;
  return now === max ? max : `${max} max, ${now} now`;
}

function gpuLine(g: GpuProfile): string {
  const power =
    g.powerLimitW === null ? '' : `, ${g.powerLimitW} W limit${g.powerMaxW ? ` (max ${g.powerMaxW} W)` : ''}`;
  const where = [
    g.pciBusId,
    g.attachment !== 'unknown' ? `${g.attachment}-attached` : null,
    g.numaNode !== null ? `NUMA ${g.numaNode}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `  [${g.index}] ${g.name} — ${gib(g.vramMiB)}, ${formatLink(g)}${power}${where ? ` — ${where}` : ''}`;
}

function matrix(gpus: readonly GpuProfile[], links: readonly GpuLink[]): string[] {
  if (gpus.length < 2) return [];
  const linkOf = linkLookup(links);
  const code = (a: number, b: number): string => {
    if (a === b) return 'X';
    const link = linkOf(a, b);
    const p2p = link?.p2p ? `/${link.p2p}` : '';
    return `${link?.kind === 'UNKNOWN' || !link ? '?' : link.kind}${p2p}`;
  };
  const header = ['      ', ...gpus.map((g) => `GPU${g.index}`.padEnd(9))].join('');
  const rows = gpus.map((a) =>
    [`  GPU${a.index}`.padEnd(6), ...gpus.map((b) => code(a.index, b.index).padEnd(9))].join(''),
  );
  return ['Topology (topo -m kind / P2P read):', header, ...rows];
}

export function formatProfileText(profile: HardwareProfile): string {
  const lines: string[] = [];
  lines.push(`GPUs (${profile.gpus.length}):`, ...profile.gpus.map(gpuLine));
  lines.push(...matrix(profile.gpus, profile.gpuLinks));
  const board =
    [profile.baseboard.manufacturer, profile.baseboard.model].filter(Boolean).join(' ') || 'unknown';
  lines.push(`Board: ${board}`);
  lines.push(
    `CPU: ${orUnknown(profile.cpu.model)} (${orUnknown(profile.cpu.cores)} cores, ${orUnknown(profile.cpu.threads)} threads)`,
  );
  const dimms = profile.memory.dimms;
  const dimmText = dimms.length
    ? `, ${dimms.length} DIMMs (${[...new Set(dimms.map((d) => `${d.type ?? '?'}-${d.speedMTs ?? '?'}`))].join(', ')})`
    : '';
  lines.push(`RAM: ${gib(profile.memory.totalMiB)}${dimmText}`);
  if (profile.slots.length) {
    lines.push('Slots:');
    for (const s of profile.slots) {
      const use = s.inUse === null ? 'usage unknown' : s.inUse ? 'in use' : 'free';
      lines.push(
        `  ${s.designation}: Gen${orUnknown(s.pcieGen)} x${orUnknown(s.widthElectrical)} electrical / x${orUnknown(s.widthPhysical)} physical, ${use}`,
      );
    }
  }
  if (profile.notes.length) lines.push('Notes:', ...profile.notes.map((n) => `  - ${n}`));
  if (profile.unknowns.length)
    lines.push('Unknown:', ...profile.unknowns.map((u) => `  - ${u.field}: ${u.reason}. Fix: ${u.hint}`));
  if (profile.captureIssues.length)
    lines.push('Capture problems:', ...profile.captureIssues.map((i) => `  - ${i.file}: ${i.message}`));
  return lines.join('\n');
}
