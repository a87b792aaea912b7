/**
 * Redaction for support bundles: GPU UUIDs, serial numbers, machine IDs, host and user names are
 * replaced with stable placeholders. The same value maps to the same placeholder in every file, so a
 * redacted capture still joins a GPU's UUID across nvidia-smi outputs. GPU UUIDs stay UUID-shaped
 * (`GPU-00000000-0000-0000-0000-000000000001`) for the parsers; other values become
 * `REDACTED-SERIAL-1` and the like. Values that identify nothing (`N/A`, `Not Specified`, zeros)
 * are left as they are so the parsers still see "unknown".
 */
import type { CaptureFileName } from './capture-format';

export type CaptureFiles = Readonly<Partial<Record<CaptureFileName, string>>>;

export interface RedactionResult {
  readonly files: Partial<Record<CaptureFileName, string>>;
  /** How many values were replaced, over all files. */
  readonly replacements: number;
}

type Kind = 'SERIAL' | 'ID' | 'HOST' | 'USER';

const HEX = '[0-9a-fA-F]';
const GPU_UUID = new RegExp(`\\b(GPU|MIG)-(${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12})\\b`, 'g');
const GPU_UUID_EXACT = new RegExp(`^(?:MIG-)?GPU-${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}$`);

/** Placeholder text that tools print instead of a real value. */
const NOT_A_VALUE =
  /^(?:|n\/a|\[n\/a\]|none|unknown|not specified|not present|not available|not supported|not applicable|to be filled by o\.e\.m\.|default string|system serial number|chassis serial number|serial number|\[insufficient permissions\]|[0\s.:_-]*|0x0*)$/i;

/** JSON / key-value keys whose value identifies the machine, and what kind of placeholder they get. */
function kindOfKey(key: string): Kind | null {
  if (/serial|asset ?tag/i.test(key)) return 'SERIAL';
  if (/uuid|udid|unique ?id|guid/i.test(key)) return 'ID';
  if (/hostname|fqdn|^domain$|^workgroup$/i.test(key)) return 'HOST';
  if (/^(?:username|primaryownername)$/i.test(key)) return 'USER';
  return null;
}

class Placeholders {
  private readonly seen = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  replacements = 0;

  private next(kind: string): number {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return n;
  }

  /** UUID-shaped, so parsers that validate UUIDs still accept it. */
  gpuUuid(prefix: string, body: string): string {
    if (/^[0-]+$/.test(body)) return `${prefix}-${body}`;
    const key = `GPU:${body.toLowerCase()}`;
    let uuid = this.seen.get(key);
    if (uuid === undefined) {
      uuid = `00000000-0000-0000-0000-${this.next('GPU').toString(16).padStart(12, '0')}`;
      this.seen.set(key, uuid);
    }
    this.replacements += 1;
    return `${prefix}-${uuid}`;
  }

  /** Returns the value unchanged when it identifies nothing or is a GPU UUID (handled by `gpuUuid`). */
  value(kind: Kind, original: string): string {
    const trimmed = original.trim();
    if (NOT_A_VALUE.test(trimmed) || GPU_UUID_EXACT.test(trimmed) || /^REDACTED-/.test(trimmed))
      return original;
    const key = `${kind}:${trimmed}`;
    let placeholder = this.seen.get(key);
    if (placeholder === undefined) {
      placeholder = `REDACTED-${kind}-${this.next(kind)}`;
      this.seen.set(key, placeholder);
    }
    this.replacements += 1;
    return placeholder;
  }
}

function redactGpuUuids(text: string, p: Placeholders): string {
  return text.replace(GPU_UUID, (_m, prefix: string, body: string) => p.gpuUuid(prefix, body));
}

/** `"key": "value"` and `"key": 123` pairs, without re-serialising (keeps the tool's formatting). */
function redactJson(text: string, p: Placeholders): string {
  return text.replace(
    /("((?:[^"\\]|\\.)*)"\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/g,
    (whole, lead: string, key: string, raw: string) => {
      const kind = kindOfKey(key);
      if (!kind) return whole;
      const value = raw.startsWith('"') ? raw.slice(1, -1) : raw;
      const replaced = p.value(kind, value);
      return replaced === value ? whole : `${lead}${JSON.stringify(replaced)}`;
    },
  );
}

