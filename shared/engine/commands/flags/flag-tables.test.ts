/**
 * The flag tables against the builders: every flag, value, variable, Modelfile parameter and config key
 * that any command of a spread of plans emits (each runtime, NVIDIA, AMD, Apple, mixed cards, several
 * machines, long context, concurrency, pins) is in the tables and accepted there; adapted to an older
 * runtime version, a command needs nothing newer than that version; and the tables name their sources.
 */
import { describe, expect, it } from 'vitest';
import { adviceFor, type RequestSpec } from '../../../../test/support/plan-request';
import { findNetwork, withClusterNodes } from '../../cluster';
import { machineFromNames } from '../../machine';
import type { LaunchCommand } from '../command-types';
import { adaptToVersion } from './adapt';
import { ENV, PROGRAMS, problemsOf, requirementOf, requirementText } from './index';
import { OLLAMA_MODELFILE, TABBY_KEYS } from './ollama-tabby-flags';
import {
  atLeast,
  atMost,
  parseRuntimeVersion,
  parseVersion,
  VERSIONED_RUNTIMES,
  type RuntimeVersions,
} from './runtime-version';

const cluster = withClusterNodes(machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'], ramGiB: 64 }), {
  nodes: [{ gpuNames: ['RTX 3090', 'RTX 3090'] }],
  network: findNetwork('10gbe')!,
});

type Spec = RequestSpec & { strategyId?: string; commands?: { modelPath?: string; headAddress?: string } };

