import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findModel } from '../../catalog/model-lookup';
import { findQuant } from '../../catalog/quantizations';
import type { ModelSpec, QuantSpec } from '../../catalog/types';
import { modelFromCatalog } from '../../model-import/catalog-model';
import { machineFromNames } from '../machine';
import type { EngineModel } from '../../model-import/model-weights';
import { plan } from '../planner/planner';
import type { PlanRequest, PlanResult, Strategy } from '../planner/plan-types';
import { buildCommands, type BuildOptions } from './build-commands';
import { yamlScalar } from './build-exllamav2-command';
import { buildLlamaRpcCommands } from './build-llama-rpc-command';
import { modelfileValue } from './build-ollama-command';
import { buildVllmMultiNode } from './build-vllm-command';
import type { LaunchCommand, RenderedCommand } from './command-types';
import { problemsOf } from './flags';
import { renderBash, renderPowerShell } from './render-shell';
import { HOSTILE_PATH, parsePowerShell, printed } from '../../../test/support/shell-probes';
import { planRequest } from '../../../test/support/plan-request';

const catalogModel = (id: string, quant: string): EngineModel =>
  modelFromCatalog(findModel(id) as ModelSpec, findQuant(quant) as QuantSpec);

interface Planned {
  readonly result: PlanResult;
  readonly model: EngineModel;
  readonly strategy: Strategy;
}

/** A real plan, and the strategy with this id from it. */
function planned(
  gpus: string[],
  id: string,
  quant: string,
  strategyId: string,
  over: Partial<PlanRequest> = {},
): Planned {
  const model = over.model ?? catalogModel(id, quant);
  const result = plan(
    planRequest({ machine: machineFromNames({ gpuNames: gpus, ramGiB: 256 }), model, ctx: 8192, ...over }),
  );
  const strategy = result.strategies.find((s) => s.id === strategyId);
  if (!strategy) throw new Error(`${strategyId} not in ${result.strategies.map((s) => s.id).join(', ')}`);
  return { result, model, strategy };
}

const build = (p: Planned, options: BuildOptions = {}): RenderedCommand[] =>
  buildCommands(p.result, p.strategy, p.model, options);

function only(cmds: readonly LaunchCommand[], runtime: string, role?: string): LaunchCommand {
  const found = cmds.filter((c) => c.runtime === runtime && (!role || c.role === role));
  expect(found, `${runtime} ${role ?? ''}`).toHaveLength(1);
  return found[0] as LaunchCommand;
}

/** The value after a flag, or undefined when the flag is absent. */
function flag(cmd: LaunchCommand, name: string): string | undefined {
  const i = cmd.argv.indexOf(name);
  return i < 0 ? undefined : cmd.argv[i + 1];
}

const file = (cmd: LaunchCommand, name: string): string =>
  cmd.files?.find((f) => f.name === name)?.content ?? '';
const notes = (cmd: LaunchCommand): string => cmd.notes.join('\n');

const sandbox = mkdtempSync(join(tmpdir(), 'build-commands-'));
writeFileSync(join(sandbox, 'x.gguf'), 'must survive');
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

/** Runs the bash rendering with `printf '%s\n'` in place of the program. */
function echoArgsViaBash(cmd: LaunchCommand): string {
  const probe: LaunchCommand = { ...cmd, argv: ['printf', '%s\\n', ...cmd.argv.slice(1)] };
  return execFileSync('bash', ['--norc', '--noprofile', '-c', renderBash(probe)], {
    cwd: sandbox,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/home/not-expanded' },
  });
}

const TWO_3090 = ['RTX 3090', 'RTX 3090'];
const CLUSTER: BuildOptions = {
  nodes: { gpusPerNode: 2, count: 3, headAddress: '10.0.0.1', workerAddresses: ['10.0.0.2', '10.0.0.3'] },
};

interface Case {
  readonly name: string;
  readonly plan: () => Planned;
  readonly options?: BuildOptions;
  readonly check: (cmds: RenderedCommand[], p: Planned) => void;
}

