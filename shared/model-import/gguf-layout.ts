/**
 * Walks a GGUF header's structure — counts, string and array lengths, tensor infos — without decoding the
 * values, so every count is checked against the bytes the file holds and against a cap before a parser
 * builds anything from it. @huggingface/gguf pads reads past the end of a file with zeros and trusts its
 * counts up to 10^7 tensors, so a 4 KB file declaring five million tensors made it parse zeros for
 * seconds; after this walk it only ever reads a header that lies whole inside the file.
 * Layout per ggml-org/llama.cpp ggml/src/gguf.cpp (`gguf_init_from_file_impl`) and docs/gguf.md: magic,
 * uint32 version, tensor count and key/value count (uint64; uint32 in version 1), the key/values
 * (string key, uint32 value type, value), then the tensor infos (string name, uint32 n_dims, n_dims
 * sizes, uint32 ggml type, uint64 offset). A string is a length (uint64; uint32 in v1) and its bytes; an
 * array is a uint32 element type, a length and the elements — never arrays (gguf.cpp refuses them).
 * Endianness as @huggingface/gguf decides it: a version whose low 16 bits are 0 is big-endian.
 */
import { ModelImportError } from './model-import-error';

/** Caps on a header's structure; each far above real files, each bounding what a parser allocates. */
export interface GgufLayoutLimits {
  /** Bytes the header (up to the tensor data) may span. */
  readonly headerBytes: number;
  readonly tensors: number;
  readonly keyValues: number;
  /** Elements of one array. */
  readonly arrayLength: number;
  /** Elements of all arrays together (what the parser turns into JS values). */
  readonly arrayElements: number;
  /** Bytes of one string (key, value or tensor name). */
  readonly stringBytes: number;
}

export const GGUF_LAYOUT_LIMITS: GgufLayoutLimits = {
  // The largest real headers (262k-token vocabularies with scores, types and merges) are ~10 MiB;
  // @huggingface/gguf holds at most 50 MB of header.
  headerBytes: 40 * 2 ** 20,
  // A DeepSeek-V3 GGUF lists ~1,100 tensors; one tensor per expert (61 × 256 × 3) would be ~47k.
  tensors: 2 ** 18,
  // Real headers hold ~30–60 key/values.
  keyValues: 2 ** 16,
  // @huggingface/gguf's own limit; the longest real arrays (merges) are ~300k.
  arrayLength: 1_000_000,
  // Tokens + scores + types + merges of the largest vocabularies come to ~1.3M.
  arrayElements: 2 ** 22,
  // @huggingface/gguf's own limit; the longest real strings (chat templates) are tens of KB.
  stringBytes: 10_000_000,
};

/** ggml's GGML_MAX_DIMS: gguf.cpp refuses a tensor of more dimensions. */
const MAX_DIMS = 4;
/** Largest tensor dimension @huggingface/gguf accepts. */
const MAX_DIM = 2 ** 32;
const ARRAY = 9;
const STRING = 8;
/** Bytes of each scalar GGUF value type (gguf.cpp `GGUF_TYPE_SIZE`); STRING and ARRAY vary. */
const SCALAR_BYTES: Readonly<Record<number, number>> = {
  0: 1, // UINT8
  1: 1, // INT8
  2: 2, // UINT16
  3: 2, // INT16
  4: 4, // UINT32
  5: 4, // INT32
  6: 4, // FLOAT32
  7: 1, // BOOL
  10: 8, // UINT64
  11: 8, // INT64
  12: 8, // FLOAT64
};

/** Where the header ends, or how many bytes of the file the walk needs to see to get further. */
export type GgufLayout =
  | { readonly kind: 'complete'; readonly headerEnd: number }
  | { readonly kind: 'need-more'; readonly bytes: number };

/** Thrown inside the walk when it runs past the bytes given but not past the file. */
class NeedMore {
  constructor(readonly bytes: number) {}
}

const ends = (detail: string) => new ModelImportError('truncated', `the GGUF header ends early (${detail})`);
const damaged = (detail: string) =>
  new ModelImportError('malformed', `the GGUF header is damaged: ${detail}`);

/** ASCII text of a key or name for a message, `?` for anything else (keys and names are ASCII in practice). */
function printable(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '?';
  return text;
}

class Cursor {
  private readonly view: DataView;
  pos = 0;
  elements = 0;
  readonly sizeBytes: 4 | 8;
  readonly littleEndian: boolean;

  constructor(
    readonly bytes: Uint8Array,
    readonly fileSize: number,
    readonly limits: GgufLayoutLimits,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = this.view.getUint32(4, true);
    this.littleEndian = (version & 0xffff) !== 0;
    const v = this.littleEndian ? version : this.view.getUint32(4, false);
    if (v < 1 || v > 3) throw damaged(`GGUF version ${v} is not one of 1–3`);
    this.sizeBytes = v === 1 ? 4 : 8;
    this.pos = 8;
  }

  /** Bytes of the file after the cursor that the header may still use. */
  room(): number {
    return Math.min(this.fileSize, this.limits.headerBytes) - this.pos;
  }

  /** Moves past `n` bytes that must lie in the file and under the header cap. */
  skip(n: number, what: string): number {
    const at = this.pos;
    const end = at + n;
    if (end > this.fileSize) throw ends(`${what} needs ${end} bytes, the file has ${this.fileSize}`);
    if (end > this.limits.headerBytes) throw tooLarge(this.limits);
    if (end > this.bytes.length) throw new NeedMore(end);
    this.pos = end;
    return at;
  }

