/**
 * A GGUF header (metadata + tensor infos, one or more split shards) → EngineModel with the real tensor
 * byte sizes, grouped the way llama.cpp places them:
 * - `token_embd.*` → tokenEmbdBytes (kept in host memory);
 * - `output.weight`, `output_norm.*` and the other few global tensors (`rope_freqs`, …) → outputBytes;
 *   no `output.weight` means the head reuses the embedding: tiedOutput, outputBytes = embedding + those;
 * - `blk.N.*` → layers[N]: names with `_exps` (ffn_gate_exps, ffn_up_exps, ffn_down_exps, ffn_gate_up_exps
 *   and their biases — what `-ot exps=CPU` moves) → expertBytes, everything else → denseBytes.
 */
import type { ModelSpec, Source } from '../catalog/types';
import { canonicalModelName, findModel } from '../catalog/model-lookup';
import type { EngineModel, LayerWeights, ModelWeights } from './model-weights';
import { architectureFromGguf, type GgufMetadata } from './gguf-metadata';
import {
  ftypeLabel,
  ggmlTypeName,
  MAX_GGML_TYPE_ID,
  tensorBytes,
  tensorElements,
  type TensorShape,
} from './ggml-types';
import { ModelImportError, type ModelImport } from './model-import-error';
import { MAX_LAYERS } from './model-limits';

/** One tensor info of a GGUF header. */
export interface GgufTensorInfo extends TensorShape {
  /** Offset of the tensor's data from the start of the data section, bytes (sizes tensors of unknown types). */
  readonly offset?: number | bigint;
}

/** The header of one GGUF file (or one split shard). */
export interface GgufHeader {
  /** Key/value metadata (`general.architecture`, `llama.block_count`, `tokenizer.ggml.tokens`, …). */
  readonly metadata: GgufMetadata;
  /** Tensor infos in file order. */
  readonly tensors: readonly GgufTensorInfo[];
  /** Bytes from the start of the data section to the end of the file, when known. */
  readonly dataBytes?: number;
}

/** Where the header came from. */
export interface GgufImportOptions {
  /** File path, recorded in the model and its source. */
  readonly path?: string;
  /** Name to use when the header has no `general.name` (e.g. the file name). */
  readonly fallbackName?: string;
}

/** A tensor with its size resolved. */
export interface SizedTensor {
  readonly tensor: GgufTensorInfo;
  /** Bytes. */
  readonly bytes: number;
}

/**
 * Sizes every tensor of one header: from its ggml type, or from the offsets when the type is unknown.
 * Tensors sized from the offsets are named in `notes` (one note per unknown type), when given.
 */
export function sizeGgufTensors(header: GgufHeader, notes?: string[]): SizedTensor[] {
  let offsets: number[] | null = null;
  const unknown = new Map<number, { readonly first: SizedTensor; count: number }>();
  const sized = header.tensors.map((tensor): SizedTensor => {
    const known = tensorBytes(tensor);
    if (known !== null) return { tensor, bytes: known };
    offsets ??= sortedOffsets(header.tensors);
    const entry = { tensor, bytes: bytesFromOffsets(tensor, offsets, header.dataBytes) };
    const seen = unknown.get(tensor.ggmlType);
    if (seen) seen.count++;
    else unknown.set(tensor.ggmlType, { first: entry, count: 1 });
    return entry;
  });
  for (const { first, count } of unknown.values()) {
    const more = count > 1 ? ` (and so are those of ${count - 1} more tensors of that type)` : '';
    notes?.push(
      `tensor ${first.tensor.name} has ggml ${ggmlTypeName(first.tensor.ggmlType)}, which this version does not know; its ${first.bytes} bytes are taken from the offsets${more}`,
    );
  }
  return sized;
}

/** Distinct tensor offsets, ascending. */
function sortedOffsets(tensors: readonly GgufTensorInfo[]): number[] {
  const all = tensors.map((t) => Number(t.offset ?? 0)).sort((a, b) => a - b);
  return all.filter((v, i) => i === 0 || v !== all[i - 1]);
}

/** The smallest offset above `start`, by binary search (a header may list a million tensors). */
function nextOffset(offsets: readonly number[], start: number): number | undefined {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((offsets[mid] as number) <= start) lo = mid + 1;
    else hi = mid;
  }
  return offsets[lo];
}