const CASES: Case[] = [
  {
    name: '2× RTX 3090, 70B Q4_K_M layer split → -sm layer -ts 0.5,0.5 on CUDA_VISIBLE_DEVICES=0,1, --fit off',
    plan: () => planned(TWO_3090, 'llama-3.1-70b', 'Q4_K_M', 'llama.cpp:layer'),
    check: (cmds) => {
      const llama = only(cmds, 'llama.cpp');
      expect(flag(llama, '-sm')).toBe('layer');
      expect(flag(llama, '-ts')).toBe('0.5,0.5');
      expect(flag(llama, '--fit')).toBe('off');
      expect(flag(llama, '-ngl')).toBe('all');
      expect(llama.env).toEqual({ CUDA_DEVICE_ORDER: 'PCI_BUS_ID', CUDA_VISIBLE_DEVICES: '0,1' });
      expect(llama.argv).not.toContain('GGML_CUDA_P2P');
    },
  },
  {
    name: '3060 + 3090, 8B fits the 3090 alone → CUDA_VISIBLE_DEVICES=1 (the second card), -sm none, no -ts, no --fit off',
    plan: () => planned(['RTX 3060', 'RTX 3090'], 'llama-3.1-8b', 'Q4_K_M', 'llama.cpp:none'),
    check: (cmds) => {
      const llama = only(cmds, 'llama.cpp');
      expect(llama.env.CUDA_VISIBLE_DEVICES).toBe('1');
      expect(flag(llama, '-sm')).toBe('none');
      expect(llama.argv).not.toContain('-ts');
      expect(llama.argv).not.toContain('--fit');
      for (const c of cmds.filter((x) => x.env.CUDA_VISIBLE_DEVICES))
        expect(c.env.CUDA_VISIBLE_DEVICES).toBe('1');
    },
  },
  {
    name: 'layer split over a 3060 then a 3090 → -ts lists the 12 GB card first, in CUDA_VISIBLE_DEVICES order',
    plan: () => planned(['RTX 3060', 'RTX 3090'], 'llama-3.1-8b', 'Q4_K_M', 'llama.cpp:layer'),
    check: (cmds, p) => {
      const llama = only(cmds, 'llama.cpp');
      expect(llama.env.CUDA_VISIBLE_DEVICES).toBe(p.strategy.gpuIndices.join(','));
      const [a, b] = (flag(llama, '-ts') ?? '').split(',').map(Number) as [number, number];
      expect(a).toBeLessThan(b);
      expect(a + b).toBeCloseTo(1, 2);
    },
  },
  {
    name: 'a pinned tensor split 3,1 → -ts 0.75,0.25 (normalised) with --fit off, so llama.cpp keeps it',
    plan: () =>
      planned(TWO_3090, 'llama-3.1-8b', 'Q4_K_M', 'llama.cpp:layer', { llama: { tensorSplit: [3, 1] } }),
    check: (cmds) => {
      const llama = only(cmds, 'llama.cpp');
      expect(flag(llama, '-ts')).toBe('0.75,0.25');
      expect(flag(llama, '--fit')).toBe('off');
      expect(llama.argv).not.toContain('-ctk');
    },
  },
  {
    name: 'llama.cpp tensor mode → -sm tensor with --fit off and -fa on; GGML_CUDA_P2P only as an opt-in note',
    plan: () => planned(TWO_3090, 'llama-3.1-70b', 'Q4_K_M', 'llama.cpp:tensor'),
    check: (cmds) => {
      const llama = only(cmds, 'llama.cpp');
      expect(flag(llama, '-sm')).toBe('tensor');
      expect(flag(llama, '--fit')).toBe('off');
      expect(flag(llama, '-fa')).toBe('on');
      expect(llama.env.GGML_CUDA_P2P).toBeUndefined();
      expect(notes(llama)).toMatch(/GGML_CUDA_P2P=1 is opt-in and not set.*PR #21910/);
      expect(flag(only(cmds, 'vllm'), '--tensor-parallel-size')).toBe('2');
    },
  },
  {
    name: '70B on one 4090 with CPU offload → -ngl N with --fit off; Ollama Modelfile gets PARAMETER num_gpu N',
    plan: () => planned(['RTX 4090'], 'llama-3.1-70b', 'Q4_K_M', 'llama.cpp:offload', { split: 'offload' }),
    check: (cmds, p) => {
      const llama = only(cmds, 'llama.cpp');
      const ngl = String(p.strategy.llama?.ngl);
      expect(flag(llama, '-ngl')).toBe(ngl);
      expect(flag(llama, '--fit')).toBe('off');
      expect(cmds.map((c) => file(c, 'Modelfile')).join('')).toContain(`PARAMETER num_gpu ${ngl}`);
      expect(notes(only(cmds, 'vllm'))).toMatch(/--cpu-offload-gb/);
    },
  },
  {
    name: 'Qwen3-235B (MoE) experts in RAM on one 4090 → --n-cpu-moe N; Ollama says it has no equivalent',
    plan: () =>
      planned(['RTX 4090'], 'qwen3-235b-a22b', 'Q4_K_M', 'llama.cpp:moe-offload', { split: 'offload' }),
    check: (cmds, p) => {
      expect(flag(only(cmds, 'llama.cpp'), '--n-cpu-moe')).toBe(String(p.strategy.llama?.nCpuMoe));
      expect(
        cmds
          .filter((c) => c.runtime === 'ollama')
          .map(notes)
          .join(),
      ).toMatch(/no --n-cpu-moe/);
    },
  },
  {
    name: 'vLLM TP 2 on an AWQ plan → --tensor-parallel-size 2, an AWQ checkpoint placeholder, no --quantization',
    plan: () => planned(TWO_3090, 'llama-3.1-70b', 'awq', 'vllm:tp2', { runtime: 'vllm', split: 'tp' }),
    check: (cmds) => {
      const vllm = only(cmds, 'vllm');
      expect(cmds[0]?.runtime).toBe('vllm');
      expect(vllm.argv.slice(0, 3)).toEqual([
        'vllm',
        'serve',
        '<AWQ checkpoint of meta-llama/Llama-3.1-70B>',
      ]);
      expect(flag(vllm, '--tensor-parallel-size')).toBe('2');
      expect(vllm.argv).not.toContain('--quantization');
      expect(vllm.argv).not.toContain('--pipeline-parallel-size');
      expect(notes(vllm)).toMatch(/huggingface\.co\/models\?search=Llama-3\.1-70B%20AWQ/);
      expect(flag(only(cmds, 'sglang'), '--tp-size')).toBe('2');
    },
  },
  {
    name: 'llama.cpp layer split → vLLM pipeline parallel 2, with a note that GGUF needs an AWQ/GPTQ checkpoint instead',
    plan: () => planned(TWO_3090, 'llama-3.1-70b', 'Q4_K_M', 'llama.cpp:layer'),
    check: (cmds) => {
      const vllm = only(cmds, 'vllm');
      expect(flag(vllm, '--tensor-parallel-size')).toBe('1');
      expect(flag(vllm, '--pipeline-parallel-size')).toBe('2');
      expect(vllm.argv[2]).toBe('meta-llama/Llama-3.1-70B');
      expect(notes(vllm)).toMatch(/Q4_K_M \(gguf\), which vLLM does not load.*AWQ or GPTQ/);
      expect(flag(only(cmds, 'sglang'), '--pp-size')).toBe('2');
    },
  },
  {
    name: "three 3090s in tensor mode, 64-head model → vLLM refuses TP 3, so its command uses PP 3 and quotes vLLM's rule",
    plan: () => planned(['RTX 3090', 'RTX 3090', 'RTX 3090'], 'llama-3.1-70b', 'Q4_K_M', 'llama.cpp:tensor'),
    check: (cmds) => {
      const vllm = only(cmds, 'vllm');
      expect(flag(vllm, '--tensor-parallel-size')).toBe('1');
      expect(flag(vllm, '--pipeline-parallel-size')).toBe('3');
      expect(notes(vllm)).toMatch(/attention heads \(64\) must be divisible by tensor parallel size \(3\)/);
      expect(vllm.env.CUDA_VISIBLE_DEVICES).toBe('0,1,2');
    },
  },
  {
    name: 'FP8 plan of a BF16 model → vLLM and SGLang quantize while loading (--quantization fp8)',
    plan: () => planned(['RTX 4090'], 'llama-3.1-8b', 'fp8', 'vllm:tp1', { runtime: 'vllm' }),
    check: (cmds) => {
      expect(flag(only(cmds, 'vllm'), '--quantization')).toBe('fp8');
      expect(flag(only(cmds, 'sglang'), '--quantization')).toBe('fp8');
      expect(only(cmds, 'vllm').argv[2]).toBe('meta-llama/Llama-3.1-8B');
    },
  },
  {
    name: 'q8_0 KV cache → -ctk/-ctv q8_0, OLLAMA_KV_CACHE_TYPE=q8_0, vLLM fp8, SGLang fp8_e4m3, TabbyAPI Q8',
    plan: () =>
      planned(TWO_3090, 'llama-3.1-70b', 'Q4_K_M', 'llama.cpp:layer', {
        llama: { cacheTypeK: 'q8_0', cacheTypeV: 'q8_0' },
      }),
    check: (cmds) => {
      const llama = only(cmds, 'llama.cpp');
      expect([flag(llama, '-ctk'), flag(llama, '-ctv')]).toEqual(['q8_0', 'q8_0']);
      expect(
        cmds.find((c) => c.argv[1] === 'serve' && c.runtime === 'ollama')?.env.OLLAMA_KV_CACHE_TYPE,
      ).toBe('q8_0');
      expect(flag(only(cmds, 'vllm'), '--kv-cache-dtype')).toBe('fp8');
      expect(flag(only(cmds, 'sglang'), '--kv-cache-dtype')).toBe('fp8_e4m3');
      expect(file(only(cmds, 'exllamav2'), 'config.yml')).toContain('cache_mode: Q8');
    },
  },
  {
    name: 'Ollama over two cards → OLLAMA_SCHED_SPREAD=1 and the planned context; create/run steps with the Modelfile',
    plan: () => planned(TWO_3090, 'llama-3.1-70b', 'Q4_K_M', 'ollama:layer'),
    check: (cmds) => {
      const ollama = cmds.filter((c) => c.runtime === 'ollama');
      expect(cmds[0]?.runtime).toBe('ollama');
      expect(ollama.map((c) => c.argv.slice(0, 2).join(' '))).toEqual([
        'ollama serve',
        'ollama create',
        'ollama run',
      ]);
      expect(ollama[0]?.env).toMatchObject({
        CUDA_DEVICE_ORDER: 'PCI_BUS_ID',
        CUDA_VISIBLE_DEVICES: '0,1',
        OLLAMA_SCHED_SPREAD: '1',
        OLLAMA_CONTEXT_LENGTH: '8192',
        OLLAMA_NUM_PARALLEL: '1',
      });
      // Ollama's default (auto) checks the device supports flash attention: forced only where needed.
      expect(ollama[0]?.env.OLLAMA_FLASH_ATTENTION).toBeUndefined();
      expect(ollama[0]?.env.OLLAMA_KV_CACHE_TYPE).toBeUndefined();
      expect(ollama[1]?.argv).toEqual(['ollama', 'create', 'llama-3.1-70b-q4_k_m', '-f', 'Modelfile']);
      expect(file(ollama[1] as LaunchCommand, 'Modelfile')).toBe(
        'FROM models/Llama-3.1-70B-Q4_K_M.gguf\nPARAMETER num_ctx 8192\n',
      );
    },
  },
  {
    name: 'Ollama on one card → no OLLAMA_SCHED_SPREAD',
    plan: () => planned(['RTX 4090'], 'llama-3.1-8b', 'Q4_K_M', 'ollama:none'),
    check: (cmds) => {
      expect(cmds.find((c) => c.argv.join(' ') === 'ollama serve')?.env.OLLAMA_SCHED_SPREAD).toBeUndefined();
    },
  },
  {
    name: 'TabbyAPI on a layer split → gpu_split_auto false and one GB figure per card, covering the planned weights',
    plan: () => planned(TWO_3090, 'llama-3.1-70b', 'Q4_K_M', 'llama.cpp:layer'),
    check: (cmds, p) => {
      const yml = file(only(cmds, 'exllamav2'), 'config.yml');
      expect(yml).toContain('gpu_split_auto: false');
      const split = /gpu_split: \[(.*)\]/.exec(yml)?.[1]?.split(', ').map(Number) ?? [];
      expect(split).toHaveLength(2);
      p.strategy.perGpu.forEach((g, i) => expect((split[i] ?? 0) * 1024).toBeGreaterThan(g.weightsMiB));
      expect(yml).toContain('max_seq_len: 8192');
      expect(only(cmds, 'exllamav2').argv).toEqual(['python', 'main.py']);
    },
  },
  {
    name: '4 parallel slots → -c is ctx × 4 with -np 4; OLLAMA_NUM_PARALLEL=4; TabbyAPI cache_size 32768',
    plan: () => planned(['RTX 4090'], 'llama-3.1-8b', 'Q4_K_M', 'llama.cpp:none', { llama: { parallel: 4 } }),
    check: (cmds) => {
      const llama = only(cmds, 'llama.cpp');
      expect([flag(llama, '-c'), flag(llama, '-np')]).toEqual(['32768', '4']);
      expect(cmds.find((c) => c.argv.join(' ') === 'ollama serve')?.env.OLLAMA_NUM_PARALLEL).toBe('4');
      expect(file(only(cmds, 'exllamav2'), 'config.yml')).toContain('cache_size: 32768');
    },
  },
  {
    name: 'a model imported from a GGUF file → llama.cpp and the Modelfile load that file, no placeholder note',
    plan: () =>
      planned(['RTX 4090'], 'llama-3.1-8b', 'Q4_K_M', 'llama.cpp:none', {
        model: { ...catalogModel('llama-3.1-8b', 'Q4_K_M'), quant: null, path: '/data/llama 8b.gguf' },
      }),
    check: (cmds) => {
      const llama = only(cmds, 'llama.cpp');
      expect(flag(llama, '-m')).toBe('/data/llama 8b.gguf');
      expect(notes(llama)).not.toMatch(/placeholder/);
      expect(cmds.map((c) => file(c, 'Modelfile')).join('')).toContain('FROM /data/llama 8b.gguf\n');
    },
  },
  {
    name: 'vLLM PP across nodes → Ray head + one worker per node, then vllm serve with TP = GPUs per node, PP = nodes, ray backend',
    plan: () => planned(TWO_3090, 'llama-3.1-70b', 'awq', 'vllm:tp2', { runtime: 'vllm', split: 'tp' }),
    options: CLUSTER,
    check: (cmds) => {
      const head = only(cmds, 'ray', 'head');
      expect(head.argv).toEqual(['ray', 'start', '--head', '--port=6379']);
      expect(head.env.VLLM_HOST_IP).toBe('10.0.0.1');
      const workers = cmds.filter((c) => c.runtime === 'ray' && c.role === 'worker');
      expect(workers.map((w) => w.env.VLLM_HOST_IP)).toEqual(['10.0.0.2', '10.0.0.3']);
      for (const w of workers) expect(w.argv).toEqual(['ray', 'start', '--address=10.0.0.1:6379', '--block']);
      const serve = only(cmds, 'vllm', 'head');
      expect(flag(serve, '--tensor-parallel-size')).toBe('2');
      expect(flag(serve, '--pipeline-parallel-size')).toBe('3');
      expect(flag(serve, '--distributed-executor-backend')).toBe('ray');
      expect(notes(head)).toMatch(/private network/);
    },
  },
  {
    name: 'SGLang across 3 nodes → one command per rank with the same --dist-init-addr; HTTP flags only on rank 0',
    plan: () => planned(TWO_3090, 'llama-3.1-70b', 'awq', 'sglang:tp2', { runtime: 'sglang', split: 'tp' }),
    options: CLUSTER,
    check: (cmds) => {
      const ranks = cmds.filter((c) => c.runtime === 'sglang' && c.role !== 'single');
      expect(ranks.map((r) => flag(r, '--node-rank'))).toEqual(['0', '1', '2']);
      for (const r of ranks) {
        expect(flag(r, '--dist-init-addr')).toBe('10.0.0.1:20000');
        expect([flag(r, '--nnodes'), flag(r, '--tp-size'), flag(r, '--pp-size')]).toEqual(['3', '2', '3']);
      }
      expect(ranks.map((r) => r.argv.includes('--port'))).toEqual([true, false, false]);
    },
  },
  {
    name: 'llama.cpp RPC → ggml-rpc-server -H <its IP> -p 50052 per worker; the head adds --rpc a:50052,b:50052, no -ts, -ngl auto',
    plan: () => planned(TWO_3090, 'llama-3.1-70b', 'Q4_K_M', 'llama.cpp:layer'),
    options: CLUSTER,
    check: (cmds) => {
      const workers = cmds.filter((c) => c.runtime === 'llama.cpp-rpc' && c.role === 'worker');
      expect(workers.map((w) => w.argv)).toEqual([
        ['ggml-rpc-server', '-H', '10.0.0.2', '-p', '50052'],
        ['ggml-rpc-server', '-H', '10.0.0.3', '-p', '50052'],
      ]);
      const head = only(cmds, 'llama.cpp-rpc', 'head');
      expect(flag(head, '--rpc')).toBe('10.0.0.2:50052,10.0.0.3:50052');
      expect(head.argv).not.toContain('-ts');
      expect(flag(head, '-ngl')).toBe('auto');
      expect(notes(workers[0] as LaunchCommand)).toMatch(/Never run|never run rpc-server on an open network/);
    },
  },
];

describe('buildCommands (table)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const p = c.plan();
    c.check(build(p, c.options), p);
  });
});

