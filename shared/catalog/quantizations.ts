/**
 * Quantization formats and their bits per weight, each with its source.
 *
 * GGUF: `blockBitsPerWeight` is the ggml block type's own size (bytes per block × 8 / weights per block,
 * from ggml-common.h). Single-type recipes use it as `bitsPerWeight` (basis `block`). Mixed recipes
 * (K-quant _S/_M/_L, Q2_K, IQ2_M, IQ3_M) keep some tensors at wider types, so `bitsPerWeight` is the
 * published whole-file average measured on meta-llama/Llama-3.1-8B (basis `file-average`); a model with
 * a smaller share of embedding/output weights lands slightly lower.
 * vLLM/SGLang: weight element width, plus group scales/zeros where the checkpoint layout stores them.
 * EXL2: the average bitrate chosen at conversion (`4.0bpw`), parsed generically.
 */
import type { QuantFormat, QuantSpec, Source } from './types';

const GGML_COMMON = 'ggml-org/llama.cpp ggml/src/ggml-common.h@01243c587feceaa5d6a6c2305535ef2f549c48b8';
const QUANT_README = 'ggml-org/llama.cpp tools/quantize/README.md@f4a71e707e2c0e041fb43be5a32659f364fc712d';
const QUANT_CPP = 'ggml-org/llama.cpp tools/quantize/quantize.cpp@42ea59bcf104ce81f167a66020a5eeafa428ecb2';
const GGUF_RUNTIMES = ['llama.cpp', 'ollama', 'lm-studio'] as const;
const VLLM_RUNTIMES = ['vllm', 'sglang'] as const;
const EXL2_RUNTIMES = ['exllamav2', 'tabbyapi'] as const;

const block = (says: string): Source => ({ ref: GGML_COMMON, says });
const measured = (says: string): Source => ({
  ref: QUANT_README,
  says: `meta-llama/Llama-3.1-8B table: ${says}`,
});
const help = (says: string): Source => ({ ref: QUANT_CPP, says: `QUANT_OPTIONS: ${says}` });

type GgufRow = Omit<QuantSpec, 'format' | 'runtimes'>;
const gguf = (row: GgufRow): QuantSpec => ({ ...row, format: 'gguf', runtimes: GGUF_RUNTIMES });

