/**
 * What a load log says about the run besides its buffers — the settings a compute buffer scales with
 * (n_ubatch, flash attention, the KV types) and the backend its devices ran on — read from the real logs
 * in ../shared/measurements (facts checked by hand against each file's `llama_context:` lines).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLoadLog } from '@shared/bench-import/load-log';

const M = resolve(__dirname, '../../../shared/measurements');
const log = (name: string) => readLoadLog(readFileSync(resolve(M, name), 'utf8'))!;

describe('load log run settings and backend', () => {
  it.each([
    [
      'load-log-01-rtx5090-2x4090-a6000-cuda-llama-server-deepseek-v3-0324-q2kxl.txt',
      1024,
      true,
      'f16',
      'CUDA',
    ],
    ['load-log-02-2xT4-cuda-ik-llama-fork-llama-server-qwen3moe-30b.txt', 512, true, null, 'CUDA'],
    ['load-log-03-rtx4080-vulkan-llama31-8b.txt', 1024, true, null, 'Vulkan'],
    // `flash_attn = auto`: llama.cpp decides at load, so the log does not say which.
    ['load-log-04-rtx3060-laptop-vulkan-win-llama-server-qwen25-3b.txt', 512, null, null, 'Vulkan'],
    ['load-log-05-rtx3090ti-cuda-sweep-bench-startup-glm-z1-32b.txt', 512, true, 'f16', 'CUDA'],
  ])('%s: n_ubatch %d, flash attention %s, K cache %s, on %s', (file, ubatch, fa, typeK, backend) => {
    const l = log(file);
    expect([l.ubatch, l.flashAttention, l.typeK, l.backend]).toEqual([ubatch, fa, typeK, backend]);
  });

  it('a HIP build that names its devices CUDAn is ROCm; Metal and SYCL devices name themselves', () => {
    const rocm = readLoadLog(
      'ggml_cuda_init: found 1 ROCm devices:\nload_tensors:        CUDA0 model buffer size =  3000.00 MiB\n',
    );
    expect(rocm?.backend).toBe('ROCm');
    const metal = readLoadLog(
      'load_tensors:   MTL0_Mapped model buffer size = 4000.00 MiB\nllama_context:       MTL0 compute buffer size =   300.00 MiB\n',
    );
    expect(metal?.backend).toBe('MTL');
    expect(readLoadLog('llama_context:      SYCL0 compute buffer size =   300.00 MiB\n')?.backend).toBe(
      'SYCL',
    );
  });

  it('a flash_attn value it does not know is unknown, not a guess', () => {
    const l = readLoadLog(
      'llama_context: flash_attn    = maybe\nllama_context:      CUDA0 compute buffer size =   300.00 MiB\n',
    );
    expect(l?.flashAttention).toBeNull();
  });
});