/** Every case's commands, as planned and again with a cluster and the hostile model path. */
const EVERY_BUILD: [string, RenderedCommand[]][] = CASES.flatMap((c) => {
  const p = c.plan();
  return [
    [`${c.name} (as planned)`, build(p, c.options)],
    [`${c.name} (hostile path)`, build(p, { modelPath: HOSTILE_PATH })],
    [`${c.name} (3 nodes, hostile path)`, build(p, { ...CLUSTER, modelPath: HOSTILE_PATH })],
  ];
});

describe('every emitted command', () => {
  it('covers each runtime, the strategy’s own first', () => {
    const p = planned(TWO_3090, 'llama-3.1-70b', 'Q4_K_M', 'ollama:layer');
    const runtimes = [...new Set(build(p).map((c) => c.runtime))];
    expect(runtimes).toEqual(['ollama', 'llama.cpp', 'vllm', 'sglang', 'exllamav2']);
  });

  it.each(EVERY_BUILD)(
    '%s: only flags, values, env, Modelfile parameters and config keys the runtime tables (flags/) accept',
    (_n, cmds) => {
      for (const cmd of cmds) expect(problemsOf(cmd), cmd.title).toEqual([]);
    },
  );

  it.each(EVERY_BUILD)(
    '%s: CUDA_DEVICE_ORDER=PCI_BUS_ID wherever CUDA_VISIBLE_DEVICES is set',
    (_n, cmds) => {
      for (const cmd of cmds)
        if ('CUDA_VISIBLE_DEVICES' in cmd.env)
          expect(cmd.env.CUDA_DEVICE_ORDER, cmd.title).toBe('PCI_BUS_ID');
    },
  );

  it.each(EVERY_BUILD)(
    '%s: bash prints back the exact argv; PowerShell parses back to argv and env',
    (_n, cmds) => {
      for (const cmd of cmds) {
        expect(cmd.bash).toBe(renderBash(cmd));
        expect(cmd.powershell).toBe(renderPowerShell(cmd));
        expect(echoArgsViaBash(cmd), cmd.title).toBe(printed(cmd.argv.slice(1)));
        expect(parsePowerShell(cmd.powershell), cmd.title).toEqual({ env: cmd.env, argv: cmd.argv });
      }
    },
  );

  it('the hostile path reached llama.cpp, vLLM, SGLang and the RPC head as one argument, and ran nothing', () => {
    const carrying = EVERY_BUILD.flatMap(([, cmds]) => cmds)
      .filter((c) => c.argv.includes(HOSTILE_PATH))
      .map((c) => c.runtime);
    expect(new Set(carrying)).toEqual(new Set(['llama.cpp', 'vllm', 'sglang', 'llama.cpp-rpc']));
    expect(existsSync(join(sandbox, 'x.gguf'))).toBe(true);
  });
});

