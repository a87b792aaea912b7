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
import { ftypeLabel, ggmlTypeName, tensorBytes, tensorElements, type TensorShape } from './ggml-types';
import { ModelImportError, type ModelImport } from './model-import-error';

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

/** Sizes every tensor of one header: from its ggml type, or from the offsets when the type is unknown. */
export function sizeGgufTensors(header: GgufHeader): SizedTensor[] {
  const byOffset = [...header.tensors].sort((a, b) => Number(a.offset ?? 0) - Number(b.offset ?? 0));
  return header.tensors.map((tensor) => {
    const bytes = tensorBytes(tensor) ?? bytesFromOffsets(tensor, byOffset, header.dataBytes);
    return { tensor, bytes };
  });
}

/** Size of a tensor of unknown type: up to the next tensor's offset, or to the end of the data section. */
function bytesFromOffsets(
  tensor: GgufTensorInfo,
  byOffset: readonly GgufTensorInfo[],
  dataBytes?: number,
): number {
  const unknown = () =>
    new ModelImportError(
      'unknown-tensor-type',
      `tensor ${tensor.name} has ggml ${ggmlTypeName(tensor.ggmlType)}, which this version does not know, and its size cannot be worked out from the file`,
    );
  if (tensor.offset === undefined) throw unknown();
  const start = Number(tensor.offset);
  const next = byOffset.find((t) => Number(t.offset ?? -1) > start);
  const end = next ? Number(next.offset) : dataBytes;
  if (end === undefined) throw unknown();
  return end - start;
}

type Slot =
  | { readonly kind: 'embd' }
  | { readonly kind: 'output' }
  | { readonly kind: 'layer'; readonly index: number; readonly expert: boolean };

function slotOf(name: string): Slot {
  const blk = /^blk\.(\d+)\./.exec(name);
  if (blk?.[1]) return { kind: 'layer', index: Number(blk[1]), expert: name.includes('_exps') };
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

function assemble(headers: readonly GgufHeader[], options: GgufImportOptions): ModelImport {
  const first = headers[0];
  if (!first) throw new ModelImportError('malformed', 'no GGUF header was given');
  const allTensors = headers.flatMap((h) => h.tensors);
  const { architecture, notes } = architectureFromGguf(first.metadata, allTensors);
  const sized = headers.flatMap(sizeGgufTensors);
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
