/**
 * transformers `config.json` (+ optional `model.safetensors.index.json`) → EngineModel.
 *
 * Weights are parameter counts × bits per group (catalog-model `weightsFromParams`). The checkpoint's
 * own format comes from `quantization_config` (fp8, awq, gptq, mxfp4, bitsandbytes, exl2) or the dtype.
 * When the index's `metadata.total_size` (the exact bytes of all safetensors shards) is known and the
 * weights are sized for that same checkpoint, every group is scaled so the total matches it
 * (origin `safetensors-index`); extra checkpoint layers (DeepSeek's multi-token-prediction layer, seen as
 * layer indices ≥ num_hidden_layers in weight_map or `num_nextn_predict_layers`) are part of total_size
 * but not of the served model, so they are counted in the estimate and then left out.
 * A `quant` other than the checkpoint's own (e.g. a GGUF quant of this architecture) is estimated like a
 * catalog model (origin `hf-config`); the index then does not apply.
 * bitsandbytes: 8-bit = int8 + a per-row scale (≈ 8 bpw); 4-bit = 4 bits + one fp32 absmax per 64 weights
 * (4.5 bpw), 4.127 with double quantization (QLoRA paper, arXiv:2305.14314 §3: "reduces the memory
 * footprint from 0.5 bits/parameter to 0.127").
 */
import { z } from 'zod';
import { canonicalModelName } from '../catalog/model-lookup';
import { exl2Quant, findQuant } from '../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../catalog/types';
import type { EngineModel, ModelWeights } from './model-weights';
import { totalWeightBytes } from './model-weights';
import {
  checkpointGroupBits,
  layerParams,
  modelFromCatalog,
  weightsFromParams,
  type GroupBits,
} from './catalog-model';
import { architectureFromHf, parseHfConfig, type HfTextConfig } from './hf-config-schema';
import { ModelImportError, type ModelImport } from './model-import-error';
import { inRange, LIMITS, MAX_LAYERS } from './model-limits';

/** Where the config came from. */
export interface HfImportOptions {
  /** Path of the config.json, recorded in the model and its source. */
  readonly path?: string;
  /** Display name (e.g. the model's folder name); else `_name_or_path`, else `model_type`. */
  readonly name?: string;
}

const indexSchema = z.looseObject({
  metadata: z.looseObject({ total_size: z.union([z.number(), z.string()]).nullish() }).nullish(),
  weight_map: z.record(z.string(), z.string()).nullish(),
});

interface IndexInfo {
  /** Exact checkpoint bytes, or null when absent or 0. */
  readonly totalBytes: number | null;
  readonly names: readonly string[];
}

function parseIndex(json: unknown): IndexInfo | null {
  if (json === undefined || json === null) return null;
  const parsed = indexSchema.safeParse(json);
  if (!parsed.success || (!parsed.data.metadata && !parsed.data.weight_map)) {
    throw new ModelImportError(
      'not-config',
      'this JSON is not a model.safetensors.index.json (no metadata or weight_map)',
    );
  }
  return {
    totalBytes: totalSize(parsed.data.metadata?.total_size),
    names: Object.keys(parsed.data.weight_map ?? {}),
  };
}

/** `metadata.total_size` in bytes; null when absent or 0 (trimmed copies write 0); a number or numeric string. */
function totalSize(raw: number | string | null | undefined): number | null {
  if (raw === undefined || raw === null || raw === 0 || raw === '0') return null;
  return inRange(Number(raw), LIMITS.checkpointBytes, 'metadata.total_size');
}

/** The checkpoint's own quantization: a catalog entry when one fits, its label and group bits. */
interface CheckpointQuant {
  readonly quant: QuantSpec | null;
  readonly label: string;
  readonly bits: GroupBits;
}

/** Checkpoint dtype → the vLLM quant it is served as (float32 is cast to 16 bits). */
const DTYPE: Readonly<Record<string, string>> = {
  bfloat16: 'bf16',
  float16: 'fp16',
  float32: 'fp16',
  half: 'fp16',
};
/** Checkpoint dtype → `releasedDtype` spelling. */
const RELEASED: Readonly<Record<string, string>> = {
  bfloat16: 'bf16',
  float16: 'fp16',
  float32: 'fp32',
  half: 'fp16',
};

