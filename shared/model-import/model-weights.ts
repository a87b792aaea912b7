/**
 * What a model weighs, tensor group by tensor group — the input every memory and speed estimate
 * starts from. From a GGUF header these are the real tensor sizes; from the catalog or a
 * config.json they are parameter counts × bits per weight.
 */
import type { ModelSpec, QuantSpec } from '../catalog/types';

export interface LayerWeights {
  /** Attention, norms, router and any dense FFN of the layer, bytes. */
  readonly denseBytes: number;
  /** Routed MoE expert FFN tensors of the layer (what `--n-cpu-moe` / `-ot exps=CPU` move), bytes. */
  readonly expertBytes: number;
}

export interface ModelWeights {
  /** Token embedding table, bytes. llama.cpp keeps it in host memory. */
  readonly tokenEmbdBytes: number;
  /** Output head, bytes (a copy of the embedding when tied); it sits on the last GPU. */
  readonly outputBytes: number;
  /** Whether the output head is the embedding table reused (no separate `output.weight`). */
  readonly tiedOutput: boolean;
  readonly layers: readonly LayerWeights[];
  /** Where the sizes come from. */
  readonly origin: 'gguf' | 'catalog' | 'hf-config' | 'safetensors-index';
}

/** A model as the engine sees it: architecture facts, the quantization, and the weights. */
export interface EngineModel {
  readonly spec: ModelSpec;
  /** Null when the weights come from a GGUF file whose tensors carry their own types. */
  readonly quant: QuantSpec | null;
  /** Label for the quantization as shown to the user: `Q4_K_M`, `awq`, `4.0bpw`. */
  readonly quantLabel: string;
  readonly weights: ModelWeights;
  /** File path when imported from a file. */
  readonly path?: string;
}

export const totalWeightBytes = (w: ModelWeights): number =>
  w.tokenEmbdBytes +
  (w.tiedOutput ? 0 : w.outputBytes) +
  w.layers.reduce((s, l) => s + l.denseBytes + l.expertBytes, 0);
