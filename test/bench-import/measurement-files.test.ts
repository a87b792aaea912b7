/**
 * Golden tests of the measurement readers on real outputs users published (`../shared/measurements`,
 * read in place: each file's source is in its SOURCES.md, the facts a reader must get in expected.json).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLlamaBench, testName } from '@shared/bench-import/llama-bench';
import { readLoadLog } from '@shared/bench-import/load-log';
import { NotAMeasurementError, readMeasurements } from '@shared/bench-import/read-measurement';
import { readVllmBenchServe, readVllmStartup } from '@shared/bench-import/vllm-output';

const DIR = resolve(__dirname, '../../../shared/measurements');
const expected = JSON.parse(readFileSync(resolve(DIR, 'expected.json'), 'utf8')) as {
  files: Record<string, Record<string, unknown>>;
};
const text = (file: string) => readFileSync(resolve(DIR, file), 'utf8');
const files = readdirSync(DIR).filter((f) => f in expected.files);

interface MdRow {
  model_text: string;
  backend: string;
  ngl: string | null;
  test: string;
  tokPerSec: string;
  stddev: string;
  extra: Record<string, string>;
}
type Fields = Record<string, string>;

describe('llama-bench output, every form', () => {
  const bench = files.filter((f) => f.startsWith('llama-bench-'));
  it('covers the fixtures (Markdown, CSV, JSON, JSONL)', () => {
    expect(bench.length).toBeGreaterThanOrEqual(14);
  });

  for (const file of bench) {
    const want = expected.files[file]!;
    it(`${file}: rows, build and device lines as printed`, () => {
      const report = readLlamaBench(text(file));
      expect(report, file).not.toBeNull();
      expect(report!.format).toBe(want.format);
      const rows = want.rows as (MdRow | Fields)[];
      expect(report!.runs).toHaveLength(rows.length);
      if (want.format === 'md') {
        expect(report!.buildLines).toEqual(want.build_lines_in_file);
        expect(report!.deviceLines).toEqual(want.device_lines);
        expect(report!.columns).toEqual(want.columns);
        rows.forEach((raw, i) => {
          const row = raw as MdRow;
          const run = report!.runs[i]!;
          expect(run.model).toBe(row.model_text);
          expect(run.backend).toBe(row.backend);
          expect(run.ngl).toBe(row.ngl === null ? null : Number(row.ngl));
          expect(run.test).toBe(row.test);
          expect(run.tokPerSec).toBe(Number(row.tokPerSec));
          expect(run.stddev).toBe(Number(row.stddev));
          for (const [column, value] of Object.entries(row.extra)) expect(run.fields[column]).toBe(value);
        });
      } else {
        expect(report!.build).toBe(want.build);
        rows.forEach((raw, i) => {
          const row = raw as Fields;
          const run = report!.runs[i]!;
          expect(run.test).toBe(row.test_derived);
          expect(run.tokPerSec).toBeCloseTo(Number(row.avg_ts), 6);
          expect(run.model).toBe(row.model_type);
          // `test_derived` and `build` are what the Markdown printer would show, not fields of the file.
          expect(report!.build).toBe(row.build);
          for (const [field, value] of Object.entries(row))
            if (field !== 'test_derived' && field !== 'build')
              expect(Number(run.fields[field]) || run.fields[field]).toBe(Number(value) || value);
        });
      }
      expect(report!.skipped).toEqual([]);
    });
  }

  it('reads the settings a run varied: split, tensor split, experts in RAM, KV types, flash attention, depth', () => {
    const moe = readLlamaBench(text('llama-bench-02-arc-b580-vulkan-n-cpu-moe-depth-dev-qwen35moe-35b.md'))!;
    const deep = moe.runs.find((r) => r.test === 'tg512 @ d4096')!;
    expect(deep).toMatchObject({ genTokens: 512, depth: 4096, promptTokens: 0 });
    expect(deep.settings).toMatchObject({
      nCpuMoe: 22,
      typeK: 'q8_0',
      ubatch: 1024,
      flashAttention: true,
      devices: 'Vulkan1',
    });
    const ts = readLlamaBench(text('llama-bench-11-2x3090-cuda-ik-llama-fork-ts-mmap-deepseek-r1-iq1s.md'))!;
    expect(ts.runs[0]!.settings.tensorSplit).toEqual([23, 23]);
    const tensor = readLlamaBench(text('llama-bench-12-arc-b70-plus-b580-sycl-sm-tensor-gemma4-31b.md'))!;
    expect(tensor.runs[0]!.settings.splitMode).toBe('tensor');
    const ot = readLlamaBench(text('llama-bench-06-gtx1650super-cuda-ot-exps-cpu-qwen3moe-30b.md'))!;
    expect(ot.runs[0]!.settings.overrideTensors).toBe('exps=CPU');
    expect(ot.buildNumber).toBe(5318);
  });

  it('names the test as the Markdown printer does', () => {
    expect(testName(512, 0, 0)).toBe('pp512');
    expect(testName(0, 128, 4096)).toBe('tg128 @ d4096');
    expect(testName(512, 128, 0)).toBe('pp512+tg128');
  });
});

describe('messy pastes: what is there is read, what is not is named', () => {
  const md = text('llama-bench-08-8xH100-cuda-multigpu-deepseek-v3-671b-q5km.md');
  it('a cut last line, a warning between rows, ANSI colours, two runs in one file', () => {
    const lines = md.split('\n');
    const table = lines.filter((l) => l.startsWith('|'));
    const messy = [
      '\u001b[32m' + lines.join('\n').replace(table[2]!, `${table[2]}\nwarning: something between rows`),
      lines.join('\n'),
      table[0]! + '\n' + table[1]! + '\n' + table[2]!.slice(0, 40),
    ].join('\n');
    const report = readLlamaBench(messy)!;
    const rows = (
      expected.files['llama-bench-08-8xH100-cuda-multigpu-deepseek-v3-671b-q5km.md']!.rows as unknown[]
    ).length;
    expect(report.runs).toHaveLength(rows * 2);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]!.reason).toMatch(/cells where the header has/);
  });

  it('SQL output (-o sql): the INSERT rows, a cut one named', () => {
    const sql = [
      'CREATE TABLE IF NOT EXISTS test (build_commit TEXT, build_number INTEGER, model_type TEXT, n_prompt INTEGER, n_gen INTEGER, n_depth INTEGER, avg_ts REAL, stddev_ts REAL);',
      "INSERT INTO test (build_commit, build_number, model_type, n_prompt, n_gen, n_depth, avg_ts, stddev_ts) VALUES ('8cf427ff', '5163', 'llama 7B Q4_0', '512', '0', '0', '4412.5', '12.1');",
      "INSERT INTO test (build_commit, build_number, model_type, n_prompt, n_gen, n_depth, avg_ts, stddev_ts) VALUES ('8cf427ff', '5163', 'llama 7B Q4_0', '0', '128', '0', '162.3', '0.4');",
      'INSERT INTO test (build_commit, build_number, model_type, n_prompt, n_gen',
    ].join('\n');
    const report = readLlamaBench(sql)!;
    expect(report.format).toBe('sql');
    expect(report.runs.map((r) => [r.test, r.tokPerSec])).toEqual([
      ['pp512', 4412.5],
      ['tg128', 162.3],
    ]);
    expect(report.build).toBe('8cf427ff (5163)');
    expect(report.skipped[0]!.reason).toMatch(/cut short/);
  });

  it('a file that is none of these is refused with one line', () => {
    expect(() => readMeasurements('hello\nworld\n', 'notes.txt')).toThrow(NotAMeasurementError);
    expect(() => readMeasurements('', 'empty.txt')).toThrow(/not llama-bench output/);
  });
});

describe('llama.cpp load logs: what each device holds', () => {
  for (const file of files.filter((f) => f.startsWith('load-log-'))) {
    const want = expected.files[file]!;
    it(`${file}: per-device model, KV and compute MiB; host buffers apart`, () => {
      const log = readLoadLog(text(file))!;
      expect(log).not.toBeNull();
      const devices = want.devices as {
        device: string;
        modelMiB: string;
        kvMiB: string;
        computeMiB: string;
      }[];
      expect(log.devices.map((d) => d.device)).toEqual(devices.map((d) => d.device));
      devices.forEach((d, i) => {
        const got = log.devices[i]!;
        expect([got.modelMiB, got.kvMiB, got.computeMiB]).toEqual([
          Number(d.modelMiB),
          Number(d.kvMiB),
          Number(d.computeMiB),
        ]);
      });
      const hosts = want.host_buffers as { buffer: string; kind: string; MiB: string }[];
      expect(log.hostBuffers.map((h) => [h.buffer, h.kind, h.mib])).toEqual(
        hosts.map((h) => [h.buffer, h.kind, Number(h.MiB)]),
      );
      expect(log.nCtx).toBe(Number(want.n_ctx));
      expect(log.build).toBe(want.build);
      for (const [fact, value] of Object.entries(want.model as Record<string, string>))
        if (fact !== 'file') expect(log.model[fact], fact).toBe(value);
    });
  }
});

describe('vLLM outputs', () => {
  it('vllm bench serve (and the older benchmark_serving.py): every figure as printed; per-stream decode from TPOT', () => {
    for (const file of [
      'vllm-01-4xMI100-rocm-tp4-qwen3-next-80b-a3b-gptq-int4-bench-serve.txt',
      'vllm-02-4xMI100-rocm-tp4-qwen3-32b-benchmark-serving.txt',
    ]) {
      const got = readVllmBenchServe(text(file))!;
      const figures = expected.files[file]!.figures as Record<string, string>;
      for (const [key, value] of Object.entries(figures)) expect(got.figures[key], key).toBe(value);
      expect(got.decodeTokPerSec).toBeCloseTo(1000 / Number(figures['Mean TPOT (ms)']), 6);
      expect(got.outputTokPerSec).toBe(Number(figures['Output token throughput (tok/s)']));
    }
  });

  it('a start-up log: weights, the KV pool and its concurrency, with tqdm bars and log prefixes around them', () => {
    const file = 'vllm-03-dgx-spark-gb10-gemma4-26b-a4b-awq-int4-startup.txt';
    const got = readVllmStartup(text(file))!;
    const f = expected.files[file]!.figures as Record<string, string> & {
      'Maximum concurrency': { tokens_per_request: string; value: string };
    };
    expect(got.availableKvGiB).toBe(Number(f['Available KV cache memory']!.split(' ')[0]));
    expect(got.kvTokens).toBe(Number(f['GPU KV cache size']!.split(' ')[0]!.replace(/,/g, '')));
    expect(got.weightsGiB).toBe(Number(f['Model loading took']!.split(' ')[0]));
    expect(got.maxConcurrency).toEqual({
      tokensPerRequest: Number(f['Maximum concurrency'].tokens_per_request.replace(/,/g, '')),
      value: Number(f['Maximum concurrency'].value.replace('x', '')),
    });
    expect(got.gpuBlocks).toBeNull();
    expect(got.gpuMemoryUtilization).toBe(Number(f.gpu_memory_utilization));
    expect(got.model).toBe(f.model);
    expect(got.version).toBe('0.25.1');
  });
});