function bitsAndBytes(qc: Record<string, unknown>): CheckpointQuant {
  const eight = qc.load_in_8bit === true;
  const layer = eight ? 8 : qc.bnb_4bit_use_double_quant === true ? 4.127 : 4.5;
  return {
    quant: null,
    label: eight ? 'bnb-int8' : 'bnb-nf4',
    bits: { embedding: 16, output: 16, dense: layer, expert: layer },
  };
}

function fromQuantSpec(q: QuantSpec | undefined, label: string): CheckpointQuant {
  if (!q) return { quant: null, label, bits: { embedding: 16, output: 16, dense: 16, expert: 16 } };
  return { quant: q, label: q.id, bits: checkpointGroupBits(q) };
}

function checkpointQuant(top: HfTextConfig, text: HfTextConfig, notes: string[]): CheckpointQuant {
  const qc = (top.quantization_config ?? text.quantization_config) as
    Record<string, unknown> | null | undefined;
  const method = typeof qc?.quant_method === 'string' ? qc.quant_method.toLowerCase() : null;
  if (qc && method) {
    if (method === 'bitsandbytes') return bitsAndBytes(qc);
    if (method === 'exl2' && typeof qc.bits === 'number')
      return fromQuantSpec(exl2Quant(inRange(qc.bits, LIMITS.exl2Bits, 'quantization_config.bits')), method);
    if (method === 'gptq')
      return fromQuantSpec(findQuant(qc.bits === 8 ? 'gptq-int8' : 'gptq-int4', 'vllm'), method);
    const known = findQuant(method === 'fbgemm_fp8' ? 'fp8' : method, 'vllm');
    if (!known)
      notes.push(`quantization method "${method}" is not in the catalog; its layers are sized at 16 bits`);
    return fromQuantSpec(known, method);
  }
  const dtype = top.torch_dtype ?? top.dtype ?? text.torch_dtype ?? text.dtype ?? 'bfloat16';
  if (dtype === 'float32')
    notes.push('float32 checkpoint: vLLM loads it as 16-bit (dtype auto), so it is sized at 16 bits');
  return fromQuantSpec(findQuant(DTYPE[dtype] ?? 'bf16', 'vllm'), dtype);
}

/** Layer indices in weight_map beyond the served layers (MTP), and whether the map looks complete. */
function indexFacts(
  index: IndexInfo | null,
  layers: number,
  nextn: number,
): { extraLayers: number; tied: boolean | null; expertNames: number } {
  const names = index?.names ?? [];
  // One loop over the names: a weight_map may list a few hundred thousand tensors (no spread, no copies).
  let maxIndex = -1;
  let complete = false;
  let lmHead = false;
  let expertNames = 0;
  for (const n of names) {
    const layer = /(?:^|\.)layers\.(\d+)\./.exec(n)?.[1];
    if (layer !== undefined) maxIndex = Math.max(maxIndex, layerIndex(n, layer));
    if (n.endsWith('embed_tokens.weight')) complete = true;
    if (n === 'lm_head.weight') lmHead = true;
    if (n.includes('.experts.')) expertNames++;
  }
  return {
    extraLayers: Math.max(nextn, maxIndex + 1 - layers, 0),
    tied: complete ? !lmHead : null,
    expertNames,
  };
}

/** The layer a weight_map name belongs to; past MAX_LAYERS it is no real checkpoint. */
function layerIndex(name: string, digits: string): number {
  const index = Number(digits);
  if (index >= MAX_LAYERS) {
    throw new ModelImportError(
      'out-of-range',
      `weight_map lists ${name}, of layer ${digits}, but a model has at most ${MAX_LAYERS} layers`,
    );
  }
  return index;
}

function buildSpec(
  top: HfTextConfig,
  text: HfTextConfig,
  tiedFromIndex: boolean | null,
  notes: string[],
  options: HfImportOptions,
): ModelSpec {
  const { tieEmbeddings, ...architecture } = architectureFromHf(text);
  const tied = tiedFromIndex ?? tieEmbeddings ?? true;
  if (tieEmbeddings === null && tiedFromIndex === null)
    notes.push('config.json does not say whether embeddings are tied; transformers defaults to tied');
  const nameOrPath = top._name_or_path ?? '';
  const name =
    options.name ??
    (nameOrPath ? nameOrPath.slice(nameOrPath.lastIndexOf('/') + 1) : (text.model_type ?? 'model'));
  const spec: ModelSpec = {
    ...architecture,
    id: canonicalModelName(name) || 'hf-model',
    name,
    repo: /^[\w.-]+\/[\w.-]+$/.test(nameOrPath) ? nameOrPath : '',
    paramsB: 0,
    activeParamsB: 0,
    tieEmbeddings: tied,
    releasedDtype: releasedDtype(top, text),
    sources: [
      {
        ref: options.path ?? 'config.json',
        says: `transformers config: model_type ${text.model_type ?? '?'}, ${top.architectures?.join(', ') ?? 'no architectures'}`,
      },
    ],
  };
  return { ...spec, ...paramCounts(spec) };
}