describe('model paths inside files', () => {
  it('the Modelfile FROM line holds the hostile path verbatim (Ollama reads the rest of the line)', () => {
    const p = planned(TWO_3090, 'llama-3.1-70b', 'Q4_K_M', 'llama.cpp:layer');
    const modelfile = build(p, { modelPath: HOSTILE_PATH })
      .map((c) => file(c, 'Modelfile'))
      .join('');
    expect(modelfile.split('\n')[0]).toBe(`FROM ${HOSTILE_PATH}`);
  });

  it.each([
    ['a plain path stays bare', '/m/a.gguf', '/m/a.gguf'],
    ['edge spaces need quotes', ' a.gguf', '" a.gguf"'],
    ['a leading quote with quotes inside uses triple quotes', '"a".gguf', '""""a".gguf"""'],
    ['a newline needs quotes', 'a\nb', '"a\nb"'],
  ])('Modelfile value: %s', (_why, value, written) => {
    expect(modelfileValue(value)).toBe(written);
  });

  it('a Modelfile value with """ cannot be written', () => {
    expect(modelfileValue(' a"""b')).toBeNull();
  });

  it('TabbyAPI config.yml splits the hostile path into model_dir + model_name that read back exactly', () => {
    const p = planned(TWO_3090, 'llama-3.1-70b', 'Q4_K_M', 'llama.cpp:layer');
    const yml = build(p, { modelPath: HOSTILE_PATH })
      .map((c) => file(c, 'config.yml'))
      .join('');
    const read = (key: string): string => {
      const raw = new RegExp(`^ {2}${key}: (.*)$`, 'm').exec(yml)?.[1] ?? '';
      return raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    };
    expect(`${read('model_dir')}/${read('model_name')}`).toBe(HOSTILE_PATH);
  });

  it.each([
    ['a word', 'models', 'models'],
    ['an IP address', '127.0.0.1', '127.0.0.1'],
    ['a number-looking name', '4.0', '"4.0"'],
    ['a YAML boolean', 'yes', '"yes"'],
    ['a Windows path', 'C:\\models', '"C:\\\\models"'],
  ])('YAML scalar: %s', (_why, value, written) => {
    expect(yamlScalar(value)).toBe(written);
  });
});