/** nvidia-smi XML: `<serial>`, `<chassis_serial_number>`, `<cluster_uuid>`, … */
function redactXml(text: string, p: Placeholders): string {
  return text.replace(
    /<([A-Za-z_]*(?:serial|uuid|guid)[A-Za-z_]*)>([^<]*)<\/\1>/gi,
    (whole, tag: string, value: string) => {
      const kind = kindOfKey(tag) ?? 'ID';
      return `<${tag}>${p.value(kind, value)}</${tag}>`;
    },
  );
}

/** nvidia-smi CSV: whole columns whose header names a serial, UUID or host name. */
function redactCsv(text: string, p: Placeholders): string {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const columns = header.map((h) => kindOfKey(h.replace(/\s*\[.*\]$/, '')));
  if (columns.every((k) => k === null)) return text;
  return [
    lines[0] as string,
    ...lines.slice(1).map((line) => {
      const cells = line.split(',');
      if (cells.length !== header.length) return line;
      return cells.map((cell, i) => redactCell(cell, columns[i] ?? null, p)).join(',');
    }),
  ].join('\n');
}

function redactCell(cell: string, kind: Kind | null, p: Placeholders): string {
  if (!kind) return cell;
  const lead = /^\s*/.exec(cell)?.[0] ?? '';
  const trail = /\s*$/.exec(cell)?.[0] ?? '';
  const value = cell.trim();
  return `${lead}${p.value(kind, value)}${value.length > 0 ? trail : ''}`;
}

/**
 * `Key: value` text (dmidecode, lspci VPD `[SN] Serial number:`, nvidia-smi -q, PowerShell Format-List).
 * Only keys before the line's first colon count, so `Capabilities: … Serial Number …` is not a key.
 */
function redactKeyValueText(text: string, p: Placeholders, extraKeys: RegExp | null): string {
  const line = /^([ \t]*(?:\[[A-Z0-9]{2}\][ \t]*)?)([^:\n]*?)([ \t]*:[ \t]*)([^\n]*?)([ \t\r]*)$/gm;
  const out = text.replace(
    line,
    (whole, indent: string, key: string, sep: string, value: string, trail: string) => {
      const kind = kindOfKey(key.trim()) ?? (extraKeys?.test(key.trim()) ? 'HOST' : null);
      if (!kind || value.length === 0) return whole;
      return `${indent}${key}${sep}${p.value(kind, value)}${trail}`;
    },
  );
  // lspci's PCIe Device Serial Number capability: `Device Serial Number 00-11-22-ff-ff-33-44-55`.
  return out.replace(
    /(Device Serial Number )([0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){7})/g,
    (_m, lead: string, dsn: string) => `${lead}${p.value('SERIAL', dsn)}`,
  );
}

/** Extra keys per file that identify the machine only there (`Name` is the host in Win32_ComputerSystem, a GPU elsewhere). */
const EXTRA_TEXT_KEYS: Partial<Record<CaptureFileName, RegExp>> = {
  'win-computersystem.txt': /^(?:Name|DNSHostName)$/,
};

function redactOne(name: CaptureFileName, text: string, p: Placeholders): string {
  const withUuids = redactGpuUuids(text, p);
  if (name.endsWith('.json')) return redactJson(withUuids, p);
  if (name.endsWith('.xml')) return redactXml(withUuids, p);
  if (name.endsWith('.csv')) return redactCsv(withUuids, p);
  return redactKeyValueText(withUuids, p, EXTRA_TEXT_KEYS[name] ?? null);
}

/** Pure: returns new texts; the input is not modified. */
export function redactCaptureFiles(files: CaptureFiles): RedactionResult {
  const p = new Placeholders();
  const out: Partial<Record<CaptureFileName, string>> = {};
  // Sorted so placeholder numbers do not depend on the order the collectors finished in.
  for (const name of (Object.keys(files) as CaptureFileName[]).sort()) {
    const text = files[name];
    if (text !== undefined) out[name] = redactOne(name, text, p);
  }
  return { files: out, replacements: p.replacements };
}
