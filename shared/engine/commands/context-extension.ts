/**
 * A context past the model's trained length, as each runtime takes it. The plan caps the context at what
 * the model holds with the RoPE scaling its card documents (advisor requestFor); when the context is past
 * the trained length, this is that scaling spelled for each runtime:
 * - llama.cpp: `--rope-scaling yarn --rope-scale F --yarn-orig-ctx N` (common/arg.cpp), plus
 *   `--override-kv <arch>.context_length=int:T` because llama-server caps every slot at the trained
 *   context since b6925 (tools/server/server-context.cpp, PR #16736), YaRN or not;
 * - vLLM: `--hf-overrides '{"rope_parameters": …}'` (docs/features/context_extension.md @5ac2684976ee;
 *   the key was `rope_scaling` before 0.12.0 — flags/adapt.ts rewrites it for older versions);
 * - SGLang: `--json-model-override-args '{"rope_scaling": …}'` with
 *   `SGLANG_ALLOW_OVERWRITE_LONGER_CONTEXT_LEN=1`: its derived length ignores the YaRN factor when the
 *   original length is given (configs/model_config.py @30cb848d), as its Qwen cookbook does;
 * - Ollama: none — it caps num_ctx at the trained context (llm/server.go @fb307609);
 * - TabbyAPI: the card's `rope_scaling` in the model's config.json, which ExLlama reads.
 */
import type { RopeScaling } from '../../catalog/types';
import type { EngineModel } from '../../model-import/model-weights';
import { num } from './command-types';

/** The model's documented scaling when `ctx` is past its trained length; null when none is needed or known. */
export function ropeScalingFor(model: EngineModel, ctx: number): RopeScaling | null {
  const rope = model.spec.extendedContext?.rope;
  return rope && ctx > model.spec.maxContext ? rope : null;
}

/** The longest context the scaling reaches, tokens. */
const scaledContext = (rope: RopeScaling): number => rope.originalContext * rope.factor;

const why = (model: EngineModel, rope: RopeScaling, ctx: number): string =>
  `${ctx} tokens is past ${model.spec.name}'s trained ${model.spec.maxContext}: YaRN ×${num(rope.factor)} over ${rope.originalContext} (the model card's long-context setting, up to ${scaledContext(rope)})`;

/** The card's caveat: static YaRN applies at every length. */
const SHORT_TEXT_NOTE =
  'the scaling applies to every request, short ones too, which the model card says may lower quality on short texts: use it only when you need the long context';

export function llamaRopeArgs(model: EngineModel, ctx: number): { args: string[]; notes: string[] } {
  const rope = ropeScalingFor(model, ctx);
  if (!rope) return { args: [], notes: [] };
  return {
    args: [
      ...[
        '--rope-scaling',
        rope.type,
        '--rope-scale',
        num(rope.factor),
        '--yarn-orig-ctx',
        String(rope.originalContext),
      ],
      ...['--override-kv', `${model.spec.arch}.context_length=int:${scaledContext(rope)}`],
    ],
    notes: [
      `${why(model, rope, ctx)}; --override-kv ${model.spec.arch}.context_length lifts llama-server's cap of each slot at the trained length (b6925 and later)`,
      SHORT_TEXT_NOTE,
    ],
  };
}

/** The `rope_scaling` dict of a Hugging Face config.json for this scaling. */
export function ropeScalingDict(rope: RopeScaling): Record<string, number | string> {
  return {
    rope_type: rope.type,
    factor: rope.factor,
    original_max_position_embeddings: rope.originalContext,
  };
}

export function vllmRopeArgs(model: EngineModel, ctx: number): { args: string[]; notes: string[] } {
  const rope = ropeScalingFor(model, ctx);
  if (!rope) return { args: [], notes: [] };
  // rope_theta goes in too: the dict replaces the config's whole rope_parameters (the vLLM docs' example does the same).
  const overrides = { rope_parameters: { ...ropeScalingDict(rope), rope_theta: rope.theta } };
  return {
    args: ['--hf-overrides', JSON.stringify(overrides)],
    notes: [why(model, rope, ctx), SHORT_TEXT_NOTE],
  };
}

export function sglangRopeArgs(
  model: EngineModel,
  ctx: number,
): { args: string[]; env: Record<string, string>; notes: string[] } {
  const rope = ropeScalingFor(model, ctx);
  if (!rope) return { args: [], env: {}, notes: [] };
  return {
    args: ['--json-model-override-args', JSON.stringify({ rope_scaling: ropeScalingDict(rope) })],
    env: { SGLANG_ALLOW_OVERWRITE_LONGER_CONTEXT_LEN: '1' },
    notes: [
      `${why(model, rope, ctx)}; SGLANG_ALLOW_OVERWRITE_LONGER_CONTEXT_LEN=1 because SGLang's own length check leaves the YaRN factor out`,
      SHORT_TEXT_NOTE,
    ],
  };
}

/** Ollama: the context it will run (its trained length at most), and why when that is less than planned. */
export function ollamaContext(model: EngineModel, ctx: number): { ctx: number; notes: string[] } {
  if (ctx <= model.spec.maxContext) return { ctx, notes: [] };
  return {
    ctx: model.spec.maxContext,
    notes: [
      `Ollama caps the context at the model's trained ${model.spec.maxContext} tokens ("requested context size too large for model") and has no RoPE scaling setting: num_ctx is ${model.spec.maxContext} here, not the planned ${ctx}; for the long context use llama.cpp or vLLM`,
    ],
  };
}

/** TabbyAPI: the config.json change that turns the scaling on. */
export function tabbyRopeNotes(model: EngineModel, ctx: number): string[] {
  const rope = ropeScalingFor(model, ctx);
  if (!rope) return [];
  return [
    `${why(model, rope, ctx)}: add "rope_scaling": ${JSON.stringify(ropeScalingDict(rope))} to the model folder's config.json (the model card's instruction), or max_seq_len past ${model.spec.maxContext} produces garbage`,
  ];
}