function releasedDtype(top: HfTextConfig, text: HfTextConfig): string {
  const method = top.quantization_config?.quant_method ?? text.quantization_config?.quant_method;
  if (method) return method.toLowerCase();
  const dtype = top.torch_dtype ?? top.dtype ?? text.torch_dtype ?? text.dtype;
  return dtype ? (RELEASED[dtype] ?? dtype) : 'unknown';
}

/** Total and active parameters, billions: embeddings, head, layers; routed experts scaled by active/total. */
function paramCounts(spec: ModelSpec): Pick<ModelSpec, 'paramsB' | 'activeParamsB'> {
  const table = spec.vocabSize * spec.hiddenSize;
  const head = spec.tieEmbeddings ? 0 : table;
  const layers = layerParams(spec);
  const dense = layers.reduce((s, l) => s + l.dense, 0);
  const routed = layers.reduce((s, l) => s + l.expert, 0);
  const share = spec.experts ? spec.experts.active / spec.experts.total : 1;
  return {
    paramsB: (table + head + dense + routed) / 1e9,
    activeParamsB: (table + head + dense + routed * share) / 1e9,
  };
}

/** Scales every group so the served weights plus `extraLayers` copies of the last layer equal `totalBytes`. */
function scaleToIndex(w: ModelWeights, totalBytes: number, extraLayers: number): ModelWeights {
  const last = w.layers[w.layers.length - 1];
  const extra = last ? extraLayers * (last.denseBytes + last.expertBytes) : 0;
  const k = totalBytes / (totalWeightBytes(w) + extra);
  return {
    tokenEmbdBytes: w.tokenEmbdBytes * k,
    outputBytes: w.outputBytes * k,
    tiedOutput: w.tiedOutput,
    layers: w.layers.map((l) => ({ denseBytes: l.denseBytes * k, expertBytes: l.expertBytes * k })),
    origin: 'safetensors-index',
  };
}

/** The model, with notes, from a config.json object and optionally its index and a requested quant. */
export function importHfConfig(
  configJson: unknown,
  indexJson?: unknown,
  quant?: QuantSpec,
  options: HfImportOptions = {},
): ModelImport {
  const notes: string[] = [];
  const { top, text } = parseHfConfig(configJson);
  const index = parseIndex(indexJson);
  const nextn = inRange(text.num_nextn_predict_layers ?? 0, LIMITS.extraLayers, 'num_nextn_predict_layers');
  const facts = indexFacts(index, text.num_hidden_layers ?? 0, nextn);
  const spec = buildSpec(top, text, facts.tied, notes, options);
  if (spec.experts === null && facts.expertNames > 0)
    notes.push('weight_map lists expert tensors but config.json gives no expert count');
  const own = checkpointQuant(top, text, notes);
  const path = options.path !== undefined ? { path: options.path } : {};
  if (quant && quant.id !== own.quant?.id) {
    if (index?.totalBytes)
      notes.push(`the index describes the ${own.label} checkpoint, not ${quant.id}; sizes are estimated`);
    const m = modelFromCatalog(spec, quant);
    return { model: { ...m, weights: { ...m.weights, origin: 'hf-config' }, ...path }, notes };
  }
  let weights = weightsFromParams(spec, own.bits, 'hf-config');
  if (index?.totalBytes) {
    weights = scaleToIndex(weights, index.totalBytes, facts.extraLayers);
    if (facts.extraLayers > 0)
      notes.push(
        `the checkpoint holds ${facts.extraLayers} extra layer(s) (multi-token prediction) that are not served; they are left out`,
      );
  }
  return { model: { spec, quant: own.quant, quantLabel: own.label, weights, ...path }, notes };
}

/** EngineModel from a transformers config.json (and index / quant when given). Invalid input → ModelImportError. */
export function modelFromHfConfig(configJson: unknown, indexJson?: unknown, quant?: QuantSpec): EngineModel {
  return importHfConfig(configJson, indexJson, quant).model;
}
