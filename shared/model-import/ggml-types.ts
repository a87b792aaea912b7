/**
 * ggml tensor types and llama.cpp file types, so a GGUF header gives exact tensor byte sizes.
 *
 * Type ids: ggml-org/llama.cpp ggml/include/ggml.h@004eaba804a34aa1a397b61d6d5274171c5e4cba `enum ggml_type`
 * (F32 = 0 … MXFP4 = 39; ids 4, 5, 31–33, 36–38 are removed types). NVFP4 = 40 and Q1_0 = 41 are newer;
 * they match @huggingface/tasks 0.21 `GGMLQuantizationType`.
 * Block sizes / bytes per block: ggml-org/llama.cpp ggml/src/ggml.c@00bdaa105cb03380daf899b4fc9f026555745269
 * `type_traits` (`.blck_size`, `.type_size = sizeof(block_…)`), with the structs in
 * ggml/src/ggml-common.h@01243c587feceaa5d6a6c2305535ef2f549c48b8 (static_asserts give each size).
 * File types: ggml-org/llama.cpp include/llama.h@3679b65db16ebaabba95a893c62eb6c4840e832c `enum llama_ftype`
 * (MXFP4_MOE = 38 from @huggingface/tasks `GGMLFileQuantizationType`, which also lists NVFP4 = 39, Q1_0 = 40);
 * names as src/llama-model-loader.cpp `llama_model_ftype_name` prints them ("Q4_K - Medium" → `Q4_K_M`).
 */
import { ModelImportError } from './model-import-error';

/** One ggml storage type: `blockSize` weights are stored in `typeSize` bytes. */
export interface GgmlType {
  /** Upper-case name as llama.cpp tools print it (`Q4_K`, `IQ4_XS`, `BF16`). */
  readonly name: string;
  /** Weights per block. */
  readonly blockSize: number;
  /** Bytes per block. */
  readonly typeSize: number;
}

const t = (name: string, blockSize: number, typeSize: number): GgmlType => ({ name, blockSize, typeSize });

/** ggml type id → type. QK_K = 256 for K-quants and most IQ types. */
export const GGML_TYPES: Readonly<Record<number, GgmlType>> = {
  0: t('F32', 1, 4),
  1: t('F16', 1, 2),
  2: t('Q4_0', 32, 18), // fp16 d + 16 B nibbles
  3: t('Q4_1', 32, 20), // fp16 d, m + 16 B
  6: t('Q5_0', 32, 22), // fp16 d + 4 B high bits + 16 B
  7: t('Q5_1', 32, 24),
  8: t('Q8_0', 32, 34), // fp16 d + 32 int8
  9: t('Q8_1', 32, 36),
  10: t('Q2_K', 256, 84), // 2.625 bpw
  11: t('Q3_K', 256, 110), // 3.4375 bpw
  12: t('Q4_K', 256, 144), // 4.5 bpw
  13: t('Q5_K', 256, 176), // 5.5 bpw
  14: t('Q6_K', 256, 210), // 6.5625 bpw
  15: t('Q8_K', 256, 292), // fp32 d + 256 int8 + 16 int16 sums
  16: t('IQ2_XXS', 256, 66), // 2.0625 bpw
  17: t('IQ2_XS', 256, 74), // 2.3125 bpw
  18: t('IQ3_XXS', 256, 98), // 3.0625 bpw
  19: t('IQ1_S', 256, 50), // 1.5625 bpw
  20: t('IQ4_NL', 32, 18), // 4.5 bpw
  21: t('IQ3_S', 256, 110), // 3.4375 bpw
  22: t('IQ2_S', 256, 82), // 2.5625 bpw
  23: t('IQ4_XS', 256, 136), // 4.25 bpw
  24: t('I8', 1, 1),
  25: t('I16', 1, 2),
  26: t('I32', 1, 4),
  27: t('I64', 1, 8),
  28: t('F64', 1, 8),
  29: t('IQ1_M', 256, 56), // 1.75 bpw
  30: t('BF16', 1, 2),
  34: t('TQ1_0', 256, 54), // 1.6875 bpw
  35: t('TQ2_0', 256, 66), // 2.0625 bpw
  39: t('MXFP4', 32, 17), // E8M0 scale + 16 B of E2M1
  40: t('NVFP4', 64, 36), // 4 UE4M3 scales + 32 B of E2M1
  41: t('Q1_0', 128, 18), // fp16 d + 16 B of sign bits
};