const GGUF_QUANTS: readonly QuantSpec[] = [
  gguf({
    id: 'F32',
    bitsPerWeight: 32,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 32,
    sources: [help('F32 "26.00G @ 7B" (4 bytes per weight)')],
  }),
  gguf({
    id: 'F16',
    bitsPerWeight: 16,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 16,
    sources: [measured('F16 16.0005 bits/weight, 14.96 GiB')],
  }),
  gguf({
    id: 'BF16',
    bitsPerWeight: 16,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 16,
    sources: [help('BF16 "14.00G, -0.0050 ppl @ Mistral-7B" (2 bytes per weight, same as F16)')],
  }),
  gguf({
    id: 'Q8_0',
    bitsPerWeight: 8.5,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 8.5,
    sources: [
      block('block_q8_0: fp16 d + 32 int8 quants per 32 weights = 34 bytes / 32'),
      measured('Q8_0 8.5008 bits/weight'),
    ],
  }),
  gguf({
    id: 'Q6_K',
    bitsPerWeight: 6.5625,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 6.5625,
    sources: [
      block('block_q6_K: "Effectively 6.5625 bits per weight" (210 bytes / 256)'),
      measured('Q6_K 6.5633 bits/weight'),
    ],
  }),
  gguf({
    id: 'Q5_K_M',
    aliases: ['Q5_K'],
    bitsPerWeight: 5.7036,
    bitsPerWeightBasis: 'file-average',
    blockBitsPerWeight: 5.5,
    note: 'Q5_K with some tensors (attn_v, ffn_down halves, output) at Q6_K.',
    sources: [
      measured('Q5_K_M 5.7036 bits/weight, 5.33 GiB'),
      block('block_q5_K: "Effectively 5.5 bits per weight"'),
      help('Q5_K_M "5.33G, +0.0569 ppl @ Llama-3-8B"; Q5_K alias for Q5_K_M'),
    ],
  }),
  gguf({
    id: 'Q5_K_S',
    bitsPerWeight: 5.5704,
    bitsPerWeightBasis: 'file-average',
    blockBitsPerWeight: 5.5,
    sources: [
      measured('Q5_K_S 5.5704 bits/weight, 5.21 GiB'),
      block('block_q5_K: "Effectively 5.5 bits per weight"'),
    ],
  }),
  gguf({
    id: 'Q5_0',
    bitsPerWeight: 5.5,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 5.5,
    note: 'A Q5_0 file of Llama-3-8B is 5.21 GiB (~5.57 bits/weight over the file: the output tensor stays wider).',
    sources: [
      block('block_q5_0: fp16 d + 4 bytes high bits + 16 bytes nibbles per 32 weights = 22 bytes / 32'),
      help('Q5_0 "5.21G, +0.1316 ppl @ Llama-3-8B"'),
    ],
  }),
  gguf({
    id: 'Q4_K_M',
    aliases: ['Q4_K'],
    bitsPerWeight: 4.8944,
    bitsPerWeightBasis: 'file-average',
    blockBitsPerWeight: 4.5,
    note: 'Q4_K with some tensors (attn_v, ffn_down halves, output) at Q6_K.',
    sources: [
      measured('Q4_K_M 4.8944 bits/weight, 4.58 GiB'),
      block('block_q4_K: "Effectively 4.5 bits per weight" (144 bytes / 256)'),
      help('Q4_K_M "4.58G, +0.1754 ppl @ Llama-3-8B"; Q4_K alias for Q4_K_M'),
    ],
  }),
  gguf({
    id: 'Q4_K_S',
    bitsPerWeight: 4.6672,
    bitsPerWeightBasis: 'file-average',
    blockBitsPerWeight: 4.5,
    sources: [
      measured('Q4_K_S 4.6672 bits/weight, 4.36 GiB'),
      block('block_q4_K: "Effectively 4.5 bits per weight"'),
    ],
  }),
  gguf({
    id: 'Q4_0',
    bitsPerWeight: 4.5,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 4.5,
    note: 'A Q4_0 file of Llama-3-8B is 4.34 GiB (~4.64 bits/weight over the file).',
    sources: [
      block('block_q4_0: fp16 d + 16 bytes nibbles per 32 weights = 18 bytes / 32'),
      help('Q4_0 "4.34G, +0.4685 ppl @ Llama-3-8B"'),
    ],
  }),
  gguf({
    id: 'IQ4_XS',
    bitsPerWeight: 4.25,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 4.25,
    note: 'Whole-file average on Llama-3.1-8B: 4.4597 bits/weight.',
    sources: [
      block('block_iq4_xs: fp16 d + uint16 scales_h + 4 bytes scales_l + 128 bytes quants = 136 bytes / 256'),
      help('IQ4_XS "4.25 bpw non-linear quantization"'),
      measured('IQ4_XS 4.4597 bits/weight'),
    ],
  }),
  gguf({
    id: 'IQ4_NL',
    bitsPerWeight: 4.5,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 4.5,
    note: 'Whole-file average on Llama-3.1-8B: 4.6818 bits/weight.',
    sources: [
      block('block_iq4_nl: fp16 d + 16 bytes per 32 weights = 18 bytes / 32'),
      help('IQ4_NL "4.50 bpw non-linear quantization"'),
      measured('IQ4_NL 4.6818 bits/weight'),
    ],
  }),
  gguf({
    id: 'Q3_K_L',
    bitsPerWeight: 4.2979,
    bitsPerWeightBasis: 'file-average',
    blockBitsPerWeight: 3.4375,
    sources: [
      measured('Q3_K_L 4.2979 bits/weight, 4.02 GiB'),
      block('block_q3_K: "Effectively 3.4375 bits per weight"'),
    ],
  }),
  // Derived: 3.74 GiB × 2^30 × 8 bits / 8.03e9 weights (Llama-3-8B, 8.03B per the Llama 3 entries) = 4.00.
  gguf({
    id: 'Q3_K_M',
    aliases: ['Q3_K'],
    bitsPerWeight: 4.0,
    bitsPerWeightBasis: 'file-average',
    blockBitsPerWeight: 3.4375,
    note: 'Not in the README table; derived from the 3.74 GiB Llama-3-8B file size (the help text uses GiB: its Q4_K_M 4.58G equals the README 4.58 GiB).',
    sources: [
      help('Q3_K_M "3.74G, +0.6569 ppl @ Llama-3-8B"; Q3_K alias for Q3_K_M'),
      block('block_q3_K: "Effectively 3.4375 bits per weight"'),
    ],
  }),
  gguf({
    id: 'Q3_K_S',
    bitsPerWeight: 3.6429,
    bitsPerWeightBasis: 'file-average',
    blockBitsPerWeight: 3.4375,
    sources: [
      measured('Q3_K_S 3.6429 bits/weight, 3.41 GiB'),
      block('block_q3_K: "Effectively 3.4375 bits per weight"'),
    ],
  }),
  gguf({
    id: 'IQ3_M',
    bitsPerWeight: 3.7628,
    bitsPerWeightBasis: 'file-average',
    blockBitsPerWeight: 3.4375,
    sources: [
      measured('IQ3_M 3.7628 bits/weight'),
      help('IQ3_M "3.66 bpw quantization mix"'),
      block('block_iq3_s: 3.4375 bpw (110 bytes / 256)'),
    ],
  }),
  gguf({
    id: 'IQ3_XXS',
    bitsPerWeight: 3.0625,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 3.0625,
    note: 'Whole-file average on Llama-3.1-8B: 3.2548 bits/weight.',
    sources: [
      block('block_iq3_xxs: "3.0625 bpw" (98 bytes / 256)'),
      help('IQ3_XXS "3.06 bpw quantization"'),
      measured('IQ3_XXS 3.2548 bits/weight'),
    ],
  }),
  gguf({
    id: 'Q2_K',
    bitsPerWeight: 3.1593,
    bitsPerWeightBasis: 'file-average',
    blockBitsPerWeight: 2.625,
    note: 'The Q2_K recipe keeps attention and output tensors at wider K types.',
    sources: [
      measured('Q2_K 3.1593 bits/weight, 2.95 GiB'),
      block('block_q2_K: "Effectively 2.625 bits per weight" (84 bytes / 256)'),
      help('Q2_K "2.96G, +3.5199 ppl @ Llama-3-8B"'),
    ],
  }),
  gguf({
    id: 'IQ2_M',
    bitsPerWeight: 2.9294,
    bitsPerWeightBasis: 'file-average',
    blockBitsPerWeight: 2.5625,
    sources: [
      measured('IQ2_M 2.9294 bits/weight'),
      help('IQ2_M "2.7 bpw quantization"'),
      block('block_iq2_s: "2.5625 bpw"'),
    ],
  }),
  gguf({
    id: 'IQ2_XS',
    bitsPerWeight: 2.3125,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 2.3125,
    note: 'Whole-file average on Llama-3.1-8B: 2.5882 bits/weight. Needs an importance matrix.',
    sources: [
      block('block_iq2_xs: "2.3125 bpw"'),
      help('IQ2_XS "2.31 bpw quantization"'),
      measured('IQ2_XS 2.5882 bits/weight'),
    ],
  }),
  gguf({
    id: 'IQ2_XXS',
    bitsPerWeight: 2.0625,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 2.0625,
    note: 'Whole-file average on Llama-3.1-8B: 2.3824 bits/weight. Needs an importance matrix.',
    sources: [
      block('block_iq2_xxs: "ends up using 2.0625 bpw because of the 16-bit scale for each block of 256"'),
      help('IQ2_XXS "2.06 bpw quantization"'),
      measured('IQ2_XXS 2.3824 bits/weight'),
    ],
  }),
  gguf({
    id: 'IQ1_M',
    bitsPerWeight: 1.75,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 1.75,
    note: 'Whole-file average on Llama-3.1-8B: 2.1460 bits/weight. Needs an importance matrix.',
    sources: [
      block('block_iq1_m: "1.75 bpw" (56 bytes / 256)'),
      help('IQ1_M "1.75 bpw quantization"'),
      measured('IQ1_M 2.1460 bits/weight'),
    ],
  }),
  gguf({
    id: 'IQ1_S',
    bitsPerWeight: 1.5625,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 1.5625,
    note: 'Whole-file average on Llama-3.1-8B: 2.0042 bits/weight. Needs an importance matrix.',
    sources: [
      block('block_iq1_s: "1.5625 bpw" (50 bytes / 256)'),
      help('IQ1_S "1.56 bpw quantization"'),
      measured('IQ1_S 2.0042 bits/weight'),
    ],
  }),
  gguf({
    id: 'MXFP4',
    aliases: ['MXFP4_MOE'],
    bitsPerWeight: 4.25,
    bitsPerWeightBasis: 'block',
    blockBitsPerWeight: 4.25,
    note: 'llama-quantize type MXFP4_MOE stores the expert tensors as MXFP4 (gpt-oss ships its experts this way).',
    sources: [
      block('block_mxfp4: one E8M0 scale byte + 16 bytes of 4-bit values per 32 weights = 17 bytes / 32'),
      help('MXFP4_MOE "MXFP4 MoE"'),
    ],
  }),
];

