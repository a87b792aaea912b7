/**
 * Where a llama.cpp model goes when not all of it fits: whole layers in system RAM (`-ngl`), or — for
 * MoE models — only the routed experts of the first layers (`--n-cpu-moe`), keeping attention, shared
 * weights and the KV cache on the GPUs. With experts in RAM the first layers weigh a fraction of the
 * others, so llama.cpp's default split (layer counts in proportion to free memory) would leave the first
 * GPU nearly empty; the split here counts layers so that each GPU's resident bytes are in proportion to
 * its free memory, and the command carries it as `-ts`.
 */
import type { EngineModel } from '../../model-import/model-weights';
import {
  computeBufferBytes,
  computeOf,
  kvBytesFor,
  offloadedMatmulBytes,
  type ComputeAdjust,
  type LlamaCppSettings,
} from '../llama-cpp-memory';

const MIB = 1024 * 1024;

/** Bytes each layer leaves on its GPU with these settings (weights not sent to RAM, plus its KV cache). */
function residentBytes(model: EngineModel, s: LlamaCppSettings): number[] {
  const kv = kvBytesFor(model, s);
  return model.weights.layers.map(
    (l, il) => l.denseBytes + (il < s.nCpuMoe ? 0 : l.expertBytes) + (s.kvOnHost ? 0 : (kv[il] ?? 0)),
  );
}

/**
 * `-ts` shares (layer counts, the output layer counted on the last GPU) that give each GPU resident
 * bytes in proportion to its free memory, for the layers `-ngl` puts on the GPUs. Null for one GPU.
 * `adjust` is the machine's compute-buffer calibration: a buffer measured larger leaves fewer layers.
 */
export function balancedSplit(
  model: EngineModel,
  s: LlamaCppSettings,
  freeMiB: readonly number[],
  adjust?: ComputeAdjust | null,
): number[] | null {
  const n = freeMiB.length;
  if (n < 2) return null;
  const nLayer = model.spec.layers;
  const gpuSlots = Math.min(s.ngl ?? nLayer + 1, nLayer + 1);
  const first = Math.max(nLayer - gpuSlots, 0);
  const bytes = residentBytes(model, s).slice(first);
  // What each GPU must keep besides its layers: the compute buffer, and on the last the output head and logits.
  // The first GPU's buffer also takes the prompt's matmuls on the experts left in RAM (op offload).
  const offloaded = offloadedMatmulBytes(model, s, new Array<number>(model.spec.layers + 1).fill(0));
  const fixed = freeMiB.map((_, i) => {
    const own = computeBufferBytes(model, s, i === n - 1, s.ctx * s.parallel);
    const { bytes, role } = computeOf(i, own, offloaded, i === n - 1);
    const compute = adjust && role ? adjust(i, role, bytes, s) : bytes;
    return compute + (i === n - 1 ? model.weights.outputBytes : 0);
  });
  const budget = freeMiB.map((f, i) => Math.max(f * MIB - (fixed[i] ?? 0), 1));
  const total = bytes.reduce((a, b) => a + b, 0) + fixed.reduce((a, b) => a + b, 0);
  const share = budget.reduce((a, b) => a + b, 0);
  // Each GPU's target: its share of everything, less what it holds anyway.
  const target = budget.map((b, i) => (total * b) / share - (fixed[i] ?? 0));
  const counts = new Array<number>(n).fill(0);
  let gpu = 0;
  let held = 0;
  for (const b of bytes) {
    // Move on once this layer would take the GPU further past its target than stopping short would.
    while (gpu < n - 1 && held + b / 2 > (target[gpu] ?? 0)) {
      gpu += 1;
      held = 0;
    }
    counts[gpu] = (counts[gpu] ?? 0) + 1;
    held += b;
  }
  // The output head is llama.cpp's layer n_layer: it takes one share on the last GPU.
  if (gpuSlots > nLayer) counts[n - 1] = (counts[n - 1] ?? 0) + 1;
  return counts;
}

/** Smallest n in [lo, hi] with `ok(n)`, for a monotone `ok`; null when even `hi` fails. */
export function smallestPassing(lo: number, hi: number, ok: (n: number) => boolean): number | null {
  if (!ok(hi)) return null;
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = Math.floor((a + b) / 2);
    if (ok(mid)) b = mid;
    else a = mid + 1;
  }
  return a;
}