/** llama_ftype id (`general.file_type`) → label as the catalog spells quants. */
export const LLAMA_FTYPES: Readonly<Record<number, string>> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  7: 'Q8_0',
  8: 'Q5_0',
  9: 'Q5_1',
  10: 'Q2_K',
  11: 'Q3_K_S',
  12: 'Q3_K_M',
  13: 'Q3_K_L',
  14: 'Q4_K_S',
  15: 'Q4_K_M',
  16: 'Q5_K_S',
  17: 'Q5_K_M',
  18: 'Q6_K',
  19: 'IQ2_XXS',
  20: 'IQ2_XS',
  21: 'Q2_K_S',
  22: 'IQ3_XS',
  23: 'IQ3_XXS',
  24: 'IQ1_S',
  25: 'IQ4_NL',
  26: 'IQ3_S',
  27: 'IQ3_M',
  28: 'IQ2_S',
  29: 'IQ2_M',
  30: 'IQ4_XS',
  31: 'IQ1_M',
  32: 'BF16',
  36: 'TQ1_0',
  37: 'TQ2_0',
  38: 'MXFP4_MOE',
  39: 'NVFP4',
  40: 'Q1_0',
};

/** `LLAMA_FTYPE_GUESSED`: set when llama.cpp inferred the file type instead of reading it. */
const FTYPE_GUESSED = 1024;

/** Label for a `general.file_type` value, or null when unknown. */
export function ftypeLabel(ftype: number): string | null {
  const base = ftype & ~FTYPE_GUESSED;
  return LLAMA_FTYPES[base] ?? null;
}

/** The shape and storage type of one tensor as a GGUF header lists it (ggml order: `shape[0]` is the row length). */
export interface TensorShape {
  readonly name: string;
  /** Elements per dimension, innermost first. */
  readonly shape: readonly (number | bigint)[];
  /** ggml type id. */
  readonly ggmlType: number;
}

/** Number of elements (weights) in a tensor. */
export function tensorElements(tensor: TensorShape): number {
  return tensor.shape.reduce<number>((n, d) => n * Number(d), 1);
}

/**
 * Bytes a tensor occupies, as ggml_nbytes computes it: rows × (row length / block size) × bytes per block.
 * Null when the type id is not in the table (a newer or forked type); throws on a row length that is not
 * a whole number of blocks (a corrupt header).
 */
export function tensorBytes(tensor: TensorShape): number | null {
  const type = GGML_TYPES[tensor.ggmlType];
  if (!type) return null;
  const rowLength = Number(tensor.shape[0] ?? 1);
  if (rowLength % type.blockSize !== 0) {
    throw new ModelImportError(
      'malformed',
      `tensor ${tensor.name} has rows of ${rowLength} weights, not a whole number of ${type.name} blocks (${type.blockSize})`,
    );
  }
  const rows = tensor.shape.slice(1).reduce<number>((n, d) => n * Number(d), 1);
  return rows * (rowLength / type.blockSize) * type.typeSize;
}

/**
 * Highest type id a newer ggml could plausibly have: ggml went from 0 to 41 in three years, so an id past
 * 255 is a corrupt header, not a type this version has yet to learn (llama.cpp refuses both).
 */
export const MAX_GGML_TYPE_ID = 255;

/** The name of a ggml type id (`Q4_K`), or `type 137` for an id the table does not know. */
export function ggmlTypeName(id: number): string {
  return GGML_TYPES[id]?.name ?? `type ${id}`;
}