const VLLM_AWQ =
  'vllm-project/vllm vllm/model_executor/layers/quantization/awq.py@92d756e9ccd74c7772d5d9936ac5631b811a961f';
const VLLM_GPTQ =
  'vllm-project/vllm vllm/model_executor/layers/quantization/gptq.py@e5dd90be38faf08d3f841f7ef1f4d7e64a70147d';
const VLLM_FP8 = 'https://docs.vllm.ai/en/stable/features/quantization/fp8/';
const GROUP_LAYOUT =
  'per group of 128 input rows and output column: one params_dtype (fp16) scale and one packed zero of the weight width';
const vllm = (row: Omit<QuantSpec, 'format' | 'runtimes'>): QuantSpec => ({
  ...row,
  format: 'vllm',
  runtimes: VLLM_RUNTIMES,
});

const VLLM_QUANTS: readonly QuantSpec[] = [
  vllm({
    id: 'fp16',
    aliases: ['float16', 'half'],
    bitsPerWeight: 16,
    bitsPerWeightBasis: 'block',
    sources: [
      {
        ref: VLLM_FP8,
        says: 'FP8 gives "a 2x reduction in model memory requirements" against 16-bit weights',
      },
    ],
  }),
  vllm({
    id: 'bf16',
    aliases: ['bfloat16'],
    bitsPerWeight: 16,
    bitsPerWeightBasis: 'block',
    sources: [
      {
        ref: VLLM_FP8,
        says: 'FP8 gives "a 2x reduction in model memory requirements" against 16-bit weights',
      },
    ],
  }),
  vllm({
    id: 'fp8',
    aliases: ['fp8_e4m3', 'w8a8-fp8'],
    bitsPerWeight: 8,
    bitsPerWeightBasis: 'block',
    note: 'E4M3 weights with per-tensor (or per-channel/block) scales; the scales are negligible.',
    sources: [
      {
        ref: VLLM_FP8,
        says: 'FP8 (E4M3 / E5M2, 8-bit floating point) weights: 2x reduction in model memory; dynamic mode uses a per-tensor scale',
      },
    ],
  }),
  vllm({
    id: 'awq',
    aliases: ['awq-int4', 'awq-4bit'],
    bitsPerWeight: 4.15625,
    bitsPerWeightBasis: 'format',
    note: 'Group size 128 (the usual AutoAWQ setting): 4 + (16 + 4) / 128 bits. Estimates that add a full 32-bit word per group land at ~4.25.',
    sources: [
      {
        ref: VLLM_AWQ,
        says: `qweight int32 packs 8 four-bit weights; qzeros [in/group, out/pack] int32; scales [in/group, out] params_dtype — ${GROUP_LAYOUT}`,
      },
      {
        ref: 'https://huggingface.co/casperhansen/deepseek-r1-distill-llama-70b-awq/blob/main/config.json',
        says: 'quantization_config: bits 4, group_size 128, quant_method awq, version gemm, zero_point true',
      },
    ],
  }),
  vllm({
    id: 'gptq-int4',
    aliases: ['gptq', 'gptq-4bit'],
    bitsPerWeight: 4.15625,
    bitsPerWeightBasis: 'format',
    note: 'Group size 128: 4 + (16 + 4) / 128 bits, plus one int32 g_idx per input row (negligible).',
    sources: [
      {
        ref: VLLM_GPTQ,
        says: `qweight [in/pack, out] int32; g_idx int32 per input row; qzeros [in/group, out/pack] int32; scales [in/group, out] params_dtype — ${GROUP_LAYOUT}`,
      },
    ],
  }),
  vllm({
    id: 'gptq-int8',
    aliases: ['gptq-8bit'],
    bitsPerWeight: 8.1875,
    bitsPerWeightBasis: 'format',
    note: 'Group size 128: 8 + (16 + 8) / 128 bits.',
    sources: [{ ref: VLLM_GPTQ, says: `same layout with 8-bit packing — ${GROUP_LAYOUT}` }],
  }),
  vllm({
    id: 'nvfp4',
    bitsPerWeight: 4.5,
    bitsPerWeightBasis: 'format',
    note: 'FP4 E2M1 values with one FP8 (E4M3) scale per 16 weights, plus one FP32 tensor scale (negligible). Blackwell only for native kernels.',
    sources: [
      block(
        'block_nvfp4: per 64 weights, 4 UE4M3 scale bytes (one per 16-weight sub-block) + 32 bytes of E2M1 values = 36 bytes / 64',
      ),
    ],
  }),
  vllm({
    id: 'mxfp4',
    bitsPerWeight: 4.25,
    bitsPerWeightBasis: 'format',
    note: 'FP4 E2M1 values with one E8M0 scale per 32 weights; gpt-oss ships only its MoE weights this way.',
    sources: [
      block('block_mxfp4: one E8M0 scale byte + 16 bytes of 4-bit values per 32 weights = 17 bytes / 32'),
    ],
  }),
];