  u32(what: string): number {
    return this.view.getUint32(this.skip(4, what), this.littleEndian);
  }

  /** A count or length (uint64, uint32 in v1) as a number; above 2^53 it is only compared, never used. */
  size(what: string): number {
    const at = this.skip(this.sizeBytes, what);
    return this.sizeBytes === 4
      ? this.view.getUint32(at, this.littleEndian)
      : Number(this.view.getBigUint64(at, this.littleEndian));
  }

  /** Moves past a string; returns where its bytes start and how many there are. */
  skipString(what: string): { readonly at: number; readonly length: number } {
    const length = this.size(what);
    if (length > this.limits.stringBytes)
      throw damaged(`${what} holds a string of ${length} bytes (at most ${this.limits.stringBytes})`);
    return { at: this.skip(length, what), length };
  }

  /** A string (a key or a tensor name) moved past; its first characters are returned for messages. */
  string(what: string): string {
    const { at, length } = this.skipString(what);
    return printable(this.bytes.subarray(at, at + Math.min(length, 120)));
  }
}

function tooLarge(limits: GgufLayoutLimits): ModelImportError {
  return new ModelImportError(
    'too-large',
    `the GGUF header is larger than ${limits.headerBytes / 2 ** 20} MiB; real headers are a few MiB`,
  );
}

/** `count` items of at least `minBytes` each must fit the file (else truncated) and `cap` (else damaged). */
function checkCount(c: Cursor, count: number, cap: number, minBytes: number, what: string): void {
  if (count > cap) throw damaged(`${what} (at most ${cap})`);
  const needed = count * minBytes;
  if (needed > c.fileSize - c.pos)
    throw ends(`${what}, at least ${needed} more bytes, but the file has ${c.fileSize - c.pos} left`);
  if (needed > c.room()) throw tooLarge(c.limits);
}

function skipArray(c: Cursor, key: string): void {
  const type = c.u32(key);
  if (type === ARRAY) throw damaged(`${key} is an array of arrays, which GGUF readers refuse`);
  const length = c.size(key);
  const what = `${key} is an array of ${length} values`;
  const fixed = SCALAR_BYTES[type];
  if (fixed === undefined && type !== STRING) throw damaged(`${key} is an array of value type ${type}`);
  checkCount(c, length, c.limits.arrayLength, fixed ?? c.sizeBytes, what);
  c.elements += length;
  if (c.elements > c.limits.arrayElements)
    throw damaged(`its arrays hold more than ${c.limits.arrayElements} values in all`);
  if (fixed !== undefined) c.skip(length * fixed, key);
  else for (let i = 0; i < length; i++) c.skipString(key);
}

function skipKeyValue(c: Cursor, index: number): void {
  const key = c.string(`key/value ${index}`);
  const type = c.u32(key);
  if (type === ARRAY) return skipArray(c, key);
  if (type === STRING) {
    c.skipString(key);
    return;
  }
  const bytes = SCALAR_BYTES[type];
  if (bytes === undefined) throw damaged(`${key} has value type ${type}, which GGUF does not define`);
  c.skip(bytes, key);
}

function skipTensorInfo(c: Cursor, index: number): void {
  const name = `tensor ${c.string(`tensor info ${index}`)}`;
  const dims = c.u32(name);
  if (dims > MAX_DIMS) throw damaged(`${name} has ${dims} dimensions (ggml has at most ${MAX_DIMS})`);
  for (let d = 0; d < dims; d++) {
    const size = c.size(name);
    if (size > MAX_DIM) throw damaged(`${name} has a dimension of ${size} (at most ${MAX_DIM})`);
  }
  c.skip(4 + 8, name); // ggml type (checked when the tensor is sized), data offset
}

/**
 * Checks the structure of the GGUF header at the start of `bytes` (the first bytes of a file of
 * `fileSize` bytes that starts with the magic). Too few bytes given → `need-more`; a header that
 * cannot fit the file → 'truncated'; counts past the caps or impossible values → 'malformed'.
 */
export function scanGgufLayout(
  bytes: Uint8Array,
  fileSize: number,
  limits: GgufLayoutLimits = GGUF_LAYOUT_LIMITS,
): GgufLayout {
  try {
    if (bytes.length < 24) throw new NeedMore(24);
    const c = new Cursor(bytes, fileSize, limits);
    const tensors = c.size('the tensor count');
    const keyValues = c.size('the key/value count');
    // Smallest key/value: empty key, type, one byte; smallest tensor info: empty name, n_dims, type, offset.
    checkCount(
      c,
      keyValues,
      limits.keyValues,
      c.sizeBytes + 4 + 1,
      `the header declares ${keyValues} key/values`,
    );
    for (let i = 0; i < keyValues; i++) skipKeyValue(c, i);
    checkCount(c, tensors, limits.tensors, c.sizeBytes + 4 + 4 + 8, `the header declares ${tensors} tensors`);
    for (let i = 0; i < tensors; i++) skipTensorInfo(c, i);
    return { kind: 'complete', headerEnd: c.pos };
  } catch (err) {
    if (err instanceof NeedMore) return { kind: 'need-more', bytes: err.bytes };
    throw err;
  }
}
