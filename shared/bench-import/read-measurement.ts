/**
 * What a user measured, from a file of any of the forms the runtimes print: llama-bench (Markdown, CSV,
 * JSON, JSONL, SQL), a llama.cpp load log, a `vllm bench serve` result, a vLLM start-up log. A file may
 * hold several (llama-bench with `-v` prints the load log above its table). Text that is none of them
 * is refused with one line saying what was expected.
 */
import { readLlamaBench, type LlamaBenchReport } from './llama-bench';
import { readLoadLog, type LoadLogReport } from './load-log';
import { readVllmBenchServe, readVllmStartup, type VllmBenchServe, type VllmStartup } from './vllm-output';

export type Measurement = LlamaBenchReport | LoadLogReport | VllmBenchServe | VllmStartup;

export class NotAMeasurementError extends Error {}

/** Every measurement in the text; throws NotAMeasurementError when there is none. */
export function readMeasurements(text: string, name: string): Measurement[] {
  const found = [
    readLlamaBench(text),
    readLoadLog(text),
    readVllmBenchServe(text),
    readVllmStartup(text),
  ].filter((m): m is Measurement => m !== null);
  if (found.length === 0)
    throw new NotAMeasurementError(
      `${name}: not llama-bench output (a table, -o csv/json/jsonl/sql), a llama.cpp load log, a vllm bench serve result or a vLLM start-up log`,
    );
  return found;
}
