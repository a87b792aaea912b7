/**
 * The one error type of model import (GGUF headers, config.json, catalog estimates), and the result
 * shape that carries notes beside the model. Messages are one line, name the file, and say what is wrong
 * in words a user can act on ("X is truncated: …", "X is not a GGUF file (it starts with …)").
 */
import type { EngineModel } from './model-weights';

/** Why an import failed. */
export type ModelImportCode =
  | 'not-found'
  | 'is-directory'
  | 'empty'
  | 'not-gguf'
  | 'truncated'
  | 'malformed'
  | 'missing-key'
  | 'unknown-tensor-type'
  | 'missing-shard'
  | 'not-config'
  | 'too-large'
  | 'unsupported';

/** A failed import: `message` is a single line meant for the user. */
export class ModelImportError extends Error {
  override readonly name = 'ModelImportError';
  /** Machine-readable reason, for callers that react differently (e.g. offer to pick another file). */
  readonly code: ModelImportCode;

  constructor(code: ModelImportCode, message: string) {
    super(oneLine(message));
    this.code = code;
  }
}

/** Replaces line breaks (and the spaces around them) with one space so a message always fits on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** A model plus what the importer had to assume or noticed along the way (one sentence each). */
export interface ModelImport {
  readonly model: EngineModel;
  /** Assumptions and oddities, e.g. "head_count_kv differs per layer (1–8); the largest, 8, is used". */
  readonly notes: readonly string[];
}
