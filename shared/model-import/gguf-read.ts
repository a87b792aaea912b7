/**
 * Reading a GGUF header from any byte source — a file on disk (electron/model-import/read-gguf.ts) or a
 * File picked in a browser page (read with File.slice) — and checking it before and after the parser:
 * the magic, the header's structure walked against caps (gguf-layout), alignment, and that header and
 * tensor data end inside the file (the parser pads reads past the end with zeros instead of failing).
 * Only the header is read, however large the file.
 */
import { ggufDataBytesNeeded, type GgufHeader } from './gguf-to-model';
import { GGUF_LAYOUT_LIMITS, scanGgufLayout } from './gguf-layout';
import { ModelImportError } from './model-import-error';

/** Where the bytes come from: its name (for messages), its size, and reads of a range. */
export interface GgufByteSource {
  readonly name: string;
  readonly size: number;
  read(start: number, length: number): Promise<Uint8Array>;
}

/** What the GGUF parser (@huggingface/gguf) gives back, as far as the checks use it. */
export interface ParsedGguf {
  readonly metadata: unknown;
  readonly tensorInfos: readonly {
    readonly name: string;
    readonly shape: readonly (number | bigint)[];
    readonly dtype: number;
    readonly offset: number | bigint;
  }[];
  readonly tensorDataOffset: number | bigint;
  readonly tensorInfoByteRange: readonly [number, number];
}

const MAGIC = 'GGUF';

/** `47 47 55 46 ("GGUF")`-style rendering of the first bytes, with a guess at what the file is. */
export function describeStart(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 8);
  const hex = [...head].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
  const text = [...head].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  const guess =
    head[0] === 0x7b
      ? '; it looks like JSON'
      : head[0] === 0x50 && head[1] === 0x4b
        ? '; it looks like a zip archive'
        : head.length === 8 && bytes[8] === 0x7b && head[6] === 0 && head[7] === 0
          ? '; it looks like a safetensors file'
          : '';
  return `${hex} ("${text}")${guess}`;
}

async function checkMagic(source: GgufByteSource): Promise<void> {
  const { name, size } = source;
  if (size === 0) throw new ModelImportError('empty', `${name} is empty (0 bytes), not a GGUF file`);
  const start = await source.read(0, Math.min(16, size));
  const magic = String.fromCharCode(...start.subarray(0, 4));
  if (magic !== MAGIC)
    throw new ModelImportError(
      'not-gguf',
      `${name} is not a GGUF file (it starts with ${describeStart(start)})`,
    );
  if (size < 24)
    throw new ModelImportError(
      'truncated',
      `${name} is truncated: the GGUF header ends early (the file has only ${size} bytes)`,
    );
}

/** First read of the header walk, bytes: most headers end well inside it. */
const FIRST_READ = 2 ** 20;

/**
 * Walks the header structure, reading more only as far as the header goes: each round at least doubles
 * the read, never past the header cap or the file.
 */
async function checkLayout(source: GgufByteSource): Promise<void> {
  const { name, size } = source;
  let want = Math.min(size, FIRST_READ);
  for (;;) {
    const bytes = await source.read(0, want);
    if (bytes.length < want)
      throw new ModelImportError('truncated', `${name} is truncated: it shrank while it was being read`);
    const layout = withNameErrors(name, () => scanGgufLayout(bytes, size));
    if (layout.kind === 'complete') return;
    want = Math.min(size, GGUF_LAYOUT_LIMITS.headerBytes, Math.max(layout.bytes, want * 2));
  }
}

/** Largest `general.alignment`: real files use 32; data padding past 1 MiB is no real layout. */
const MAX_ALIGNMENT = 2 ** 20;

/**
 * `general.alignment` must be a power of two, as llama.cpp's gguf.cpp requires: @huggingface/gguf pads
 * with 32-bit bitwise ops, so 2^52 puts the data at byte 0 and 48 somewhere in between.
 */
function checkAlignment(parsed: ParsedGguf): void {
  const raw = (parsed.metadata as Readonly<Record<string, unknown>>)['general.alignment'];
  if (raw === undefined) return;
  const a = typeof raw === 'bigint' || typeof raw === 'number' ? Number(raw) : Number.NaN;
  if (Number.isInteger(a) && a >= 1 && a <= MAX_ALIGNMENT && (a & (a - 1)) === 0) return;
  throw new ModelImportError(
    'malformed',
    `general.alignment is ${String(raw)}, not a power of two up to ${MAX_ALIGNMENT}; the header is damaged`,
  );
}

function toHeader(parsed: ParsedGguf, size: number): GgufHeader {
  const dataOffset = Number(parsed.tensorDataOffset);
  return {
    metadata: parsed.metadata as Readonly<Record<string, unknown>>,
    tensors: parsed.tensorInfos.map((t) => ({
      name: t.name,
      shape: [...t.shape],
      ggmlType: Number(t.dtype),
      offset: t.offset,
    })),
    dataBytes: Math.max(0, size - dataOffset),
  };
}

/** Header end and tensor data end must lie inside the file (the parser reads zeros past the end). */
function checkComplete(name: string, parsed: ParsedGguf, header: GgufHeader, size: number): void {
  const headerEnd = parsed.tensorInfoByteRange[1];
  if (headerEnd > size)
    throw new ModelImportError(
      'truncated',
      `${name} is truncated: the GGUF header ends early (it needs at least ${headerEnd} bytes, the file has ${size})`,
    );
  const needed = ggufDataBytesNeeded(header);
  const held = size - Number(parsed.tensorDataOffset);
  if (needed > held)
    throw new ModelImportError(
      'truncated',
      `${name} is truncated: the tensor data ends early (the header describes ${needed} bytes of tensors, the file holds ${Math.max(0, held)}) — is the download complete?`,
    );
}

/** The parser's failure as a one-line ModelImportError. */
function parseError(name: string, err: unknown): ModelImportError {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError)
    return new ModelImportError('truncated', `${name} is truncated: the GGUF header ends early (${message})`);
  return new ModelImportError('malformed', `${name} has a damaged GGUF header (${message})`);
}

/**
 * Reads and checks one GGUF file's header (a single file or one shard) from `source`; `parse` runs the
 * GGUF parser over the same bytes once the structure is known to be sound.
 */
export async function readGgufHeaderFrom(
  source: GgufByteSource,
  parse: () => Promise<ParsedGguf>,
): Promise<GgufHeader> {
  await checkMagic(source);
  await checkLayout(source);
  let parsed: ParsedGguf;
  try {
    parsed = await parse();
  } catch (err) {
    throw parseError(source.name, err);
  }
  withNameErrors(source.name, () => checkAlignment(parsed));
  const header = withNameErrors(source.name, () => toHeader(parsed, source.size));
  withNameErrors(source.name, () => checkComplete(source.name, parsed, header, source.size));
  return header;
}

/** Re-throws errors of the pure layer with the file name in front ("X is truncated: …" for truncation). */
export function withNameErrors<T>(name: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof ModelImportError && !err.message.startsWith(name)) {
      const joint = err.code === 'truncated' ? ' is truncated: ' : ': ';
      throw new ModelImportError(err.code, `${name}${joint}${err.message}`);
    }
    throw err;
  }
}
