/**
 * A tiny GGUF v3 writer for tests only: builds a valid header (magic "GGUF", version, tensor and kv
 * counts, key/values, tensor infos, padding to the alignment) so the readers are tested on real bytes.
 * Layout per ggml-org/llama.cpp docs/gguf.md / ggml/src/gguf.cpp: little-endian, strings as uint64
 * length + UTF-8, tensor infos as name, uint32 n_dims, uint64 dims, uint32 type, uint64 offset;
 * tensor data starts at the header end rounded up to `general.alignment` (default 32).
 * Its tensor sizes come from its own small table, independent of ggml-types.ts, so tests cross-check.
 */

/** A metadata value; numbers become UINT32 (or INT32 when negative, FLOAT32 when fractional), bigints UINT64. */
export type GgufTestValue =
  string | number | bigint | boolean | readonly string[] | readonly number[] | readonly boolean[];

export interface GgufTestTensor {
  readonly name: string;
  /** ggml order: row length first. */
  readonly shape: readonly number[];
  readonly ggmlType: number;
  /** Data bytes, for types outside this writer's table. */
  readonly bytes?: number;
}

export interface GgufTestFile {
  /** Header bytes, padded to the alignment. */
  readonly header: Uint8Array;
  /** Bytes of tensor data that follow the header (sum of aligned tensor sizes). */
  readonly dataBytes: number;
  /** Data offset of each tensor, bytes from the start of the data section. */
  readonly offsets: readonly number[];
}

/** [block size, bytes per block] for the types tests use (ggml-common.h block structs). */
const SIZES: Readonly<Record<number, readonly [number, number]>> = {
  0: [1, 4], // F32
  1: [1, 2], // F16
  8: [32, 34], // Q8_0
  12: [256, 144], // Q4_K
  14: [256, 210], // Q6_K
  30: [1, 2], // BF16
  39: [32, 17], // MXFP4
};

const TYPE = { UINT32: 4, INT32: 5, FLOAT32: 6, BOOL: 7, STRING: 8, ARRAY: 9, UINT64: 10 } as const;

function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

class Bytes {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private room(n: number): number {
    if (this.length + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
      next.set(this.buf);
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    const at = this.length;
    this.length += n;
    return at;
  }
  u8(v: number): void {
    const at = this.room(1);
    this.view.setUint8(at, v);
  }
  u32(v: number): void {
    const at = this.room(4);
    this.view.setUint32(at, v, true);
  }
  i32(v: number): void {
    const at = this.room(4);
    this.view.setInt32(at, v, true);
  }
  f32(v: number): void {
    const at = this.room(4);
    this.view.setFloat32(at, v, true);
  }
  u64(v: number | bigint): void {
    const at = this.room(8);
    this.view.setBigUint64(at, BigInt(v), true);
  }
  raw(bytes: readonly number[]): void {
    const at = this.room(bytes.length);
    this.buf.set(bytes, at);
  }
  str(text: string): void {
    const b = utf8(text);
    this.u64(b.length);
    this.raw(b);
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function scalarType(v: string | number | bigint | boolean): number {
  if (typeof v === 'string') return TYPE.STRING;
  if (typeof v === 'boolean') return TYPE.BOOL;
  if (typeof v === 'bigint') return TYPE.UINT64;
  if (!Number.isInteger(v)) return TYPE.FLOAT32;
  return v < 0 ? TYPE.INT32 : TYPE.UINT32;
}

function writeScalar(out: Bytes, type: number, v: string | number | bigint | boolean): void {
  if (type === TYPE.STRING) out.str(String(v));
  else if (type === TYPE.BOOL) out.u8(v ? 1 : 0);
  else if (type === TYPE.UINT64) out.u64(v as bigint);
  else if (type === TYPE.FLOAT32) out.f32(Number(v));
  else if (type === TYPE.INT32) out.i32(Number(v));
  else out.u32(Number(v));
}

function writeValue(out: Bytes, value: GgufTestValue): void {
  if (!Array.isArray(value)) {
    const type = scalarType(value as string | number | bigint | boolean);
    out.u32(type);
    writeScalar(out, type, value as string | number | bigint | boolean);
    return;
  }
  const items = value as readonly (string | number | boolean)[];
  const type = items.some((v) => typeof v === 'number' && v < 0) ? TYPE.INT32 : scalarType(items[0] ?? 0);
  out.u32(TYPE.ARRAY);
  out.u32(type);
  out.u64(items.length);
  for (const item of items) writeScalar(out, type, item);
}

const alignUp = (n: number, a: number): number => Math.ceil(n / a) * a;

/** Data bytes of a tensor per the writer's table (or its explicit `bytes`). */
export function testTensorBytes(t: GgufTestTensor): number {
  if (t.bytes !== undefined) return t.bytes;
  const size = SIZES[t.ggmlType];
  if (!size) throw new Error(`test-gguf-writer: give bytes for ggml type ${t.ggmlType}`);
  const [block, typeSize] = size;
  const rows = t.shape.slice(1).reduce((n, d) => n * d, 1);
  return rows * ((t.shape[0] ?? 1) / block) * typeSize;
}

/** Builds a GGUF v3 header for these key/values and tensors (tensor data is not included). */
export function buildTestGguf(
  kv: Readonly<Record<string, GgufTestValue>>,
  tensors: readonly GgufTestTensor[],
): GgufTestFile {
  const alignment = typeof kv['general.alignment'] === 'number' ? kv['general.alignment'] : 32;
  const out = new Bytes();
  out.raw([0x47, 0x47, 0x55, 0x46]); // "GGUF"
  out.u32(3);
  out.u64(tensors.length);
  out.u64(Object.keys(kv).length);
  for (const [key, value] of Object.entries(kv)) {
    out.str(key);
    writeValue(out, value);
  }
  const offsets: number[] = [];
  let data = 0;
  for (const t of tensors) {
    out.str(t.name);
    out.u32(t.shape.length);
    for (const d of t.shape) out.u64(d);
    out.u32(t.ggmlType);
    out.u64(data);
    offsets.push(data);
    data = alignUp(data + testTensorBytes(t), alignment);
  }
  while (out.length % alignment !== 0) out.u8(0);
  return { header: out.done(), dataBytes: data, offsets };
}