/** Plans that between them make every builder emit everything it can. */
const SPREAD: readonly [string, Spec][] = [
  ['2× 3090, 70B Q4_K_M', { gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b' }],
  [
    '2× 3090, 70B, q8_0 KV, 4 users',
    {
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'llama-3.1-70b',
      concurrency: 4,
      llama: { cacheTypeK: 'q8_0', cacheTypeV: 'q8_0' },
    },
  ],
  ['2× 3090, tensor mode', { gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b', split: 'tensor' }],
  [
    '2× 3090, pinned split for Ollama',
    {
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'llama-3.1-70b',
      runtime: 'ollama',
      llama: { tensorSplit: [3, 1] },
    },
  ],
  ['one 4090, 70B offloaded', { gpus: ['RTX 4090'], model: 'llama-3.1-70b', ramGiB: 128 }],
  [
    'one 4090, Qwen3-30B-A3B experts in RAM',
    { gpus: ['RTX 4090'], model: 'qwen3-30b-a3b', quant: 'Q8_0', strategyId: 'llama.cpp:moe-offload' },
  ],
  ['2× 3090, Qwen3-8B at 131072 (YaRN)', { gpus: ['RTX 3090', 'RTX 3090'], model: 'qwen3-8b', ctx: 131072 }],
  [
    '3090+3090+3060, 70B AWQ (uneven stages)',
    { gpus: ['RTX 3090', 'RTX 3090', 'RTX 3060'], model: 'llama-3.1-70b', quant: 'awq', ctx: 4096 },
  ],
  [
    '2× 3090, 70B FP8, vLLM GGUF path',
    {
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'llama-3.1-8b',
      quant: 'fp8',
      commands: { modelPath: 'C:\\models\\x y.gguf' },
    },
  ],
  ['one 3090, EXL2', { gpus: ['RTX 3090'], model: 'llama-3.1-8b', quant: '4.0bpw' }],
  ['2× 7900 XTX (AMD)', { gpus: ['Radeon RX 7900 XTX', 'Radeon RX 7900 XTX'], model: 'llama-3.1-70b' }],
  ['Apple M2 Ultra', { gpus: ['Apple M2 Ultra'], model: 'llama-3.1-70b' }],
  [
    'two machines, vLLM',
    {
      machine: cluster,
      model: 'llama-3.1-70b',
      quant: 'awq',
      runtime: 'vllm',
      commands: { headAddress: '10.0.0.1' },
    },
  ],
  [
    'two machines, SGLang',
    {
      machine: cluster,
      model: 'llama-3.1-70b',
      quant: 'awq',
      runtime: 'sglang',
      commands: { headAddress: '10.0.0.1' },
    },
  ],
  [
    'two machines, llama.cpp RPC',
    {
      machine: cluster,
      model: 'llama-3.1-70b',
      runtime: 'llama.cpp',
      strategyId: 'llama.cpp:rpc',
      commands: { headAddress: '10.0.0.1' },
    },
  ],
];

const commandsOf = (spec: Spec): readonly LaunchCommand[] => adviceFor(spec).commands;

/** Older versions of each runtime, down to the oldest the fallbacks cover. */
const OLDER: readonly RuntimeVersions[] = [
  { 'llama.cpp': 'b6000' },
  { 'llama.cpp': 'b7000' },
  { 'llama.cpp': 'b8000' },
  { 'llama.cpp': 'b9000' },
  { 'llama.cpp': 'b9800' },
  { vllm: '0.11.0' },
  { vllm: '0.6.4' },
  { sglang: '0.4.5' },
  { ollama: '0.12.0' },
  { ollama: '0.29.0' },
  { tabbyapi: '2026-07-20' },
];

describe('the flag tables', () => {
  it.each(SPREAD)('%s: every command passes only what the tables accept', (_, spec) => {
    const cmds = commandsOf(spec);
    expect(cmds.length).toBeGreaterThan(0);
    for (const cmd of cmds) expect(problemsOf(cmd), `${cmd.runtime}: ${cmd.argv.join(' ')}`).toEqual([]);
  });

  it.each(SPREAD)(
    '%s: adapted to older versions, a command needs nothing newer, and says what it changed',
    (_, spec) => {
      const cmds = commandsOf(spec);
      for (const versions of OLDER) {
        const [runtime, version] = Object.entries(versions)[0] as [keyof RuntimeVersions, string];
        for (const cmd of cmds) {
          const adapted = adaptToVersion(cmd, versions);
          expect(problemsOf(adapted), `${runtime} ${version}: ${adapted.argv.join(' ')}`).toEqual([]);
          const req = requirementOf(adapted);
          if (req?.runtime !== runtime) continue;
          if (req.min)
            expect(atLeast(runtime, version, req.min), `${adapted.argv.join(' ')} needs ${req.min}`).toBe(
              true,
            );
          if (req.max && !atMost(runtime, version, req.max))
            expect(adapted.notes.join(' '), 'a command past its last version says so').toMatch(/no longer/);
          const changed = JSON.stringify([adapted.argv, adapted.env]) !== JSON.stringify([cmd.argv, cmd.env]);
          if (changed) expect(adapted.notes.filter((n) => !cmd.notes.includes(n)).length).toBeGreaterThan(0);
        }
      }
    },
  );

  it('each entry names its source (repository and file, PR or docs) and its versions parse', () => {
    const entries = [
      ...Object.values(PROGRAMS).flatMap((p) => [
        { ...p, values: 'none' as const },
        ...Object.values(p.flags).map((f) => ({ runtime: p.runtime, ...f })),
      ]),
      ...Object.values(ENV),
      ...Object.values(OLLAMA_MODELFILE).map((f) => ({ runtime: 'ollama' as const, ...f })),
      ...Object.values(TABBY_KEYS).map((f) => ({ runtime: 'tabbyapi' as const, ...f })),
    ];
    for (const e of entries) {
      expect(e.ref).toMatch(/\//);
      if (!e.runtime) continue;
      const versions = [
        e.since,
        e.until,
        ...Object.values(e.valueSince ?? {}),
        ...Object.values(e.partSince ?? {}),
      ];
      for (const v of versions.filter((x): x is string => !!x))
        expect(parseVersion(e.runtime, v), `${e.ref}: ${v}`).not.toBeNull();
    }
  });
});

describe('older versions get the older spelling', () => {
  const advice = (spec: Spec) => adviceFor(spec);
  const llamaOf = (spec: Spec, versions: RuntimeVersions) =>
    advice({ ...spec, commands: { ...spec.commands, versions } } as Spec).commands.find(
      (c) => c.runtime === 'llama.cpp',
    );

  it('llama.cpp b6000: -ngl 999, a bare -fa, no --fit, a layer split for tensor mode — each with a note', () => {
    const cmd = llamaOf(
      {
        gpus: ['RTX 3090', 'RTX 3090'],
        model: 'llama-3.1-70b',
        split: 'tensor',
        llama: { cacheTypeK: 'q8_0', cacheTypeV: 'q8_0' },
      },
      { 'llama.cpp': 'b6000' },
    );
    const line = cmd?.argv.join(' ') ?? '';
    expect(line).toMatch(/-ngl 999/);
    expect(line).toMatch(/-sm layer/);
    expect(line).not.toMatch(/--fit|-fa on/);
    expect(cmd?.argv).toContain('-fa');
    const notes = cmd?.notes.join('\n') ?? '';
    expect(notes).toMatch(/-ngl 999 stands for all layers/);
    expect(notes).toMatch(/bare -fa/);
    expect(notes).toMatch(/--fit left out/);
    expect(notes).toMatch(/-sm tensor needs a newer build/);
  });

  it('llama.cpp b6000 with experts in RAM: -ot for --n-cpu-moe', () => {
    const cmd = llamaOf(
      { gpus: ['RTX 4090'], model: 'qwen3-30b-a3b', quant: 'Q8_0', strategyId: 'llama.cpp:moe-offload' },
      { 'llama.cpp': 'b6000' },
    );
    expect(cmd?.argv).not.toContain('--n-cpu-moe');
    expect(cmd?.argv[cmd.argv.indexOf('-ot') + 1]).toMatch(/^blk\\\.\(0(\|\d+)*\)\\\.ffn_\.\*_exps\\\.=CPU$/);
  });

  it('the RPC worker is rpc-server before b9824', () => {
    const cmds = advice({
      machine: cluster,
      model: 'llama-3.1-70b',
      runtime: 'llama.cpp',
      strategyId: 'llama.cpp:rpc',
      commands: { headAddress: '10.0.0.1', versions: { 'llama.cpp': 'b9000' } },
    } as Spec).commands;
    const worker = cmds.find((c) => c.role === 'worker');
    expect(worker?.argv[0]).toBe('rpc-server');
    expect(worker?.notes.join(' ')).toMatch(/ggml-rpc-server from b9824/);
    expect(cmds.find((c) => c.role === 'head')?.notes.join(' ')).toMatch(/-DGGML_RPC=ON/);
  });

  it('vLLM 0.11: the RoPE override uses rope_scaling; Ollama 0.29: no LLAMA_ARG_TENSOR_SPLIT, with a note', () => {
    const qwen = advice({
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'qwen3-8b',
      ctx: 131072,
      commands: { versions: { vllm: '0.11.0' } },
    } as Spec).commands.find((c) => c.runtime === 'vllm');
    expect(qwen?.argv.join(' ')).toMatch(/"rope_scaling":\{"rope_type":"yarn"/);
    expect(qwen?.requires?.min).toBe('0.6.4');
    const ollama = advice({
      gpus: ['RTX 3090', 'RTX 3090'],
      model: 'llama-3.1-70b',
      runtime: 'ollama',
      llama: { tensorSplit: [3, 1] },
      commands: { versions: { ollama: '0.29.0' } },
    } as Spec).commands.find((c) => c.runtime === 'ollama');
    expect(ollama?.env.LLAMA_ARG_TENSOR_SPLIT).toBeUndefined();
    expect(ollama?.notes.join(' ')).toMatch(/LLAMA_ARG_TENSOR_SPLIT left out: ollama reads it from 0\.30\.0/);
  });

  it('without a version, a command says the versions it needs', () => {
    const cmds = advice({ gpus: ['RTX 3090', 'RTX 3090'], model: 'llama-3.1-70b', split: 'tensor' }).commands;
    const llama = cmds.find((c) => c.runtime === 'llama.cpp');
    expect(llama?.requires).toMatchObject({ runtime: 'llama.cpp', min: 'b8738' });
    expect(requirementText(llama!.requires!)).toBe('needs llama.cpp b8738 or newer (-sm tensor)');
  });
});

describe('--runtime-version values', () => {
  it('reads each runtime’s spelling and refuses what is not one', () => {
    expect(parseRuntimeVersion('llama.cpp=b6000')).toEqual({ runtime: 'llama.cpp', version: 'b6000' });
    expect(parseRuntimeVersion('vllm=v0.11.0')).toEqual({ runtime: 'vllm', version: 'v0.11.0' });
    expect(parseRuntimeVersion('tabby=exl2-checkpoint')).toEqual({
      runtime: 'tabbyapi',
      version: 'exl2-checkpoint',
    });
    expect(parseRuntimeVersion('llama.cpp=latest')).toEqual({
      error: expect.stringMatching(/not a llama.cpp version/),
    });
    expect(parseRuntimeVersion('koboldcpp=1.0')).toEqual({ error: expect.stringMatching(/RUNTIME one of/) });
    for (const r of VERSIONED_RUNTIMES) expect(parseRuntimeVersion(`${r}=x`)).toHaveProperty('error');
  });
});