/** Padding a tensor's data may carry after it: `general.alignment` is 32 by default; allow far more. */
const MAX_PADDING_BYTES = 2 ** 16;

/**
 * Size of a tensor of unknown type: up to the next tensor's offset, or to the end of the data section.
 * Refused when the id cannot be a ggml type, or when that size does not fit the tensor's weights at any
 * density ggml has (at least 1 bit, at most 8 bytes per weight, plus padding) — 0 bytes included.
 */
function bytesFromOffsets(tensor: GgufTensorInfo, offsets: readonly number[], dataBytes?: number): number {
  const named = `tensor ${tensor.name} has ggml ${ggmlTypeName(tensor.ggmlType)}`;
  if (!(tensor.ggmlType >= 0 && tensor.ggmlType <= MAX_GGML_TYPE_ID)) {
    throw new ModelImportError(
      'unknown-tensor-type',
      `${named}, which is not a ggml type (ids stop below ${MAX_GGML_TYPE_ID + 1}); the header is damaged`,
    );
  }
  const unsizeable = (why: string) =>
    new ModelImportError('unknown-tensor-type', `${named}, which this version does not know, and ${why}`);
  if (tensor.offset === undefined) throw unsizeable('its size cannot be worked out from the file');
  const start = Number(tensor.offset);
  const end = nextOffset(offsets, start) ?? dataBytes;
  if (end === undefined) throw unsizeable('its size cannot be worked out from the file');
  const bytes = end - start;
  const weights = tensorElements(tensor);
  if (!(bytes >= Math.ceil(weights / 8) && bytes <= weights * 8 + MAX_PADDING_BYTES)) {
    throw unsizeable(`the ${bytes} bytes its offsets leave it cannot hold its ${weights} weights`);
  }
  return bytes;
}

type Slot =
  | { readonly kind: 'embd' }
  | { readonly kind: 'output' }
  | { readonly kind: 'layer'; readonly index: number; readonly expert: boolean };

/** Where a tensor goes; a block index past MAX_LAYERS is refused before a layer array is sized by it. */
function slotOf(name: string): Slot {
  const blk = /^blk\.(\d+)\./.exec(name);
  if (blk?.[1]) {
    const index = Number(blk[1]);
    if (index >= MAX_LAYERS) {
      throw new ModelImportError(
        'out-of-range',
        `tensor ${name} belongs to block ${blk[1]}, but a model has at most ${MAX_LAYERS} blocks`,
      );
    }
    return { kind: 'layer', index, expert: name.includes('_exps') };
  }
  if (name.startsWith('token_embd.') || name.startsWith('per_layer_token_embd.')) return { kind: 'embd' };
  return { kind: 'output' };
}

interface Grouped {
  embd: number;
  output: number;
  hasOutputWeight: boolean;
  layers: { dense: number; expert: number }[];
  params: number;
  expertParams: number;
}

function groupTensors(sized: readonly SizedTensor[], blockCount: number): Grouped {
  const g: Grouped = { embd: 0, output: 0, hasOutputWeight: false, layers: [], params: 0, expertParams: 0 };
  for (const { tensor, bytes } of sized) {
    const slot = slotOf(tensor.name);
    const elements = tensorElements(tensor);
    g.params += elements;
    if (tensor.name === 'output.weight') g.hasOutputWeight = true;
    if (slot.kind === 'embd') g.embd += bytes;
    else if (slot.kind === 'output') g.output += bytes;
    else {
      while (g.layers.length <= Math.max(slot.index, blockCount - 1)) g.layers.push({ dense: 0, expert: 0 });
      const layer = g.layers[slot.index] as { dense: number; expert: number };
      if (slot.expert) {
        layer.expert += bytes;
        g.expertParams += elements;
      } else layer.dense += bytes;
    }
  }
  while (g.layers.length < blockCount) g.layers.push({ dense: 0, expert: 0 });
  return g;
}

function weightsOf(g: Grouped): ModelWeights {
  const tied = !g.hasOutputWeight;
  const layers: LayerWeights[] = g.layers.map((l) => ({ denseBytes: l.dense, expertBytes: l.expert }));
  return {
    tokenEmbdBytes: g.embd,
    outputBytes: tied ? g.embd + g.output : g.output,
    tiedOutput: tied,
    layers,
    origin: 'gguf',
  };
}

