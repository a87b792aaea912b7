/**
 * The defaults the CLI and the app share when the user leaves something open: which quantization,
 * how much context, and which of the planned strategies the checks, commands and checklist follow.
 */
import type { ModelSpec } from '../../catalog/types';
import type { PlanRequest, PlanResult, Runtime, Strategy } from './plan-types';

/** Context per request when none is given, tokens: 8192, or less when the model holds less. */
export const DEFAULT_CONTEXT_TOKENS = 8192;

/** Quantization id when none is given: AWQ for vLLM / SGLang, 4.0 bpw for ExLlamaV2, else GGUF Q4_K_M. */
export function defaultQuantId(runtime: Runtime | string | null): string {
  if (runtime === 'vllm' || runtime === 'sglang') return 'awq';
  if (runtime === 'exllamav2') return '4.0bpw';
  return 'Q4_K_M';
}

/** Context per request when none is given, tokens. */
export function defaultContext(spec: Pick<ModelSpec, 'maxContext'>): number {
  return Math.min(DEFAULT_CONTEXT_TOKENS, spec.maxContext);
}

/**
 * Tokens already in a sequence when one is decoded: the depth asked for, else half the context (the
 * average over a request that fills it; llama-bench's `tg128 @ d4096` is depth 4096 + 64).
 */
export function decodeDepth(request: Pick<PlanRequest, 'ctx' | 'depth'>): number {
  return request.depth ?? Math.floor(request.ctx / 2);
}

/**
 * The strategy the advisor follows: with a runtime or split pinned, the one the planner put first for
 * that pin (even when it does not fit, so its reasons show); otherwise the recommended one, else the first.
 */
export function chosenStrategy(result: PlanResult, request: PlanRequest): Strategy | undefined {
  const asked = request.runtime !== null || request.split !== 'auto';
  return (
    (asked ? result.strategies[0] : result.strategies.find((s) => s.id === result.recommended)) ??
    result.strategies[0]
  );
}
