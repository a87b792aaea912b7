/** The model catalog: every model the advisor knows by architecture, each with its sources. */
import type { ModelSpec } from '../types';
import { DEEPSEEK_MODELS } from './deepseek';
import { DEEPSEEK_V2_MODELS } from './deepseek-v2';
import { DEEPSEEK_V3X_MODELS } from './deepseek-v3x';
import { ERNIE_MODELS } from './ernie';
import { GEMMA2_MODELS } from './gemma-2';
import { GEMMA4_MODELS } from './gemma-4';
import { GEMMA_PHI_MODELS } from './gemma-phi';
import { GEMMA_PHI_MORE_MODELS } from './gemma-phi-more';
import { GLM_MODELS } from './glm';
import { GPT_OSS_MODELS } from './gpt-oss';
import { HUNYUAN_MODELS } from './hunyuan';
import { KIMI_MODELS } from './kimi';
import { LLAMA_2_MODELS } from './llama-2';
import { LLAMA_3_MODELS } from './llama-3';
import { LLAMA_4_MODELS } from './llama-4';
import { LLAMA_CLASSIC_MODELS } from './llama-classic';
import { MINIMAX_MODELS } from './minimax';
import { MISTRAL_MODELS } from './mistral';
import { MISTRAL_3_MODELS } from './mistral-3';
import { MISTRAL_MORE_MODELS } from './mistral-more';
import { OLMO_MODELS } from './olmo';
import { QWEN25_MODELS } from './qwen2.5';
import { QWEN25_MORE_MODELS } from './qwen2.5-more';
import { QWEN3_MODELS } from './qwen3';
import { QWEN3_MORE_MODELS } from './qwen3-more';
import { QWEN35_MODELS } from './qwen3.5';
import { QWEN36_MODELS } from './qwen3.6';
import { SEED_OSS_MODELS } from './seed-oss';

export const MODEL_CATALOG: readonly ModelSpec[] = [
  ...LLAMA_2_MODELS,
  ...LLAMA_3_MODELS,
  ...LLAMA_4_MODELS,
  ...LLAMA_CLASSIC_MODELS,
  ...MISTRAL_MODELS,
  ...MISTRAL_3_MODELS,
  ...MISTRAL_MORE_MODELS,
  ...QWEN25_MODELS,
  ...QWEN25_MORE_MODELS,
  ...QWEN3_MODELS,
  ...QWEN3_MORE_MODELS,
  ...QWEN35_MODELS,
  ...QWEN36_MODELS,
  ...GEMMA_PHI_MODELS,
  ...GEMMA_PHI_MORE_MODELS,
  ...GEMMA2_MODELS,
  ...GEMMA4_MODELS,
  ...DEEPSEEK_MODELS,
  ...DEEPSEEK_V3X_MODELS,
  ...DEEPSEEK_V2_MODELS,
  ...KIMI_MODELS,
  ...GLM_MODELS,
  ...MINIMAX_MODELS,
  ...ERNIE_MODELS,
  ...HUNYUAN_MODELS,
  ...SEED_OSS_MODELS,
  ...OLMO_MODELS,
  ...GPT_OSS_MODELS,
];