/** The bitrates EXL2 accepts (exllamav2 README: "any average bitrate between 2 and 8 bits per weight"). */
export const EXL2_MIN_BPW = 2.0;
export const EXL2_MAX_BPW = 8.0;
const EXL2_SOURCES: readonly Source[] = [
  {
    ref: 'https://github.com/turboderp-org/exllamav2/blob/master/README.md',
    says: 'EXL2 "supports 2, 3, 4, 5, 6 and 8-bit quantization. The format allows for mixing quantization levels within a model to achieve any average bitrate between 2 and 8 bits per weight."',
  },
  {
    ref: 'https://huggingface.co/zetasepic/Qwen2.5-32B-Instruct-abliterated-v2-6.5bpw-exl2/blob/main/config.json',
    says: 'quantization_config: quant_method exl2, bits 6.5, head_bits 8 (the output head is stored at head_bits)',
  },
];

/** `4.0bpw`, `4bpw`, `4.65bpw`, `6.0bpw-h6`, `exl2-5.0bpw` → bits per weight; null when unparseable or outside 2.0–8.0. */
export function parseExl2Bpw(text: string): number | null {
  const m = /^(?:exl2[-_ ]?)?(\d+(?:\.\d+)?)\s*bpw(?:[-_ ]?h\d+)?$/i.exec(text.trim());
  if (!m?.[1]) return null;
  const bpw = Number(m[1]);
  return bpw >= EXL2_MIN_BPW && bpw <= EXL2_MAX_BPW ? bpw : null;
}

