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