/** `general.file_type` as a label (`Q4_K_M`), else the ggml type holding the most bytes among 2-D+ tensors. */
function quantLabelOf(meta: GgufMetadata, sized: readonly SizedTensor[]): string {
  const ftype = meta['general.file_type'];
  const fromFtype = typeof ftype === 'number' || typeof ftype === 'bigint' ? ftypeLabel(Number(ftype)) : null;
  if (fromFtype) return fromFtype;
  const bytesByType = new Map<number, number>();
  for (const { tensor, bytes } of sized) {
    if (tensor.shape.length < 2) continue;
    bytesByType.set(tensor.ggmlType, (bytesByType.get(tensor.ggmlType) ?? 0) + bytes);
  }
  const top = [...bytesByType].sort((a, b) => b[1] - a[1])[0];
  return top ? ggmlTypeName(top[0]) : 'unknown';
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

function describe(
  meta: GgufMetadata,
  options: GgufImportOptions,
): { name: string; repo: string; source: Source } {
  const name = str(meta['general.name']) ?? options.fallbackName ?? 'GGUF model';
  const repo =
    str(meta['general.source.huggingface.repository']) ?? str(meta['general.base_model.0.repo_url']) ?? '';
  const source: Source = {
    ref: options.path ?? 'GGUF header',
    says: 'architecture and tensor sizes read from the GGUF header',
  };
  return { name, repo, source };
}

/** Tensor names are unique across all shards, as llama.cpp's gguf.cpp requires (a shifted header repeats them). */
function checkUniqueNames(tensors: readonly GgufTensorInfo[]): void {
  const seen = new Set<string>();
  for (const { name } of tensors) {
    if (seen.has(name)) {
      throw new ModelImportError(
        'malformed',
        `the GGUF header lists tensor "${name}" twice; the header is damaged`,
      );
    }
    seen.add(name);
  }
}

function assemble(headers: readonly GgufHeader[], options: GgufImportOptions): ModelImport {
  const first = headers[0];
  if (!first) throw new ModelImportError('malformed', 'no GGUF header was given');
  const allTensors = headers.flatMap((h) => h.tensors);
  if (allTensors.length === 0) {
    throw new ModelImportError(
      'unsupported',
      'the GGUF file holds no tensors (a vocabulary-only file?), so there is no model to plan',
    );
  }
  checkUniqueNames(allTensors);
  const { architecture, notes: archNotes } = architectureFromGguf(first.metadata, allTensors);
  const notes = [...archNotes];
  const sized = headers.flatMap((h) => sizeGgufTensors(h, notes));
  const g = groupTensors(sized, architecture.layers);
  const { name, repo, source } = describe(first.metadata, options);
  const experts = architecture.experts;
  const activeShare = experts ? experts.active / experts.total : 1;
  const spec: ModelSpec = {
    ...architecture,
    id: canonicalModelName(name) || 'gguf-model',
    name,
    repo,
    paramsB: g.params / 1e9,
    activeParamsB: (g.params - g.expertParams + g.expertParams * activeShare) / 1e9,
    tieEmbeddings: !g.hasOutputWeight,
    releasedDtype: findModel(name)?.releasedDtype ?? 'unknown',
    sources: [source],
  };
  const extra = g.layers.length - architecture.layers;
  const allNotes =
    extra > 0
      ? [
          ...notes,
          `the file holds ${extra} block(s) beyond block_count (e.g. multi-token prediction); they are listed as extra layers`,
        ]
      : notes;
  const model: EngineModel = {
    spec,
    quant: null,
    quantLabel: quantLabelOf(first.metadata, sized),
    weights: weightsOf(g),
    ...(options.path !== undefined ? { path: options.path } : {}),
  };
  return { model, notes: allNotes };
}

/**
 * Builds the model from one GGUF header, or from every shard of a split file (metadata from the first;
 * tensors from all). Throws ModelImportError for a missing required key or an unsizeable tensor.
 */
export function modelFromGguf(
  headers: GgufHeader | readonly GgufHeader[],
  options: GgufImportOptions = {},
): ModelImport {
  const list: readonly GgufHeader[] = Array.isArray(headers) ? headers : [headers as GgufHeader];
  return assemble(list, options);
}

/** Bytes the tensor data of one header needs: the end of its furthest tensor (offset + size). */
export function ggufDataBytesNeeded(header: GgufHeader): number {
  return sizeGgufTensors(header).reduce(
    (end, { tensor, bytes }) => Math.max(end, Number(tensor.offset ?? 0) + bytes),
    0,
  );
}
