/**
 * Commands that start on today's runtimes: each of the eleven problems found by reading the generated
 * commands against the runtimes' current source (issue 10), with a test that fails on the old output,
 * plus the flags experienced users set (uneven pipeline stages, a pinned split for Ollama, concurrency).
 * Each test goes through the advisor, as the CLI and the app do.
 */
import { describe, expect, it } from 'vitest';
import { adviceFor } from '../../../test/support/plan-request';
import { findNetwork, withClusterNodes } from '../cluster';
import { machineFromNames } from '../machine';
import type { RenderedCommand } from './command-types';

/** The value after a flag, or undefined when the flag is absent. */
function flag(cmd: RenderedCommand | undefined, name: string): string | undefined {
  const i = cmd?.argv.indexOf(name) ?? -1;
  return i < 0 ? undefined : cmd?.argv[i + 1];
}
const byRuntime = (cmds: readonly RenderedCommand[], runtime: string, role = 'single') =>
  cmds.find((c) => c.runtime === runtime && c.role === role);
const notes = (cmd: RenderedCommand | undefined): string => cmd?.notes.join('\n') ?? '';
const file = (cmd: RenderedCommand | undefined, name: string): string =>
  cmd?.files?.find((f) => f.name === name)?.content ?? '';

describe('1. TabbyAPI without the ExLlamaV2 backend', () => {
  it('an EXL2 plan keeps backend exllamav2 but pins the exl2-checkpoint branch and says TabbyAPI no newer than it', () => {
    const advice = adviceFor({ gpus: ['RTX 3090'], model: 'llama-3.1-8b', quant: '4.0bpw' });
    const tabby = byRuntime(advice.commands, 'exllamav2');
    expect(file(tabby, 'config.yml')).toMatch(/backend: exllamav2/);
    expect(notes(tabby)).toMatch(/git checkout exl2-checkpoint.*c8b9a8f/);
    expect(tabby?.requires).toMatchObject({ runtime: 'tabbyapi', max: '2026-06-27' });
  });

  it('any other plan gets current TabbyAPI with backend exllamav3 and an EXL3 stand-in', () => {
    const advice = adviceFor({ gpus: ['RTX 3090'], model: 'llama-3.1-8b', quant: 'Q4_K_M' });
    const tabby = byRuntime(advice.commands, 'exllamav2');
    expect(file(tabby, 'config.yml')).toMatch(/backend: exllamav3/);
    expect(file(tabby, 'config.yml')).toMatch(/model_name: Llama-3\.1-8B-exl3-/);
    expect(notes(tabby)).toMatch(/Ampere or newer/);
    expect(tabby?.requires?.max ?? null).toBeNull();
  });
});

