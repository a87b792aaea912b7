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
  | 'out-of-range'
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

/** Longest message, characters: names and keys come from the file, and a header may hold megabyte strings. */
const MAX_MESSAGE = 600;

/**
 * One line a terminal shows as text: line breaks (and the spaces around them) become one space, other
 * control characters (an ESC from a hostile tensor name) become `?`, and an overlong message is cut.
 */
export function oneLine(text: string): string {
  const flat = text
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
    // eslint-disable-next-line no-control-regex -- the point is to remove them
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
    .trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 1)}…` : flat;
}

/** A model plus what the importer had to assume or noticed along the way (one sentence each). */
export interface ModelImport {
  readonly model: EngineModel;
  /** Assumptions and oddities, e.g. "head_count_kv differs per layer (1–8); the largest, 8, is used". */
  readonly notes: readonly string[];
}
