/** The model catalog: every model the advisor knows by architecture, each with its sources. */
import type { ModelSpec } from '../types';
import { DEEPSEEK_MODELS } from './deepseek';
import { GEMMA_PHI_MODELS } from './gemma-phi';
import { GPT_OSS_MODELS } from './gpt-oss';
import { LLAMA_2_MODELS } from './llama-2';
import { LLAMA_3_MODELS } from './llama-3';
import { MISTRAL_MODELS } from './mistral';
import { QWEN25_MODELS } from './qwen2.5';
import { QWEN3_MODELS } from './qwen3';

export const MODEL_CATALOG: readonly ModelSpec[] = [
  ...LLAMA_2_MODELS,
  ...LLAMA_3_MODELS,
  ...MISTRAL_MODELS,
  ...QWEN25_MODELS,
  ...QWEN3_MODELS,
  ...GEMMA_PHI_MODELS,
  ...DEEPSEEK_MODELS,
  ...GPT_OSS_MODELS,
];
