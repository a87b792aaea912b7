/**
 * Qwen2.5 and Qwen3 long context: the cards' "Processing Long Texts" section documents YaRN with
 * `rope_scaling: { rope_type: "yarn", factor: 4.0, original_max_position_embeddings: 32768 }` for up to
 * 131,072 tokens; both configs set rope_theta 1000000 (the runtimes' override dicts replace it too).
 */
export const QWEN_YARN_128K = {
  tokens: 131072,
  method:
    'YaRN rope_scaling factor 4 over 32768 (model card "Processing Long Texts"; rope_theta 1000000 in config.json)',
  rope: { type: 'yarn', factor: 4, originalContext: 32768, theta: 1_000_000 },
} as const;