describe('2. a context past what the model holds', () => {
  it('Llama 2 70B asked for 131072 tokens: capped at its 4096 everywhere, and the cap said', () => {
    const advice = adviceFor({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-2-70b', ctx: 131072 });
    expect(advice.request.ctx).toBe(4096);
    expect(advice.plan.contextCap).toEqual({ asked: 131072, limit: 4096 });
    expect(flag(byRuntime(advice.commands, 'vllm'), '--max-model-len')).toBe('4096');
    expect(flag(byRuntime(advice.commands, 'sglang'), '--context-length')).toBe('4096');
    expect(flag(byRuntime(advice.commands, 'llama.cpp'), '-c')).toBe('4096');
    expect(byRuntime(advice.commands, 'llama.cpp')?.argv).not.toContain('--rope-scaling');
  });

  it('Qwen3-8B at 131072: YaRN ×4 over 32768 spelled for each runtime; Ollama stays at the trained 40960', () => {
    const advice = adviceFor({ gpus: ['RTX 3090', 'RTX 3090'], model: 'qwen3-8b', ctx: 131072 });
    expect(advice.plan.contextCap).toBeNull();
    const llama = byRuntime(advice.commands, 'llama.cpp');
    expect(flag(llama, '--rope-scaling')).toBe('yarn');
    expect(flag(llama, '--rope-scale')).toBe('4');
    expect(flag(llama, '--yarn-orig-ctx')).toBe('32768');
    // llama-server caps each slot at the trained length (b6925+) unless the GGUF key is overridden.
    expect(flag(llama, '--override-kv')).toBe('qwen3.context_length=int:131072');
    const vllm = byRuntime(advice.commands, 'vllm');
    expect(JSON.parse(flag(vllm, '--hf-overrides') ?? '{}')).toEqual({
      rope_parameters: {
        rope_type: 'yarn',
        factor: 4,
        original_max_position_embeddings: 32768,
        rope_theta: 1000000,
      },
    });
    const sglang = byRuntime(advice.commands, 'sglang');
    expect(JSON.parse(flag(sglang, '--json-model-override-args') ?? '{}')).toEqual({
      rope_scaling: { rope_type: 'yarn', factor: 4, original_max_position_embeddings: 32768 },
    });
    expect(sglang?.env.SGLANG_ALLOW_OVERWRITE_LONGER_CONTEXT_LEN).toBe('1');
    const ollama = byRuntime(advice.commands, 'ollama');
    expect(ollama?.env.OLLAMA_CONTEXT_LENGTH).toBe('40960');
    expect(notes(ollama)).toMatch(/caps the context at the model's trained 40960/);
    // The plan says the same about Ollama's own strategies.
    const planned = advice.plan.strategies.find((s) => s.id === 'ollama:layer');
    expect(planned?.maxContext).toBeLessThanOrEqual(40960);
    expect(planned?.warnings.join(' ')).toMatch(/Ollama runs at most the trained 40960 tokens/);
    expect(notes(byRuntime(advice.commands, 'exllamav2'))).toMatch(/"rope_scaling"/);
  });

  it('Qwen3-8B at 200000: capped at the 131072 YaRN reaches', () => {
    const advice = adviceFor({ gpus: ['RTX 3090', 'RTX 3090'], model: 'qwen3-8b', ctx: 200_000 });
    expect(advice.plan.contextCap).toEqual({ asked: 200_000, limit: 131072 });
    expect(flag(byRuntime(advice.commands, 'vllm'), '--max-model-len')).toBe('131072');
  });

  it('within the trained length there is no scaling at all', () => {
    const advice = adviceFor({ gpus: ['RTX 3090'], model: 'qwen3-8b', ctx: 32768 });
    for (const c of advice.commands) {
      expect(c.argv.join(' ')).not.toMatch(/rope|yarn|override/);
      expect(c.env.SGLANG_ALLOW_OVERWRITE_LONGER_CONTEXT_LEN).toBeUndefined();
    }
  });
});

describe('3. a quantized V cache needs flash attention', () => {
  it('with flash attention turned off, the plan refuses it with llama.cpp’s reason instead of emitting -fa off', () => {
    const advice = adviceFor({
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'llama-3.1-70b',
      llama: { cacheTypeK: 'q8_0', cacheTypeV: 'q8_0', flashAttention: false },
    });
    const layer = advice.plan.strategies.find((s) => s.id === 'llama.cpp:layer');
    expect(layer?.invalid).toBe(true);
    expect(layer?.reasons.join(' ')).toMatch(/V cache quantization needs flash attention/);
    for (const c of advice.commands) expect(c.argv.join(' ')).not.toMatch(/-fa off/);
  });

  it('with a q8_0 V cache the commands turn flash attention on, and say why', () => {
    const advice = adviceFor({
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'llama-3.1-70b',
      llama: { cacheTypeK: 'q8_0', cacheTypeV: 'q8_0' },
    });
    const llama = byRuntime(advice.commands, 'llama.cpp');
    expect(flag(llama, '-fa')).toBe('on');
    expect(notes(llama)).toMatch(/q8_0 V cache needs flash attention/);
    expect(byRuntime(advice.commands, 'ollama')?.env.OLLAMA_FLASH_ATTENTION).toBe('1');
  });
});

describe('4. SGLang over several machines with a TP its heads do not divide', () => {
  it('TP 3 per machine on a 64-head model: SGLang and vLLM fall back to PP 6, as on one machine', () => {
    const three = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090', 'RTX 3090'], ramGiB: 64 });
    const machine = withClusterNodes(three, {
      nodes: [{ gpuNames: ['RTX 3090', 'RTX 3090', 'RTX 3090'] }],
      network: findNetwork('10gbe')!,
    });
    for (const runtime of ['sglang', 'vllm'] as const) {
      const advice = adviceFor({
        machine,
        model: 'llama-3.1-70b',
        quant: 'awq',
        runtime,
        strategyId: `${runtime}:tp3-pp2`,
        commands: { headAddress: '10.0.0.1' },
      });
      expect(advice.strategy?.id).toBe(`${runtime}:tp3-pp2`);
      const head = advice.commands.find((c) => c.runtime === runtime && c.role === 'head');
      const tp = runtime === 'sglang' ? '--tp-size' : '--tensor-parallel-size';
      const pp = runtime === 'sglang' ? '--pp-size' : '--pipeline-parallel-size';
      expect(flag(head, tp), runtime).toBe('1');
      expect(flag(head, pp), runtime).toBe('6');
      expect(notes(head)).toMatch(
        /attention heads \(64\) must be divisible by tensor parallel size \(3\).*pipeline parallel over the 6 GPUs/,
      );
    }
  });
});

describe('5. vLLM with a GGUF file', () => {
  it('passes the base model’s tokenizer and says GGUF is the vllm-gguf-plugin', () => {
    const advice = adviceFor({
      gpus: ['RTX 3090'],
      model: 'llama-3.1-8b',
      commands: { modelPath: '/models/Llama-3.1-8B-Q4_K_M.gguf' },
    });
    const vllm = byRuntime(advice.commands, 'vllm');
    expect(vllm?.argv.slice(0, 3)).toEqual(['vllm', 'serve', '/models/Llama-3.1-8B-Q4_K_M.gguf']);
    expect(flag(vllm, '--tokenizer')).toBe('meta-llama/Llama-3.1-8B');
    expect(notes(vllm)).toMatch(/pip install vllm-gguf-plugin/);
  });
});

describe('6. concurrency reaches the commands', () => {
  it('4 users at once: -np 4, OLLAMA_NUM_PARALLEL=4, --max-num-seqs 4, --max-running-requests 4', () => {
    const advice = adviceFor({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-8b', concurrency: 4 });
    expect(flag(byRuntime(advice.commands, 'llama.cpp'), '-np')).toBe('4');
    expect(byRuntime(advice.commands, 'ollama')?.env.OLLAMA_NUM_PARALLEL).toBe('4');
    expect(flag(byRuntime(advice.commands, 'vllm'), '--max-num-seqs')).toBe('4');
    expect(flag(byRuntime(advice.commands, 'sglang'), '--max-running-requests')).toBe('4');
  });

  it('one user: no batch limits are passed (each runtime keeps its default)', () => {
    const advice = adviceFor({ gpus: ['RTX 3090'], model: 'llama-3.1-8b' });
    expect(byRuntime(advice.commands, 'vllm')?.argv).not.toContain('--max-num-seqs');
    expect(byRuntime(advice.commands, 'sglang')?.argv).not.toContain('--max-running-requests');
  });
});

describe('7. SGLang’s memory fraction', () => {
  it('is left to SGLang by default, and set only from the user’s own value', () => {
    const auto = adviceFor({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b', quant: 'awq' });
    expect(byRuntime(auto.commands, 'sglang')?.argv).not.toContain('--mem-fraction-static');
    const set = adviceFor({
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'llama-3.1-70b',
      quant: 'awq',
      gpuMemoryUtilization: 0.85,
    });
    expect(flag(byRuntime(set.commands, 'sglang'), '--mem-fraction-static')).toBe('0.85');
  });
});

describe('8. AMD cards', () => {
  it('HIP_VISIBLE_DEVICES for llama.cpp, vLLM and SGLang; ROCR_VISIBLE_DEVICES for Ollama; no CUDA variables', () => {
    const advice = adviceFor({ gpus: ['Radeon RX 7900 XTX', 'Radeon RX 7900 XTX'], model: 'llama-3.1-70b' });
    for (const runtime of ['llama.cpp', 'vllm', 'sglang'])
      expect(byRuntime(advice.commands, runtime)?.env.HIP_VISIBLE_DEVICES, runtime).toBe('0,1');
    expect(byRuntime(advice.commands, 'ollama')?.env.ROCR_VISIBLE_DEVICES).toBe('0,1');
    for (const c of advice.commands) {
      expect(c.env.CUDA_VISIBLE_DEVICES, c.runtime).toBeUndefined();
      expect(c.env.CUDA_DEVICE_ORDER, c.runtime).toBeUndefined();
    }
    expect(
      advice.checklist?.sections
        .flatMap((s) => s.items)
        .some((i) => 'code' in i && /HIP_VISIBLE_DEVICES=0,1 llama-bench/.test(i.code)),
    ).toBe(true);
  });
});

describe('9. Apple', () => {
  it('no CUDA variables; vLLM, SGLang and TabbyAPI say they do not run on the Apple GPU', () => {
    const advice = adviceFor({ gpus: ['Apple M2 Ultra'], model: 'llama-3.1-8b' });
    for (const c of advice.commands) expect(Object.keys(c.env).filter((k) => /CUDA|HIP/.test(k))).toEqual([]);
    for (const runtime of ['vllm', 'sglang', 'exllamav2'])
      expect(notes(byRuntime(advice.commands, runtime)), runtime).toMatch(/does not run on Apple GPUs/);
    expect(notes(byRuntime(advice.commands, 'llama.cpp'))).not.toMatch(/does not run on Apple/);
  });
});

describe('10. flash attention left to the runtimes’ auto', () => {
  it('a plain layer split passes no -fa and no OLLAMA_FLASH_ATTENTION', () => {
    const advice = adviceFor({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b', split: 'layer' });
    expect(advice.strategy?.split).toBe('layer');
    expect(byRuntime(advice.commands, 'llama.cpp')?.argv).not.toContain('-fa');
    expect(byRuntime(advice.commands, 'ollama')?.env.OLLAMA_FLASH_ATTENTION).toBeUndefined();
  });

  it('tensor mode forces it on (llama.cpp requires it there), and flash attention off is passed as the user asked', () => {
    const tensor = adviceFor({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b', split: 'tensor' });
    expect(tensor.strategy?.split).toBe('tensor');
    expect(flag(byRuntime(tensor.commands, 'llama.cpp'), '-fa')).toBe('on');
    const off = adviceFor({
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'llama-3.1-70b',
      llama: { flashAttention: false },
    });
    expect(flag(byRuntime(off.commands, 'llama.cpp'), '-fa')).toBe('off');
    expect(byRuntime(off.commands, 'ollama')?.env.OLLAMA_FLASH_ATTENTION).toBe('0');
  });
});

describe('11. tensor mode as llama.cpp has it today', () => {
  it('a q8_0 KV cache fits in tensor mode (PR #23792) and the command needs b9455', () => {
    const advice = adviceFor({
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'llama-3.1-70b',
      split: 'tensor',
      llama: { cacheTypeK: 'q8_0', cacheTypeV: 'q8_0' },
    });
    expect(advice.strategy?.id).toBe('llama.cpp:tensor');
    expect(advice.strategy?.fits).toBe(true);
    const llama = byRuntime(advice.commands, 'llama.cpp');
    expect(flag(llama, '-sm')).toBe('tensor');
    expect(notes(llama)).toMatch(/--fit off` is recommended, not required/);
  });

  it('DeepSeek (deepseek2) pinned to tensor mode: the command is a layer split, with the reason', () => {
    const advice = adviceFor({
      gpus: Array.from({ length: 8 }, () => 'H100 PCIe'),
      model: 'deepseek-r1',
      quant: 'IQ1_S',
      split: 'tensor',
      strategyId: 'llama.cpp:tensor',
    });
    expect(advice.strategy?.id).toBe('llama.cpp:tensor');
    expect(advice.strategy?.invalid).toBe(true);
    const llama = byRuntime(advice.commands, 'llama.cpp');
    expect(flag(llama, '-sm')).toBe('layer');
    expect(notes(llama)).toMatch(/-sm layer, not tensor: .*deepseek2/);
  });
});

describe('flags experienced users set', () => {
  it('3090 + 3090 + 3060, 70B AWQ: uneven pipeline stages (VLLM_PP_LAYER_PARTITION) make it fit where the even split did not', () => {
    const advice = adviceFor({
      gpus: ['RTX 3090', 'RTX 3090', 'RTX 3060'],
      model: 'llama-3.1-70b',
      quant: 'awq',
      runtime: 'vllm',
      ctx: 4096,
    });
    const pp3 = advice.plan.strategies.find((s) => s.id === 'vllm:pp3');
    expect(pp3?.fits).toBe(true);
    const layers = pp3?.stageLayers ?? [];
    expect(layers).toHaveLength(3);
    expect(layers.reduce((a, b) => a + b, 0)).toBe(80);
    // The 12 GB card takes fewer layers than either 24 GB card.
    expect(layers[2]).toBeLessThan(Math.min(layers[0] ?? 0, layers[1] ?? 0));
    const vllm = byRuntime(advice.commands, 'vllm');
    expect(vllm?.env.VLLM_PP_LAYER_PARTITION).toBe(layers.join(','));
    expect(byRuntime(advice.commands, 'sglang')?.env.SGLANG_PP_LAYER_PARTITION).toBe(layers.join(','));
  });

  it('the same cards everywhere keep vLLM’s even partition (no variable)', () => {
    const advice = adviceFor({
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'llama-3.1-70b',
      quant: 'awq',
      runtime: 'vllm',
      split: 'pp',
    });
    expect(advice.strategy?.stageLayers).toBeUndefined();
    expect(byRuntime(advice.commands, 'vllm')?.env.VLLM_PP_LAYER_PARTITION).toBeUndefined();
  });

  it('a pinned split reaches Ollama as LLAMA_ARG_TENSOR_SPLIT (0.30+); an unpinned one is left to Ollama', () => {
    const pinned = adviceFor({
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'llama-3.1-70b',
      runtime: 'ollama',
      llama: { tensorSplit: [3, 2] },
    });
    const ollama = byRuntime(pinned.commands, 'ollama');
    expect(ollama?.env.LLAMA_ARG_TENSOR_SPLIT).toBe('0.6,0.4');
    expect(ollama?.requires?.min).toBe('0.30.0');
    const free = adviceFor({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b', runtime: 'ollama' });
    expect(byRuntime(free.commands, 'ollama')?.env.LLAMA_ARG_TENSOR_SPLIT).toBeUndefined();
    expect(notes(byRuntime(free.commands, 'ollama'))).toMatch(/#7047/);
  });

  it('each command says what its log shows when it worked, with the plan’s numbers for its own runtime', () => {
    const advice = adviceFor({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b' });
    const llama = byRuntime(advice.commands, 'llama.cpp');
    const weights = advice.strategy?.perGpu.map((g) => g.weightsMiB.toLocaleString('en-US')) ?? [];
    expect(notes(llama)).toMatch(/load_tensors: offloaded 81\/81 layers to GPU/);
    expect(notes(llama)).toContain(`CUDA0 ≈ ${weights[0]} MiB`);
    expect(notes(llama)).toMatch(/llama_kv_cache: <device> KV buffer size/);
    expect(notes(byRuntime(advice.commands, 'vllm'))).toMatch(/Available KV cache memory/);
    expect(notes(byRuntime(advice.commands, 'sglang'))).toMatch(/max_total_num_tokens/);
    expect(notes(byRuntime(advice.commands, 'ollama'))).toMatch(/ollama ps/);
    expect(notes(byRuntime(advice.commands, 'exllamav2'))).toMatch(/Model successfully loaded\./);
  });
});
