/**
 * Tests only: one memory calibration point (a load log's compute buffer on an RTX 3090, 400 MiB measured
 * against 300 predicted), instead of the same literal in every test that stores or applies one.
 */
import type { MemoryCalibrationPoint } from '@shared/engine/memory-calibration';

export const COMPUTE_POINT: MemoryCalibrationPoint = {
  runtime: 'llama.cpp',
  buffer: 'compute',
  backend: 'CUDA',
  gpu: 'rtx-3090',
  role: 'output',
  model: 'Llama 3.1 8B',
  hiddenSize: 4096,
  batchTokens: 512,
  ctx: 8192,
  flashAttention: true,
  gpus: 1,
  measuredMiB: 400,
  predictedMiB: 300,
  source: 'server.log',
};
