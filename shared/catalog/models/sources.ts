/**
 * Small builders for the `Source` records of the model catalog, so every file cites the same URL shapes.
 * `says` always states the exact values the catalog relies on.
 */
import type { Source } from '../types';

/** The canonical `config.json` of a Hugging Face repository (`owner/name`). */
export function hfConfig(repo: string, says: string): Source {
  return { ref: `https://huggingface.co/${repo}/blob/main/config.json`, says };
}

/** A Hugging Face model card (`owner/name`), for parameter counts and documented context. */
export function hfCard(repo: string, says: string): Source {
  return { ref: `https://huggingface.co/${repo}`, says };
}

/** Any other page or file, cited by full URL (or `owner/repo path@commit`). */
export function page(ref: string, says: string): Source {
  return { ref, says };
}

/** A row of the project's llama.cpp/vLLM calibration logs (`/work/shared/calibration/memory-logs.csv`). */
export function calibration(id: string, says: string): Source {
  return { ref: `calibration/memory-logs.csv id=${id}`, says };
}

/**
 * A file of the public code search index whose repository the index does not name, cited by its file id.
 * Used for third-party copies of a `config.json` (tests, fixtures, converters) when the Hub page itself was
 * not reachable; `says` quotes the values read there.
 */
export function indexed(fileId: string, says: string): Source {
  return {
    ref: `public code search index, file id ${fileId}`,
    says: `${says}; the index does not name the repository`,
  };
}

/** A file of a GitHub repository at a commit (`owner/repo`, path inside it). */
export function repoFile(repo: string, path: string, commit: string, says: string): Source {
  return { ref: `${repo} ${path}@${commit}`, says };
}

/** AI-Hypercomputer/maxtext: `hf_model_configs.py` copies Hugging Face `config.json` files verbatim. */
export const MAXTEXT_COMMIT = 'e591f30cbbf217ed67ef71263ec0538239f9c3b8';
export const maxtext = (path: string, says: string): Source =>
  repoFile('AI-Hypercomputer/maxtext', path, MAXTEXT_COMMIT, says);
export const MAXTEXT_HF_CONFIGS = 'src/maxtext/checkpoint_conversion/utils/hf_model_configs.py';

/** THUDM/slime `scripts/models/*.sh`: Megatron arguments that mirror each checkpoint's config. */
export const SLIME_COMMIT = '624b824a898ab0ec1fcb4d373004c7f3852bf515';
export const slimeScript = (file: string, says: string): Source =>
  repoFile('THUDM/slime', `scripts/models/${file}`, SLIME_COMMIT, says);

/** Lightning-AI/litgpt `litgpt/config.py`: per-model configs, each linked to the Hub `config.json` it mirrors. */
export const litgpt = (says: string): Source =>
  repoFile('Lightning-AI/litgpt', 'litgpt/config.py', '26857050fe3ff627cd714fe92f5838f51a3d5efa', says);

/** ggml-org/llama.cpp architecture names (`src/llama-arch.cpp` LLM_ARCH_NAMES), read through an index copy. */
export const LLAMA_CPP_ARCH_NAMES = indexed(
  '6930399325',
  'copy of llama.cpp src/llama-arch.cpp LLM_ARCH_NAMES: deepseek2, glm4moe, ernie4_5-moe, hunyuan-moe, gpt-oss, minimax-m2, mistral3, seed_oss, glm-dsa',
);