describe('device order', () => {
  it('-ts follows gpuIndices order even when the plan lists the cards out of order (GPU 2, then GPU 0)', () => {
    const p = planned(TWO_3090, 'llama-3.1-70b', 'Q4_K_M', 'llama.cpp:layer');
    const llama = p.strategy.llama;
    if (!llama) throw new Error('no llama settings');
    const swapped: Strategy = {
      ...p.strategy,
      gpuIndices: [2, 0],
      llama: { ...llama, tensorSplit: [0.7, 0.3] },
    };
    const cmd = only(buildCommands(p.result, swapped, p.model), 'llama.cpp');
    expect(cmd.env.CUDA_VISIBLE_DEVICES).toBe('2,0');
    expect(flag(cmd, '-ts')).toBe('0.7,0.3');
  });

  it('Ray workers without addresses: one generic worker command that says to set VLLM_HOST_IP', () => {
    const p = planned(TWO_3090, 'llama-3.1-70b', 'awq', 'vllm:tp2', { runtime: 'vllm', split: 'tp' });
    const cmds = buildVllmMultiNode(
      { ...p, ctx: 8192, options: {} },
      { gpusPerNode: 2, count: 2 },
      'head.lan',
    );
    const worker = only(cmds, 'ray', 'worker');
    expect(worker.env.VLLM_HOST_IP).toBeUndefined();
    expect(notes(worker)).toMatch(/VLLM_HOST_IP/);
  });

  it('an RPC worker named by host name listens on 0.0.0.0 and says to use its LAN IP; -c when asked', () => {
    const p = planned(TWO_3090, 'llama-3.1-70b', 'Q4_K_M', 'llama.cpp:layer');
    const [worker] = buildLlamaRpcCommands({ ...p, ctx: 8192, options: {} }, [
      { address: 'gpu-box', cache: true, gpuIndices: [1, 0] },
    ]);
    expect(worker?.argv).toEqual(['ggml-rpc-server', '-H', '0.0.0.0', '-p', '50052', '-c']);
    expect(worker?.env).toEqual({ CUDA_DEVICE_ORDER: 'PCI_BUS_ID', CUDA_VISIBLE_DEVICES: '1,0' });
    expect(notes(worker as LaunchCommand)).toMatch(/gpu-box is a host name/);
  });
});
