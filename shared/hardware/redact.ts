/**
 * Redaction for support bundles: GPU UUIDs, serial numbers, machine and host IDs, MAC addresses, host
 * names and user names (also inside home-folder paths) are replaced with stable placeholders. The same value maps to the same placeholder in every file, so a
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

type Kind = 'SERIAL' | 'ID' | 'HOST' | 'USER' | 'MAC';

const HEX = '[0-9a-fA-F]';
const GPU_UUID = new RegExp(`\\b(GPU|MIG)-(${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12})\\b`, 'g');
const GPU_UUID_EXACT = new RegExp(`^(?:MIG-)?GPU-${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}$`);

/** Placeholder text that tools print instead of a real value. */
const NOT_A_VALUE =
  /^(?:|n\/a|\[n\/a\]|none|unknown|not specified|not present|not available|not supported|not applicable|to be filled by o\.e\.m\.|default string|system serial number|chassis serial number|serial number|\[insufficient permissions\]|[0\s.:_-]*|0x0*)$/i;

/** JSON / key-value keys whose value identifies the machine, and what kind of placeholder they get. */
function kindOfKey(key: string): Kind | null {
  if (/serial|asset ?tag/i.test(key)) return 'SERIAL';
  if (/uuid|udid|unique ?id|guid|host[ _-]?id|machine[ _-]?id/i.test(key)) return 'ID';
  if (/hostname|fqdn|^domain$|^workgroup$/i.test(key)) return 'HOST';
  if (/^mac(?:[ _-]?addr(?:ess)?)?$/i.test(key)) return 'MAC';
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

// Six hex pairs joined by one separator, not part of a longer run (an 8-byte PCIe serial, an address).
const MAC = /(?<!\w|[0-9a-f][:-])[0-9a-f]{2}([:-])(?:[0-9a-f]{2}\1){4}[0-9a-f]{2}(?![:-][0-9a-f]|\w)/gi;

/** MAC addresses anywhere; one adapter gets one placeholder however it is spelt. */
function redactMacs(text: string, p: Placeholders): string {
  return text.replace(MAC, (mac) => {
    const replaced = p.value('MAC', mac.toLowerCase().replaceAll('-', ':'));
    return replaced.startsWith('REDACTED-') ? replaced : mac;
  });
}

// The folder after /home/, /Users/ or X:\Users\ (its backslashes doubled inside JSON) is a user name.
const UNIX_HOME = /(\/(?:home|Users)\/)([^/\\\s"'<>:;,|]+)/g;
const WINDOWS_HOME = /([a-z]:(\\+)users\2)([^/\\\s"'<>:;,|*?]+)/gi;
/** Folders under the home root that belong to nobody. */
const SHARED_HOME = /^(?:public|shared|default|all|guest)$/i;

function redactHomePaths(text: string, p: Placeholders): string {
  const user = (lead: string, name: string) =>
    `${lead}${SHARED_HOME.test(name) ? name : p.value('USER', name)}`;
  return text
    .replace(UNIX_HOME, (_m, lead: string, name: string) => user(lead, name))
    .replace(WINDOWS_HOME, (_m, lead: string, _sep: string, name: string) => user(lead, name));
}

const STRING = '"(?:[^"\\\\]|\\\\.)*"';
const SCALAR = `${STRING}|-?\\d+(?:\\.\\d+)?`;
/**
 * JSON read left to right, a whole string at a time: a `"key": value` pair whose value is a string, a
 * number or a flat array of them; else a string, an unclosed string (to the end), or text between
 * strings. A scan that never restarts inside a string stays linear on odd input.
 */
const JSON_TOKEN = new RegExp(
  `("((?:[^"\\\\]|\\\\.)*)"\\s*:\\s*)(${SCALAR}|\\[\\s*(?:(?:${SCALAR})(?:\\s*,\\s*(?:${SCALAR}))*)?\\s*\\])|${STRING}|"[\\s\\S]*|[^"]+`,
  'g',
);
const JSON_SCALAR = new RegExp(SCALAR, 'g');

/** `"key": "value"`, `"key": 123` and `"serials": ["X1", 2]`, without re-serialising (keeps the tool's formatting). */
function redactJson(text: string, p: Placeholders): string {
  const scalar = (kind: Kind, raw: string): string => {
    const value = raw.startsWith('"') ? raw.slice(1, -1) : raw;
    const replaced = p.value(kind, value);
    return replaced === value ? raw : JSON.stringify(replaced);
  };
  return text.replace(
    JSON_TOKEN,
    (token, lead: string | undefined, key: string | undefined, value: string | undefined) => {
      const kind = key === undefined ? null : kindOfKey(key);
      if (!kind || lead === undefined || value === undefined) return token;
      const redacted = value.startsWith('[')
        ? value.replace(JSON_SCALAR, (raw) => scalar(kind, raw))
        : scalar(kind, value);
      return `${lead}${redacted}`;
    },
  );
}

// Leaf elements, `<serial>`, `<serial type="x">`, a CDATA value, `</serial >`; and attributes. Any name is
// matched and the callback checks it, so a long name cannot make the pattern backtrack.
const XML_ELEMENT = /<([\w.-]+)(\s[^<>]*)?>(?:<!\[CDATA\[([^\]]*)\]\]>|([^<]*))<\/\1\s*>/g;
const XML_ATTRIBUTE = /(\s([\w.-]+)\s*=\s*)(?:"([^"]*)"|'([^']*)')/g;
const XML_ID_NAME = /serial|uuid|guid/i;

/** nvidia-smi XML: `<serial>`, `<chassis_serial_number>`, `<cluster_uuid>`, … and attributes named so. */
function redactXml(text: string, p: Placeholders): string {
  const value = (name: string, v: string) => p.value(kindOfKey(name) ?? 'ID', v);
  return text
    .replace(
      XML_ELEMENT,
      (whole, tag: string, attributes = '', cdata: string | undefined, plain: string | undefined) => {
        if (!XML_ID_NAME.test(tag)) return whole;
        const redacted = cdata === undefined ? value(tag, plain ?? '') : `<![CDATA[${value(tag, cdata)}]]>`;
        return `<${tag}${attributes}>${redacted}</${tag}>`;
      },
    )
    .replace(/<[A-Za-z_][^<>]*>/g, (tag) =>
      tag.replace(
        XML_ATTRIBUTE,
        (whole, lead: string, name: string, dq: string | undefined, sq: string | undefined) => {
          if (!XML_ID_NAME.test(name)) return whole;
          return dq === undefined ? `${lead}'${value(name, sq ?? '')}'` : `${lead}"${value(name, dq)}"`;
        },
      ),
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
      // A row that does not match the header (a comma inside a value, a cut-off line): a cell goes
      // when its column counted from either end identifies the machine.
      const shift = cells.length - columns.length;
      return cells.map((cell, i) => redactCell(cell, columns[i] ?? columns[i - shift] ?? null, p)).join(',');
    }),
  ].join('\n');
}

function redactCell(cell: string, kind: Kind | null, p: Placeholders): string {
  if (!kind) return cell;
  const value = cell.trim();
  const lead = cell.slice(0, cell.length - cell.trimStart().length);
  const trail = cell.slice(cell.trimEnd().length);
  return `${lead}${p.value(kind, value)}${value.length > 0 ? trail : ''}`;
}

// rocm-smi starts each line with `GPU[0] :`, lspci's VPD with `[SN]`; the key follows them.
const LINE_PREFIX = /^[ \t]*(?:GPU\[\d+\][ \t]*:[ \t]*)?(?:\[[A-Z0-9]{2}\][ \t]*)?/;
const isSpace = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * One `Key: value` line with its value replaced when the key identifies the machine. Index arithmetic,
 * not one pattern: a pattern with optional blanks on each side of the colon backtracks cubically on a
 * long run of spaces.
 */
function redactKeyValueLine(line: string, p: Placeholders, extraKeys: RegExp | null): string {
  const keyStart = LINE_PREFIX.exec(line)?.[0].length ?? 0;
  const colon = line.indexOf(':', keyStart);
  if (colon < 0) return line;
  const key = line.slice(keyStart, colon).trim();
  const kind = kindOfKey(key) ?? (extraKeys?.test(key) ? 'HOST' : null);
  if (!kind) return line;
  let start = colon + 1;
  while (isSpace(line[start])) start += 1;
  let end = line.length;
  while (end > start && (isSpace(line[end - 1]) || line[end - 1] === '\r')) end -= 1;
  if (end === start) return line;
  return `${line.slice(0, start)}${p.value(kind, line.slice(start, end))}${line.slice(end)}`;
}

/**
 * `Key: value` text (dmidecode, lspci VPD `[SN] Serial number:`, nvidia-smi -q, PowerShell Format-List).
 * Only keys before the line's first colon count, so `Capabilities: … Serial Number …` is not a key.
 */
function redactKeyValueText(text: string, p: Placeholders, extraKeys: RegExp | null): string {
  const out = text
    .split('\n')
    .map((line) => redactKeyValueLine(line, p, extraKeys))
    .join('\n');
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
  const withUuids = redactHomePaths(redactMacs(redactGpuUuids(text, p), p), p);
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