/** An EXL2 quant at any valid bitrate (`4.0bpw`). */
export function exl2Quant(bpw: number): QuantSpec {
  return {
    id: `${bpw.toFixed(bpw * 10 === Math.round(bpw * 10) ? 1 : 2)}bpw`,
    format: 'exl2',
    bitsPerWeight: bpw,
    bitsPerWeightBasis: 'file-average',
    runtimes: EXL2_RUNTIMES,
    note: 'Average over the quantized linear layers; the output head is stored at head_bits (usually 6 or 8).',
    sources: EXL2_SOURCES,
  };
}

/** Commonly published EXL2 bitrates; any other valid bitrate is accepted by `findQuant`. */
const EXL2_QUANTS: readonly QuantSpec[] = [2.5, 3.0, 3.5, 4.0, 4.65, 5.0, 6.0, 8.0].map(exl2Quant);

export const QUANT_CATALOG: readonly QuantSpec[] = [...GGUF_QUANTS, ...VLLM_QUANTS, ...EXL2_QUANTS];

const names = (q: QuantSpec): string[] => [q.id, ...(q.aliases ?? [])];

/**
 * The quantization with this id or alias. Case-sensitive matches win; otherwise case-insensitive, and when
 * both a GGUF and a vLLM entry match (`BF16`/`bf16`, `MXFP4`/`mxfp4`) an all-upper-case query means GGUF.
 * `N.Nbpw` resolves to an EXL2 entry for any bitrate from 2.0 to 8.0.
 */
export function findQuant(id: string, format?: QuantFormat): QuantSpec | undefined {
  const q = id.trim();
  const pool = QUANT_CATALOG.filter((e) => !format || e.format === format);
  const exact = pool.find((e) => names(e).includes(q));
  if (exact) return exact;
  const lower = q.toLowerCase();
  const loose = pool.filter((e) => names(e).some((n) => n.toLowerCase() === lower));
  if (loose.length > 1)
    return loose.find((e) => e.format === (q === q.toUpperCase() ? 'gguf' : 'vllm')) ?? loose[0];
  if (loose[0]) return loose[0];
  if (format && format !== 'exl2') return undefined;
  const bpw = parseExl2Bpw(q);
  if (bpw === null) return undefined;
  return EXL2_QUANTS.find((e) => e.bitsPerWeight === bpw) ?? exl2Quant(bpw);
}
